/**
 * The customer's thread and the team's inbox, end to end, with the demo's outgoing webhooks going to
 * a receiver of the test's own on loopback: the customer writes back and the team's list says so;
 * the team answers and the customer's launcher and "Your feedback" say so; every event reaches the
 * receiver once, signed, after a failure too.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebhookDeliveriesPage, WebhookEvent } from '@palaute/engine';
import type { Browser, Locator, Page } from 'playwright';
import { describeFocus, launchChromium, press, type RunningDemo, startDemo, tabTo } from './demo';
import { listFeedback } from './team-api';

/** What the receiver was sent, in order, and how it answered. */
interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  answered: number;
}

const secret = 'whsec_e2e_thread_0123456789abcdef';
const received: Received[] = [];
let receiver: Server;
let demo: RunningDemo;
let browser: Browser;

/**
 * A webhook receiver on 127.0.0.1 and a port the system picks: it answers the very first delivery
 * with a 500 (the sender must try it again) and every later one with a 204.
 */
async function startReceiver(): Promise<string> {
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const answered = received.length === 0 ? 500 : 204;
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString(), answered });
      response.writeHead(answered).end();
    });
  });
  await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
  return `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/palaute`;
}

/**
 * The README's scheme, checked by hand: `palaute-signature: t=<unix seconds>,v1=<hex>`, the hex
 * being HMAC-SHA256 under the secret of `${t}.${body}`, and `t` within five minutes of now.
 */
function signedBySecret(delivery: Received): boolean {
  const header = String(delivery.headers['palaute-signature'] ?? '');
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!match?.[1] || !match[2]) return false;
  const expected = createHmac('sha256', secret).update(`${match[1]}.${delivery.body}`).digest();
  const given = Buffer.from(match[2], 'hex');
  return (
    Math.abs(Date.now() / 1000 - Number(match[1])) <= 300 &&
    given.length === expected.length &&
    timingSafeEqual(given, expected)
  );
}

