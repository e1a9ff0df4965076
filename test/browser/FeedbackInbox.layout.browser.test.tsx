import { createMemoryBackend, defineBoard, defineSurvey } from '@palaute/engine';
import { FeedbackInbox, PalauteProvider } from '@palaute/react';
import { createRoot, type Root } from 'react-dom/client';
import '../../packages/react/src/styles.css';
import {
  anna,
  answer,
  createClock,
  createLoop,
  loopSurvey,
  seedBoardItems,
  seedInbox,
} from '../fixtures/feedback';
import { inAct } from './act';

/** A survey whose "why" question is a long sentence, as hosts write them. */
const wordySurvey = defineSurvey({
  ...loopSurvey,
  questions: loopSurvey.questions.map((question) =>
    question.id === 'why'
      ? {
          ...question,
          title:
            'What is the one thing that would have made sending your first invoice with Laskutin easier for you and your accountant?',
        }
      : question,
  ),
});

const mounted: { root: Root; host: HTMLElement }[] = [];

afterEach(async () => {
  for (const { root, host } of mounted.splice(0)) {
    await inAct(() => root.unmount());
    host.remove();
  }
});

/** Mounts the team's inbox in a box as wide as a page's content column, and opens its one item. */
async function openItem(width: number) {
  const { backend, clock } = createLoop();
  await answer(
    backend,
    clock,
    {
      id: 'fb-wordy-0001',
      customerId: 'c-1',
      nps: 4,
      why: 'Finding where the reference number goes took me half an hour.',
      contact: true,
    },
    wordySurvey,
  );
  const host = document.createElement('div');
  host.style.width = `${width}px`;
  document.body.append(host);
  const root = createRoot(host);
  mounted.push({ root, host });
  await inAct(() =>
    root.render(
      <PalauteProvider backend={backend} outbox={false}>
        <FeedbackInbox
          team={backend.team}
          by={anna}
          now={clock.now}
          timeZone="UTC"
          refreshMs={0}
          surveys={[wordySurvey]}
        />
      </PalauteProvider>,
    ),
  );
  const open = await vi.waitFor(() => {
    const button = host.querySelector<HTMLButtonElement>('[data-part="open"]');
    if (!button) throw new Error('The list has not loaded yet.');
    return button;
  });
  await inAct(() => open.click());
  return vi.waitFor(() => {
    const answers = host.querySelector<HTMLElement>('[data-part="answers"]');
    if (!answers) throw new Error('The item has not opened yet.');
    return { host, answers };
  });
}

// A 1280 px page's content column, a 390 px phone's, and 1280 px at 400 % zoom (320 px).
describe.each([
  [1248, 'desktop'],
  [358, 'phone'],
  [288, '400 % zoom'],
])('FeedbackInbox answers at %i px (%s), in Chromium', (width) => {
  it('keeps every question and answer inside the item, with room to read the answer', async () => {
    const { host, answers } = await openItem(width);
    const right = host.getBoundingClientRect().right;
    const cells = [...answers.querySelectorAll('dt, dd')];
    expect(cells.length).toBeGreaterThanOrEqual(4);
    for (const cell of cells) {
      const box = cell.getBoundingClientRect();
      expect(box.right, cell.textContent ?? '').toBeLessThanOrEqual(right + 0.5);
      expect(box.width, cell.textContent ?? '').toBeGreaterThan(0);
    }
    const reason = [...answers.querySelectorAll('dd')].find((dd) =>
      dd.textContent?.includes('reference number'),
    ) as HTMLElement;
    // Nothing in the item is wider than the column (no sideways scrolling, WCAG 1.4.10 at 320 px).
    const wider = [...host.querySelectorAll('*')].filter(
      (element) => element.getBoundingClientRect().right > right + 0.5,
    );
    expect(wider.map((element) => element.outerHTML.slice(0, 80))).toEqual([]);
    // The answer gets at least half of the item's width, so it never reads one word per line.
    expect(reason.getBoundingClientRect().width).toBeGreaterThanOrEqual(
      answers.getBoundingClientRect().width / 2,
    );
  });
});

/** Mounts the inbox with the board's ideas beside the feedback, and opens the first idea. */
async function openIdea(width: number) {
  const clock = createClock();
  const board = defineBoard({ id: 'ideas', moderation: 'publish' });
  const backend = createMemoryBackend({ now: clock.now, board });
  await seedInbox(backend, clock);
  await seedBoardItems(backend, clock);
  const host = document.createElement('div');
  host.style.width = `${width}px`;
  document.body.append(host);
  const root = createRoot(host);
  mounted.push({ root, host });
  await inAct(() =>
    root.render(
      <PalauteProvider backend={backend} outbox={false}>
        <FeedbackInbox
          team={backend.team}
          by={anna}
          now={clock.now}
          timeZone="UTC"
          refreshMs={0}
          surveys={[loopSurvey]}
          ideas={{ board, port: backend.team.board }}
        />
      </PalauteProvider>,
    ),
  );
  const open = await vi.waitFor(() => {
    const button = host.querySelector<HTMLButtonElement>('.palaute-InboxIdeas [data-part="open"]');
    if (!button) throw new Error('The ideas have not loaded yet.');
    return button;
  });
  await inAct(() => open.click());
  return vi.waitFor(() => {
    const panel = host.querySelector<HTMLElement>('.palaute-ModerationPanel');
    if (!panel?.querySelector('textarea')) throw new Error('The idea has not opened yet.');
    return { host, panel };
  });
}

describe.each([
  [1248, 'desktop'],
  [358, 'phone'],
  [288, '400 % zoom'],
])('FeedbackInbox ideas at %i px (%s), in Chromium', (width) => {
  it('keeps the idea’s moderation panel inside the inbox, its forms in rows that wrap', async () => {
    const { host, panel } = await openIdea(width);
    const right = host.getBoundingClientRect().right;
    const wider = [...host.querySelectorAll('*')].filter(
      (element) => element.getBoundingClientRect().right > right + 0.5,
    );
    expect(wider.map((element) => element.outerHTML.slice(0, 80))).toEqual([]);
    // The board's panel lays its forms out itself: a row that wraps, not the inbox's column.
    for (const form of panel.querySelectorAll('form'))
      expect(getComputedStyle(form).flexDirection).toBe('row');
    // The idea's facts read as one line of text, not the inbox item's two-column grid.
    expect(getComputedStyle(panel.querySelector('[data-part="facts"]') as Element).display).toBe(
      'block',
    );
  });
});
