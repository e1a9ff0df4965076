import { createMemoryBackend } from '@palaute/engine';
import { FeedbackDialog, FeedbackForm, PalauteProvider } from '@palaute/react';
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { npsSurvey } from '../fixtures/surveys';

// React's act() needs this flag outside testing-library's own setup.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** An iframe whose document enforces a strict Content-Security-Policy, and the violations it reports. */
async function strictFrame() {
  const frame = document.createElement('iframe');
  frame.srcdoc = `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'self'; img-src 'none'; font-src 'none'; connect-src 'none'"></head><body><main id="app"></main></body></html>`;
  document.body.append(frame);
  await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  const doc = frame.contentDocument as Document;
  const violations: string[] = [];
  doc.addEventListener('securitypolicyviolation', (event) =>
    violations.push(`${event.violatedDirective}: ${event.blockedURI || event.sample}`),
  );
  return { frame, doc, violations, app: doc.getElementById('app') as HTMLElement };
}

describe('under a strict Content-Security-Policy (no inline styles, no remote anything)', () => {
  it('given markup with an inline style attribute › the policy blocks it and the test sees the report (control)', async () => {
    const { violations, app, frame } = await strictFrame();
    app.insertAdjacentHTML('beforeend', '<p style="color: red">inline</p>');
    await vi.waitFor(() =>
      expect(violations.some((violation) => violation.startsWith('style-src'))).toBe(true),
    );
    frame.remove();
  });

  it('given the dialog › when opened and answered in Chromium › nothing is blocked and no <style> or <link> is added', async () => {
    const { doc, violations, app, frame } = await strictFrame();
    const backend = createMemoryBackend();
    const topStyles = new Set(document.querySelectorAll('style'));
    const root = createRoot(app);
    await act(async () => {
      root.render(
        <PalauteProvider backend={backend} customer={{ id: 'c-1' }}>
          <FeedbackDialog survey={npsSurvey} defaultOpen container={doc.body} />
        </PalauteProvider>,
      );
    });
    const dialog = doc.querySelector('[role="dialog"]') as HTMLElement;
    expect(dialog).not.toBeNull();
    const promoter = doc.querySelector('[role="radio"][data-value="10"]') as HTMLButtonElement;
    await act(async () => promoter.click());
    const send = Array.from(doc.querySelectorAll('button')).find(
      (button) => button.textContent === 'Send',
    );
    await act(async () => send?.click());
    // Inside act: the outbox's delivery and the impact prefetch update the dialog as they land.
    await act(async () => {
      await vi.waitFor(() => expect(dialog.getAttribute('data-state')).toBe('acknowledging'));
      // Acknowledged once stored: delivery from the outbox follows on its own.
      await vi.waitFor(() => expect(backend.responses()).toHaveLength(1));
      // Let any late report arrive before judging.
      await new Promise((resolve) => setTimeout(resolve, 50));
    });
    expect(violations).toEqual([]);
    expect(doc.querySelectorAll('style, link')).toHaveLength(0);
    // The one exception, outside our code: Radix Dialog's scroll lock (react-remove-scroll) adds a
    // <style> to the top document's head while a modal is open. A policy without 'unsafe-inline'
    // blocks it unless it carries a nonce (get-nonce's setNonce); the dialog works either way.
    const added = Array.from(document.querySelectorAll('style')).filter(
      (style) => !topStyles.has(style),
    );
    expect(
      added.map((style) => style.textContent?.includes('--removed-body-scroll-bar-size')),
    ).toEqual([true]);
    act(() => root.unmount());
    frame.remove();
  });

  it('given the inline form › its visually hidden announcer is styled through the CSSOM, which the policy allows', async () => {
    const { doc, violations, app, frame } = await strictFrame();
    const root = createRoot(app);
    await act(async () => {
      root.render(
        <PalauteProvider backend={createMemoryBackend()} customer={{ id: 'c-1' }}>
          <FeedbackForm survey={npsSurvey} />
        </PalauteProvider>,
      );
    });
    // The provider's outbox starts after the first render; let its status settle inside act.
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
    });
    const announcer = doc.querySelector('[data-part="announcer"]') as HTMLElement;
    expect(frame.contentWindow?.getComputedStyle(announcer).position).toBe('absolute');
    expect(announcer.getBoundingClientRect().width).toBeLessThanOrEqual(1);
    expect(violations).toEqual([]);
    act(() => root.unmount());
    frame.remove();
  });
});
