import type { BoardPort, BoardTeamPort } from '../board/board.port';
import type {
  Actor,
  BulkAction,
  BulkVerdict,
  Change,
  ChangeInput,
  CustomerFeedback,
  FeedbackItem,
  InboxFacets,
  InboxFacetsQuery,
  InboxPage,
  InboxQuery,
  LoopMetrics,
  LoopMetricsQuery,
  TeamAction,
} from '../feedback/feedback.schema';
import type { ContactHistory, ContactHistoryQuery } from '../journey/journey.schema';
import type {
  CxReport,
  CxReportQuery,
  CxResponsesPage,
  CxResponsesQuery,
  CxTargets,
} from '../metrics/metrics.schema';
import type {
  ContactChoice,
  CustomerReply,
  DeliveryItem,
  DeliveryResult,
  Dismissal,
  Display,
  FeedbackResponse,
  FollowUpAnswer,
  ImpactNotice,
  ImpactQuery,
  ImpactSeen,
  ReadReceipt,
  SubmitReceipt,
} from '../records/records.schema';
import type { CustomerDeletion, CustomerExport } from './backend.rights.schema';

/**
 * What the engine needs from a backend. Implement it to use your own API, or use
 * {@link createMemoryBackend} for stories, tests and demos. Every method may reject; the flow keeps the
 * customer's answers and offers a retry.
 *
 * Submitting is idempotent by `response.id`: a second call with the same id must not store a second
 * response, and should resolve with the first receipt.
 */
export interface BackendPort {
  /** Stores a response. */
  submitResponse(response: FeedbackResponse): Promise<SubmitReceipt>;
  /** Adds a follow-up answer to the response it follows. Idempotent by `responseId` + `followUpId`. */
  submitFollowUp(answer: FollowUpAnswer): Promise<void>;
  /** Records that a survey was shown. */
  recordDisplay(display: Display): Promise<void>;
  /** Records that the customer dismissed a survey or asked to be asked later. */
  recordDismissal(dismissal: Dismissal): Promise<void>;
  /** Lists the shipped changes this customer's feedback led to and has not seen yet. */
  listImpact(query: ImpactQuery): Promise<ImpactNotice[]>;
  /**
   * Optional: delivers several writes in one call (the outbox batches when it is present). Resolves
   * with one result per item it handled, matched by {@link deliveryKey}; rejects (e.g. offline, 5xx)
   * when none was handled, and every item is tried again later.
   */
  deliver?(items: DeliveryItem[]): Promise<DeliveryResult[]>;
  /**
   * Optional: what the backend knows of one customer's contacts across devices (surveys shown and
   * their outcomes, team replies, impact notices, opt-out), for the contact policy of
   * `createPalaute`. Without it, the policy sees this device's contacts only.
   */
  getContactHistory?(query: ContactHistoryQuery): Promise<ContactHistory>;
  /** Optional: the customer's own feedback, its status, the team's replies and its impact. */
  listMyFeedback?(query: Pick<ContactHistoryQuery, 'customerId'>): Promise<CustomerFeedback[]>;
  /** Optional: the customer writes back in a thread (idempotent by `replyId`). */
  submitReply?(reply: CustomerReply): Promise<void>;
  /** Optional: the customer read the team's messages on an item (a read receipt). */
  markRead?(receipt: ReadReceipt): Promise<void>;
  /** Optional: the customer saw an impact notice (not listed again; counts as a contact). */
  markImpactSeen?(seen: ImpactSeen): Promise<void>;
  /**
   * Optional: the customer opted out of being asked (one survey or all of them), or turned an
   * opt-out back on. Idempotent by the choice's `id`; the latest choice for a scope wins, and
   * `getContactHistory` reflects it.
   */
  setContactChoice?(choice: ContactChoice): Promise<void>;
  /**
   * Optional: the public board (ideas, votes, comments, roadmap, changelog). Votes also arrive as
   * `vote` writes through the outbox, delivered to `board.vote`.
   */
  board?: BoardPort;
}

/**
 * The team's side of the dialogue, for the host's internal tools: triage, status changes, replies,
 * shipped changes and loop metrics. A separate port from {@link BackendPort} (and separate routes in
 * the HTTP protocol, with a team credential), so a customer's credentials never reach it. `by` is the
 * team member acting; a server takes it from the credential, never from the request body.
 */
