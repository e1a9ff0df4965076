/** One item's unsent values, by field. */
type FieldDrafts<F extends string> = { [K in F]?: string | undefined };

/**
 * The kept drafts once the item shown changes from `leavingId` to `nextId` (either may be none):
 * the `fields` of `leaving` that have text are kept under `leavingId` (none left: its entry goes),
 * and what was kept for `nextId` comes back (`back`, taken out of the kept ones), with the fields
 * it restores. The inbox's items and the team board's ideas share this rule.
 */
export function switchKeptDrafts<F extends string, D extends FieldDrafts<F>>(
  kept: Record<string, D>,
  fields: readonly F[],
  leavingId: string | undefined,
  leaving: FieldDrafts<F>,
  nextId: string | undefined,
): { keptDrafts: Record<string, D>; back: D; restored: F[] } {
  const keptDrafts = { ...kept };
  if (leavingId) {
    const withText = keptWithText<F, D>(leaving, fields);
    if (Object.keys(withText).length > 0) keptDrafts[leavingId] = withText;
    else delete keptDrafts[leavingId];
  }
  const back = (nextId ? keptDrafts[nextId] : undefined) ?? ({} as D);
  if (nextId) delete keptDrafts[nextId];
  return { keptDrafts, back, restored: fields.filter((field) => back[field] !== undefined) };
}

/** The `fields` of `drafts` worth keeping: those with text (a blank one shows its default again). */
function keptWithText<F extends string, D extends FieldDrafts<F>>(
  drafts: FieldDrafts<F>,
  fields: readonly F[],
): D {
  const kept: FieldDrafts<F> = {};
  for (const field of fields) {
    const value = drafts[field];
    if (value?.trim()) kept[field] = value;
  }
  return kept as D;
}

/** The kept drafts a machine starts with: only `fields` with text, only items with one left. */
export function keptDraftsWithText<F extends string, D extends FieldDrafts<F>>(
  kept: Record<string, FieldDrafts<F>> | undefined,
  fields: readonly F[],
): Record<string, D> {
  const result: Record<string, D> = {};
  for (const [itemId, drafts] of Object.entries(kept ?? {})) {
    const withText = keptWithText<F, D>(drafts, fields);
    if (Object.keys(withText).length > 0) result[itemId] = withText;
  }
  return result;
}
