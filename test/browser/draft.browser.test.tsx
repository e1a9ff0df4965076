import { createMemoryBackend, type MemoryBackend } from '@palaute/engine';
import { createMemoryOutboxStorage, createOutbox } from '@palaute/engine/outbox';
import { FeedbackDialog, FeedbackForm, PalauteProvider, YourFeedback } from '@palaute/react';
import { createRoot, type Root } from 'react-dom/client';
import { userEvent } from 'vitest/browser';
import { createLoop, customerId, loopSurvey } from '../fixtures/feedback';
import { npsSurvey } from '../fixtures/surveys';
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

function Dialog({ backend, persist }: { backend: MemoryBackend; persist?: boolean }) {
  return (
    <PalauteProvider backend={backend} customer={{ id: 'c-1' }} outbox={false}>
      <FeedbackDialog
        survey={npsSurvey}
        persist={persist}
        trigger={<button type="button">Give feedback</button>}
      />
    </PalauteProvider>
  );
}

/** Opens the dialog, gives a 4 with a real click, moves to "why" and presses Escape. */
async function answerThenEscape() {
  await userEvent.click(await find('button', 'Give feedback'));
  await userEvent.click(await find('[role="dialog"] [role="radio"][data-value="4"]'));
  await userEvent.click(await find('[role="dialog"] button', 'Next'));
  await find('[role="dialog"] textarea');
  await userEvent.keyboard('{Escape}');
  await gone('[role="dialog"]');
}

describe('answers given before Escape, in Chromium', () => {
  afterEach(() => {
    for (const { root, host } of mounted.splice(0)) {
      root.unmount();
      host.remove();
    }
    sessionStorage.clear();
  });

  it('given a score and Escape without persist › the next opening resumes at "why" with the score kept', async () => {
    const backend = createMemoryBackend();
    mount(<Dialog backend={backend} />);
    await answerThenEscape();
    expect(backend.dismissals()).toMatchObject([{ kept: 'draft', questionId: 'why' }]);
    await userEvent.click(await find('button', 'Give feedback'));
    await find('[role="dialog"] [data-part="resumed"]');
    await vi.waitFor(() =>
      expect(document.activeElement).toBe(document.querySelector('[role="dialog"] textarea')),
    );
    await userEvent.click(await find('[role="dialog"] button', 'Back'));
    expect(
      (await find('[role="dialog"] [role="radio"][data-value="4"]')).getAttribute('aria-checked'),
    ).toBe('true');
  });

  it('given a score and Escape with persist › a reload (a new page over the same sessionStorage) resumes it too', async () => {
    const backend = createMemoryBackend();
    const first = mount(<Dialog backend={backend} persist />);
    await answerThenEscape();
    first.root.unmount();
    mount(<Dialog backend={backend} persist />);
    await userEvent.click(await find('button', 'Give feedback'));
    await find('[role="dialog"] [data-part="resumed"]');
    await find('[role="dialog"] textarea');
  });
});

describe('YourFeedback after a delivery, in Chromium', () => {
  afterEach(() => {
    for (const { root, host } of mounted.splice(0)) {
      root.unmount();
      host.remove();
    }
  });

  it('given the panel on the page › a response delivered through the outbox is listed at once', async () => {
    const { backend, clock } = createLoop();
    const outbox = createOutbox({ backend, storage: createMemoryOutboxStorage() });
    mount(
      <PalauteProvider backend={backend} customer={{ id: customerId }} outbox={outbox}>
        <FeedbackForm survey={loopSurvey} now={clock.now} />
        <YourFeedback now={clock.now} timeZone="UTC" refreshMs={0} surveys={[loopSurvey]} />
      </PalauteProvider>,
    );
    await find('[data-part="empty"]');
    await userEvent.click(await find('[role="radio"][data-value="3"]'));
    await userEvent.click(await find('button', 'Next'));
    await userEvent.click(await find('button', 'Next'));
    await userEvent.click(await find('button', 'Send'));
    await outbox.flush();
    const score = await find('[data-part="score"]');
    expect(score.textContent).toBe('Your score: 3 of 10');
    outbox.stop();
  });
});
