import * as z from 'zod/mini';
import {
  actorSchema,
  bulkActionSchema,
  bulkVerdictSchema,
  changeInputSchema,
  changeSchema,
  customerFeedbackSchema,
  feedbackItemSchema,
  inboxFacetsQuerySchema,
  inboxFacetsSchema,
  inboxQuerySchema,
  loopMetricsSchema,
  replySchema,
  statusChangeSchema,
  teamActionSchema,
} from '../feedback/feedback.schema';
import { contactHistorySchema, contactSchema } from '../journey/journey.schema';
import {
  cxFigureSchema,
  cxReportQuerySchema,
  cxReportSchema,
  cxResponsesPageSchema,
  cxResponsesQuerySchema,
  cxTargetSchema,
} from '../metrics/metrics.schema';
import {
  customerReplySchema,
  deliveryItemSchema,
  deliveryResultSchema,
  dismissalSchema,
  displaySchema,
  feedbackResponseSchema,
  followUpAnswerSchema,
  impactNoticeSchema,
  impactQuerySchema,
  impactSeenSchema,
  readReceiptSchema,
  submitReceiptSchema,
} from '../records/records.schema';
import { answersSchema, answerValueSchema, localizedTextSchema } from '../survey/survey.schema';
import {
  WEBHOOK_EVENT_TYPES,
  webhookDeliveriesPageSchema,
  webhookEventSchema,
} from '../webhooks/webhooks.schema';
import {
  errorBodySchema,
  PROTOCOL_ERROR_CODES,
  PROTOCOL_VERSION,
  protocolRoutes,
  type RouteName,
} from './protocol.schema';

type Json = Record<string, unknown>;

/** Statuses every route may answer with, besides 200. */
const ERROR_STATUSES: Record<string, string> = {
  '400':
    'Invalid request: the body does not match the schema (every problem named with its path), or another protocol version.',
  '401': 'No credential, or not a valid one.',
  '403':
    "The credential may not do this (a customer reaching another customer's data, or a team route).",
  '404': 'Unknown route, or an item that does not exist.',
  '408': 'The request took too long to arrive (often a proxy): try again.',
  '409': 'Not allowed from where the feedback stands (e.g. a decline without a reason).',
  '413': 'The body is too large.',
  '415': 'Not JSON.',
  '422': 'A write the server refuses for good.',
  '429': 'Too many requests: wait for `Retry-After`.',
  '503': 'Unavailable for now: wait for `Retry-After` and try again.',
  '5XX': 'Any other server failure (`internal`, or a proxy’s 502 or 504): try again later.',
};

/**
 * What each route does, for this document only: kept out of the route objects, which every browser
 * client ships (the NPS dialog's page loads the customer routes with its first request), and needs
 * none of these sentences.
 */
