/**
 * A send whose request landed and whose answer was lost, end to end: the customer's comment on an
 * idea reaches the demo's server, the browser never hears back (the connection is reset), the
 * customer reloads the page (what most people do when something fails) and sends the text the
 * page kept. The server must hold one comment, not two.
 */
import type { Browser, Page } from 'playwright';
import { launchChromium, type RunningDemo, startDemo } from './demo';

let demo: RunningDemo;
let browser: Browser;

beforeAll(async () => {
  [demo, browser] = await Promise.all([startDemo({ history: false }), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

/** Opens the first idea's comments by keyboard and gives its comment field. */
async function openFirstThread(page: Page) {
  const toggle = page.getByRole('button', { name: /^Show comments on / }).first();
  await toggle.focus();
  await page.keyboard.press('Enter');
  const field = page.getByRole('textbox', { name: 'Your comment' }).first();
  await field.waitFor();
  return field;
}

describe('a comment whose answer was lost, sent again after a reload', () => {
  it('is one comment on the server, and the page says it was kept', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${demo.url}/?as=ben#ideas`);
    const words = 'A CSV with the client’s VAT number too, please.';
    const field = await openFirstThread(page);
    await field.fill(words);
    // The request reaches the server; its answer never reaches the page.
    let landed = 0;
    await page.route('**/v1/board/comments', async (route) => {
      await route.fetch();
      landed++;
      await route.abort('connectionreset');
    });
    await field.focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByText(/Your comment was not posted/).waitFor();
    expect(landed).toBe(1);
    await page.unroute('**/v1/board/comments');

    await page.reload();
    const again = await openFirstThread(page);
    expect(await again.inputValue()).toBe(words);
    await page.getByText('We kept the comment you were writing.').first().waitFor();
    await again.focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => again.inputValue()).toBe('');
    // The thread as the server has it now: the comment once.
    const thread = page.locator('.palaute-IdeaThread[data-state="open"]').first();
    await expect.poll(() => thread.getByText(words, { exact: false }).count()).toBe(1);
    await page.reload();
    await openFirstThread(page);
    await expect
      .poll(() =>
        page
          .locator('.palaute-IdeaThread[data-state="open"]')
          .first()
          .getByText(words, { exact: false })
          .count(),
      )
      .toBe(1);
    await page.context().close();
  });
});
