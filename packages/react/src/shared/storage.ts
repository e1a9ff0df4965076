/**
 * The storage a `persist` option names: the host's own as given, `sessionStorage` for `true`, and
 * `undefined` for none, on the server, or where the browser blocks storage.
 */
export function sessionOr<S>(persist: boolean | S | undefined): S | Storage | undefined {
  if (!persist) return undefined;
  if (persist !== true) return persist;
  try {
    return typeof sessionStorage === 'undefined' ? undefined : sessionStorage;
  } catch {
    // Access to sessionStorage throws when storage is blocked (privacy settings, sandboxed iframes).
    return undefined;
  }
}
