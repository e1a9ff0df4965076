/**
 * The host's handler first, then ours unless the host called `preventDefault()` (Radix
 * `composeEventHandlers`).
 */
export function composeEventHandlers<E extends { defaultPrevented: boolean }>(
  host: ((event: E) => void) | undefined,
  ours: (event: E) => void,
): (event: E) => void {
  return (event) => {
    host?.(event);
    if (!event.defaultPrevented) ours(event);
  };
}
