import { createMemoryBackend, createPalaute, defineBoard } from '@palaute/engine';
import { BoardModeration, FeedbackDialog, FeedbackInbox, PalauteProvider } from '@palaute/react';
import type { ReactNode } from 'react';
import '../../packages/react/src/styles.css';
import { userEvent } from 'vitest/browser';
import { anna, createClock, loopSurvey, seedBoardItems, seedInbox } from '../fixtures/feedback';
import { npsSurvey } from '../fixtures/surveys';
import { mount } from './mount';

/**
 * Hosts that keep a widget's markup apart from their page put it in a shadow root: ids are then
 * the shadow root's, `document.getElementById` does not see them, and `document.activeElement` is
 * the shadow host. These tests mount the team's screens in one, with the stylesheet adopted there,
 * and drive them by keyboard in Chromium.
 */

/** A new element of the page with an open shadow root, the page's stylesheets adopted there. */
function shadowHost(): { host: HTMLElement; shadow: ShadowRoot } {
  const host = document.createElement('div');
  document.body.append(host);
  const shadow = host.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(
    [...document.styleSheets]
      .flatMap((each) => [...each.cssRules].map((rule) => rule.cssText))
      .join('\n'),
  );
  shadow.adoptedStyleSheets = [sheet];
  return { host, shadow };
}

/** Mounts `ui` in a new shadow root; gives the root. */
async function inShadow(ui: ReactNode): Promise<ShadowRoot> {
  const { host, shadow } = shadowHost();
  await mount(ui, { host, container: shadow.appendChild(document.createElement('div')) });
  return shadow;
}

/** The first element under `root` matching `selector` (and `test`), once it is rendered. */
const find = (
  root: ShadowRoot,
  selector: string,
  test: (element: HTMLElement) => boolean = () => true,
) =>
  vi.waitFor(() => {
    const found = [...root.querySelectorAll<HTMLElement>(selector)].find(test);
    if (!found) throw new Error(`Nothing matches ${selector} yet.`);
    return found;
  });

describe('the team’s screens in a shadow root, in Chromium', () => {
  it('given an inbox item opened from its row › Escape puts focus back on that row', async () => {
    const clock = createClock();
    const backend = createMemoryBackend({ now: clock.now });
    await seedInbox(backend, clock);
    const shadow = await inShadow(
      <PalauteProvider backend={backend} outbox={false}>
        <FeedbackInbox
          team={backend.team}
          by={anna}
          now={clock.now}
          timeZone="UTC"
          refreshMs={0}
          surveys={[loopSurvey]}
        />
      </PalauteProvider>,
    );
    const rows = await vi.waitFor(() => {
      const found = shadow.querySelectorAll<HTMLElement>('[data-part="open"]');
      if (found.length < 2) throw new Error('The list has not loaded yet.');
      return found;
    });
    const second = rows[1] as HTMLElement;
    second.focus();
    await userEvent.keyboard('{Enter}');
    await find(shadow, '[data-part="answers"]');
    expect(shadow.activeElement).not.toBe(second);
    await userEvent.keyboard('{Escape}');
    await vi.waitFor(() => expect(shadow.activeElement).toBe(second));
  });

  it('given an idea opened in the moderation board › Escape puts focus back on its row', async () => {
    const clock = createClock();
    const board = defineBoard({ id: 'ideas', moderation: 'publish' });
    const backend = createMemoryBackend({ now: clock.now, board });
    await seedBoardItems(backend, clock);
    const shadow = await inShadow(
      <PalauteProvider outbox={false}>
        <BoardModeration port={backend.team.board} board={board} by={anna} />
      </PalauteProvider>,
    );
    const open = await find(shadow, '[data-part="open"]');
    open.focus();
    await userEvent.keyboard('{Enter}');
    const comment = await find(shadow, '.palaute-ModerationPanel textarea');
    comment.focus();
    await userEvent.keyboard('{Escape}');
    await vi.waitFor(() => expect(shadow.querySelector('.palaute-ModerationPanel')).toBeNull());
    await vi.waitFor(() =>
      expect(shadow.activeElement?.closest('[data-id]')?.getAttribute('data-id')).toBe(
        open.closest('[data-id]')?.getAttribute('data-id'),
      ),
    );
    expect(shadow.activeElement?.getAttribute('data-part')).toBe('open');
  });
});

