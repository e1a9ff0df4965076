import {
  type Actor,
  computeInboxFacets,
  createMemoryBackend,
  type FeedbackItem,
  type FeedbackResponse,
  type InboxFacets,
  inboxFacetsSchema,
  type MemoryBackend,
  ValidationError,
} from '@palaute/engine';
import fc from 'fast-check';
import * as z from 'zod/mini';

const NOW = '2026-11-23T12:00:00.000Z';
const anna: Actor = { kind: 'team', id: 'anna', name: 'Anna' };

let responses = 0;
/** Submits an answer in words at a touchpoint with a segment; returns its item id. */
async function answer(
  backend: MemoryBackend,
  touchpointId: string,
  segment?: FeedbackResponse['segment'],
): Promise<string> {
  responses++;
  const id = `response-${String(responses).padStart(4, '0')}`;
  await backend.submitResponse({
    id,
    surveyId: 'nps',
    surveyVersion: 1,
    touchpointId,
    customerId: `c-${responses}`,
    locale: 'en',
    answers: { nps: 4, why: 'Exports are slow' },
    ...(segment ? { segment } : {}),
    startedAt: NOW,
    submittedAt: NOW,
  });
  return id;
}

/** An inbox of ten items at three touchpoints, with plans, seat counts (12 and "12"), trials and nulls. */
async function inbox() {
  const backend = createMemoryBackend({ now: () => new Date(NOW) });
  const triaged = await answer(backend, 'billing', { plan: 'pro', seats: 12 });
  await answer(backend, 'billing', { plan: 'pro', seats: '12' });
  await answer(backend, 'billing', { plan: 'free', seats: 12, trial: true });
  await answer(backend, 'dashboard', { plan: 'pro', seats: 3, trial: false });
  await answer(backend, 'dashboard', { plan: 'enterprise', seats: null });
  await answer(backend, 'dashboard', { plan: 'free' });
  const declined = await answer(backend, 'dashboard', { plan: 'pro', country: 'FI' });
  await answer(backend, 'onboarding', { plan: 'free' });
  await answer(backend, 'onboarding');
  await answer(backend, 'dashboard', { plan: null });
  await backend.team.act(triaged, { type: 'feedback.triage' }, anna);
  await backend.team.act(declined, { type: 'feedback.decline', reason: 'No' }, anna);
  return backend;
}