const SUMMARIES: Record<RouteName, string> = {
  submitResponse: 'Store a response (idempotent by response id).',
  submitFollowUp: 'Join a follow-up answer to its response (idempotent by response and follow-up).',
  recordDisplay: 'Record that a survey was shown (one per flow).',
  recordDismissal:
    'Record that the customer closed a survey, asked to be asked later or opted out.',
  submitReply: "Add the customer's reply to the thread of their feedback (idempotent by reply id).",
  markRead: "Mark the team's messages on an item read by the customer.",
  markImpactSeen: 'Record that the customer saw an impact notice (not listed again).',
  setContactChoice:
    'Opt the customer out of one survey or all of them, or turn an opt-out back on (idempotent by choice id; the latest choice for a scope wins).',
  deliver:
    'Deliver a batch of writes; each is answered on its own (stored, duplicate or rejected) by its key, an invalid one too.',
  listImpact: "The shipped changes this customer's feedback led to and they have not seen.",
  getContactHistory: "The customer's contacts across devices, for the contact policy.",
  listMyFeedback: "The customer's own feedback: status, replies and impact.",
  listFeedback:
    'The inbox, a page at a time: feedback items matching the filters, unprocessed first; at most `limit` (default 50, at most 500), with `next` when more match. Send `next` back as `cursor` (same filters and sort) for the page after it.',
  inboxFacets:
    'The inbox\'s facets, for its filters: the touchpoints and the segment keys with their values (typed: 12 and "12" apart), each with how many items have it, over the whole inbox; the most common first, at most `limit` values per facet (default 20, at most 100) and `keys` segment keys (default 20, at most 100), with what each leaves out (`omitted`, `omittedSegmentKeys`).',
  getFeedback: 'One feedback item with its history and thread.',
  act: 'Change the status of an item, reply to its customer (where they consented), set its CX level, add or remove tags, or assign it to a team member.',
  actMany:
    'One action on many items (a status move, tags, the assignee or the CX level; at most 500 ids, each once), each under the lifecycle rules: one verdict per id in the order given, `done` with the item or `refused` with its code (`not_found`, `lifecycle.<rule>`); a refused item stays as it was.',
  shipChange:
    'Record a shipped change, ship the items it answers, and notify exactly their customers.',
  listChanges: 'Every shipped change.',
  loopMetrics:
    'Loop metrics: unprocessed share and aging, overdue (past `responseTargetHours`, default 48), time to first response and to close (median and 90th percentile: `percentile_cont`), overall and per touchpoint.',
  cxReport:
    "The CX report: NPS, CSAT, CES and ratings with n, 95 % intervals and low-sample flags, overall and per touchpoint in journey order, per period for trends and against `compareTo` (changes tested, per touchpoint with Benjamini–Hochberg control); response, dismissal and opt-out rates; loop metrics, CX levels and promise vs delivery; the stepped targets' states.",
  cxTargets: 'The stepped targets the CX report measures.',
  setCxTargets:
    'Replace the stepped targets (at most 100; milestones in date order, ids unique); answers the targets stored.',
  cxResponses:
    "The answers behind a figure (the detractors' verbatims at a touchpoint, say): scored answers of a metric in a period, filtered by touchpoint, segment, score range and text, newest first, a page at a time (`next` back as `cursor`).",
  exportCustomer:
    'Data rights: everything stored about one customer (responses, displays, dismissals, replies, items, notices), as one document.',
  deleteCustomer:
    'Data rights: delete everything stored about one customer; answers how many records of each kind went (again: zeros).',
  getBoard: 'The board: its name, statuses (with their lifecycle mapping), categories and ranking.',
  listIdeas:
    'A page of ideas as this customer may see them (approved ideas in public statuses, and their own pending ones): sorted by trending, top or newest, filtered by status, category and kind, searched (full text in the board language, `simple` as the fallback), keyset paged (`next` back as `cursor`).',
  getIdea:
    'One idea with its thread, the official response pinned first (404 for one the customer may not see).',
  suggestIdea:
    'Suggest an idea or report a bug (idempotent by id); the author votes for it. Waits for approval when the board moderates first.',
  similarIdeas:
    'Public ideas like a text being typed (full text plus trigram similarity for typos), most alike first: "Is it one of these? Add your vote instead".',
  vote: 'Vote or withdraw a vote (idempotent by id; one vote per customer and idea). Also a `vote` write of `/v1/deliveries`.',
  comment: 'Comment on an idea, or reply to a top-level comment (idempotent by id).',
  roadmap:
    'The roadmap: a column per roadmap status (planned, in progress, shipped), most voted first.',
  changelog: 'The changelog, newest first, each entry with the ideas it shipped.',
  teamListIdeas:
    'Every idea, pending, hidden and spam ones too, filtered by moderation state; keyset paged.',
  teamGetIdea: 'One idea with its comments and votes (source and segment frozen at vote time).',
  moderateIdea: 'Approve, hide or mark as spam, or edit the title.',
  setIdeaStatus:
    "Move an idea to another status, as the board's workflow and the feedback lifecycle allow (a decline needs a reason; shipping comes from a changelog entry).",
  teamComment: 'A team comment (marked as the team), or the official response (pinned).',
  mergeIdea:
    'Merge a duplicate into another idea: votes counted there once per customer; reversible with unmerge.',
  unmergeIdea: 'Undo a merge: both ideas count their own voters again.',
  voteOnBehalf:
    "Vote on a customer's behalf (from a support chat), recorded as such with the team member.",
  publishChangelog:
    'Publish a changelog entry (idempotent by id): ships its ideas and gives each follower (author, voters, commenters) one "you said, we did" notice, exactly once.',
  ideaDemand:
    'Ideas a segment wants most ("ideas most wanted by detractors": `key: npsClass, value: detractor`), from the segments frozen on their votes, each with its voters by the key\'s values.',
  listChangelog: 'Every changelog entry, newest first, with its ideas and feedback items.',
};

