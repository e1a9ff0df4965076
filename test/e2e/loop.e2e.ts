import type { Browser, Page } from 'playwright';
import {
  axe,
  describeFocus,
  launchChromium,
  press,
  type RunningDemo,
  startDemo,
  tabTo,
} from './demo';
import { listFeedback, listImpact } from './team-api';

let demo: RunningDemo;
let browser: Browser;

beforeAll(async () => {
  [demo, browser] = await Promise.all([startDemo({ empty: true }), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

/** A persona in a browser context of its own, as on its own machine. */
async function signIn(persona: string, screen: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${demo.url}/?as=${persona}#${screen}`);
  return page;
}

/** The persona comes back later: a new visit (a full page load), straight to `screen`. */
async function revisit(page: Page, persona: string, screen: string) {
  await page.goto('about:blank');
  await page.goto(`${demo.url}/?as=${persona}#${screen}`);
}

const annaWords = 'Setting up reminders takes far too many clicks';
const reply = 'Thank you, Anna. Which reminders do you set up most often?';
const weDid = 'Reminders can now be set for all open invoices at once';

describe('the dialogue, end to end in the demo', () => {
  it('given Anna answers the dashboard NPS by keyboard only › the team sees and answers it, ships a linked change, and exactly Anna hears of it', async () => {
    // Anna, on her dashboard: the relational NPS opens on its own, focus on the scale.
    const anna = await signIn('anna', 'dashboard');
    const dialog = anna.getByRole('dialog', { name: 'A quick question' });
    await dialog.waitFor();
    await vi.waitFor(async () =>
      expect(await describeFocus(anna)).toMatch(/^button\[role=radio\]/),
    );
    for (let i = 0; i < 4; i++) await anna.keyboard.press('ArrowRight');
    expect(await dialog.getByRole('radio', { checked: true }).getAttribute('data-value')).toBe('4');
    await press(anna, '[data-part="next"]');
    await tabTo(anna, 'textarea, input[type="text"]');
    await anna.keyboard.type(annaWords);
    await press(anna, '[data-part="next"]');
    await press(anna, 'input[type="checkbox"]', 'Space');
    await press(anna, '[data-part="next"]');
    await dialog.getByRole('heading', { name: 'Thank you — we hear you.' }).waitFor();
    await press(anna, '[data-part="next"]');
    await dialog.waitFor({ state: 'detached' });

    // Ben tells the team something of his own, through the launcher.
    const ben = await signIn('ben', 'dashboard');
    await ben.getByRole('button', { name: 'Feedback', exact: true }).click();
    const general = ben.getByRole('dialog', { name: 'Send feedback' });
    await general.getByRole('radio', { name: 'An idea' }).check();
    await general
      .getByRole('textbox', { name: 'Tell us more' })
      .fill('Recurring invoices would save me an hour a month');
    await general.getByRole('checkbox', { name: 'You may contact me about this' }).check();
    await general.getByRole('button', { name: 'Send' }).click();
    await general.locator('[data-part="close"]').click();

    // Both answers reach the server once each.
    await vi.waitFor(async () => expect(await listFeedback(demo.url)).toHaveLength(2), {
      timeout: 15_000,
    });
    const items = await listFeedback(demo.url);
    const annas = items.find((item) => item.customerId === 'anna-korhonen');
    expect(annas?.answers).toMatchObject({ nps: 4, why: annaWords, contact: true });

    // The team: Anna's answer is in the inbox, named as Laskutin knows her; Sofia replies.
    const team = await signIn('team', '');
    const inbox = team.getByRole('region', { name: 'Feedback inbox' });
    await inbox.getByRole('button', { name: new RegExp(`^${annaWords}`) }).click();
    const view = inbox.getByRole('region', {
      name: 'Feedback from Anna Korhonen, Korhonen Studio',
    });
    await view.getByRole('textbox', { name: 'Reply to the customer' }).fill(reply);
    await view.getByRole('button', { name: 'Send reply' }).click();
    await view.getByRole('list', { name: 'Conversation' }).getByText(reply).waitFor();
    expect(await axe(team)).toEqual([]);

    // Anna sees the reply under "Your feedback".
    await anna.getByRole('link', { name: 'Your feedback' }).click();
    const mine = anna.getByRole('region', { name: 'Your feedback' });
    await mine.getByRole('button', { name: 'Conversation, 1 message, 1 new' }).click();
    const thread = mine.getByRole('list', { name: 'Conversation' });
    await thread.getByText(reply).waitFor();
    // Signed by the team member whose token the server took it from.
    expect(await thread.getByRole('listitem').first().textContent()).toContain(
      'Sofia from Laskutin',
    );
    expect(await axe(anna)).toEqual([]);

    // The team links Anna's feedback (not Ben's) to a change it shipped.
    await inbox.getByRole('checkbox', { name: `Select for a change: ${annaWords}` }).check();
    const change = inbox.getByRole('form', { name: 'Link to a shipped change' });
    await change.getByLabel('What we did').fill(weDid);
    await change.getByRole('button', { name: 'Ship the change' }).click();
    // Said where the team shipped it (and announced).
    await change.getByText('Change shipped. The customer behind 1 item will hear of it.').waitFor();
    await team
      .getByRole('status')
      .filter({ hasText: 'Change shipped. The customer behind 1 item will hear of it.' })
      .waitFor({ state: 'attached' });
    expect((await listImpact(demo.url, 'anna')).map((notice) => notice.weDid)).toEqual([weDid]);
    expect(await listImpact(demo.url, 'ben')).toEqual([]);

    // Anna, at her next visit's first touchpoint: "You said, we did".
    await revisit(anna, 'anna', 'dashboard');
    const impact = anna.getByRole('dialog', { name: 'You said, we did' });
    await impact.getByText(weDid).waitFor();
    expect(await axe(anna)).toEqual([]);
    await impact.getByRole('button', { name: 'Done' }).click();
    await impact.waitFor({ state: 'detached' });
    // Seen: recorded on the server, so it is not shown again on any device.
    await vi.waitFor(async () => expect(await listImpact(demo.url, 'anna')).toEqual([]));

    // Ben, at the same touchpoint: nothing to tell him; his feedback stands as it was.
    await revisit(ben, 'ben', 'feedback');
    const bens = ben.getByRole('region', { name: 'Your feedback' }).getByRole('article');
    await bens.waitFor();
    expect(await bens.locator('.palaute-ImpactNotice').count()).toBe(0);
    await revisit(ben, 'ben', 'dashboard');
    await ben.waitForLoadState('networkidle');
    expect(await ben.getByRole('dialog').count()).toBe(0);
  });
});
