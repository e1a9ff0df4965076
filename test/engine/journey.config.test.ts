import { parseJourneyConfig, ValidationError } from '@palaute/engine';
import { cesInvoice, general, invoicingTouchpoints, npsDashboard } from '../fixtures/journey';

/** The invoicing journey as a host would write it in a JSON file. */
const asJson = () =>
  JSON.parse(
    JSON.stringify({
      surveys: [cesInvoice, npsDashboard, general],
      touchpoints: invoicingTouchpoints,
      asks: [
        { surveyId: 'first-invoice-ces', triggers: [{ on: 'event', event: 'invoice.sent' }] },
        { surveyId: 'dashboard-nps', triggers: [{ on: 'touchpoint' }] },
      ],
      policy: { budget: { contacts: 2, days: 30 } },
    }),
  ) as Record<string, unknown>;

describe('parseJourneyConfig', () => {
  it('given the invoicing journey as JSON › applies the defaults of asks and policy', () => {
    const journey = parseJourneyConfig(asJson());
    expect(journey.surveys.map((survey) => survey.id)).toEqual([
      'first-invoice-ces',
      'dashboard-nps',
      'general',
    ]);
    expect(journey.asks[0]?.recontact).toEqual({ mode: 'untilAnswered', days: 30 });
    expect(journey.policy).toEqual({
      budget: { contacts: 2, days: 30 },
      snoozeDays: 7,
      quietAfterNegativeDays: 30,
      quietWhileAwaitingReply: true,
      unansweredDisplays: 2,
    });
  });

  it('given an ask for a survey not given › names its path', () => {
    const config = asJson();
    config.asks = [{ surveyId: 'missing', triggers: [{ on: 'touchpoint' }] }];
    expect(() => parseJourneyConfig(config)).toThrow(ValidationError);
    expect(() => parseJourneyConfig(config)).toThrow(/asks\[0\]\.surveyId/);
  });

  it('given a malformed policy › names the bad path', () => {
    const config = asJson();
    config.policy = { budget: { contacts: 0, days: 14 } };
    expect(() => parseJourneyConfig(config)).toThrow(/policy\.budget\.contacts/);
  });

  it('given something that is not a configuration › refuses it', () => {
    expect(() => parseJourneyConfig('nope')).toThrow(ValidationError);
  });
});
