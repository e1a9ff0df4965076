export { type FeedbackEvent, feedbackMachine } from './feedback.machine';
export {
  type AgingBuckets,
  closedAt,
  computeLoopMetrics,
  type DurationSummary,
  firstResponseAt,
  isOverdue,
  type LoopMetrics,
  type LoopMetricsOptions,
  type LoopSummary,
} from './feedback.metrics';
export {
  type Actor,
  actorSchema,
  type Change,
  type ChangeInput,
  CLOSING_STATUSES,
  type CustomerFeedback,
  changeInputSchema,
  changeSchema,
  customerFeedbackSchema,
  FEEDBACK_STATUSES,
  type FeedbackItem,
  type FeedbackStatus,
  feedbackItemSchema,
  feedbackStatusSchema,
  type InboxQuery,
  inboxQuerySchema,
  type Reply,
  replySchema,
  type StatusChange,
  statusChangeSchema,
  type TeamAction,
  teamActionSchema,
} from './feedback.schema';
export { createFeedbackStore, type FeedbackStore } from './feedback.store';
export {
  applyFeedbackEvent,
  feedbackItemFromResponse,
  isClosed,
  isDone,
  LifecycleError,
} from './feedback.utils';
