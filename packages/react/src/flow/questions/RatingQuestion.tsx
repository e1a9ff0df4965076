import type { QuestionOf } from '@palaute/engine';
import { ScaleQuestion, type ScaleQuestionProps } from './ScaleQuestion';

/** Props of {@link RatingQuestion}. */
export type RatingQuestionProps = ScaleQuestionProps<QuestionOf<'rating'>>;

/**
 * A rating on the question's own scale (2 to 11 points), shown as numbers, stars or emoji.
 * It is {@link ScaleQuestion} typed to `rating` questions: the same keyboard behaviour and selectors.
 *
 * @selector .palaute-ScaleQuestion [data-type="rating"]
 */
export function RatingQuestion(props: RatingQuestionProps) {
  return <ScaleQuestion {...props} />;
}
