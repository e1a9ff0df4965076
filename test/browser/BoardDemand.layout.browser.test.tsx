import { BoardDemand, PalauteProvider } from '@palaute/react';
import axe from 'axe-core';
import { createRoot, type Root } from 'react-dom/client';
import '../../packages/react/src/styles.css';
import { seedDemand } from '../fixtures/demand';
import { inAct } from './act';

const mounted: { root: Root; host: HTMLElement }[] = [];

afterEach(async () => {
  for (const { root, host } of mounted.splice(0)) {
    await inAct(() => root.unmount());
    host.remove();
  }
});

/** Mounts the demand table in a box as wide as a phone's content column and waits for its rows. */
async function mount(width: number, withOpen = false): Promise<HTMLTableElement> {
  const backend = await seedDemand();
  const host = document.createElement('div');
  host.style.width = `${width}px`;
  document.body.append(host);
  const root = createRoot(host);
  mounted.push({ root, host });
  await inAct(() =>
    root.render(
      <PalauteProvider outbox={false}>
        <BoardDemand port={backend.team.board} {...(withOpen ? { onOpen: () => {} } : {})} />
      </PalauteProvider>,
    ),
  );
  await expect.poll(() => host.querySelector('tbody tr'), { timeout: 10_000 }).not.toBeNull();
  return host.querySelector('table') as HTMLTableElement;
}

/** The words of an element's text that the browser broke across lines. */
function brokenWords(element: Element): string[] {
  const broken: string[] = [];
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent ?? '';
    for (const match of text.matchAll(/\S+/g)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
      if (lines.size > 1) broken.push(match[0]);
    }
  }
  return broken;
}

describe('BoardDemand at a phone width, in Chromium', () => {
  it.each([390, 320])(
    'given %i px › the column headers keep their words whole and the table stays inside its box',
    async (width) => {
      const table = await mount(width);
      const headers = [...table.querySelectorAll('thead th')];
      expect(headers.map((th) => th.textContent)).toEqual([
        'Idea',
        'Detractors',
        'All voters',
        'Share',
      ]);
      expect(headers.flatMap(brokenWords)).toEqual([]);
      // The number columns are no wider than their headers' longest word and the cell's padding
      // (16 px): the titles keep the rest.
      expect(
        headers
          .slice(1)
          .filter((th) => th.getBoundingClientRect().width > longestWord(th) + 16 + 2),
      ).toEqual([]);
      // The ideas' titles, what the table is about, keep over a third of its width.
      expect(
        (headers[0]?.getBoundingClientRect().width ?? 0) / table.getBoundingClientRect().width,
      ).toBeGreaterThan(0.35);
      expectInside(table);
    },
  );
});

describe('BoardDemand narrower than its headers need, in Chromium', () => {
  // The demo's page at 320 px (1.5rem of page padding each side: a 272 px box, 240 px inside), and
  // the same at 400 % zoom of a 1,280 px window (320 CSS px): below 18rem the rows are stacked.
  it.each([
    [272, false],
    [240, false],
    [320, true],
  ])(
    'given a %i px box (with "Open": %s) › no header breaks a word, each number says its column, and the table stays inside',
    async (width, withOpen) => {
      const table = await mount(width, withOpen);
      const shown = [...table.querySelectorAll('thead th')].filter(
        (th) => th.getClientRects().length > 0,
      );
      expect(shown.flatMap(brokenWords)).toEqual([]);
      const numbers = [...table.querySelectorAll('tbody td[data-label]')];
      expect(numbers.length).toBeGreaterThan(0);
      if (shown.length === 0)
        // The header row is not shown: each number is preceded by its column's name.
        expect(
          numbers.filter(
            (td) =>
              getComputedStyle(td, '::before').content !== `"${td.getAttribute('data-label')}: "`,
          ),
        ).toEqual([]);
      // Every number cell (with its name) on one line and inside the box.
      const box = table.closest('.palaute-BoardDemand') as HTMLElement;
      const right = box.getBoundingClientRect().right + 0.5;
      expect(numbers.filter((td) => td.getBoundingClientRect().right > right)).toEqual([]);
      expect(
        [...table.querySelectorAll('tbody th')].filter(
          (th) => th.getBoundingClientRect().right > right,
        ),
      ).toEqual([]);
      expectInside(table);
      // Stacked, it is still a table to assistive technology, with contrast to spare.
      const { violations } = await axe.run(box);
      expect(violations.map((violation) => violation.id)).toEqual([]);
    },
  );
});

/** The width of an element's longest word as laid out. */
function longestWord(element: Element): number {
  const range = document.createRange();
  let widest = 0;
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const match of (node.textContent ?? '').matchAll(/\S+/g)) {
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      widest = Math.max(widest, range.getBoundingClientRect().width);
    }
  }
  return widest;
}

function expectInside(table: HTMLTableElement) {
  const box = table.closest('.palaute-BoardDemand') as HTMLElement;
  expect(table.getBoundingClientRect().right).toBeLessThanOrEqual(
    box.getBoundingClientRect().right + 0.5,
  );
}
