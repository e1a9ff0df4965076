/** A row of a list the team works through: anything with an id. */
interface Row {
  id: string;
}

/**
 * Where the open row `id` is in `rows`, or `before` (where it was) when they no longer hold it: a
 * reload after the team's action moved it out of the list (past the page, out of the filters).
 */
export function placeOf(
  rows: readonly Row[],
  id: string | undefined,
  before: number | undefined,
): number | undefined {
  const place = id === undefined ? -1 : rows.findIndex((row) => row.id === id);
  return place === -1 ? before : place;
}

/**
 * The row focus goes back to when the open row `id` (last at `place`) closes: its own while the
 * list holds it, else the row now in its place (the last, if the list got shorter; the first, for
 * a row never listed), or `undefined` when the list is empty. The inbox and the team's board both
 * tell their host so (`item.closed`, `idea.closed`), so focus never falls to the page.
 */
export function rowToFocus(
  rows: readonly Row[],
  id: string,
  place: number | undefined,
): string | undefined {
  if (rows.some((row) => row.id === id)) return id;
  return rows[Math.min(place ?? 0, rows.length - 1)]?.id;
}
