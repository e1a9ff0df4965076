import type { QuestionOf } from '@palaute/engine';
import { ScaleQuestion, type ScaleQuestionProps } from './ScaleQuestion';

/** Props of {@link CsatQuestion}. */
export type CsatQuestionProps = ScaleQuestionProps<QuestionOf<'csat'>>;

/**
 * Customer Satisfaction on 1–5, shown as numbers, stars or emoji (`question.display`).
 * It is {@link ScaleQuestion} typed to `csat` questions: the same keyboard behaviour and selectors.
 *
 * @selector .palaute-ScaleQuestion [data-type="csat"]
 */
export function CsatQuestion(props: CsatQuestionProps) {
  return <ScaleQuestion {...props} />;
}
