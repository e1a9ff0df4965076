import type { Browser, Page } from 'playwright';
import { type AxeFinding, axe, launchChromium, type RunningDemo, startDemo } from './demo';

let demo: RunningDemo;
let browser: Browser;

beforeAll(async () => {
  [demo, browser] = await Promise.all([startDemo(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

/** A Content-Security-Policy violation the page reported. */
interface Violation {
  directive: string;
  sample: string;
}

/** A persona's browser page that records the CSP violations it reports. */
async function open(persona: string, screen: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const violations: Violation[] = [];
  await page.exposeFunction('reportViolation', (violation: Violation) => {
    violations.push(violation);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { reportViolation: (v: Violation) => void }).reportViolation({
        directive: event.effectiveDirective,
        sample: event.sample,
      });
    });
  });
  const response = await page.goto(`${demo.url}/?as=${persona}#${screen}`);
  return { page, violations, nonce: styleNonceOf(response?.headers()['content-security-policy']) };
}

/**
 * How far the page scrolls sideways (0: it fits the screen), and what sticks out of it the most,
 * leaving out what sits in a box that scrolls or clips on its own.
 */
function sideways(page: Page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    let widest = '';
    let right = width;
    for (const element of document.body.querySelectorAll('*')) {
      const box = element.getBoundingClientRect();
      if (box.right <= right + 1 || box.width === 0) continue;
      let parent = element.parentElement;
      while (parent && !/auto|scroll|hidden|clip/.test(getComputedStyle(parent).overflowX))
        parent = parent.parentElement;
      if (parent) continue;
      right = box.right;
      widest = `${element.tagName.toLowerCase()}${element.className ? `.${element.className}` : ''}`;
    }
    return { by: document.documentElement.scrollWidth - width, widest };
  });
}

/** The nonce a policy allows for styles (the demo sends a fresh one with each page). */
function styleNonceOf(policy = '') {
  return /style-src [^;]*'nonce-([^']+)'/.exec(policy)?.[1];
}

/**
 * While a modal dialog is open, Radix Dialog's scroll lock (react-remove-scroll) adds a `<style>`
 * to the head: the page gave it the policy's nonce (`setStyleNonce`), so it applies.
 */
async function scrollLock(page: Page) {
  return page.evaluate(() => ({
    overflow: getComputedStyle(document.body).overflow,
    nonces: Array.from(document.querySelectorAll('style'), (style) => style.nonce),
  }));
}

/** Runs axe and fails with the rules and where they failed. */
async function expectNoViolations(page: Page, screen: string) {
  const findings: AxeFinding[] = await axe(page);
  expect(findings, `axe on ${screen}`).toEqual([]);
}

