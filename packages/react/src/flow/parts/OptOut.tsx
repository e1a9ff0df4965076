import { useId, useLayoutEffect, useRef, useState } from 'react';
import { usePartsLocaleTools } from '../../i18n/parts';
import { useContactChoice } from '../../your-feedback/useContactChoice';

/** What an opt-out covers. */
export type OptOutScope = 'survey' | 'all';

/** Props of {@link OptOutConfirm}. */
export interface OptOutConfirmProps {
  /** Called with the scope the customer confirmed. */
  onConfirm: (scope: OptOutScope) => void;
  /** Called when the customer keeps being asked. */
  onCancel: () => void;
}

/**
 * The confirmation "Don't ask me again" opens: what it covers (this survey only, the default, or
 * all surveys) as a radio group, then "Stop asking" or "Keep asking". Escape-free: nothing happens
 * until the customer confirms.
 *
 * @selector [data-part="opt-out-confirm"]
 */
export function OptOutConfirm({ onConfirm, onCancel }: OptOutConfirmProps) {
  const { t } = usePartsLocaleTools();
  const [scope, setScope] = useState<OptOutScope>('survey');
  const name = useId();
  return (
    <fieldset data-part="opt-out-confirm">
      <legend>{t('optOutQuestion')}</legend>
      {(['survey', 'all'] as const).map((value) => (
        <label key={value} data-part="option">
          <input
            type="radio"
            name={name}
            value={value}
            checked={scope === value}
            onChange={() => setScope(value)}
            {...(scope === value ? { 'data-autofocus': '' } : {})}
          />
          {value === 'survey' ? t('optOutThisSurvey') : t('optOutAllSurveys')}
        </label>
      ))}
      <div data-part="actions">
        <div data-part="secondary-actions">
          <button type="button" data-part="cancel" onClick={onCancel}>
            {t('optOutCancel')}
          </button>
        </div>
        <button
          type="button"
          data-part="confirm"
          data-variant="primary"
          onClick={() => onConfirm(scope)}
        >
          {t('optOutConfirm')}
        </button>
      </div>
    </fieldset>
  );
}

/** Props of {@link OptOutDone}. */
export interface OptOutDoneProps {
  /** What the customer opted out of. */
  scope: OptOutScope;
  /** The survey, for a `survey` opt-out. */
  surveyId: string;
  /** Closes the view (the dialog's "Done"); without it, no such button. */
  onClose?: (() => void) | undefined;
}

/**
 * Says what the opt-out covers and offers to undo it right away. The message is focused and a
 * status, so it is read out; the undo's outcome replaces it, announced too.
 *
 * @selector [data-part="opted-out"][data-state="optedOut"|"undone"|"failed"]
 */
export function OptOutDone({ scope, surveyId, onClose }: OptOutDoneProps) {
  const { t } = usePartsLocaleTools();
  const choose = useContactChoice();
  const [state, setState] = useState<'optedOut' | 'undoing' | 'undone' | 'failed'>('optedOut');
  const titleRef = useRef<HTMLParagraphElement>(null);
  // Focus on the message when it appears, and when the undo (gone once used) changes it: before
  // the browser drops focus with the removed button (a focus trap would take it to its container).
  useLayoutEffect(() => {
    if (state !== 'undoing') titleRef.current?.focus();
  }, [state]);
  const undo = () => {
    setState('undoing');
    choose(scope === 'all' ? { scope, optedOut: false } : { scope, surveyId, optedOut: false })
      .then(() => setState('undone'))
      .catch(() => setState('failed'));
  };
  const message =
    state === 'undone'
      ? t('optOutUndone')
      : `${scope === 'all' ? t('optedOutAll') : t('optedOutSurvey')}${
          state === 'failed' ? ` ${t('optOutUndoFailed')}` : ''
        }`;
  return (
    <div data-part="opted-out" data-state={state}>
      <p ref={titleRef} data-part="title" role="status" tabIndex={-1} data-autofocus="">
        {message}
      </p>
      <div data-part="actions">
        {state === 'undone' ? null : (
          <div data-part="secondary-actions">
            <button
              type="button"
              data-part="undo"
              aria-disabled={state === 'undoing' || undefined}
              onClick={state === 'undoing' ? undefined : undo}
            >
              {t('optOutUndo')}
            </button>
          </div>
        )}
        {onClose ? (
          <button type="button" data-part="done" data-variant="primary" onClick={onClose}>
            {t('done')}
          </button>
        ) : null}
      </div>
    </div>
  );
}
