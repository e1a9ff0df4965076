// The NPS dialog side by side with its floor and Sentry's feedback widget, in headless Chromium
// (Debian's, never downloaded). Not a test: run it, read it.
//   npm run bench:dialog     BENCH_RUNS=5 runs (alternating the pages), BENCH_CYCLES=1000 open/close
//                            cycles in the first BENCH_CYCLE_RUNS=1 run(s); BENCH_PAGES=palaute,floor,sentry;
//                            BENCH_SNAPSHOT=1 prints what grew over the cycles (heap snapshots, with
//                            the holders of the largest arrays and of external strings).
//   Before "Send" the page is left idle (no request for 300 ms), as a customer reading the question
//   leaves it; BENCH_SETTLE=0 clicks at once. What "Send" costs, for diagnosis: BENCH_TRACE=1 sums
//   Chromium's performance trace of the "Send" window by event (BENCH_TRACE=layout adds each layout);
//   BENCH_RENDERS=1 lists the React commits and the components rendered in each; BENCH_PROFILE=<dir>
//   saves a CPU profile of it per page with source maps (BENCH_MINIFY=0 keeps names);
//   BENCH_REACT_DIST=<dir> bundles another build of the React package, BENCH_ENGINE_DIST=<dir> of the
//   engine (before/after comparisons); BENCH_SNAPSHOT_SHOWN=<dir> saves each page's heap snapshot
//   at "dialog shown".
// Pages (bench/dialog/*) are bundled with esbuild (minified, production, split at `import()`)
// against the packages' BUILT entries (packages/*/dist: the npm script builds the engine and the
// React package) and served from 127.0.0.1. React pages get React as a second entry, so the chunk
// they share is React alone and is counted apart from the page's own JS. The bench server answers
// Palaute's protocol with the engine's own protocol handler over a memory backend, the floor's one
// route, and Sentry's envelope endpoint (200, nothing stored).

import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';
import { build } from 'esbuild';
import { chromium } from 'playwright';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const CYCLES = Number(process.env.BENCH_CYCLES ?? 1000);
/** In how many of the runs (the first ones) the open/close cycles are measured. */
const CYCLE_RUNS = Number(process.env.BENCH_CYCLE_RUNS ?? 1);
const TIMEOUT_S = Number(process.env.BENCH_TIMEOUT_S ?? 600);
const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const root = here('..');

const { createMemoryBackend, createProtocolHandler } = await import(
  resolve(root, 'packages/engine/dist/index.js')
);

// ---------------------------------------------------------------------------------------------
// Bundles

const brotli = (code) =>
  brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
/** Every served file: path → { code, brotli }. */
const files = new Map();

