import type { DefinitionProblem } from '../shared/shared.errors';

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

/**
 * A request of the Palaute protocol that failed: the HTTP status (0 when no answer came: offline,
 * refused, timed out), the protocol's error code, and whether trying again can help. The outbox reads
 * `retryable` and `retryAfterMs`: a 4xx is kept aside for good, a 429 or 503 waits for `Retry-After`.
 */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  /** The HTTP status; 0 when no answer came. */
  readonly status: number;
  /** The protocol's error code, e.g. `invalid_request`, `rate_limited`, `network`, `timeout`. */
  readonly code: string;
  /** Whether trying again later can help. */
  readonly retryable: boolean;
  /** How long the server asked to wait (`Retry-After`), in ms. */
  readonly retryAfterMs: number | undefined;
  /** For invalid requests: every problem with its path. */
  readonly problems: readonly DefinitionProblem[];

  constructor(init: {
    status: number;
    code: string;
    message: string;
    retryable?: boolean;
    retryAfterMs?: number | undefined;
    problems?: readonly DefinitionProblem[] | undefined;
  }) {
    super(init.message);
    this.status = init.status;
    this.code = init.code;
    this.retryable = init.retryable ?? isRetryableStatus(init.status);
    this.retryAfterMs = init.retryAfterMs;
    this.problems = init.problems ?? [];
  }
}

/**
 * Whether a status is worth retrying: no answer (0), 408, 425, 429 and 5xx. Every other 4xx is
 * definitive: the same request would be refused again.
 */
export function isRetryableStatus(status: number): boolean {
  return status === 0 || status === 408 || status === 425 || status === 429 || status >= 500;
}

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
