import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');
/** Real files from Python's clusterman, kept beside the project in ../shared. */
export const CLUSTERMAN_FIXTURES = resolve(ROOT, '../shared/fixtures/clusterman');
export const BIN = join(ROOT, 'bin/run.js');