describe('every demo screen, under axe and a strict Content-Security-Policy', () => {
  it('given two requests for the app › each gets a fresh style nonce, in its policy and its page, and nothing inline is allowed', async () => {
    const pages = await Promise.all(
      [1, 2].map(async () => {
        const response = await fetch(`${demo.url}/`);
        const policy = response.headers.get('content-security-policy') ?? '';
        return { policy, nonce: styleNonceOf(policy), html: await response.text() };
      }),
    );
    const [first, second] = pages;
    expect(first?.nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(second?.nonce).not.toBe(first?.nonce);
    for (const { policy, nonce, html } of pages) {
      expect(policy).not.toContain('unsafe-');
      expect(html).toContain(`<meta property="csp-nonce" nonce="${nonce}">`);
      expect(html).not.toContain('PALAUTE_DEMO_CSP_NONCE');
    }
  });

  it('given the customer screens, the offered dialogs and the launcher › axe finds no violations', async () => {
    const { page, violations, nonce } = await open('anna', 'dashboard');
    // The dashboard offers the relational NPS in a dialog.
    const nps = page.getByRole('dialog', { name: 'A quick question' });
    await nps.waitFor();
    expect(nonce).toBeTruthy();
    expect(await scrollLock(page)).toEqual({ overflow: 'hidden', nonces: [nonce] });
    await expectNoViolations(page, 'dashboard with the NPS dialog');
    await nps.getByRole('button', { name: 'Not now' }).click();
    await nps.waitFor({ state: 'detached' });
    expect(await scrollLock(page)).toEqual({ overflow: 'visible', nonces: [] });
    await expectNoViolations(page, 'dashboard');

    await page.getByRole('link', { name: 'Invoices' }).click();
    await page.getByRole('heading', { level: 1, name: 'Invoices' }).waitFor();
    await page.getByRole('button', { name: 'Send invoice' }).click();
    await page.getByRole('alert').waitFor();
    await expectNoViolations(page, 'invoices, with a form error');

    await page.getByRole('link', { name: 'Support' }).click();
    await page.getByLabel('Your message').fill('How do I change the reminder schedule?');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expectNoViolations(page, 'support chat');
    await page.getByRole('button', { name: 'End chat' }).click();
    const csat = page.getByRole('dialog', { name: 'How did we do?' });
    await csat.waitFor();
    await expectNoViolations(page, 'support, CSAT dialog');
    await csat.getByRole('radio').last().click();
    await csat.getByRole('button', { name: 'Next' }).click();
    await csat.getByRole('checkbox').check();
    await csat.getByRole('button', { name: 'Send' }).click();
    await csat.getByRole('heading', { name: 'Thank you!' }).waitFor();
    await expectNoViolations(page, 'support, CSAT acknowledgement');
    await csat.getByRole('button', { name: 'Done' }).click();
    await csat.waitFor({ state: 'detached' });

    await page.getByRole('link', { name: 'Your feedback' }).click();
    await page.getByRole('region', { name: 'Your feedback' }).getByRole('article').waitFor();
    await expectNoViolations(page, 'your feedback');

    await page.getByRole('button', { name: 'Feedback', exact: true }).click();
    const general = page.getByRole('dialog', { name: 'Send feedback' });
    await general.waitFor();
    await expectNoViolations(page, 'launcher dialog');
    await general.getByRole('button', { name: 'Send' }).click();
    await general.locator('[aria-invalid="true"]').first().waitFor();
    await expectNoViolations(page, 'launcher dialog, with an error');
    await page.keyboard.press('Escape');
    await general.waitFor({ state: 'detached' });

    // The developer's drawer, opened by keyboard: why each survey was or was not offered.
    await page.getByText('Developer: why a survey was or was not offered').focus();
    await page.keyboard.press('Enter');
    const explain = page.getByRole('region', { name: 'Palaute: why surveys show' });
    await explain.waitFor();
    expect(await explain.getByRole('table').count()).toBeGreaterThan(0);
    await expectNoViolations(page, 'developer drawer with the explain panel');

    expect(violations).toEqual([]);
  });

  it('given a new customer’s first invoice › the CES dialog and the empty screens have no violations', async () => {
    const { page, violations } = await open('ben', 'dashboard');
    await page.getByText('No invoices yet.').waitFor();
    await expectNoViolations(page, 'empty dashboard');
    await page.getByRole('link', { name: 'Your feedback' }).click();
    await page.locator('.palaute-YourFeedback[data-state="empty"]').waitFor();
    await expectNoViolations(page, 'your feedback, empty');
    await page.getByRole('link', { name: 'Invoices' }).click();
    await page.getByLabel('Client').fill('Kahvila Aamu');
    await page.getByLabel('Amount (€)').fill('180');
    await page.getByRole('button', { name: 'Send invoice' }).click();
    const ces = page.getByRole('dialog', { name: 'Your first invoice is on its way' });
    await ces.waitFor();
    await expectNoViolations(page, 'invoices, CES dialog');
    expect(violations).toEqual([]);
  });

  it('given forced colours, dark and light › the persona bar tells the current persona apart and axe finds no violations', async () => {
    const { page, violations } = await open('ben', 'dashboard');
    await page.getByText('No invoices yet.').waitFor();
    for (const colorScheme of ['dark', 'light'] as const) {
      await page.emulateMedia({ forcedColors: 'active', colorScheme });
      // What is painted behind each persona's name: its own background, or its ancestors'.
      const painted = await page.evaluate(() =>
        Array.from(document.querySelectorAll('.demo-switch__persona'), (button) => {
          const clear = (colour: string) => colour === 'transparent' || /, 0\)$/.test(colour);
          let element: Element | null = button;
          let background = 'transparent';
          while (element && clear(background)) {
            background = getComputedStyle(element).backgroundColor;
            element = element.parentElement;
          }
          return { current: button.getAttribute('aria-pressed') === 'true', background };
        }),
      );
      const current = painted.filter((persona) => persona.current);
      const others = painted.filter((persona) => !persona.current);
      expect(current, colorScheme).toHaveLength(1);
      expect(others.length, colorScheme).toBeGreaterThan(0);
      for (const other of others)
        expect(other.background, colorScheme).not.toBe(current[0]?.background);
      await expectNoViolations(page, `dashboard, forced colours, ${colorScheme}`);
    }
    expect(violations).toEqual([]);
  });

  it('given the team’s inbox › the list, an open item and the change form have no violations', async () => {
    // Something to triage: Ben writes in through the launcher.
    const ben = await open('ben', 'dashboard');
    await ben.page.getByRole('button', { name: 'Feedback', exact: true }).click();
    const general = ben.page.getByRole('dialog', { name: 'Send feedback' });
    await general.getByRole('radio', { name: 'An idea' }).check();
    await general
      .getByRole('textbox', { name: 'Tell us more' })
      .fill('Could invoices carry our logo?');
    await general.getByRole('checkbox', { name: 'You may contact me about this' }).check();
    await general.getByRole('button', { name: 'Send' }).click();
    await general.locator('[data-part="close"]').click();
    await ben.page.locator('[data-part="pending"]').filter({ hasText: /./ }).waitFor({
      state: 'detached',
    });

    const { page, violations } = await open('team', '');
    const inbox = page.getByRole('region', { name: 'Feedback inbox' });
    await inbox.getByRole('list', { name: 'Feedback inbox' }).waitFor();
    await expectNoViolations(page, 'team inbox');
    const first = inbox.getByRole('list', { name: 'Feedback inbox' }).getByRole('button').first();
    await first.click();
    await inbox.getByRole('region', { name: /^Feedback from / }).waitFor();
    await expectNoViolations(page, 'team inbox, item view');
    await inbox.getByRole('button', { name: 'Decline' }).click();
    await expectNoViolations(page, 'team inbox, decline');
    expect(violations).toEqual([]);
  });

  it('given a 390 px phone and 400 % zoom (320 px) › no screen of either customer or the team scrolls sideways', async () => {
    for (const width of [390, 320]) {
      const context = await browser.newContext({ viewport: { width, height: 800 } });
      const page = await context.newPage();
      for (const persona of ['anna', 'ben']) {
        await page.goto(`${demo.url}/?as=${persona}#dashboard`);
        for (const screen of ['Dashboard', 'Invoices', 'Support', 'Ideas', 'Your feedback']) {
          await page.waitForLoadState('networkidle');
          // A survey offered here (the dashboard's NPS) is put off, so the link can be used.
          const offered = page.getByRole('dialog');
          if ((await offered.count()) > 0) {
            await page.keyboard.press('Escape');
            await offered.waitFor({ state: 'detached' });
          }
          await page
            .getByRole('navigation', { name: 'Laskutin' })
            .getByRole('link', { name: screen, exact: true })
            .click();
          await page.getByRole('heading', { level: 1 }).waitFor();
          await page.waitForLoadState('networkidle');
          expect(await sideways(page), `${persona}, ${screen}, ${width} px`).toEqual({
            by: 0,
            widest: '',
          });
        }
      }
      await page.goto(`${demo.url}/?as=team`);
      for (const screen of ['Inbox', 'Ideas board', 'CX']) {
        await page.getByRole('button', { name: screen, exact: true }).click();
        await page.waitForLoadState('networkidle');
        if (screen === 'CX')
          await page
            .getByRole('region', { name: 'Customer experience' })
            .locator(':scope[data-state="ready"]')
            .waitFor();
        expect(await sideways(page), `team, ${screen}, ${width} px`).toEqual({ by: 0, widest: '' });
      }
      // The CX levels' table is wider than a phone: it scrolls in a region of its own, by keyboard.
      const levels = page.getByRole('region', { name: 'CX levels table' });
      await levels.focus();
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => levels.evaluate((element) => element.scrollLeft)).toBeGreaterThan(0);
      await context.close();
    }
  });

  it('given the team’s CX page › the dashboard renders under the strict policy with no violation, and its charts work by keyboard', async () => {
    const { page, violations } = await open('team', '');
    await page.getByRole('button', { name: 'CX', exact: true }).click();
    const dashboard = page.getByRole('region', { name: 'Customer experience' });
    await dashboard.locator(':scope[data-state="ready"], :scope[data-state="empty"]').waitFor();
    await expectNoViolations(page, 'team CX page');
    const plot = dashboard.locator('[data-part="plot"]').first();
    if ((await plot.count()) > 0) {
      await plot.focus();
      await page.keyboard.press('End');
      await expect(
        dashboard.locator('[data-part="readout"]').first().textContent(),
      ).resolves.toMatch(/\S/);
    }
    // No inline style anywhere in the dashboard, so the policy needs no 'unsafe-inline'.
    expect(await dashboard.locator('[style]').count()).toBe(0);
    expect(violations).toEqual([]);
  });
});
