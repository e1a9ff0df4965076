// Type-only exports vanish at runtime; importing them here makes `tsc` pin them too.
import type {
  Acknowledgement,
  Answers,
  AnswerTest,
  AnswerValue,
  BackendOperation,
  BackendPort,
  Branch,
  ChoiceAnswer,
  ChoiceQuestion,
  Condition,
  CreateFlowOptions,
  Customer,
  DefinitionProblem,
  Dismissal,
  Display,
  FeedbackResponse,
  FlowActor,
  FlowActorOptions,
  FlowApi,
  FlowContext,
  FlowEvent,
  FlowInput,
  FlowLogic,
  FlowProgress,
  FlowSnapshot,
  FlowStep,
  FollowUp,
  FollowUpAnswer,
  FollowUpDraft,
  ImpactNotice,
  ImpactQuery,
  LocalizedText,
  MemoryBackend,
  MemoryBackendOptions,
  NpsSegment,
  ParsePersistedFlowResult,
  ParseSurveyResult,
  PersistedFlow,
  Question,
  QuestionOf,
  QuestionType,
  ResponseDraft,
  ScaleDisplay,
  ScaleQuestion,
  StoredResponse,
  SubmitReceipt,
  Survey,
  SurveyInput,
  ValidationIssue,
} from '@palaute/engine';

describe('@palaute/engine public surface', () => {
  it('exports exactly these runtime values', async () => {
    const engine = await import('@palaute/engine');
    expect(Object.keys(engine).sort()).toEqual([
      'END',
      'PERSISTED_FLOW_VERSION',
      'ValidationError',
      'answerValueSchema',
      'answersOnPath',
      'answersSchema',
      'connect',
      'createFlow',
      'createFlowLogic',
      'createMemoryBackend',
      'customerSchema',
      'defineSurvey',
      'dismissalSchema',
      'displaySchema',
      'drawOptionOrder',
      'feedbackResponseSchema',
      'flowActorOptions',
      'flowContextSchema',
      'flowInputSchema',
      'flowMachine',
      'flowStepSchema',
      'followUpAnswerSchema',
      'getSurveyJsonSchema',
      'impactNoticeSchema',
      'impactQuerySchema',
      'isScaleQuestion',
      'localize',
      'nextQuestionId',
      'normalizeAnswer',
      'npsSegment',
      'parsePersistedFlow',
      'parseSurvey',
      'passesTest',
      'persistFlow',
      'persistedFlowSchema',
      'pickAcknowledgement',
      'pickFollowUp',
      'plannedPath',
      'questionSchema',
      'scaleRange',
      'selectAcknowledgement',
      'selectAnswers',
      'selectCanGoBack',
      'selectCurrentQuestion',
      'selectErrors',
      'selectFollowUp',
      'selectImpact',
      'selectIsLastQuestion',
      'selectIsOpen',
      'selectNpsSegment',
      'selectOptions',
      'selectProgress',
      'selectStep',
      'selectSubmitError',
      'selectSubmittedAnswers',
      'submitReceiptSchema',
      'surveySchema',
      'validateAnswer',
      'validationIssueSchema',
    ]);
  });

  it('exports the constants with their documented values', async () => {
    const { END, PERSISTED_FLOW_VERSION } = await import('@palaute/engine');
    expect(END).toBe('end');
    expect(PERSISTED_FLOW_VERSION).toBe(1);
  });

  it('exports the documented types (checked by tsc)', () => {
    type Exported = [
      Acknowledgement,
      Answers,
      AnswerTest,
      AnswerValue,
      BackendOperation,
      BackendPort,
      Branch,
      ChoiceAnswer,
      ChoiceQuestion,
      Condition,
      CreateFlowOptions,
      Customer,
      DefinitionProblem,
      Dismissal,
      Display,
      FeedbackResponse,
      FlowActor,
      FlowActorOptions,
      FlowApi,
      FlowContext,
      FlowEvent,
      FlowInput,
      FlowLogic,
      FlowProgress,
      FlowSnapshot,
      FlowStep,
      FollowUp,
      FollowUpAnswer,
      FollowUpDraft,
      ImpactNotice,
      ImpactQuery,
      LocalizedText,
      MemoryBackend,
      MemoryBackendOptions,
      NpsSegment,
      ParsePersistedFlowResult,
      ParseSurveyResult,
      PersistedFlow,
      Question,
      QuestionOf<'nps'>,
      QuestionType,
      ResponseDraft,
      ScaleDisplay,
      ScaleQuestion,
      StoredResponse,
      SubmitReceipt,
      Survey,
      SurveyInput,
      ValidationIssue,
    ];
    expectTypeOf<Exported['length']>().toEqualTypeOf<49>();
    expectTypeOf<FlowStep>().toEqualTypeOf<
      | 'asking'
      | 'submitting'
      | 'submitFailed'
      | 'acknowledging'
      | 'followingUp'
      | 'sendingFollowUp'
      | 'followUpFailed'
      | 'checkingImpact'
      | 'showingImpact'
      | 'done'
      | 'dismissed'
      | 'postponed'
    >();
    expectTypeOf<QuestionType>().toEqualTypeOf<
      'nps' | 'csat' | 'ces' | 'rating' | 'single' | 'multiple' | 'text' | 'consent'
    >();
  });
});
