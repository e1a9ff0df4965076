import { setNonce } from 'get-nonce';

/**
 * Gives your Content-Security-Policy nonce to the one `<style>` a modal dialog adds: while a
 * `FeedbackDialog` (or `FeedbackLauncher`, `OfferedFeedback`) is open, Radix Dialog's scroll lock
 * (react-remove-scroll) puts a `<style>` in the document's head that keeps the page behind from
 * scrolling. Under a `style-src` without `'unsafe-inline'` the browser blocks it, unless it carries
 * a nonce your policy allows (`style-src 'self' 'nonce-…'`). Palaute's own code adds no `<style>`.
 *
 * The nonce is global to the page (get-nonce's `setNonce`, which react-style-singleton reads when
 * it adds the style): call it once in the browser, before the first dialog opens, with the nonce of
 * the policy the page was served with. It is not needed when your policy allows inline styles.
 *
 * @example
 * // The server puts its fresh nonce in the HTML: <meta name="csp-nonce" content="…">
 * const nonce = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content;
 * if (nonce) setStyleNonce(nonce);
 * createRoot(root).render(<App />);
 */
export function setStyleNonce(nonce: string): void {
  setNonce(nonce);
}
