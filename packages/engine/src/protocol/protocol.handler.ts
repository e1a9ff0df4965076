import * as z from 'zod/mini';
import { markChecked } from '../backend/backend.checked';
import type { BackendPort, CustomerDataPort, TeamPort } from '../backend/backend.port';
import { sendWrite } from '../backend/backend.send';
import { refusalOf } from '../backend/backend.utils';
import type { PostedBy } from '../board/board.port';
import type {
  ChangelogInput,
  CommentInput,
  IdeaInput,
  ModerationAction,
  StatusMove,
  TeamComment,
  VoteWrite,
} from '../board/board.schema';
import { ANONYMOUS_AUTHOR } from '../board/board.utils';
import type { Actor, TeamAction } from '../feedback/feedback.schema';
import { LifecycleError } from '../feedback/feedback.utils';
import {
  type DeliveryItem,
  type DeliveryResult,
  deliveryItemSchema,
  deliveryKey,
  type FeedbackResponse,
} from '../records/records.schema';
import { type DefinitionProblem, NotFoundError, ValidationError } from '../shared/shared.errors';
import { toProblems } from '../shared/shared.problems';
import { HttpError } from './protocol.errors';
import { hasTeamText, type Redact, redactDelivery, redactTeamAction } from './protocol.redact';
import {
  type ErrorBody,
  MAX_BATCH_ITEMS,
  PROTOCOL_VERSION,
  type ProtocolErrorCode,
  type ProtocolRoute,
  protocolRoutes,
  type RouteName,
} from './protocol.schema';
import { utf8Length } from './protocol.utils';

/** A request as any server framework can give it: method, path, a header reader and the raw body. */
export interface ProtocolRequest {
  method: string;
  /** The path below the mount point, e.g. `/v1/responses`. */
  path: string;
  headers: { get(name: string): string | null | undefined };
  body: string;
}

/** The answer to send: status, headers and a JSON body. */
export interface ProtocolAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Who is calling, as the host's authentication established it. */
export type Caller =
  | {
      kind: 'customer';
      customerId: string;
      /** The customer's display name as the host passed or signed it (shown with their posts). */
      name?: string | undefined;
    }
  | { kind: 'team'; member: Actor }
  | { kind: 'anonymous' };

/** Options of {@link createProtocolHandler}. */
export interface ProtocolHandlerOptions {
  /** The customer operations. */
  backend: BackendPort;
  /** The team operations; without it, `/v1/team` routes answer 404. */
  team?: TeamPort;
  /**
   * Data rights (export and delete one customer), for team credentials only; without it,
   * `/v1/team/customers/*` answer 404.
   */
  customerData?: CustomerDataPort;
  /**
   * Establishes who is calling (from a token, a session, a signed customer id). Customer routes need
   * a customer, and may only read or write that customer's data; team routes need a team member. By
   * default every caller is anonymous: customer routes are open and team routes are closed.
   */
  authenticate?: (request: ProtocolRequest) => Caller | Promise<Caller>;
  /** Larger bodies are refused with 413. @default 256 KB */
  maxBodyBytes?: number;
  /**
   * A PII redaction hook, applied to every free text before it reaches the backend: text answers and
   * "other" texts of responses and follow-up answers, customers' replies, and the team's replies and
   * reasons. Without it, texts are stored as sent.
   */
  redact?: Redact;
  /**
   * Who may read the board: only signed-in customers (`customers`), or anyone the host lets in
   * (`anyone`): an anonymous caller may then read the board, its ideas, threads, similar ideas,
   * roadmap and changelog as a visitor, who sees only what every customer sees and writes nothing.
   * @default 'customers'
   */
  boardReaders?: 'customers' | 'anyone';
}

/** The board's read routes, which a visitor may call on a board readable by anyone. */
const BOARD_READS: ReadonlySet<RouteName> = new Set<RouteName>([
  'getBoard',
  'listIdeas',
  'getIdea',
  'similarIdeas',
  'roadmap',
  'changelog',
]);

