import {
  createMemoryBackend,
  createPalaute,
  type MemoryBackend,
  type Palaute,
} from '@palaute/engine';
import {
  ContactChoices,
  FeedbackLauncher,
  OfferedFeedback,
  PalauteProvider,
  YourFeedback,
} from '@palaute/react';
import { createRoot, type Root } from 'react-dom/client';
import { userEvent } from 'vitest/browser';
import { cesInvoice, general, invoicingTouchpoints, npsDashboard } from '../fixtures/journey';
import { find, gone } from './dom';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;

const mounted: { root: Root; host: HTMLElement }[] = [];

function mount(ui: React.ReactNode) {
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  root.render(ui);
  mounted.push({ root, host });
  return { root, host };
}

afterEach(() => {
  for (const { root, host } of mounted.splice(0)) {
    root.unmount();
    host.remove();
  }
});

/** A page: a client over the shared backend (what the server knows), as after a reload. */
async function page(backend: MemoryBackend): Promise<Palaute> {
  const client = createPalaute({
    backend,
    customer: { id: 'c-1' },
    surveys: [cesInvoice, npsDashboard, general],
    touchpoints: invoicingTouchpoints,
    asks: [
      {
        surveyId: 'first-invoice-ces',
        triggers: [{ on: 'event', event: 'invoice.sent' }],
        recontact: { mode: 'once' },
      },
      { surveyId: 'dashboard-nps', triggers: [{ on: 'touchpoint' }] },
    ],
    policy: { budget: { contacts: 1, days: 14 } },
  });
  await client.start();
  return client;
}

function App({ client }: { client: Palaute }) {
  return (
    <PalauteProvider client={client} outbox={false}>
      <header>
        <FeedbackLauncher survey={general} />
      </header>
      <main>
        <OfferedFeedback present="dialog" />
        <YourFeedback />
      </main>
    </PalauteProvider>
  );
}

const focused = (element: Element) =>
  vi.waitFor(() => expect(document.activeElement).toBe(element));

/** The product asks the CES survey (the invoice was sent): its dialog opens. */
async function askCes(client: Palaute) {
  client.track('invoice.sent');
  return find('[role="dialog"]');
}

describe('"Don\'t ask me again" in Chromium: what it covers, confirmed, undone, turned back on', () => {
  it('given the keyboard › the scope is chosen with the arrows, Enter does not answer the question behind it, and the undo right after turns it back on, announced', async () => {
    const backend = createMemoryBackend();
    const client = await page(backend);
    mount(<App client={client} />);
    await askCes(client);
    const optOut = await find<HTMLButtonElement>('[role="dialog"] button', "Don't ask me again");
    optOut.focus();
    await userEvent.keyboard('{Enter}');
    const thisSurvey = await find<HTMLInputElement>('[role="dialog"] input[value="survey"]');
    await focused(thisSurvey);
    expect(thisSurvey.checked).toBe(true);
    expect(document.querySelector('[role="dialog"] fieldset legend')?.textContent).toBe(
      'Stop asking you about',
    );
    await userEvent.keyboard('{ArrowDown}');
    expect(document.querySelector<HTMLInputElement>('input[value="all"]')?.checked).toBe(true);
    // Enter in the radio group submits the form: it must neither answer nor skip the question.
    await userEvent.keyboard('{Enter}');
    expect(backend.responses()).toEqual([]);
    expect(document.querySelector('[role="dialog"] [data-part="opt-out-confirm"]')).not.toBeNull();
    await userEvent.keyboard('{Tab}{Tab}{Enter}');
    const message = await find('[role="dialog"] [role="status"][data-part="title"]');
    expect(message.textContent).toBe("We won't ask you about any survey again.");
    await focused(message);
    await vi.waitFor(() =>
      expect(backend.dismissals()).toMatchObject([{ reason: 'optOut', optOutScope: 'all' }]),
    );
    expect(client.explain('dashboard-nps').offerable).toBe(false);

    await userEvent.keyboard('{Tab}{Enter}');
    await find('[role="dialog"] [role="status"]', 'Undone. We may ask you again.');
    await focused(
      document.querySelector('[role="dialog"] [data-part="title"][role="status"]') as Element,
    );
    expect(client.history().optedOutAt).toBeUndefined();
    expect((await backend.getContactHistory?.({ customerId: 'c-1' }))?.optedOutAt).toBeUndefined();
    await userEvent.keyboard('{Escape}');
    await gone('[role="dialog"]');
  });

  it('given the pointer › "Keep asking" records nothing and gives focus back to "Don\'t ask me again"', async () => {
    const backend = createMemoryBackend();
    const client = await page(backend);
    mount(<App client={client} />);
    await askCes(client);
    await userEvent.click(await find('[role="dialog"] button', "Don't ask me again"));
    await userEvent.click(await find('[role="dialog"] button', 'Keep asking'));
    await focused(await find('[role="dialog"] button', "Don't ask me again"));
    expect(backend.dismissals()).toEqual([]);
    expect(client.history().optedOutAt).toBeUndefined();
  });

  it('given "this survey only", confirmed with the pointer › "Your feedback" lists it after a reload, and "Ask me again" turns it back on for good', async () => {
    const backend = createMemoryBackend();
    const client = await page(backend);
    mount(<App client={client} />);
    await askCes(client);
    await userEvent.click(await find('[role="dialog"] button', "Don't ask me again"));
    await userEvent.click(await find('[role="dialog"] button', 'Stop asking'));
    await find('[role="dialog"] [role="status"]', "We won't ask you about this survey again.");
    await userEvent.click(await find('[role="dialog"] button', 'Done'));
    await gone('[role="dialog"]');
    // Only that survey: the others may still be asked.
    expect(client.explain('dashboard-nps').checks.find((c) => c.rule === 'optOut')?.passed).toBe(
      true,
    );

    for (const { root, host } of mounted.splice(0)) {
      root.unmount();
      host.remove();
    }
    const reloaded = await page(backend);
    mount(<App client={reloaded} />);
    const turnOn = await find<HTMLButtonElement>('.palaute-ContactChoices button', 'Ask me again');
    expect(turnOn.getAttribute('aria-label')).toBe('Ask me again: “Sending your first invoice”');
    await userEvent.click(turnOn);
    await find(
      '.palaute-ContactChoices [role="status"]',
      'Turned back on: “Sending your first invoice”. We may ask you again.',
    );
    await find('.palaute-ContactChoices [data-part="empty"]');
    await focused(await find('.palaute-ContactChoices [data-part="title"]'));
    expect((await backend.getContactHistory?.({ customerId: 'c-1' }))?.optedOutOf).toBeUndefined();
  });

  it('given another customer on the same backend › their choices list only their own opt-outs', async () => {
    const backend = createMemoryBackend();
    const client = await page(backend);
    mount(<App client={client} />);
    await askCes(client);
    await userEvent.click(await find('[role="dialog"] button', "Don't ask me again"));
    await userEvent.click(await find('[role="dialog"] button', 'Stop asking'));
    await find('[role="dialog"] [data-part="opted-out"]');
    const other = createPalaute({
      backend,
      customer: { id: 'c-2' },
      surveys: [cesInvoice],
      touchpoints: invoicingTouchpoints,
      asks: [],
    });
    await other.start();
    mount(
      <PalauteProvider client={other} outbox={false}>
        <div data-testid="other">
          <ContactChoices />
        </div>
      </PalauteProvider>,
    );
    await find('[data-testid="other"] [data-part="empty"]');
  });
});

