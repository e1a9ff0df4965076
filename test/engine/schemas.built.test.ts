import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// A page that shows a survey loads the outbox and the protocol's schemas when the provider starts,
// before anyone answers. In the BUILT engine (as a host's page loads it), loading them builds no
// record's schema: only the outbox's ten record kinds, their payloads not yet built. Storing and
// sending a display builds the display's schemas, and a response the response's, each when first
// needed. Counted from V8 heap snapshots (every live object with `_zod`) in a child Node process
// (test/support/zod-heap.mjs). Before the records' schemas were built on first use: 354 zod
// objects at load, 363 after a display.

interface ZodObject {
  type: string;
  keys?: string[];
}
interface Steps {
  load: ZodObject[];
  display: ZodObject[];
  response: ZodObject[];
  sent: unknown[];
  status: { pending: number; rejected: number; lastError: string | null };
}

const script = fileURLToPath(new URL('../support/zod-heap.mjs', import.meta.url));
const steps = (): Steps =>
  JSON.parse(
    execFileSync(process.execPath, ['--expose-gc', script], { encoding: 'utf8', timeout: 60_000 }),
  ) as Steps;

/** The object schemas whose shape is built that have `key`. */
const having = (objects: ZodObject[], key: string) =>
  objects.filter((object) => object.keys?.includes(key));
const types = (objects: ZodObject[]) => objects.map((object) => object.type);

describe('the built outbox and protocol schemas, in the heap of a page that shows a survey', () => {
  const { load, display, response, sent, status } = steps();

  it('given they load › no record’s schema is built: only the outbox’s ten kinds and their union', () => {
    expect(types(load).filter((type) => type === 'object')).toHaveLength(10);
    expect(types(load).filter((type) => type === 'union')).toHaveLength(1);
    // No free-form record (answers, attributes), no array, no payload's object built.
    for (const type of ['pipe', 'record', 'array']) expect(types(load)).not.toContain(type);
    expect(load.filter((object) => object.keys)).toEqual([]);
    expect(load.length).toBeLessThan(50);
  });

  it('given a display stored and sent › its schemas are built, no other kind’s', () => {
    expect(status).toMatchObject({ pending: 0, rejected: 0, lastError: null });
    expect(sent).toHaveLength(2);
    expect(having(display, 'initiative')).toHaveLength(1);
    expect(display).toContainEqual({ type: 'object', keys: ['display', 'protocol'] });
    for (const key of ['answers', 'reason', 'followUpId', 'replyId', 'itemId', 'noticeId'])
      expect(having(display, key), key).toEqual([]);
    for (const key of ['optedOut', 'voted', 'title', 'items', 'error'])
      expect(having(display, key), key).toEqual([]);
    expect(display.length).toBeLessThan(100);
  });

  it('given a response stored and sent › the response’s schemas are built then', () => {
    expect(having(response, 'answers')).toHaveLength(1);
    expect(response).toContainEqual({ type: 'object', keys: ['protocol', 'response'] });
    expect(having(response, 'reason')).toEqual([]);
  });
});
