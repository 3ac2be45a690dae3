/** A config the generator cannot run: one line naming the file and the JSON path of the fault. */
export class EventConfigError extends Error {
  constructor(
    readonly file: string,
    readonly path: string,
    readonly detail: string,
  ) {
    super(`${file}: ${path === '' ? '' : `${path}: `}${detail}`);
    this.name = 'EventConfigError';
  }
}

/** Bad values for the run itself (not the config): a limit, a shard, a schedule, an endless loop. */
export class EventRunError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EventRunError';
  }
}

/** Something the config asks for that this build will not do (a Kafka target): exit 1, with the way around. */
export class EventTargetRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EventTargetRefused';
  }
}
