import {
  type Filter,
  filterSchema,
  matchesFilter,
  matchesUrl,
  samplePosition,
  urlPatternSchema,
} from '@palaute/engine';
import { pageKeyOfPattern, pageKeysOfUrl } from '@palaute/engine/internal';
import fc from 'fast-check';
import * as z from 'zod/mini';

const NOW = Date.parse('2026-11-23T10:00:00.000Z');

describe('matchesFilter', () => {
  const customer = {
    plan: 'pro',
    seats: 12,
    trial: false,
    country: 'FI',
    email: 'anna@example.fi',
    signedUpAt: '2026-09-01T00:00:00.000Z',
    manager: null,
  };

  it.each<[Filter, boolean]>([
    [{ key: 'plan', op: 'eq', value: 'pro' }, true],
    [{ key: 'plan', op: 'eq', value: 'free' }, false],
    [{ key: 'plan', op: 'neq', value: 'free' }, true],
    [{ key: 'missing', op: 'neq', value: 'free' }, true],
    [{ key: 'country', op: 'in', values: ['FI', 'SE'] }, true],
    [{ key: 'country', op: 'notIn', values: ['FI', 'SE'] }, false],
    [{ key: 'seats', op: 'gt', value: 12 }, false],
    [{ key: 'seats', op: 'gte', value: 12 }, true],
    [{ key: 'seats', op: 'lt', value: 20 }, true],
    [{ key: 'seats', op: 'lte', value: 11 }, false],
    [{ key: 'plan', op: 'gt', value: 1 }, false],
    [{ key: 'email', op: 'endsWith', value: '.fi' }, true],
    [{ key: 'email', op: 'startsWith', value: 'bob' }, false],
    [{ key: 'email', op: 'contains', value: '@example' }, true],
    [{ key: 'trial', op: 'exists' }, true],
    [{ key: 'manager', op: 'exists' }, false],
    [{ key: 'manager', op: 'notExists' }, true],
    [{ key: 'signedUpAt', op: 'olderThanDays', days: 30 }, true],
    [{ key: 'signedUpAt', op: 'olderThanDays', days: 90 }, false],
    [{ key: 'signedUpAt', op: 'withinDays', days: 90 }, true],
    [{ key: 'plan', op: 'withinDays', days: 90 }, false],
    [
      {
        all: [
          { key: 'plan', op: 'eq', value: 'pro' },
          { key: 'seats', op: 'gte', value: 5 },
        ],
      },
      true,
    ],
    [
      {
        any: [
          { key: 'plan', op: 'eq', value: 'free' },
          { key: 'trial', op: 'eq', value: true },
        ],
      },
      false,
    ],
    [{ not: { key: 'country', op: 'eq', value: 'SE' } }, true],
  ])('%j › %s', (filter, expected) => {
    expect(z.safeParse(filterSchema, filter).success).toBe(true);
    expect(matchesFilter(filter, customer, NOW)).toBe(expected);
  });

  it('never reads inherited properties (a key of "toString" is simply missing)', () => {
    expect(matchesFilter({ key: 'toString', op: 'exists' }, {}, NOW)).toBe(false);
  });

  it.each([
    { key: 'plan', op: 'regex', value: '.*' },
    { key: '', op: 'eq', value: 'x' },
    { key: 'plan', op: 'in', values: [] },
    { all: [{ key: 'plan', op: 'eq', value: { $where: 'x' } }] },
    { key: 'plan', op: 'eq', value: 'x', code: 'alert(1)' },
    { all: [] },
  ])('refuses %j (paths are named where a configuration is validated)', (filter) => {
    expect(z.safeParse(filterSchema, filter).success).toBe(false);
  });
});