// BENCH_ENGINE_DIST=<dir>: another build of the engine (a before/after comparison); the bench's own
// server always uses this tree's.
const engineDist = process.env.BENCH_ENGINE_DIST ?? resolve(root, 'packages/engine/dist');
const alias = {
  '@palaute/engine': resolve(engineDist, 'index.js'),
  // BENCH_REACT_DIST: another build of the React package (a before/after comparison).
  '@palaute/react': resolve(
    process.env.BENCH_REACT_DIST ?? resolve(root, 'packages/react/dist'),
    'index.js',
  ),
};
const engineExports = JSON.parse(
  readFileSync(resolve(root, 'packages/engine/package.json'), 'utf8'),
).exports;
for (const [subpath, target] of Object.entries(engineExports))
  if (subpath !== '.' && typeof target === 'object')
    alias[`@palaute/engine/${subpath.slice(2)}`] = resolve(
      engineDist,
      target.import.default.replace(/^\.\/dist\//, ''),
    );

const common = {
  bundle: true,
  minify: process.env.BENCH_MINIFY !== '0',
  splitting: true,
  write: false,
  format: 'esm',
  platform: 'browser',
  target: 'es2020',
  jsx: 'automatic',
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'error',
  metafile: true,
  // BENCH_PROFILE=<dir>: source maps, to name what the profiles of "Send" spend their time in.
  sourcemap: process.env.BENCH_PROFILE ? 'external' : false,
};

/** Stores one build's output under /js/<prefix>/ and returns its entries' URLs by name. */
function collect(result, prefix, outdir) {
  const entries = {};
  for (const file of result.outputFiles) {
    const name = file.path.slice(resolve(root, outdir).length + 1);
    const url = `/js/${prefix}/${name}`;
    files.set(url, { code: file.text, brotli: brotli(file.text) });
    const meta = result.metafile.outputs[`${outdir}/${name}`];
    if (meta?.entryPoint) entries[meta.entryPoint] = url;
  }
  return entries;
}

/** The pages: name → entry file, and whether it is a React host. */
const pageSources = {
  palaute: { entry: 'bench/dialog/palaute.tsx', react: true },
  floor: { entry: 'bench/dialog/floor.tsx', react: true },
  sentry: { entry: 'bench/dialog/sentry.ts', react: false },
  reactHost: { entry: 'bench/dialog/react-host.tsx', react: true },
};
const pageEntries = {};
/** Served paths that hold React (the host's, shared by the React pages): counted apart. */
const reactFiles = new Set();
const isReact = (input) => /node_modules\/(react|react-dom|scheduler)\//.test(input);
for (const [name, { entry, react }] of Object.entries(pageSources)) {
  const outdir = `bench-out-${name}`;
  // React pages get a second entry holding only React: the chunk both share is React itself.
  const result = await build({
    ...common,
    absWorkingDir: root,
    entryPoints: react ? [entry, 'bench/dialog/react.ts'] : [entry],
    outdir,
    alias,
  });
  pageEntries[name] = collect(result, name, outdir)[entry];
  for (const [output, meta] of Object.entries(result.metafile.outputs)) {
    const inputs = Object.keys(meta.inputs);
    if (!meta.entryPoint && inputs.length > 0 && inputs.every(isReact))
      reactFiles.add(`/js/${name}/${output.slice(outdir.length + 1)}`);
  }
}

/**
 * The harness every page gets inline (not counted in its JS): finds elements in the document and in
 * open shadow roots, and waits for a condition on DOM mutations (no polling), then for the frame
 * that paints it.
 */
const harness = `
window.__bench = (() => {
  const roots = () => [document, ...[...(document.body?.children ?? [])].flatMap((el) => el.shadowRoot ? [el.shadowRoot] : [])];
  const find = (selector) => { for (const r of roots()) { const el = r.querySelector(selector); if (el) return el; } return null; };
  const visible = (selector) => { const el = find(selector); return el && el.checkVisibility({ visibilityProperty: true }) ? el : null; };
  const painted = () => new Promise((done) => requestAnimationFrame(() => { const c = new MessageChannel(); c.port1.onmessage = () => done(); c.port2.postMessage(null); }));
  const until = (test) => new Promise((done) => {
    if (test()) return done();
    const watched = new Set();
    const observer = new MutationObserver(() => { watch(); if (test()) { observer.disconnect(); done(); } });
    const watch = () => { for (const r of roots()) if (!watched.has(r)) { watched.add(r); observer.observe(r, { subtree: true, childList: true, attributes: true, characterData: true }); } };
    watch();
  });
  return { find, visible, painted, until };
})();`;

/**
 * BENCH_RENDERS: a stand-in for React's devtools hook (React calls it in production builds too),
 * counting each commit and the components that rendered in it, for `window.__renders`.
 */
const rendersHook = `
window.__renders = [];
const __seen = new WeakMap();
window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
  supportsFiber: true, renderers: new Map(), inject() { return 1; }, checkDCE() {},
  onScheduleFiberRoot() {}, onCommitFiberUnmount() {}, onPostCommitFiberRoot() {}, setStrictMode() {},
  onCommitFiberRoot(_, root) {
    const names = [];
    const walk = (fiber) => {
      for (let f = fiber; f; f = f.sibling) {
        if ([0, 1, 11, 14, 15].includes(f.tag)) {
          // Rendered: mounted, or its props or hooks are new objects since the last commit.
          const last = __seen.get(f) ?? (f.alternate ? __seen.get(f.alternate) : undefined);
          if (!last || last.p !== f.memoizedProps || last.s !== f.memoizedState) {
            const t = f.type?.render ?? f.type?.type ?? f.type;
            names.push(f.type?.displayName ?? t?.displayName ?? t?.name ?? '?');
          }
          const now = { p: f.memoizedProps, s: f.memoizedState };
          __seen.set(f, now);
          if (f.alternate) __seen.set(f.alternate, now);
        }
        if (f.child) walk(f.child);
      }
    };
    walk(root.current.child);
    window.__renders.push(names);
  },
};`;

const page = (name) => {
  const scripts =
    name === 'blank' ? '' : `<script type="module" src="${pageEntries[name]}"></script>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${name}</title>
<script>${harness}${process.env.BENCH_RENDERS ? rendersHook : ''}</script>${scripts}</head>
<body><div id="root"></div></body></html>`;
};

// ---------------------------------------------------------------------------------------------
// Server

const protocol = createProtocolHandler({
  backend: createMemoryBackend(),
  authenticate: () => ({ kind: 'customer', customerId: 'customer-42' }),
});
const server = createServer(async (request, response) => {
  const url = new URL(request.url, 'http://127.0.0.1');
  const chunks = [];
  for await (const chunk of request) chunks.push(chunk);
  const body = Buffer.concat(chunks).toString('utf8');
  const headers = {
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-embedder-policy': 'require-corp',
    'cache-control': 'no-store',
  };
  if (url.pathname.startsWith('/js/') && files.has(url.pathname)) {
    response.writeHead(200, { ...headers, 'content-type': 'text/javascript' });
    response.end(files.get(url.pathname).code);
  } else if (url.pathname.startsWith('/api/palaute/')) {
    const answer = await protocol({
      method: request.method,
      path: url.pathname.slice('/api/palaute'.length),
      headers: { get: (name) => request.headers[name.toLowerCase()] ?? null },
      body,
    });
    response.writeHead(answer.status, { ...headers, ...answer.headers });
    response.end(answer.body);
  } else if (url.pathname === '/api/floor/responses') {
    response.writeHead(201, { ...headers, 'content-type': 'application/json' });
    response.end('{"ok":true}');
  } else if (url.pathname.startsWith('/api/1/')) {
    // Sentry's envelope endpoint: accept and forget.
    response.writeHead(200, { ...headers, 'content-type': 'application/json' });
    response.end('{}');
  } else if (
    url.pathname === '/' &&
    (url.searchParams.get('page') ?? '') in { ...pageEntries, blank: 1 }
  ) {
    response.writeHead(200, { ...headers, 'content-type': 'text/html' });
    response.end(page(url.searchParams.get('page')));
  } else {
    response.writeHead(404, headers);
    response.end();
  }
});
await new Promise((done) => server.listen(0, '127.0.0.1', done));
const origin = `http://127.0.0.1:${server.address().port}`;

// ---------------------------------------------------------------------------------------------
// What each page is: how to open, answer and close its dialog (run in the page).

const dialogs = {
  palaute: {
    trigger: '#open',
    question: '[role="dialog"] [role="radio"][data-value="9"]',
    closed: () => !document.querySelector('[role="dialog"]'),
    pick: () => window.__bench.find('[role="dialog"] [role="radio"][data-value="9"]').click(),
    send: () =>
      [...document.querySelectorAll('[role="dialog"] button')]
        .find((button) => button.textContent.trim() === 'Send')
        .click(),
    thanks: () =>
      document
        .querySelector('[role="dialog"]')
        ?.textContent.includes('Thank you for your feedback!'),
    close: () =>
      document.activeElement.dispatchEvent(
        new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }),
      ),
  },
  floor: {
    trigger: '#open',
    question: '[role="dialog"] input[data-value="9"]',
    closed: () => !document.querySelector('[role="dialog"]'),
    pick: () => window.__bench.find('[role="dialog"] input[data-value="9"]').click(),
    send: () =>
      [...document.querySelectorAll('[role="dialog"] button')]
        .find((button) => button.textContent.trim() === 'Send')
        .click(),
    thanks: () => document.querySelector('[role="dialog"] [role="status"]') !== null,
    close: () =>
      document.activeElement.dispatchEvent(
        new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }),
      ),
  },
  sentry: {
    trigger: '.widget__actor',
    question: 'dialog.dialog[open] textarea#message',
    closed: () => !window.__bench.find('dialog.dialog[open]'),
    pick: () => {
      window.__bench.find('textarea#message').value = 'Exports are slow when the year closes.';
    },
    send: () => window.__bench.find('dialog.dialog[open] button.btn--primary').click(),
    thanks: () => window.__bench.find('.success__content') !== null,
    close: () => window.__bench.find('dialog.dialog[open] .btn-group .btn--default').click(),
  },
};

