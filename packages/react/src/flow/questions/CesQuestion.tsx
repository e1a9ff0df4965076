import type { QuestionOf } from '@palaute/engine';
import { ScaleQuestion, type ScaleQuestionProps } from './ScaleQuestion';

/** Props of {@link CesQuestion}. */
export type CesQuestionProps = ScaleQuestionProps<QuestionOf<'ces'>>;

/**
 * Customer Effort Score on 1–7, from "Very difficult" to "Very easy".
 * It is {@link ScaleQuestion} typed to `ces` questions: the same keyboard behaviour and selectors.
 *
 * @selector .palaute-ScaleQuestion [data-type="ces"]
 */
export function CesQuestion(props: CesQuestionProps) {
  return <ScaleQuestion {...props} />;
}
