import type { Explanation, Occasion } from '@palaute/engine';
import { localize } from '@palaute/engine';
import { useEffect, useState } from 'react';
import { type DevtoolsMessageKey, devtoolsEn } from '../i18n/devtools.en';
import { devtoolsFi } from '../i18n/devtools.fi';
import { useMessages } from '../i18n/useMessages';
import { usePalauteClient } from '../journey/useJourney';

/** Props of {@link ExplainPanel}. */
export interface ExplainPanelProps {
  /** Explain for this occasion too (does it trigger each survey?). */
  occasion?: Occasion | undefined;
  /** Re-check this often, in ms (time-bound rules lapse). @default 5000 */
  refreshMs?: number | undefined;
  /** Replaces the default `palaute-ExplainPanel` class. */
  className?: string | undefined;
}

const RULE_NAMES: Record<Explanation['checks'][number]['rule'], DevtoolsMessageKey> = {
  optOut: 'ruleOptOut',
  schedule: 'ruleSchedule',
  responseCap: 'ruleResponseCap',
  audience: 'ruleAudience',
  sample: 'ruleSample',
  recontact: 'ruleRecontact',
  snooze: 'ruleSnooze',
  quietAfterNegative: 'ruleQuietAfterNegative',
  awaitingReply: 'ruleAwaitingReply',
  unreadReplies: 'ruleUnreadReplies',
  budget: 'ruleBudget',
  trigger: 'ruleTrigger',
};

/** The developer tools' catalogues by language. */
const catalogues = { en: devtoolsEn, fi: devtoolsFi };

/**
 * For developers: why each survey would or would not be offered to this customer now, rule by
 * rule, with until when a rule blocks it — the answer to "why didn't my survey show?". Not for
 * customers; render it in a debug view. Its strings come in English and Finnish (`devtoolsEn`,
 * `devtoolsFi`); the rules' reasons are the engine's, in English.
 *
 * @selector [data-offerable] on a survey's row, when every rule passes
 */
export function ExplainPanel({ occasion, refreshMs = 5000, className }: ExplainPanelProps) {
  const client = usePalauteClient();
  const { t, locale } = useMessages(catalogues);
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!client) return;
    const timer = setInterval(() => setTick((tick) => tick + 1), refreshMs);
    const unsubscribe = client.subscribe(() => setTick((tick) => tick + 1));
    return () => {
      clearInterval(timer);
      unsubscribe();
    };
  }, [client, refreshMs]);
  if (!client) return <p className={className ?? 'palaute-ExplainPanel'}>{t('explainNoClient')}</p>;
  const surveys = new Map(client.surveys.map((survey) => [survey.id, survey]));
  const offer = client.offer();
  return (
    <section className={className ?? 'palaute-ExplainPanel'} aria-label={t('explainLabel')}>
      <p data-part="summary">
        {offer
          ? t('explainOffered', {
              title: localize(offer.survey.title, locale, offer.survey.defaultLocale),
              id: offer.survey.id,
            })
          : t('explainNothingOffered')}{' '}
        {t('explainHistory', {
          count: client.history().contacts.length,
          customer: client.customer.id,
        })}
      </p>
      {client.asks.map((ask) => {
        const explanation = client.explain(ask.surveyId, occasion);
        const survey = surveys.get(ask.surveyId);
        const headingId = `palaute-explain-${ask.surveyId}`;
        return (
          <table
            key={ask.surveyId}
            aria-labelledby={headingId}
            data-offerable={explanation.offerable ? '' : undefined}
          >
            <caption id={headingId}>
              {survey ? localize(survey.title, locale, survey.defaultLocale) : ask.surveyId}{' '}
              <code>{ask.surveyId}</code>
              {' — '}
              {explanation.offerable
                ? t('explainWouldOffer')
                : explanation.until
                  ? t('explainBlockedUntil', { until: explanation.until })
                  : t('explainBlocked')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('explainRule')}</th>
                <th scope="col">{t('explainPasses')}</th>
                <th scope="col">{t('explainWhy')}</th>
                <th scope="col">{t('explainUntil')}</th>
              </tr>
            </thead>
            <tbody>
              {explanation.checks.map((check) => (
                <tr key={check.rule} data-passed={check.passed ? '' : undefined}>
                  <th scope="row">{t(RULE_NAMES[check.rule])}</th>
                  <td>{check.passed ? t('explainYes') : t('explainNo')}</td>
                  <td>{check.reason}</td>
                  <td>{check.until ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        );
      })}
    </section>
  );
}
