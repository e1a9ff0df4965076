import { act } from 'react';
import { createRoot } from 'react-dom/client';

// React's act() needs this flag outside testing-library's own setup.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

describe('the browser project', () => {
  it('runs in Chromium (Debian’s, launched by Playwright), not in a simulated DOM', () => {
    expect(navigator.userAgent).toContain('Chrome');
    expect(navigator.userAgent).not.toContain('jsdom');
  });

  it('given a button rendered with React › focus() moves focus to it and layout is real', async () => {
    const host = document.createElement('div');
    document.body.append(host);
    const root = createRoot(host);
    await act(async () => root.render(<button type="button">Send feedback</button>));

    const button = host.querySelector('button') as HTMLButtonElement;
    button.focus();
    expect(document.activeElement).toBe(button);
    expect(button.getBoundingClientRect().width).toBeGreaterThan(0);

    await act(async () => root.unmount());
    host.remove();
  });
});
