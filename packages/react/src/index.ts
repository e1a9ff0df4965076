'use client';
/**
 * `@palaute/react`: accessible React components for the Palaute feedback flow. A dialog and an
 * inline form that ask, acknowledge, follow up and show impact; one component per question type; and
 * `useFeedbackFlow` for hosts that render their own UI. Closing the loop: `YourFeedback` (the
 * customer's own feedback, its thread and its impact) and `FeedbackInbox` (the team's triage), each
 * with its headless hook.
 *
 * @packageDocumentation
 */
export { type BrowserOutboxOptions, createBrowserOutbox, watchPage } from './browserOutbox';
export { ExplainPanel, type ExplainPanelProps } from './ExplainPanel';
export { FeedbackDialog, type FeedbackDialogProps } from './FeedbackDialog';
export { FeedbackForm, type FeedbackFormProps, type Theme } from './FeedbackForm';
export { FeedbackInbox, type FeedbackInboxProps } from './FeedbackInbox';
export { FeedbackLauncher, type FeedbackLauncherProps } from './FeedbackLauncher';
export { en, type MessageKey, type Messages } from './i18n/en';
export { fi } from './i18n/fi';
export { type FormMessages, formEn, formFi } from './i18n/form';
export {
  builtInLoopMessages,
  type LoopMessageKey,
  type LoopMessages,
  type LoopTools,
  useLoopTools,
} from './i18n/loop';
export { loopEn } from './i18n/loop.en';
export { loopFi } from './i18n/loop.fi';
export {
  builtInMessages,
  format,
  type MessageOverrides,
  resolveMessages,
  type Translate,
} from './i18n/messages';
export { OfferedFeedback, type OfferedFeedbackProps } from './OfferedFeedback';
export {
  type LocaleTools,
  type PalauteContextValue,
  PalauteProvider,
  type PalauteProviderProps,
  useLocaleTools,
  usePalaute,
} from './PalauteProvider';
export { PendingIndicator, type PendingIndicatorProps } from './PendingIndicator';
export { Acknowledgement, type AcknowledgementProps } from './parts/Acknowledgement';
export { DeliveryNote, type DeliveryNoteProps } from './parts/DeliveryNote';
export { FollowUp, type FollowUpProps } from './parts/FollowUp';
export { ImpactNotice, type ImpactNoticeProps } from './parts/ImpactNotice';
export { Progress, type ProgressProps } from './parts/Progress';
export {
  CesQuestion,
  type CesQuestionProps,
  ChoiceQuestion,
  type ChoiceQuestionProps,
  ConsentQuestion,
  type ConsentQuestionProps,
  CsatQuestion,
  type CsatQuestionProps,
  NpsQuestion,
  type NpsQuestionProps,
  QuestionField,
  type QuestionFieldProps,
  type QuestionProps,
  RatingQuestion,
  type RatingQuestionProps,
  type ScaleApi,
  type ScaleIds,
  type ScaleItemHandlers,
  type ScaleItemProps,
  type ScalePoint,
  ScaleQuestion,
  type ScaleQuestionProps,
  type ScaleRootProps,
  TextQuestion,
  type TextQuestionProps,
  type UseScaleProps,
  useErrorMessage,
  useScale,
} from './questions/index';
export { setStyleNonce } from './styleNonce';
export {
  type DeliveryState,
  type DeliveryStatus,
  useDeliveryStatus,
  useOnline,
  useOutboxStatus,
} from './useDelivery';
export {
  type ClosedStep,
  type FeedbackFlow,
  type FlowStorage,
  type UseFeedbackFlowOptions,
  useFeedbackFlow,
} from './useFeedbackFlow';
export {
  type ChangeField,
  type FeedbackInboxApi,
  type InboxAction,
  type InboxErrorField,
  type InboxFacetFilter,
  type InboxFieldProps,
  type InboxFilterOption,
  type InboxFilters,
  type InboxItemView,
  type InboxRow,
  type UseFeedbackInboxOptions,
  useFeedbackInbox,
} from './useFeedbackInbox';
export { type ImpactOffer, useImpactOffer } from './useImpactOffer';
export {
  useOffer,
  usePageView,
  usePalauteClient,
  useTouchpoint,
} from './useJourney';
export {
  type ReplyDelivery,
  type ThreadMessage,
  type UseYourFeedbackOptions,
  useYourFeedback,
  type YourFeedbackApi,
  type YourFeedbackItem,
  type YourFeedbackState,
  type YourFeedbackStep,
} from './useYourFeedback';
export { YourFeedback, type YourFeedbackProps } from './YourFeedback';
