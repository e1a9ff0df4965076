import { type FeedbackItem, inboxCsv } from '@palaute/engine';
import { matchesSearch, parseSearch } from '@palaute/engine/internal';

const at = '2026-11-23T10:00:00.000Z';
const itemWith = (
  text: string | undefined,
  replies: [kind: 'team' | 'customer', body: string][] = [],
) =>
  ({
    id: 'response-0001',
    customerId: 'c-1',
    surveyId: 'nps',
    touchpointId: 'dashboard',
    answers: {},
    ...(text === undefined ? {} : { text }),
    consentToContact: true,
    status: 'new',
    history: [],
    replies: replies.map(([kind, body], index) => ({
      id: `reply-000${index}`,
      author: { kind, id: kind === 'team' ? 'anna' : 'c-1' },
      body,
      at,
    })),
    createdAt: at,
  }) satisfies FeedbackItem;

const matches = (
  text: string | undefined,
  search: string,
  replies?: [kind: 'team' | 'customer', body: string][],
) => matchesSearch(itemWith(text, replies), parseSearch(search));

describe('searching what the customer wrote (memory backend)', () => {
  it('reads a search as websearch_to_tsquery does: words all required, phrases in a row, or loosest, -not', () => {
    expect(
      parseSearch('sad cat or fat rat').map((terms) => terms.map((term) => term.words.join(' '))),
    ).toEqual([
      ['sad', 'cat'],
      ['fat', 'rat'],
    ]);
    expect(parseSearch('or a')).toEqual([
      [
        { words: ['or'], negated: false },
        { words: ['a'], negated: false },
      ],
    ]);
    expect(parseSearch('a -"b c"')).toEqual([
      [
        { words: ['a'], negated: false },
        { words: ['b', 'c'], negated: true },
      ],
    ]);
    expect(parseSearch('!!! --')).toEqual([]);
  });

  it('matches words in any case, phrases in order, alternatives and exclusions; never a search without words', () => {
    const text = 'Exports are SLOW on Mondays';
    expect(matches(text, 'slow exports')).toBe(true);
    expect(matches(text, '"exports are slow"')).toBe(true);
    expect(matches(text, '"slow exports"')).toBe(false);
    expect(matches(text, 'export')).toBe(false);
    expect(matches(text, 'tuesdays or mondays')).toBe(true);
    expect(matches(text, 'exports -mondays')).toBe(false);
    expect(matches(undefined, '-mondays')).toBe(true);
    expect(matches(text, '""')).toBe(false);
  });

  it("searches the customer's replies, never the team's", () => {
    expect(matches(undefined, 'excel', [['customer', 'Mostly Excel']])).toBe(true);
    expect(matches(undefined, 'excel', [['team', 'Excel or Numbers?']])).toBe(false);
  });
});

describe('the inbox as CSV', () => {
  it('quotes as RFC 4180 says and defuses formulas in every text cell', () => {
    const csv = inboxCsv([
      { ...itemWith('=1+1, "quoted"\nnext line'), tags: ['+tag', 'plain'], assignee: '@anna' },
    ]);
    const [header, ...rest] = csv.split('\r\n');
    expect(header?.split(',')[0]).toBe('id');
    expect(rest.join('\r\n')).toContain(`"'=1+1, ""quoted""\nnext line"`);
    expect(rest.join('\r\n')).toContain(`'+tag; plain`);
    expect(rest.join('\r\n')).toContain(`,'@anna,`);
    expect(csv.endsWith('\r\n')).toBe(true);
  });
});
