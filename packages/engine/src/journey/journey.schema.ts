import * as z from 'zod/mini';
import {
  getCustomerIdSchema,
  getTimestampSchema,
  timestampSchema,
} from '../records/records.schema';
import { once } from '../shared/shared.once';
import { getIdSchema, idSchema, surveySchema } from '../survey/survey.schema';

// Schemas in pure wrappers: a host that never creates a Palaute client ships none of them.

/**
 * The journey stages Palaute knows, in journey order. Hosts may use their own stage ids too (any id):
 * these are the defaults reports and the developer panel group by.
 */
export const JOURNEY_STAGES = [
  'discover',
  'evaluate',
  'purchase',
  'onboard',
  'use',
  'support',
  'renew',
  'leave',
] as const;

/** Where a touchpoint meets the customer: in the product, on the web, through an email link, or offline. */
export const channelSchema = /* @__PURE__ */ (() =>
  z.enum(['inProduct', 'web', 'emailLink', 'qrCode', 'kiosk']))();
/** Where a touchpoint meets the customer. */
export type Channel = z.output<typeof channelSchema>;

/** The highest `unansweredDisplays` a contact policy may set. */
export const MAX_UNANSWERED_DISPLAYS = 20;

/** The metric a touchpoint measures by default: relational NPS, CSAT after support, CES after a task. */
export const metricSchema = /* @__PURE__ */ (() => z.enum(['nps', 'csat', 'ces']))();
/** A CX metric. */
export type Metric = z.output<typeof metricSchema>;

/**
 * A declared touchpoint: a moment where the customer meets the company (the dashboard, sending the
 * first invoice, a support chat). Every survey, response and metric belongs to one.
 */
export const touchpointSchema = /* @__PURE__ */ (() =>
  z.object({
    id: idSchema,
    /** The journey stage: one of {@link JOURNEY_STAGES}, or the host's own stage id. */
    stage: idSchema,
    channel: channelSchema,
    /** The metric asked here by default. */
    metric: z.optional(metricSchema),
    /** A name for reports and the developer panel, e.g. "First invoice sent". */
    name: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  }))();
/** A declared touchpoint. */
export type Touchpoint = z.output<typeof touchpointSchema>;

/** A value a filter compares with. */
const scalarSchema = /* @__PURE__ */ (() =>
  z.union([z.string(), z.number(), z.boolean(), z.null()]))();

/**
 * A declarative condition over customer attributes (targeting) or event properties (trigger
 * filters). Data only, validated: no code, no `eval`. `key` reads a top-level attribute or property.
 *
 * - `eq` / `neq`: equal (or not) to `value`;
 * - `in` / `notIn`: one of `values` (or none);
 * - `gt` / `gte` / `lt` / `lte`: number comparison;
 * - `contains` / `startsWith` / `endsWith`: text;
 * - `exists` / `notExists`: set and not null (or not);
 * - `olderThanDays` / `withinDays`: an ISO timestamp at least (or at most) `days` before now;
 * - `all` / `any` / `not`: combinations.
 */
export type Filter =
  | { key: string; op: 'eq' | 'neq'; value: string | number | boolean | null }
  | { key: string; op: 'in' | 'notIn'; values: (string | number | boolean)[] }
  | { key: string; op: 'gt' | 'gte' | 'lt' | 'lte'; value: number }
  | { key: string; op: 'contains' | 'startsWith' | 'endsWith'; value: string }
  | { key: string; op: 'exists' | 'notExists' }
  | { key: string; op: 'olderThanDays' | 'withinDays'; days: number }
  | { all: Filter[] }
  | { any: Filter[] }
  | { not: Filter };

const keySchema = () => z.string().check(z.minLength(1), z.maxLength(100));

