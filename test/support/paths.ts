import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');
/** Real inputs of the reference tools (other public projects), kept beside the project, never copied into it. */
export const SHARED = resolve(ROOT, '../shared');
/** Real files from Python's clusterman, in ../shared. */
export const CLUSTERMAN_FIXTURES = resolve(ROOT, '../shared/fixtures/clusterman');
export const BIN = join(ROOT, 'bin/run.js');
