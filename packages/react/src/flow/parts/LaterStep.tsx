import { type ReactNode, useEffect } from 'react';
import { DeliveryNote } from '../../delivery/DeliveryNote';
import { usePartsLocaleTools } from '../../i18n/parts';
import { ImpactNotice } from '../../shared/ImpactNotice';
import { useErrorMessage } from '../questions/useErrorMessage';
import type { FeedbackFlow } from '../useFeedbackFlow';
import { Acknowledgement } from './Acknowledgement';
import { FollowUp, type FollowUpProps } from './FollowUp';
import { OptOutDone } from './OptOut';

/** Props of {@link LaterStep}. */
export interface LaterStepProps {
  flow: FeedbackFlow;
  /** Heading element for step headings. */
  headingLevel: 'h2' | 'h3' | 'h4';
  /** The end text under "Thanks again!" (the inline form's; the dialog's says the window may close). */
  doneBody?: string | undefined;
  /** After "Don't ask me again" is confirmed: closes the view (the dialog's "Close" button). */
  onClose?: (() => void) | undefined;
  /** A choice follow-up's options in the order drawn for this flow. */
  options?: FollowUpProps['options'];
  /** `FlowView`'s trailing no-break space, alternated as the errors change, so a repeated error is heard. */
  repeat: string;
  /** Called with what the step says in `FlowView`'s live region (one region, kept across steps). */
  onAnnounce: (message: string) => void;
}

/**
 * Every step of a flow after its questions (sending, a failed send, the acknowledgement, the
 * follow-up, the impact notices, "Don't ask me again" done, the end), in `FlowView`'s form: a part
 * loaded later, with its strings, since a page showing the first question does not need it.
 */
export function LaterStep({
  flow,
  headingLevel,
  doneBody,
  onClose,
  options,
  repeat,
  onAnnounce,
}: LaterStepProps) {
  const { t, text } = usePartsLocaleTools();
  const { step, survey } = flow;
  const defaultLocale = survey.defaultLocale;
  const followUpQuestion = flow.followUp?.question;
  const followUpError = followUpQuestion ? flow.errors[followUpQuestion.id] : undefined;
  const followUpErrorMessage = useErrorMessage(followUpQuestion, followUpError);

  const announcement = (() => {
    switch (step) {
      case 'submitting':
      case 'sendingFollowUp':
        return t('announceSubmitting');
      case 'acknowledging': {
        const ack = flow.acknowledgement;
        return ack
          ? [text(ack.title, defaultLocale), ack.body && text(ack.body, defaultLocale)]
              .filter(Boolean)
              .join(' ')
          : `${t('ackTitle')} ${t('ackBody')}`;
      }
      case 'followingUp':
        if (followUpErrorMessage)
          return t('announceError', { message: followUpErrorMessage }) + repeat;
        return followUpQuestion
          ? `${t('followUpHeading')}: ${text(followUpQuestion.title, defaultLocale)}`
          : t('followUpHeading');
      case 'showingImpact':
        return t('announceImpact', { count: flow.impact.length });
      case 'done':
        return t('doneTitle');
      default:
        return '';
    }
  })();
  useEffect(() => onAnnounce(announcement), [announcement, onAnnounce]);

  const next = (label: string) => (
    <button type="submit" data-part="next" data-variant="primary">
      {label}
    </button>
  );

  switch (step) {
    case 'submitting':
    case 'sendingFollowUp':
    case 'checkingImpact':
      return (
        <p data-part="status" aria-busy="true">
          {t(
            step === 'submitting'
              ? 'submitting'
              : step === 'sendingFollowUp'
                ? 'sendingFollowUp'
                : 'checkingImpact',
          )}
        </p>
      );
    case 'submitFailed':
    case 'followUpFailed':
      return (
        <>
          <div data-part="alert" role="alert">
            <p>{step === 'submitFailed' ? t('submitFailed') : t('followUpFailed')}</p>
            {flow.submitError ? (
              <p data-part="details">{t('submitFailedDetails', { error: flow.submitError })}</p>
            ) : null}
          </div>
          <div data-part="actions">
            {step === 'submitFailed' ? (
              <button type="button" data-part="back" onClick={flow.back}>
                {t('editAnswers')}
              </button>
            ) : (
              <button type="button" data-part="skip" onClick={flow.next}>
                {t('skip')}
              </button>
            )}
            <button
              type="button"
              data-part="retry"
              data-variant="primary"
              data-autofocus=""
              onClick={flow.retry}
            >
              {t('retry')}
            </button>
          </div>
        </>
      );
    case 'acknowledging':
      return (
        <>
          <Acknowledgement
            acknowledgement={flow.acknowledgement}
            segment={flow.segment}
            defaultLocale={defaultLocale}
            headingLevel={headingLevel}
          />
          <DeliveryNote responseId={flow.responseId} />
          <div data-part="actions">
            {next(flow.followUp || flow.impact.length > 0 ? t('continue') : t('done'))}
          </div>
        </>
      );
    case 'followingUp':
      if (!flow.followUp || !followUpQuestion) return null;
      return (
        <>
          <FollowUp
            followUp={flow.followUp}
            value={flow.followUpAnswers[followUpQuestion.id]}
            onChange={(value) => flow.answer(followUpQuestion.id, value)}
            error={followUpError}
            defaultLocale={defaultLocale}
            headingLevel={headingLevel}
            options={options}
          />
          <div data-part="actions">
            {followUpQuestion.required ? null : (
              <button
                type="button"
                data-part="skip"
                onClick={() => {
                  flow.answer(followUpQuestion.id, undefined);
                  flow.next();
                }}
              >
                {t('skip')}
              </button>
            )}
            {next(t('sendFollowUp'))}
          </div>
        </>
      );
    case 'showingImpact':
      return (
        <>
          <ImpactHeading level={headingLevel}>{t('impactHeading')}</ImpactHeading>
          {flow.impact.map((notice) => (
            <ImpactNotice key={notice.id} notice={notice} defaultLocale={defaultLocale} />
          ))}
          <div data-part="actions">{next(t('done'))}</div>
        </>
      );
    case 'optedOut':
      return (
        <OptOutDone scope={flow.optOutScope ?? 'all'} surveyId={survey.id} onClose={onClose} />
      );
    case 'done':
      return (
        <>
          <p data-part="title" tabIndex={-1} data-autofocus="">
            {t('doneTitle')}
          </p>
          <p data-part="body">{doneBody ?? t('doneBody')}</p>
        </>
      );
    default:
      return null;
  }
}

function ImpactHeading({ level, children }: { level: 'h2' | 'h3' | 'h4'; children: ReactNode }) {
  const Heading = level;
  return (
    <Heading tabIndex={-1} data-part="title" data-autofocus="">
      {children}
    </Heading>
  );
}
