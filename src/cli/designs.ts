/** `clusterman designs`: list the shipped example designs, or copy one out (to a file or stdout). */
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ShippedDesign, shippedDesigns } from '../design/shipped';
import { OverwriteDeclined } from '../generate/errors';
import { AtomicFile } from '../metrics/atomic';
import { didYouMean } from '../util/nearest';
import { UsageError } from './errors';
import { checkOutputPath, fileInFolder } from './output-paths';
import { renderTable } from './table';

export interface DesignsFlags {
  readonly name?: string;
  readonly output?: string;
  readonly force: boolean;
  readonly json: boolean;
  readonly quiet?: boolean;
}

export async function runDesigns(flags: DesignsFlags, packageRoot: string): Promise<void> {
  const dir = join(packageRoot, 'designs');
  const designs = await shippedDesigns(dir);
  if (flags.name === undefined) {
    if (flags.output !== undefined)
      throw new UsageError('--output needs a design name: clusterman designs <name> -o <file>');
    process.stdout.write(flags.json ? `${JSON.stringify(designs)}\n` : listing(designs, dir));
    return;
  }
  const design = pick(designs, flags.name);
  const text = await readFile(design.path);
  const output = flags.output ?? `${design.name}.yaml`;
  if (output === '-') {
    process.stdout.write(text);
    return;
  }
  const target =
    existsSync(output) && statSync(output).isDirectory() ? join(output, `${design.name}.yaml`) : output;
  if (existsSync(target) && !flags.force)
    throw new OverwriteDeclined(`${target} already exists: pass --force to replace it (file left unchanged)`);
  await checkOutputPath('--output', target, fileInFolder(target, `${design.name}.yaml`));
  const file = await AtomicFile.create(target);
  try {
    await file.write(text);
    await file.commit();
  } finally {
    await file.abort();
  }
  const written = { name: design.name, from: design.path, output: target };
  if (flags.quiet && !flags.json) return;
  process.stdout.write(
    flags.json
      ? `${JSON.stringify(written)}\n`
      : `Copied ${design.name} to ${target}; try: clusterman generate-data -i ${target}\n`,
  );
}

function listing(designs: readonly ShippedDesign[], dir: string): string {
  const table = renderTable(designs, [
    { header: 'name', value: (d) => d.name },
    { header: 'description', value: (d) => d.description },
  ]);
  return `${table}\n\nFiles in ${dir}; copy one with: clusterman designs <name> [-o <file>]\n`;
}

/** A design by name, with or without `.yaml`; an unknown name is a usage error with a suggestion. */
function pick(designs: readonly ShippedDesign[], name: string): ShippedDesign {
  const wanted = name.replace(/\.yaml$/, '');
  const found = designs.find((d) => d.name === wanted);
  if (found) return found;
  const names = designs.map((d) => d.name);
  throw new UsageError(
    `no shipped design '${name}'${didYouMean(wanted, names)}; the designs are ${names.join(', ')}`,
  );
}
