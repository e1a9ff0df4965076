import type { CxLevelSummary } from '@palaute/engine';
import { CxLevels, fi, PalauteProvider, ScoreBreakdown, TrendChart } from '@palaute/react';
import type { ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import '../../packages/react/src/styles.css';
import { q1, significantRise } from '../fixtures/metrics';
import { inAct } from './act';

const mounted: { root: Root; host: HTMLElement }[] = [];

/** Mounts a chart in a box as wide as a page's content column at the given width. */
async function mount(width: number, chart: ReactNode, locale = 'en') {
  const host = document.createElement('div');
  host.style.width = `${width}px`;
  document.body.append(host);
  const root = createRoot(host);
  await inAct(() =>
    root.render(
      <PalauteProvider locales={{ fi }} backend={undefined} outbox={false} locale={locale}>
        {chart}
      </PalauteProvider>,
    ),
  );
  // The plot is measured after the first paint (a ResizeObserver), then laid out again.
  await inAct(() => new Promise<void>((resolve) => requestAnimationFrame(() => resolve())));
  await inAct(() => new Promise<void>((resolve) => setTimeout(resolve, 50)));
  mounted.push({ root, host });
  return host;
}

function boxes(elements: Iterable<Element>): DOMRect[] {
  return [...elements].map((element) => element.getBoundingClientRect());
}

function overlapping(rects: readonly DOMRect[]): [number, number] | undefined {
  for (let a = 0; a < rects.length; a++)
    for (let b = a + 1; b < rects.length; b++) {
      const [one, two] = [rects[a] as DOMRect, rects[b] as DOMRect];
      const apart =
        one.right <= two.left ||
        two.right <= one.left ||
        one.bottom <= two.top ||
        two.bottom <= one.top;
      if (!apart) return [a, b];
    }
  return undefined;
}

afterEach(async () => {
  for (const { root, host } of mounted.splice(0)) {
    await inAct(() => root.unmount());
    host.remove();
  }
});

// The content column of a 1280 px page, of a 390 px phone, and of 1280 px at 400 % zoom (320 px).
describe.each([
  [1248, 'desktop'],
  [358, 'phone'],
  [288, '400 % zoom'],
])('TrendChart at %i px (%s)', (width) => {
  it('› the month labels never overlap, the latest is labelled, and the axis text keeps its size', async () => {
    const host = await mount(
      width,
      <TrendChart kind="nps" granularity="month" points={significantRise} />,
    );
    const labels = [...host.querySelectorAll('[data-part="axis"] text')];
    const monthLabels = labels.filter((label) => /2026/.test(label.textContent ?? ''));
    expect(monthLabels.length).toBeGreaterThanOrEqual(2);
    expect(overlapping(boxes(monthLabels))).toBeUndefined();
    expect(monthLabels.at(-1)?.textContent).toMatch(/^Dec/);
    // 12 px text, not scaled down with the drawing (it was 6.5 px on a phone) nor up (19 px).
    for (const box of boxes(labels)) {
      expect(box.height).toBeGreaterThan(11);
      expect(box.height).toBeLessThan(18);
    }
    // Every label stays inside the figure.
    const figure = (host.querySelector('figure') as HTMLElement).getBoundingClientRect();
    for (const box of boxes(labels)) {
      expect(box.left).toBeGreaterThanOrEqual(figure.left);
      expect(box.right).toBeLessThanOrEqual(figure.right);
    }
  });

  it('› the breakdown’s labels never overlap and keep their size, in English and Finnish', async () => {
    for (const locale of ['en', 'fi']) {
      const host = await mount(width, <ScoreBreakdown nps={q1} />, locale);
      const texts = [...host.querySelectorAll('svg text')];
      expect(texts.length).toBe(4);
      expect(overlapping(boxes(texts))).toBeUndefined();
      const figure = (host.querySelector('figure') as HTMLElement).getBoundingClientRect();
      for (const box of boxes(texts)) {
        expect(box.height).toBeGreaterThan(12);
        expect(box.height).toBeLessThan(19);
        expect(box.left).toBeGreaterThanOrEqual(figure.left);
        expect(box.right).toBeLessThanOrEqual(figure.right);
      }
    }
  });
});

/** A level's row as the report gives it. */
const level = (
  name: CxLevelSummary['level'],
  open: number,
  closed: number,
  medianHours: number | null,
  shippedShare: number | null,
): CxLevelSummary => ({
  level: name,
  open,
  closed,
  timeToClose: { count: closed, medianHours, p90Hours: medianHours },
  shipped: 0,
  shippedShare,
});
const levels = [
  level('necessity', 38, 5, 1300.5, 20),
  level('differentiation', 12, 33, 1099.2, 80),
  level('vision', 1, 1, 5, 0),
  level(null, 1452, 123, 84, 0),
];

describe('CxLevels', () => {
  it.each([
    [358, 'phone'],
    [288, '400 % zoom'],
  ])(
    'at %i px (%s) › only the table scrolls, in a region named apart that takes focus, in English and Finnish',
    async (width) => {
      for (const locale of ['en', 'fi']) {
        // In the sans-serif a host's dashboard uses (the browser's default serif is narrower).
        const host = await mount(
          width,
          <div style={{ fontFamily: 'sans-serif' }}>
            <CxLevels levels={levels} />
          </div>,
          locale,
        );
        const section = host.querySelector('.palaute-CxLevels') as HTMLElement;
        const scroll = section.querySelector('[data-part="scroll"]') as HTMLElement;
        const table = section.querySelector('table') as HTMLElement;
        // The table is wider than the column, and nothing of it leaves the section's box.
        expect(table.getBoundingClientRect().width, locale).toBeGreaterThan(width);
        expect(section.scrollWidth, locale).toBeLessThanOrEqual(width);
        expect(scroll.scrollWidth, locale).toBeGreaterThan(scroll.clientWidth);
        expect(scroll.getAttribute('role'), locale).toBe('region');
        expect(scroll.tabIndex, locale).toBe(0);
        expect(scroll.getAttribute('aria-label'), locale).toBe(
          locale === 'en' ? 'CX levels table' : 'Asiakaskokemuksen tasot, taulukko',
        );
        expect(scroll.getAttribute('aria-label')).not.toBe(
          section.querySelector('[data-part="title"]')?.textContent,
        );
        // Focused, it scrolls sideways (as the arrow keys do) and shows its focus.
        scroll.focus();
        expect(document.activeElement).toBe(scroll);
        expect(getComputedStyle(scroll).outlineStyle).toBe('solid');
        scroll.scrollLeft = 40;
        expect(scroll.scrollLeft).toBeGreaterThan(0);
      }
    },
  );

  it('at 1248 px (desktop) › the table fits: no region, no extra tab stop', async () => {
    const host = await mount(1248, <CxLevels levels={levels} />);
    const scroll = host.querySelector('[data-part="scroll"]') as HTMLElement;
    expect(scroll.scrollWidth).toBeLessThanOrEqual(scroll.clientWidth);
    expect(scroll.hasAttribute('role')).toBe(false);
    expect(scroll.hasAttribute('tabindex')).toBe(false);
    expect(scroll.hasAttribute('aria-label')).toBe(false);
  });
});
