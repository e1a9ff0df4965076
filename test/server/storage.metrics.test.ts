import {
  type Actor,
  computeInboxFacets,
  computeLoopMetrics,
  FEEDBACK_STATUSES,
  type FeedbackItem,
  type SegmentValue,
} from '@palaute/engine';
import fc from 'fast-check';
import { createSqlTeam, writeItem } from '../../packages/server/src/storage/storage.feedback';
import type { Sql } from '../../packages/server/src/storage/storage.sql';
import { onMigratedDatabase, sqlKinds } from './storage.fixtures';

// The SQL storage computes the loop metrics and the inbox's facets in the database (migration 4);
// the engine's pure computeLoopMetrics and computeInboxFacets are the reference. Random inboxes are
// written as documents (the generated columns and the segment rows follow from them), one database
// per storage, emptied before each run.

const HOUR = 3_600_000;
const BASE = Date.parse('2026-11-23T10:00:00.000Z');

const kinds = sqlKinds;

/** An ISO timestamp of the grammar the schemas take, any digits in every field (valid or not). */
const anyStamp = fc
  .record({
    year: fc.oneof(
      fc.constantFrom('0000', '0001', '1969', '1970', '2000', '2024', '2026', '2100', '9999'),
      fc.integer({ min: 0, max: 9999 }).map((year) => String(year).padStart(4, '0')),
    ),
    month: fc.integer({ min: 0, max: 19 }),
    day: fc.integer({ min: 0, max: 39 }),
    hour: fc.oneof(fc.constant(24), fc.integer({ min: 0, max: 29 })),
    minute: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 69 })),
    second: fc.option(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 69 })), {
      nil: undefined,
    }),
    fraction: fc.option(fc.stringMatching(/^[0-9]{1,9}$/), { nil: undefined }),
    zone: fc.oneof(
      fc.constant('Z'),
      fc
        .tuple(
          fc.constantFrom('+', '-'),
          fc.integer({ min: 0, max: 29 }),
          fc.integer({ min: 0, max: 69 }),
        )
        .map(([sign, h, m]) => `${sign}${two(h)}:${two(m)}`),
    ),
  })
  .map(({ year, month, day, hour, minute, second, fraction, zone }) => {
    const seconds =
      second === undefined ? '' : `:${two(second)}${fraction === undefined ? '' : `.${fraction}`}`;
    return `${year}-${two(month)}-${two(day)}T${two(hour)}:${two(minute)}${seconds}${zone}`;
  });
const two = (n: number) => String(n).padStart(2, '0');

/** An instant written as a host or a server may write it: an offset, more or fewer digits. */
const written = (ms: number) =>
  fc
    .record({
      offset: fc.constantFrom(0, 0, 0, 120, -300, 330, 840, -720),
      seconds: fc.boolean(),
      // None, the milliseconds, or other digits (1 to 9 of them).
      fraction: fc.oneof(
        fc.constant(null),
        fc.constant(undefined),
        fc.stringMatching(/^[0-9]{1,9}$/),
      ),
    })
    .map(({ offset, seconds, fraction }) => {
      const local = new Date(ms + offset * 60_000).toISOString();
      const minutes = local.slice(0, 16);
      const zone =
        offset === 0
          ? 'Z'
          : `${offset > 0 ? '+' : '-'}${two(Math.floor(Math.abs(offset) / 60))}:${two(Math.abs(offset) % 60)}`;
      if (!seconds) return `${minutes}${zone}`;
      if (fraction === null) return `${local.slice(0, 19)}${zone}`;
      return `${local.slice(0, 19)}.${fraction ?? local.slice(20, 23)}${zone}`;
    });

/** A time within 40 days of BASE, written somehow. */
const stamp = fc.integer({ min: -40 * 24, max: 40 * 24 * 60 }).chain((minutes) =>
  // Most at whole minutes and seconds, some with milliseconds.
  fc.integer({ min: 0, max: 59_999 }).chain((ms) => written(BASE + minutes * 60_000 + ms)),
);

const actorKind = fc.constantFrom<Actor['kind']>('team', 'team', 'customer', 'system');
const status = fc.constantFrom(...FEEDBACK_STATUSES);
const text = fc.string({ unit: 'grapheme', maxLength: 6 }).filter((s) => !s.includes('\u0000'));
const segmentValue: fc.Arbitrary<SegmentValue | null> = fc.oneof(
  fc.constantFrom<SegmentValue | null>(
    'pro',
    'free',
    '12',
    12,
    3,
    -0,
    0,
    true,
    false,
    null,
    'Z',
    'ｚ',
    '😀',
  ),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  text,
);

/** A feedback item with a random life: statuses, team and other steps and replies, at any times. */
const itemArbitrary = fc.record({
  touchpointId: fc.constantFrom('a', 'B', 'billing', 'dashboard', 'Z9', 'z'),
  createdAt: stamp,
  status,
  steps: fc.array(fc.record({ to: status, at: stamp, by: actorKind }), { maxLength: 4 }),
  replies: fc.array(fc.record({ at: stamp, by: actorKind }), { maxLength: 3 }),
  segment: fc.option(
    fc.dictionary(
      fc.oneof(fc.constantFrom('plan', 'seats', 'trial', 'region'), text),
      segmentValue,
      { maxKeys: 4 },
    ),
    { nil: undefined },
  ),
});

