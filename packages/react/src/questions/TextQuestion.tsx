import type { QuestionOf } from '@palaute/engine';
import { useId } from 'react';
import { useLocaleTools } from '../PalauteProvider';
import { describedBy, QuestionFrame, questionIds } from './QuestionFrame';
import type { QuestionProps } from './question.types';
import { useErrorMessage } from './useErrorMessage';

/**
 * A free-text question: a one-line field, or a text area when `multiline`. The maximum length is
 * enforced, and a counter of the characters left is announced as the limit nears.
 *
 * @selector [data-part="field"] the input or textarea
 * @selector [data-part="counter"] the characters-left counter, with [data-near-limit]
 */
export function TextQuestion({
  question,
  value,
  onChange,
  error,
  defaultLocale,
  className,
}: QuestionProps<QuestionOf<'text'>>) {
  const { t, text } = useLocaleTools();
  const ids = questionIds(useId());
  const errorMessage = useErrorMessage(question, error);
  const current = typeof value === 'string' ? value : '';
  const left = question.maxLength - current.length;
  const nearLimit = left <= Math.max(10, question.maxLength * 0.1);
  const counterId = `${ids.field}-counter`;
  const Field = question.multiline ? 'textarea' : 'input';
  return (
    <QuestionFrame
      question={question}
      defaultClassName="palaute-TextQuestion"
      className={className}
      defaultLocale={defaultLocale}
      ids={ids}
      errorMessage={errorMessage}
      titleAs="label"
      htmlFor={ids.field}
    >
      <Field
        id={ids.field}
        data-part="field"
        {...(question.multiline ? { rows: 4 } : { type: 'text' })}
        value={current}
        maxLength={question.maxLength}
        placeholder={question.placeholder ? text(question.placeholder, defaultLocale) : undefined}
        aria-required={question.required || undefined}
        aria-invalid={errorMessage ? true : undefined}
        aria-describedby={describedBy(question, ids, errorMessage, counterId)}
        onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)}
      />
      <p
        id={counterId}
        data-part="counter"
        data-near-limit={nearLimit ? '' : undefined}
        aria-live={nearLimit ? 'polite' : 'off'}
      >
        {t('charactersLeft', { count: left })}
      </p>
    </QuestionFrame>
  );
}
