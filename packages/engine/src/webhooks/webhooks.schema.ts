import * as z from 'zod/mini';
import {
  actorSchema,
  changeSchema,
  feedbackItemSchema,
  feedbackStatusSchema,
  replySchema,
} from '../feedback/feedback.schema';
import { timestampSchema } from '../records/records.schema';

// Schemas in pure wrappers: a page that only asks surveys ships none of them.

/**
 * What a server tells the team's other tools about (an outgoing webhook's `type`): new feedback
 * (`feedback.created`), a customer writing back in a thread (`feedback.customer_replied`), a status
 * change (`feedback.status_changed`, shipping included) and a shipped change (`change.shipped`).
 */
export const WEBHOOK_EVENT_TYPES = [
  'feedback.created',
  'feedback.customer_replied',
  'feedback.status_changed',
  'change.shipped',
] as const;
/** What a server tells the team's other tools about. */
export const webhookEventTypeSchema = /* @__PURE__ */ (() => z.enum(WEBHOOK_EVENT_TYPES))();
/** What a server tells the team's other tools about. */
export type WebhookEventType = z.output<typeof webhookEventTypeSchema>;

const event = <T extends WebhookEventType, D extends z.core.$ZodShape>(type: T, data: D) =>
  z.object({
    /** The event's id: the same in every delivery of it (a retry too), for the receiver to dedupe. */
    id: z.string().check(z.minLength(1), z.maxLength(100)),
    type: z.literal(type),
    /** When it happened. */
    createdAt: timestampSchema,
    data: z.object(data),
  });

/**
 * The body of an outgoing webhook: one event, with an `id` the receiver dedupes by (delivery is at
 * least once: the same event may arrive again after a timeout), its `type`, when it happened, and
 * its data: the item as it stood then (what the customer wrote, its status, tags and assignee), and
 * for a reply the reply, for a status change the move and who made it, for a shipped change the change.
 */
export const webhookEventSchema = /* @__PURE__ */ (() =>
  z.discriminatedUnion('type', [
    event('feedback.created', { item: feedbackItemSchema }),
    event('feedback.customer_replied', { item: feedbackItemSchema, reply: replySchema }),
    event('feedback.status_changed', {
      item: feedbackItemSchema,
      from: feedbackStatusSchema,
      to: feedbackStatusSchema,
      by: actorSchema,
      reason: z.optional(z.string()),
    }),
    event('change.shipped', { change: changeSchema, by: actorSchema }),
  ]))();
/** The body of an outgoing webhook. */
export type WebhookEvent = z.output<typeof webhookEventSchema>;

/**
 * Where a delivery stands: `pending` (not answered with a 2xx yet; tried again at `nextAttemptAt`),
 * `delivered` (answered 2xx) or `failed` (every attempt used: not tried again).
 */
export const webhookDeliveryStateSchema = /* @__PURE__ */ (() =>
  z.enum(['pending', 'delivered', 'failed']))();
/** Where a delivery stands. */
export type WebhookDeliveryState = z.output<typeof webhookDeliveryStateSchema>;

/** One attempt to deliver: when, the receiver's HTTP status (none: no answer) and what went wrong. */
export const webhookAttemptSchema = /* @__PURE__ */ (() =>
  z.object({
    at: timestampSchema,
    /** The receiver's HTTP status; `null` when it never answered (refused, timed out). */
    status: z.nullable(z.int()),
    /** How long it took, in milliseconds. */
    durationMs: z.int().check(z.minimum(0)),
    /** Why it failed, when it did (`HTTP 500`, `timed out after 10000 ms`, …). */
    error: z.optional(z.string().check(z.maxLength(500))),
  }))();
/** One attempt to deliver a webhook. */
export type WebhookAttempt = z.output<typeof webhookAttemptSchema>;

/** One event's delivery to one endpoint, with every attempt made. */
export const webhookDeliverySchema = /* @__PURE__ */ (() =>
  z.object({
    /** The delivery's id. */
    id: z.string(),
    eventId: z.string(),
    eventType: webhookEventTypeSchema,
    /** The endpoint's id, as configured. */
    endpoint: z.string(),
    state: webhookDeliveryStateSchema,
    createdAt: timestampSchema,
    /** When it is tried next (`pending` only). */
    nextAttemptAt: z.optional(timestampSchema),
    deliveredAt: z.optional(timestampSchema),
    /** Every attempt, oldest first. */
    attempts: z.array(webhookAttemptSchema),
  }))();
/** One event's delivery to one endpoint. */
export type WebhookDelivery = z.output<typeof webhookDeliverySchema>;

/** Which deliveries to list: by state, endpoint and event type, a page at a time, newest first. */
export const webhookDeliveriesQuerySchema = /* @__PURE__ */ (() =>
  z.object({
    state: z.optional(webhookDeliveryStateSchema),
    endpoint: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
    eventType: z.optional(webhookEventTypeSchema),
    /** Deliveries per page (1–200). @default 50 */
    limit: z.optional(z.int().check(z.minimum(1), z.maximum(200))),
    /** The `next` of the page before. */
    cursor: z.optional(
      z.string().check(z.regex(/^\d{1,18}$/, 'is not a cursor this log gave out')),
    ),
  }))();
/** Which deliveries to list. */
export type WebhookDeliveriesQuery = z.output<typeof webhookDeliveriesQuerySchema>;

/** A page of the delivery log, newest first, with `next` when there are older ones. */
export const webhookDeliveriesPageSchema = /* @__PURE__ */ (() =>
  z.object({
    deliveries: z.array(webhookDeliverySchema),
    next: z.optional(z.string()),
  }))();
/** A page of the delivery log. */
export type WebhookDeliveriesPage = z.output<typeof webhookDeliveriesPageSchema>;
