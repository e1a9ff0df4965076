/**
 * The English strings a page needs before the feedback dialog can show: the dialog's frame, the
 * questions' step and actions, the scale questions, their answers' errors and the announcements
 * (the steps after the questions and the errors only the other question types have are parts loaded
 * later, `enParts`). The provider builds them in; the rest of English (`enLater`) travels with the
 * parts that use it.
 */
export const enFirst = {
  close: 'Close',
  optOut: "Don't ask me again",
  next: 'Next',
  back: 'Back',
  submit: 'Send',
  retry: 'Try again',
  draftResumed: 'We kept your answers from last time.',
  notNow: 'Not now',
  stepLoading: 'One moment…',
  keptChecking: 'Checking your kept answers…',
  stepLoadFailed: 'This step could not be loaded. Your answers are kept, so you can try again.',
  progress: 'Question {current} of {total}',
  required: 'required',
  optional: 'optional',
  errorRequired: 'Please answer this question.',
  errorOutOfRange: 'Please choose a value on the scale.',
  errorWrongType: 'This answer is not valid.',
  npsMin: 'Not at all likely',
  npsMax: 'Extremely likely',
  csatMin: 'Very dissatisfied',
  csatMax: 'Very satisfied',
  cesMin: 'Very difficult',
  cesMax: 'Very easy',
  ratingMin: 'Lowest',
  ratingMax: 'Highest',
  scalePoint: '{value}',
  scalePointWithLabel: '{value}, {label}',
  starPoint: '{value} of {max} stars',
  emojiVeryBad: 'Very bad',
  emojiBad: 'Bad',
  emojiNeutral: 'Neutral',
  emojiGood: 'Good',
  emojiVeryGood: 'Very good',
  announceQuestion: 'Question {current} of {total}: {title}',
  announceError: 'Error: {message}',
} as const;

/** A key of the strings a page needs before the dialog can show. */
export type FirstMessageKey = keyof typeof enFirst;
/** The strings a page needs before the dialog can show, in any language. */
export type FirstMessages = Record<FirstMessageKey, string>;
