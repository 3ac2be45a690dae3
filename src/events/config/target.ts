/** Imply's `target` block (and a --target file): where records go. */
import type { TargetSpec } from '../model';
import type { Cursor } from './cursor';

const TARGET_TYPES = ['stdout', 'file', 'http', 'kafka', 'confluent'] as const;

export function parseTargetSpec(c: Cursor): TargetSpec {
  const type = c.required('type').choice(TARGET_TYPES, 'target type');
  switch (type) {
    case 'stdout':
      return { type };
    case 'file':
      return { type, path: c.required('path').string() };
    case 'http':
      return { type, path: c.path, config: c.mapping() };
    case 'kafka':
    case 'confluent':
      return {
        type,
        topic: c.optional('topic')?.string(),
        servers: (c.optional('endpoint') ?? c.optional('servers'))?.string() ?? 'localhost:9092',
      };
  }
}
