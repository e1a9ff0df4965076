// The engine targets every runtime (browsers, Node, workers), so it has no DOM or Node types; these are
// the few timer globals all of them share.
declare function setTimeout(callback: () => void, ms?: number): unknown;
declare function clearTimeout(handle: unknown): void;
/** Cancels a request (browsers, Node ≥ 15, workers). */
declare class AbortController {
  readonly signal: unknown;
  abort(reason?: unknown): void;
}
