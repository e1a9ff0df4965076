import {
  type FeedbackResponse,
  HttpError,
  type MemoryBackend,
  type TeamPort,
} from '@palaute/engine';
import { FeedbackInbox, fi, PalauteProvider } from '@palaute/react';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { anna, type Clock, createLoop } from '../fixtures/feedback';
import { axeViolations } from './axe';
import { tabTo } from './keyboard';

function Inbox({
  backend,
  clock,
  team = backend.team,
  locale = 'en',
  pageSize = 3,
  onError,
}: {
  backend: MemoryBackend;
  clock: Clock;
  team?: TeamPort;
  locale?: string;
  pageSize?: number;
  onError?: (error: unknown, operation: string) => void;
}) {
  return (
    <PalauteProvider
      locales={{ fi }}
      backend={backend}
      outbox={false}
      locale={locale}
      {...(onError ? { onError } : {})}
    >
      <main>
        <FeedbackInbox
          team={team}
          by={anna}
          now={clock.now}
          timeZone="UTC"
          refreshMs={0}
          pageSize={pageSize}
        />
      </main>
    </PalauteProvider>
  );
}

/** A customer answers in words at a touchpoint, with their segment; a minute later than the last. */
async function submit(
  backend: MemoryBackend,
  clock: Clock,
  n: number,
  touchpointId: string,
  segment?: FeedbackResponse['segment'],
) {
  const at = clock.now().toISOString();
  await backend.submitResponse({
    id: `fb-facet-${String(n).padStart(4, '0')}`,
    surveyId: 'nps',
    surveyVersion: 1,
    touchpointId,
    customerId: `c-${n}`,
    locale: 'en',
    answers: { nps: 5, why: `Feedback number ${String(n).padStart(2, '0')}` },
    ...(segment ? { segment } : {}),
    startedAt: at,
    submittedAt: at,
  });
  clock.advance(1);
}

/**
 * Eight answers, oldest first: the first page (three, unprocessed: oldest first) holds only
 * dashboard answers on the free plan; billing, onboarding, pro and both kinds of "12 seats" come
 * later.
 */
async function eightItems() {
  const { backend, clock } = createLoop();
  await submit(backend, clock, 1, 'dashboard', { plan: 'free' });
  await submit(backend, clock, 2, 'dashboard', { plan: 'free' });
  await submit(backend, clock, 3, 'dashboard', { plan: 'free' });
  await submit(backend, clock, 4, 'billing', { plan: 'pro', seats: 12 });
  await submit(backend, clock, 5, 'billing', { plan: 'pro', seats: 12 });
  await submit(backend, clock, 6, 'billing', { plan: 'pro', seats: '12' });
  await submit(backend, clock, 7, 'onboarding', { plan: 'pro' });
  await submit(backend, clock, 8, 'dashboard');
  return { backend, clock };
}

const inbox = () => screen.getByRole('region', { name: /^(Feedback inbox|Saapunut palaute)$/ });
const filters = () => within(inbox()).getByRole('search');
const list = () =>
  within(inbox()).getByRole('list', { name: /^(Feedback inbox|Saapunut palaute)$/ });
const shown = () =>
  within(list())
    .getAllByRole('listitem')
    .map((row) => row.querySelector('[data-part="open"]')?.textContent);
const optionsOf = (field: HTMLElement) =>
  within(field)
    .getAllByRole('option')
    .map((option) => option.textContent);