/** The element focused now, through every open shadow root on the way. */
function focused(): Element | null {
  let element = document.activeElement;
  while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
  return element;
}

describe('the NPS dialog opened from a button in a shadow root, in Chromium', () => {
  /** A host's "Give feedback" button in a shadow root, the dialog in `container` (or the body). */
  async function withTrigger(container?: (shadow: ShadowRoot) => HTMLElement) {
    const backend = createMemoryBackend();
    const client = createPalaute({
      backend,
      customer: { id: 'c-1' },
      surveys: [npsSurvey],
      touchpoints: [{ id: 'dashboard', stage: 'use', channel: 'inProduct' }],
      asks: [],
    });
    const { host, shadow } = shadowHost();
    const place = container?.(shadow);
    await mount(
      <PalauteProvider client={client} outbox={false}>
        <FeedbackDialog
          survey={npsSurvey}
          container={place}
          trigger={<button type="button">Give feedback</button>}
        />
      </PalauteProvider>,
      { host, container: shadow.appendChild(document.createElement('div')) },
    );
    const trigger = shadow.querySelector('button') as HTMLButtonElement;
    return { backend, shadow, trigger };
  }

  it('given the dialog in the page’s body › it opens by keyboard, keeps Tab in it, and Escape dismisses it and puts focus back on the button', async () => {
    const { backend, trigger, shadow } = await withTrigger();
    trigger.focus();
    await userEvent.keyboard('{Enter}');
    const dialog = await vi.waitFor(() => {
      const element = document.querySelector<HTMLElement>('[role="dialog"]');
      if (!element) throw new Error('The dialog is not open yet.');
      return element;
    });
    await vi.waitFor(() => expect(dialog.contains(focused())).toBe(true));
    // Tab and Shift+Tab stay in the dialog.
    for (const key of ['{Tab}', '{Tab}', '{Tab}', '{Shift>}{Tab}{/Shift}']) {
      await userEvent.keyboard(key);
      expect(dialog.contains(focused()), key).toBe(true);
    }
    await userEvent.keyboard('{Escape}');
    await vi.waitFor(() => expect(document.querySelector('[role="dialog"]')).toBeNull());
    await vi.waitFor(() => expect(shadow.activeElement).toBe(trigger));
    await vi.waitFor(() => expect(backend.dismissals()).toHaveLength(1));
  });

  it('given the dialog in the shadow root itself › Tab and Shift+Tab stay in it, and Escape puts focus back on the button', async () => {
    const { trigger, shadow } = await withTrigger((root) => {
      const place = document.createElement('div');
      root.append(place);
      return place;
    });
    trigger.focus();
    await userEvent.keyboard('{Enter}');
    const dialog = await vi.waitFor(() => {
      const element = shadow.querySelector<HTMLElement>('[role="dialog"]');
      if (!element) throw new Error('The dialog is not open yet.');
      return element;
    });
    await vi.waitFor(() => expect(dialog.contains(focused())).toBe(true));
    for (const key of [
      '{Tab}',
      '{Tab}',
      '{Tab}',
      '{Shift>}{Tab}{/Shift}',
      '{Shift>}{Tab}{/Shift}',
    ]) {
      const before = focused();
      await userEvent.keyboard(key);
      expect(dialog.contains(focused()), key).toBe(true);
      expect(focused(), key).not.toBe(before);
    }
    await userEvent.keyboard('{Escape}');
    await vi.waitFor(() => expect(shadow.querySelector('[role="dialog"]')).toBeNull());
    await vi.waitFor(() => expect(shadow.activeElement).toBe(trigger));
  });
});
