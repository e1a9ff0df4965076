/**
 * What the end-to-end tests share: the demo server started as `npm start` starts it (on a free port,
 * with a fresh data folder), Debian's Chromium through Playwright's library, a keyboard helper and
 * axe.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright';
import { repoRoot } from '../support/stale';

export { repoRoot };

/** A demo server of the test's own. */
export interface RunningDemo {
  url: string;
  dataDir: string;
  /** Everything the server printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/** How {@link startDemo} starts the demo. */
export interface DemoStart {
  /** A data folder to reuse (a restart); a fresh one by default, removed by `stop`. */
  dataDir?: string;
  /** `--empty`: no seeded feedback from other customers. */
  empty?: boolean;
  /** `--without-history`: the weeks' stories only, not the year behind the CX page. @default true */
  history?: boolean;
  /** Keep the data folder when stopping (to start again on it). @default false */
  keepData?: boolean;
  /** More environment for the server (the webhook settings: `PALAUTE_WEBHOOK_URL`, …). */
  env?: Record<string, string>;
}

/**
 * Starts the built demo server (`demo/dist/server/main.js`) on a free port, by default on a fresh
 * data folder, as `npm start` does on a first start.
 */
export async function startDemo(start: DemoStart = {}): Promise<RunningDemo> {
  const dataDir = start.dataDir ?? (await mkdtemp(join(tmpdir(), 'palaute-e2e-')));
  const child: ChildProcess = spawn(
    process.execPath,
    [
      join(repoRoot, 'demo/dist/server/main.js'),
      ...['--port', '0', '--data', dataDir],
      ...(start.empty ? ['--empty'] : []),
      ...(start.history === false ? ['--without-history'] : []),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...start.env } },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`demo did not start:\n${output}`)), 60_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /ready at (http:\/\/\S+)/.exec(output);
      if (ready?.[1]) {
        clearTimeout(timer);
        resolve(ready[1]);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`demo exited (${code}) before it was ready:\n${output}`));
    });
  });
  return {
    url,
    dataDir,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      if (!start.keepData) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Debian's Chromium, headless; nothing is ever downloaded. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A short description of the focused element, for assertions and failure messages. */
export function describeFocus(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return 'nothing';
    const label =
      element.getAttribute('aria-label') ??
      (element as HTMLInputElement).labels?.[0]?.textContent ??
      element.textContent ??
      '';
    return `${element.tagName.toLowerCase()}[role=${element.getAttribute('role') ?? ''}] ${label.trim().slice(0, 60)}`;
  });
}

/**
 * Presses Tab until the focused element matches `selector` (a CSS selector tested with `matches`),
 * as a keyboard user would; fails when it is not reachable within `max` presses.
 */
export async function tabTo(page: Page, selector: string, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    const matches = await page.evaluate(
      (css) => document.activeElement?.matches(css) ?? false,
      selector,
    );
    if (matches) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(
    `${selector} not reachable by Tab in ${max} presses; focus on ${await describeFocus(page)}`,
  );
}

/** Presses Tab until `selector` has focus (see {@link tabTo}), then `key` on it. */
export async function press(page: Page, selector: string, key = 'Enter', max = 40): Promise<void> {
  await tabTo(page, selector, max);
  await page.keyboard.press(key);
}

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/** A violation as the test reports it: the rule, and where. */
export interface AxeFinding {
  id: string;
  impact: string | null | undefined;
  targets: string[];
}

/** Runs axe on the whole page (WCAG 2.x A and AA, and best practices) and returns its violations. */
export async function axe(page: Page): Promise<AxeFinding[]> {
  // Colours are judged as they end up, not halfway through a dialog's fade-in.
  await page.evaluate(() =>
    Promise.all(document.getAnimations().map((animation) => animation.finished)),
  );
  // Evaluated through the DevTools protocol, which the demo's strict CSP does not govern (an inline
  // <script>, as addScriptTag({ content }) adds, would be refused by it, as it should).
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const run = (window as unknown as { axe: { run: (context: Document) => Promise<AxeResults> } })
      .axe.run;
    interface AxeResults {
      violations: { id: string; impact?: string | null; nodes: { target: string[] }[] }[];
    }
    const results = await run(document);
    return results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
  });
}
