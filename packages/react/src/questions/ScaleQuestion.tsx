import type { ScaleQuestion as ScaleQuestionDefinition } from '@palaute/engine';
import { useLocaleTools } from '../PalauteProvider';
import type { QuestionProps } from './question.types';
import { useScale } from './useScale';

/** Props of {@link ScaleQuestion}: a scale question (NPS, CSAT, CES or rating) and its answer. */
export type ScaleQuestionProps<Q extends ScaleQuestionDefinition = ScaleQuestionDefinition> =
  QuestionProps<Q>;

/**
 * A scale question (NPS, CSAT, CES or rating) as a WAI-ARIA APG radio group: one tab stop, arrow keys
 * move and select (mirrored right-to-left), Home and End jump to the ends. The visible end labels and
 * any error describe the group. The behaviour is {@link useScale}; this is its markup.
 *
 * @example
 * ```tsx
 * <ScaleQuestion question={npsQuestion} value={score} onChange={setScore} />
 * ```
 *
 * @selector .palaute-ScaleQuestion [data-part="question"] the root, with [data-type="nps"|"csat"|"ces"|"rating"], [data-question] (the question id) and [data-invalid] when an error shows
 * @selector [data-part="title"] the title, naming the group; [data-part="optional"] its "(optional)" marker
 * @selector [data-part="description"] the help under the title
 * @selector [data-part="scale"] the radio group, with [data-display="numbers"|"stars"|"emoji"] and [data-invalid]
 * @selector [data-part="item"] a point, with [data-state="checked"|"unchecked"], [data-value], [data-segment="detractor"|"passive"|"promoter"] (NPS) and [data-highlighted] (stars up to the choice)
 * @selector [data-part="glyph"] the number, star or emoji inside a point (hidden from assistive technology)
 * @selector [data-part="end-labels"] the row holding [data-part="min-label"] and [data-part="max-label"]
 * @selector [data-part="error"] the validation message, rendered only when there is one
 */
export function ScaleQuestion<Q extends ScaleQuestionDefinition>(props: ScaleQuestionProps<Q>) {
  const { question, className, defaultLocale } = props;
  const { t, text } = useLocaleTools();
  const scale = useScale(props);
  return (
    <div
      className={className ?? 'palaute-ScaleQuestion'}
      data-part="question"
      data-type={question.type}
      data-question={question.id}
      data-invalid={scale.errorMessage ? '' : undefined}
    >
      <p {...scale.getLabelProps()}>
        {text(question.title, defaultLocale)}
        {question.required ? null : (
          <>
            {' '}
            <span data-part="optional">({t('optional')})</span>
          </>
        )}
      </p>
      {question.description ? (
        <p {...scale.getDescriptionProps()}>{text(question.description, defaultLocale)}</p>
      ) : null}
      <div {...scale.getRootProps()}>
        {scale.points.map((point) => (
          <button key={point.value} {...scale.getItemProps(point)}>
            <span data-part="glyph" aria-hidden="true">
              {point.display}
            </span>
          </button>
        ))}
      </div>
      <div data-part="end-labels">
        <span {...scale.getEndLabelProps('min')}>{scale.minLabel}</span>
        <span {...scale.getEndLabelProps('max')}>{scale.maxLabel}</span>
      </div>
      {scale.errorMessage ? <p {...scale.getErrorProps()}>{scale.errorMessage}</p> : null}
    </div>
  );
}
