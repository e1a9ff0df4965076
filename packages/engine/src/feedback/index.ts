export { type FeedbackEvent, feedbackMachine } from './feedback.machine';
export {
  type Actor,
  actorSchema,
  type Change,
  CLOSING_STATUSES,
  type CustomerFeedback,
  changeSchema,
  customerFeedbackSchema,
  FEEDBACK_STATUSES,
  type FeedbackItem,
  type FeedbackStatus,
  feedbackItemSchema,
  feedbackStatusSchema,
  type Reply,
  replySchema,
  type StatusChange,
  statusChangeSchema,
} from './feedback.schema';
export {
  applyFeedbackEvent,
  feedbackItemFromResponse,
  isClosed,
  isDone,
  LifecycleError,
} from './feedback.utils';
