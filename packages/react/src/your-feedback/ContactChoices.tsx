import type { OptOut } from '@palaute/engine';
import { type ElementType, useId, useRef } from 'react';
import { useLoopTools } from '../i18n/loop';
import { useTimeFormat } from '../shared/useTimeFormat';
import { optOutKey, useContactChoices } from './useContactChoices';

/** Props of {@link ContactChoices}. */
export interface ContactChoicesProps {
  /** The heading's level. @default 'h2' */
  headingLevel?: 'h2' | 'h3' | 'h4' | undefined;
  /** Replaces the default `palaute-ContactChoices` class. */
  className?: string | undefined;
  /** The time zone dates are shown in. @default the browser's */
  timeZone?: string | undefined;
}

/**
 * The surveys the customer asked not to be asked ("Don't ask me again", for one survey or all of
 * them), each with "Ask me again". A change is recorded at once, delivered through the outbox, and
 * announced; focus stays in the list. Needs a Palaute client on the provider; renders nothing in a
 * server render (the history is the device's).
 *
 * @example
 * ```tsx
 * <PalauteProvider client={palaute}>
 *   <ContactChoices />
 * </PalauteProvider>
 * ```
 *
 * @selector [data-part="list"] [data-part="item"][data-scope="survey"|"all"] [data-part="turn-on"]
 * @selector [data-part="status"] the outcome of the last change
 */
export function ContactChoices({ headingLevel = 'h2', className, timeZone }: ContactChoicesProps) {
  const choices = useContactChoices();
  const { t, text } = useLoopTools();
  const time = useTimeFormat(timeZone);
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const Heading = headingLevel as ElementType;
  if (choices.status === 'loading') return null;
  const what = (optOut: OptOut) =>
    optOut.scope === 'all'
      ? t('contactChoicesAll')
      : t('contactChoicesSurvey', {
          title: optOut.survey
            ? text(optOut.survey.title, optOut.survey.defaultLocale)
            : (optOut.surveyId ?? ''),
        });
  const { outcome } = choices;
  return (
    <section className={className ?? 'palaute-ContactChoices'} aria-labelledby={headingId}>
      <Heading id={headingId} ref={headingRef} tabIndex={-1} data-part="title">
        {t('contactChoices')}
      </Heading>
      {choices.optOuts.length === 0 ? (
        <p data-part="empty">{t('contactChoicesNone')}</p>
      ) : (
        <ul data-part="list">
          {choices.optOuts.map((optOut) => {
            const key = optOutKey(optOut);
            return (
              <li key={key} data-part="item" data-scope={optOut.scope}>
                <span data-part="what">{what(optOut)}</span>{' '}
                <span data-part="since">
                  {t('contactChoicesSince', { date: time.date(optOut.at) })}
                </span>{' '}
                <button
                  type="button"
                  data-part="turn-on"
                  aria-label={t('contactChoicesTurnOnLabel', { what: what(optOut) })}
                  aria-disabled={choices.pending === key || undefined}
                  onClick={() => {
                    if (choices.pending) return;
                    // The item goes once turned back on: focus stays in the section.
                    void choices
                      .turnBackOn(optOut)
                      .then((kept) => kept && headingRef.current?.focus());
                  }}
                >
                  {t('contactChoicesTurnOn')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <p role="status" data-part="status">
        {outcome
          ? outcome.kind === 'turnedOn'
            ? t('contactChoicesTurnedOn', { what: what(outcome.optOut) })
            : t('contactChoicesFailed')
          : ''}
      </p>
    </section>
  );
}
