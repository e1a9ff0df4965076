import type { Browser, BrowserContext, Page, Route } from 'playwright';
import { launchChromium, type RunningDemo, startDemo } from './demo';
import { listFeedback } from './team-api';

let demo: RunningDemo;
let browser: Browser;

beforeAll(async () => {
  [demo, browser] = await Promise.all([startDemo({ history: false }), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

const api = '**/api/palaute/v1/**';
const isWrite = (url: string) => /\/v1\/(deliveries|responses)$/.test(new URL(url).pathname);

/** What one write request that reached the server was answered, by delivery key. */
type Outcomes = Record<string, string>;

/** The outcomes in a `/v1/deliveries` (or single `/v1/responses`) answer. */
function outcomesOf(body: string, request: string): Outcomes {
  const answer = JSON.parse(body) as {
    results?: { key: string; outcome: string }[];
    duplicate?: boolean;
  };
  if (answer.results)
    return Object.fromEntries(answer.results.map((result) => [result.key, result.outcome]));
  const sent = JSON.parse(request) as { response?: { id: string } };
  if (!sent.response) return {};
  return { [`response:${sent.response.id}`]: answer.duplicate ? 'duplicate' : 'stored' };
}

/** The delivery key of the response among the outcomes, once one was answered. */
const responseKeyIn = (list: Outcomes[]) =>
  list.flatMap((outcomes) => Object.keys(outcomes)).find((key) => key.startsWith('response:'));

/** Ben's answers as the server holds them. */
const bensFeedback = async () =>
  (await listFeedback(demo.url)).filter((item) => item.customerId === 'ben-ito');

/** Sends Ben's first invoice, which offers the CES question. */
async function sendFirstInvoice(page: Page) {
  await page.getByLabel('Client').fill('Kahvila Aamu');
  await page.getByLabel('Amount (€)').fill('180');
  await page.getByRole('button', { name: 'Send invoice' }).click();
}

describe('delivery that loses nothing, in the demo', () => {
  it('given the network is cut while Ben answers, the connection drops after the server stored it, and the page reloads › the answer arrives exactly once when the network returns', async () => {
    const context: BrowserContext = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${demo.url}/?as=ben#invoices`);
    await sendFirstInvoice(page);
    const dialog = page.getByRole('dialog', { name: 'Your first invoice is on its way' });
    await dialog.waitFor();

    // The network is cut while Ben answers; the answer is kept on this device and he is thanked.
    await dialog.getByRole('radio', { name: /^6/ }).click();
    await context.setOffline(true);
    await dialog.getByRole('button', { name: 'Next' }).click();
    await dialog.getByRole('textbox').fill('Finding where to add my bank details');
    await dialog.getByRole('button', { name: 'Send' }).click();
    await dialog
      .getByText("Saved on this device. We'll send it when you're back online.")
      .waitFor();
    await page.getByText('1 answer saved; it will be sent when you are back online').waitFor();
    expect(await bensFeedback()).toEqual([]);

    // The network comes back, but each connection drops after the request went out: the server
    // stores the answer, the browser never hears so.
    const reached: Outcomes[] = [];
    const dropAfterSending = async (route: Route) => {
      if (!isWrite(route.request().url())) return route.abort('connectionreset');
      const response = await route.fetch();
      reached.push(outcomesOf(await response.text(), route.request().postData() ?? '{}'));
      return route.abort('connectionreset');
    };
    await context.route(api, dropAfterSending);
    await context.setOffline(false);
    await vi.waitFor(() => expect(responseKeyIn(reached)).toBeDefined(), { timeout: 20_000 });
    const responseKey = responseKeyIn(reached) as string;
    expect(reached.find((outcomes) => responseKey in outcomes)?.[responseKey]).toBe('stored');
    expect(await bensFeedback()).toHaveLength(1);

    // Ben reloads while the server is still unreachable: the answer is still waiting on his device.
    await context.route(api, (route) => route.abort('connectionrefused'));
    await context.unroute(api, dropAfterSending);
    await page.reload();
    await page.getByText('1 answer waiting to be sent').waitFor();

    // The network returns for good: the outbox sends the same answer again, under the same key,
    // and the server recognises it.
    const answered: Outcomes[] = [];
    page.on('response', async (response) => {
      if (!isWrite(response.url()) || !response.ok()) return;
      answered.push(outcomesOf(await response.text(), response.request().postData() ?? '{}'));
    });
    await context.unrouteAll({ behavior: 'wait' });
    await context.setOffline(true);
    await context.setOffline(false);
    await vi.waitFor(() => expect(responseKeyIn(answered)).toBe(responseKey), {
      timeout: 20_000,
    });
    await page
      .locator('[data-part="pending"]')
      .filter({ hasText: /./ })
      .waitFor({ state: 'detached' });

    expect(answered.find((outcomes) => responseKey in outcomes)?.[responseKey]).toBe('duplicate');
    const items = await bensFeedback();
    expect(items).toHaveLength(1);
    expect(items[0]?.answers).toEqual({
      ces: 6,
      hardest: 'Finding where to add my bank details',
    });
    await context.close();
  });
});