/**
 * The OpenAPI 3.1 document of the Palaute HTTP protocol, generated from the same zod schemas the
 * client and the handler validate with ({@link protocolRoutes}). Committed as
 * `packages/engine/openapi.json` and shipped as `@palaute/engine/openapi.json`; a test fails when the
 * two drift apart.
 */
export function getOpenApiDocument(): Json {
  const registry = z.registry<{ id: string }>();
  const named: Record<string, z.ZodMiniType> = {
    LocalizedText: localizedTextSchema,
    AnswerValue: answerValueSchema,
    Answers: answersSchema,
    FeedbackResponse: feedbackResponseSchema,
    FollowUpAnswer: followUpAnswerSchema,
    Display: displaySchema,
    Dismissal: dismissalSchema,
    CustomerReply: customerReplySchema,
    ReadReceipt: readReceiptSchema,
    ImpactSeen: impactSeenSchema,
    DeliveryItem: deliveryItemSchema,
    DeliveryResult: deliveryResultSchema,
    SubmitReceipt: submitReceiptSchema,
    ImpactQuery: impactQuerySchema,
    ImpactNotice: impactNoticeSchema,
    Contact: contactSchema,
    ContactHistory: contactHistorySchema,
    Actor: actorSchema,
    StatusChange: statusChangeSchema,
    Reply: replySchema,
    FeedbackItem: feedbackItemSchema,
    CustomerFeedback: customerFeedbackSchema,
    InboxQuery: inboxQuerySchema,
    InboxFacetsQuery: inboxFacetsQuerySchema,
    InboxFacets: inboxFacetsSchema,
    TeamAction: teamActionSchema,
    BulkAction: bulkActionSchema,
    BulkVerdict: bulkVerdictSchema,
    WebhookEvent: webhookEventSchema,
    WebhookDeliveriesPage: webhookDeliveriesPageSchema,
    ChangeInput: changeInputSchema,
    Change: changeSchema,
    LoopMetrics: loopMetricsSchema,
    CxReportQuery: cxReportQuerySchema,
    CxReport: cxReportSchema,
    CxFigure: cxFigureSchema,
    CxTarget: cxTargetSchema,
    CxResponsesQuery: cxResponsesQuerySchema,
    CxResponsesPage: cxResponsesPageSchema,
    Error: errorBodySchema,
  };
  for (const [id, schema] of Object.entries(named)) registry.add(schema, { id });
  for (const route of Object.values(protocolRoutes)) {
    const base = route.operationId[0]?.toUpperCase() + route.operationId.slice(1);
    registry.add(route.request, { id: `${base}Request` });
    registry.add(route.response, { id: `${base}Response` });
  }
  const { schemas } = z.toJSONSchema(registry, {
    io: 'input',
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  }) as { schemas: Record<string, Json> };
  // Each component is part of this document, not a document of its own.
  for (const schema of Object.values(schemas)) {
    delete schema.$schema;
    delete schema.$id;
  }

  const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
  const paths: Json = {};
  for (const [name, route] of Object.entries(protocolRoutes)) {
    const base = route.operationId[0]?.toUpperCase() + route.operationId.slice(1);
    const errors = Object.fromEntries(
      Object.entries(ERROR_STATUSES).map(([status, description]) => [
        status,
        {
          description,
          ...(status === '429' || status === '503'
            ? { headers: { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } } }
            : {}),
          content: { 'application/json': { schema: ref('Error') } },
        },
      ]),
    );
    paths[route.path] = {
      [route.method.toLowerCase()]: {
        operationId: route.operationId,
        summary: SUMMARIES[name as RouteName],
        tags: [route.audience === 'team' ? 'team' : 'customer'],
        security: [{ [route.audience === 'team' ? 'teamToken' : 'customerToken']: [] }],
        ...(route.idempotent
          ? { parameters: [{ $ref: '#/components/parameters/IdempotencyKey' }] }
          : {}),
        requestBody: {
          required: true,
          content: { 'application/json': { schema: ref(`${base}Request`) } },
        },
        responses: {
          '200': {
            description: 'OK',
            content: { 'application/json': { schema: ref(`${base}Response`) } },
          },
          ...errors,
        },
      },
    };
  }

  const teamGet = (operationId: string, summary: string, parameters: Json[], ok: Json) => ({
    get: {
      operationId,
      summary,
      tags: ['team'],
      security: [{ teamToken: [] }],
      parameters,
      responses: {
        '200': ok,
        ...Object.fromEntries(
          ['400', '401', '403', '404', '5XX'].map((status) => [
            status,
            {
              description: ERROR_STATUSES[status],
              content: { 'application/json': { schema: ref('Error') } },
            },
          ]),
        ),
      },
    },
  });
  const queryParameter = (
    name: string,
    description: string,
    schema: Json = { type: 'string' },
  ) => ({
    name,
    in: 'query',
    required: false,
    description,
    schema,
  });
  paths['/v1/team/inbox.csv'] = teamGet(
    'inboxCsv',
    'The inbox as CSV (RFC 4180, CRLF): every item matching the filters, in the inbox order, at most 50,000 (`X-Palaute-Truncated: true` past it). Cells a spreadsheet would run as a formula (starting with =, +, -, @, a tab or a carriage return) are prefixed with an apostrophe.',
    [
      queryParameter(
        'query',
        'The whole `InboxQuery` as JSON (its `cursor` and `limit` are ignored); or the parameters below.',
      ),
      queryParameter('status', 'Statuses, comma-separated.'),
      queryParameter('touchpointId', 'One touchpoint.'),
      queryParameter('olderThanHours', 'Only items at least this old.', { type: 'number' }),
      queryParameter(
        'text',
        'Search what customers wrote (web search syntax: words, "phrases", or, -word).',
      ),
      queryParameter('tag', 'A tag the items carry; repeat for several (every one must be there).'),
      queryParameter('assignee', 'A team member id, or `unassigned`.'),
      queryParameter(
        'assigneeId',
        'A team member id taken as is (for a member whose id is `unassigned`).',
      ),
      queryParameter('sort', '`unprocessed` (default), `newest` or `oldest`.'),
      queryParameter(
        'kind',
        '`feedback` (every stored item); `idea` or `bug` list none (the board lists those).',
      ),
      queryParameter(
        'feedbackKind',
        "The launcher's kind as the customer said it: `idea`, `problem`, `praise` or `other`; `none` for feedback without one.",
      ),
      queryParameter(
        'segment',
        'A segment filter as a JSON object (typed values); or `segment.<key>=<text>`.',
      ),
    ],
    {
      description: 'The CSV file.',
      headers: {
        'X-Palaute-Truncated': {
          description: '`true` when more items matched than the file holds.',
          schema: { type: 'string', enum: ['true', 'false'] },
        },
      },
      content: { 'text/csv': { schema: { type: 'string' } } },
    },
  );
  paths['/v1/team/webhooks/deliveries'] = teamGet(
    'webhookDeliveries',
    'The outgoing webhook delivery log, newest first: each event delivery to each endpoint with its state (`pending`, `delivered`, `failed`) and every attempt (time, HTTP status, duration, error). A server without webhooks answers 404.',
    [
      queryParameter('state', '`pending`, `delivered` or `failed`.'),
      queryParameter('endpoint', 'An endpoint id.'),
      queryParameter('eventType', 'An event type.'),
      queryParameter('limit', 'Deliveries per page (1–200, default 50).', { type: 'integer' }),
      queryParameter('cursor', 'The `next` of the page before.'),
    ],
    {
      description: 'OK',
      content: {
        'application/json': {
          schema: {
            allOf: [
              ref('WebhookDeliveriesPage'),
              { type: 'object', properties: { protocol: { const: PROTOCOL_VERSION } } },
            ],
          },
        },
      },
    },
  );
  // What a server POSTs to a configured webhook endpoint, one entry per event type.
  const webhooks = Object.fromEntries(
    WEBHOOK_EVENT_TYPES.map((type) => [
      type,
      {
        post: {
          summary: `The \`${type}\` event, signed: verify \`Palaute-Signature\` (t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" under the endpoint's secret>), refuse a t more than 5 minutes away, dedupe by the event id (at least once).`,
          parameters: [
            { name: 'Palaute-Signature', in: 'header', required: true, schema: { type: 'string' } },
            { name: 'Palaute-Event-Id', in: 'header', required: true, schema: { type: 'string' } },
            {
              name: 'Palaute-Event-Type',
              in: 'header',
              required: true,
              schema: { type: 'string' },
            },
            { name: 'Palaute-Delivery', in: 'header', required: true, schema: { type: 'string' } },
            { name: 'Palaute-Attempt', in: 'header', required: true, schema: { type: 'string' } },
          ],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: ref('WebhookEvent') } },
          },
          responses: {
            '2XX': { description: 'Received: not sent again.' },
            default: {
              description:
                'Anything else (or no answer within 10 s, or a redirect): sent again later, with exponential backoff and jitter, a bounded number of times.',
            },
          },
        },
      },
    ]),
  );

  return {
    openapi: '3.1.0',
    info: {
      title: 'Palaute protocol',
      version: String(PROTOCOL_VERSION),
      description: [
        'The JSON protocol between the Palaute engine and any backend: the customer side (responses, displays, dismissals, replies, impact, the contact history) and the team side (`/v1/team`: the inbox and its facets, status changes, replies, shipped changes, loop metrics, data rights).',
        '',
        'Every body carries `protocol: 1`. Every write is idempotent by its key (`Idempotency-Key`, derived from the payload: `response:<id>`, `followUp:<responseId>:<followUpId>`, `display:<responseId>`, `dismissal:<responseId>`, `reply:<replyId>`, `read:<itemId>:<at>`, `impactSeen:<customerId>:<noticeId>`): the same key twice is one record, and the second answer says `duplicate: true`. A batch is idempotent item by item (each answered by its own key); its `Idempotency-Key` is `batch:<count>:<digest of its keys>`, the same for the same batch and different for any other.',
        '',
        `Errors carry a code; retrying helps only for ${Object.entries(PROTOCOL_ERROR_CODES)
          .filter(([, retryable]) => retryable)
          .map(([code]) => `\`${code}\``)
          .join(
            ', ',
          )} (429 and 503 say how long to wait in \`Retry-After\`). Any other 4xx is final.`,
        '',
        'By status: 200 is done (a write that was stored before says so: `duplicate: true`, or the outcome `duplicate` in a batch). 400 and 422 are invalid and final (400 lists every problem with its path); 413 is too large. 408, 429, 503 and every other 5xx are worth another try, after `Retry-After` when given (delay-seconds or an HTTP date). In a batch (`/v1/deliveries`) each write is answered on its own: an invalid one is `rejected` with its path, the others are stored.',
        '',
        "Customer routes take the customer's credential and may only read and write that customer's data; team routes take a team token, and the acting team member comes from it, never from the body.",
      ].join('\n'),
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [
      { url: '{baseUrl}', variables: { baseUrl: { default: 'https://api.example.com/palaute' } } },
    ],
    tags: [
      { name: 'customer', description: 'What the engine calls for the customer.' },
      {
        name: 'team',
        description: "The team's tools: never reachable with a customer's credential.",
      },
    ],
    paths,
    webhooks,
    components: {
      schemas,
      parameters: {
        IdempotencyKey: {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description:
            'The write’s key (see the description above): the same key twice is one record.',
          schema: { type: 'string', maxLength: 300 },
        },
      },
      headers: {
        RetryAfter: {
          description: 'Seconds to wait, or an HTTP date.',
          schema: { type: 'string' },
        },
      },
      securitySchemes: {
        customerToken: {
          type: 'http',
          scheme: 'bearer',
          description:
            "The customer's credential (a publishable key with a host-signed customer identity).",
        },
        teamToken: { type: 'http', scheme: 'bearer', description: 'A team token.' },
      },
    },
  };
}