/** The board's customer writes, which post under the caller's name. */
const BOARD_WRITES: ReadonlySet<RouteName> = new Set<RouteName>(['suggestIdea', 'vote', 'comment']);

/** A board read as a visitor makes it: whatever customer the body names, it reads as nobody's. */
function asVisitor(name: RouteName, body: Record<string, unknown>): Record<string, unknown> {
  if (name === 'similarIdeas')
    return { ...body, query: { ...(body.query as object), customerId: ANONYMOUS_AUTHOR } };
  return { ...body, customerId: ANONYMOUS_AUTHOR };
}

/** The host's name for the calling customer, for what they post. */
const postedBy = (caller: Caller): PostedBy | undefined =>
  caller.kind === 'customer' && caller.name ? { name: caller.name } : undefined;

/**
 * A write as its caller may make it: a follow-up answer names the calling customer, and an idea
 * posts under the host's name for the caller (`authorName` is never the customer's to type: what
 * the body says is dropped).
 */
function ownedBy(raw: DeliveryItem, caller: Caller): DeliveryItem {
  if (raw.kind === 'followUp' && caller.kind === 'customer')
    return { ...raw, payload: { ...raw.payload, customerId: caller.customerId } };
  if (raw.kind === 'idea') {
    const { authorName: _, ...rest } = raw.payload;
    const name = postedBy(caller)?.name;
    return { kind: 'idea', payload: name ? { ...rest, authorName: name } : rest };
  }
  return raw;
}

/** A refusal with its status and code (a protocol code, or a backend's own, e.g. a contact-policy rule). */
class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: ProtocolErrorCode | (string & {}),
    message: string,
    readonly problems?: readonly DefinitionProblem[],
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

const json = (
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): ProtocolAnswer => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  body: JSON.stringify(body),
});

/** The customer id a write or query names, to check it against the caller. */
function customerIdsIn(name: RouteName, body: Record<string, unknown>): string[] {
  // Only a text is an id: anything else fails the payload's schema (a batch item on its own), and is
  // never turned into one (`String()` of an object runs its `toString`).
  const read = (value: unknown) => {
    const id = (value as { customerId?: unknown } | null)?.customerId;
    return typeof value === 'object' && typeof id === 'string' ? [id] : [];
  };
  switch (name) {
    case 'submitResponse':
      return read(body.response);
    case 'submitFollowUp':
      return read(body.followUp);
    case 'recordDisplay':
      return read(body.display);
    case 'recordDismissal':
      return read(body.dismissal);
    case 'submitReply':
      return read(body.reply);
    case 'markRead':
      return read(body.receipt);
    case 'markImpactSeen':
      return read(body.seen);
    case 'setContactChoice':
      return read(body.choice);
    case 'deliver':
      // Items are not validated yet (each is answered on its own): read them defensively.
      return (body.items as unknown[]).flatMap((item) =>
        read((item as { payload?: unknown } | null)?.payload),
      );
    case 'listImpact':
    case 'getContactHistory':
    case 'listMyFeedback':
    case 'similarIdeas':
      return read(body.query);
    case 'getBoard':
    case 'listIdeas':
    case 'getIdea':
    case 'roadmap':
    case 'changelog':
      return read(body);
    case 'suggestIdea':
      return read(body.idea);
    case 'vote':
      return read(body.vote);
    case 'comment':
      return read(body.comment);
    default:
      return [];
  }
}

/**
 * A batch as the handler first reads it: the envelope is checked, its items one by one afterwards, so
 * an invalid write is refused on its own (`rejected`, with its path) and the rest are stored.
 */
const batchEnvelopeSchema = /* @__PURE__ */ (() =>
  z.object({
    protocol: z.literal(PROTOCOL_VERSION),
    items: z.array(z.unknown()).check(z.minLength(1), z.maxLength(MAX_BATCH_ITEMS)),
  }))();

