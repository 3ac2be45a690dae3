/**
 * Messages a user reads never carry raw codes or temp names: the pieces that reword them, fed the errors Node
 * and the HTTP clients really raise. (The CLI tests show them end to end; a failure in the middle of a write is
 * hard to provoke from outside once output paths are checked up front, so the temp-name case is pinned here.)
 */
import { errorJson, errorMessage } from '../../src/cli/errors';

function systemError(code: string, syscall: string, path: string): NodeJS.ErrnoException {
  const err: NodeJS.ErrnoException = new Error(`${code}: something, ${syscall} '${path}'`);
  err.code = code;
  err.syscall = syscall;
  err.path = path;
  return err;
}

describe('errorMessage', () => {
  it("a failed write names the file given, not AtomicFile's temp file", () => {
    const err = systemError('ENOTDIR', 'open', '/data/a-file/.result.json.gz.4242.0a1b2c3d.tmp');
    expect(errorMessage(err)).toBe('/data/a-file/result.json.gz: a parent is not a folder');
    expect(errorJson(err)).toEqual({
      error: { message: '/data/a-file/result.json.gz: a parent is not a folder', exit: 1, kind: 'failed' },
    });
  });

  it('a code inside a longer message is worded, with its path', () => {
    const err = new Error(
      "cannot save: ENOSPC: no space left on device, write '/data/.out.json.gz.7.ff.tmp'",
    );
    expect(errorMessage(err)).toBe('cannot save: /data/out.json.gz: no space left on the device');
  });

  it('network codes in words; a status told once', () => {
    expect(errorMessage(new Error('connect ECONNREFUSED 127.0.0.1:9'))).toBe(
      'connect connection refused 127.0.0.1:9',
    );
    expect(errorMessage(new Error('http://127.0.0.1:1/api/v1/import: HTTP 422 422 Unprocessable'))).toBe(
      'http://127.0.0.1:1/api/v1/import: HTTP 422 Unprocessable',
    );
  });
});
