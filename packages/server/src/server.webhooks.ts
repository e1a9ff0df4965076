import { createHmac, timingSafeEqual } from 'node:crypto';
import { webhookEventTypeSchema } from '@palaute/engine';
import * as z from 'zod/mini';
import { toDotPath } from 'zod/v4/core';

/**
 * One receiver of outgoing webhooks: an id (kept with each delivery, so the log says where it went),
 * its URL (http or https; nothing else is ever called), the secret its deliveries are signed with
 * (at least 16 characters: the receiver keeps it to verify them) and, optionally, which events it
 * takes (every one by default).
 */
export const webhookEndpointSchema = /* @__PURE__ */ (() =>
  z.object({
    id: z
      .string()
      .check(
        z.regex(
          /^[A-Za-z0-9][A-Za-z0-9_-]{0,49}$/,
          'must be 1 to 50 letters, digits, _ or -, starting with a letter or digit',
        ),
      ),
    url: z
      .string()
      .check(
        z.maxLength(2000),
        z.regex(/^https?:\/\/[^\s/?#]+[^\s]*$/i, 'must be an absolute http(s) URL'),
      ),
    secret: z.string().check(z.minLength(16, 'must be at least 16 characters'), z.maxLength(500)),
    events: z.optional(z.array(webhookEventTypeSchema).check(z.minLength(1))),
  }))();
/** One receiver of outgoing webhooks. */
export type WebhookEndpoint = z.output<typeof webhookEndpointSchema>;

/** How far a signature's time may be from the receiver's clock, by default: five minutes. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

const hmac = (secret: string, timestamp: number, body: string) =>
  createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');

/**
 * The `palaute-signature` header of a delivery: `t=<unix seconds>,v1=<hex HMAC-SHA256>`, the HMAC
 * keyed with the endpoint's secret over the timestamp, a dot and the exact body (`${t}.${body}`).
 */
export function signWebhook(secret: string, body: string, nowMs: number = Date.now()): string {
  const timestamp = Math.floor(nowMs / 1000);
  return `t=${timestamp},v1=${hmac(secret, timestamp, body)}`;
}

/**
 * Whether a webhook delivery is genuine and fresh, for a receiver: its `palaute-signature` header is
 * the HMAC of `${t}.${body}` under one of `secret` (several while rotating), compared in constant
 * time, and `t` is within `toleranceSeconds` of now (a replayed old delivery is refused). Verify the
 * raw body as received, before parsing it; then dedupe by the event's `id` (delivery is at least
 * once).
 *
 * @example
 * ```ts
 * const body = await request.text();
 * if (!verifyWebhook({ secret, body, signature: request.headers.get('palaute-signature') }))
 *   return new Response('bad signature', { status: 401 });
 * ```
 */
export function verifyWebhook(options: {
  secret: string | readonly string[];
  body: string;
  signature: string | null | undefined;
  /** @default 300 ({@link WEBHOOK_TOLERANCE_SECONDS}) */
  toleranceSeconds?: number;
  /** The receiver's clock, in ms. @default Date.now */
  now?: () => number;
}): boolean {
  const parts = new Map<string, string[]>();
  for (const part of (options.signature ?? '').split(',')) {
    const [key, value] = part.trim().split('=', 2);
    if (key && value) parts.set(key, [...(parts.get(key) ?? []), value]);
  }
  const timestamp = Number(parts.get('t')?.[0]);
  if (!Number.isInteger(timestamp)) return false;
  const now = (options.now ?? Date.now)() / 1000;
  if (Math.abs(now - timestamp) > (options.toleranceSeconds ?? WEBHOOK_TOLERANCE_SECONDS))
    return false;
  const given = (parts.get('v1') ?? []).map((hex) => Buffer.from(hex, 'utf8'));
  const secrets = typeof options.secret === 'string' ? [options.secret] : options.secret;
  return secrets.some((secret) => {
    const expected = Buffer.from(hmac(secret, timestamp, options.body), 'utf8');
    return given.some(
      (signature) => signature.length === expected.length && timingSafeEqual(signature, expected),
    );
  });
}

/** The endpoints, checked: each valid (a `TypeError` naming the problem) and each id once. */
export function webhookEndpointsOf(endpoints: readonly unknown[]): WebhookEndpoint[] {
  const given = z.safeParse(z.array(webhookEndpointSchema), endpoints);
  if (!given.success)
    throw new TypeError(
      `Bad webhook endpoints: ${given.error.issues.map((issue) => `${toDotPath(issue.path)}: ${issue.message}`).join('; ')}`,
    );
  const ids = new Set<string>();
  for (const endpoint of given.data) {
    if (ids.has(endpoint.id))
      throw new TypeError(`The webhook endpoint id "${endpoint.id}" is used twice.`);
    ids.add(endpoint.id);
  }
  return given.data;
}
