/**
 * The version of the Palaute HTTP protocol. Every request and response body carries it as
 * `protocol`, and every path starts with `/v1`. A server refuses other versions with
 * `unsupported_protocol`.
 */
export const PROTOCOL_VERSION = 1;

/** Bytes of a string in UTF-8 (body limits), without TextEncoder. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      index++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * A short, stable digest of a string (cyrb53 with two seeds: 28 hex digits, about 106 bits), to tell
 * one batch's keys from another's in an `Idempotency-Key` without crypto. Not a security measure.
 */
export function digest(text: string): string {
  const hash = (seed: number) => {
    let h1 = 0xdeadbeef ^ seed;
    let h2 = 0x41c6ce57 ^ seed;
    for (let index = 0; index < text.length; index++) {
      const code = text.charCodeAt(index);
      h1 = Math.imul(h1 ^ code, 2654435761);
      h2 = Math.imul(h2 ^ code, 1597334677);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
  };
  return hash(0) + hash(0x9e3779b9);
}
