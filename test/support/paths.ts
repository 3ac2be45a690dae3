import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');
/**
 * Real inputs of the reference tools (other public projects), kept beside the project, never copied into it:
 * ../shared, or CLUSTERMAN_SHARED for a checkout kept elsewhere (a worktree).
 */
export const SHARED = resolve(process.env.CLUSTERMAN_SHARED ?? resolve(ROOT, '../shared'));
/** Real files from Python's clusterman, in ../shared. */
export const CLUSTERMAN_FIXTURES = resolve(SHARED, 'fixtures/clusterman');
export const BIN = join(ROOT, 'bin/run.js');
