/**
 * The README's fenced `yaml` and `sh` blocks, with the `<!-- readme-test: ... -->` marker on the line before
 * a block (blank lines between allowed) saying how to check it:
 *   skip (why)          not run: needs something a test cannot have (a token, a server)
 *   victoria-metrics    sh run against a VictoriaMetrics started by the test (its URL replaces localhost:8428)
 *   prometheus          sh run against a Prometheus stand-in answering every query with a series per AZ
 *                       (its URL replaces localhost:9090)
 *   http-receiver       sh run against an HTTP receiver started by the test that accepts every POST (its URL
 *                       replaces every http://localhost:PORT)
 *   exit N              every sh command of the block is expected to exit N
 *   autoscaler-config   yaml loaded as an autoscaler config instead of a design
 *   users-config        yaml loaded as a `users run` config
 *   event-target        yaml loaded as a generate-events target (a `target:` block or `--target` file)
 * A sh block's words combine: `<!-- readme-test: prometheus victoria-metrics -->`.
 */
export type Check =
  | {
      readonly kind: 'run';
      readonly exit: number;
      readonly victoria: boolean;
      readonly prometheus: boolean;
      readonly receiver: boolean;
    }
  | { readonly kind: 'design' }
  | { readonly kind: 'autoscaler-config' }
  | { readonly kind: 'users-config' }
  | { readonly kind: 'event-target' }
  | { readonly kind: 'skip'; readonly why: string };

export interface ReadmeBlock {
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly lang: 'yaml' | 'sh';
  readonly body: string;
  readonly check: Check;
}

const MARKER = /^<!--\s*readme-test:\s*(.*?)\s*-->$/;

export function readmeBlocks(text: string): ReadmeBlock[] {
  const lines = text.split('\n');
  const blocks: ReadmeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)\s*$/.exec(lines[i] as string);
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i] as string); i++) body.push(lines[i] as string);
    const lang = open[1];
    if (lang !== 'yaml' && lang !== 'sh') continue;
    let before = start - 1;
    while (before >= 0 && (lines[before] as string).trim() === '') before--;
    const marker = MARKER.exec((lines[before] ?? '').trim())?.[1];
    blocks.push({ line: start + 1, lang, body: body.join('\n'), check: checkOf(lang, marker, start + 1) });
  }
  return blocks;
}

function checkOf(lang: 'yaml' | 'sh', marker: string | undefined, line: number): Check {
  const skip = marker && /^skip \((.+)\)$/.exec(marker);
  if (skip) return { kind: 'skip', why: skip[1] as string };
  if (lang === 'yaml') {
    if (marker === undefined || marker === 'design') return { kind: 'design' };
    if (marker === 'autoscaler-config') return { kind: 'autoscaler-config' };
    if (marker === 'users-config') return { kind: 'users-config' };
    if (marker === 'event-target') return { kind: 'event-target' };
  } else {
    const words = (marker ?? '')
      .replace(/exit (\d+)/, 'exit=$1')
      .split(/\s+/)
      .filter(Boolean);
    const run = { kind: 'run' as const, exit: 0, victoria: false, prometheus: false, receiver: false };
    for (const word of words) {
      if (word === 'victoria-metrics') run.victoria = true;
      else if (word === 'prometheus') run.prometheus = true;
      else if (word === 'http-receiver') run.receiver = true;
      else if (/^exit=\d+$/.test(word)) run.exit = Number(word.slice(5));
      else throw new Error(`README.md line ${line}: unknown readme-test marker '${marker}' for a sh block`);
    }
    return run;
  }
  throw new Error(`README.md line ${line}: unknown readme-test marker '${marker}' for a ${lang} block`);
}

/** The block's commands: continuation lines (`\` at the end) joined, blank lines and comments dropped. */
export function shCommands(body: string): string[] {
  const joined = body.replace(/\\\n\s*/g, ' ');
  return joined.split('\n').filter((l) => l.trim() !== '' && !l.trim().startsWith('#'));
}
