import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { signCustomerId } from '../../packages/server/src/index';
import { cesInvoice, general, invoicingTouchpoints, npsDashboard } from '../fixtures/journey';
import { isStale } from '../support/stale';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(root, 'packages/server/dist/cli.js');
const engine = ['packages/engine/dist/index.js', 'packages/engine/dist/internal.js'];

// `npm test` must pass without `npm run build`: build what the command needs, the command always
// (it is quick), the engine when its build is missing or older than its sources.
beforeAll(() => {
  const build = (name: string) =>
    execFileSync(process.execPath, [join(root, 'node_modules/tsup/dist/cli-default.js')], {
      cwd: root,
      env: { ...process.env, PALAUTE_PACKAGE: name },
      stdio: 'pipe',
    });
  if (isStale(engine, ['packages/engine/src', 'tsup.config.ts'])) build('engine');
  build('server');
}, 180_000);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'palaute-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const baseEnv = () => ({
  PATH: process.env.PATH ?? '',
  PORT: '0',
  PALAUTE_DATA_DIR: join(dir, 'data'),
  PALAUTE_SECRET: 'cli-secret-0123456789',
  PALAUTE_PUBLISHABLE_KEY: 'pk_cli',
  PALAUTE_TEAM_TOKENS: JSON.stringify([
    { token: 'anna-cli-token-0123456789', id: 'anna', name: 'Anna' },
  ]),
});

/** Runs the command; resolves with its output once it exits. */
function run(env: Record<string, string>) {
  const child = spawn(process.execPath, [cli], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { child, exited, output: () => ({ stdout, stderr }) };
}

async function address(child: ChildProcess, output: () => { stdout: string }): Promise<string> {
  for (let waited = 0; waited < 30_000; waited += 50) {
    const found = /listening on (http:\/\/\S+)/.exec(output().stdout);
    if (found?.[1]) return found[1];
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`The command did not print its address: ${JSON.stringify(output())}`);
}

describe('the palaute-server command', () => {
  it('given a complete environment › prints its address, serves on PGlite, and stops cleanly on SIGTERM', async () => {
    const journey = join(dir, 'journey.json');
    writeFileSync(
      journey,
      JSON.stringify({
        surveys: [cesInvoice, npsDashboard, general],
        touchpoints: invoicingTouchpoints,
        asks: [{ surveyId: 'dashboard-nps', triggers: [{ on: 'touchpoint' }] }],
        // Every display is a contact (no grace for unanswered ones), so the budget shows at once.
        policy: { unansweredDisplays: 0 },
      }),
    );
    const { child, exited, output } = run({ ...baseEnv(), PALAUTE_CONFIG: journey });
    const url = await address(child, output);
    expect(output().stdout).toContain('PGlite in');
    const headers = {
      'content-type': 'application/json',
      'x-palaute-key': 'pk_cli',
      'x-palaute-customer': signCustomerId('cli-secret-0123456789', 'alice'),
    };
    const display = (responseId: string) => ({
      protocol: 1,
      display: {
        responseId,
        surveyId: 'dashboard-nps',
        surveyVersion: 1,
        touchpointId: 'dashboard',
        customerId: 'alice',
        at: new Date().toISOString(),
      },
    });
    const first = await fetch(`${url}/v1/displays`, {
      method: 'POST',
      headers,
      body: JSON.stringify(display('flow-0001')),
    });
    expect(first.status).toBe(200);
    // The journey file's policy (one contact in 14 days by default) holds on the server.
    const second = await fetch(`${url}/v1/displays`, {
      method: 'POST',
      headers,
      body: JSON.stringify(display('flow-0002')),
    });
    expect(second.status).toBe(422);
    const inbox = await fetch(`${url}/v1/team/feedback/query`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: 'Bearer anna-cli-token-0123456789',
      },
      body: JSON.stringify({ protocol: 1, query: {} }),
    });
    expect(inbox.status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output().stdout).toContain('SIGTERM, shutting down');
    expect(existsSync(join(dir, 'data'))).toBe(true);
  }, 60_000);

  it('given a missing secret › exits 2 naming the variable, without a stack trace', async () => {
    const { exited, output } = run({
      ...baseEnv(),
      PALAUTE_SECRET: '',
    });
    expect(await exited).toBe(2);
    const { stderr } = output();
    expect(stderr).toContain('PALAUTE_SECRET: must be at least 16 characters');
    // No stack trace: a message for people.
    expect(stderr).not.toMatch(/\n\s+at /);
  }, 30_000);

  it('given a journey file that is not valid › exits 2 naming the file and the bad path', async () => {
    const journey = join(dir, 'journey.json');
    writeFileSync(
      journey,
      JSON.stringify({
        surveys: [],
        touchpoints: [],
        asks: [{ surveyId: 'x', triggers: [{ on: 'touchpoint' }] }],
      }),
    );
    const { exited, output } = run({ ...baseEnv(), PALAUTE_CONFIG: journey });
    expect(await exited).toBe(2);
    expect(output().stderr).toMatch(/PALAUTE_CONFIG \(.*journey\.json\): .*asks\[0\]\.surveyId/s);
    const tokens = run({
      ...baseEnv(),
      PALAUTE_TEAM_TOKENS: '[{"token":"short","id":"x","name":"X"}]',
    });
    expect(await tokens.exited).toBe(2);
    expect(tokens.output().stderr).toContain(
      'PALAUTE_TEAM_TOKENS[0].token: must be at least 16 characters',
    );
  }, 30_000);
});
