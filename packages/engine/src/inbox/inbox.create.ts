import { createActor, fromPromise, type Actor as XStateActor } from 'xstate';
import type { TeamPort } from '../backend/backend.port';
import { type DraftStore, tryingDraft } from '../drafts/drafts.store';
import { inboxCsvHeader, inboxCsvRow } from '../feedback/feedback.csv';
import type {
  Actor,
  BulkAction,
  BulkVerdict,
  FeedbackItem,
  InboxQuery,
} from '../feedback/feedback.schema';
import { MAX_INBOX_PAGE_SIZE } from '../feedback/feedback.schema';
import { retriedIds } from '../shared/shared.attempts';
import { randomId } from '../shared/shared.ids';
import { inboxMachine, sentFieldOf } from './inbox.machine';
import {
  INBOX_CSV_MAX_ROWS,
  type InboxCsvResult,
  type InboxInput,
  type InboxListRequest,
  type InboxListResult,
  type ItemDraftField,
  type ItemDrafts,
} from './inbox.schema';
import { mergeInboxPage } from './inbox.utils';

/** A running (or ready to start) inbox. Call `start()`, then `send()` events or use `connectInbox()`. */
export type InboxActor = XStateActor<typeof inboxMachine>;
/** The inbox machine with its actors provided: what `createActor` (or `useActorRef`) takes. */
export type InboxLogic = typeof inboxMachine;

/** Options of {@link createInboxLogic} and {@link createInbox}. */
export interface CreateInboxOptions {
  /** The team's port (`createMemoryBackend().team`, or `createHttpTeamBackend`). */
  team: TeamPort;
  /** The team member acting: shown with their replies and in the history. */
  by: Actor;
  /** Makes reply and change ids. @default crypto.randomUUID */
  createId?: (() => string) | undefined;
  /** Called with each failed request and its operation, for the host's logging. */
  onError?: ((error: unknown, operation: string) => void) | undefined;
  /**
   * Keeps each item's unsent reply and decline reason (scopes {@link INBOX_DRAFTS}, under the team
   * member's id) beyond this inbox, so an inbox started later (the team came back from another tab)
   * gives them back: pass `keptInboxDrafts(store, by.id)` as its `input.keptDrafts` (`createInbox`
   * does). Without it, they live as long as the machine.
   */
  drafts?: DraftStore | undefined;
  /** The clock of a draft's `draftedAt`. @default () => new Date() */
  now?: (() => Date) | undefined;
}

/** The draft store's scopes of the team's unsent reply and decline reason, by field. */
export const INBOX_DRAFTS = {
  reply: 'teamReply',
  decline: 'teamDecline',
} as const satisfies Record<ItemDraftField, string>;

/**
 * The replies and decline reasons the store kept for this team member, by item: the inbox's
 * `input.keptDrafts`.
 */
export function keptInboxDrafts(drafts: DraftStore, memberId: string): Record<string, ItemDrafts> {
  const kept: Record<string, ItemDrafts> = {};
  for (const field of ['reply', 'decline'] as const)
    for (const [itemId, draft] of Object.entries(drafts.read(INBOX_DRAFTS[field], memberId))) {
      kept[itemId] ??= {};
      (kept[itemId] as ItemDrafts)[field] = draft.text;
    }
  return kept;
}

/** Reads pages of the list until `wanted` items are loaded or none is left. */
async function readPages(
  team: TeamPort,
  { query, wanted }: InboxListRequest,
  signal: { readonly aborted: boolean },
  cursor?: string,
): Promise<InboxListResult> {
  let items: FeedbackItem[] = [];
  let next = cursor;
  do {
    const page = await team.listFeedback({
      ...query,
      limit: Math.min(MAX_INBOX_PAGE_SIZE, wanted - items.length),
      ...(next ? { cursor: next } : {}),
    });
    items = mergeInboxPage(items, page.items);
    next = page.next;
    // Left (the filters changed): the rest is not asked for. What was read is still the answer, with
    // its page: a request React's strict mode stopped and started again lands as a whole page, never
    // as an empty list that says there is more.
    if (signal.aborted) return { items, next };
  } while (next && items.length < wanted);
  return { items, next };
}

/**
 * One action on many items over a team port: its `actMany` when it has one, else each item in
 * turn with `act` (a refusal is that item's verdict, as `actMany` gives it).
 */
export async function actOnMany(
  team: TeamPort,
  bulk: BulkAction,
  by: Actor,
): Promise<BulkVerdict[]> {
  if (team.actMany) return team.actMany(bulk, by);
  const verdicts: BulkVerdict[] = [];
  for (const id of bulk.ids) {
    try {
      verdicts.push({ id, outcome: 'done', item: await team.act(id, bulk.action, by) });
    } catch (error) {
      const code = (error as { code?: unknown })?.code;
      verdicts.push({
        id,
        outcome: 'refused',
        error: {
          code: typeof code === 'string' ? code.slice(0, 100) : 'failed',
          message: (error instanceof Error ? error.message : String(error)).slice(0, 2000),
        },
      });
    }
  }
  return verdicts;
}

/**
 * The CSV of every item matching `query` (at most {@link INBOX_CSV_MAX_ROWS}), read a page at a
 * time over the team port, in the inbox's order: what the server's `GET /v1/team/inbox.csv` writes.
 */
