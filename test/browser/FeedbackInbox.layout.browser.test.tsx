import { createMemoryBackend, defineBoard, defineSurvey } from '@palaute/engine';
import { FeedbackInbox, PalauteProvider } from '@palaute/react';
import { createRoot, type Root } from 'react-dom/client';
import '../../packages/react/src/styles.css';
import { cdp, page, userEvent } from 'vitest/browser';
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
import { backgroundOf, contrast, parseColor, textContrasts } from './contrast';

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

/** The first element under `host` matching `selector` (and `test`), once it is rendered. */
function find(
  host: HTMLElement,
  selector: string,
  test: (element: HTMLElement) => boolean = () => true,
) {
  return vi.waitFor(() => {
    const found = [...host.querySelectorAll<HTMLElement>(selector)].find(test);
    if (!found) throw new Error(`Nothing matches ${selector} yet.`);
    return found;
  });
}

/** What sticks out past the inbox's right edge: nothing may (WCAG 1.4.10 at 320 px). */
function outside(host: HTMLElement): string[] {
  const right = host.getBoundingClientRect().right;
  return [...host.querySelectorAll('*')]
    .filter((element) => element.getBoundingClientRect().right > right + 0.5)
    .map((element) => element.outerHTML.slice(0, 80));
}

/** The team's tools in view: every item ticked (the bulk form), an item with a long tag, the ideas. */
async function openTools(width: number, theme: 'dark' | 'auto') {
  await page.viewport(width, 900);
  const clock = createClock();
  const board = defineBoard({ id: 'ideas', moderation: 'publish' });
  const backend = createMemoryBackend({ now: clock.now, board });
  await seedInbox(backend, clock);
  await seedBoardItems(backend, clock);
  const host = document.createElement('div');
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
          theme={theme}
          ideas={{ board, port: backend.team.board }}
        />
      </PalauteProvider>,
    ),
  );
  await userEvent.click(await find(host, '[data-part="check-all-field"] input'));
  await find(host, '[data-part="bulk"]');
  return { host };
}

/** Opens the item "Logging in …" and files it under a tag too long for a phone's line. */
async function tagAnItem(host: HTMLElement) {
  await userEvent.click(
    await find(host, '[data-part="open"]', (element) =>
      /^Logging in/.test(element.textContent ?? ''),
    ),
  );
  const field = await find(host, '[data-part="tag-form"] input');
  await userEvent.fill(field, 'invoicingreferencenumberplacementconfusion');
  await userEvent.keyboard('{Enter}');
  await vi.waitFor(() => {
    if (!host.querySelector('[data-part="tag"]')) throw new Error('The tag is not filed yet.');
  });
  return host.querySelector('[data-part="filing"]') as HTMLElement;
}

/** Opens the board's first idea in the inbox, with its voters by segment. */
async function openIdeaOfTools(host: HTMLElement) {
  const back = host.querySelector<HTMLElement>('[data-part="back"]');
  if (back?.offsetParent) await userEvent.click(back);
  await userEvent.selectOptions(
    host.querySelector('select[data-filter="kind"]') as HTMLSelectElement,
    'idea',
  );
  await userEvent.click(
    await find(host, '.palaute-InboxIdeas [data-part="open"]', (element) =>
      /Export invoices to CSV/.test(element.textContent ?? ''),
    ),
  );
  await vi.waitFor(() => {
    if (!host.querySelector('.palaute-VoterSegments table')) throw new Error('No voters yet.');
  });
  return host.querySelector('.palaute-InboxIdeas') as HTMLElement;
}

describe.each([
  [320, 'dark', 'the theme prop'],
  [390, 'auto', 'prefers-color-scheme: dark'],
  [1280, 'dark', 'the theme prop'],
] as const)(
  'FeedbackInbox team tools at %i px, theme "%s" dark by %s, in Chromium',
  (width, theme, _dark) => {
    beforeEach(async () => {
      await cdp().send('Emulation.setEmulatedMedia', {
        features: theme === 'auto' ? [{ name: 'prefers-color-scheme', value: 'dark' }] : [],
      });
    });
    afterEach(async () => {
      await cdp().send('Emulation.setEmulatedMedia', { features: [] });
      await page.viewport(414, 896);
    });

    it('keeps every tool inside the page: the filters, the bulk form, a long tag, the ideas and voters', async () => {
      const { host } = await openTools(width, theme);
      expect(getComputedStyle(host.firstElementChild as Element).colorScheme).toBe('dark');
      expect(outside(host)).toEqual([]);
      const filing = await tagAnItem(host);
      expect(outside(host)).toEqual([]);
      // The tag filter now offers the long tag: as wide as its column at most.
      await vi.waitFor(() =>
        expect(host.querySelector('[data-filter="tag"]')?.textContent).toContain('confusion'),
      );
      // "Add a tag" reads as a label over its field, the field and "Add" side by side.
      const form = filing.querySelector('[data-part="tag-form"]') as HTMLElement;
      const field = form.querySelector('input') as HTMLElement;
      const add = form.querySelector('button[type="submit"]') as HTMLElement;
      expect(field.getBoundingClientRect().width).toBeGreaterThan(0);
      expect(
        Math.abs(field.getBoundingClientRect().top - add.getBoundingClientRect().top),
      ).toBeLessThan(4);
      expect(field.getBoundingClientRect().left).toBeLessThanOrEqual(
        (form.querySelector('label') as HTMLElement).getBoundingClientRect().left + 0.5,
      );
      const back = host.querySelector<HTMLElement>('[data-part="back"]');
      if (back?.offsetParent) await userEvent.click(back);
      expect(outside(host)).toEqual([]);
      const ideas = await openIdeaOfTools(host);
      expect(outside(host)).toEqual([]);
      expect(ideas.querySelector('.palaute-VoterSegments')).not.toBeNull();
    });

    it('gives every tool’s text a contrast of at least 4.5:1 on the dark palette', async () => {
      const { host } = await openTools(width, theme);
      const low = (element: Element | null) =>
        textContrasts(element as Element).filter(([, ratio]) => ratio < 4.5);
      const filters = host.querySelector('[data-part="filters"]');
      const list = host.querySelector('[data-part="list-pane"]');
      expect(textContrasts(filters as Element).length).toBeGreaterThan(10);
      expect(low(filters)).toEqual([]);
      expect(low(list)).toEqual([]);
      const filing = await tagAnItem(host);
      expect(low(filing)).toEqual([]);
      const ideas = await openIdeaOfTools(host);
      expect(low(ideas)).toEqual([]);
    });

    it('shows a focus ring of at least 3:1 around the search box, a tag’s remove button and the bulk action', async () => {
      const { host } = await openTools(width, theme);
      const ring = async (element: HTMLElement) => {
        element.focus({ focusVisible: true } as FocusOptions);
        await userEvent.keyboard('{Shift>}{Tab}{/Shift}{Tab}');
        expect(document.activeElement).toBe(element);
        const style = getComputedStyle(element);
        expect(style.outlineStyle, element.outerHTML.slice(0, 60)).toBe('solid');
        expect(Number.parseFloat(style.outlineWidth)).toBeGreaterThanOrEqual(2);
        const background = backgroundOf(element.parentElement as Element);
        expect(contrast(parseColor(style.outlineColor), background)).toBeGreaterThanOrEqual(3);
      };
      await ring(
        host.querySelector('[data-filter="text"] input, input[data-filter="text"]') as HTMLElement,
      );
      await ring(await find(host, '[data-part="bulk"] select'));
      const filing = await tagAnItem(host);
      await ring(filing.querySelector('[data-part="tag-remove"]') as HTMLElement);
    });
  },
);
