import {
  defineSurvey,
  isScaleQuestion,
  localize,
  npsSegment,
  passesTest,
  type Question,
  type ScaleQuestion,
  scaleRange,
  sentimentOf,
} from '@palaute/engine';
import { everyQuestionSurvey } from '../fixtures/surveys';

const question = <T extends Question['type']>(type: T) =>
  everyQuestionSurvey.questions.find((candidate) => candidate.type === type) as Extract<
    Question,
    { type: T }
  >;

describe('localize', () => {
  const text = { en: 'Thanks', fi: 'Kiitos', 'pt-BR': 'Obrigado', sv: 'Tack' };

  it('given a plain string › returns it for any locale', () => {
    expect(localize('Thanks', 'fi')).toBe('Thanks');
  });

  it('given the exact locale tag › uses it', () => {
    expect(localize(text, 'pt-BR')).toBe('Obrigado');
    expect(localize(text, 'fi')).toBe('Kiitos');
  });

  it('given a regional tag without its own text › falls back to the language (fi-FI → fi)', () => {
    expect(localize(text, 'fi-FI')).toBe('Kiitos');
  });

  it('given a locale with no text › falls back to the default locale', () => {
    expect(localize(text, 'de')).toBe('Thanks');
    expect(localize(text, 'de', 'sv')).toBe('Tack');
  });

  it('given neither the locale nor the default › falls back to the first text given', () => {
    expect(localize({ fi: 'Kiitos', sv: 'Tack' }, 'de')).toBe('Kiitos');
    expect(localize({ sv: 'Tack', fi: 'Kiitos' }, 'de', 'en')).toBe('Tack');
  });

  it('prefers the exact tag over the language and the language over the default', () => {
    expect(localize({ en: 'Color', 'en-GB': 'Colour' }, 'en-GB')).toBe('Colour');
    expect(localize({ fi: 'Väri', en: 'Color' }, 'fi-FI', 'en')).toBe('Väri');
  });
});

describe('scaleRange', () => {
  it.each([
    ['nps', { min: 0, max: 10 }],
    ['csat', { min: 1, max: 5 }],
    ['ces', { min: 1, max: 7 }],
    ['rating', { min: 1, max: 5 }],
  ] as const)('given a %s question › the range is %o', (type, range) => {
    expect(scaleRange(question(type) as ScaleQuestion)).toEqual(range);
  });

  it('given a rating with its own bounds › uses them', () => {
    const survey = defineSurvey({
      id: 's',
      touchpointId: 't',
      title: 'T',
      questions: [{ id: 'r', type: 'rating', title: 'R', scale: { min: 0, max: 10 } }],
    });
    expect(scaleRange(survey.questions[0] as ScaleQuestion)).toEqual({ min: 0, max: 10 });
  });
});

describe('isScaleQuestion', () => {
  it('is true exactly for nps, csat, ces and rating', () => {
    expect(
      everyQuestionSurvey.questions.filter(isScaleQuestion).map((candidate) => candidate.type),
    ).toEqual(['nps', 'csat', 'ces', 'rating']);
  });
});

describe('npsSegment', () => {
  it.each([
    [0, 'detractor'],
    [6, 'detractor'],
    [7, 'passive'],
    [8, 'passive'],
    [9, 'promoter'],
    [10, 'promoter'],
  ] as const)('given a score of %i › the segment is %s', (score, segment) => {
    expect(npsSegment(score)).toBe(segment);
  });
});