describe('the Feedback launcher in Chromium: the customer opened it', () => {
  it('given the launcher opened with the keyboard › no "Don\'t ask me again", and the product may still ask (no budget used)', async () => {
    const backend = createMemoryBackend();
    const client = await page(backend);
    mount(<App client={client} />);
    const launcher = await find<HTMLButtonElement>('button', 'Feedback');
    launcher.focus();
    await userEvent.keyboard('{Enter}');
    const dialog = await find('[role="dialog"]');
    expect(dialog.querySelector('[data-part="opt-out"]')).toBeNull();
    expect([...dialog.querySelectorAll('button')].map((b) => b.textContent)).not.toContain(
      "Don't ask me again",
    );
    await userEvent.keyboard('{Escape}');
    await gone('[role="dialog"]');
    await focused(launcher);
    expect(backend.displays()).toMatchObject([{ surveyId: 'general', initiative: 'customer' }]);
    const asked = await askCes(client);
    expect(asked.textContent).toContain('Sending your first invoice');
    expect(asked.querySelector('[data-part="opt-out"]')).not.toBeNull();
  });
});

describe('a survey shown without an outcome, in Chromium', () => {
  it('given the page reloaded while it was open › it is offered again at the next occasion, and answered with the pointer', async () => {
    const backend = createMemoryBackend();
    const client = await page(backend);
    const first = mount(<App client={client} />);
    client.touchpoint('dashboard');
    await find('[role="dialog"] [role="radio"]');
    await vi.waitFor(() => expect(backend.displays()).toHaveLength(1));
    // The tab goes away: no answer, no close.
    first.root.unmount();
    first.host.remove();
    mounted.splice(0);

    const reloaded = await page(backend);
    mount(<App client={reloaded} />);
    reloaded.touchpoint('dashboard');
    await userEvent.click(await find('[role="dialog"] [role="radio"][data-value="9"]'));
    await userEvent.click(await find('[role="dialog"] button', 'Send'));
    await vi.waitFor(() => expect(backend.responses()).toMatchObject([{ answers: { nps: 9 } }]));
    // Shown twice, answered once: the first display did not use the survey up.
    expect(backend.displays()).toHaveLength(2);
  });
});