/** The key a client gave an item: from its payload when it has one, else its position (`items[2]`). */
function keyOf(item: unknown, index: number): string {
  try {
    const key: unknown = deliveryKey(item as DeliveryItem);
    if (typeof key === 'string' && key.length > 0 && key.length <= 300) return key;
  } catch {
    // Too malformed to name a key.
  }
  return `items[${index}]`;
}

/** A result's message within what its schema allows: a longer one would make the whole answer invalid. */
const capped = (result: DeliveryResult): DeliveryResult =>
  result.error && result.error.message.length > 2000
    ? { ...result, error: { ...result.error, message: result.error.message.slice(0, 2000) } }
    : result;

/** Checks each item of a batch: the valid ones, and a `rejected` result naming the path of each invalid one. */
function checkItems(items: readonly unknown[]) {
  const valid = new Map<number, DeliveryItem>();
  const rejected = new Map<number, DeliveryResult>();
  items.forEach((item, index) => {
    const parsed = z.safeParse(deliveryItemSchema, item, { reportInput: true });
    if (parsed.success) {
      valid.set(index, parsed.data);
      return;
    }
    const problems = toProblems(parsed.error.issues).map((problem) => ({
      ...problem,
      path: problem.path ? `items[${index}].${problem.path}` : `items[${index}]`,
    }));
    rejected.set(index, {
      key: keyOf(item, index),
      outcome: 'rejected',
      error: {
        code: 'invalid_request',
        message: new ValidationError(problems, 'delivery item').message,
      },
    });
  });
  return { valid, rejected };
}

/**
 * The Palaute HTTP protocol as one framework-neutral function: give it a request, send back its
 * answer. Mount it in any server (a `fetch` handler, Node's `http`, Express, Hono). It validates
 * every body with the protocol's schemas, refuses what is malformed, oversized, of another protocol
 * version or not the caller's with a 4xx that names the problem, and answers a write whose key was
 * stored before as a duplicate (the same key twice is one record).
 *
 * @example
 * ```ts
 * const handle = createProtocolHandler({ backend, team, authenticate });
 * const answer = await handle({ method, path, headers, body });
 * ```
 */
