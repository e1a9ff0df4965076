// The zod schema objects in the heap of a page that shows a survey, at each step, loaded from the
// BUILT engine as a host's page loads it: the HTTP client's module and the outbox (which brings the
// protocol's schemas), then one display stored and delivered, then one response. Run with
// `node --expose-gc test/support/zod-heap.mjs [engine dist directory]`; prints one JSON object:
// for each step, every live zod schema object (anything with `_zod`) as its type and, for an object
// schema whose shape is built, its keys. Read from V8 heap snapshots, after a full GC.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeHeapSnapshot } from 'node:v8';

const dist = resolve(
  process.argv[2] ?? new URL('../../packages/engine/dist', import.meta.url).pathname,
);
const dir = mkdtempSync(join(tmpdir(), 'palaute-zod-heap-'));

/** Every live object with a `_zod` property: its `def.type` and, for a built object shape, its keys. */
function zodObjects() {
  globalThis.gc();
  const file = writeHeapSnapshot(join(dir, `${Date.now()}.heapsnapshot`));
  const { snapshot: meta, nodes, edges, strings } = JSON.parse(readFileSync(file, 'utf8'));
  rmSync(file);
  const nf = meta.meta.node_fields;
  const ef = meta.meta.edge_fields;
  const [N, E] = [nf.length, ef.length];
  const [nType, nName, nEdges] = ['type', 'name', 'edge_count'].map((f) => nf.indexOf(f));
  const [eType, eName, eTo] = ['type', 'name_or_index', 'to_node'].map((f) => ef.indexOf(f));
  const nodeTypes = meta.meta.node_types[0];
  const edgeTypes = meta.meta.edge_types[0];
  const count = nodes.length / N;
  const first = new Uint32Array(count + 1);
  for (let i = 0, e = 0; i < count; i++) {
    first[i] = e;
    e += nodes[i * N + nEdges] * E;
  }
  first[count] = edges.length;
  const properties = (node) => {
    const found = new Map();
    for (let e = first[node]; e < first[node + 1]; e += E)
      if (edgeTypes[edges[e + eType]] === 'property' && strings[edges[e + eName]] !== '__proto__')
        found.set(strings[edges[e + eName]], edges[e + eTo] / N);
    return found;
  };
  const objects = [];
  for (let node = 0; node < count; node++) {
    if (nodeTypes[nodes[node * N + nType]] !== 'object') continue;
    const internals = properties(node).get('_zod');
    if (internals === undefined) continue;
    const def = properties(internals).get('def');
    const fields = def === undefined ? new Map() : properties(def);
    const type = fields.has('type') ? strings[nodes[fields.get('type') * N + nName]] : 'check';
    const shape = fields.get('shape');
    objects.push(
      shape !== undefined && nodeTypes[nodes[shape * N + nType]] === 'object'
        ? { type, keys: [...properties(shape).keys()].sort() }
        : { type },
    );
  }
  return objects;
}

const at = '2026-12-03T10:00:00.000Z';
const display = {
  responseId: 'flow-0001',
  surveyId: 'relational-nps',
  surveyVersion: 1,
  touchpointId: 'dashboard',
  customerId: 'customer-42',
  at,
};
const response = {
  id: 'flow-0001',
  surveyId: 'relational-nps',
  surveyVersion: 1,
  touchpointId: 'dashboard',
  customerId: 'customer-42',
  locale: 'en',
  answers: { nps: 9 },
  startedAt: at,
  submittedAt: at,
};

const steps = {};
try {
  const load = (file) => import(pathToFileURL(join(dist, file)).href);
  const { createHttpBackend } = await load('_/protocol/protocol.client.js');
  const { createOutbox, createMemoryOutboxStorage } = await load('outbox.js');
  steps.load = zodObjects();
  const sent = [];
  const backend = createHttpBackend({
    baseUrl: 'https://api.example.com/palaute',
    // What the server answers a display and a response.
    fetch: async (_url, init) => {
      const body = JSON.parse(init.body);
      sent.push(body);
      const answer = body.response
        ? {
            protocol: 1,
            receipt: { responseId: body.response.id, receivedAt: at },
            duplicate: false,
          }
        : { protocol: 1, key: 'display:flow-0001', duplicate: false };
      return {
        status: 200,
        ok: true,
        headers: { get: () => null },
        text: async () => JSON.stringify(answer),
      };
    },
  });
  const outbox = createOutbox({ backend, storage: createMemoryOutboxStorage() });
  await outbox.start();
  await outbox.enqueue('display', display);
  await outbox.flush();
  steps.display = zodObjects();
  await outbox.enqueue('response', response);
  await outbox.flush();
  steps.response = zodObjects();
  outbox.stop();
  steps.sent = sent;
  steps.status = outbox.status();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(JSON.stringify(steps));
