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
});
