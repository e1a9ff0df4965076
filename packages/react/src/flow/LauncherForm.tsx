import { FEEDBACK_KINDS, MAX_IDEA_TITLE_LENGTH } from '@palaute/engine';
import * as Dialog from '@radix-ui/react-dialog';
import { type ReactElement, useEffect, useRef, useState } from 'react';
import { useMessages } from '../i18n/useMessages';
import type { Theme } from './FeedbackForm';
import { launcherFormCatalogues } from './launcher.messages';
import { type UseLauncherOptions, useLauncher } from './useLauncher';

/** Props of {@link LauncherForm}. */
export interface LauncherFormProps extends UseLauncherOptions {
  /** Called when the customer closes the form after sending. */
  onClose?: (() => void) | undefined;
  /** Replaces the default `palaute-LauncherForm` class. */
  className?: string | undefined;
  /**
   * The theme, as `data-theme`, when the form stands inline; inside {@link LauncherDialog} it takes
   * the dialog's.
   */
  theme?: Theme | undefined;
}

/** States after sending: the form shows where the feedback went. */
const DONE: ReadonlySet<string> = new Set(['sent', 'posted', 'queued', 'postRefused']);

/**
 * The launcher's own feedback form: the customer says what it is about (idea, problem, praise or
 * other: a radio group), writes it, and for an idea or a problem may agree (unticked until they
 * do) to post it on the public board under a title, shown with the name the host gives, and to
 * be contacted about it (unticked too). After
 * sending it says where the feedback went ("Posted on the board — others can vote", or that it
 * waits for approval), in a live region and in the focused outcome.
 *
 * With an outbox the board post is queued there first: the form says so (`queued`), and says again
 * when it is delivered (`posted`) or refused for good (`postRefused`, kept aside in the outbox).
 *
 * @selector [data-state="editing"|"submitting"|"posting"|"postFailed"|"queued"|"postRefused"|"sent"|"posted"] the launcher's state
 * @selector [data-part="kind"|"text"|"contact"|"public"|"idea-title"|"outcome"|"error"] the form's parts
 * @selector [data-invalid] on a part the customer still has to fill in
 */