export function createProtocolHandler(
  options: ProtocolHandlerOptions,
): (request: ProtocolRequest) => Promise<ProtocolAnswer> {
  const { backend, team } = options;
  const maxBodyBytes = options.maxBodyBytes ?? 256 * 1024;
  const byPath = new Map<string, [RouteName, ProtocolRoute]>(
    Object.entries(protocolRoutes).map(([name, route]) => [route.path, [name as RouteName, route]]),
  );

  const { redact } = options;
  /**
   * A write as it will be stored: a follow-up answer names its customer (the caller: response ids
   * are each customer's own, so it joins only the caller's response), and free text is redacted
   * when a hook is given.
   */
  const clean = (raw: DeliveryItem, caller: Caller): Promise<DeliveryItem> | DeliveryItem => {
    const item = ownedBy(raw, caller);
    if (redact)
      return redactDelivery(
        item,
        redact,
        caller.kind === 'customer' ? caller.customerId : undefined,
      );
    // The schema's own parse, passed on unchanged to a backend's `deliver` (a backend without
    // one gets its writes as before): it need not parse it again.
    return item === raw && backend.deliver ? markChecked(item) : item;
  };

  const write = async (raw: DeliveryItem, caller: Caller) => {
    const item = await clean(raw, caller);
    const key = deliveryKey(item);
    if (!backend.deliver) {
      await dispatchWrite(backend, item);
      return { key, duplicate: false, item, receivedAt: undefined };
    }
    const [result] = await backend.deliver([item]);
    if (!result)
      throw new Refusal(503, 'unavailable', 'The write was not handled; try again.', undefined, 5);
    // The backend's own code is kept (`contact_policy.budget`): it tells the client why, for good.
    if (result.outcome === 'rejected')
      throw new Refusal(
        result.error?.code === 'not_found'
          ? 404
          : result.error?.code.startsWith('lifecycle.')
            ? 409
            : 422,
        result.error?.code || 'invalid_request',
        result.error?.message ?? 'Rejected.',
      );
    return { key, duplicate: result.outcome === 'duplicate', item, receivedAt: result.receivedAt };
  };

  /** A single write's answer: its key and whether it was stored before. */
  const written = async (pending: ReturnType<typeof write>) => {
    const { key, duplicate } = await pending;
    return { key, duplicate };
  };

  const dispatch = async (name: RouteName, body: Record<string, unknown>, caller: Caller) => {
    // The body was validated against the route's schema: each field is what its method takes.
    const field = (key: string) => body[key] as never;
    const member = caller.kind === 'team' ? caller.member : undefined;
    const need = <T>(value: T | undefined, what: string): T => {
      if (value === undefined) throw new Refusal(404, 'not_found', `This server has no ${what}.`);
      return value;
    };
    const teamBoard = () => need(need(team, 'team routes').board, 'board');
    switch (name) {
      case 'submitResponse': {
        const { duplicate, item, receivedAt } = await write(
          { kind: 'response', payload: field('response') },
          caller,
        );
        const response = item.payload as FeedbackResponse;
        // Written once: the receipt comes with the write's result. Only a backend that does not
        // say it is asked (its `submitResponse` answers a known id with its first receipt).
        return {
          receipt:
            receivedAt === undefined
              ? await backend.submitResponse(response)
              : { responseId: response.id, receivedAt },
          duplicate,
        };
      }
      case 'submitFollowUp':
        return written(write({ kind: 'followUp', payload: field('followUp') }, caller));
      case 'recordDisplay':
        return written(write({ kind: 'display', payload: field('display') }, caller));
      case 'recordDismissal':
        return written(write({ kind: 'dismissal', payload: field('dismissal') }, caller));
      case 'submitReply':
        return written(write({ kind: 'reply', payload: field('reply') }, caller));
      case 'markRead':
        return written(write({ kind: 'read', payload: field('receipt') }, caller));
      case 'markImpactSeen':
        return written(write({ kind: 'impactSeen', payload: field('seen') }, caller));
      case 'setContactChoice':
        return written(write({ kind: 'contactChoice', payload: field('choice') }, caller));
      case 'deliver': {
        const { valid, rejected } = checkItems(field('items'));
        for (const [index, item] of valid) valid.set(index, await clean(item, caller));
        const handled = new Map<string, DeliveryResult>();
        if (backend.deliver && valid.size > 0)
          for (const result of await backend.deliver([...valid.values()]))
            handled.set(result.key, result);
        else if (!backend.deliver)
          for (const item of valid.values()) {
            const key = deliveryKey(item);
            try {
              await dispatchWrite(backend, item);
              handled.set(key, { key, outcome: 'stored' });
            } catch (error) {
              // Anything but an invalid write was not handled: left out, so the client tries again.
              const refusal = refusalOf(error);
              if (refusal) handled.set(key, { key, outcome: 'rejected', error: refusal });
            }
          }
        // In the order sent; a write the backend did not handle is left out (tried again).
        const items: unknown[] = field('items');
        const results = items.flatMap((_, index): DeliveryResult[] => {
          const item = valid.get(index);
          const result = rejected.get(index) ?? (item && handled.get(deliveryKey(item)));
          return result ? [capped(result)] : [];
        });
        return { results };
      }
      case 'listImpact':
        return { notices: await backend.listImpact(field('query')) };
      case 'getContactHistory':
        return {
          history: await need(backend.getContactHistory, 'contact history').call(
            backend,
            field('query'),
          ),
        };
      case 'listMyFeedback':
        return {
          items: await need(backend.listMyFeedback, 'feedback list').call(backend, field('query')),
        };
      case 'listFeedback': {
        const { items, next } = await need(team, 'team routes').listFeedback(field('query'));
        return next === undefined ? { items } : { items, next };
      }
      case 'inboxFacets': {
        const port = need(team, 'team routes');
        return {
          facets: await need(port.inboxFacets, 'inbox facets').call(port, field('query')),
        };
      }
      case 'getFeedback':
        return { item: await need(team, 'team routes').getFeedback(field('id')) };
      case 'act': {
        const port = need(team, 'team routes');
        const id: string = field('id');
        let action: TeamAction = field('action');
        if (redact && hasTeamText(action))
          action = await redactTeamAction(action, redact, (await port.getFeedback(id)).customerId);
        return { item: await port.act(id, action, member as Actor) };
      }
      case 'actMany': {
        const port = need(team, 'team routes');
        const results = await need(port.actMany, 'bulk actions').call(
          port,
          { ids: field('ids'), action: field('action') },
          member as Actor,
        );
        return { results };
      }
      case 'shipChange':
        return {
          change: await need(team, 'team routes').shipChange(field('change'), member as Actor),
        };
      case 'listChanges':
        return { changes: await need(team, 'team routes').listChanges() };
      case 'exportCustomer':
        return {
          export: await need(options.customerData, 'data rights').exportCustomer(
            field('customerId'),
          ),
        };
      case 'deleteCustomer':
        return {
          deletion: await need(options.customerData, 'data rights').deleteCustomer(
            field('customerId'),
          ),
        };
      case 'cxReport': {
        const port = need(team, 'team routes');
        return { report: await need(port.cxReport, 'CX report').call(port, field('query')) };
      }
      case 'cxTargets': {
        const port = need(team, 'team routes');
        return await need(port.cxTargets, 'CX targets').call(port);
      }
      case 'setCxTargets': {
        const port = need(team, 'team routes');
        return await need(port.setCxTargets, 'CX targets').call(port, {
          targets: field('targets'),
        });
      }
      case 'cxResponses': {
        const port = need(team, 'team routes');
        const { items, total, next } = await need(port.cxResponses, 'CX responses').call(
          port,
          field('query'),
        );
        return next === undefined ? { items, total } : { items, total, next };
      }
      case 'getBoard':
        return { board: await need(backend.board, 'board').board(field('customerId')) };
      case 'listIdeas': {
        const { ideas, next } = await need(backend.board, 'board').listIdeas(
          field('customerId'),
          field('query'),
        );
        return next === undefined ? { ideas } : { ideas, next };
      }
      case 'getIdea':
        return {
          detail: await need(backend.board, 'board').getIdea(field('customerId'), field('ideaId')),
        };
      case 'suggestIdea': {
        const idea: IdeaInput = field('idea');
        const texted = redact
          ? {
              ...idea,
              title: await redact(idea.title, { field: 'idea.title', customerId: idea.customerId }),
              body: idea.body
                ? await redact(idea.body, { field: 'idea.body', customerId: idea.customerId })
                : idea.body,
            }
          : idea;
        return { idea: await need(backend.board, 'board').suggestIdea(texted, postedBy(caller)) };
      }
      case 'similarIdeas':
        return { ideas: await need(backend.board, 'board').similarIdeas(field('query')) };
      case 'vote': {
        const port = need(backend.board, 'board');
        // Through the write path, so a vote and its `deliver` twin are one record.
        await write({ kind: 'vote', payload: field('vote') }, caller);
        const vote: VoteWrite = field('vote');
        return { idea: (await port.getIdea(vote.customerId, vote.ideaId)).idea };
      }
      case 'comment': {
        const comment: CommentInput = field('comment');
        const body = redact
          ? await redact(comment.body, { field: 'comment.body', customerId: comment.customerId })
          : comment.body;
        return {
          comment: await need(backend.board, 'board').comment(
            { ...comment, body },
            postedBy(caller),
          ),
        };
      }
      case 'roadmap':
        return { roadmap: await need(backend.board, 'board').roadmap(field('customerId')) };
      case 'changelog':
        return { entries: await need(backend.board, 'board').changelog(field('customerId')) };
      case 'teamListIdeas': {
        const { ideas, next } = await teamBoard().listIdeas(field('query'));
        return next === undefined ? { ideas } : { ideas, next };
      }
      case 'teamGetIdea':
        return await teamBoard().getIdea(field('ideaId'));
      case 'moderateIdea': {
        let action = field('action') as ModerationAction;
        if (redact && action.type === 'editTitle')
          action = {
            ...action,
            title: await redact(action.title, { field: 'action.title', customerId: undefined }),
          };
        return { idea: await teamBoard().moderate(field('ideaId'), action, member as Actor) };
      }
      case 'setIdeaStatus': {
        let move = field('move') as StatusMove;
        if (redact && move.reason)
          move = {
            ...move,
            reason: await redact(move.reason, { field: 'move.reason', customerId: undefined }),
          };
        return { idea: await teamBoard().setStatus(field('ideaId'), move, member as Actor) };
      }
      case 'teamComment': {
        const comment: TeamComment = field('comment');
        const body = redact
          ? await redact(comment.body, { field: 'comment.body', customerId: undefined })
          : comment.body;
        return { comment: await teamBoard().comment({ ...comment, body }, member as Actor) };
      }
      case 'mergeIdea':
        return {
          idea: await teamBoard().merge(field('ideaId'), field('intoId'), member as Actor),
        };
      case 'unmergeIdea':
        return { idea: await teamBoard().unmerge(field('ideaId'), member as Actor) };
      case 'voteOnBehalf':
        return { idea: await teamBoard().voteOnBehalf(field('vote'), member as Actor) };
      case 'publishChangelog': {
        const entry: ChangelogInput = field('entry');
        const texted = redact
          ? {
              ...entry,
              title: await redact(entry.title, { field: 'entry.title', customerId: undefined }),
              body: entry.body
                ? await redact(entry.body, { field: 'entry.body', customerId: undefined })
                : entry.body,
            }
          : entry;
        return { entry: await teamBoard().publishChangelog(texted, member as Actor) };
      }
      case 'listChangelog':
        return { entries: await teamBoard().listChangelog() };
      case 'ideaDemand': {
        const port = teamBoard();
        return { ideas: await need(port.demand, 'idea demand').call(port, field('query')) };
      }
      case 'loopMetrics': {
        const responseTargetHours: number | undefined = field('responseTargetHours');
        return {
          metrics: await need(team, 'team routes').loopMetrics(
            responseTargetHours === undefined ? {} : { responseTargetHours },
          ),
        };
      }
    }
  };

  return async (request) => {
    try {
      const found = byPath.get(request.path.replace(/\/+$/, ''));
      if (!found) throw new Refusal(404, 'not_found', 'No such route.');
      const [name, route] = found;
      if (request.method.toUpperCase() !== route.method)
        throw new Refusal(405, 'invalid_request', `${route.path} takes ${route.method}.`);
      const type = request.headers.get('content-type') ?? '';
      if (!/^application\/json\b/i.test(type))
        throw new Refusal(
          415,
          'unsupported_media_type',
          'Send JSON (content-type: application/json).',
        );
      if (utf8Length(request.body) > maxBodyBytes)
        throw new Refusal(413, 'payload_too_large', `The body is over ${maxBodyBytes} bytes.`);
      let raw: unknown;
      try {
        raw = JSON.parse(request.body);
      } catch {
        throw new Refusal(400, 'invalid_request', 'The body is not valid JSON.');
      }
      const version = (raw as { protocol?: unknown } | null)?.protocol;
      if (version !== PROTOCOL_VERSION)
        throw new Refusal(
          400,
          'unsupported_protocol',
          `This server speaks protocol ${PROTOCOL_VERSION}; the body says ${JSON.stringify(version ?? null)}.`,
        );
      const parsed = z.safeParse(name === 'deliver' ? batchEnvelopeSchema : route.request, raw, {
        reportInput: true,
      });
      if (!parsed.success) {
        const problems = toProblems(parsed.error.issues);
        throw new Refusal(
          400,
          'invalid_request',
          new ValidationError(problems, route.operationId).message,
          problems,
        );
      }
      let body = parsed.data as Record<string, unknown>;

      const caller: Caller = (await options.authenticate?.(request)) ?? { kind: 'anonymous' };
      if (route.audience === 'team') {
        if (caller.kind !== 'team')
          throw new Refusal(
            caller.kind === 'anonymous' ? 401 : 403,
            caller.kind === 'anonymous' ? 'unauthorized' : 'forbidden',
            'Team routes need a team credential.',
          );
      } else if (options.authenticate) {
        if (
          caller.kind === 'anonymous' &&
          options.boardReaders === 'anyone' &&
          BOARD_READS.has(name)
        )
          body = asVisitor(name, body);
        else if (caller.kind !== 'customer')
          throw new Refusal(401, 'unauthorized', 'Customer routes need a customer credential.');
        else {
          const named = customerIdsIn(name, body);
          if (named.some((id) => id !== caller.customerId))
            throw new Refusal(
              403,
              'forbidden',
              'A customer may only read and write their own data.',
            );
          // The id a deleted customer's posts are left under posts nothing of its own.
          if (BOARD_WRITES.has(name) && caller.customerId === ANONYMOUS_AUTHOR)
            throw new Refusal(403, 'forbidden', 'This customer id cannot post on the board.');
        }
      }

      const result = await dispatch(name, body, caller);
      return json(200, { protocol: PROTOCOL_VERSION, ...result });
    } catch (error) {
      return errorAnswer(error);
    }
  };
}

