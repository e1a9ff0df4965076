import { describe, expect, it } from 'vitest';
import {
  BOARD_SEARCH_PARAM_NAMES,
  BOARD_TEAM_SEARCH_PARAM_NAMES,
  boardFiltersFromSearchParams,
  boardFiltersToSearchParams,
  boardTeamFiltersFromSearchParams,
  boardTeamFiltersToSearchParams,
} from '../../packages/engine/src/board/board.utils';
import { idSchema } from '../../packages/engine/src/survey/survey.schema';
import { categorisedBoard } from '../fixtures/board';

const read = (query: string, prefix?: string) =>
  boardFiltersFromSearchParams(new URLSearchParams(query), prefix ? { prefix } : {});

describe("the board's filters in a URL", () => {
  it('writes only what differs from the default view, and reads it back', () => {
    expect(boardFiltersToSearchParams({ sort: 'trending' })).toEqual({});
    const filters = {
      sort: 'top' as const,
      status: ['planned', 'started'],
      categoryId: 'invoices',
      kind: 'bug' as const,
      search: 'csv export',
    };
    const params = boardFiltersToSearchParams(filters);
    expect(params).toEqual({
      sort: 'top',
      status: 'planned,started',
      category: 'invoices',
      kind: 'bug',
      q: 'csv export',
    });
    expect(read(new URLSearchParams(params).toString())).toEqual(filters);
    expect(Object.keys(params).every((name) => BOARD_SEARCH_PARAM_NAMES.includes(name))).toBe(true);
  });

  it('given a prefix › writes and reads only its own parameters', () => {
    const params = boardFiltersToSearchParams(
      { sort: 'newest', search: 'dark' },
      { prefix: 'ideas.' },
    );
    expect(params).toEqual({ 'ideas.sort': 'newest', 'ideas.q': 'dark' });
    expect(read('sort=top&q=other&ideas.sort=newest&ideas.q=dark', 'ideas.')).toEqual({
      sort: 'newest',
      search: 'dark',
    });
  });

  it('given a hand-edited or stale link › leaves out what the board would not take, never throws', () => {
    expect(
      read('sort=best&status=planned,1bad&category=a%20b&kind=feature&q=&page=2&tab=ideas'),
    ).toEqual({});
    expect(read(`q=${'a'.repeat(201)}`)).toEqual({});
    expect(read(`status=${Array.from({ length: 31 }, (_, i) => `s${i}`).join(',')}`)).toEqual({});
    expect(read('status=planned,,planned&q=%20csv%20')).toEqual({
      status: ['planned'],
      search: 'csv',
    });
    expect(read('')).toEqual({});
  });

  it("checks statuses' and categories' ids as the board's schema does", () => {
    for (const id of [
      'planned',
      'a',
      'In-progress_2',
      `a${'b'.repeat(63)}`,
      `a${'b'.repeat(64)}`,
      '2nd',
      '-x',
      'a b',
      'ä',
      '',
    ])
      expect(read(`category=${encodeURIComponent(id)}`).categoryId !== undefined, id).toBe(
        idSchema.safeParse(id).success,
      );
  });

  it("given the team's view › always names the moderation view, reads it back, and with the board drops what it lacks", () => {
    const pending = boardTeamFiltersToSearchParams({
      sort: 'newest',
      approval: ['pending'],
      categoryId: 'invoices',
    });
    expect(pending).toEqual({ view: 'pending', category: 'invoices' });
    // The team's list starts newest first: trending is written, as the customer's default is not.
    expect(boardTeamFiltersToSearchParams({ sort: 'trending' })).toEqual({
      view: 'all',
      sort: 'trending',
    });
    // "All" is written too: the first view depends on the board.
    expect(boardTeamFiltersToSearchParams({ sort: 'top' }, { prefix: 't.' })).toEqual({
      't.view': 'all',
      't.sort': 'top',
    });
    const all = boardTeamFiltersFromSearchParams(new URLSearchParams('view=all'));
    expect(all).toEqual({ approval: undefined });
    expect('approval' in all).toBe(true);
    expect(
      boardTeamFiltersFromSearchParams(new URLSearchParams('view=removed&status=planned&q=csv')),
    ).toEqual({ approval: ['hidden', 'spam'], status: ['planned'], search: 'csv' });
    expect(boardTeamFiltersFromSearchParams(new URLSearchParams('view=everything'))).toEqual({});
    expect(
      boardTeamFiltersFromSearchParams(
        new URLSearchParams('view=published&status=planned,gone&category=archived'),
        { board: categorisedBoard },
      ),
    ).toEqual({ approval: ['approved'], status: ['planned'] });
    expect(Object.keys(pending).every((name) => BOARD_TEAM_SEARCH_PARAM_NAMES.includes(name))).toBe(
      true,
    );
  });
});
