import {
  type Actor,
  createMemoryBackend,
  FEEDBACK_STATUSES,
  type FeedbackItem,
  type FeedbackResponse,
  type FeedbackStatus,
  INBOX_PAGE_SIZE,
  type InboxPage,
  type InboxQuery,
  inboxQuerySchema,
  type MemoryBackend,
  ValidationError,
} from '@palaute/engine';
import {
  compareCodePoints,
  decodeInboxCursor,
  encodeInboxCursor,
  type InboxPosition,
} from '@palaute/engine/internal';
import fc from 'fast-check';
import * as z from 'zod/mini';

const HOUR = 3_600_000;
const NOW = '2026-11-23T12:00:00.000Z';
const anna: Actor = { kind: 'team', id: 'anna', name: 'Anna' };

// ---------------------------------------------------------------------------------------------
// A reference inbox, written plainly and on its own: the order by creation instant, ties by the
// ids' UTF-8 bytes (what PostgreSQL's "C" collation compares), filters as the query documents them.

const GROUP: Record<FeedbackStatus, number> = {
  new: 0,
  triaged: 1,
  planned: 1,
  inProgress: 1,
  shipped: 2,
  declined: 2,
  answered: 2,
};

function referenceInbox(items: readonly FeedbackItem[], query: InboxQuery): FeedbackItem[] {
  const now = Date.parse(NOW);
  const matches = items.filter(
    (item) =>
      (query.status === undefined || query.status.includes(item.status)) &&
      (query.touchpointId === undefined || item.touchpointId === query.touchpointId) &&
      (query.olderThanHours === undefined ||
        now - Date.parse(item.createdAt) >= query.olderThanHours * HOUR) &&
      Object.entries(query.segment ?? {}).every(
        ([key, value]) => item.segment !== undefined && item.segment[key] === value,
      ),
  );
  const byTime = (a: FeedbackItem, b: FeedbackItem) =>
    Date.parse(a.createdAt) - Date.parse(b.createdAt) ||
    Buffer.compare(Buffer.from(a.id, 'utf8'), Buffer.from(b.id, 'utf8'));
  const sort = query.sort ?? 'unprocessed';
  return matches.sort((a, b) => {
    if (sort === 'oldest') return byTime(a, b);
    if (sort === 'newest') return byTime(b, a);
    const group = GROUP[a.status] - GROUP[b.status];
    if (group !== 0) return group;
    return GROUP[a.status] === 0 ? byTime(a, b) : byTime(b, a);
  });
}

// ---------------------------------------------------------------------------------------------
// Inboxes built the real way: responses submitted to a memory backend, statuses reached through
// the team's actions.

interface Seed {
  /** Unique, of characters whose code-point and UTF-16 orders differ. */
  id: string;
  /** Milliseconds after the start; few values, so ties are common. */
  at: number;
  /** The time zone offset it is written in, in minutes. */
  offset: number;
  /** Digits written after the milliseconds (cut by everyone). */
  extra: string;
  touchpointId: string;
  segment: Record<string, string | number | boolean> | undefined;
  status: FeedbackStatus;
}

/** An instant written with an offset and extra digits, as a host may send it. */
function written(ms: number, offset: number, extra: string): string {
  const local = new Date(ms + offset * 60_000).toISOString().slice(0, -1);
  if (offset === 0) return `${local}${extra}Z`;
  const sign = offset > 0 ? '+' : '-';
  const abs = Math.abs(offset);
  const zone = `${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${local}${extra}${sign}${zone}`;
}

const START = Date.parse(NOW) - 100 * HOUR;
const segmentValue = fc.constantFrom<string | number | boolean>('pro', 'free', 12, '12', true);
const seedArbitrary = (index: number) =>
  fc.record({
    id: fc
      .array(fc.constantFrom('Z', 'm', 'a', 'é', 'ｚ', '😀', '-'), { minLength: 1, maxLength: 3 })
      .map((chars) => `${chars.join('')}-${String(index).padStart(3, '0')}-item`),
    at: fc.integer({ min: 0, max: 8 }).map((step) => START + step * 12 * HOUR),
    offset: fc.constantFrom(0, 0, 120, -300, 330),
    extra: fc.constantFrom('', '', '4', '999'),
    touchpointId: fc.constantFrom('dashboard', 'billing'),
    segment: fc.option(fc.dictionary(fc.constantFrom('plan', 'seats'), segmentValue), {
      nil: undefined,
    }),
    status: fc.constantFrom(...FEEDBACK_STATUSES),
  });
const seedsArbitrary = fc
  .integer({ min: 0, max: 24 })
  .chain((count) => fc.tuple(...Array.from({ length: count }, (_, index) => seedArbitrary(index))));