describe('matchesUrl', () => {
  it.each([
    ['/dashboard', '/dashboard', true],
    ['/dashboard', '/dashboard/', false],
    ['/invoices/*', '/invoices/42', true],
    ['/invoices/*', '/invoices', false],
    ['/invoices/*/send', '/invoices/42/send', true],
    ['/invoices/*/send', '/invoices/42/edit', false],
    ['*?tab=send', '/invoices/42?tab=send', true],
    ['/dashboard', 'https://app.example.com/dashboard', true],
    ['/dashboard', 'https://app.example.com/dashboard#top', true],
    ['https://app.example.com/*', 'https://app.example.com/settings', true],
    ['https://app.example.com/*', 'https://evil.example.net/settings', false],
    ['/a*b*c', '/abc', true],
    ['/a*b*c', '/acb', false],
    ['/(.*)+$', '/(.*)+$', true],
    ['HTTPS://App.Example.com/Settings*', 'https://app.example.com/Settings/team', true],
    ['https://app.example.com/settings*', 'https://app.example.com/Settings', false],
  ])('%s against %s › %s', (pattern, url, expected) => {
    expect(matchesUrl(pattern, url)).toBe(expected);
  });

  it('treats regular-expression characters literally and runs in linear time', () => {
    const hostile = `/${'a'.repeat(50_000)}!`;
    expect(matchesUrl('/*a*a*a*a*a*b', hostile)).toBe(false);
    expect(matchesUrl('/.+', '/anything')).toBe(false);
  });
});

describe('the page-pattern index', () => {
  it.each([
    ['/invoices/*', '/invoices'],
    ['/invoices', '/invoices'],
    ['/invoices?tab=*', '/invoices'],
    ['/', '/'],
    ['/invoices*', undefined],
    ['*?tab=send', undefined],
    ['/*/settings', undefined],
    ['HTTPS://App.Example.com/Settings/*', 'https://app.example.com/Settings'],
    ['https://*.example.com/settings', undefined],
    ['https://app.example.com', 'https://app.example.com/'],
  ])('%s › key %s', (pattern, key) => {
    expect(pageKeyOfPattern(pattern)).toBe(key);
  });

  it('never leaves out a pattern that matches: a matching URL has the pattern’s key', () => {
    // Short strings over the characters that matter (separators, stars, case), so matches are common.
    const piece = fc.constantFrom('/', '/', '?', '*', 'a', 'A', 'b', '=', '#', '.', '-');
    const path = fc.array(piece, { maxLength: 8 }).map((chars) => `/${chars.join('')}`);
    const origin = fc.constantFrom(
      'https://app.example.com',
      'https://App.example.com',
      'http://x.io',
    );
    const url = fc.oneof(
      path,
      fc.tuple(origin, path).map(([o, p]) => o + p),
      origin,
    );
    const pattern = fc.oneof(
      path.filter((p) => !p.includes('#')),
      fc.tuple(origin, path).map(([o, p]) => (o + p).replace(/#/g, '')),
      fc.constantFrom('*', 'https://*.example.com/a*', 'https://app.example.com'),
    );
    let matched = 0;
    fc.assert(
      fc.property(pattern, url, (p, u) => {
        if (!matchesUrl(p, u)) return;
        matched++;
        const key = pageKeyOfPattern(p);
        expect(key === undefined || pageKeysOfUrl(u).includes(key), `${p} on ${u}`).toBe(true);
      }),
      { numRuns: 20_000 },
    );
    // The property must have been exercised on real matches, not only on misses.
    expect(matched).toBeGreaterThan(500);
  });
});

describe('urlPatternSchema', () => {
  it('refuses a fragment (never part of what is matched), naming why', () => {
    const result = z.safeParse(urlPatternSchema, '/help#billing');
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain('must not contain');
    expect(z.safeParse(urlPatternSchema, '/help/*').success).toBe(true);
  });
});

describe('samplePosition', () => {
  it('is the same for the same survey and customer, whatever else (every device agrees)', () => {
    expect(samplePosition('nps', 'c-42')).toBe(samplePosition('nps', 'c-42'));
    expect(samplePosition('nps', 'c-42')).not.toBe(samplePosition('ces', 'c-42'));
  });

  it('spreads customers evenly over [0, 1): a 30 % sample takes close to 30 % of them', () => {
    const positions = Array.from({ length: 20_000 }, (_, index) =>
      samplePosition('relational-nps', `customer-${index}`),
    );
    expect(Math.min(...positions)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...positions)).toBeLessThan(1);
    const share = positions.filter((position) => position < 0.3).length / positions.length;
    expect(share).toBeGreaterThan(0.285);
    expect(share).toBeLessThan(0.315);
  });
});