/** A {@link Filter}, validated. */
export const filterSchema: z.ZodMiniType<Filter> = /* @__PURE__ */ (() => {
  const schema: z.ZodMiniType<Filter> = z.union([
    z.strictObject({ key: keySchema(), op: z.enum(['eq', 'neq']), value: scalarSchema }),
    z.strictObject({
      key: keySchema(),
      op: z.enum(['in', 'notIn']),
      values: z
        .array(z.union([z.string(), z.number(), z.boolean()]))
        .check(z.minLength(1), z.maxLength(1000)),
    }),
    z.strictObject({ key: keySchema(), op: z.enum(['gt', 'gte', 'lt', 'lte']), value: z.number() }),
    z.strictObject({
      key: keySchema(),
      op: z.enum(['contains', 'startsWith', 'endsWith']),
      value: z.string(),
    }),
    z.strictObject({ key: keySchema(), op: z.enum(['exists', 'notExists']) }),
    z.strictObject({
      key: keySchema(),
      op: z.enum(['olderThanDays', 'withinDays']),
      days: z.number().check(z.nonnegative()),
    }),
    z.strictObject({
      get all() {
        return z.array(schema).check(z.minLength(1), z.maxLength(100));
      },
    }),
    z.strictObject({
      get any() {
        return z.array(schema).check(z.minLength(1), z.maxLength(100));
      },
    }),
    z.strictObject({
      get not() {
        return schema;
      },
    }),
  ]) as unknown as z.ZodMiniType<Filter>;
  return schema;
})();

/**
 * A URL pattern for page-view triggers: `*` matches any run of characters, everything else is
 * literal (no regular expressions, so a definition can never hang a page). Matched against the path
 * and query (`/invoices/42?tab=send`), or the full URL when the pattern starts with a scheme.
 */
export const urlPatternSchema = /* @__PURE__ */ (() =>
  z.string().check(
    z.minLength(1),
    z.maxLength(500),
    z.refine(
      (pattern) => !pattern.includes('#'),
      'must not contain "#": fragments are not part of what is matched',
    ),
  ))();

/** What makes a survey eligible to be offered: an event, a page view, or entering its touchpoint. */
export const triggerSchema = /* @__PURE__ */ (() =>
  z.discriminatedUnion('on', [
    z.strictObject({
      on: z.literal('event'),
      /** The event name passed to `track()`, e.g. `invoice.sent`. */
      event: z.string().check(z.minLength(1), z.maxLength(200)),
      /** Only when the event's properties match. */
      where: z.optional(filterSchema),
    }),
    z.strictObject({ on: z.literal('pageView'), url: urlPatternSchema }),
    z.strictObject({
      on: z.literal('touchpoint'),
      /** The touchpoint entered; the survey's own touchpoint when absent. */
      touchpointId: z.optional(idSchema),
    }),
  ]))();
/** What makes a survey eligible to be offered. */
export type Trigger = z.output<typeof triggerSchema>;

/**
 * When a survey may come back to the same customer (a display without any outcome, up to the
 * policy's `unansweredDisplays`, does not count: see {@link contactPolicySchema}):
 * - `once`: offered once, never again, whatever the outcome;
 * - `untilAnswered`: offered again (at most every `days` days) until the customer answers it;
 * - `recurring`: offered again `days` days after it was last shown, answered or not (a quarterly
 *   relational NPS is `{ mode: 'recurring', days: 90 }`).
 */
export const recontactSchema = /* @__PURE__ */ (() =>
  z.discriminatedUnion('mode', [
    z.strictObject({ mode: z.literal('once') }),
    z.strictObject({
      mode: z.literal('untilAnswered'),
      days: z._default(z.number().check(z.nonnegative()), 30),
    }),
    z.strictObject({ mode: z.literal('recurring'), days: z.number().check(z.positive()) }),
  ]))();
/** When a survey may come back to the same customer. */
export type Recontact = z.output<typeof recontactSchema>;

/**
 * How, when and to whom one survey is offered: its triggers, its audience, its sample, its schedule
 * and cap, how it may come back, and its priority when several are eligible at once.
 */
export const askSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    /** The survey to offer (its id; the survey itself is given to `createPalaute`). */
    surveyId: idSchema,
    /** Any of these makes it eligible. */
    triggers: z.array(triggerSchema).check(z.minLength(1), z.maxLength(20)),
    /** Only customers whose attributes match. */
    audience: z.optional(filterSchema),
    /**
     * The share of matching customers asked, from 0 to 1. Deterministic by customer id (the same
     * customer gets the same decision on every device). @default 1
     */
    sampleRate: z._default(z.number().check(z.minimum(0), z.maximum(1)), 1),
    /** Not offered before this time. */
    opensAt: z.optional(timestampSchema),
    /** Not offered from this time on. */
    closesAt: z.optional(timestampSchema),
    /** Stop offering once this many responses were received (from all customers). */
    responseCap: z.optional(z.int().check(z.positive())),
    /** Wait this long after the trigger before offering (the customer finishes what they were doing). */
    delayMs: z._default(z.int().check(z.minimum(0), z.maximum(3_600_000)), 0),
    recontact: z._default(recontactSchema, { mode: 'untilAnswered', days: 30 }),
    /** Higher first when several surveys are eligible at once; ties go to the one declared first. */
    priority: z._default(z.int(), 0),
    /**
     * This ask's own quiet period after a negative answer, in days, in place of the policy's
     * `quietAfterNegativeDays`: `0` exempts it (a transactional CSAT right after a support chat is
     * asked even though the customer was unhappy last week). @default the policy's
     */
    quietAfterNegativeDays: z.optional(z.number().check(z.nonnegative(), z.maximum(3650))),
  }))();