describe('the inbox facets', () => {
  it('given a mixed inbox › counts every touchpoint and segment value over the whole inbox, most common first, typed', async () => {
    const backend = await inbox();
    const facets = await backend.team.inboxFacets();
    expect(z.safeParse(inboxFacetsSchema, facets).success).toBe(true);
    expect(facets).toEqual({
      total: 10,
      touchpoints: {
        values: [
          { value: 'dashboard', count: 5 },
          { value: 'billing', count: 3 },
          { value: 'onboarding', count: 2 },
        ],
        omitted: { values: 0, items: 0 },
      },
      segments: [
        {
          key: 'plan',
          // Ten items, one with no segment and one whose plan is null.
          count: 8,
          values: [
            { value: 'pro', count: 4 },
            { value: 'free', count: 3 },
            { value: 'enterprise', count: 1 },
          ],
          omitted: { values: 0, items: 0 },
        },
        {
          key: 'seats',
          count: 4,
          // The number 12 and the text "12" are two values; numbers come before texts.
          values: [
            { value: 12, count: 2 },
            { value: 3, count: 1 },
            { value: '12', count: 1 },
          ],
          omitted: { values: 0, items: 0 },
        },
        {
          key: 'trial',
          count: 2,
          values: [
            { value: false, count: 1 },
            { value: true, count: 1 },
          ],
          omitted: { values: 0, items: 0 },
        },
        {
          key: 'country',
          count: 1,
          values: [{ value: 'FI', count: 1 }],
          omitted: { values: 0, items: 0 },
        },
      ],
      omittedSegmentKeys: 0,
    } satisfies InboxFacets);
  });

  it('given a limit and a number of keys › lists only the most common and says what it leaves out', async () => {
    const backend = await inbox();
    const facets = await backend.team.inboxFacets({ limit: 1, keys: 2 });
    expect(facets.touchpoints).toEqual({
      values: [{ value: 'dashboard', count: 5 }],
      omitted: { values: 2, items: 5 },
    });
    expect(facets.segments.map(({ key, values, omitted }) => ({ key, values, omitted }))).toEqual([
      { key: 'plan', values: [{ value: 'pro', count: 4 }], omitted: { values: 2, items: 4 } },
      { key: 'seats', values: [{ value: 12, count: 2 }], omitted: { values: 2, items: 2 } },
    ]);
    expect(facets.omittedSegmentKeys).toBe(2);
  });

  it('given values with equal counts › orders them booleans, numbers, texts; false first, numbers ascending, texts by code point', () => {
    const values = [true, 'ｚ', 10, 'm', false, -1.5, '😀', 'Z', 2];
    const items = values.map(
      (value, n): FeedbackItem => ({
        id: `item-${n}-0000`,
        customerId: `c-${n}`,
        surveyId: 'nps',
        touchpointId: ['😀', 'ｚ', 'm', 'Z'][n % 4] as string,
        answers: { why: 'Hi' },
        consentToContact: false,
        segment: { value },
        status: 'new',
        history: [],
        replies: [],
        createdAt: NOW,
      }),
    );
    const facets = computeInboxFacets(items, { limit: 100 });
    expect(facets.segments[0]?.values.map((entry) => entry.value)).toEqual([
      false,
      true,
      -1.5,
      2,
      10,
      'Z',
      'm',
      'ｚ',
      '😀',
    ]);
    // Three items at 😀 lead; the rest tie at two and go by code point ("Z" before "m" before "ｚ").
    expect(facets.touchpoints.values.map((entry) => entry.value)).toEqual(['😀', 'Z', 'm', 'ｚ']);
  });

  it('given an empty inbox › nothing to offer, nothing left out', () => {
    expect(computeInboxFacets([])).toEqual({
      total: 0,
      touchpoints: { values: [], omitted: { values: 0, items: 0 } },
      segments: [],
      omittedSegmentKeys: 0,
    });
  });

  it('given a bad query › refuses it naming the path', async () => {
    const { team } = createMemoryBackend();
    for (const [query, path] of [
      [{ limit: 0 }, 'limit'],
      [{ limit: 101 }, 'limit'],
      [{ limit: 2.5 }, 'limit'],
      [{ keys: '3' }, 'keys'],
      [{ keys: -1 }, 'keys'],
    ] as const) {
      const error = await team.inboxFacets(query as never).catch((caught: unknown) => caught);
      expect(error, JSON.stringify(query)).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).problems.map((problem) => problem.path)).toEqual([path]);
    }
  });

  it('property: what is listed and what is left out add up to every item, each facet most common first', () => {
    const segmentValue = fc.oneof(
      fc.constantFrom('pro', 'free', '12', 'Z', 'ｚ'),
      fc.integer({ min: -3, max: 12 }),
      fc.boolean(),
      fc.constant(null),
    );
    const itemArbitrary = fc.record({
      touchpointId: fc.constantFrom('a', 'b', 'c', 'd'),
      segment: fc.option(
        fc.dictionary(fc.constantFrom('plan', 'seats', 'trial', 'region'), segmentValue),
        { nil: undefined },
      ),
    });
    fc.assert(
      fc.property(
        fc.array(itemArbitrary, { maxLength: 40 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        (drawn, limit, keys) => {
          const items = drawn.map(
            (draw, n): FeedbackItem => ({
              id: `item-${n}-0000`,
              customerId: `c-${n}`,
              surveyId: 'nps',
              touchpointId: draw.touchpointId,
              answers: { why: 'Hi' },
              consentToContact: false,
              ...(draw.segment ? { segment: draw.segment } : {}),
              status: 'new',
              history: [],
              replies: [],
              createdAt: NOW,
            }),
          );
          const facets = computeInboxFacets(items, { limit, keys });
          const sum = (facet: { values: { count: number }[]; omitted: { items: number } }) =>
            facet.values.reduce((total, entry) => total + entry.count, 0) + facet.omitted.items;
          expect(sum(facets.touchpoints)).toBe(items.length);
          expect(facets.touchpoints.values.length).toBeLessThanOrEqual(limit);
          const keysPresent = new Set(
            items.flatMap((item) =>
              Object.entries(item.segment ?? {})
                .filter(([, value]) => value !== null)
                .map(([key]) => key),
            ),
          );
          expect(facets.segments.length + facets.omittedSegmentKeys).toBe(keysPresent.size);
          for (const facet of facets.segments) {
            const having = items.filter(
              (item) => item.segment?.[facet.key] !== undefined && item.segment[facet.key] !== null,
            ).length;
            expect(facet.count).toBe(having);
            expect(sum(facet)).toBe(having);
            expect(facet.values.length).toBeLessThanOrEqual(limit);
            for (const { value, count } of facet.values)
              expect(count).toBe(
                items.filter((item) => item.segment?.[facet.key] === value).length,
              );
            const counts = facet.values.map((entry) => entry.count);
            expect(counts).toEqual([...counts].sort((a, b) => b - a));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