export async function exportInboxCsv(
  team: TeamPort,
  query: InboxQuery,
  maxRows = INBOX_CSV_MAX_ROWS,
): Promise<InboxCsvResult> {
  const { cursor: _cursor, limit: _limit, ...filters } = query;
  const lines = [inboxCsvHeader()];
  let count = 0;
  let next: string | undefined;
  do {
    const page = await team.listFeedback({
      ...filters,
      limit: Math.min(MAX_INBOX_PAGE_SIZE, maxRows - count),
      ...(next ? { cursor: next } : {}),
    });
    for (const item of page.items) lines.push(inboxCsvRow(item));
    count += page.items.length;
    next = page.next;
  } while (next && count < maxRows);
  return { csv: lines.join(''), count, truncated: next !== undefined };
}

/**
 * The inbox machine wired to a `TeamPort`: each named actor is the port's call, and every failure
 * is told to `onError` before the machine handles it.
 *
 * @example
 * ```ts
 * const inbox = createActor(createInboxLogic({ team: backend.team, by }), { input: {} }).start();
 * ```
 */
export function createInboxLogic({
  team,
  by,
  createId = randomId,
  onError,
  drafts,
  now = () => new Date(),
}: CreateInboxOptions) {
  const reported =
    <T>(operation: string, run: () => Promise<T>) =>
    async (): Promise<T> => {
      try {
        return await run();
      } catch (error) {
        onError?.(error, operation);
        throw error;
      }
    };
  // A reply or a shipped change tried again after a failure keeps its first attempt's id.
  const attempts = retriedIds(createId);
  return inboxMachine.provide({
    actions: {
      keepDraft: ({ context, event }) => {
        if (event.type !== 'draft.change' || !context.selectedId) return;
        if (event.field !== 'reply' && event.field !== 'decline') return;
        drafts?.write(
          INBOX_DRAFTS[event.field],
          by.id,
          context.selectedId,
          event.value,
          now().toISOString(),
        );
      },
      dropSentDraft: ({ context }) => {
        const sent = sentFieldOf(context);
        if (sent && context.pending)
          drafts?.clear(INBOX_DRAFTS[sent], by.id, context.pending.itemId);
      },
    },
    actors: {
      loadList: fromPromise(({ input, signal }) =>
        reported('listFeedback', () => readPages(team, input, signal))(),
      ),
      loadPage: fromPromise(({ input }) =>
        reported('listFeedback', async () => {
          const page = await team.listFeedback({
            ...input.query,
            limit: input.wanted,
            cursor: input.cursor,
          });
          return { items: page.items, next: page.next };
        })(),
      ),
      loadItem: fromPromise(({ input }) =>
        reported('getFeedback', () => team.getFeedback(input.id))(),
      ),
      markRead: fromPromise(({ input }) =>
        reported('act', () => team.act(input.id, { type: 'reply.read' }, by))(),
      ),
      loadMetrics: fromPromise(({ input }) =>
        reported('loopMetrics', () => team.loopMetrics(input))(),
      ),
      loadFacets: fromPromise(async () => {
        if (!team.inboxFacets) return undefined;
        const facets = team.inboxFacets.bind(team);
        return reported('inboxFacets', () => facets())();
      }),
      loadChanges: fromPromise(() => reported('listChanges', () => team.listChanges())()),
      act: fromPromise(({ input }) =>
        reported('act', async () => {
          const { itemId, action } = input;
          if (action.type !== 'reply.team') return team.act(itemId, action, by);
          // Replying is handling: the lifecycle itself takes a new item out of "new" (one request,
          // so a backend never holds the reply without the move).
          return attempts.write(
            `reply\u0000${itemId}\u0000${action.body}`,
            (id) => team.act(itemId, { type: 'reply.team', reply: { id, body: action.body } }, by),
            tryingDraft(
              drafts,
              { scope: INBOX_DRAFTS.reply, ownerId: by.id, itemId },
              action.body,
              now,
            ),
          );
        })(),
      ),
      actMany: fromPromise(({ input }) => reported('actMany', () => actOnMany(team, input, by))()),
      exportCsv: fromPromise(({ input }) =>
        reported('exportCsv', () => exportInboxCsv(team, input.query))(),
      ),
      shipChange: fromPromise(({ input }) =>
        reported('shipChange', () =>
          attempts.write(`change\u0000${JSON.stringify(input)}`, (id) =>
            team.shipChange({ id: `change-${id}`, ...input }, by),
          ),
        )(),
      ),
    },
  });
}

/**
 * Creates an inbox actor on a `TeamPort` (not started). The headless way to run the team's inbox:
 * `connectInbox(actor.getSnapshot(), actor.send)` gives its values and intents.
 *
 * @example
 * ```ts
 * const inbox = createInbox({ team: backend.team, by: { kind: 'team', id: 'sofia' } }).start();
 * inbox.subscribe((snapshot) => render(connectInbox(snapshot, inbox.send)));
 * ```
 */
export function createInbox(
  options: CreateInboxOptions & { input?: InboxInput | undefined },
): InboxActor {
  const { drafts, by, input = {} } = options;
  return createActor(createInboxLogic(options), {
    input:
      drafts && input.keptDrafts === undefined
        ? { ...input, keptDrafts: keptInboxDrafts(drafts, by.id) }
        : input,
  });
}