/** Installs the page's dialog description as `window.__dialog` (functions sent as source). */
async function describe(tab, name) {
  const d = dialogs[name];
  await tab.evaluate(
    `window.__dialog = { trigger: ${JSON.stringify(d.trigger)}, question: ${JSON.stringify(d.question)},
      closed: ${d.closed}, pick: ${d.pick}, send: ${d.send}, thanks: ${d.thanks}, close: ${d.close} };`,
  );
}

// ---------------------------------------------------------------------------------------------
// Measurements

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-extensions',
  ],
});
const deadline = setTimeout(() => {
  console.error(`bench: gave up after ${TIMEOUT_S} s`);
  process.exit(1);
}, TIMEOUT_S * 1000);

/** A fresh context and page with a CDP session, the JS it requests recorded. */
async function open(name) {
  const context = await browser.newContext();
  const tab = await context.newPage();
  const cdp = await context.newCDPSession(tab);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  const requested = [];
  const inflight = new Set();
  tab.on('request', (request) => inflight.add(request));
  tab.on('requestfinished', (request) => inflight.delete(request));
  tab.on('requestfailed', (request) => inflight.delete(request));
  /** Waits until no request has been in flight for 300 ms (what the page sends has arrived), 5 s at most. */
  const settle = async () => {
    const until = Date.now() + 5000;
    let quietSince = Date.now();
    while (Date.now() < until) {
      if (inflight.size > 0) quietSince = Date.now();
      else if (Date.now() - quietSince >= 300) return;
      await new Promise((done) => setTimeout(done, 50));
    }
  };
  tab.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (files.has(path)) requested.push(path);
  });
  tab.on('pageerror', (error) => console.error(`[${name}] ${error.message}`));
  tab.on('crash', () => console.error(`[${name}] crashed`));
  if (process.env.BENCH_DEBUG) tab.on('console', (m) => console.error(`[${name}] ${m.text()}`));
  await tab.goto(`${origin}/?page=${name}`);
  return { context, tab, cdp, requested, settle };
}

