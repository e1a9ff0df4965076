import type { ScaleQuestion as ScaleQuestionDefinition } from '@palaute/engine';
import { useLocaleTools } from '../../provider/PalauteProvider';
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
 * @selector [data-part="glyph"] the number, star or face inside a point (hidden from assistive technology: the point's name says it); faces are inline SVG, never the host's emoji font
 * @selector [data-part="scale-area"] the scale with its end labels, as wide as the scale, with [data-display]
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
      {/* The end labels line up with the scale, however narrow the scale is. */}
      <div data-part="scale-area" data-display={scale.display}>
        <div {...scale.getRootProps()}>
          {scale.points.map((point) => (
            <button key={point.value} {...scale.getItemProps(point)}>
              <span data-part="glyph" aria-hidden="true">
                {point.mood === undefined ? point.display : <Face mood={point.mood} />}
              </span>
            </button>
          ))}
        </div>
        <div data-part="end-labels">
          <span {...scale.getEndLabelProps('min')}>{scale.minLabel}</span>
          <span {...scale.getEndLabelProps('max')}>{scale.maxLabel}</span>
        </div>
      </div>
      {scale.errorMessage ? <p {...scale.getErrorProps()}>{scale.errorMessage}</p> : null}
    </div>
  );
}

/** The mouths of the five faces, from very bad to very good: a frown flattening into a smile. */
const MOUTHS = [
  'M7.5 17.5Q12 12.5 16.5 17.5',
  'M8 16.5Q12 14 16 16.5',
  'M8 15.5H16',
  'M8 14.5Q12 17 16 14.5',
  'M7.5 13.5Q12 19.5 16.5 13.5',
] as const;

/** A face drawn in the text colour (forced colours too): no emoji font needed. */
function Face({ mood }: { mood: number }) {
  return (
    <svg
      viewBox="0 0 24 24"
      width="1em"
      height="1em"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.75"
      strokeLinecap="round"
      focusable="false"
      aria-hidden="true"
      data-part="face"
      data-mood={mood}
    >
      <circle cx="12" cy="12" r="10" />
      <circle cx="8.75" cy="9.5" r="0.6" fill="currentColor" />
      <circle cx="15.25" cy="9.5" r="0.6" fill="currentColor" />
      <path d={MOUTHS[mood] ?? MOUTHS[2]} />
    </svg>
  );
}
