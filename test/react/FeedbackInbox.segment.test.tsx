import { FeedbackInbox, PalauteProvider } from '@palaute/react';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { anna, answer, createLoop, loopSurvey } from '../fixtures/feedback';
import { axeViolations } from './axe';

async function shown(locale: 'en' | 'fi', timeZone: string) {
  const { backend, clock } = createLoop();
  await answer(backend, clock, {
    id: 'fb-segment-01',
    customerId: 'c-1',
    nps: 9,
    why: 'Quick invoices',
    attributes: {
      plan: 'pro',
      signedUpAt: '2026-03-01T00:00:00.000Z',
      renewedAt: '2026-06-15T22:30:00.000Z',
    },
  });
  render(
    <PalauteProvider backend={backend} outbox={false} locale={locale}>
      <FeedbackInbox
        team={backend.team}
        by={anna}
        now={clock.now}
        timeZone={timeZone}
        refreshMs={0}
        surveys={[loopSurvey]}
      />
    </PalauteProvider>,
  );
  const user = userEvent.setup();
  await user.click(await screen.findByRole('button', { name: /Quick invoices/ }));
  const term = await screen.findByText(locale === 'en' ? 'Segment' : 'Segmentti', {
    selector: 'dt',
  });
  return term.closest('section') as HTMLElement;
}

/** The item's "Segment" entry. */
const segmentOf = (item: HTMLElement, term: string) =>
  within(item).getByText(term, { selector: 'dt' }).nextElementSibling as HTMLElement;

describe('FeedbackInbox: an item’s segment', { timeout: 30_000 }, () => {
  it('given a segment with timestamps › shows each as the locale’s date (a midnight in UTC as that day in any time zone), other values as they are', async () => {
    const item = await shown('en', 'America/New_York');
    expect(segmentOf(item, 'Segment')).toHaveTextContent(
      'plan: pro, signedUpAt: Mar 1, 2026, renewedAt: Jun 15, 2026',
    );
    expect(segmentOf(item, 'Segment')).not.toHaveTextContent('T00:00');
    expect(await axeViolations(item)).toEqual([]);
  });

  it('given Finnish › the dates are Finnish (day.month.year), in the team’s time zone', async () => {
    const item = await shown('fi', 'Europe/Helsinki');
    expect(segmentOf(item, 'Segmentti')).toHaveTextContent(
      'plan: pro, signedUpAt: 1.3.2026, renewedAt: 16.6.2026',
    );
  });
});