export interface TeamPort {
  /**
   * The inbox, one page at a time: the items matching the query, unprocessed first by default, at
   * most `query.limit` of them (default 50, `INBOX_PAGE_SIZE`; at most 500), and `next` when
   * more match. Pass `next` back as `cursor`, with the same filters and sort, for the page after.
   *
   * Pages are keyset pages: each starts right after the last item of the page before, in the sort's
   * order (creation time, ties by id), so items that arrive or change while the team pages never
   * shift the pages after them. With `newest` and `oldest` an item's place never changes, so every
   * item that matches throughout is listed exactly once; one that arrives meanwhile is listed if
   * its place is still ahead (at the end with `oldest`; with `newest` only from a new first page).
   * With `unprocessed` the place also depends on the status group (new, open, closed): an item
   * that moves to another group while the team pages (say, triaged on page 1) may be listed again
   * on a later page or, moving back, not at all; every other item is listed exactly once. An item
   * is on a page if it matches the filters when that page is read. A bad query (a cursor made for
   * another sort, say) rejects with a `ValidationError` naming its path.
   *
   * @example
   * ```ts
   * let page = await team.listFeedback({ status: ['new'], limit: 100 });
   * while (page.next) page = await team.listFeedback({ status: ['new'], limit: 100, cursor: page.next });
   * ```
   */
  listFeedback(query?: InboxQuery): Promise<InboxPage>;
  /**
   * Optional: the inbox's facets, for its filters: every touchpoint, and every segment key with its
   * values (typed: the number `12` and the text `"12"` are two values), each with how many items
   * have it, over the whole inbox whatever filters are set. The most common first, at most
   * `query.limit` values per facet (default 20, at most 100) and `query.keys` segment keys (default
   * 20, at most 100); each facet says what it leaves out. Without it, an inbox UI can offer only the
   * values on the pages it has loaded. A bad query rejects with a `ValidationError` naming its path.
   *
   * @example
   * ```ts
   * const { touchpoints, segments } = await team.inboxFacets({ limit: 10 });
   * segments.find((facet) => facet.key === 'plan')?.values; // [{ value: 'pro', count: 412 }, …]
   * ```
   */
  inboxFacets?(query?: InboxFacetsQuery): Promise<InboxFacets>;
  /** One item, with its history and thread. */
  getFeedback(id: string): Promise<FeedbackItem>;
  /** A status change or a reply (a decline needs its reason; a reply needs the customer's consent). */
  act(id: string, action: TeamAction, by: Actor): Promise<FeedbackItem>;
  /**
   * Optional: one action on many items (a status move, tags, the assignee or the CX level; never a
   * reply), each item on its own under the lifecycle's rules: one verdict per id, in the order
   * given, `done` with the item as it now stands or `refused` with why (an unknown id is
   * `not_found`; a move its status lacks, `lifecycle.notFromStatus`). A refused item is left as it
   * was and the others go ahead. A bad request (no ids, an id twice, more than 500) rejects with a
   * `ValidationError` naming its path, and nothing changes.
   *
   * @example
   * ```ts
   * const verdicts = await team.actMany({ ids, action: { type: 'feedback.triage' } }, by);
   * verdicts.filter((verdict) => verdict.outcome === 'refused'); // [{ id, outcome, error: { code, message } }]
   * ```
   */
  actMany?(bulk: BulkAction, by: Actor): Promise<BulkVerdict[]>;
  /**
   * Records a shipped change, ships the items it answers, and gives exactly their customers an
   * impact notice ("You told us X. We shipped Y.") for their next touchpoint.
   */
  shipChange(change: ChangeInput, by: Actor): Promise<Change>;
  /** Every shipped change. */
  listChanges(): Promise<Change[]>;
  /**
   * Whether the loop gets closed: unprocessed share and aging, overdue (no team action for longer
   * than `query.responseTargetHours`, default 48), time to first response and to close (median and
   * 90th percentile), overall and per touchpoint, exactly as `computeLoopMetrics` defines them. A
   * target out of range (not above 0, over a million hours) rejects with a `ValidationError` naming
   * `responseTargetHours`.
   */
  loopMetrics(query?: LoopMetricsQuery): Promise<LoopMetrics>;
  /**
   * Optional: the CX report (NPS, CSAT, CES and ratings with their uncertainty, overall and per
   * touchpoint in journey order, trended and compared; response, dismissal and opt-out rates; loop
   * metrics, CX levels and promise vs delivery; the stepped targets' states), exactly as
   * `cxReportFrom` defines it. Every scored answer counts, with or without text. A bad query
   * rejects with a `ValidationError` naming its path.
   *
   * @example
   * ```ts
   * const report = await team.cxReport({ period: { from: '2026-01-01', to: '2026-12-31' } });
   * report.metrics.find((m) => m.metric === 'nps')?.overall.current; // { value: 32, interval: [24, 40], n: 412, … }
   * ```
   */
  cxReport?(query: CxReportQuery): Promise<CxReport>;
  /** Optional: the stepped targets the report measures. */
  cxTargets?(): Promise<CxTargets>;
  /**
   * Optional: replaces the stepped targets. Milestones out of date order, a duplicate id or any
   * other bad target rejects with a `ValidationError` naming its path; nothing is stored then.
   */
  setCxTargets?(targets: CxTargets): Promise<CxTargets>;
  /**
   * Optional: the answers behind a figure (the detractors' verbatims at a touchpoint, say), newest
   * first, a page at a time. A bad query rejects with a `ValidationError` naming its path.
   */
  cxResponses?(query: CxResponsesQuery): Promise<CxResponsesPage>;
  /** Optional: the board's moderation, statuses, merges, votes on behalf and changelog. */
  board?: BoardTeamPort;
}

/**
 * Data rights for one customer: hand over everything a backend holds about them, or delete all of
 * it. For the host's own tools (a team credential), never for the customer's browser.
 */
export interface CustomerDataPort {
  /** Everything about one customer, as one validated document. */
  exportCustomer(customerId: string): Promise<CustomerExport>;
  /** Deletes everything about one customer; says how many records of each kind it removed. */
  deleteCustomer(customerId: string): Promise<CustomerDeletion>;
}
