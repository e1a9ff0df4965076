/**
 * The dialog on a host page wider than a phone's screen: there the area fixed elements are placed in
 * grows to the page's width, and a dialog centred in it sits partly off screen. It must stay inside
 * what the customer sees, whatever the host's layout.
 */
import type { Browser, Page } from 'playwright';
import { launchChromium } from './demo';
import { hostUrl, serveHost } from './host';

/** What share of the element's box is inside the visual viewport (1: all of it). */
const shareInView = (page: Page, selector: string) =>
  page.locator(selector).evaluate((element) => {
    const box = element.getBoundingClientRect();
    const viewport = window.visualViewport as VisualViewport;
    const left = viewport.offsetLeft;
    const top = viewport.offsetTop;
    const width = Math.max(
      0,
      Math.min(box.right, left + viewport.width) - Math.max(box.left, left),
    );
    const height = Math.max(
      0,
      Math.min(box.bottom, top + viewport.height) - Math.max(box.top, top),
    );
    return (width * height) / (box.width * box.height);
  });

describe('the dialog on a host page that overflows a 390 px phone', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('given an invoice table wider than the screen › the dialog, its scale and "Next" are inside the visual viewport, and it scrolls inside itself', async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 3,
    });
    const page = await context.newPage();
    await serveHost(page);
    await page.goto(hostUrl);
    await page.locator('[role="dialog"]').waitFor();
    // The host does overflow: the page is wider than what the customer sees.
    const layout = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      seen: (window.visualViewport as VisualViewport).width,
    }));
    expect(layout.page).toBeGreaterThan(layout.seen + 100);

    expect(await shareInView(page, '[role="dialog"]')).toBe(1);
    expect(await shareInView(page, '[role="radio"][aria-label^="10"]')).toBe(1);
    expect(await shareInView(page, '[data-part="next"]')).toBe(1);

    // Bounded by the screen in both directions, however tall the step.
    const box = await page.locator('[role="dialog"]').evaluate((element) => {
      const rect = element.getBoundingClientRect();
      return {
        width: rect.width,
        height: rect.height,
        overflowY: getComputedStyle(element).overflowY,
      };
    });
    expect(box.width).toBeLessThanOrEqual(layout.seen);
    expect(box.height).toBeLessThanOrEqual(844);
    expect(box.overflowY).toBe('auto');
    await context.close();
  });
});
