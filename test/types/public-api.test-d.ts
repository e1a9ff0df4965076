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
import type { MessageOverrides, PalauteProvider } from '@palaute/react';

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

describe('the React package’s public types', () => {
  it('a host overrides any built-in string, flat or by locale, and only those', () => {
    // The flow's, the board's, the team board's, the idea offer's and the launcher form's.
    const flat: MessageOverrides = {
      next: 'Go',
      boardTitle: 'Wishes',
      modTitle: 'Wish moderation',
      offerVote: 'Yes, me too',
      launcherFormTitle: 'Tell us',
    };
    const byLocale: MessageOverrides = { fi: { boardTitle: 'Toiveet', demandTitle: '{segment}' } };
    expectTypeOf(flat).toExtend<MessageOverrides>();
    expectTypeOf(byLocale).toExtend<MessageOverrides>();
    // @ts-expect-error: not a key of any catalogue
    const unknown: MessageOverrides = { boardTitel: 'Wishes' };
    expectTypeOf(unknown).toExtend<MessageOverrides>();
    expectTypeOf<Parameters<typeof PalauteProvider>[0]['messages']>().toEqualTypeOf<
      MessageOverrides | undefined
    >();
  });
});
