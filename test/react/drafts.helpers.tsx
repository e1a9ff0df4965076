import { waitFor } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';

/**
 * Leaves a view and comes back to it under the same provider, as a host switching tabs does: the
 * view unmounts (`wrap()` with nothing in it) and mounts afresh.
 */
export function leaveAndReturn(
  rerender: (ui: ReactElement) => void,
  wrap: (children?: ReactNode) => ReactElement,
  view: ReactElement,
): void {
  rerender(wrap(null));
  rerender(wrap(view));
}

/** Waits until the live region under `root` has said `text`. */
export function announced(root: ParentNode, text: string): Promise<void> {
  return waitFor(() =>
    expect(root.querySelector('[data-part="announcer"]')).toHaveTextContent(text),
  );
}
