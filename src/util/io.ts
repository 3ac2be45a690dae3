/** File-system errors in words a user understands, without the stack or the syscall. */
export function describeIoError(err: unknown): string {
  switch ((err as NodeJS.ErrnoException).code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'a parent is not a folder';
    default:
      return (err as Error).message;
  }
}
