import type {
  AnswerTest,
  AnswerValue,
  LocalizedText,
  NpsSegment,
  Question,
  ScaleQuestion,
} from './survey.schema';

/** The reserved branch target that ends the questions and submits the response. */
export const END = 'end';

/**
 * Picks the text for a locale: the exact tag, then its language (`fi` for `fi-FI`), then the survey's
 * default locale, then the first text given.
 */
export function localize(text: LocalizedText, locale: string, defaultLocale = 'en'): string {
  if (typeof text === 'string') return text;
  const language = locale.split('-')[0] ?? locale;
  return text[locale] ?? text[language] ?? text[defaultLocale] ?? Object.values(text)[0] ?? '';
}

/** Whether a question is a scale (NPS, CSAT, CES or rating). */
export function isScaleQuestion(question: Question): question is ScaleQuestion {
  return (
    question.type === 'nps' ||
    question.type === 'csat' ||
    question.type === 'ces' ||
    question.type === 'rating'
  );
}

/** The inclusive range of a scale question: NPS 0–10, CSAT 1–5, CES 1–7, rating as defined. */
export function scaleRange(question: ScaleQuestion): { min: number; max: number } {
  switch (question.type) {
    case 'nps':
      return { min: 0, max: 10 };
    case 'csat':
      return { min: 1, max: 5 };
    case 'ces':
      return { min: 1, max: 7 };
    case 'rating':
      return question.scale;
  }
}

/** The NPS segment of a score: 0–6 detractor, 7–8 passive, 9–10 promoter. */
export function npsSegment(score: number): NpsSegment {
  return score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor';
}

/** How a customer felt, read from a scale answer. */
export type Sentiment = 'negative' | 'neutral' | 'positive';

/**
 * The sentiment of a scale answer: NPS by segment (detractor negative, passive neutral, promoter
 * positive); other scales by position, the lower 40 % negative and the upper 40 % positive (CSAT 1–2
 * negative, 3 neutral, 4–5 positive; CES 1–3, 4, 5–7).
 */
export function sentimentOf(question: ScaleQuestion, score: number): Sentiment {
  if (question.type === 'nps') {
    const segment = npsSegment(score);
    return segment === 'detractor' ? 'negative' : segment === 'passive' ? 'neutral' : 'positive';
  }
  const { min, max } = scaleRange(question);
  const position = max === min ? 0.5 : (score - min) / (max - min);
  return position < 0.4 ? 'negative' : position > 0.6 ? 'positive' : 'neutral';
}

/** Whether an answer (possibly absent) passes a test. Every field given in the test must hold. */
export function passesTest(test: AnswerTest, answer: AnswerValue | undefined): boolean {
  const answered = answer !== undefined;
  if (test.answered !== undefined && test.answered !== answered) return false;
  if (test.score) {
    if (typeof answer !== 'number') return false;
    if (test.score.min !== undefined && answer < test.score.min) return false;
    if (test.score.max !== undefined && answer > test.score.max) return false;
  }
  if (test.segment && (typeof answer !== 'number' || npsSegment(answer) !== test.segment))
    return false;
  if (test.anyOf) {
    if (typeof answer !== 'object') return false;
    const chosen = new Set(answer.selected);
    if (answer.other !== undefined) chosen.add('other');
    if (!test.anyOf.some((id) => chosen.has(id))) return false;
  }
  return true;
}
