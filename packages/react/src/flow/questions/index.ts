/**
 * The question components, one per question type, the `useScale` behaviour hook behind every scale,
 * and `QuestionField`, which picks the component for a question's type.
 */
export { CesQuestion, type CesQuestionProps } from './CesQuestion';
export { ChoiceQuestion } from './ChoiceQuestion';
export { ConsentQuestion, type ConsentQuestionProps } from './ConsentQuestion';
export { CsatQuestion, type CsatQuestionProps } from './CsatQuestion';
export { NpsQuestion, type NpsQuestionProps } from './NpsQuestion';
export { QuestionField, type QuestionFieldProps } from './QuestionField';
export type { ChoiceQuestionProps, QuestionProps } from './question.types';
export { RatingQuestion, type RatingQuestionProps } from './RatingQuestion';
export { ScaleQuestion, type ScaleQuestionProps } from './ScaleQuestion';
export { TextQuestion, type TextQuestionProps } from './TextQuestion';
export { useErrorMessage } from './useErrorMessage';
export {
  type ScaleApi,
  type ScaleIds,
  type ScaleItemHandlers,
  type ScaleItemProps,
  type ScalePoint,
  type ScaleRootProps,
  type UseScaleProps,
  useScale,
} from './useScale';
