// The optional stylesheet of @palaute/react is written per feature (`flow/dialog.css`,
// `inbox/inbox.css`, …) and imported in cascade order by `packages/react/src/styles.css`, which
// Vite (Storybook, the browser tests) reads as it is; hosts get one file, joined by the build.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

const IMPORT = /^@import\s+["'](\.\/[^"']+\.css)["'];[ \t]*$/gm;

/** The files `entry` imports, in order, as paths relative to its folder. */
export function importsOf(entry) {
  return [...readFileSync(entry, 'utf8').matchAll(IMPORT)].map((match) => match[1]);
}

/**
 * `entry` with each `@import "./….css";` line replaced by that file as it is (comments kept), so
 * the joined stylesheet's cascade is the entry's order. Throws on any other `@import`.
 */
export function joinStyles(entry) {
  const joined = readFileSync(entry, 'utf8').replace(IMPORT, (_line, path) =>
    readFileSync(resolve(dirname(entry), path), 'utf8').trimEnd(),
  );
  if (/^@import/m.test(joined))
    throw new Error(`${entry}: an @import that is not "./….css" is left`);
  return joined;
}
