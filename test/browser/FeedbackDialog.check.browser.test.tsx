import { createMemoryBackend, type MemoryBackend } from '@palaute/engine';
import { FeedbackDialog, PalauteProvider } from '@palaute/react';
import { createRoot, type Root } from 'react-dom/client';
import { userEvent } from 'vitest/browser';
import { npsSurvey } from '../fixtures/surveys';
import { find, gone } from './dom';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;

// The saved flow's check loads with `import()`, only when a flow was kept. Held here until the test
// lets it through, so the dialog's "checking" moment and its hand-over to the flow run in Chromium.
const network = vi.hoisted(() => ({ attempts: 0, held: undefined as Promise<void> | undefined }));
vi.mock('../../packages/react/src/flow/flow.check.import', () => ({
  importPersistedFlowCheck: async () => {
    network.attempts += 1;
    if (network.held) await network.held;
    return import('../../packages/engine/src/flow/flow.restore');
  },
}));

const mounted: Root[] = [];
function mount(ui: React.ReactNode) {
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  root.render(ui);
  mounted.push(root);
  return root;
}

function Dialog({ backend }: { backend: MemoryBackend }) {
  return (
    <PalauteProvider backend={backend} customer={{ id: 'c-1' }} outbox={false}>
      <FeedbackDialog
        survey={npsSurvey}
        persist
        trigger={<button type="button">Give feedback</button>}
      />
    </PalauteProvider>
  );
}

describe('FeedbackDialog › the saved flow’s check, in Chromium', () => {
  afterEach(() => {
    for (const root of mounted.splice(0)) root.unmount();
    document.body.replaceChildren();
    sessionStorage.clear();
  });

  it('given nothing kept › the question shows at once and the check is never loaded', async () => {
    mount(<Dialog backend={createMemoryBackend()} />);
    await userEvent.click(await find('button', 'Give feedback'));
    await find('[role="dialog"][data-step="asking"] [role="radio"][data-value="4"]');
    expect(document.querySelector('[role="dialog"] [data-part="status"]')).toBeNull();
    expect(network.attempts).toBe(0);
  });

  it('given a kept flow and a reload › "Checking your kept answers…" until the check is there, then the kept answers resume with focus on "why"', async () => {
    // Held from the start: the first page's closing, which kept a draft, starts the load too.
    let release = () => {};
    network.held = new Promise((resolve) => {
      release = resolve;
    });
    const backend = createMemoryBackend();
    const first = mount(<Dialog backend={backend} />);
    await userEvent.click(await find('button', 'Give feedback'));
    await userEvent.click(await find('[role="dialog"] [role="radio"][data-value="4"]'));
    await userEvent.click(await find('[role="dialog"] button', 'Next'));
    await find('[role="dialog"] textarea');
    await userEvent.keyboard('{Escape}');
    await gone('[role="dialog"]');
    first.unmount();
    document.body.replaceChildren();

    mount(<Dialog backend={backend} />);
    await userEvent.click(await find('button', 'Give feedback'));
    const status = await find<HTMLElement>('[role="dialog"] [data-part="status"]');
    expect(status.textContent).toBe('Checking your kept answers…');
    expect(status.checkVisibility()).toBe(true);
    expect(status.closest('[aria-busy="true"]')).not.toBeNull();
    // Focus is in the dialog while it checks, not left behind on the page.
    expect(document.querySelector('[role="dialog"]')?.contains(document.activeElement)).toBe(true);

    release();
    await find('[role="dialog"][data-step="asking"] [data-part="resumed"]');
    await vi.waitFor(() =>
      expect(document.activeElement).toBe(document.querySelector('[role="dialog"] textarea')),
    );
    // Still there a moment later: the checking frame's unmount does not send focus to the trigger.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(document.activeElement).toBe(document.querySelector('[role="dialog"] textarea'));
    await userEvent.click(await find('[role="dialog"] button', 'Back'));
    expect(
      (await find('[role="dialog"] [role="radio"][data-value="4"]')).getAttribute('aria-checked'),
    ).toBe('true');
  });
});
