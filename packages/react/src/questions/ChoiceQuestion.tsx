import type { ChoiceAnswer } from '@palaute/engine';
import { useId, useState } from 'react';
import { useLocaleTools } from '../PalauteProvider';
import { describedBy, QuestionFrame, questionIds } from './QuestionFrame';
import type { ChoiceQuestionProps } from './question.types';
import { useErrorMessage } from './useErrorMessage';

/**
 * A single-choice (radio buttons) or multiple-choice (checkboxes) question in a fieldset, with an
 * optional "Other" that reveals a text field. Native inputs give the APG keyboard behaviour: arrow
 * keys move between radios, Space toggles a checkbox. What was typed in "Other" is kept while the
 * customer changes their mind.
 *
 * @selector [data-part="option"] one option's label, with [data-state="checked"|"unchecked"]
 * @selector [data-part="other-input"] the "Other" text field
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
  const { t, text } = useLocaleTools();
  const ids = questionIds(useId());
  const errorMessage = useErrorMessage(question, error);
  const answer: ChoiceAnswer = typeof value === 'object' ? value : { selected: [] };
  const [otherText, setOtherText] = useState(answer.other ?? '');
  const multiple = question.type === 'multiple';
  const otherChosen = answer.other !== undefined;
  const hint =
    question.type === 'multiple' && (question.minSelected || question.maxSelected)
      ? question.minSelected && question.maxSelected
        ? t('choiceHintRange', { min: question.minSelected, max: question.maxSelected })
        : question.maxSelected
          ? t('choiceHint', { max: question.maxSelected })
          : t('choiceHintMin', { min: question.minSelected ?? 1 })
      : undefined;
  const hintId = `${ids.title}-hint`;
  const describe = describedBy(question, ids, errorMessage, hint && hintId);

  const emit = (selected: string[], other: string | undefined) =>
    onChange(
      selected.length === 0 && other === undefined
        ? undefined
        : other === undefined
          ? { selected }
          : { selected, other },
    );

  const toggle = (id: string, checked: boolean) => {
    if (!multiple) return emit([id], undefined);
    emit(
      checked ? [...answer.selected, id] : answer.selected.filter((chosen) => chosen !== id),
      answer.other,
    );
  };
  const toggleOther = (checked: boolean) =>
    emit(multiple ? answer.selected : [], checked ? otherText : undefined);

  const input = (checked: boolean) => ({
    type: multiple ? 'checkbox' : 'radio',
    name: ids.field,
    checked,
    'aria-describedby': describe,
    'aria-invalid': errorMessage ? true : undefined,
    'data-state': checked ? 'checked' : 'unchecked',
  });

  return (
    <QuestionFrame
      question={question}
      defaultClassName="palaute-ChoiceQuestion"
      className={className}
      defaultLocale={defaultLocale}
      ids={ids}
      errorMessage={errorMessage}
      titleAs="legend"
    >
      {hint ? (
        <p id={hintId} data-part="hint">
          {hint}
        </p>
      ) : null}
      {(options ?? question.options).map((option) => {
        const checked = answer.selected.includes(option.id);
        return (
          <label key={option.id} data-part="option" data-state={checked ? 'checked' : 'unchecked'}>
            <input
              {...input(checked)}
              value={option.id}
              onChange={(event) => toggle(option.id, event.target.checked)}
            />
            <span>{text(option.label, defaultLocale)}</span>
          </label>
        );
      })}
      {question.other ? (
        <>
          <label data-part="option" data-state={otherChosen ? 'checked' : 'unchecked'}>
            <input
              {...input(otherChosen)}
              value="other"
              onChange={(event) => toggleOther(event.target.checked)}
            />
            <span>
              {typeof question.other === 'object'
                ? text(question.other.label, defaultLocale)
                : t('other')}
            </span>
          </label>
          {otherChosen ? (
            <label data-part="other">
              <span>{t('otherLabel')}</span>
              <input
                type="text"
                data-part="other-input"
                value={otherText}
                maxLength={1000}
                aria-invalid={error?.code === 'otherEmpty' ? true : undefined}
                aria-describedby={error?.code === 'otherEmpty' ? ids.error : undefined}
                onChange={(event) => {
                  setOtherText(event.target.value);
                  emit(multiple ? answer.selected : [], event.target.value);
                }}
              />
            </label>
          ) : null}
        </>
      ) : null}
    </QuestionFrame>
  );
}
