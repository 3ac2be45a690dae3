/**
 * Decimal text -> number for range checks, from bytes. The fast path accumulates digits in a double (off by
 * at most a few ulps); callers needing the exact value near a bound use `exactNumber`. NaN when the text is
 * not a plain decimal number (no spaces, no `inf`/`nan`, no hex).
 */

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

export function approxNumber(buf: Uint8Array, start: number, end: number): number {
  let i = start;
  let negative = false;
  const first = buf[i];
  if (first === 45 /* - */ || first === 43 /* + */) {
    negative = first === 45;
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let scale = 0;
  while (i < end) {
    const d = (buf[i] as number) - 48;
    if (d < 0 || d > 9) break;
    mantissa = mantissa * 10 + d;
    digits++;
    i++;
  }
  if (i < end && buf[i] === 46 /* . */) {
    i++;
    while (i < end) {
      const d = (buf[i] as number) - 48;
      if (d < 0 || d > 9) break;
      mantissa = mantissa * 10 + d;
      digits++;
      scale--;
      i++;
    }
  }
  if (digits === 0) return NaN;
  if (i < end && (buf[i] === 101 || buf[i] === 69) /* e E */) {
    i++;
    let expNegative = false;
    if (buf[i] === 45 || buf[i] === 43) {
      expNegative = buf[i] === 45;
      i++;
    }
    let exp = 0;
    let expDigits = 0;
    while (i < end) {
      const d = (buf[i] as number) - 48;
      if (d < 0 || d > 9) break;
      exp = exp * 10 + d;
      expDigits++;
      i++;
    }
    if (expDigits === 0) return NaN;
    scale += expNegative ? -exp : exp;
  }
  if (i !== end) return NaN;
  let v: number;
  if (scale === 0) v = mantissa;
  else if (scale < 0 && scale >= -22) v = mantissa / (POW10[-scale] as number);
  else if (scale > 0 && scale <= 22) v = mantissa * (POW10[scale] as number);
  else v = mantissa * 10 ** scale;
  return negative ? -v : v;
}

/** The correctly rounded value of the same text (already known to be a plain decimal). */
export function exactNumber(buf: Buffer, start: number, end: number): number {
  return Number(buf.toString('latin1', start, end));
}
