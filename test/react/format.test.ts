import { describe, expect, it } from 'vitest';
import { numberFormat, utcDateFormat } from '../../packages/react/src/shared/format';

// The formatters every component shares: the locale's own text, and plain text, never a throw,
// for a locale or a value the runtime cannot format.
describe('the shared formatters', () => {
  it('formats numbers and shares in the locale', () => {
    expect(numberFormat('en')(1234.5)).toBe('1,234.5');
    expect(numberFormat('fi')(1234.5)).toBe('1\u00a0234,5');
    expect(numberFormat('en', { style: 'percent' })(0.4)).toBe('40%');
  });

  it('given a locale the runtime refuses › plain numbers, a share as a percentage', () => {
    expect(numberFormat('not a locale!')(2 / 3)).toBe('0.67');
    expect(numberFormat('not a locale!', { style: 'percent' })(0.4)).toBe('40 %');
  });

  it('formats days and instants in UTC, whatever the time zone of the machine', () => {
    const day = utcDateFormat('en-GB');
    expect(day('2026-12-02')).toBe('2 Dec 2026');
    // 23:30 UTC on the 2nd is the 3rd in Helsinki: the date shown is UTC's, on server and browser.
    expect(day('2026-12-02T23:30:00.000Z')).toBe('2 Dec 2026');
    expect(utcDateFormat('fi', { month: 'long', year: 'numeric' })('2026-12-02')).toBe(
      'joulukuu 2026',
    );
  });

  it('given text that is not a date or a refused locale › the text, or the ISO day', () => {
    expect(utcDateFormat('en')('soon')).toBe('soon');
    expect(utcDateFormat('not a locale!')('2026-12-02T10:00:00.000Z')).toBe('2026-12-02');
  });
});
