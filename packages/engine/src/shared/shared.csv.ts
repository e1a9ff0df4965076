/** A CSV cell's value: text, a number, a yes/no, or nothing. */
export type CsvCell = string | number | boolean | null | undefined;

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break; text that a
 * spreadsheet would read as a formula (`=`, `+`, `-`, `@`, tab, carriage return first) is prefixed
 * with `'`. Numbers are written in full.
 */
export function csvField(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number' || typeof cell === 'boolean') return String(cell);
  const safe = /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