/** Sends one write to the backend's own method; one it has no method for is not taken here. */
const dispatchWrite = (backend: BackendPort, item: DeliveryItem) =>
  sendWrite(
    backend,
    item,
    (method) => new Refusal(404, 'not_found', `This server does not take ${WRITE_NAMES[method]}.`),
  );

const WRITE_NAMES = {
  submitReply: 'replies',
  markRead: 'read receipts',
  setContactChoice: 'contact choices',
  markImpactSeen: 'impact seen',
  board: 'board votes',
} as const;

/** Every failure as a protocol error body: 4xx for what the caller can fix, 5xx for the rest. */
function errorAnswer(error: unknown): ProtocolAnswer {
  const answer = (
    status: number,
    code: string,
    message: string,
    problems?: readonly DefinitionProblem[],
    headers: Record<string, string> = {},
  ) => {
    const body: ErrorBody = {
      protocol: PROTOCOL_VERSION,
      error: {
        code,
        message,
        ...(problems && problems.length > 0 ? { problems: [...problems] } : {}),
      },
    };
    return json(status, body, headers);
  };
  if (error instanceof Refusal)
    return answer(
      error.status,
      error.code,
      error.message,
      error.problems,
      error.retryAfterSeconds === undefined
        ? {}
        : { 'retry-after': String(error.retryAfterSeconds) },
    );
  if (error instanceof NotFoundError)
    return answer(404, 'not_found', error.message, error.problems);
  if (error instanceof ValidationError)
    return answer(400, 'invalid_request', error.message, error.problems);
  if (error instanceof LifecycleError) return answer(409, `lifecycle.${error.code}`, error.message);
  if (error instanceof HttpError)
    return answer(error.status || 502, error.code, error.message, error.problems);
  if ((error as { retryable?: unknown } | null)?.retryable === true)
    return answer(
      503,
      'unavailable',
      error instanceof Error ? error.message : 'Unavailable.',
      undefined,
      {
        'retry-after': '5',
      },
    );
  // Never the details of an unexpected failure: they may hold data.
  return answer(500, 'internal', 'Something went wrong on the server.');
}