/** How, when and to whom one survey is offered (as given: defaults optional). */
export type AskInput = z.input<typeof askSchema>;
/** How, when and to whom one survey is offered (validated, defaults applied). */
export type Ask = z.output<typeof askSchema>;

/**
 * The contact policy: how often one customer may be contacted, across every touchpoint and every
 * kind of contact (asks now; team replies and impact notices count too, and take priority).
 */
export const contactPolicySchema = /* @__PURE__ */ (() =>
  z.strictObject({
    /** At most `contacts` contacts in any `days` days. @default { contacts: 1, days: 14 } */
    budget: z._default(
      z.strictObject({
        contacts: z.int().check(z.positive()),
        days: z.number().check(z.positive()),
      }),
      { contacts: 1, days: 14 },
    ),
    /** After "not now", that survey waits this many days. @default 7 */
    snoozeDays: z._default(z.number().check(z.nonnegative()), 7),
    /** After a negative answer, no new asks for this many days: the customer should hear back first. @default 30 */
    quietAfterNegativeDays: z._default(z.number().check(z.nonnegative()), 30),
    /** No new asks while some of the customer's feedback awaits a reply from the team. @default true */
    quietWhileAwaitingReply: z._default(z.boolean(), true),
    /**
     * A survey shown without any outcome (the page reloaded, the tab closed before the customer
     * answered or closed it) does not use it up: it is offered again at the next occasion, its
     * display counting neither for recontact nor against the budget, until it has been shown this
     * many times without an outcome. `0` counts every display. @default 2
     */
    unansweredDisplays: z._default(
      z.int().check(z.minimum(0), z.maximum(MAX_UNANSWERED_DISPLAYS)),
      2,
    ),
  }))();
/** The contact policy (as given). */
export type ContactPolicyInput = z.input<typeof contactPolicySchema>;
/** The contact policy (defaults applied). */
export type ContactPolicy = z.output<typeof contactPolicySchema>;

/** {@link contactSchema}, built on the first call. */
export const getContactSchema = /* @__PURE__ */ once(() =>
  z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('ask'),
      surveyId: getIdSchema(),
      touchpointId: getIdSchema(),
      /** The flow's response id: its display, response and dismissal share it. */
      responseId: z.string().check(z.minLength(1), z.maxLength(100)),
      /** When it was shown. */
      at: getTimestampSchema(),
      /** `shown` until the customer answered, dismissed it, asked to be asked later or opted out. */
      outcome: z.enum(['shown', 'answered', 'dismissed', 'postponed', 'optedOut']),
      /** When the outcome happened. */
      outcomeAt: z.optional(getTimestampSchema()),
      /** For answers: how the customer felt, from the survey's first scale question. */
      sentiment: z.optional(z.enum(['negative', 'neutral', 'positive'])),
      /** The customer opened it themselves (the launcher): not counted against the budget. */
      initiative: z.optional(z.literal('customer')),
    }),
    z.object({
      kind: z.literal('reply'),
      at: getTimestampSchema(),
      /** The reply's id, so the same contact heard twice counts once. */
      id: z.optional(z.string().check(z.maxLength(200))),
    }),
    z.object({
      kind: z.literal('impact'),
      at: getTimestampSchema(),
      /** The notice's id, so the same contact heard twice counts once. */
      id: z.optional(z.string().check(z.maxLength(200))),
    }),
  ]),
);
/**
 * One contact with the customer: a survey shown (and what became of it), a team reply, or an impact
 * notice. What the fatigue budget counts.
 */
