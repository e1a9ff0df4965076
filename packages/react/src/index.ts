'use client';
export {
  BoardDemand,
  type BoardDemandProps,
  DemandChoice,
  DemandTable,
} from './board/BoardDemand';
export {
  BoardModeration,
  type BoardModerationProps,
  ChangelogComposer,
  IdeaFacts,
  ModerationList,
  ModerationPanel,
  ModerationToolbar,
} from './board/BoardModeration';
export {
  type BoardMessageKey,
  type BoardMessages,
  type BoardTeamMessageKey,
  type BoardTeamMessages,
  boardEn,
  boardFi,
  boardTeamEn,
  boardTeamFi,
} from './board/board.messages';
export { Changelog, type ChangelogProps } from './board/Changelog';
export {
  BoardToolbar,
  FeedbackBoard,
  type FeedbackBoardProps,
  IdeaCard,
  IdeaList,
  IdeaThread,
  IdeaThreadView,
  SimilarIdeas,
  SuggestIdeaForm,
  VoteButton,
} from './board/FeedbackBoard';
export { IdeaOffer, type IdeaOfferProps } from './board/IdeaOffer';
export {
  type IdeaOfferMessageKey,
  type IdeaOfferMessages,
  ideaOfferEn,
  ideaOfferFi,
} from './board/offer.messages';
export { Roadmap, type RoadmapProps } from './board/Roadmap';
export {
  type ShowMoreButtonProps,
  type UseBoardOptions,
  type UseBoardResult,
  useBoard,
} from './board/useBoard';
export {
  type BoardDemandOption,
  type UseBoardDemandOptions,
  type UseBoardDemandResult,
  useBoardDemand,
} from './board/useBoardDemand';
export {
  type UseBoardModerationOptions,
  type UseBoardModerationResult,
  useBoardModeration,
} from './board/useBoardModeration';
export {
  type UseBoardPageOptions,
  type UseRoadmapResult,
  useChangelog,
  useRoadmap,
} from './board/useBoardPage';
export {
  type UseIdeaOfferOptions,
  type UseIdeaOfferResult,
  useIdeaOffer,
} from './board/useIdeaOffer';
export { type UseIdeaThreadResult, useIdeaThread } from './board/useIdeaThread';
/**
 * `@palaute/react`: accessible React components for the Palaute feedback flow. A dialog and an
 * inline form that ask, acknowledge, follow up and show impact; one component per question type; and
 * `useFeedbackFlow` for hosts that render their own UI. Closing the loop: `YourFeedback` (the
 * customer's own feedback, its thread and its impact) and `FeedbackInbox` (the team's triage), each
 * with its headless hook.
 *
 * @packageDocumentation
 */
