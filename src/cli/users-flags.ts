/** What `users run`, `users status` and `users reset` share: the config argument and where the state lives. */
import { Args, Flags } from '@oclif/core';

export const usersConfigArg = Args.string({ description: 'Users config (YAML).', required: true });

export const stateStoreFlag = Flags.string({
  description:
    '[default: global.db_uri, else users-state.duckdb in --output-dir] State store: duckdb:///path or postgresql://user:password@host:port/db.',
});

/** status and reset look for the outputs (and the default state file) where the run wrote them. */
export const outputDirFlag = Flags.string({
  description: 'Folder of the outputs (and of the default state file).',
  default: '.',
});