const queryArbitrary: fc.Arbitrary<InboxQuery> = fc.record(
  {
    sort: fc.constantFrom('unprocessed', 'newest', 'oldest'),
    status: fc.subarray([...FEEDBACK_STATUSES]),
    touchpointId: fc.constantFrom('dashboard', 'billing'),
    olderThanHours: fc.integer({ min: 0, max: 400 }).map((quarters) => quarters / 4),
    segment: fc.dictionary(fc.constantFrom('plan', 'seats'), segmentValue, { maxKeys: 2 }),
  },
  { requiredKeys: [] },
);

async function inboxOf(seeds: readonly Seed[]): Promise<MemoryBackend> {
  const backend = createMemoryBackend({ now: () => new Date(NOW) });
  for (const seed of seeds) await add(backend, seed);
  return backend;
}

async function add(backend: MemoryBackend, seed: Seed) {
  const at = written(seed.at, seed.offset, seed.extra);
  const response: FeedbackResponse = {
    id: seed.id,
    surveyId: 'dashboard-nps',
    surveyVersion: 1,
    touchpointId: seed.touchpointId,
    customerId: `customer-${seed.id}`,
    locale: 'en',
    answers: { nps: 4, why: 'Exports are slow', contact: true },
    ...(seed.segment ? { segment: seed.segment } : {}),
    startedAt: at,
    submittedAt: at,
  };
  await backend.submitResponse(response);
  await moveTo(backend, seed.id, seed.status);
}

let changes = 0;
/**
 * Moves a new item to `status` through the team's actions, or (from another status) tries the one
 * move towards it, which the lifecycle may refuse.
 */
async function moveTo(backend: MemoryBackend, id: string, status: FeedbackStatus) {
  const act = (type: string, extra: object = {}) =>
    backend.team.act(id, { type, ...extra } as never, anna);
  const item = await backend.team.getFeedback(id);
  if (item.status === status || status === 'new') return;
  if (status === 'shipped') {
    changes += 1;
    await backend.team.shipChange({ id: `change-${changes}`, weDid: 'Done', itemIds: [id] }, anna);
  } else if (status === 'declined') await act('feedback.decline', { reason: 'No' });
  else if (status === 'answered') {
    changes += 1;
    await act('reply.team', { reply: { id: `reply-${changes}-answer`, body: 'Thanks' } });
    await act('feedback.answer');
  } else if (item.status !== 'new') {
    const move = {
      triaged: 'feedback.triage',
      planned: 'feedback.plan',
      inProgress: 'feedback.start',
    };
    await act(
      item.status === 'declined' || item.status === 'answered' ? 'feedback.reopen' : move[status],
    );
  } else {
    await act('feedback.triage');
    if (status === 'planned' || status === 'inProgress') await act('feedback.plan');
    if (status === 'inProgress') await act('feedback.start');
  }
}

/** Every page of a query, following `next`. */
async function pageThrough(backend: MemoryBackend, query: InboxQuery): Promise<InboxPage[]> {
  const pages: InboxPage[] = [];
  let cursor: string | undefined;
  do {
    const page = await backend.team.listFeedback({ ...query, ...(cursor ? { cursor } : {}) });
    pages.push(page);
    cursor = page.next;
  } while (cursor && pages.length <= 100);
  return pages;
}

const idsOf = (items: readonly { id: string }[]) => items.map((item) => item.id);

