import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

// The engine's two entry points (`@palaute/engine` and `@palaute/engine/internal`) share one copy of
// every module in the build, ESM and CJS alike: an error thrown by one is an instance of the other's
// class. Two copies made the server's `instanceof` checks fail and its refusals answer 500.

const dist = (file: string) =>
  fileURLToPath(new URL(`../../packages/engine/dist/${file}`, import.meta.url));

interface Entries {
  index: {
    LifecycleError: new (...args: never[]) => Error;
    ValidationError: new (...args: never[]) => Error;
    HttpError: new (...args: never[]) => Error;
    createHttpBackend: (options: {
      baseUrl: string;
      fetch: (url: string, init: { body: string }) => Promise<unknown>;
      now: () => number;
    }) => { submitResponse: (response: unknown) => Promise<unknown> };
  };
  internal: {
    applyTeamAction: (item: unknown, action: unknown, by: unknown, at: string) => unknown;
    feedbackNotFound: (id: string) => Error;
  };
}

const item = {
  id: 'response-0001',
  customerId: 'alice',
  status: 'new',
};

function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe.each([
  {
    format: 'ESM',
    load: async (): Promise<Entries> => ({
      index: await import(dist('index.js')),
      internal: await import(dist('internal.js')),
    }),
  },
  {
    format: 'CJS',
    load: async (): Promise<Entries> => {
      const require = createRequire(import.meta.url);
      return { index: require(dist('index.cjs')), internal: require(dist('internal.cjs')) };
    },
  },
])('the built engine ($format)', ({ load }) => {
  it('given an error thrown through `internal` › is an instance of the class `index` exports', async () => {
    const { index, internal } = await load();
    const lifecycle = thrownBy(() =>
      internal.applyTeamAction(
        item,
        { type: 'feedback.triage' },
        { kind: 'customer', id: 'x' },
        '',
      ),
    );
    expect(lifecycle).toBeInstanceOf(index.LifecycleError);
    expect(internal.feedbackNotFound('response-0002')).toBeInstanceOf(index.ValidationError);
  });

  // `sendRequest` is built whole into `protocol-send` (loaded with the first request), its retry
  // rules copied in, the error classes the main build's: what it throws is what `index` exports.
  it('given requests through the built HTTP client › its failures are instances of the classes `index` exports', async () => {
    const { index } = await load();
    const at = '2026-11-23T10:00:00.000Z';
    const response = {
      id: 'response-0001',
      surveyId: 'nps-dashboard',
      surveyVersion: 1,
      touchpointId: 'dashboard',
      customerId: 'c-1',
      locale: 'en',
      answers: { nps: 3 },
      startedAt: at,
      submittedAt: at,
    };
    const answers: Array<() => Promise<unknown>> = [
      async () => ({
        status: 429,
        ok: false,
        headers: { get: (name: string) => (name === 'retry-after' ? '30' : null) },
        text: async () =>
          JSON.stringify({ protocol: 1, error: { code: 'rate_limited', message: 'Slow down.' } }),
      }),
      async () => ({
        status: 400,
        ok: false,
        headers: { get: () => null },
        text: async () =>
          JSON.stringify({ protocol: 1, error: { code: 'invalid_request', message: 'No.' } }),
      }),
      async () => {
        throw new TypeError('Failed to fetch');
      },
    ];
    const backend = index.createHttpBackend({
      baseUrl: 'https://palaute.test',
      fetch: () => (answers.shift() as () => Promise<unknown>)(),
      now: () => Date.parse(at),
    });
    const failure = (run: Promise<unknown>) =>
      run.then(
        () => undefined,
        (error: unknown) => error,
      );

    const limited = await failure(backend.submitResponse(response));
    expect(limited).toBeInstanceOf(index.HttpError);
    expect(limited).toMatchObject({ code: 'rate_limited', retryable: true, retryAfterMs: 30_000 });
    const refused = await failure(backend.submitResponse(response));
    expect(refused).toBeInstanceOf(index.HttpError);
    expect(refused).toMatchObject({ status: 400, code: 'invalid_request', retryable: false });
    const offline = await failure(backend.submitResponse(response));
    expect(offline).toBeInstanceOf(index.HttpError);
    expect(offline).toMatchObject({ status: 0, code: 'network', retryable: true });
    const invalid = await failure(backend.submitResponse({ ...response, answers: 'none' }));
    expect(invalid).toBeInstanceOf(index.ValidationError);
    expect(answers).toEqual([]);
  });
});
