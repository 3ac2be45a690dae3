/** Errors of the users commands that are not the config's (src/users/config.ts ConfigError, exit 2). */

/** Output files would be deleted without --yes or a yes on the terminal (exit 1, nothing changed). */
export class UsersRefused extends Error {
  override readonly name = 'UsersRefused';
}

/** A problem in a users config: one line naming the file and the key path (exit 2). */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Flags or saved state that do not fit (a --seed other than the saved one): exit 2. */
export class UsersInputError extends Error {
  override readonly name = 'UsersInputError';
}
