/** Reads and validates a design file. */
import { readFile } from 'node:fs/promises';
import { describeIoError } from '../util/io';
import { DesignError } from './errors';
import type { Design } from './types';
import { type DesignOptions, validateDesign } from './validate';
import { parseYaml } from './yaml';

export async function loadDesign(file: string, options: DesignOptions): Promise<Design> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new DesignError(file, `cannot read the design (${describeIoError(err)})`);
  }
  return validateDesign(parseYaml(text, file), file, options);
}
