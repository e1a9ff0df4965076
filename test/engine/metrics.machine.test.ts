import type {
  CxReport,
  CxReportQuery,
  CxResponse,
  CxResponsesPage,
  CxResponsesQuery,
} from '@palaute/engine';
import { waitFor } from 'xstate';
import {
  type CxReportActor,
  type CxResponsesActor,
  connectCxReport,
  connectCxResponses,
  createCxReport,
  createCxResponses,
} from '../../packages/engine/src/metrics/metrics.connect';
import { buildReport, yearQuery } from '../fixtures/cxReport';

/** A team port whose answers wait until the test gives them. */
function deferred() {
  const calls: { query: CxReportQuery; resolve(report: CxReport): void; reject(e: Error): void }[] =
    [];
  const team = {
    cxReport: (query: CxReportQuery) =>
      new Promise<CxReport>((resolve, reject) => calls.push({ query, resolve, reject })),
  };
  return { team, calls };
}

const apiOf = (actor: CxReportActor) => connectCxReport(actor.getSnapshot(), actor.send);
const settled = (actor: CxReportActor) => waitFor(actor, (s) => s.value !== 'loading');

describe('the CX report machine', () => {
  it('given a report, an empty one and a failure › ready, empty, then error keeping the last report; reload asks again', async () => {
    const { team, calls } = deferred();
    const actor = createCxReport({ team }, { query: yearQuery }).start();
    expect(apiOf(actor).state).toBe('loading');
    const year = buildReport();
    calls[0]?.resolve(year);
    await settled(actor);
    expect(apiOf(actor)).toMatchObject({ state: 'ready', report: year, error: undefined });
    apiOf(actor).reload();
    // The figures stay while the next report loads.
    expect(apiOf(actor)).toMatchObject({ state: 'loading', report: year });
    calls[1]?.reject(new Error('Offline'));
    await settled(actor);
    expect(apiOf(actor).state).toBe('error');
    expect(apiOf(actor).report).toBe(year);
    expect((apiOf(actor).error as Error).message).toBe('Offline');
    apiOf(actor).reload();
    const none = buildReport({ empty: true });
    calls[2]?.resolve(none);
    await settled(actor);
    expect(apiOf(actor)).toMatchObject({ state: 'empty', report: none, error: undefined });
    actor.stop();
  });

  it('given the query changed while a report was on its way › the older answer, arriving late, is dropped', async () => {
    const { team, calls } = deferred();
    const actor = createCxReport({ team }, { query: yearQuery }).start();
    apiOf(actor).setQuery({ ...yearQuery, granularity: 'quarter' });
    expect(calls.map((call) => call.query.granularity)).toEqual(['month', 'quarter']);
    const quarters = buildReport({ months: 3 });
    calls[1]?.resolve(quarters);
    await settled(actor);
    calls[0]?.resolve(buildReport());
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(apiOf(actor)).toMatchObject({ state: 'ready', report: quarters });
    actor.stop();
  });

  it('given a team port without cxReport › error, said', async () => {
    const actor = createCxReport({ team: {} }, { query: yearQuery }).start();
    await settled(actor);
    expect(apiOf(actor).state).toBe('error');
    expect((apiOf(actor).error as Error).message).toBe('team.cxReport is missing');
    actor.stop();
  });
});

describe('the answers machine', () => {
  const query = { metric: 'nps', period: yearQuery.period } as Omit<CxResponsesQuery, 'cursor'>;
  const answer = (responseId: string) => ({ responseId }) as unknown as CxResponse;
  /** A team port listing `all` two at a time, failing the calls numbered in `failing`. */
  const paged = (all: CxResponse[], failing: number[] = []) => {
    const queries: CxResponsesQuery[] = [];
    const team = {
      cxResponses: async (asked: CxResponsesQuery): Promise<CxResponsesPage> => {
        queries.push(asked);
        if (failing.includes(queries.length)) throw new Error('Offline');
        const from = asked.cursor ? Number(asked.cursor) : 0;
        const next = from + 2 < all.length ? String(from + 2) : undefined;
        return { items: all.slice(from, from + 2), total: all.length, ...(next ? { next } : {}) };
      },
    };
    return { team, queries };
  };
  const apiOf = (actor: CxResponsesActor) => connectCxResponses(actor.getSnapshot(), actor.send);
  const settled = (actor: CxResponsesActor) =>
    waitFor(actor, (s) => s.value !== 'loading' && s.value !== 'loadingMore');

  it('given five answers › pages of two appended in order; a failed page keeps what is shown; reload starts over', async () => {
    const all = ['a', 'b', 'c', 'd', 'e'].map(answer);
    const { team, queries } = paged(all, [3]);
    const actor = createCxResponses({ team }, { query }).start();
    await settled(actor);
    expect(apiOf(actor)).toMatchObject({ state: 'ready', total: 5, hasMore: true });
    apiOf(actor).loadMore();
    expect(apiOf(actor).state).toBe('loadingMore');
    await settled(actor);
    expect(apiOf(actor).items.map((item) => item.responseId)).toEqual(['a', 'b', 'c', 'd']);
    apiOf(actor).loadMore();
    await settled(actor);
    expect(apiOf(actor).state).toBe('error');
    expect(apiOf(actor).items).toHaveLength(4);
    expect(queries.map((asked) => asked.cursor)).toEqual([undefined, '2', '4']);
    apiOf(actor).reload();
    expect(apiOf(actor).items).toEqual([]);
    await settled(actor);
    expect(apiOf(actor).items.map((item) => item.responseId)).toEqual(['a', 'b']);
    actor.stop();
  });

  it('given no answers, or no source › empty, or error said', async () => {
    const none = createCxResponses({ team: paged([]).team }, { query }).start();
    await settled(none);
    expect(apiOf(none)).toMatchObject({ state: 'empty', hasMore: false });
    const missing = createCxResponses({ team: {} }, { query }).start();
    await settled(missing);
    expect((apiOf(missing).error as Error).message).toBe('team.cxResponses is missing');
    none.stop();
    missing.stop();
  });
});
