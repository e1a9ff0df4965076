import { createMemoryBackend } from '@palaute/engine';
import { FeedbackLauncher, PalauteProvider, type Theme } from '@palaute/react';
import '../../packages/react/src/styles.css';
import { createRoot, type Root } from 'react-dom/client';
import { cdp } from 'vitest/browser';
import { inAct } from './act';
import { backgroundOf, textContrast } from './contrast';

const mounted: { root: Root; host: HTMLElement }[] = [];

/** The launcher's own button (its form, `kinds`) in the given theme, with the stylesheet. */
async function launcher(theme?: Theme) {
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  mounted.push({ root, host });
  await inAct(() =>
    root.render(
      <PalauteProvider backend={createMemoryBackend()} customer={{ id: 'c-1' }} outbox={false}>
        <FeedbackLauncher kinds theme={theme} />
      </PalauteProvider>,
    ),
  );
  const button = host.querySelector<HTMLElement>('.palaute-FeedbackLauncher');
  if (!button) throw new Error('The launcher is not shown.');
  return button;
}

const rgb = (element: Element) => backgroundOf(element).slice(0, 3).map(Math.round);

describe('the Feedback launcher follows its theme, in Chromium', () => {
  afterEach(async () => {
    for (const { root, host } of mounted.splice(0)) {
      root.unmount();
      host.remove();
    }
    await cdp().send('Emulation.setEmulatedMedia', { features: [] });
  });

  it('given no theme › a light button', async () => {
    const button = await launcher();
    expect(rgb(button)).toEqual([255, 255, 255]);
    expect(textContrast(button)).toBeGreaterThanOrEqual(4.5);
  });

  it('given theme="dark" › the dark palette, its text readable', async () => {
    const button = await launcher('dark');
    expect(button).toHaveAttribute('data-theme', 'dark');
    expect(rgb(button)).toEqual([17, 24, 39]);
    expect(textContrast(button)).toBeGreaterThanOrEqual(4.5);
  });

  it('given theme="auto" › light in a light scheme, dark in a dark one', async () => {
    const button = await launcher('auto');
    expect(rgb(button)).toEqual([255, 255, 255]);
    await cdp().send('Emulation.setEmulatedMedia', {
      features: [{ name: 'prefers-color-scheme', value: 'dark' }],
    });
    expect(rgb(button)).toEqual([17, 24, 39]);
    expect(textContrast(button)).toBeGreaterThanOrEqual(4.5);
  });
});
