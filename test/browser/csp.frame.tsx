/**
 * The host page of the nonce tests in csp.browser.test.tsx, loaded as a module into a strict
 * iframe, so React, Radix and get-nonce run in the frame's own window: the scroll lock's `<style>`
 * lands in the frame's head, under the frame's policy, and each frame starts with get-nonce unset.
 * As a host would: read the nonce the server put in the page, hand it over, then render.
 */
import { createMemoryBackend } from '@palaute/engine';
import { FeedbackDialog, PalauteProvider, setStyleNonce } from '@palaute/react';
import { createRoot } from 'react-dom/client';
import { npsSurvey } from '../fixtures/surveys';

const nonce = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content;
if (nonce) setStyleNonce(nonce);

createRoot(document.getElementById('app') as HTMLElement).render(
  <PalauteProvider backend={createMemoryBackend()} customer={{ id: 'c-1' }}>
    <FeedbackDialog survey={npsSurvey} defaultOpen />
  </PalauteProvider>,
);
