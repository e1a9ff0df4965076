import type { QuestionOf, ScaleQuestion as ScaleQuestionDefinition } from '@palaute/engine';
import { QuestionFrame } from './QuestionFrame';
import type { QuestionProps } from './question.types';
import { useScale } from './useScale';

/**
 * A scale question (NPS, CSAT, CES or rating) as an APG radio group with its end labels.
 *
 * @selector [data-part="scale"] the radio group, with [data-display="numbers"|"stars"|"emoji"] and [data-invalid]
 * @selector [data-part="item"] a point, with [data-state="checked"|"unchecked"], [data-value], [data-segment] (NPS), [data-highlighted] (stars up to the choice)
 * @selector [data-part="min-label"] [data-part="max-label"] the end labels
 */
export function ScaleQuestion(props: QuestionProps<ScaleQuestionDefinition>) {
  const scale = useScale(props);
  return (
    <QuestionFrame
      question={props.question}
      defaultClassName="palaute-ScaleQuestion"
      className={props.className}
      defaultLocale={props.defaultLocale}
      ids={scale.ids}
      errorMessage={scale.errorMessage}
      titleAs="p"
    >
      <div {...scale.getRootProps()}>
        {scale.points.map((point) => (
          <button key={point.value} {...scale.getItemProps(point)}>
            <span aria-hidden="true">{point.glyph}</span>
          </button>
        ))}
      </div>
      <div data-part="end-labels">
        <span {...scale.getEndLabelProps('min')}>{scale.minLabel}</span>
        <span {...scale.getEndLabelProps('max')}>{scale.maxLabel}</span>
      </div>
    </QuestionFrame>
  );
}

/** Net Promoter Score, 0–10, with "Not at all likely" … "Extremely likely". */
export const NpsQuestion = (props: QuestionProps<QuestionOf<'nps'>>) => (
  <ScaleQuestion {...props} />
);
/** Customer Satisfaction, 1–5 (numbers, stars or emoji). */
export const CsatQuestion = (props: QuestionProps<QuestionOf<'csat'>>) => (
  <ScaleQuestion {...props} />
);
/** Customer Effort Score, 1–7. */
export const CesQuestion = (props: QuestionProps<QuestionOf<'ces'>>) => (
  <ScaleQuestion {...props} />
);
/** A rating on the question's own scale (numbers, stars or emoji). */
export const RatingQuestion = (props: QuestionProps<QuestionOf<'rating'>>) => (
  <ScaleQuestion {...props} />
);
