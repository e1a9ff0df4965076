import { isRetryableStatus } from '../shared/shared.errors';

// `HttpError` lives beside `ValidationError`: the dialog's first load holds both, and the lazy files
// built whole (`protocol-send.js`, …) take both from that one file of the main build. Here, it made
// a chunk of its own in a host's esbuild bundle, loaded before the dialog could show.
export { HttpError, isRetryableStatus } from '../shared/shared.errors';

/** Error codes a server answers with, and whether trying again can help. */
export const PROTOCOL_ERROR_CODES = {
  invalid_request: false,
  unauthorized: false,
  forbidden: false,
  not_found: false,
  conflict: false,
  unsupported_protocol: false,
  payload_too_large: false,
  unsupported_media_type: false,
  rate_limited: true,
  unavailable: true,
  internal: true,
} as const;
/** An error code of the protocol. */
export type ProtocolErrorCode = keyof typeof PROTOCOL_ERROR_CODES;

/** Whether a protocol error code is worth retrying (unknown codes: by status). */
export function isRetryableCode(code: string, status: number): boolean {
  return code in PROTOCOL_ERROR_CODES
    ? PROTOCOL_ERROR_CODES[code as keyof typeof PROTOCOL_ERROR_CODES]
    : isRetryableStatus(status);
}

/**
 * Reads a `Retry-After` header, in either form: delay-seconds (`120`) or an HTTP date
 * (`Wed, 21 Oct 2026 07:28:00 GMT`, relative to `now`). `undefined` when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