const heap = async (cdp) => {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  return (await cdp.send('Runtime.getHeapUsage')).usedSize;
};
/** BENCH_SNAPSHOT_SHOWN=<dir>: the heap snapshot at "dialog shown", saved for comparison. */
async function saveSnapshot(cdp, path) {
  const { mkdirSync, writeFileSync } = await import('node:fs');
  const { dirname } = await import('node:path');
  await cdp.send('HeapProfiler.collectGarbage');
  let text = '';
  const collect = ({ chunk }) => {
    text += chunk;
  };
  cdp.on('HeapProfiler.addHeapSnapshotChunk', collect);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', collect);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}
/** A heap snapshot summed by (type, constructor name): count and self size (BENCH_SNAPSHOT only). */
async function snapshot(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  let text = '';
  const collect = ({ chunk }) => {
    text += chunk;
  };
  cdp.on('HeapProfiler.addHeapSnapshotChunk', collect);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', collect);
  const { snapshot: meta, nodes, strings } = JSON.parse(text);
  const fields = meta.meta.node_fields;
  const types = meta.meta.node_types[0];
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
  const sums = new Map();
  for (let i = 0; i < nodes.length; i += fields.length) {
    const key = `${types[nodes[i + typeAt]]} ${strings[nodes[i + nameAt]].slice(0, 60)}`;
    const sum = sums.get(key) ?? { count: 0, size: 0 };
    sum.count++;
    sum.size += nodes[i + sizeAt];
    sums.set(key, sum);
  }
  // The largest arrays and what holds them (two levels up), to name a growing one.
  const edgeFields = meta.meta.edge_fields;
  const edgeTypes = meta.meta.edge_types[0];
  const { edges } = JSON.parse(text);
  const countAt = fields.indexOf('edge_count');
  const label = (i) => `${types[nodes[i + typeAt]]} ${strings[nodes[i + nameAt]].slice(0, 50)}`;
  const arrays = [];
  for (let i = 0; i < nodes.length; i += fields.length)
    if (types[nodes[i + typeAt]] === 'array') arrays.push(i);
  arrays.sort((a, b) => nodes[b + sizeAt] - nodes[a + sizeAt]);
  const top = new Set(arrays.slice(0, 6));
  const parents = new Map();
  const parentIds = new Map();
  for (let i = 0, e = 0; i < nodes.length; i += fields.length) {
    for (let k = 0; k < nodes[i + countAt]; k++, e += edgeFields.length) {
      const to = edges[e + 2];
      const type = edgeTypes[edges[e]];
      if (type === 'weak') continue;
      const edgeName =
        type === 'element' || type === 'hidden' ? edges[e + 1] : strings[edges[e + 1]];
      if (!parents.has(to)) parents.set(to, []);
      if (parents.get(to).length < 3) parents.get(to).push(`${label(i)} .${edgeName}`);
      if (!parentIds.has(to)) parentIds.set(to, i);
    }
  }
  // Up to four holders up, through the first (strong) edge to each.
  const chain = (i) => {
    const up = [];
    for (let at = parentIds.get(i), n = 0; at !== undefined && n < 4; at = parentIds.get(at), n++)
      up.push(label(at));
    return up.join(' ← ');
  };
  const firstEdge = new Map();
  for (let i = 0, e = 0; i < nodes.length; i += fields.length) {
    firstEdge.set(i, e);
    e += nodes[i + countAt] * edgeFields.length;
  }
  /** What an array holds: its elements counted by label, the commonest first. */
  const holds = (i) => {
    const counts = new Map();
    const start = firstEdge.get(i);
    for (let k = 0; k < nodes[i + countAt]; k++) {
      const to = edges[start + k * edgeFields.length + 2];
      const key = label(to);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return [...counts]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 4)
      .map(([key, n]) => `${n}× ${key}`)
      .join(', ');
  };
  sums.arrays = [...top].map((i) => {
    const up = parents.get(i) ?? [];
    return `${nodes[i + sizeAt]} B array held by ${up.join(' | ')}\n      ${chain(i)}\n      holding ${holds(i)}`;
  });
  // What holds the external strings (one of the things a Palaute cycle added).
  const external = new Map();
  for (let i = 0; i < nodes.length; i += fields.length)
    if (strings[nodes[i + nameAt]] === 'system / ExternalStringData') {
      const key = chain(i);
      external.set(key, (external.get(key) ?? 0) + 1);
    }
  sums.external = [...external]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([key, count]) => `${count}× ${key}`);
  return sums;
}

