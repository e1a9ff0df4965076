import type { AnswerValue, ChoiceQuestion, Question, ValidationIssue } from '@palaute/engine';

/**
 * Props every question component takes. Question components are controlled and usable on their own:
 * give them a question, its value and `onChange`; inside a flow, `FeedbackForm` wires them up.
 */
export interface QuestionProps<Q extends Question = Question> {
  /** The question to render. */
  question: Q;
  /** The current answer (`undefined` when unanswered). */
  value: AnswerValue | undefined;
  /** Called with the new answer, or `undefined` when cleared. */
  onChange: (value: AnswerValue | undefined) => void;
  /** A validation issue to show, tied to the field and marking it invalid. */
  error?: ValidationIssue | undefined;
  /** The survey's default locale, for texts missing in the customer's locale. @default 'en' */
  defaultLocale?: string | undefined;
  /** Replaces the default `palaute-<Component>` class (opting out of the optional stylesheet). */
  className?: string | undefined;
}

/** Props of choice questions: also the options in display order (randomised once per flow). */
export interface ChoiceQuestionProps extends QuestionProps<ChoiceQuestion> {
  /** The options in the order to show them. @default question.options */
  options?: ChoiceQuestion['options'] | undefined;
}