type Drawn = typeof itemArbitrary extends fc.Arbitrary<infer T> ? T : never;

let runs = 0;
/** The drawn items as documents, with ids of this run. */
function itemsOf(drawn: readonly Drawn[]): FeedbackItem[] {
  runs++;
  return drawn.map((draw, n): FeedbackItem => {
    const actor = (kind: Actor['kind']): Actor => ({ kind, id: `${kind}-1` });
    return {
      id: `run-${runs}-item-${n}`,
      customerId: `customer-${runs}-${n}`,
      surveyId: 'nps',
      touchpointId: draw.touchpointId,
      answers: { why: 'Exports are slow' },
      text: 'Exports are slow',
      consentToContact: true,
      ...(draw.segment ? { segment: draw.segment } : {}),
      status: draw.status,
      history: draw.steps.map((step, index) => ({
        from: index === 0 ? null : (draw.steps[index - 1]?.to ?? null),
        to: step.to,
        at: step.at,
        by: actor(step.by),
      })),
      replies: draw.replies.map((reply, index) => ({
        id: `reply-${runs}-${n}-${index}`,
        author: actor(reply.by),
        body: 'Hello',
        at: reply.at,
      })),
      createdAt: draw.createdAt,
    };
  });
}

describe.each(kinds)(
  'loop metrics and facets in SQL, against the engine: $name',
  ({ name, run }) => {
    let sql: Sql;
    onMigratedDatabase(
      { name, run },
      (opened) => {
        sql = opened;
      },
      60_000,
    );
    const it = run ? test : test.skip;

    /** Empties the inbox and writes these items, as the storage writes them. */
    const inbox = async (items: readonly FeedbackItem[]) => {
      await sql.query('DELETE FROM palaute_items');
      for (const item of items) await writeItem(sql, item);
    };

    it('reads a timestamp exactly as Date.parse does: every field valid or not, any offset, any digits (NULL where Date.parse gives NaN)', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(anyStamp, { minLength: 1, maxLength: 60 }), async (stamps) => {
          const rows = await sql.query<{ ms: string | number | null }>(
            'SELECT palaute_earliest_ms(to_jsonb(stamp)) AS ms FROM unnest($1::text[]) WITH ORDINALITY AS s(stamp, n) ORDER BY n',
            [stamps],
          );
          const expected = stamps.map((text) => {
            const ms = Date.parse(text);
            return Number.isNaN(ms) ? null : ms;
          });
          expect(
            rows.map((row) => (row.ms === null ? null : Number(row.ms))),
            stamps.join(' '),
          ).toEqual(expected);
          // As a list: the earliest of those Date.parse reads.
          const [all] = await sql.query<{ ms: string | number | null }>(
            'SELECT palaute_earliest_ms(to_jsonb($1::text[])) AS ms',
            [stamps],
          );
          const valid = expected.filter((ms): ms is number => ms !== null);
          expect(all?.ms === null ? null : Number(all?.ms)).toEqual(
            valid.length === 0 ? null : Math.min(...valid),
          );
        }),
        { numRuns: 60 },
      );
    }, 120_000);

    it('property: on random inboxes, the loop metrics are the engine’s, to the last digit, overall and per touchpoint', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(itemArbitrary, { maxLength: 25 }),
          fc.integer({ min: -2 * 24, max: 45 * 24 }),
          fc.oneof(
            fc.constant(undefined),
            fc.integer({ min: 1, max: 2000 }),
            fc.double({ min: 1e-7, max: 1_000_000, noNaN: true }),
          ),
          // Often, now is on a line for one item: exactly at an age bucket's edge or at the
          // response target, or a millisecond past it.
          fc.option(
            fc.record({
              item: fc.nat(),
              line: fc.constantFrom(-1, -1, -1, 0, 1, 3, 7, 30),
              past: fc.constantFrom(0, 1),
            }),
            { nil: undefined },
          ),
          async (drawn, nowHours, responseTargetHours, edge) => {
            const items = itemsOf(drawn);
            await inbox(items);
            const onLine = edge && items[edge.item % Math.max(1, items.length)];
            const targetMs = Math.floor((responseTargetHours ?? 48) * HOUR);
            const now = new Date(
              edge && onLine
                ? Date.parse(onLine.createdAt) +
                    (edge.line === -1 ? targetMs : edge.line * 24 * HOUR) +
                    edge.past
                : BASE + nowHours * HOUR + (nowHours % 7) * 1234,
            );
            const team = createSqlTeam(sql, () => now);
            const query = responseTargetHours === undefined ? {} : { responseTargetHours };
            expect(await team.loopMetrics(query)).toEqual(
              computeLoopMetrics(items, { now: now.toISOString(), ...query }),
            );
          },
        ),
        { numRuns: 80 },
      );
    }, 180_000);

    it('property: on random inboxes, the facets are the engine’s: counts, order, typed values, what is left out', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(itemArbitrary, { maxLength: 30 }),
          fc.integer({ min: 1, max: 4 }),
          fc.integer({ min: 1, max: 4 }),
          async (drawn, limit, keys) => {
            const items = itemsOf(drawn);
            await inbox(items);
            const team = createSqlTeam(sql, () => new Date(BASE));
            expect(await team.inboxFacets({ limit, keys })).toEqual(
              computeInboxFacets(items, { limit, keys }),
            );
          },
        ),
        { numRuns: 80 },
      );
    }, 180_000);
  },
);