export {
  type BrowserOutboxOptions,
  createBrowserOutbox,
  watchPage,
} from './delivery/browserOutbox';
export { DeliveryNote, type DeliveryNoteProps } from './delivery/DeliveryNote';
export { PendingIndicator, type PendingIndicatorProps } from './delivery/PendingIndicator';
export {
  type DeliveryState,
  type DeliveryStatus,
  useDeliveryStatus,
  useOnline,
  useOutboxStatus,
} from './delivery/useDelivery';
export { ExplainPanel, type ExplainPanelProps } from './devtools/ExplainPanel';
export { FeedbackDialog, type FeedbackDialogProps } from './flow/FeedbackDialog';
export { FeedbackForm, type FeedbackFormProps, type Theme } from './flow/FeedbackForm';
export { FeedbackLauncher, type FeedbackLauncherProps } from './flow/FeedbackLauncher';
export {
  LauncherDialog,
  type LauncherDialogProps,
  LauncherForm,
  type LauncherFormProps,
} from './flow/LauncherForm';
export {
  type LauncherFormMessageKey,
  type LauncherFormMessages,
  launcherFormCatalogues,
  launcherFormEn,
  launcherFormFi,
} from './flow/launcher.messages';
export { Acknowledgement, type AcknowledgementProps } from './flow/parts/Acknowledgement';
export { FollowUp, type FollowUpProps } from './flow/parts/FollowUp';
export {
  OptOutConfirm,
  type OptOutConfirmProps,
  OptOutDone,
  type OptOutDoneProps,
  type OptOutScope,
} from './flow/parts/OptOut';
export { Progress, type ProgressProps } from './flow/parts/Progress';
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
} from './flow/questions/index';
export {
  type ClosedStep,
  type FeedbackFlow,
  type FlowStorage,
  type UseFeedbackFlowOptions,
  useFeedbackFlow,
} from './flow/useFeedbackFlow';
export { type UseLauncherOptions, type UseLauncherResult, useLauncher } from './flow/useLauncher';
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
  type Locales,
  type MessageOverrides,
  resolveMessages,
  type Translate,
} from './i18n/messages';
export {
  builtInMetricsMessages,
  type Granularity,
  type MetricKind,
  type MetricsMessageKey,
  type MetricsMessages,
  type MetricsTools,
  useMetricsTools,
} from './i18n/metrics';
export { metricsEn } from './i18n/metrics.en';
export { metricsFi } from './i18n/metrics.fi';
export {
  BulkForm,
  ChangeForm,
  FeedbackInbox,
  type FeedbackInboxProps,
  FeedbackInboxRoot,
  type FeedbackInboxRootProps,
  InboxFilterForm,
  InboxItem,
  InboxList,
  useFeedbackInboxContext,
} from './inbox/FeedbackInbox';
export {
  InboxIdeas,
  type InboxIdeasOptions,
  InboxKindFilter,
  VoterSegments,
  type VoterSegmentsProps,
} from './inbox/InboxIdeas';
export {
  type ChangeField,
  type FeedbackInboxApi,
  type InboxAction,
  type InboxCustomer,
  type InboxErrorField,
  type InboxFacetFilter,
  type InboxFieldProps,
  type InboxFilterOption,
  type InboxFilters,
  type InboxItemView,
  type InboxRow,
  type InboxScore,
  type ItemChangeField,
  type UseFeedbackInboxOptions,
  useFeedbackInbox,
} from './inbox/useFeedbackInbox';
export { OfferedFeedback, type OfferedFeedbackProps } from './journey/OfferedFeedback';
export {
  TeamReply,
  TeamReplyForm,
  type TeamReplyFormProps,
  type TeamReplyProps,
} from './journey/OfferedReplies';
export { type ImpactOffer, useImpactOffer } from './journey/useImpactOffer';
export {
  useOffer,
  usePageView,
  usePalauteClient,
  useTouchpoint,
} from './journey/useJourney';
export { type ReplyOffer, useReplyOffer } from './journey/useReplyOffer';
// CX metrics: the dashboard, its parts and their hooks
export type { MetricsTheme } from './metrics/ChartFigure';
export { CxDashboard, type CxDashboardProps, trendPoints } from './metrics/CxDashboard';
export { CxLevels, type CxLevelsProps } from './metrics/CxLevels';
export {
  CxResponses,
  type CxResponsesProps,
  isScoreMetric,
  NPS_GROUP_SCORES,
  type NpsGroup,
} from './metrics/CxResponses';
export { LoopMetrics, type LoopMetricsProps } from './metrics/LoopMetrics';
export {
  MetricCard,
  type MetricCardApi,
  type MetricCardProps,
  type MetricChange,
  type MetricFigure,
  type MetricTarget,
  useMetricCard,
} from './metrics/MetricCard';
export {
  type NpsGroups,
  ScoreBreakdown,
  type ScoreBreakdownApi,
  type ScoreBreakdownProps,
  useScoreBreakdown,
} from './metrics/ScoreBreakdown';
export {
  type MilestoneState,
  milestoneStates,
  TargetLadder,
  type TargetLadderProps,
} from './metrics/TargetLadder';
export {
  groupByStage,
  type JourneyPhase,
  phaseOf,
  type TouchpointScore,
  TouchpointScorecards,
  type TouchpointScorecardsProps,
} from './metrics/TouchpointScorecards';
export { TrendChart, type TrendChartProps } from './metrics/TrendChart';
export {
  type ChartApi,
  type UseChartOptions,
  useChart,
  useMeasuredWidth,
} from './metrics/useChart';
export {
  type CxReportApi,
  type CxReportSource,
  type CxReportState,
  isEmptyReport,
  type UseCxReportOptions,
  useCxReport,
} from './metrics/useCxReport';
export {
  type CxResponsesApi,
  type CxResponsesSource,
  type CxResponsesState,
  type UseCxResponsesOptions,
  useCxResponses,
} from './metrics/useCxResponses';
export {
  type TrendChartApi,
  type TrendMark,
  type TrendPoint,
  type UseTrendChartOptions,
  useTrendChart,
} from './metrics/useTrendChart';
export { useLocaleTools, usePalaute } from './provider/locale';
export {
  type LocaleTools,
  type PalauteContextValue,
  PalauteProvider,
  type PalauteProviderProps,
} from './provider/PalauteProvider';
export {
  Announcer,
  type AnnouncerApi,
  type AnnouncerProps,
  type Politeness,
  useAnnouncer,
} from './shared/Announcer';
export { ImpactNotice, type ImpactNoticeProps } from './shared/ImpactNotice';
export { setStyleNonce } from './shared/styleNonce';
export { ContactChoices, type ContactChoicesProps } from './your-feedback/ContactChoices';
export { useContactChoice } from './your-feedback/useContactChoice';
export {
  type ContactChoicesApi,
  optOutKey,
  useContactChoices,
} from './your-feedback/useContactChoices';
export {
  type UseUnseenRepliesOptions,
  useUnseenReplies,
} from './your-feedback/useUnseenReplies';
export {
  type ReplyDelivery,
  type ThreadMessage,
  type UseYourFeedbackOptions,
  useYourFeedback,
  type YourFeedbackApi,
  type YourFeedbackItem,
  type YourFeedbackState,
  type YourFeedbackStep,
  type YourIdeaItem,
} from './your-feedback/useYourFeedback';
export {
  YourFeedback,
  type YourFeedbackProps,
  YourIdeas,
  type YourIdeasProps,
} from './your-feedback/YourFeedback';
