/** File-system errors in words a user understands, without the stack, the syscall or the raw code. */
const IO_WORDS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'read-only file system',
  EISDIR: 'is a directory',
  ENOTDIR: 'a parent is not a folder',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EEXIST: 'already exists',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'the name is too long',
};

/** The words for a file-system error code (`ENOENT` -> `no such file`), if it is one we know. */
export function ioWords(code: string | undefined): string | undefined {
  return code === undefined ? undefined : IO_WORDS[code];
}

export function describeIoError(err: unknown): string {
  return ioWords((err as NodeJS.ErrnoException).code) ?? (err as Error).message;
}
