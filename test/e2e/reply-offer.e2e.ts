/**
 * The team's reply offered at the customer's next touchpoint, end to end and by keyboard: the team
 * answers Anna in its inbox; at her next visit's first touchpoint the journey offers the reply (the
 * `TeamReply` in `OfferedFeedback`, through `useReplyOffer`); she reads it, and it is not offered
 * again.
 */
import type { Browser, Locator, Page } from 'playwright';
import {
  axe,
  describeFocus,
  launchChromium,
  press,
  type RunningDemo,
  startDemo,
  tabTo,
} from './demo';
import { listFeedback } from './team-api';

let demo: RunningDemo;
let browser: Browser;

beforeAll(async () => {
  [demo, browser] = await Promise.all([startDemo({ empty: true }), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

async function signIn(persona: string, screen: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${demo.url}/?as=${persona}#${screen}`);
  return page;
}

/** A new visit (a full page load), straight to `screen`. */
async function revisit(page: Page, persona: string, screen: string) {
  await page.goto('about:blank');
  await page.goto(`${demo.url}/?as=${persona}#${screen}`);
}

/** Focuses a control the way a keyboard user lands on it, then presses `key` on it. */
async function activate(control: Locator, key = 'Enter') {
  await control.focus();
  await control.page().keyboard.press(key);
}

const annaWords = 'The invoice list forgets my filters every time';
const teamReply = 'Thank you, Anna. Which filters do you use most?';
const annaBack = 'The due date filter, every morning.';

describe('a team reply offered at the next touchpoint', () => {
  it('given the team replies to Anna › at her next touchpoint the reply is offered in a dialog, by keyboard and axe clean, and she writes back right there; once she has read it › it is not offered again', async () => {
    // Anna answers the dashboard's NPS by keyboard, with words and consent to be contacted.
    const anna = await signIn('anna', 'dashboard');
    const survey = anna.getByRole('dialog', { name: 'A quick question' });
    await survey.waitFor();
    await vi.waitFor(async () =>
      expect(await describeFocus(anna)).toMatch(/^button\[role=radio\]/),
    );
    for (let i = 0; i < 5; i++) await anna.keyboard.press('ArrowRight');
    await press(anna, '[data-part="next"]');
    await tabTo(anna, 'textarea, input[type="text"]');
    await anna.keyboard.type(annaWords);
    await press(anna, '[data-part="next"]');
    await press(anna, 'input[type="checkbox"]', 'Space');
    await press(anna, '[data-part="next"]');
    await survey.getByRole('heading', { name: 'Thank you — we hear you.' }).waitFor();
    await press(anna, '[data-part="next"]');
    await survey.waitFor({ state: 'detached' });
    await vi.waitFor(async () => expect(await listFeedback(demo.url)).toHaveLength(1), {
      timeout: 15_000,
    });

    // The team replies, by keyboard.
    const team = await signIn('team', '');
    const inbox = team.getByRole('region', { name: 'Feedback inbox' });
    await activate(inbox.getByRole('button', { name: new RegExp(`^${annaWords}`) }));
    const view = inbox.getByRole('region', { name: /^Feedback from / });
    await activate(view.getByRole('textbox', { name: 'Reply to the customer' }), 'End');
    await team.keyboard.type(teamReply);
    await activate(view.getByRole('button', { name: 'Send reply' }));
    await view.getByRole('list', { name: 'Conversation' }).getByText(teamReply).waitFor();

    // Anna's next visit, first touchpoint: the survey is not asked again; the reply is offered.
    await revisit(anna, 'anna', 'dashboard');
    const offered = anna.getByRole('dialog', { name: 'The team replied to your feedback' });
    await offered.waitFor({ timeout: 20_000 });
    const reply = offered.getByRole('article');
    expect(await reply.getByRole('heading').textContent()).toBe('Sofia from Laskutin replied');
    expect(await reply.locator('[data-part="you-said"] q').textContent()).toBe(annaWords);
    expect(await reply.locator('[data-part="body"]').textContent()).toBe(teamReply);
    // Announced, and focus is in the dialog, on its first control.
    await offered
      .getByRole('status')
      .filter({ hasText: 'Our team replied to your feedback (1 new).' })
      .waitFor({ state: 'attached' });
    await vi.waitFor(async () =>
      expect(
        await anna.evaluate(() => Boolean(document.activeElement?.closest('[role="dialog"]'))),
      ).toBe(true),
    );
    expect(await axe(anna)).toEqual([]);

    // She writes back right there, by keyboard: through her outbox to the thread, announced.
    await tabTo(anna, 'textarea');
    expect(await describeFocus(anna)).toBe('textarea[role=] Write back to the team');
    await anna.keyboard.type(annaBack);
    await press(anna, '[data-part="send"]');
    await offered
      .getByRole('list', { name: 'What you wrote back' })
      .getByText('Sent')
      .waitFor({ timeout: 20_000 });
    await offered
      .getByRole('status')
      .filter({ hasText: 'Your answer was sent.' })
      .waitFor({ state: 'attached' });
    expect(await axe(anna)).toEqual([]);

    // She has read it: closed by keyboard; the read receipt and her answer reach the server.
    await press(anna, '[data-part="next"]');
    await offered.waitFor({ state: 'detached' });
    await vi.waitFor(
      async () => {
        const [item] = await listFeedback(demo.url);
        expect(item?.replies.map((entry) => [entry.author.kind, entry.body])).toEqual([
          ['team', teamReply],
          ['customer', annaBack],
        ]);
        expect(item?.replies[0]?.readAt).toBeDefined();
      },
      { timeout: 15_000 },
    );

    // The next visits: not offered again, and no badge says it is new.
    await revisit(anna, 'anna', 'dashboard');
    await anna.waitForLoadState('networkidle');
    expect(await anna.getByRole('dialog').count()).toBe(0);
    expect(await anna.locator('.palaute-FeedbackLauncher[data-replies]').count()).toBe(0);
    await revisit(anna, 'anna', 'invoices');
    await anna.waitForLoadState('networkidle');
    expect(await anna.getByRole('dialog').count()).toBe(0);
  });
});
