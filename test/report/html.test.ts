/**
 * The report as a user opens it: a real headless Chromium (Debian's, driven by playwright-core) loads the
 * HTML from disk, with the network off; it must load without console errors, say what was simulated, and
 * show every chart with marks, legends and dated axes. The compare page shows both runs' figures.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM, chromiumInstalled, itWithChromium } from '../support/chromium';
import { cli } from '../support/cli';
import { ROOT } from '../support/paths';
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

const MARKET = '<c3.8xlarge, us-west-2a>';

/** Two days of a cluster whose allocation, capacity and price change every 10 minutes. */
function metrics(): string {
  const start = Date.UTC(2017, 11, 1) / 1000;
  const capacity: unknown[] = [];
  const allocated: unknown[] = [];
  const prices: unknown[] = [];
  for (let i = 0; i < 288; i++) {
    const t = start + i * 600;
    const load = 200 + 150 * Math.sin((2 * Math.PI * i) / 144);
    allocated.push([t, Math.round(load)]);
    capacity.push([t, { [MARKET]: 32 * Math.ceil(load / 0.7 / 32) }]);
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

/** Spot c3.8xlarge and on-demand c5.9xlarge, aiming at 70 % ± 5 % allocated. */
function autoscalerConfig(): string {
  const path = tmp.file('autoscaler.yaml');
  writeFileSync(
    path,
    `period: 10m
setpoint: 0.7
setpoint_margin: 0.05
min_capacity: 64
max_capacity: 2000
max_weight_to_add: 256
max_weight_to_remove: 128
target_capacity: 320
resource_groups:
  - type: spot_fleet
    launch_specs:
      - { instance_type: c3.8xlarge, az: us-west-2a, bid: 0.03, weight: 32 }
  - type: on_demand
    instance_type: c5.9xlarge
    az: us-west-2a
    weight: 36
`,
  );
  return path;
}

const CHARTS = [
  'capacity',
  'utilization',
  'cost_split',
  'cpus',
  'cpus_allocated',
  'unused_cpus',
  'cost',
  'unused_cpus_cost',
  'cost_per_cpu',
  'oversubscribed',
];
const WINDOW = ['--start-time', '2017-12-01T00:00:00Z', '--end-time', '2017-12-03T00:00:00Z'];
const DATED = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)$/;

const data = metrics();
const config = autoscalerConfig();
const version = (JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8')) as { version: string }).version;

function simulate(...args: string[]): string {
  const res = cli(['simulate', '--metrics-data-files', data, '--cluster', 'c', ...WINDOW, ...args]);
  expect(res.stderr).toBe('');
  expect(res.status).toBe(0);
  return res.stdout;
}

async function open(file: string): Promise<{ page: Page; problems: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext({ offline: true });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  await page.goto(`file://${file}`, { waitUntil: 'load' });
  return { page, problems, close: () => context.close() };
}

/** The run block as label -> cells. */
async function runBlock(page: Page): Promise<Map<string, string[]>> {
  const rows = await page
    .locator('table.run tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
  return new Map(rows.filter((r) => r.length > 0).map(([label, ...cells]) => [label as string, cells]));
}

/**
 * A chart's named legend entries with the symbol each is drawn with: `line` (a short stroke) or `square`
 * (a band or an area); a heatmap's gradient labels (numbers) are left out.
 */
async function legendSymbols(page: Page, type: string): Promise<Array<[string, string]>> {
  const entries = await page
    .locator(`section[data-report="${type}"] svg .role-legend-symbol`)
    .evaluateAll((groups) =>
      groups.flatMap((g) => {
        const label = g.parentElement?.querySelector('.role-legend-label text')?.textContent ?? '';
        const d = g.querySelector('path')?.getAttribute('d') ?? '';
        return [[label, /^M-?[\d.]+,0L[\d.]+,0$/.test(d) ? 'line' : /Z$/.test(d) ? 'square' : d]];
      }),
    );
  return entries as Array<[string, string]>;
}

/** Every chart is drawn: visible, of a real size, with marks, and its time axes dated. */
async function expectCharts(page: Page): Promise<void> {
  for (const type of CHARTS) {
    const chart = page.locator(`section[data-report="${type}"] svg`).first();
    await chart.scrollIntoViewIfNeeded();
    expect(await chart.isVisible()).toBe(true);
    const box = await chart.boundingBox();
    expect(box!.width).toBeGreaterThan(400);
    expect(box!.height).toBeGreaterThan(300);
    // Marks, not just axes: the drawn series' paths hold many points (or a heatmap many cells).
    const drawn = await page
      .locator(`section[data-report="${type}"] svg .role-mark path`)
      .evaluateAll((paths) => paths.reduce((n, p) => n + (p.getAttribute('d') ?? '').length, 0));
    expect({ type, drawn: drawn > 2000 }).toEqual({ type, drawn: true });
    const labels = await page
      .locator(`section[data-report="${type}"] svg .role-axis-label text`)
      .allTextContents();
    expect({ type, dated: labels.some((l) => DATED.test(l)) }).toEqual({ type, dated: true });
  }
}

describe('a run with --reports all', () => {
  const prefix = tmp.file('run');
  let stdout = '';

  beforeAll(() => {
    stdout = simulate(
      '--autoscaler-config',
      config,
      '--name',
      'two <days>',
      '--seed',
      '11',
      '--reports',
      'all',
      '--output-prefix',
      prefix,
      '--simulation-result-file',
      tmp.file('scaled.result.gz'),
    );
  });

  it('writes one HTML page and a PNG per chart, and says where', () => {
    expect(stdout).toContain(`Reports: ${prefix}_report.html, ${prefix}_capacity.png`);
    for (const type of CHARTS) {
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
    'opens in Chromium: the run block names the inputs and settings, every chart is drawn with dated axes',
    async () => {
      const { page, problems, close } = await open(`${prefix}_report.html`);
      expect(problems).toEqual([]);
      expect(await page.locator('h1').textContent()).toBe('two <days>');
      const run = await runBlock(page);
      expect(run.get('inputs')).toEqual([data]);
      expect(run.get('cluster')).toEqual(['c']);
      expect(run.get('window')).toEqual(['2017-12-01T00:00:00Z to 2017-12-03T00:00:00Z']);
      expect(run.get('window start')).toEqual(['capacity, prices and allocation in effect carried in']);
      expect(run.get('autoscaler config')).toEqual([config]);
      expect(run.get('autoscaler policy')).toEqual(['built-in setpoint policy']);
      expect(run.get('billing period')).toEqual(['1s']);
      expect(run.get('seed')).toEqual(['11']);
      expect(run.get('version')).toEqual([`clusterman ${version}`]);
      expect(run.get('command line')![0]).toContain(`clusterman simulate --metrics-data-files ${data}`);
      expect(run.get('ran at')![0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(await page.locator('table.summary').textContent()).toMatch(/total cost\s*\$\d+\.\d{2}/);
      await expectCharts(page);
      // Named entries only: a heatmap's colour legend labels its gradient with numbers.
      const legend = async (type: string): Promise<string[]> =>
        (
          await page.locator(`section[data-report="${type}"] svg .role-legend-label text`).allTextContents()
        ).filter((l) => !/^[−\d.,-]+$/.test(l));
      expect(await legend('capacity')).toEqual(['capacity', 'allocated', 'autoscaler target']);
      expect(await legend('utilization')).toEqual(['setpoint 70 % ± 5 %', 'allocated / capacity']);
      expect(await legend('cost_split')).toEqual(['on-demand', 'spot']);
      expect(await legend('cpus')).toEqual(
        expect.arrayContaining(['p25–p75', 'median', 'trend of the medians']),
      );
      // Lines are drawn as strokes in the legends, bands and areas as squares.
      expect(await legendSymbols(page, 'capacity')).toEqual([
        ['capacity', 'line'],
        ['allocated', 'line'],
        ['autoscaler target', 'line'],
      ]);
      expect(await legendSymbols(page, 'utilization')).toEqual([
        ['setpoint 70 % ± 5 %', 'square'],
        ['allocated / capacity', 'line'],
      ]);
      expect(await legendSymbols(page, 'cost_split')).toEqual([
        ['on-demand', 'square'],
        ['spot', 'square'],
      ]);
      expect(await legendSymbols(page, 'cpus')).toEqual([
        ['p25–p75', 'square'],
        ['median', 'line'],
        ['trend of the medians', 'line'],
      ]);
      const hours = await page
        .locator('section[data-report="cpus"] svg .role-axis-label text')
        .allTextContents();
      expect(hours).toEqual(expect.arrayContaining(['00:00', '12:00', '23:00']));
      await close();
    },
    60_000,
  );
});

describe('a comparison with --reports all', () => {
  const prefix = tmp.file('cmp');
  let doc: { a: { total_cost: number }; b: { total_cost: number }; total_cost: number };

  beforeAll(() => {
    simulate('--seed', '11', '--simulation-result-file', tmp.file('follow.result.gz'), '-q');
    const res = cli([
      'simulate',
      '--compare',
      tmp.file('scaled.result.gz'),
      tmp.file('follow.result.gz'),
      '--reports',
      'all',
      '--output-prefix',
      prefix,
      '--json',
    ]);
    expect(res.status).toBe(0);
    doc = JSON.parse(res.stdout) as typeof doc;
  });

  itWithChromium(
    "opens in Chromium with both runs' blocks and figures, and A, B and A / B on every chart",
    async () => {
      const { page, problems, close } = await open(`${prefix}_report.html`);
      expect(problems).toEqual([]);
      // The unnamed run goes by its file's name.
      expect(await page.locator('h1').textContent()).toBe('two <days> vs follow');
      const run = await runBlock(page);
      expect(run.get('inputs')).toEqual([data, data]);
      expect(run.get('autoscaler config')).toEqual([config, 'none (size follows fulfilled_capacity)']);
      const headers = await page.locator('table.summary th').allTextContents();
      expect(headers).toEqual(['figure', 'A: two <days>', 'B: follow', 'A / B']);
      const cost = await page
        .locator('table.summary tr', { hasText: 'total cost' })
        .locator('td')
        .allTextContents();
      const money = (x: number): string =>
        `$${x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
      expect(cost).toEqual([
        'total cost',
        money(doc.a.total_cost),
        money(doc.b.total_cost),
        `×${(doc.a.total_cost / doc.b.total_cost).toFixed(2)}`,
      ]);
      await expectCharts(page);
      const legend = await page
        .locator('section[data-report="cost"] svg .role-legend-label text')
        .allTextContents();
      expect(legend.slice(0, 2)).toEqual(['A: two <days>', 'B: follow']);
      const axes = await page
        .locator('section[data-report="cost"] svg .role-axis-title text')
        .allTextContents();
      expect(axes).toContain('A / B (ratio, no unit)');
      // The utilization chart shows A's setpoint band (B followed fulfilled_capacity: it has none).
      expect(await legendSymbols(page, 'utilization')).toEqual([
        ['A: setpoint 70 % ± 5 %', 'square'],
        ['A: two <days>', 'line'],
        ['B: follow', 'line'],
      ]);
      await close();
    },
    60_000,
  );
});