/**
 * BENCH_TRACE: Chromium's performance trace of the "Send" window (the DevTools timeline's
 * categories), summed by event name on the page's main thread: what the task time is made of.
 */
async function startTrace(cdp) {
  const events = [];
  const collect = ({ value }) => events.push(...value);
  cdp.on('Tracing.dataCollected', collect);
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: {
      includedCategories: [
        'devtools.timeline',
        'v8',
        'v8.execute',
        'blink',
        'disabled-by-default-devtools.timeline',
        ...(process.env.BENCH_TRACE === 'layout'
          ? [
              'disabled-by-default-devtools.timeline.stack',
              '*',
              'disabled-by-default-blink.debug.layout',
              'fonts',
            ]
          : []),
      ],
    },
  });
  return async () => {
    const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    await done;
    cdp.off('Tracing.dataCollected', collect);
    // The renderer's main thread: the one running the page's tasks with the most time.
    const perThread = new Map();
    for (const event of events)
      if (event.name === 'RunTask' && event.ph === 'X') {
        const id = `${event.pid}:${event.tid}`;
        perThread.set(id, (perThread.get(id) ?? 0) + event.dur);
      }
    const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
    const thread = main
      ? `${main.pid}:${main.tid}`
      : [...perThread].sort((a, b) => b[1] - a[1])[0]?.[0];
    const sums = new Map();
    if (process.env.BENCH_TRACE === 'layout')
      for (const event of events)
        if (
          `${event.pid}:${event.tid}` === thread &&
          (event.name === 'Layout' ||
            event.name === 'UpdateLayoutTree' ||
            event.name === 'FunctionCall' ||
            event.name === 'EventDispatch' ||
            event.name === 'RunMicrotasks')
        )
          console.error(
            `  ${event.ts} ${event.name} ${(event.dur / 1000).toFixed(2)} ms ${JSON.stringify(event.args).slice(0, 300)}`,
          );
    if (process.env.BENCH_TRACE === 'layout') {
      const big = events.filter(
        (e) => e.name === 'Layout' && e.dur > 3000 && `${e.pid}:${e.tid}` === thread,
      );
      for (const layout of big) {
        console.error(`big layout ${JSON.stringify(layout.args).slice(0, 2000)}`);
        const inner = new Map();
        for (const e of events)
          if (
            `${e.pid}:${e.tid}` === thread &&
            e.ts >= layout.ts &&
            e.ts <= layout.ts + layout.dur &&
            e !== layout
          ) {
            const sum = inner.get(e.name) ?? { n: 0, d: 0 };
            sum.n++;
            sum.d += (e.dur ?? 0) / 1000;
            inner.set(e.name, sum);
          }
        for (const [k, v] of [...inner].sort((a, b) => b[1].d - a[1].d).slice(0, 25))
          console.error(`   inner ${k} ${v.n}× ${v.d.toFixed(2)} ms`);
      }
    }
    for (const event of events) {
      if (event.ph !== 'X' || `${event.pid}:${event.tid}` !== thread) continue;
      let key = event.name;
      if (key === 'FunctionCall' || key === 'EvaluateScript' || key === 'v8.compile')
        key += ` ${(event.args?.data?.url ?? event.args?.data?.fileName ?? '').replace(/^.*\/js\//, '')}`;
      const sum = sums.get(key) ?? { count: 0, ms: 0 };
      sum.count++;
      sum.ms += event.dur / 1000;
      sums.set(key, sum);
    }
    return sums;
  };
}
function printTrace(name, sums) {
  const lines = [...sums]
    .filter(([, sum]) => sum.ms >= 0.2)
    .sort((a, b) => b[1].ms - a[1].ms)
    .slice(0, 40)
    .map(
      ([key, sum]) =>
        `  ${sum.ms.toFixed(2).padStart(7)} ms ${String(sum.count).padStart(4)}×  ${key}`,
    );
  console.error(
    `[${name}] trace of "Send" → thank-you, main thread (nested events overlap):\n${lines.join('\n')}`,
  );
}

