/**
 * Whether built files are older than their sources, for tests that run built code (the
 * `palaute-server` command, the demo) and build it themselves, so `npm ci && npm test` passes on a
 * fresh clone and a second run builds nothing. The same check `npm start` makes (scripts/stale.mjs).
 */
export { isStale, newest, oldest, repoRoot } from '../../scripts/stale.mjs';
