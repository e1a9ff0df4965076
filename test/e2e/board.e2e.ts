import { createHmac } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Idea, ImpactNotice } from '@palaute/engine';
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

let demo: RunningDemo;
let browser: Browser;

beforeAll(async () => {
  [demo, browser] = await Promise.all([startDemo({ empty: true }), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

/** A persona in a browser context of its own, straight to `screen`. */
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

async function expectNoViolations(page: Page, where: string) {
  expect({ where, violations: await axe(page) }).toEqual({ where, violations: [] });
}

/**
 * A customer's credential as the demo's server signs it (its secret is in the data folder), for a
 * customer who is no persona: Carl, who backs another idea and must hear nothing.
 */
async function credentialOf(customerId: string) {
  const secrets = JSON.parse(await readFile(join(demo.dataDir, 'demo-secrets.json'), 'utf8')) as {
    secret: string;
    publishableKey: string;
  };
  const signature = createHmac('sha256', secrets.secret).update(customerId).digest('hex');
  return {
    'x-palaute-key': secrets.publishableKey,
    'x-palaute-customer': `${customerId}.${signature}`,
    'content-type': 'application/json',
  };
}

/**
 * A customer's request, as the engine's client sends it: refused for the customer's rate (the
 * story's pages use the same budget), it waits out `Retry-After` and goes again, up to 10 s.
 */
async function customerCall<T>(customerId: string, path: string, body: object): Promise<T> {
  for (let waited = 0; ; ) {
    const response = await fetch(`${demo.url}/api/palaute${path}`, {
      method: 'POST',
      headers: await credentialOf(customerId),
      body: JSON.stringify({ protocol: 1, customerId, ...body }),
    });
    const wait = Number(response.headers.get('retry-after') ?? 1) * 1000;
    if (response.status === 429 && waited + wait <= 10_000) {
      waited += wait;
      await new Promise((resolve) => setTimeout(resolve, wait));
      continue;
    }
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }
}

const impactOf = async (customerId: string) =>
  (
    await customerCall<{ notices: ImpactNotice[] }>(customerId, '/v1/impact/query', {
      query: { customerId },
    })
  ).notices;

/** Every idea on the board, as the team sees it. */
async function teamIdeas(): Promise<Idea[]> {
  const { teamToken } = (await (await fetch(`${demo.url}/demo/session?as=team`)).json()) as {
    teamToken: string;
  };
  const response = await fetch(`${demo.url}/api/palaute/v1/team/board/ideas/query`, {
    method: 'POST',
    headers: { authorization: `Bearer ${teamToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ protocol: 1, query: { limit: 100 } }),
  });
  if (!response.ok) throw new Error(`team board: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { ideas: Idea[] }).ideas;
}

const annaTitle = 'Send payment reminders by text message';
const weDid = 'Payment reminders can now go out as text messages';

describe('the public board, end to end in the demo, by keyboard', () => {
  it('given Anna suggests an idea › Ben finds it among similar ideas and votes, the team plans and ships it, and only its followers hear of it', async () => {
    // Carl backs another idea: he must hear nothing when Anna's ships.
    await customerCall('carl-example', '/v1/board/ideas', {
      idea: {
        id: 'idea-carl-dark-mode',
        customerId: 'carl-example',
        kind: 'idea',
        title: 'Dark mode for the invoice editor',
        body: '',
        at: new Date().toISOString(),
      },
    });

    // Anna suggests an idea on the Ideas page.
    const anna = await signIn('anna', 'ideas');
    const annaBoard = anna.getByRole('region', { name: 'Ideas', exact: true });
    await annaBoard.getByRole('form', { name: 'Suggest an idea or report a bug' }).waitFor();
    await expectNoViolations(anna, 'Ideas page');
    await tabTo(anna, '.palaute-SuggestIdeaForm input:not([type="radio"])', 80);
    await anna.keyboard.type(annaTitle);
    await anna.keyboard.press('Tab');
    await press(anna, '.palaute-SuggestIdeaForm textarea', 'Tab', 80);
    await anna.keyboard.press('Shift+Tab');
    await anna.keyboard.type('Many of my clients never read email.');
    await press(anna, '.palaute-SuggestIdeaForm button[type="submit"]', 'Enter', 80);
    await annaBoard
      .getByRole('status')
      .filter({ hasText: `Thank you: “${annaTitle}” is on the board.` })
      .waitFor({ state: 'attached' });
    await annaBoard.getByRole('heading', { name: annaTitle }).waitFor();
    await expectNoViolations(anna, 'Ideas page, idea posted');

    // Ben starts to type the same wish: the similar ideas offer Anna's; he votes there instead.
    const ben = await signIn('ben', 'ideas');
    const benBoard = ben.getByRole('region', { name: 'Ideas', exact: true });
    await benBoard.getByRole('form', { name: 'Suggest an idea or report a bug' }).waitFor();
    await tabTo(ben, '.palaute-SuggestIdeaForm input:not([type="radio"])', 80);
    await ben.keyboard.type('Reminders by text message');
    const similar = benBoard.getByRole('region', {
      name: 'Is it one of these? Add your vote instead',
    });
    await similar.getByText(annaTitle, { exact: true }).waitFor();
    await expectNoViolations(ben, 'Ideas page, similar ideas');
    await press(ben, '.palaute-SimilarIdeas button', 'Enter', 80);
    expect(await describeFocus(ben)).toMatch(/Voted · 2 votes/);
    expect(
      await similar
        .getByRole('button', { name: new RegExp(annaTitle) })
        .getAttribute('aria-pressed'),
    ).toBe('true');
    // The vote arrives once, through Ben's outbox.
    await vi.waitFor(
      async () =>
        expect((await teamIdeas()).find((idea) => idea.title === annaTitle)?.votes).toBe(2),
      { timeout: 15_000 },
    );

    // The team plans it: Ideas board tab, open the idea, move it to Planned.
    const team = await signIn('team', '');
    await press(team, 'nav.demo-tabs button:nth-of-type(2)', 'Enter', 80);
    const moderation = team.getByRole('region', { name: 'Board moderation' });
    await moderation.getByRole('button', { name: annaTitle }).waitFor();
    // The tab and the moderation view are in the address: a colleague's link opens the same.
    expect(new URL(team.url()).hash).toBe('#board');
    await expectNoViolations(team, 'board moderation');
    const annas = (await teamIdeas()).find((idea) => idea.title === annaTitle);
    await tabTo(team, `.palaute-ModerationList li[data-id="${annas?.id}"] [data-part="open"]`, 80);
    await team.keyboard.press('Enter');
    const panel = moderation.getByRole('region', { name: annaTitle });
    await panel.waitFor();
    await vi.waitFor(async () => expect(await describeFocus(team)).toContain(annaTitle));
    await tabTo(team, '.palaute-ModerationPanel [data-part="status"] select', 40);
    await team.keyboard.type('Planned');
    await press(
      team,
      '.palaute-ModerationPanel [data-part="status"] button[type="submit"]',
      'Enter',
      80,
    );
    await moderation
      .getByRole('status')
      .filter({ hasText: `“${annaTitle}” is now Planned.` })
      .waitFor({ state: 'attached' });
    await expectNoViolations(team, 'board moderation, idea open');

    // Anna and Ben see it planned, on the roadmap and under "Your feedback".
    for (const [page, persona] of [
      [anna, 'anna'],
      [ben, 'ben'],
    ] as const) {
      await revisit(page, persona, 'ideas');
      const planned = page
        .getByRole('region', { name: 'Roadmap' })
        .getByRole('region', { name: /^Planned/ });
      await planned.getByText(annaTitle).waitFor();
      await expectNoViolations(page, `${persona}: roadmap`);
      await revisit(page, persona, 'feedback');
      const backed = page.getByRole('region', { name: 'Your ideas' });
      await backed
        .getByRole('listitem')
        .filter({ hasText: annaTitle })
        .getByText('Planned')
        .waitFor();
      await expectNoViolations(page, `${persona}: your feedback`);
    }
    expect(await impactOf('anna-korhonen')).toEqual([]);

    // A view of the board is a link: Anna narrows hers to what is planned, and the address she
    // keeps opens the same view on another device. (Ben's reads are left for what follows: the
    // server allows a customer 60 requests at once, then one a second.)
    await revisit(anna, 'anna', 'ideas');
    await annaBoard.getByRole('combobox', { name: 'Status' }).waitFor();
    await tabTo(anna, '.palaute-BoardToolbar select[id$="-status"]', 80);
    await anna.keyboard.type('Planned');
    await anna.waitForURL(/board-status=planned/);
    const shown = (page: Page) =>
      page
        .getByRole('region', { name: 'Ideas', exact: true })
        .locator('.palaute-IdeaList h3')
        .allTextContents();
    await expect.poll(() => shown(anna), { timeout: 10_000 }).toEqual([annaTitle]);
    const link = new URL(anna.url());
    expect([link.searchParams.get('as'), link.hash]).toEqual(['anna', '#ideas']);
    const phone = await (
      await browser.newContext({ viewport: { width: 390, height: 844 } })
    ).newPage();
    await phone.goto(link.href);
    const status = phone
      .getByRole('region', { name: 'Ideas', exact: true })
      .getByRole('combobox', { name: 'Status' });
    await expect.poll(() => status.inputValue(), { timeout: 10_000 }).toBe('planned');
    await expect.poll(() => shown(phone), { timeout: 10_000 }).toEqual([annaTitle]);
    await expectNoViolations(phone, 'Ideas page, a view opened from a link');

    // The team ships it with a changelog entry.
    const composer = moderation.getByRole('form', { name: 'Publish a changelog entry' });
    await tabTo(team, '.palaute-ChangelogComposer input:not([type="checkbox"])', 80);
    await team.keyboard.type(weDid);
    await press(team, '.palaute-ChangelogComposer input[type="checkbox"]', 'Space', 80);
    expect(await composer.getByRole('checkbox', { name: new RegExp(annaTitle) }).isChecked()).toBe(
      true,
    );
    await press(team, '.palaute-ChangelogComposer button[type="submit"]', 'Enter', 80);
    await moderation
      .getByRole('status')
      .filter({ hasText: `“${weDid}” was published; the people who asked were told.` })
      .waitFor({ state: 'attached' });
    await expectNoViolations(team, 'board moderation, changelog published');

    // Anna and Ben, and nobody else, have the "you said, we did" notice.
    expect((await impactOf('anna-korhonen')).map((notice) => notice.weDid)).toEqual([weDid]);
    expect((await impactOf('ben-ito')).map((notice) => notice.weDid)).toEqual([weDid]);
    expect(await impactOf('carl-example')).toEqual([]);

    // On the changelog, and at Ben's next touchpoint: "You said, we did".
    await revisit(ben, 'ben', 'ideas');
    await ben.getByRole('region', { name: 'What’s new' }).getByText(weDid).waitFor();
    // Naming the idea it answered, from the changelog's own read.
    await ben
      .getByRole('region', { name: 'What’s new' })
      .getByText(`Answers: ${annaTitle}`)
      .waitFor();
    await expectNoViolations(ben, 'ben: changelog');
    await revisit(ben, 'ben', 'dashboard');
    const impact = ben.getByRole('dialog', { name: 'You said, we did' });
    await impact.getByText(weDid).waitFor();
    await expectNoViolations(ben, 'ben: impact notice');
  });
});
