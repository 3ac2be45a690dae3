/**
 * Network failures' codes, as Node and axios report them, in the words people use. Kept apart from the HTTP
 * client so that error messages can use it without loading axios on every command's start-up.
 */
const NETWORK_WORDS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'timed out',
  ECONNABORTED: 'timed out',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ERR_BAD_RESPONSE: 'bad response',
};

/** The words for a network code; other codes are shown as they are. */
export const networkWords = (code: string): string => NETWORK_WORDS[code] ?? code;
