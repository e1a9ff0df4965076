import type { ChoiceAnswer } from '@palaute/engine';
import { type ChangeEvent, useId, useState } from 'react';
import { usePartsLocaleTools } from '../../i18n/parts';
import type { ChoiceQuestionProps } from './question.types';
import { useErrorMessage } from './useErrorMessage';

export type { ChoiceQuestionProps } from './question.types';

/** The id the "Other" choice is stored under when tested by branches (`anyOf: ['other']`). */
const OTHER = 'other';

/**
 * A single-choice (radio buttons) or multiple-choice (checkboxes) question. Native inputs in a
 * fieldset give the APG keyboard behaviour for free: Tab enters the group, arrow keys move between
 * and select radios, Space toggles a checkbox. With `question.other`, an "Other" choice reveals a
 * text field; what was typed there is kept while the customer changes their mind.
 *
 * The answer is `{ selected, other? }`, or `undefined` when nothing is chosen. Choosing "Other" in a
 * single choice clears `selected`; choosing an option drops `other`.
 *
 * @example
 * ```tsx
 * <ChoiceQuestion question={question} value={answer} onChange={setAnswer} />
 * ```
 *
 * @selector .palaute-ChoiceQuestion [data-part="question"] the root, with [data-type="single"|"multiple"], [data-question] and [data-invalid]
 * @selector [data-part="group"] the fieldset (a radio group for single choice)
 * @selector [data-part="title"] the legend; [data-part="optional"] its "(optional)" marker
 * @selector [data-part="description"] [data-part="hint"] help under the title; the hint says how many to choose
 * @selector [data-part="option"] one choice's label, with [data-state="checked"|"unchecked"] and [data-value] (`other` for "Other")
 * @selector [data-part="other"] the revealed "Other" text field's wrapper, holding its label and [data-part="other-input"]
 * @selector [data-part="error"] the validation message, rendered only when there is one
 */
export function ChoiceQuestion({
  question,
  value,
  onChange,
  error,
  defaultLocale,
  className,
  options,
}: ChoiceQuestionProps) {
  const { t, text } = usePartsLocaleTools();
  const id = useId();
  const ids = {
    title: `${id}-title`,
    description: `${id}-description`,
    hint: `${id}-hint`,
    error: `${id}-error`,
    other: `${id}-other`,
  };
  const errorMessage = useErrorMessage(question, error);
  const answer: ChoiceAnswer =
    typeof value === 'object' && value !== null ? value : { selected: [] };
  const multiple = question.type === 'multiple';
  const otherChosen = answer.other !== undefined;
  // The text typed in "Other" outlives unchoosing it, so toggling back loses nothing.
  const [keptOther, setKeptOther] = useState(answer.other ?? '');
  const otherText = answer.other ?? keptOther;

  const hint = (() => {
    if (question.type !== 'multiple') return undefined;
    const { minSelected: least, maxSelected: most } = question;
    if (least !== undefined && most !== undefined)
      return least === most
        ? t('choiceHintExact', { count: least })
        : t('choiceHintRange', { min: least, max: most });
    if (most !== undefined) return t('choiceHint', { max: most });
    if (least !== undefined && least > 1) return t('choiceHintMin', { min: least });
    return undefined;
  })();

  const describedBy =
    [
      question.description ? ids.description : undefined,
      hint ? ids.hint : undefined,
      errorMessage ? ids.error : undefined,
    ]
      .filter(Boolean)
      .join(' ') || undefined;

  const emit = (selected: string[], other: string | undefined) =>
    onChange(
      selected.length === 0 && other === undefined
        ? undefined
        : other === undefined
          ? { selected }
          : { selected, other },
    );

  const choose = (optionId: string) => (event: ChangeEvent<HTMLInputElement>) => {
    if (!multiple) return emit([optionId], undefined);
    const rest = answer.selected.filter((chosen) => chosen !== optionId);
    emit(event.target.checked ? [...rest, optionId] : rest, answer.other);
  };

  const chooseOther = (event: ChangeEvent<HTMLInputElement>) =>
    emit(multiple ? answer.selected : [], event.target.checked ? otherText : undefined);

  const typeOther = (event: ChangeEvent<HTMLInputElement>) => {
    setKeptOther(event.target.value);
    emit(multiple ? answer.selected : [], event.target.value);
  };

  const inputProps = (optionValue: string, checked: boolean) => ({
    type: multiple ? 'checkbox' : 'radio',
    name: `${id}-choice`,
    value: optionValue,
    checked,
    // A single choice's radio group carries the invalid state; checkboxes carry their own.
    'aria-invalid': multiple && errorMessage ? true : undefined,
  });

  const optionLabel = (optionValue: string, checked: boolean) => ({
    'data-part': 'option',
    'data-value': optionValue,
    'data-state': checked ? 'checked' : 'unchecked',
  });

  return (
    <div
      className={className ?? 'palaute-ChoiceQuestion'}
      data-part="question"
      data-type={question.type}
      data-question={question.id}
      data-invalid={errorMessage ? '' : undefined}
    >
      <fieldset
        data-part="group"
        aria-describedby={describedBy}
        {...(multiple
          ? {}
          : {
              // A radio group (not a plain group) may carry the required and invalid states.
              role: 'radiogroup',
              'aria-labelledby': ids.title,
              'aria-required': question.required ? true : undefined,
              'aria-invalid': errorMessage ? true : undefined,
            })}
      >
        <legend id={ids.title} data-part="title">
          {text(question.title, defaultLocale)}
          {question.required ? null : (
            <>
              {' '}
              <span data-part="optional">({t('optional')})</span>
            </>
          )}
        </legend>
        {question.description ? (
          <p id={ids.description} data-part="description">
            {text(question.description, defaultLocale)}
          </p>
        ) : null}
        {hint ? (
          <p id={ids.hint} data-part="hint">
            {hint}
          </p>
        ) : null}
        {(options ?? question.options).map((option) => {
          const checked = answer.selected.includes(option.id);
          return (
            <label key={option.id} {...optionLabel(option.id, checked)}>
              <input {...inputProps(option.id, checked)} onChange={choose(option.id)} />
              <span>{text(option.label, defaultLocale)}</span>
            </label>
          );
        })}
        {question.other ? (
          <label {...optionLabel(OTHER, otherChosen)}>
            <input {...inputProps(OTHER, otherChosen)} onChange={chooseOther} />
            <span>
              {typeof question.other === 'object'
                ? text(question.other.label, defaultLocale)
                : t('other')}
            </span>
          </label>
        ) : null}
      </fieldset>
      {question.other && otherChosen ? (
        <div data-part="other">
          <label htmlFor={ids.other}>{t('otherLabel')}</label>
          <input
            id={ids.other}
            type="text"
            data-part="other-input"
            value={otherText}
            maxLength={1000}
            aria-invalid={error?.code === 'otherEmpty' ? true : undefined}
            aria-describedby={error?.code === 'otherEmpty' ? ids.error : undefined}
            onChange={typeOther}
          />
        </div>
      ) : null}
      {errorMessage ? (
        <p id={ids.error} data-part="error">
          {errorMessage}
        </p>
      ) : null}
    </div>
  );
}
