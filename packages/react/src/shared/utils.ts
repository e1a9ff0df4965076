import { type Answers, isScaleQuestion, type Survey, scaleRange } from '@palaute/engine';

/** Makes ids for replies and changes (at least 8 characters, as the schemas ask). */
export function randomId(): string {
  const crypto = globalThis.crypto;
  if (typeof crypto?.randomUUID === 'function') return crypto.randomUUID();
  const bytes = new Uint8Array(16);
  if (crypto?.getRandomValues) crypto.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The start of a customer's words for a list row or a label, cut at a word where it can be. */
export function excerpt(text: string, max = 140): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}

/**
 * The first score among a response's answers, in the survey's question order when the survey is
 * known (with the scale's top, for "2 of 5"), else the first number answered.
 */
export function firstScore(
  answers: Answers,
  survey: Survey | undefined,
): { score: number; max: number | undefined } | undefined {
  for (const question of survey?.questions ?? []) {
    const value = answers[question.id];
    if (isScaleQuestion(question) && typeof value === 'number')
      return { score: value, max: scaleRange(question).max };
  }
  const value = Object.values(answers).find((answer) => typeof answer === 'number');
  return typeof value === 'number' ? { score: value, max: undefined } : undefined;
}
