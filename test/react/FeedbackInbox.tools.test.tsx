import type { MemoryBackend } from '@palaute/engine';
import { FeedbackInbox, PalauteProvider } from '@palaute/react';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { anna, type Clock, createLoop, loopSurvey, seedInbox } from '../fixtures/feedback';
import { axeViolations } from './axe';

function Inbox({ backend, clock }: { backend: MemoryBackend; clock: Clock }) {
  return (
    <PalauteProvider backend={backend} outbox={false}>
      <main>
        <FeedbackInbox
          team={backend.team}
          by={anna}
          now={clock.now}
          timeZone="UTC"
          refreshMs={0}
          surveys={[loopSurvey]}
          syncUrl
        />
      </main>
    </PalauteProvider>
  );
}

async function seeded() {
  const { backend, clock } = createLoop();
  await seedInbox(backend, clock);
  const view = render(<Inbox backend={backend} clock={clock} />);
  await screen.findByRole('list', { name: 'Feedback inbox' }, { timeout: 10_000 });
  return { backend, clock, view };
}
const live = () => document.querySelector('[data-part="announcer"]');

describe('FeedbackInbox team tools', () => {
  afterEach(() => window.history.replaceState(null, '', '/'));

  it('given a search typed › Enter lists the matches and the URL keeps it; a reload restores it', async () => {
    const user = userEvent.setup();
    const { backend, clock, view } = await seeded();
    await user.type(screen.getByLabelText('Search what customers wrote'), 'fax{Enter}');
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(1), {
      timeout: 5000,
    });
    expect(new URLSearchParams(window.location.search).get('q')).toBe('fax');
    view.unmount();
    render(<Inbox backend={backend} clock={clock} />);
    await waitFor(
      () => {
        expect(screen.getByLabelText('Search what customers wrote')).toHaveValue('fax');
        expect(screen.getAllByRole('listitem')).toHaveLength(1);
      },
      { timeout: 5000 },
    );
  }, 30_000);

  it('given the item shown › a tag is added with Enter, announced, and removed by its labelled button', async () => {
    const user = userEvent.setup();
    await seeded();
    await user.click(screen.getByRole('button', { name: /^Logging in/ }));
    const tag = await screen.findByLabelText('Add a tag', { selector: 'input' });
    await user.type(tag, 'billing{Enter}');
    const remove = await screen.findByRole(
      'button',
      { name: 'Remove tag billing' },
      { timeout: 5000 },
    );
    await waitFor(() => expect(live()).toHaveTextContent('Tag billing added.'));
    await user.click(remove);
    await waitFor(() => expect(live()).toHaveTextContent('Tag billing removed.'), {
      timeout: 5000,
    });
    expect(screen.queryByRole('button', { name: 'Remove tag billing' })).toBeNull();
  }, 30_000);

  it('given items selected › the bulk form moves them and says so in view', async () => {
    const user = userEvent.setup();
    await seeded();
    await user.selectOptions(screen.getByLabelText('Status'), 'new');
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(2), {
      timeout: 5000,
    });
    await user.click(screen.getByLabelText('Select all shown'));
    await user.selectOptions(screen.getByLabelText('Action'), 'feedback.plan');
    await user.click(screen.getByRole('button', { name: 'Apply to the selected' }));
    const bulk = screen.getByRole('form', { name: 'Act on the selected items' });
    await waitFor(
      () =>
        expect(bulk.querySelector('[data-part="confirmation"]')).toHaveTextContent(
          '2 items moved to Planned.',
        ),
      { timeout: 5000 },
    );
    expect(await axeViolations(document.body)).toEqual([]);
  }, 30_000);

  it('given the launcher\'s kinds › "What it is about" lists only praise, kept in the URL, and a reload restores it; axe clean', async () => {
    const user = userEvent.setup();
    const { backend, clock } = createLoop();
    await seedInbox(backend, clock);
    const at = clock.now().toISOString();
    await backend.submitResponse({
      id: 'launcher-praise1',
      surveyId: 'dashboard-nps',
      surveyVersion: 1,
      touchpointId: 'dashboard',
      customerId: 'c-9',
      locale: 'en',
      answers: { nps: 9, why: 'Lovely app' },
      kind: 'praise',
      startedAt: at,
      submittedAt: at,
    });
    const view = render(<Inbox backend={backend} clock={clock} />);
    await screen.findByRole('list', { name: 'Feedback inbox' }, { timeout: 10_000 });
    const select = screen.getByRole('combobox', { name: 'What it is about' });
    expect([...(select as HTMLSelectElement).options].map((option) => option.text)).toEqual([
      'Anything',
      'An idea',
      'A problem',
      'Praise',
      'Something else',
      'Not said (survey answers)',
    ]);
    await user.selectOptions(select, 'Praise');
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(1), {
      timeout: 5000,
    });
    expect(screen.getByRole('button', { name: /^Lovely app/ })).toBeTruthy();
    // The row and the item say what the customer said it is about.
    expect(screen.getByRole('listitem').querySelector('[data-part="kind"]')?.textContent).toBe(
      'Praise',
    );
    await user.click(screen.getByRole('button', { name: /^Lovely app/ }));
    const facts = await waitFor(() => {
      const found = view.container.querySelector('[data-part="facts"]');
      expect(found).not.toBeNull();
      return found as HTMLElement;
    });
    expect(
      within(facts)
        .getAllByRole('term')
        .map((term) => `${term.textContent}: ${term.nextElementSibling?.textContent}`),
    ).toContain('What it is about: Praise');
    expect(new URLSearchParams(window.location.search).get('feedbackKind')).toBe('praise');
    expect(await axeViolations(view.container)).toEqual([]);
    view.unmount();
    render(<Inbox backend={backend} clock={clock} />);
    await waitFor(
      () => {
        expect(screen.getByRole('combobox', { name: 'What it is about' })).toHaveValue('praise');
        expect(screen.getAllByRole('listitem')).toHaveLength(1);
      },
      { timeout: 5000 },
    );
  }, 30_000);
});
