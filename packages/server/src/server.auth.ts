import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Caller, ProtocolRequest } from '@palaute/engine';

/** What {@link createAuthenticate} checks callers against. */
export interface AuthOptions {
  /** Signs customer ids: the host sends `x-palaute-customer: <id>.<hex hmac-sha256(secret, id)>`. */
  secret: string;
  /** The team's bearer token (`authorization: Bearer <token>`). */
  teamToken: string;
  /** The publishable key every customer request carries in `x-palaute-key`. */
  publishableKey: string;
}

/** A customer-id signature as the host computes it: hex HMAC-SHA256 of the id under the secret. */
export function signCustomerId(secret: string, customerId: string): string {
  return `${customerId}.${createHmac('sha256', secret).update(customerId).digest('hex')}`;
}

/** Compares two strings in time independent of where they differ. */
function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Thrown for a credential that is present but wrong, so the server answers 401. */
export class Unauthorized extends Error {}

/**
 * Builds the protocol handler's `authenticate`: a team bearer token makes a team caller; a
 * publishable key plus a signed customer id makes that customer; no credential is anonymous.
 */
export function createAuthenticate(options: AuthOptions) {
  return (request: ProtocolRequest): Caller => {
    const authorization = request.headers.get('authorization');
    if (authorization) {
      const token = authorization.replace(/^Bearer\s+/i, '');
      if (!safeEqual(token, options.teamToken)) throw new Unauthorized('bad team token');
      return { kind: 'team', member: { kind: 'team', id: 'team' } };
    }
    const signed = request.headers.get('x-palaute-customer');
    if (signed) {
      const key = request.headers.get('x-palaute-key') ?? '';
      if (!safeEqual(key, options.publishableKey)) throw new Unauthorized('bad publishable key');
      const dot = signed.lastIndexOf('.');
      const customerId = dot > 0 ? signed.slice(0, dot) : '';
      if (!customerId || !safeEqual(signed, signCustomerId(options.secret, customerId))) {
        throw new Unauthorized('bad customer signature');
      }
      return { kind: 'customer', customerId };
    }
    return { kind: 'anonymous' };
  };
}
