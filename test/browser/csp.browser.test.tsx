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

/**
 * A strict frame that runs a host page of its own (csp.frame.tsx) in its own window: React, Radix and
 * get-nonce are fresh instances there, so the scroll lock's `<style>` goes into this frame's head and
 * meets its policy, and no nonce leaks from one test to the next. The page opens the dialog at once,
 * after handing over the nonce of its `<meta name="csp-nonce">` when there is one.
 */
async function strictHostFrame(nonce?: string) {
  const styles = nonce ? `'self' 'nonce-${nonce}' 'report-sample'` : `'self' 'report-sample'`;
  const frame = document.createElement('iframe');
  frame.srcdoc = `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; style-src ${styles}; img-src 'none'; font-src 'none'; connect-src 'none'"></head><body><main id="app"></main></body></html>`;
  document.body.append(frame);
  await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  const doc = frame.contentDocument as Document;
  const violations: { directive: string; sample: string }[] = [];
  doc.addEventListener('securitypolicyviolation', (event) =>
    violations.push({ directive: event.effectiveDirective, sample: event.sample }),
  );
  // Only now that violations are watched: the nonce, as a server would render it, then the page.
  if (nonce) {
    const meta = doc.createElement('meta');
    meta.name = 'csp-nonce';
    meta.content = nonce;
    doc.head.append(meta);
  }
  const script = doc.createElement('script');
  script.type = 'module';
  script.src = new URL('./csp.frame.tsx', import.meta.url).href;
  doc.body.append(script);
  await vi.waitFor(() => expect(doc.querySelector('[role="dialog"]')).not.toBeNull(), {
    timeout: 10_000,
  });
  // Let any late report arrive before judging.
  await new Promise((resolve) => setTimeout(resolve, 100));
  const scrollLockStyles = () =>
    Array.from(doc.head.querySelectorAll('style')).filter((style) =>
      style.textContent?.includes('--removed-body-scroll-bar-size'),
    );
  const bodyOverflow = () => frame.contentWindow?.getComputedStyle(doc.body).overflow;
  return { frame, doc, violations, scrollLockStyles, bodyOverflow };
}

/** A fresh nonce, as a server makes one per response. */
const freshNonce = () => btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));

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
    // The first answer loads the outbox's module (a lazy chunk): on a loaded machine that can take
    // seconds, hence the longer waits.
    await act(async () => {
      await vi.waitFor(() => expect(dialog.getAttribute('data-step')).toBe('acknowledging'), {
        timeout: 10_000,
      });
      // Acknowledged once stored: delivery from the outbox follows on its own.
      await vi.waitFor(() => expect(backend.responses()).toHaveLength(1), { timeout: 10_000 });
      // Let any late report arrive before judging.
      await new Promise((resolve) => setTimeout(resolve, 50));
    });
    expect(violations).toEqual([]);
    expect(doc.querySelectorAll('style, link')).toHaveLength(0);
    // The one exception, outside our code: Radix Dialog's scroll lock (react-remove-scroll) adds a
    // <style> to the head of the document its code runs in (here the top one) while a modal is open.
    // A policy without 'unsafe-inline' blocks it unless it carries a nonce: see setStyleNonce below.
    const added = Array.from(document.querySelectorAll('style')).filter(
      (style) => !topStyles.has(style),
    );
    expect(
      added.map((style) => style.textContent?.includes('--removed-body-scroll-bar-size')),
    ).toEqual([true]);
    act(() => root.unmount());
    frame.remove();
  });

  it('given a modal dialog without a nonce › the policy blocks the scroll lock’s <style> and the page behind can scroll (control)', async () => {
    const { violations, scrollLockStyles, bodyOverflow, frame } = await strictHostFrame();
    expect(scrollLockStyles()).toHaveLength(1);
    expect(violations).toEqual([
      { directive: 'style-src-elem', sample: expect.stringContaining('with-scroll-bars-hidden') },
    ]);
    expect(bodyOverflow()).not.toBe('hidden');
    frame.remove();
  });

  it('given the policy’s nonce passed to setStyleNonce › opening a modal dialog reports no violation, and the scroll lock’s <style> carries the nonce and applies', async () => {
    const nonce = freshNonce();
    const { doc, violations, scrollLockStyles, bodyOverflow, frame } = await strictHostFrame(nonce);
    expect(violations).toEqual([]);
    const [style] = scrollLockStyles();
    // The nonce property, not the attribute: browsers may hide the attribute's value from scripts.
    expect(style?.nonce).toBe(nonce);
    expect(bodyOverflow()).toBe('hidden');
    // Dismissed: the lock and its <style> go away.
    (doc.querySelector('[data-part="close-x"]') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(doc.querySelector('[role="dialog"]')).toBeNull());
    expect(scrollLockStyles()).toEqual([]);
    expect(bodyOverflow()).not.toBe('hidden');
    expect(violations).toEqual([]);
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
