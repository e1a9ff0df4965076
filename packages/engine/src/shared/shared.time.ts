// Free of zod: the dialog's first bundle checks a saved flow's timestamps with it (`flow.persist.ts`)
// before zod has loaded.

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** What a value failing {@link isTimestamp} is told. */
export const TIMESTAMP_MESSAGE =
  'must be an ISO-8601 timestamp with a time zone, e.g. 2026-11-23T10:15:00.000Z';

/**
 * Whether `value` is an ISO-8601 timestamp with a time zone (`2026-11-23T10:15:00.000Z`) on a real
 * calendar day. A plain pattern rather than `z.iso.datetime`, which pulls zod's whole regex table
 * into browser bundles.
 */
export function isTimestamp(value: string): boolean {
  return (
    ISO_TIMESTAMP.test(value) &&
    !Number.isNaN(Date.parse(value)) &&
    // A real day of its month: `Date.parse` takes any day up to 31 and rolls over (`2026-02-30`
    // reads as 2 March), which the date alone, read back, gives away.
    new Date(value.slice(0, 10)).toISOString().startsWith(value.slice(0, 10))
  );
}
