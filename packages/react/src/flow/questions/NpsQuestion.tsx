import type { QuestionOf } from '@palaute/engine';
import { ScaleQuestion, type ScaleQuestionProps } from './ScaleQuestion';

/** Props of {@link NpsQuestion}. */
export type NpsQuestionProps = ScaleQuestionProps<QuestionOf<'nps'>>;

/**
 * Net Promoter Score: "How likely are you to recommend …?" on 0–10, with "Not at all likely"
 * and "Extremely likely" under the ends; each point carries its `data-segment`.
 * It is {@link ScaleQuestion} typed to `nps` questions: the same keyboard behaviour and selectors.
 *
 * @selector .palaute-ScaleQuestion [data-type="nps"]
 */
export function NpsQuestion(props: NpsQuestionProps) {
  return <ScaleQuestion {...props} />;
}
