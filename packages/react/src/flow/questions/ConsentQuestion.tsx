import type { QuestionOf } from '@palaute/engine';
import { useId } from 'react';
import { useLocaleTools } from '../../provider/PalauteProvider';
import { describedBy, QuestionFrame, questionIds } from './QuestionFrame';
import type { QuestionProps } from './question.types';
import { useErrorMessage } from './useErrorMessage';

/** Props of {@link ConsentQuestion}. */
export type ConsentQuestionProps = QuestionProps<QuestionOf<'consent'>>;

/**
 * Consent to be contacted: a native checkbox named by the statement the customer agrees to
 * (`question.label`) and described by the title. Space toggles it. The value is `true` or `false`.
 *
 * @example
 * ```tsx
 * <ConsentQuestion question={question} value={agreed} onChange={setAgreed} />
 * ```
 *
 * @selector .palaute-ConsentQuestion [data-part="question"] the root, with [data-type="consent"], [data-question] and [data-invalid]
 * @selector [data-part="title"] the title above the checkbox
 * @selector [data-part="consent"] the checkbox's label, with [data-state="checked"|"unchecked"]
 * @selector [data-part="error"] the validation message, rendered only when there is one
 */
export function ConsentQuestion({
  question,
  value,
  onChange,
  error,
  defaultLocale,
  className,
}: ConsentQuestionProps) {
  const { text } = useLocaleTools();
  const ids = questionIds(useId());
  const errorMessage = useErrorMessage(question, error);
  const checked = value === true;
  return (
    <QuestionFrame
      question={question}
      defaultClassName="palaute-ConsentQuestion"
      className={className}
      defaultLocale={defaultLocale}
      ids={ids}
      errorMessage={errorMessage}
      titleAs="p"
    >
      <label data-part="consent" data-state={checked ? 'checked' : 'unchecked'}>
        <input
          id={ids.field}
          type="checkbox"
          checked={checked}
          aria-required={question.required ? true : undefined}
          aria-invalid={errorMessage ? true : undefined}
          aria-describedby={[ids.title, describedBy(question, ids, errorMessage)]
            .filter(Boolean)
            .join(' ')}
          onChange={(event) => onChange(event.target.checked)}
        />
        <span>{text(question.label, defaultLocale)}</span>
      </label>
    </QuestionFrame>
  );
}