export function LauncherForm({ onClose, className, theme, ...options }: LauncherFormProps) {
  const launcher = useLauncher(options);
  const { t, ids, invalid, state } = launcher;
  const outcome = useRef<HTMLParagraphElement>(null);
  const done = DONE.has(state);
  // The outcome first shown is focused; a later one (a queued post delivered) is announced.
  const [doneAs, setDoneAs] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (done) outcome.current?.focus();
  }, [done]);
  useEffect(() => {
    if (done) setDoneAs((first) => first ?? state);
  }, [done, state]);
  const missing = (part: 'kind' | 'text' | 'title') => invalid.includes(part);
  const errorOf = (part: 'kind' | 'text' | 'title') =>
    missing(part) ? (
      <p id={`${ids.error}-${part}`} data-part="error">
        {t(`launcherMissing_${part}`)}
      </p>
    ) : null;
  const describedBy = (part: 'kind' | 'text' | 'title') =>
    missing(part) ? `${ids.error}-${part}` : undefined;
  return (
    <form
      className={className ?? 'palaute-LauncherForm'}
      data-state={state}
      data-theme={theme}
      noValidate
      aria-busy={launcher.busy || undefined}
      onSubmit={(event) => {
        event.preventDefault();
        launcher.submit();
      }}
    >
      {done ? (
        <>
          <p ref={outcome} tabIndex={-1} data-part="outcome">
            {launcher.announcement}
          </p>
          {onClose ? (
            <button type="button" data-part="close" onClick={onClose}>
              {t('launcherClose')}
            </button>
          ) : null}
        </>
      ) : (
        <>
          <fieldset
            data-part="kind"
            data-invalid={missing('kind') ? '' : undefined}
            aria-describedby={describedBy('kind')}
            disabled={launcher.busy}
          >
            <legend>{t('launcherKindLegend')}</legend>
            {FEEDBACK_KINDS.map((kind) => (
              <label key={kind} data-part="kind-option">
                <input
                  type="radio"
                  name={`${ids.text}-kind`}
                  value={kind}
                  checked={launcher.kind === kind}
                  aria-invalid={missing('kind') || undefined}
                  onChange={() => launcher.chooseKind(kind)}
                />
                {t(`launcherKind_${kind}`)}
              </label>
            ))}
            {errorOf('kind')}
          </fieldset>
          <div data-part="text" data-invalid={missing('text') ? '' : undefined}>
            <label htmlFor={ids.text}>{t('launcherText')}</label>
            <textarea
              id={ids.text}
              value={launcher.text}
              rows={4}
              maxLength={5000}
              aria-invalid={missing('text') || undefined}
              aria-describedby={describedBy('text')}
              readOnly={launcher.busy}
              onChange={(event) => launcher.changeText(event.target.value)}
            />
            {errorOf('text')}
          </div>
          <label data-part="contact">
            <input
              type="checkbox"
              checked={launcher.contact}
              disabled={launcher.busy}
              onChange={(event) => launcher.setContact(event.target.checked)}
            />
            {t('launcherContact')}
          </label>
          {launcher.canPublish ? (
            <div data-part="public">
              <label>
                <input
                  id={ids.public}
                  type="checkbox"
                  checked={launcher.public}
                  disabled={launcher.busy}
                  aria-describedby={options.displayName ? `${ids.public}-as` : undefined}
                  onChange={(event) => launcher.setPublic(event.target.checked)}
                />
                {t('launcherPublic')}
              </label>
              {options.displayName ? (
                <p id={`${ids.public}-as`}>
                  {t('launcherPublicAs', { name: options.displayName })}
                </p>
              ) : null}
              {launcher.public ? (
                <div data-part="idea-title" data-invalid={missing('title') ? '' : undefined}>
                  <label htmlFor={ids.title}>{t('launcherIdeaTitle')}</label>
                  <input
                    id={ids.title}
                    type="text"
                    value={launcher.title}
                    maxLength={MAX_IDEA_TITLE_LENGTH}
                    aria-invalid={missing('title') || undefined}
                    aria-describedby={describedBy('title')}
                    readOnly={launcher.busy}
                    onChange={(event) => launcher.changeTitle(event.target.value)}
                  />
                  {errorOf('title')}
                </div>
              ) : null}
            </div>
          ) : null}
          {state === 'postFailed' ? (
            <button type="button" data-part="retry" onClick={launcher.retry}>
              {t('launcherRetry')}
            </button>
          ) : (
            <button type="submit" data-part="submit" aria-disabled={launcher.busy || undefined}>
              {launcher.busy ? t('launcherSending') : t('launcherSend')}
            </button>
          )}
        </>
      )}
      <div role="status" aria-live="polite" data-part="live">
        {done
          ? doneAs !== undefined && doneAs !== state
            ? launcher.announcement
            : ''
          : launcher.announcement}
      </div>
    </form>
  );
}

/** Props of {@link LauncherDialog}. */
export interface LauncherDialogProps extends UseLauncherOptions {
  /** The button that opens it (the launcher's). */
  trigger: ReactElement;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The theme, as `data-theme`. @default 'light' */
  theme?: Theme | undefined;
  /** The close button's accessible name. */
  closeLabel: string;
}

/**
 * {@link LauncherForm} in a modal dialog (Radix Dialog, `data-state="open"|"closed"` as Radix sets
 * it), styled as `FeedbackDialog`; a new form each time it opens.
 */
export function LauncherDialog({
  trigger,
  open,
  onOpenChange,
  theme = 'light',
  closeLabel,
  ...options
}: LauncherDialogProps) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Trigger asChild>{trigger}</Dialog.Trigger>
      {open ? (
        <Dialog.Portal>
          <Dialog.Overlay
            className="palaute-FeedbackDialog"
            data-part="overlay"
            data-theme={theme}
          />
          <LauncherContent
            theme={theme}
            closeLabel={closeLabel}
            {...options}
            onClose={() => onOpenChange(false)}
          />
        </Dialog.Portal>
      ) : null}
    </Dialog.Root>
  );
}

function LauncherContent({
  theme,
  closeLabel,
  onClose,
  ...options
}: UseLauncherOptions & { theme: Theme; closeLabel: string; onClose: () => void }) {
  return (
    <Dialog.Content
      className="palaute-FeedbackDialog"
      data-part="content"
      data-step="launcher"
      data-theme={theme}
      aria-describedby={undefined}
      onInteractOutside={(event) => event.preventDefault()}
    >
      <LauncherTitle />
      <LauncherForm {...options} onClose={onClose} />
      <Dialog.Close data-part="close-x" aria-label={closeLabel}>
        <span aria-hidden="true">×</span>
      </Dialog.Close>
    </Dialog.Content>
  );
}

function LauncherTitle() {
  const { t } = useMessages(launcherFormCatalogues);
  return <Dialog.Title data-part="title">{t('launcherFormTitle')}</Dialog.Title>;
}
