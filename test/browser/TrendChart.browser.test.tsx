import { PalauteProvider, TrendChart } from '@palaute/react';
import { createRoot, type Root } from 'react-dom/client';
import { userEvent } from 'vitest/browser';
import '../../packages/react/src/styles.css';
import { significantRise } from '../fixtures/metrics';
import { inAct } from './act';

const mounted: { root: Root; host: HTMLElement }[] = [];

async function show(dir: 'ltr' | 'rtl' = 'ltr') {
  const host = document.createElement('div');
  host.dir = dir;
  document.body.append(host);
  const root = createRoot(host);
  await inAct(() =>
    root.render(
      <PalauteProvider backend={undefined} outbox={false}>
        <button type="button">Before</button>
        <TrendChart kind="nps" granularity="month" points={significantRise} />
      </PalauteProvider>,
    ),
  );
  mounted.push({ root, host });
  const plot = host.querySelector<HTMLElement>('[data-part="plot"]') as HTMLElement;
  const readout = host.querySelector<HTMLElement>('[data-part="readout"]') as HTMLElement;
  const before = host.querySelector('button') as HTMLButtonElement;
  return { host, plot, readout, before };
}

/** The centre of the point under the cursor, on screen. */
function currentX(host: HTMLElement): number {
  const marker = host.querySelector('[data-part="point"][data-current] circle');
  if (!marker) throw new Error('No point is under the cursor.');
  const box = marker.getBoundingClientRect();
  return box.left + box.width / 2;
}

afterEach(async () => {
  for (const { root, host } of mounted.splice(0)) {
    await inAct(() => root.unmount());
    host.remove();
  }
});

describe('TrendChart in Chromium', () => {
  it('given the plot reached by Tab › real arrow keys move the data cursor rightwards and the polite live region reads each stop', async () => {
    const { host, plot, readout, before } = await show();
    before.focus();
    await userEvent.keyboard('{Tab}');
    expect(document.activeElement).toBe(plot);
    // The live region is in the page (and visible) before it speaks, so screen readers watch it.
    expect(readout.getAttribute('aria-live')).toBe('polite');
    expect(readout.textContent).toBe('');
    // Focus shows: the stylesheet's ring is drawn around the focused plot.
    expect(getComputedStyle(plot).outlineStyle).toBe('solid');

    await userEvent.keyboard('{ArrowRight}');
    expect(readout.textContent).toBe(
      'January 2026: +18, 95 % interval +12 to +24, n = 400. Target +20.',
    );
    expect(getComputedStyle(readout).display).not.toBe('none');
    const first = currentX(host);
    await userEvent.keyboard('{ArrowRight}');
    expect(readout.textContent).toMatch(/^February 2026: \+20/);
    expect(currentX(host)).toBeGreaterThan(first);
    const rule = host.querySelector('[data-part="cursor"]')?.getBoundingClientRect();
    expect(rule?.height).toBeGreaterThan(50);

    await userEvent.keyboard('{End}');
    expect(readout.textContent).toMatch(/^December 2026: \+41/);
    await userEvent.keyboard('{ArrowRight}');
    expect(readout.textContent).toMatch(/^December 2026/);
    await userEvent.keyboard('{Home}');
    expect(readout.textContent).toMatch(/^January 2026/);
    // The page does not scroll under the arrow keys while the plot has focus.
    expect(document.activeElement).toBe(plot);
  });

  it('given a right-to-left page › time still runs left to right, and the right arrow still moves right', async () => {
    const { host, plot } = await show('rtl');
    plot.focus();
    await userEvent.keyboard('{ArrowRight}');
    const first = currentX(host);
    await userEvent.keyboard('{ArrowRight}');
    expect(currentX(host)).toBeGreaterThan(first);
    expect(getComputedStyle(host.querySelector('figcaption') as HTMLElement).direction).toBe('rtl');
  });

  it('given "Show as table" pressed with Enter › the table shows, and the toggle says it is expanded', async () => {
    const { host, plot } = await show();
    plot.focus();
    await userEvent.keyboard('{Tab}');
    const toggle = document.activeElement as HTMLButtonElement;
    expect(toggle.textContent).toBe('Show as table');
    await userEvent.keyboard('{Enter}');
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const table = host.querySelector('table') as HTMLTableElement;
    expect(table.getBoundingClientRect().height).toBeGreaterThan(100);
  });
});
