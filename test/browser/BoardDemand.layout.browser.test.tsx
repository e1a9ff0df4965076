import { BoardDemand, PalauteProvider } from '@palaute/react';
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
async function mount(width: number): Promise<HTMLTableElement> {
  const backend = await seedDemand();
  const host = document.createElement('div');
  host.style.width = `${width}px`;
  document.body.append(host);
  const root = createRoot(host);
  mounted.push({ root, host });
  await inAct(() =>
    root.render(
      <PalauteProvider outbox={false}>
        <BoardDemand port={backend.team.board} />
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
