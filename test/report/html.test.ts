/**
 * The report as a user opens it: a real headless Chromium (Debian's, driven by playwright-core) loads the
 * HTML from disk, with the network off; it must load without console errors and show every chart.
 */
import { readFileSync } from 'node:fs';
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM, chromiumInstalled, itWithChromium } from '../support/chromium';
import { cli } from '../support/cli';
import { tempDir } from '../support/tmp';

const tmp = tempDir();
let browser: Browser;

beforeAll(async () => {
  if (!chromiumInstalled) return;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  tmp.cleanup();
});

/** Two days of a cluster whose capacity and prices change every 10 minutes. */
function metrics(): string {
  const start = Date.UTC(2017, 11, 1) / 1000;
  const capacity: unknown[] = [];
  const allocated: unknown[] = [];
  const prices: unknown[] = [];
  for (let i = 0; i < 288; i++) {
    const t = start + i * 600;
    const load = 200 + 150 * Math.sin((2 * Math.PI * i) / 144);
    allocated.push([t, Math.round(load)]);
    capacity.push([t, { '<c3.8xlarge, us-west-2a>': 32 * Math.ceil(load / 0.7 / 32) }]);
    prices.push([t, 0.3 + 0.1 * Math.cos(i / 7)]);
  }
  const path = tmp.file('two-days.json.gz');
  writeFileSync(
    path,
    gzipSync(
      JSON.stringify({
        metadata: {
          'fulfilled_capacity|cluster=c,pool=default.mesos': capacity,
          'spot_prices|aws_availability_zone=us-west-2a,aws_instance_type=c3.8xlarge': prices,
        },
        system_metrics: { 'cpus_allocated|cluster=c,pool=default.mesos': allocated },
      }),
    ),
  );
  return path;
}

const TYPES = [
  'cpus',
  'cpus_allocated',
  'unused_cpus',
  'cost',
  'unused_cpus_cost',
  'cost_per_cpu',
  'oversubscribed',
];

describe('--reports all', () => {
  const prefix = tmp.file('run');
  let stdout = '';

  beforeAll(() => {
    const res = cli([
      'simulate',
      '--metrics-data-files',
      metrics(),
      '--cluster',
      'c',
      '--start-time',
      '2017-12-01T00:00:00Z',
      '--end-time',
      '2017-12-03T00:00:00Z',
      '--name',
      'two <days>',
      '--reports',
      'all',
      '--output-prefix',
      prefix,
    ]);
    expect(res.status).toBe(0);
    stdout = res.stdout;
  });

  it('writes one HTML page and a PNG per report, and says where', () => {
    expect(stdout).toContain(`Reports: ${prefix}_report.html, ${prefix}_cpus.png`);
    for (const type of TYPES) {
      const png = readFileSync(`${prefix}_${type}.png`);
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect(png.readUInt32BE(16)).toBeGreaterThan(400); // width
    }
  });

  it('is self-contained: no scripts, styles or images from elsewhere', () => {
    const html = readFileSync(`${prefix}_report.html`, 'utf8');
    expect(html).not.toMatch(/<script[^>]*src=|<link[^>]*href=|<img[^>]*src="?http|url\(http/i);
    expect(html).toContain('<title>two &lt;days&gt;</title>');
  });

  itWithChromium(
    'loads in Chromium without console errors and shows every chart with the summary',
    async () => {
      const context = await browser.newContext({ offline: true });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(m.text());
      });
      page.on('pageerror', (e) => problems.push(e.message));
      page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
      await page.goto(`file://${prefix}_report.html`, { waitUntil: 'load' });
      expect(problems).toEqual([]);
      expect(await page.locator('h1').textContent()).toBe('two <days>');
      expect(await page.locator('table.summary').textContent()).toMatch(/total cost\s*\$\d+\.\d{2}/);
      for (const type of TYPES) {
        const chart = page.locator(`section[data-report="${type}"] svg`);
        await chart.scrollIntoViewIfNeeded();
        expect(await chart.isVisible()).toBe(true);
        const box = await chart.boundingBox();
        expect(box!.width).toBeGreaterThan(400);
        expect(box!.height).toBeGreaterThan(400);
        // Three charts per report: the series path, the heatmap cells and the trend's lines.
        expect(await page.locator(`section[data-report="${type}"] svg path`).count()).toBeGreaterThan(10);
      }
      await context.close();
    },
    60_000,
  );
});
