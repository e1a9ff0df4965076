import {
  type BackendPort,
  createMemoryBackend,
  defineSurvey,
  getSurveyJsonSchema,
  type ParseSurveyResult,
  parseSurvey,
  type Survey,
  type SurveyInput,
} from '@palaute/engine';

describe('the engine’s public types', () => {
  it('defineSurvey takes a SurveyInput and returns a parsed Survey', () => {
    expectTypeOf(defineSurvey).parameter(0).toEqualTypeOf<SurveyInput>();
    expectTypeOf(defineSurvey).returns.toEqualTypeOf<Survey>();
  });

  it('parseSurvey accepts unknown input and narrows on success', () => {
    expectTypeOf(parseSurvey).parameter(0).toBeUnknown();
    const result = parseSurvey({});
    expectTypeOf(result).toEqualTypeOf<ParseSurveyResult>();
    if (result.success) expectTypeOf(result.survey).toEqualTypeOf<Survey>();
  });

  it('the memory backend is a BackendPort', () => {
    expectTypeOf(createMemoryBackend()).toExtend<BackendPort>();
  });

  it('getSurveyJsonSchema returns a plain JSON object', () => {
    expectTypeOf(getSurveyJsonSchema).returns.toEqualTypeOf<Record<string, unknown>>();
  });

  it('rejects a survey input without questions', () => {
    // @ts-expect-error: `questions` is required
    defineSurvey({ id: 'no-questions', touchpointId: 'dashboard', title: 'T' });
  });
});