/** BENCH_PROFILE: a sampling CPU profile of the "Send" window, summed by function and by file. */
async function startProfile(cdp) {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  await cdp.send('Profiler.start');
}
async function printProfile(cdp, tab, sentAt, name) {
  const { profile } = await cdp.send('Profiler.stop');
  if (process.env.BENCH_PROFILE !== '1') {
    const { mkdirSync, writeFileSync } = await import('node:fs');
    const dir = `${process.env.BENCH_PROFILE}/${name}`;
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${dir}/send-${Date.now()}.cpuprofile`, JSON.stringify(profile));
    for (const [path, file] of files)
      if (path.endsWith('.map'))
        writeFileSync(`${dir}/${path.slice(4).replaceAll('/', '__')}`, file.code);
    await cdp.send('Profiler.disable');
    return;
  }
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  const deltas = profile.timeDeltas;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const frame = node.callFrame;
    const file = frame.url ? frame.url.replace(/^.*\/js\//, '') : '';
    const key = `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber}:${frame.columnNumber}`;
    self.set(key, (self.get(key) ?? 0) + (deltas[i + 1] ?? 0) / 1000);
  });
  const byFile = new Map();
  for (const [key, value] of self) {
    const file =
      key
        .split(' ')
        .slice(1)
        .join(' ')
        .replace(/:\d+:\d+$/, '') || key;
    byFile.set(file, (byFile.get(file) ?? 0) + value);
  }
  const top = (map, count) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([key, value]) => `  ${value.toFixed(2)} ms  ${key}`)
      .join('\n');
  console.error(`[profile] self time by file:\n${top(byFile, 15)}`);
  console.error(`[profile] self time by function:\n${top(self, 40)}`);
  const resources = await tab.evaluate(
    (sentAt) =>
      performance
        .getEntriesByType('resource')
        .filter((entry) => entry.responseEnd > sentAt - 2000)
        .map(
          (entry) =>
            `  ${(entry.startTime - sentAt).toFixed(1)} → ${(entry.responseEnd - sentAt).toFixed(1)} ms  ${entry.name.replace(location.origin, '')}`,
        )
        .join('\n'),
    sentAt,
  );
  console.error(`[profile] requests around "Send" (ms from the click):\n${resources}`);
  await cdp.send('Profiler.disable');
}

const taskSeconds = async (cdp) =>
  (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration').value;

/** Waits in the page until the trigger shows; returns ms since navigation started. */
const ready = (tab) =>
  tab.evaluate(async () => {
    await window.__bench.until(() => window.__bench.visible(window.__dialog.trigger));
    return performance.now();
  });

/** Clicks the trigger and waits for the first question, painted; returns ms. */
const show = (tab) =>
  tab.evaluate(async () => {
    const { until, visible, painted, find } = window.__bench;
    const started = performance.now();
    find(window.__dialog.trigger).click();
    await until(() => visible(window.__dialog.question));
    await painted();
    return performance.now() - started;
  });

/** The blank page and React host: heap after load. */
async function measureBase(name) {
  const { context, tab, cdp } = await open(name);
  if (name === 'reactHost') {
    await describe(tab, 'palaute');
    await ready(tab);
  }
  const used = await heap(cdp);
  await context.close();
  return { heap: used };
}

async function measureDialog(name, withCycles) {
  const result = {};
  {
    const { context, tab, cdp, requested, settle } = await open(name);
    await describe(tab, name);
    result.ready = await ready(tab);
    result.show = await show(tab);
    const before = [...requested];
    result.jsOwn = before
      .filter((path) => !reactFiles.has(path))
      .reduce((sum, path) => sum + files.get(path).brotli, 0);
    result.jsReact = before
      .filter((path) => reactFiles.has(path))
      .reduce((sum, path) => sum + files.get(path).brotli, 0);
    if (process.env.BENCH_DEBUG)
      console.error(
        `[${name}] before the dialog shows: ${before.map((path) => `${path} ${files.get(path).brotli} B`).join(', ')}`,
      );
    result.heapShown = await heap(cdp);
    if (process.env.BENCH_SNAPSHOT_SHOWN)
      await saveSnapshot(
        cdp,
        `${process.env.BENCH_SNAPSHOT_SHOWN}/${name}-${Date.now()}.heapsnapshot`,
      );
    await tab.evaluate(() => window.__dialog.pick());
    // Settle whatever the pick started, then time "Send" to the thank-you, painted.
    await tab.evaluate(() => window.__bench.painted());
    // A customer reads the question before answering: what the opening started (its display
    // record's delivery, the lazy parts, the protocol's schemas) is done before "Send", as it would
    // be. BENCH_SETTLE=0 clicks at once (the figures before 2026-12-03's "Send" section).
    if (process.env.BENCH_SETTLE !== '0') await settle();
    const atSend = requested.length;
    const profiling = process.env.BENCH_PROFILE;
    if (profiling) await startProfile(cdp);
    const tracing = process.env.BENCH_TRACE ? await startTrace(cdp) : undefined;
    const t0 = await taskSeconds(cdp);
    const sent = await tab.evaluate(async () => {
      const { until, painted } = window.__bench;
      if (window.__renders) window.__renders.length = 0;
      const started = performance.now();
      window.__dialog.send();
      await until(() => window.__dialog.thanks());
      await painted();
      return { wall: performance.now() - started, started };
    });
    result.sendWall = sent.wall;
    result.sendTask = ((await taskSeconds(cdp)) - t0) * 1000;
    if (process.env.BENCH_RENDERS) {
      const renders = await tab.evaluate(() => window.__renders);
      console.error(
        `[${name}] React commits from "Send" to the thank-you: ${renders.length}, components rendered: ${renders.reduce((sum, names) => sum + names.length, 0)}`,
      );
      for (const names of renders) console.error(`  ${names.length}: ${names.join(' ')}`);
    }
    if (profiling) await printProfile(cdp, tab, sent.started, name);
    if (tracing) printTrace(name, await tracing());
    const after = requested.slice(atSend).filter((path) => !reactFiles.has(path));
    result.jsLater = [...new Set(after)].reduce((sum, path) => sum + files.get(path).brotli, 0);
    if (process.env.BENCH_DEBUG)
      console.error(
        `[${name}] from "Send" to the thank-you: ${[...new Set(after)].map((path) => `${path} ${files.get(path).brotli} B`).join(', ') || 'nothing'}`,
      );
    await context.close();
  }
  if (withCycles) {
    // Open/close cycles on a fresh page: heap at rest before, half way, and after.
    const { context, tab, cdp, settle } = await open(name);
    await describe(tab, name);
    await ready(tab);
    const atRest = async () => {
      await settle();
      return heap(cdp);
    };
    const cycle = (count) =>
      tab.evaluate(async (count) => {
        // Presence only (no layout forced per mutation); a task between steps lets effects run.
        const { until, find } = window.__bench;
        const rest = () => new Promise((done) => setTimeout(done, 0));
        for (let i = 0; i < count; i++) {
          find(window.__dialog.trigger).click();
          await until(() => find(window.__dialog.question) !== null);
          await rest();
          window.__dialog.close();
          await until(() => window.__dialog.closed() && find(window.__dialog.trigger) !== null);
          await rest();
        }
      }, count);
    await cycle(1);
    // Heap at rest after each quarter: a bounded cache fills and stops, a leak keeps growing.
    const curve = [await atRest()];
    const started = performance.now();
    let snapshots = [];
    for (let quarter = 1; quarter <= 4; quarter++) {
      await cycle(Math.round((CYCLES * quarter) / 4) - Math.round((CYCLES * (quarter - 1)) / 4));
      curve.push(await atRest());
      if (process.env.BENCH_SNAPSHOT && (quarter === 1 || quarter === 4))
        snapshots.push(await snapshot(cdp));
    }
    if (snapshots.length === 2) {
      // What grew between the first quarter and the last (three quarters of the cycles).
      const [first, last] = snapshots;
      const grown = [...last]
        .map(([key, sum]) => [
          key,
          sum.count - (first.get(key)?.count ?? 0),
          sum.size - (first.get(key)?.size ?? 0),
        ])
        .sort((a, b) => b[2] - a[2])
        .slice(0, 25);
      console.error(
        `[${name}] grown over ${CYCLES - Math.round(CYCLES / 4)} cycles (count, bytes):`,
      );
      for (const [key, count, size] of grown) console.error(`  ${key}: ${count}, ${size}`);
      console.error(
        `largest arrays first:\n  ${first.arrays.join('\n  ')}\nlast:\n  ${last.arrays.join('\n  ')}`,
      );
      console.error(`external strings, by holders (last):\n  ${last.external.join('\n  ')}`);
      snapshots = [];
    }
    result.cycleMs = (performance.now() - started) / CYCLES;
    result.curve = curve.map((used) => used - curve[0]);
    result.growth = curve[4] - curve[0];
    result.growthFirstHalf = curve[2] - curve[0];
    result.growthSecondHalf = curve[4] - curve[2];
    await context.close();
  }
  return result;
}

const names = (process.env.BENCH_PAGES ?? 'palaute,floor,sentry').split(',');
const samples = { blank: [], reactHost: [], palaute: [], floor: [], sentry: [] };
const loadStart = readFileSync('/proc/loadavg', 'utf8').trim();
const startedAt = Date.now();
for (let run = 0; run < RUNS; run++) {
  samples.blank.push(await measureBase('blank'));
  samples.reactHost.push(await measureBase('reactHost'));
  // Alternate the order so no page always runs first or last.
  const order = names.map((_, i) => names[(i + run) % names.length]);
  for (const name of order)
    samples[name].push(await measureDialog(name, CYCLES > 0 && run < CYCLE_RUNS));
  process.stderr.write(
    `run ${run + 1}/${RUNS} done (${((Date.now() - startedAt) / 1000).toFixed(0)} s)\n`,
  );
}
const loadEnd = readFileSync('/proc/loadavg', 'utf8').trim();
clearTimeout(deadline);
await browser.close();
server.close();

// ---------------------------------------------------------------------------------------------
// Report

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const med = (name, key) =>
  median(samples[name].filter((sample) => key in sample).map((sample) => sample[key]));
const blankHeap = med('blank', 'heap');
const reactHeap = med('reactHost', 'heap');
for (const name of names)
  for (const sample of samples[name]) {
    sample.heapOverBlank = sample.heapShown - blankHeap;
    sample.heapOverReact = sample.heapShown - (pageSources[name].react ? reactHeap : blankHeap);
  }

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
const ms = (value) => `${value.toFixed(1)} ms`;
const ratio = (name, key) => `${(med(name, key) / med('floor', key)).toFixed(2)}×`;
const rows = [
  ['JS before the dialog shows (brotli, without React)', 'jsOwn', kb],
  ['JS loaded from "Send" to the thank-you (brotli)', 'jsLater', kb],
  ["React (the host's, brotli)", 'jsReact', kb],
  ['page ready (navigation → trigger shown)', 'ready', ms],
  ['time to visible (click → first question painted)', 'show', ms],
  ['main-thread task time, "Send" → thank-you', 'sendTask', ms],
  ['wall time, "Send" → thank-you painted', 'sendWall', ms],
  ['heap after the dialog shows, over a blank page', 'heapOverBlank', mb],
  ['heap after the dialog shows, over its host (React page or blank)', 'heapOverReact', mb],
  ...(CYCLES > 0
    ? [
        [`heap growth over ${CYCLES} open/close cycles`, 'growth', mb],
        ['… of which the second half', 'growthSecondHalf', mb],
        ['time per open/close cycle', 'cycleMs', ms],
      ]
    : []),
];
const titles = { palaute: 'Palaute', floor: 'floor', sentry: 'Sentry' };
const compared = names.includes('floor') ? names.filter((name) => name !== 'floor') : [];
const lines = [
  `| median of ${RUNS} runs (cycles: ${CYCLES > 0 ? Math.min(RUNS, CYCLE_RUNS) : 0}) | ${names.map((name) => titles[name]).join(' | ')} | ${compared.map((name) => `${titles[name]} / floor`).join(' | ')} |`,
  `|---|${names.map(() => '---:').join('|')}|${compared.map(() => '---:').join('|')}|`,
];
for (const [label, key, format] of rows) {
  const noRatio = key === 'jsReact' || key === 'jsLater' || key.startsWith('growth');
  lines.push(
    `| ${label} | ${names.map((name) => format(med(name, key))).join(' | ')} | ${compared.map((name) => (noRatio ? '' : ratio(name, key))).join(' | ')} |`,
  );
}
console.log(lines.join('\n'));
console.log(
  `\nblank page heap ${mb(blankHeap)}, React host page heap ${mb(reactHeap)}; load average ${loadStart} → ${loadEnd}; ${((Date.now() - startedAt) / 1000).toFixed(0)} s`,
);
console.log(
  `heap at rest after each quarter of ${CYCLES} cycles, over the first (KB): ${names
    .map(
      (name) =>
        `${name} ${samples[name]
          .filter((s) => 'curve' in s)
          .map((s) => s.curve.map((used) => (used / 1024).toFixed(0)).join(' → '))
          .join(', ')}`,
    )
    .join('; ')}`,
);
console.log(
  `send task per run (ms): ${names
    .map((name) => `${name} ${samples[name].map((s) => s.sendTask.toFixed(1)).join(', ')}`)
    .join('; ')}`,
);
console.log(
  `heap after the dialog shows, over its host, per run (KB): ${names
    .map(
      (name) =>
        `${name} ${samples[name].map((s) => (s.heapOverReact / 1024).toFixed(0)).join(', ')}`,
    )
    .join('; ')}`,
);