describe('passesTest', () => {
  it('given an empty test › any answer, even none, passes', () => {
    expect(passesTest({}, undefined)).toBe(true);
    expect(passesTest({}, 3)).toBe(true);
  });

  describe('answered', () => {
    it('true passes answers and fails a missing answer', () => {
      expect(passesTest({ answered: true }, 'text')).toBe(true);
      expect(passesTest({ answered: true }, false)).toBe(true);
      expect(passesTest({ answered: true }, undefined)).toBe(false);
    });
    it('false passes only a missing answer', () => {
      expect(passesTest({ answered: false }, undefined)).toBe(true);
      expect(passesTest({ answered: false }, 0)).toBe(false);
    });
  });

  describe('score', () => {
    it('is inclusive at both ends', () => {
      const test = { score: { min: 3, max: 5 } };
      expect([2, 3, 4, 5, 6].map((score) => passesTest(test, score))).toEqual([
        false,
        true,
        true,
        true,
        false,
      ]);
    });
    it('with only min or only max is open on the other side', () => {
      expect(passesTest({ score: { min: 9 } }, 10)).toBe(true);
      expect(passesTest({ score: { max: 6 } }, 0)).toBe(true);
      expect(passesTest({ score: { max: 6 } }, 7)).toBe(false);
    });
    it('fails a missing answer or an answer that is not a number', () => {
      expect(passesTest({ score: { min: 0 } }, undefined)).toBe(false);
      expect(passesTest({ score: { min: 0 } }, '5')).toBe(false);
    });
  });

  describe('segment', () => {
    it('matches the NPS segment of the score', () => {
      expect(passesTest({ segment: 'detractor' }, 6)).toBe(true);
      expect(passesTest({ segment: 'detractor' }, 7)).toBe(false);
      expect(passesTest({ segment: 'passive' }, 8)).toBe(true);
      expect(passesTest({ segment: 'promoter' }, 9)).toBe(true);
      expect(passesTest({ segment: 'promoter' }, undefined)).toBe(false);
    });
  });

  describe('anyOf', () => {
    it('passes when any listed option was chosen', () => {
      expect(passesTest({ anyOf: ['a', 'b'] }, { selected: ['c', 'b'] })).toBe(true);
      expect(passesTest({ anyOf: ['a', 'b'] }, { selected: ['c'] })).toBe(false);
    });
    it('matches "other" when the other text is given', () => {
      expect(passesTest({ anyOf: ['other'] }, { selected: [], other: 'Fax' })).toBe(true);
      expect(passesTest({ anyOf: ['other'] }, { selected: ['a'] })).toBe(false);
    });
    it('fails a missing answer or an answer that is not a choice', () => {
      expect(passesTest({ anyOf: ['a'] }, undefined)).toBe(false);
      expect(passesTest({ anyOf: ['a'] }, 'a')).toBe(false);
    });
  });

  describe('combined fields', () => {
    it('passes only when every field given holds', () => {
      const test = { answered: true, score: { min: 0, max: 8 }, segment: 'passive' } as const;
      expect(passesTest(test, 7)).toBe(true);
      expect(passesTest(test, 6)).toBe(false); // score holds, segment fails
      expect(passesTest(test, 9)).toBe(false); // both fail
      expect(passesTest(test, undefined)).toBe(false);
    });
    it('anyOf and answered together', () => {
      expect(passesTest({ answered: true, anyOf: ['a'] }, { selected: ['a'] })).toBe(true);
      expect(passesTest({ answered: false, anyOf: ['a'] }, { selected: ['a'] })).toBe(false);
    });
  });
});

describe('sentimentOf', () => {
  const scale = (type: 'nps' | 'csat' | 'ces') =>
    defineSurvey({
      id: 's',
      touchpointId: 't',
      title: 'T',
      questions: [{ id: 'q', type, title: 'Q' }],
    }).questions[0] as ScaleQuestion;

  it.each([
    ['nps', [0, 6], 'negative'],
    ['nps', [7, 8], 'neutral'],
    ['nps', [9, 10], 'positive'],
    ['csat', [1, 2], 'negative'],
    ['csat', [3, 3], 'neutral'],
    ['csat', [4, 5], 'positive'],
    ['ces', [1, 3], 'negative'],
    ['ces', [4, 4], 'neutral'],
    ['ces', [5, 7], 'positive'],
  ] as const)('%s %j › %s', (type, [from, to], expected) => {
    for (let score = from; score <= to; score++)
      expect(sentimentOf(scale(type), score)).toBe(expected);
  });

  it('given a 1–10 rating › the lower 40 % is negative and the upper 40 % positive', () => {
    const rating = defineSurvey({
      id: 's',
      touchpointId: 't',
      title: 'T',
      questions: [{ id: 'q', type: 'rating', title: 'Q', scale: { min: 1, max: 10 } }],
    }).questions[0] as ScaleQuestion;
    expect([1, 4, 5, 6, 7, 10].map((score) => sentimentOf(rating, score))).toEqual([
      'negative',
      'negative',
      'neutral',
      'neutral',
      'positive',
      'positive',
    ]);
  });
});