describe('the inbox, a page at a time (memory backend)', () => {
  it('given any inbox and any query › the pages together are the reference list, in order, each item once; every page but the last is full', async () => {
    await fc.assert(
      fc.asyncProperty(
        seedsArbitrary,
        queryArbitrary,
        fc.integer({ min: 1, max: 7 }),
        async (seeds, query, limit) => {
          const backend = await inboxOf(seeds);
          const items = await Promise.all(seeds.map((seed) => backend.team.getFeedback(seed.id)));
          const expected = idsOf(referenceInbox(items, query));
          const pages = await pageThrough(backend, { ...query, limit });
          expect(idsOf(pages.flatMap((page) => page.items))).toEqual(expected);
          for (const page of pages.slice(0, -1)) expect(page.items).toHaveLength(limit);
          expect(pages.at(-1)?.next).toBeUndefined();
        },
      ),
      { numRuns: 150 },
    );
  });

  it('given items arriving and changing status between pages › newest and oldest list every item that was there once, and never one twice', async () => {
    await fc.assert(
      fc.asyncProperty(
        seedsArbitrary,
        fc.constantFrom('newest' as const, 'oldest' as const),
        fc.integer({ min: 1, max: 5 }),
        fc.array(
          fc.record({
            which: fc.nat(),
            status: fc.constantFrom(...FEEDBACK_STATUSES),
            arrival: seedArbitrary(900),
          }),
          { maxLength: 6 },
        ),
        async (seeds, sort, limit, changes) => {
          const backend = await inboxOf(seeds);
          const before = new Set(idsOf(await all(backend)));
          const seen: string[] = [];
          let page = await backend.team.listFeedback({ sort, limit });
          seen.push(...idsOf(page.items));
          for (const [index, change] of changes.entries()) {
            // A status change (of an item seen or not), and now and then a new arrival.
            const target = seeds[change.which % Math.max(1, seeds.length)];
            if (target) await moveTo(backend, target.id, change.status).catch(() => {});
            if (index % 2 === 0)
              await add(backend, { ...change.arrival, id: `${change.arrival.id}-${index}` });
            if (!page.next) break;
            page = await backend.team.listFeedback({ sort, limit, cursor: page.next });
            seen.push(...idsOf(page.items));
          }
          while (page.next) {
            page = await backend.team.listFeedback({ sort, limit, cursor: page.next });
            seen.push(...idsOf(page.items));
          }
          expect(new Set(seen).size).toBe(seen.length);
          for (const id of before) expect(seen).toContain(id);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('without a limit › a page holds 50 items', async () => {
    const seeds = Array.from({ length: 51 }, (_, index) => ({
      id: `item-${String(index).padStart(3, '0')}`,
      at: START + index * 1000,
      offset: 0,
      extra: '',
      touchpointId: 'dashboard',
      segment: undefined,
      status: 'new' as const,
    }));
    const backend = await inboxOf(seeds);
    const first = await backend.team.listFeedback();
    expect(first.items).toHaveLength(INBOX_PAGE_SIZE);
    expect(first.items[0]?.id).toBe('item-000');
    const rest = await backend.team.listFeedback({ cursor: first.next as string });
    expect(idsOf(rest.items)).toEqual(['item-050']);
    expect(rest.next).toBeUndefined();
  });

  it('given a bad query › a ValidationError naming its path', async () => {
    const backend = await inboxOf([]);
    const paths = async (query: unknown) => {
      const error = await backend.team
        .listFeedback(query as InboxQuery)
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ValidationError);
      return (error as ValidationError).problems.map((problem) => problem.path);
    };
    expect(await paths({ cursor: 'bm90IGEgY3Vyc29y' })).toEqual(['cursor']);
    expect(await paths({ limit: 0 })).toEqual(['limit']);
    expect(await paths({ limit: 501 })).toEqual(['limit']);
    const newest = encodeInboxCursor({ sort: 'newest', rank: undefined, at: 0, id: 'item-0001' });
    expect(await paths({ cursor: newest })).toEqual(['cursor']);
    expect(await paths({ sort: 'newest', cursor: newest, olderThanHours: -1 })).toEqual([
      'olderThanHours',
    ]);
  });
});

/** Every item the backend holds, from one big page. */
async function all(backend: MemoryBackend): Promise<FeedbackItem[]> {
  return (await backend.team.listFeedback({ limit: 500 })).items;
}

describe('the inbox cursor', () => {
  const position = fc.oneof(
    fc.record({
      sort: fc.constant('unprocessed' as const),
      rank: fc.constantFrom(0 as const, 1 as const, 2 as const),
      at: fc.integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 }),
      id: fc.string({ unit: 'binary', minLength: 1, maxLength: 100 }),
    }),
    fc.record({
      sort: fc.constantFrom('newest' as const, 'oldest' as const),
      rank: fc.constant(undefined),
      at: fc.integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 }),
      id: fc.string({ unit: 'binary', minLength: 1, maxLength: 100 }),
    }),
  );

  it('given any place › reads back as that place, from URL-safe text the query schema takes', () => {
    fc.assert(
      fc.property(position, (place: InboxPosition) => {
        const cursor = encodeInboxCursor(place);
        expect(cursor).toMatch(/^[\w-]+$/);
        expect(decodeInboxCursor(cursor)).toEqual(place);
        expect(z.safeParse(inboxQuerySchema, { sort: place.sort, cursor }).success).toBe(true);
      }),
    );
  });

  it('given any other text › is not a cursor, and the schema names `cursor`', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const place = decodeInboxCursor(text);
        // Whatever decodes must be a place a cursor could name, and encode back to itself.
        if (place) expect(decodeInboxCursor(encodeInboxCursor(place))).toEqual(place);
        else {
          const result = z.safeParse(inboxQuerySchema, { cursor: text });
          expect(result.success).toBe(false);
          expect(result.error?.issues.map((issue) => issue.path)).toEqual([['cursor']]);
        }
      }),
    );
  });

  it('orders ids by code point, as UTF-8 bytes do (and PostgreSQL\'s "C" collation)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (a, b) => {
        expect(Math.sign(compareCodePoints(a, b))).toBe(
          Math.sign(Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'))),
        );
      }),
    );
    // UTF-16 code units put "😀" (D83D…) before "ｚ" (FF5A); code points do not.
    expect(compareCodePoints('ｚ', '😀')).toBeLessThan(0);
  });
});
