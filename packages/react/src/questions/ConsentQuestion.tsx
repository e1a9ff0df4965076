import type { QuestionOf } from '@palaute/engine';
import { useId } from 'react';
import { useLocaleTools } from '../PalauteProvider';
import { describedBy, QuestionFrame, questionIds } from './QuestionFrame';
import type { QuestionProps } from './question.types';
import { useErrorMessage } from './useErrorMessage';

/**
 * Consent to be contacted: a checkbox labelled by the statement the customer agrees to.
 *
 * @selector [data-part="consent"] the checkbox's label, with [data-state="checked"|"unchecked"]
 */
export function ConsentQuestion({
  question,
  value,
  onChange,
  error,
  defaultLocale,
  className,
}: QuestionProps<QuestionOf<'consent'>>) {
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
          type="checkbox"
          checked={checked}
          aria-required={question.required || undefined}
          aria-invalid={errorMessage ? true : undefined}
          aria-describedby={describedBy(question, ids, errorMessage, ids.title)}
          onChange={(event) => onChange(event.target.checked)}
        />
        <span>{text(question.label, defaultLocale)}</span>
      </label>
    </QuestionFrame>
  );
}