beforeAll(async () => {
  const url = await startReceiver();
  [demo, browser] = await Promise.all([
    startDemo({
      empty: true,
      env: {
        PALAUTE_WEBHOOK_URL: url,
        PALAUTE_WEBHOOK_SECRET: secret,
        PALAUTE_WEBHOOK_RETRY_MS: '300',
      },
    }),
    launchChromium(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
  await new Promise((done) => receiver?.close(done));
});

async function signIn(persona: string, screen: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${demo.url}/?as=${persona}#${screen}`);
  return page;
}

async function revisit(page: Page, persona: string, screen: string) {
  await page.goto('about:blank');
  await page.goto(`${demo.url}/?as=${persona}#${screen}`);
}

/** Focuses a control the way a keyboard user lands on it, then presses `key` on it. */
async function activate(control: Locator, key = 'Enter') {
  await control.focus();
  await control.page().keyboard.press(key);
}

/** The excerpts of the team's list, top to bottom. */
async function listed(inbox: Locator): Promise<string[]> {
  return inbox.locator('[data-part="list"] > li > button').allTextContents();
}

const annaWords = 'Setting up reminders takes far too many clicks';
const benWords = 'Recurring invoices would save me an hour a month';
const teamReply = 'Thank you, Anna. Which reminders do you set up most often?';
const annaBack = 'Mostly the second reminder, a week after the due date.';
const weDid = 'Reminders can now be set for all open invoices at once';

describe('the customer’s thread and the team’s inbox, with webhooks', () => {
  it('given Anna writes back › the team’s list marks her item and sorts it with the unprocessed; given the team answers › her launcher and "Your feedback" show it; every event reaches the webhook receiver once, signed, after a failed first try', async () => {
    // Anna answers the dashboard's NPS, by keyboard only.
    const anna = await signIn('anna', 'dashboard');
    const dialog = anna.getByRole('dialog', { name: 'A quick question' });
    await dialog.waitFor();
    await vi.waitFor(async () =>
      expect(await describeFocus(anna)).toMatch(/^button\[role=radio\]/),
    );
    for (let i = 0; i < 4; i++) await anna.keyboard.press('ArrowRight');
    await press(anna, '[data-part="next"]');
    await tabTo(anna, 'textarea, input[type="text"]');
    await anna.keyboard.type(annaWords);
    await press(anna, '[data-part="next"]');
    await press(anna, 'input[type="checkbox"]', 'Space');
    await press(anna, '[data-part="next"]');
    await dialog.getByRole('heading', { name: 'Thank you — we hear you.' }).waitFor();
    await press(anna, '[data-part="next"]');
    await dialog.waitFor({ state: 'detached' });

    // Ben tells the team something through the launcher, by keyboard too, a little later.
    const ben = await signIn('ben', 'dashboard');
    await press(ben, '.palaute-FeedbackLauncher');
    // The launcher asks what it is about: an idea (the first kind), his words, and he may be contacted.
    const general = ben.getByRole('dialog', { name: 'Send feedback' });
    await general.waitFor();
    await press(ben, 'input[type="radio"][value="idea"]', 'Space');
    await tabTo(ben, 'textarea');
    await ben.keyboard.type(benWords);
    await press(ben, '[data-part="contact"] input', 'Space');
    await press(ben, '[data-part="submit"]');
    await press(ben, '[data-part="close"]');
    await general.waitFor({ state: 'detached' });
    await vi.waitFor(async () => expect(await listFeedback(demo.url)).toHaveLength(2), {
      timeout: 15_000,
    });

    // The team answers Anna: replying is handling, her item leaves "New" and sorts below Ben's.
    const team = await signIn('team', '');
    const inbox = team.getByRole('region', { name: 'Feedback inbox' });
    await activate(inbox.getByRole('button', { name: new RegExp(`^${annaWords}`) }));
    const view = inbox.getByRole('region', { name: /^Feedback from / });
    await activate(view.getByRole('textbox', { name: 'Reply to the customer' }), 'End');
    await team.keyboard.type(teamReply);
    await activate(view.getByRole('button', { name: 'Send reply' }));
    await view.getByRole('list', { name: 'Conversation' }).getByText(teamReply).waitFor();
    await activate(inbox.getByRole('button', { name: 'Refresh' }));
    await vi.waitFor(
      async () =>
        expect(await listed(inbox)).toEqual([
          expect.stringContaining(benWords),
          expect.stringContaining(annaWords),
        ]),
      { timeout: 10_000 },
    );
    expect(await inbox.locator('[data-part="awaiting"]').count()).toBe(0);

    // Anna's next visit: the launcher and "Your feedback" say the team replied.
    await revisit(anna, 'anna', 'invoices');
    const launcher = anna.locator('.palaute-FeedbackLauncher');
    await anna.locator('.palaute-FeedbackLauncher[data-replies]').waitFor({ timeout: 20_000 });
    expect(await launcher.locator('[data-part="badge"]').textContent()).toBe('1');
    const described = await launcher.evaluate(
      (button) =>
        document.getElementById(button.getAttribute('aria-describedby') ?? '')?.textContent ?? '',
    );
    expect(described).toContain('Our team replied to your feedback (1 new).');
    const link = anna.getByRole('link', { name: 'Your feedback' });
    expect(await link.textContent()).toBe('Your feedback 1 new');
    await activate(link);
    const mine = anna.getByRole('region', { name: 'Your feedback' });
    expect(await mine.locator(':scope > [data-part="badge"]').textContent()).toBe('1 new');

    // She writes back in the conversation, by keyboard.
    const answer = mine.getByRole('textbox', { name: 'Your answer' });
    await mine.getByRole('article').first().waitFor();
    const toggle = mine.locator('[data-part="thread-toggle"]');
    expect(await toggle.textContent()).toBe('Conversation, 1 message, 1 new');
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await activate(toggle);
    await activate(answer, 'End');
    await anna.keyboard.type(annaBack);
    await activate(mine.getByRole('button', { name: 'Send', exact: true }));
    await mine.getByText('Your answer was sent.').waitFor({ state: 'attached' });

    // The team's list: her item is marked, counted as waiting, and back on top with the new ones.
    await activate(inbox.getByRole('button', { name: 'Refresh' }));
    await vi.waitFor(
      async () =>
        expect(await listed(inbox)).toEqual([
          expect.stringContaining(annaWords),
          expect.stringContaining(benWords),
        ]),
      { timeout: 10_000 },
    );
    const annasRow = inbox.locator('[data-part="list"] > li').first();
    expect(await annasRow.locator('[data-part="awaiting"]').textContent()).toBe(
      'Customer wrote back',
    );
    expect(await inbox.locator('[data-part="awaiting-count"]').textContent()).toBe(
      '1 customer waits for your answer.',
    );

    // The team ships a change linked to Anna's item.
    await activate(
      inbox.getByRole('checkbox', { name: `Select for a change: ${annaWords}` }),
      'Space',
    );
    const change = inbox.getByRole('form', { name: 'Link to a shipped change' });
    await activate(change.getByLabel('What we did'), 'End');
    await team.keyboard.type(weDid);
    await activate(change.getByRole('button', { name: 'Ship the change' }));
    await change.getByText('Change shipped. The customer behind 1 item will hear of it.').waitFor();

    // The receiver: every event once (a 2xx), each of the four kinds, each signed by the secret.
    const accepted = () => received.filter((delivery) => delivery.answered < 300);
    const events = () => accepted().map((delivery) => JSON.parse(delivery.body) as WebhookEvent);
    await vi.waitFor(
      () =>
        expect(new Set(events().map((event) => event.type))).toEqual(
          new Set([
            'feedback.created',
            'feedback.customer_replied',
            'feedback.status_changed',
            'change.shipped',
          ]),
        ),
      { timeout: 20_000, interval: 250 },
    );
    // Long enough for a duplicate or a stray retry to show.
    await new Promise((done) => setTimeout(done, 2_000));
    const ids = events().map((event) => event.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(events().filter((event) => event.type === 'feedback.created')).toHaveLength(2);
    const replied = events().filter((event) => event.type === 'feedback.customer_replied');
    expect(replied).toHaveLength(1);
    expect(replied[0]?.type === 'feedback.customer_replied' && replied[0].data.reply.body).toBe(
      annaBack,
    );
    const shipped = events().filter((event) => event.type === 'change.shipped');
    expect(shipped).toHaveLength(1);
    expect(shipped[0]?.type === 'change.shipped' && shipped[0].data.change.weDid).toBe(weDid);
    const moves = events().flatMap((event) =>
      event.type === 'feedback.status_changed' ? [`${event.data.from}→${event.data.to}`] : [],
    );
    // Replying is handling: Anna's item left "New" with the reply, then shipped.
    expect(moves).toEqual(['new→triaged', 'triaged→shipped']);
    for (const delivery of received) {
      expect(signedBySecret(delivery)).toBe(true);
      // And a forged one fails the same check.
      expect(signedBySecret({ ...delivery, body: `${delivery.body} ` })).toBe(false);
    }

    // The failed first try came again, as the same event, and was taken the second time.
    const [first] = received;
    expect(first?.answered).toBe(500);
    const again = received.filter(
      (delivery) => delivery.headers['palaute-event-id'] === first?.headers['palaute-event-id'],
    );
    expect(
      again.map((delivery) => [delivery.headers['palaute-attempt'], delivery.answered]),
    ).toEqual([
      ['1', 500],
      ['2', 204],
    ]);
    expect(again[1]?.body).toBe(first?.body);
    // The team's delivery log says the same.
    const session = (await (await fetch(`${demo.url}/demo/session?as=team`)).json()) as {
      teamToken: string;
    };
    const log = (await (
      await fetch(`${demo.url}/api/palaute/v1/team/webhooks/deliveries`, {
        headers: { authorization: `Bearer ${session.teamToken}` },
      })
    ).json()) as WebhookDeliveriesPage;
    expect(log.deliveries.every((delivery) => delivery.state === 'delivered')).toBe(true);
    expect(log.deliveries).toHaveLength(ids.length);
    const retried = log.deliveries.find(
      (delivery) => delivery.eventId === first?.headers['palaute-event-id'],
    );
    expect(retried?.attempts.map((attempt) => attempt.status)).toEqual([500, 204]);
  });
});
