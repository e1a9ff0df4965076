import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Actor, Caller, ProtocolRequest } from '@palaute/engine';
import * as z from 'zod/mini';
import { toDotPath } from 'zod/v4/core';

/**
 * One team member's credential: their bearer token, their id (kept in status histories) and the name
 * customers see in their threads ("Anna from Laskutin"). The acting member is always taken from the
 * credential, never from a request body.
 */
export const teamMemberSchema = /* @__PURE__ */ (() =>
  z.object({
    token: z.string().check(z.minLength(16, 'must be at least 16 characters'), z.maxLength(500)),
    id: z.string().check(z.minLength(1), z.maxLength(200)),
    name: z.string().check(z.minLength(1), z.maxLength(200)),
  }))();
/** One team member's credential. */
export type TeamMember = z.output<typeof teamMemberSchema>;

/** What {@link createAuthenticate} checks callers against. */
export interface AuthOptions {
  /** Signs customer ids: the host sends `x-palaute-customer: <id>.<hex hmac-sha256(secret, id)>`. */
  secret: string;
  /** Every team member's credential (`authorization: Bearer <token>`). */
  teamTokens?: readonly TeamMember[];
  /**
   * One shared team token, for a single anonymous member (`{ id: 'team', name: 'Team' }`); prefer
   * `teamTokens`, so customers see who answered them.
   */
  teamToken?: string;
  /** The publishable key every customer request carries in `x-palaute-key`. */
  publishableKey: string;
}

/** A customer-id signature as the host computes it: hex HMAC-SHA256 of the id under the secret. */
export function signCustomerId(secret: string, customerId: string): string {
  return `${customerId}.${createHmac('sha256', secret).update(customerId).digest('hex')}`;
}

/**
 * A customer's display name as the host signs it, for `x-palaute-customer-name`: the name
 * URI-encoded (any script fits a header), a dot, and hex HMAC-SHA256 of `name:<id>:<name>` under
 * the secret, so it holds for that customer only. The board shows it with their ideas and comments;
 * customers never type their own.
 *
 * @example
 * headers['x-palaute-customer-name'] = signCustomerName(secret, user.id, user.displayName);
 */
export function signCustomerName(secret: string, customerId: string, name: string): string {
  const mac = createHmac('sha256', secret).update(`name:${customerId}:${name}`).digest('hex');
  return `${encodeURIComponent(name)}.${mac}`;
}

/** The name a signed `x-palaute-customer-name` carries for this customer; a bad signature is refused. */
function signedName(secret: string, customerId: string, header: string): string {
  const dot = header.lastIndexOf('.');
  let name: string | undefined;
  try {
    name = dot > 0 ? decodeURIComponent(header.slice(0, dot)) : undefined;
  } catch {
    name = undefined;
  }
  if (
    name === undefined ||
    name.length > 200 ||
    !safeEqual(header, signCustomerName(secret, customerId, name))
  )
    throw new Unauthorized('Bad customer name signature (x-palaute-customer-name).');
  return name;
}

/** Compares two strings in time independent of where they differ. */
function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

const sha256 = (text: string) => createHash('sha256').update(text).digest();

/** Thrown for a credential that is present but wrong, so the server answers 401. */
export class Unauthorized extends Error {}

/** Every member's credential, checked: tokens and ids unique. */
export function teamMembersOf(options: Pick<AuthOptions, 'teamTokens' | 'teamToken'>) {
  const given = z.safeParse(z.array(teamMemberSchema), options.teamTokens ?? []);
  if (!given.success)
    throw new TypeError(
      `Bad team tokens: ${given.error.issues.map((issue) => `${toDotPath(issue.path)}: ${issue.message}`).join('; ')}`,
    );
  const members: TeamMember[] = [...given.data];
  if (options.teamToken) members.push({ token: options.teamToken, id: 'team', name: 'Team' });
  const tokens = new Set<string>();
  const ids = new Set<string>();
  for (const member of members) {
    if (!member.token) throw new TypeError(`The team member "${member.id}" has an empty token.`);
    if (tokens.has(member.token)) throw new TypeError('Two team members share one token.');
    if (ids.has(member.id)) throw new TypeError(`The team member id "${member.id}" is used twice.`);
    tokens.add(member.token);
    ids.add(member.id);
  }
  return members;
}

/**
 * Builds the protocol handler's `authenticate`: a team member's bearer token makes that member the
 * caller (their id and name, from the credential); a publishable key plus a signed customer id makes
 * that customer (with the display name the host signed in `x-palaute-customer-name`, if any); no
 * credential is anonymous.
 *
 * @example
 * const authenticate = createAuthenticate({ secret, publishableKey, teamTokens: [{ token, id: 'anna', name: 'Anna' }] });
 */
export function createAuthenticate(options: AuthOptions) {
  // Compared as digests, so every comparison takes the same time whatever the tokens' lengths.
  const members = teamMembersOf(options).map((member) => ({
    digest: sha256(member.token),
    actor: { kind: 'team', id: member.id, name: member.name } satisfies Actor,
  }));
  return (request: ProtocolRequest): Caller => {
    const authorization = request.headers.get('authorization');
    if (authorization) {
      // Exactly `Bearer <token>` (the scheme in any case, RFC 9110): the token as configured, never
      // a variation of it (more spaces, a tab, anything around it).
      const token = /^Bearer ([^\s]+)$/i.exec(authorization)?.[1];
      if (token === undefined) throw new Unauthorized('Unknown team token.');
      const presented = sha256(token);
      let found: Actor | undefined;
      for (const member of members)
        if (timingSafeEqual(presented, member.digest)) found ??= member.actor;
      if (!found) throw new Unauthorized('Unknown team token.');
      return { kind: 'team', member: found };
    }
    const signed = request.headers.get('x-palaute-customer');
    if (signed) {
      const key = request.headers.get('x-palaute-key') ?? '';
      if (!safeEqual(key, options.publishableKey))
        throw new Unauthorized('Wrong publishable key (x-palaute-key).');
      const dot = signed.lastIndexOf('.');
      const customerId = dot > 0 ? signed.slice(0, dot) : '';
      if (!customerId || !safeEqual(signed, signCustomerId(options.secret, customerId)))
        throw new Unauthorized('Bad customer signature (x-palaute-customer).');
      const nameHeader = request.headers.get('x-palaute-customer-name');
      return nameHeader
        ? { kind: 'customer', customerId, name: signedName(options.secret, customerId, nameHeader) }
        : { kind: 'customer', customerId };
    }
    return { kind: 'anonymous' };
  };
}