export const contactSchema = /* @__PURE__ */ getContactSchema();
/** One contact with the customer. */
export type Contact = z.output<typeof contactSchema>;

/** {@link contactHistorySchema}, built on the first call. */
export const getContactHistorySchema = /* @__PURE__ */ once(() =>
  z.object({
    customerId: z.string().check(z.minLength(1), z.maxLength(200)),
    /** When the customer said "don't ask me again" to every survey, if they did (and still stand by it). */
    optedOutAt: z.optional(getTimestampSchema()),
    /**
     * The surveys the customer said "don't ask me again" to one by one (and still stand by), by
     * survey id, with when. @default {}
     */
    optedOutOf: z.optional(z.record(getIdSchema(), getTimestampSchema())),
    /** Contacts, any order. */
    contacts: z.array(getContactSchema()).check(z.maxLength(10_000)),
    /** How many of the customer's feedback items await a reply from the team. */
    awaitingReply: z.int().check(z.minimum(0)),
    /**
     * Team replies this customer has not read yet. They come before any new ask: the customer hears
     * back before being asked again. @default 0
     */
    unreadReplies: z.optional(z.int().check(z.minimum(0))),
    /** Responses received so far per survey id, from all customers (for response caps). */
    responseCounts: z.record(z.string(), z.int().check(z.minimum(0))),
  }),
);
/**
 * What the backend knows of one customer's contacts, across devices: what the contact policy
 * decides from. Kept by the backend; cached on the device so a decision needs no round trip.
 */
export const contactHistorySchema = /* @__PURE__ */ getContactHistorySchema();
/** What the backend knows of one customer's contacts. */
export type ContactHistory = z.output<typeof contactHistorySchema>;

/** {@link contactHistoryQuerySchema}, built on the first call. */
export const getContactHistoryQuerySchema = /* @__PURE__ */ once(() =>
  z.object({
    customerId: getCustomerIdSchema(),
    /**
     * The surveys whose response counts the decisions need, each with its cap (the asks with a
     * `responseCap`): each is counted up to its cap and no further, so a read costs at most the caps
     * whatever the table holds (and never more than the whole table, a survey's rows being its
     * own). A count equal to its cap says the cap is reached. Absent: every survey's full count
     * (what a client before this field asks).
     */
    responseCaps: z.optional(z.record(getIdSchema(), z.int().check(z.positive()))),
  }),
);
/**
 * Whose contact history to read, and which surveys' response counts it needs: what
 * `getContactHistory` takes (`POST /v1/contacts/query`).
 */
export const contactHistoryQuerySchema = /* @__PURE__ */ getContactHistoryQuerySchema();
/** Whose contact history to read, and which surveys' response counts it needs. */
export type ContactHistoryQuery = z.output<typeof contactHistoryQuerySchema>;

/** The response caps of the asks that have one, by survey id: a contact-history query's `responseCaps`. */
export function responseCapsOf(asks: readonly Pick<Ask, 'surveyId' | 'responseCap'>[]) {
  const caps: Record<string, number> = {};
  for (const ask of asks)
    if (ask.responseCap !== undefined)
      caps[ask.surveyId] = Math.max(caps[ask.surveyId] ?? 0, ask.responseCap);
  return caps;
}

/**
 * A whole journey configuration as data: the surveys, the touchpoints, the asks and the contact
 * policy a host gives `createPalaute`. A server reads the same document (JSON) to enforce the policy
 * on its side; {@link parseJourneyConfig} also checks the references between them.
 */
export const journeyConfigSchema = /* @__PURE__ */ (() =>
  z.object({
    surveys: z.array(surveySchema).check(z.maxLength(1000)),
    touchpoints: z.array(touchpointSchema).check(z.maxLength(1000)),
    asks: z.array(askSchema).check(z.maxLength(5000)),
    policy: z._default(contactPolicySchema, {
      budget: { contacts: 1, days: 14 },
      snoozeDays: 7,
      quietAfterNegativeDays: 30,
      quietWhileAwaitingReply: true,
      unansweredDisplays: 2,
    }),
  }))();
/** A journey configuration as given (JSON: defaults optional). */
export type JourneyConfigInput = z.input<typeof journeyConfigSchema>;
/** A journey configuration, validated, defaults applied. */
export type JourneyConfig = z.output<typeof journeyConfigSchema>;
