/**
 * `@palaute/engine/internal`: the pure pieces Palaute's own backends share (the memory backend and
 * `@palaute/server`'s SQL storage), so both hold the same rules. Not a public API: it may change in
 * any release.
 *
 * @packageDocumentation
 */

export { type CheckedDelivery, isCheckedDelivery } from './backend/backend.checked';
export type { CustomerDataPort } from './backend/backend.port';
export {
  type CustomerDeletion,
  type CustomerExport,
  countExport,
  customerDeletionSchema,
  customerExportSchema,
} from './backend/backend.rights.schema';
export { sendWrite } from './backend/backend.send';
export {
  type ContactRecords,
  contactHistoryOf,
  freshItemId,
  ownKey,
  refusalOf,
  waitsFor,
} from './backend/backend.utils';
export { ANONYMOUS_AUTHOR, boardNotice } from './backend/board.store';
export {
  ANSWER_SIMILARITY_THRESHOLD,
  authorNameOf,
  checkCategory,
  compareIdeas,
  decodeBoardCursor,
  encodeBoardCursor,
  foreignItem,
  ideaNotFound,
  inCategory,
  initialStatus,
  isLocked,
  isVisibleTo,
  moveIdea,
  newIdea,
  publicCommentOf,
  publicIdeaOf,
  shippedStatus,
  sortValue,
  statusOf,
  titleInText,
  trigramSimilarity,
  votesClosed,
  wordSimilarity,
} from './board/board.utils';
export {
  decodeInboxCursor,
  encodeInboxCursor,
  type InboxPosition,
} from './feedback/feedback.cursor';
export { compareSegmentValues, readInboxFacetsQuery } from './feedback/feedback.facets';
export {
  compareCodePoints,
  compareInboxPositions,
  inboxCutoff,
  inboxPageOf,
  inboxPositionOf,
  inboxRank,
  readBulkAction,
  readInboxQuery,
  selectInbox,
} from './feedback/feedback.inbox';
export {
  INBOX_FACET_KEYS,
  INBOX_FACET_VALUES,
  MAX_INBOX_FACETS,
  type StoredNotice,
  storedNoticeSchema,
} from './feedback/feedback.schema';
export {
  customerTextsOf,
  matchesSearch,
  type ParsedSearch,
  parseSearch,
  searchWords,
} from './feedback/feedback.search';
export {
  applyCustomerReply,
  applyReadReceipt,
  applyTeamAction,
  boardNoticeId,
  bulkVerdictOf,
  changeOfBoardNotice,
  customerFeedbackOf,
  feedbackNotFound,
  impactNoticeFor,
  ingestFeedbackItem,
  ownFeedbackItem,
  shipChangeTo,
  teamContactsOf,
} from './feedback/feedback.utils';
export { pageKeyOfPattern, pageKeysOfUrl } from './journey/journey.match';
export {
  type LoopCounts,
  loopCutoffs,
  loopSummaryOf,
  percentileCont,
  readLoopMetricsQuery,
  roundHours,
} from './metrics/metrics.loop';
export {
  bucketEnd,
  bucketKey,
  bucketStart,
  bucketsOf,
  utcDay,
} from './metrics/metrics.periods';
export {
  type CxCountSource,
  type CxRateCount,
  type CxReportContext,
  type CxScore,
  type CxScoreCounts,
  type CxScoreFilter,
  type CxWork,
  type CxWorkFilter,
  type CxWorkOptions,
  countScores,
  cxFigureOf,
  cxLevelDefaults,
  cxScoresOf,
  cxWorkOf,
  decodeCxCursor,
  encodeCxCursor,
  inCxWork,
  inPeriod,
  journeyOrder,
  listCxResponses,
  MAX_CX_BUCKETS,
  matchesSegment,
  readCxResponsesQuery,
} from './metrics/metrics.report';
export { checkPayload } from './shared/shared.problems';
