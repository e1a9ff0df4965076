import '@palaute/react/styles.css';
import './demo.css';
import { setStyleNonce } from '@palaute/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';

// The server's Content-Security-Policy allows styles with this page's nonce only: hand it over
// before any dialog opens, for the scroll lock's <style>. The `nonce` property, since the browser
// hides the attribute's value.
const nonce = document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]')?.nonce;
if (nonce) setStyleNonce(nonce);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
