import { createMemoryBackend } from '@palaute/engine';
import { FeedbackForm, PalauteProvider } from '@palaute/react';
import '../../packages/react/src/styles.css';
import { createRoot, type Root } from 'react-dom/client';
import { userEvent } from 'vitest/browser';
import { npsSurvey } from '../fixtures/surveys';
import { inAct } from './act';

const mounted: { root: Root; host: HTMLElement }[] = [];

afterEach(async () => {
  for (const { root, host } of mounted.splice(0)) {
    await inAct(() => root.unmount());
    host.remove();
  }
});

/** A page with the inline form between a link before it and a button after it. */
async function renderPage() {
  const backend = createMemoryBackend();
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  mounted.push({ root, host });
  await inAct(() =>
    root.render(
      <PalauteProvider backend={backend} customer={{ id: 'c-1' }} outbox={false}>
        <a href="#invoices">Invoices</a>
        <FeedbackForm survey={npsSurvey} />
        <button type="button">Create invoice</button>
      </PalauteProvider>,
    ),
  );
  return { backend, host };
}

/** Presses Tab with the real keyboard until `name` has focus. */
async function tabTo(name: string) {
  for (let i = 0; i < 30; i++) {
    if (document.activeElement?.textContent === name) return;
    await userEvent.keyboard('{Tab}');
  }
  throw new Error(`${name} is not reachable by Tab`);
}

describe('the inline FeedbackForm, in Chromium', () => {
  it('given "Not now" pressed with the keyboard › a short note takes the form’s place and focus, not the page’s body', async () => {
    const { backend, host } = await renderPage();
    await tabTo('Not now');
    await userEvent.keyboard('{Enter}');

    const note = await vi.waitFor(() => {
      const element = host.querySelector<HTMLElement>('[data-part="note"]');
      if (!element) throw new Error('No note yet.');
      return element;
    });
    expect(note.textContent).toBe("Thanks — we won't ask now.");
    expect(note.getAttribute('role')).toBe('status');
    await vi.waitFor(() => expect(document.activeElement).toBe(note));
    expect(host.querySelector('[data-part="question"]')).toBeNull();
    await vi.waitFor(() => expect(backend.dismissals()).toHaveLength(1));

    // The next Tab goes on from where the form was.
    await userEvent.keyboard('{Tab}');
    expect(document.activeElement?.textContent).toBe('Create invoice');
  });
});