describe('FeedbackInbox, filter options from the whole inbox', () => {
  it('given an inbox larger than the page shown › the touchpoint and segment filters offer every value with its count, 12 and "12" apart, and choosing one by keyboard lists its items', async () => {
    const user = userEvent.setup();
    const { backend, clock } = await eightItems();
    render(<Inbox backend={backend} clock={clock} />);
    await within(inbox()).findByRole('list', { name: 'Feedback inbox' });
    expect(shown()).toEqual(['Feedback number 01', 'Feedback number 02', 'Feedback number 03']);
    const touchpoint = within(filters()).getByLabelText('Touchpoint');
    // Not only the dashboard of the page shown: every touchpoint, the most common first.
    await waitFor(() =>
      expect(optionsOf(touchpoint)).toEqual([
        'All touchpoints',
        'dashboard (4)',
        'billing (3)',
        'onboarding (1)',
      ]),
    );
    // Nothing is left out, so nothing describes the field.
    expect(touchpoint).not.toHaveAttribute('aria-describedby');

    await tabTo(user, (element) => element === touchpoint, { max: 40 });
    await user.selectOptions(touchpoint, 'onboarding (1)');
    await waitFor(() => expect(shown()).toEqual(['Feedback number 07']));
    await user.selectOptions(touchpoint, 'All touchpoints');

    const key = within(filters()).getByLabelText('Segment');
    expect(optionsOf(key)).toEqual(['Any', 'plan (7)', 'seats (3)']);
    await tabTo(user, (element) => element === key, { max: 10 });
    await user.selectOptions(key, 'seats (3)');
    const value = within(filters()).getByLabelText('Segment value');
    expect(value).toBeEnabled();
    // The text "12" reads like the number 12, so it is quoted.
    expect(optionsOf(value)).toEqual(['Any', '12 (2)', '“12” (1)']);
    await tabTo(user, (element) => element === value, { max: 5 });
    await user.selectOptions(value, '“12” (1)');
    await waitFor(() => expect(shown()).toEqual(['Feedback number 06']));
    await user.selectOptions(value, '12 (2)');
    await waitFor(() => expect(shown()).toEqual(['Feedback number 04', 'Feedback number 05']));
    expect(await axeViolations(document.body)).toEqual([]);
  });

  it('given more touchpoints, keys and values than a facet lists › a note under each field says how many less common ones are not listed, and describes the field', async () => {
    const { backend, clock } = createLoop();
    // 22 touchpoints; 22 plans; 21 keys: 20 of each are listed.
    for (let n = 1; n <= 22; n++)
      await submit(backend, clock, n, `touchpoint-${String(n).padStart(2, '0')}`, {
        plan: `plan-${String(n).padStart(2, '0')}`,
        ...(n <= 20 ? { [`key-${String(n).padStart(2, '0')}`]: true } : {}),
      });
    // The first touchpoint, plan and key twice as common.
    await submit(backend, clock, 23, 'touchpoint-01', { plan: 'plan-01', 'key-01': true });
    render(<Inbox backend={backend} clock={clock} />);
    await within(inbox()).findByRole('list', { name: 'Feedback inbox' });
    const touchpoint = within(filters()).getByLabelText('Touchpoint');
    await waitFor(() =>
      expect(touchpoint).toHaveAccessibleDescription('2 less common touchpoints are not listed.'),
    );
    expect(optionsOf(touchpoint)).toHaveLength(21);
    expect(optionsOf(touchpoint).slice(0, 3)).toEqual([
      'All touchpoints',
      'touchpoint-01 (2)',
      'touchpoint-02 (1)',
    ]);
    const key = within(filters()).getByLabelText('Segment');
    expect(key).toHaveAccessibleDescription('1 less common segment is not listed.');
    // plan is on every item, key-01 on two, the others on one each: key-20 is left out.
    expect(optionsOf(key).slice(0, 3)).toEqual(['Any', 'plan (23)', 'key-01 (2)']);
    expect(optionsOf(key)).not.toContain('key-20 (1)');
    const user = userEvent.setup();
    await user.selectOptions(key, 'plan (23)');
    const value = within(filters()).getByLabelText('Segment value');
    expect(value).toHaveAccessibleDescription('2 less common values are not listed.');
    expect(optionsOf(value)).toHaveLength(21);
    expect(
      [...inbox().querySelectorAll('[data-part="filter-note"]')].map((note) => note.textContent),
    ).toEqual([
      '2 less common touchpoints are not listed.',
      '1 less common segment is not listed.',
      '2 less common values are not listed.',
    ]);
    expect(await axeViolations(document.body)).toEqual([]);
  });

  it('given the Finnish locale › the counts and the notes are in Finnish', async () => {
    const { backend, clock } = createLoop();
    for (let n = 1; n <= 21; n++)
      await submit(backend, clock, n, `touchpoint-${String(n).padStart(2, '0')}`);
    await submit(backend, clock, 22, 'touchpoint-01');
    render(<Inbox backend={backend} clock={clock} locale="fi" />);
    await within(inbox()).findByRole('list', { name: 'Saapunut palaute' });
    const touchpoint = within(filters()).getByLabelText('Kosketuspiste');
    await waitFor(() =>
      expect(touchpoint).toHaveAccessibleDescription(
        '1 harvinaisempi kosketuspiste ei ole listalla.',
      ),
    );
    expect(optionsOf(touchpoint)[1]).toBe('touchpoint-01 (2)');
  });

  it('given a team port without inboxFacets › offers the values on the loaded items, without counts, and more as more load', async () => {
    const user = userEvent.setup();
    const { backend, clock } = await eightItems();
    const { inboxFacets: _, ...team } = backend.team;
    render(<Inbox backend={backend} clock={clock} team={team} />);
    await within(inbox()).findByRole('list', { name: 'Feedback inbox' });
    const touchpoint = within(filters()).getByLabelText('Touchpoint');
    // The metrics know every touchpoint; the segments come from the three items shown.
    await waitFor(() =>
      expect(optionsOf(touchpoint)).toEqual([
        'All touchpoints',
        'billing',
        'dashboard',
        'onboarding',
      ]),
    );
    const key = within(filters()).getByLabelText('Segment');
    expect(optionsOf(key)).toEqual(['Any', 'plan']);
    await user.selectOptions(key, 'plan');
    expect(optionsOf(within(filters()).getByLabelText('Segment value'))).toEqual(['Any', 'free']);
    await user.selectOptions(key, 'Any');
    await tabTo(user, (element) => element.textContent === 'Show more', { max: 80 });
    await user.keyboard('{Enter}');
    await waitFor(() => expect(optionsOf(key)).toEqual(['Any', 'plan', 'seats']));
    expect(inbox().querySelector('[data-part="filter-note"]')).toBeNull();
    expect(await axeViolations(document.body)).toEqual([]);
  });

  it('given facets that fail › falls back to the loaded values and tells the host', async () => {
    const { backend, clock } = await eightItems();
    const onError = vi.fn();
    const team: TeamPort = {
      ...backend.team,
      inboxFacets: async () => {
        throw new Error('facets are down');
      },
    };
    render(<Inbox backend={backend} clock={clock} team={team} onError={onError} />);
    await within(inbox()).findByRole('list', { name: 'Feedback inbox' });
    await waitFor(() => expect(onError).toHaveBeenCalledWith(expect.any(Error), 'inboxFacets'));
    expect(optionsOf(within(filters()).getByLabelText('Segment'))).toEqual(['Any', 'plan']);
    expect(await axeViolations(document.body)).toEqual([]);
  });

  it('given a server without the facets route (404) › asks once, not at every refresh, and keeps the loaded values', async () => {
    const user = userEvent.setup();
    const { backend, clock } = await eightItems();
    const onError = vi.fn();
    let asked = 0;
    const team: TeamPort = {
      ...backend.team,
      inboxFacets: async () => {
        asked++;
        throw new HttpError({ status: 404, code: 'not_found', message: 'No route.' });
      },
    };
    render(<Inbox backend={backend} clock={clock} team={team} onError={onError} />);
    await within(inbox()).findByRole('list', { name: 'Feedback inbox' });
    await waitFor(() => expect(onError).toHaveBeenCalledTimes(1));
    await user.click(within(filters()).getByRole('button', { name: 'Refresh' }));
    await user.click(within(filters()).getByRole('button', { name: 'Refresh' }));
    await within(inbox()).findByRole('list', { name: 'Feedback inbox' });
    expect(asked).toBe(1);
    expect(onError).toHaveBeenCalledTimes(1);
    expect(optionsOf(within(filters()).getByLabelText('Segment'))).toEqual(['Any', 'plan']);
  });
});
