import type { Explanation, Occasion } from '@palaute/engine';
import { localize } from '@palaute/engine';
import { useEffect, useState } from 'react';
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

const RULE_NAMES: Record<Explanation['checks'][number]['rule'], string> = {
  optOut: 'Opt-out',
  schedule: 'Schedule',
  responseCap: 'Response cap',
  audience: 'Audience',
  sample: 'Sample',
  recontact: 'Recontact',
  snooze: 'Snooze',
  quietAfterNegative: 'Quiet after a negative answer',
  awaitingReply: 'Awaiting a reply',
  unreadReplies: 'Unread reply',
  budget: 'Fatigue budget',
  trigger: 'Trigger',
};

/**
 * For developers: why each survey would or would not be offered to this customer now, rule by
 * rule, with until when a rule blocks it — the answer to "why didn't my survey show?". Not for
 * customers; render it in a debug view. English only.
 *
 * @selector [data-offerable] on a survey's row, when every rule passes
 */
export function ExplainPanel({ occasion, refreshMs = 5000, className }: ExplainPanelProps) {
  const client = usePalauteClient();
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
  if (!client) return <p className={className ?? 'palaute-ExplainPanel'}>No Palaute client.</p>;
  const surveys = new Map(client.surveys.map((survey) => [survey.id, survey]));
  const offer = client.offer();
  return (
    <section className={className ?? 'palaute-ExplainPanel'} aria-label="Palaute: why surveys show">
      <p data-part="summary">
        {offer
          ? `Offered now: ${localize(offer.survey.title, 'en', offer.survey.defaultLocale)} (${offer.survey.id}).`
          : 'Nothing is offered now.'}{' '}
        {`${client.history().contacts.length} contacts in the history of customer ${client.customer.id}.`}
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
              {survey ? localize(survey.title, 'en', survey.defaultLocale) : ask.surveyId}{' '}
              <code>{ask.surveyId}</code>
              {' — '}
              {explanation.offerable
                ? 'would be offered if triggered now'
                : explanation.until
                  ? `blocked until ${explanation.until}`
                  : 'blocked'}
            </caption>
            <thead>
              <tr>
                <th scope="col">Rule</th>
                <th scope="col">Passes</th>
                <th scope="col">Why</th>
                <th scope="col">Until</th>
              </tr>
            </thead>
            <tbody>
              {explanation.checks.map((check) => (
                <tr key={check.rule} data-passed={check.passed ? '' : undefined}>
                  <th scope="row">{RULE_NAMES[check.rule]}</th>
                  <td>{check.passed ? 'Yes' : 'No'}</td>
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
