import { createMemoryBackend, type MemoryBackend } from '@palaute/engine';
import { en, FeedbackDialog, fi, PalauteProvider } from '@palaute/react';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { npsSurvey } from '../fixtures/surveys';
import { axeViolations } from './axe';

// The dialog loads the saved flow's check (`@palaute/engine/persisted-flow`) with `import()`, and
// only when a flow was kept: a customer who kept nothing never loads it. Until it is there, a kept
// flow waits behind "Checking your kept answers…"; a load that fails shows the lazy parts' alert and
// "Try again", and the kept answers stay kept. The loader is stood in for here, counting its calls.
const network = vi.hoisted(() => ({
  down: false,
  attempts: 0,
  held: undefined as Promise<void> | undefined,
}));
vi.mock('../../packages/react/src/flow/flow.check.import', () => ({
  importPersistedFlowCheck: async () => {
    network.attempts += 1;
    if (network.held) await network.held;
    if (network.down)
      throw new TypeError('Failed to fetch dynamically imported module: persisted-flow.js');
    return import('../../packages/engine/src/flow/flow.restore');
  },
}));

type User = ReturnType<typeof userEvent.setup>;

function Page({ backend, locale = 'en' }: { backend: MemoryBackend; locale?: string }) {
  return (
    <PalauteProvider
      backend={backend}
      customer={{ id: 'c-1' }}
      locale={locale}
      locales={{ fi }}
      outbox={false}
    >
      <FeedbackDialog
        survey={npsSurvey}
        persist
        trigger={<button type="button">Give feedback</button>}
      />
    </PalauteProvider>
  );
}

async function open(user: User) {
  await user.click(screen.getByRole('button', { name: 'Give feedback' }));
  return screen.findByRole('dialog');
}

/** A page that kept a draft in sessionStorage: a score of 4, left at "why" with Escape. */
async function keepDraft(user: User, backend: MemoryBackend) {
  const page = render(<Page backend={backend} />);
  const dialog = await open(user);
  await user.click(within(dialog).getByRole('radio', { name: /^4/ }));
  await user.click(within(dialog).getByRole('button', { name: 'Next' }));
  await within(dialog).findByRole('textbox');
  await user.keyboard('{Escape}');
  await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  page.unmount();
}

describe('FeedbackDialog › the saved flow’s check, loaded only when a flow was kept', () => {
  beforeEach(() => {
    network.down = false;
    network.held = undefined;
    network.attempts = 0;
  });
  afterEach(() => sessionStorage.clear());

  // First in the file: the check is loaded once per page, so no test before may have loaded it.
  it('given nothing kept › the dialog shows the question at once and never loads the check', async () => {
    const user = userEvent.setup();
    render(<Page backend={createMemoryBackend()} />);
    const dialog = await open(user);
    // The first question, in the first render of the open dialog: no status before it.
    expect(within(dialog).getAllByRole('radio')).toHaveLength(11);
    expect(dialog).toHaveAttribute('data-step', 'asking');
    expect(within(dialog).queryByText(en.keptChecking)).toBeNull();
    // Answering writes the flow to storage on each step; the check still does not load.
    await user.click(within(dialog).getByRole('radio', { name: /^4/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Next' }));
    await within(dialog).findByRole('textbox');
    expect(network.attempts).toBe(0);
  });

  it('given a kept flow and a failing load › "Checking your kept answers…", then an alert and "Try again", which resumes the kept answers once the network is back', async () => {
    const user = userEvent.setup();
    const backend = createMemoryBackend();
    network.down = true;
    await keepDraft(user, backend);
    // The closing kept a draft, so the dialog started loading the check then (and failed).
    expect(network.attempts).toBeGreaterThan(0);

    // A reload: the new page finds the kept flow and tries the check again when it mounts.
    let release = () => {};
    network.held = new Promise((resolve) => {
      release = resolve;
    });
    network.attempts = 0;
    render(<Page backend={backend} />);
    await waitFor(() => expect(network.attempts).toBe(1));

    const dialog = await open(user);
    expect(dialog).toHaveAttribute('data-step', 'checking');
    const body = dialog.querySelector('[data-part="body"]');
    expect(body).toHaveAttribute('aria-busy', 'true');
    expect(within(dialog).getByText(en.keptChecking, { selector: '[data-part="status"]' }));
    // Announced politely: the status live region says it too.
    expect(within(dialog).getByRole('status')).toHaveTextContent(en.keptChecking);
    expect(within(dialog).queryByRole('radio')).toBeNull();

    release();
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent(en.stepLoadFailed);
    expect(body).not.toHaveAttribute('aria-busy');
    const retry = within(dialog).getByRole('button', { name: en.retry });
    await waitFor(() => expect(retry).toHaveFocus());
    expect(await axeViolations(dialog)).toEqual([]);
    // Nothing was thrown away while it failed, and closing now records nothing: no flow started.
    const kept = sessionStorage.getItem(sessionStorage.key(0) ?? '');
    expect(kept).toContain('"nps":4');
    const dismissals = backend.dismissals().length;
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(backend.dismissals()).toHaveLength(dismissals);
    expect(sessionStorage.getItem(sessionStorage.key(0) ?? '')).toBe(kept);
    const again = await open(user);
    await within(again).findByRole('alert');
    const retryAgain = within(again).getByRole('button', { name: en.retry });

    network.down = false;
    network.held = undefined;
    await user.click(retryAgain);
    const why = await screen.findByRole('textbox');
    const resumed = screen.getByRole('dialog');
    expect(resumed).toHaveAttribute('data-step', 'asking');
    expect(within(resumed).getByText(en.draftResumed)).toBeVisible();
    await waitFor(() => expect(why).toHaveFocus());
    await user.click(within(resumed).getByRole('button', { name: 'Back' }));
    expect(within(resumed).getByRole('radio', { name: /^4/ })).toBeChecked();
    await user.click(within(resumed).getByRole('button', { name: 'Next' }));
    await user.type(within(resumed).getByRole('textbox'), 'Exports are slow');
    await user.click(within(resumed).getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(backend.responses()).toHaveLength(1));
    expect(backend.responses()[0]).toMatchObject({
      id: backend.dismissals()[0]?.responseId,
      answers: { nps: 4, why: 'Exports are slow' },
    });
    // axe's first run in a file takes seconds on a loaded machine.
  }, 30_000);

  // After the test before, which loaded the check: it is loaded once per page.
  it('given a kept flow and the check already loaded › the dialog opens at the kept question at once', async () => {
    const user = userEvent.setup();
    const backend = createMemoryBackend();
    await keepDraft(user, backend);
    network.attempts = 0;
    render(<Page backend={backend} />);
    const dialog = await open(user);
    expect(dialog).toHaveAttribute('data-step', 'asking');
    expect(within(dialog).getByRole('textbox')).toBeVisible();
    expect(within(dialog).getByText(en.draftResumed)).toBeVisible();
    expect(network.attempts).toBe(0);
  });
});
