import { type CsvCell, csvField } from '../shared/shared.csv';
import type { FeedbackItem } from './feedback.schema';

/** The columns of {@link inboxCsv}, in order. */
export const INBOX_CSV_COLUMNS = [
  'id',
  'created_at',
  'status',
  'touchpoint',
  'survey',
  'customer',
  'sentiment',
  'text',
  'tags',
  'assignee',
  'level',
  'change',
  'consent_to_contact',
  'partial',
  'customer_replies',
  'team_replies',
  'last_message_at',
  'segment',
  'kind',
] as const;

/** One item's row, in the order of {@link INBOX_CSV_COLUMNS}. */
function rowOf(item: FeedbackItem): CsvCell[] {
  const byCustomer = item.replies.filter((reply) => reply.author.kind === 'customer').length;
  return [
    item.id,
    item.createdAt,
    item.status,
    item.touchpointId,
    item.surveyId,
    item.customerId,
    item.sentiment,
    item.text,
    item.tags?.join('; '),
    item.assignee,
    item.level,
    item.changeId,
    item.consentToContact,
    item.partial ?? false,
    byCustomer,
    item.replies.length - byCustomer,
    item.replies.at(-1)?.at,
    item.segment && Object.keys(item.segment).length > 0 ? JSON.stringify(item.segment) : undefined,
    item.kind,
  ];
}

/**
 * Inbox items as CSV for a spreadsheet (RFC 4180, lines ending in CRLF): a header row of
 * {@link INBOX_CSV_COLUMNS}, then one row per item in the order given. A cell with a comma, a quote
 * or a line break is quoted; text a spreadsheet would run as a formula (starting with `=`, `+`, `-`,
 * `@`, a tab or a carriage return) is prefixed with `'`. Tags are joined with `; `, the segment is
 * JSON; `kind` is the launcher's kind the customer chose (empty for survey answers), last so
 * spreadsheets built on the earlier columns keep their places.
 */
export function inboxCsv(items: readonly FeedbackItem[]): string {
  return inboxCsvHeader() + items.map(inboxCsvRow).join('');
}

/** The header line of {@link inboxCsv}, for a CSV written a page at a time. */
export function inboxCsvHeader(): string {
  return `${INBOX_CSV_COLUMNS.join(',')}\r\n`;
}

/** One item's line of {@link inboxCsv}, for a CSV written a page at a time. */
export function inboxCsvRow(item: FeedbackItem): string {
  return `${rowOf(item).map(csvField).join(',')}\r\n`;
}
