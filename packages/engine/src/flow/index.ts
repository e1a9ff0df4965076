export { connect, type FlowApi } from './flow.connect';
export {
  type CreateFlowOptions,
  createFlow,
  type FlowActor,
  type ParsePersistedFlowResult,
  parsePersistedFlow,
  persistFlow,
} from './flow.create';
export { type FollowUpDraft, flowMachine, type ResponseDraft } from './flow.machine';
export {
  type FlowContext,
  type FlowEvent,
  type FlowInput,
  type FlowStep,
  flowContextSchema,
  flowInputSchema,
  flowStepSchema,
  PERSISTED_FLOW_VERSION,
  type PersistedFlow,
  persistedFlowSchema,
  type ValidationIssue,
  validationIssueSchema,
} from './flow.schema';
export {
  type FlowProgress,
  type FlowSnapshot,
  selectAcknowledgement,
  selectAnswers,
  selectCanGoBack,
  selectCurrentQuestion,
  selectErrors,
  selectFollowUp,
  selectImpact,
  selectIsLastQuestion,
  selectIsOpen,
  selectNpsSegment,
  selectOptions,
  selectProgress,
  selectStep,
  selectSubmitError,
  selectSubmittedAnswers,
} from './flow.selectors';
export {
  answersOnPath,
  drawOptionOrder,
  nextQuestionId,
  normalizeAnswer,
  pickAcknowledgement,
  pickFollowUp,
  plannedPath,
  validateAnswer,
} from './flow.utils';
