import type { QuestionOf } from '@palaute/engine';
import { useId } from 'react';
import { usePartsLocaleTools } from '../../i18n/parts';
import { describedBy, QuestionFrame, questionIds } from './QuestionFrame';
import type { QuestionProps } from './question.types';
import { useErrorMessage } from './useErrorMessage';

/** Props of {@link TextQuestion}. */
export type TextQuestionProps = QuestionProps<QuestionOf<'text'>>;

/** The share of `maxLength` left at which the counter starts to be announced. */
const NEAR_LIMIT = 0.2;

/**
 * A free-text question: a one-line field, or a text area when `question.multiline`. The title is its
 * label. `question.maxLength` is enforced, and a "N characters left" counter describes the field; it
 * is announced politely only once a fifth or less is left, so typing does not chatter. Emits the
 * text as typed, or `undefined` when emptied.
 *
 * @example
 * ```tsx
 * <TextQuestion question={question} value={text} onChange={setText} />
 * ```
 *
 * @selector .palaute-TextQuestion [data-part="question"] the root, with [data-type="text"], [data-question] and [data-invalid]
 * @selector [data-part="title"] the label; [data-part="optional"] its "(optional)" marker
 * @selector [data-part="field"] the input or textarea, with [data-multiline] on a textarea
 * @selector [data-part="counter"] the characters-left counter, with [data-near-limit] at a fifth left or less
 * @selector [data-part="error"] the validation message, rendered only when there is one
 */
export function TextQuestion({
  question,
  value,
  onChange,
  error,
  defaultLocale,
  className,
}: TextQuestionProps) {
  const { t, text } = usePartsLocaleTools();
  const ids = questionIds(useId());
  const errorMessage = useErrorMessage(question, error);
  const current = typeof value === 'string' ? value : '';
  const left = Math.max(0, question.maxLength - current.length);
  const nearLimit = left <= question.maxLength * NEAR_LIMIT;
  const counterId = `${ids.field}-counter`;
  const field = {
    id: ids.field,
    'data-part': 'field',
    value: current,
    maxLength: question.maxLength,
    placeholder: question.placeholder ? text(question.placeholder, defaultLocale) : undefined,
    'aria-required': question.required ? true : undefined,
    'aria-invalid': errorMessage ? true : undefined,
    'aria-describedby': describedBy(question, ids, errorMessage, counterId),
  } as const;
  return (
    <QuestionFrame
      question={question}
      defaultClassName="palaute-TextQuestion"
      className={className}
      defaultLocale={defaultLocale}
      ids={ids}
      errorMessage={errorMessage}
      titleAs="label"
    >
      {question.multiline ? (
        <textarea
          {...field}
          data-multiline=""
          rows={4}
          onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)}
        />
      ) : (
        <input
          {...field}
          type="text"
          onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)}
        />
      )}
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
