import { useId, useMemo } from 'react';

/**
 * The ids of one component's parts, all derived from one base (zag's `dom` ids): the same on the
 * server and in the browser when the base is React's `useId()`.
 */
export interface PartIds {
  /** The base itself, for the root. */
  root: string;
  /** The id of a named part: `part('title')`. */
  part(name: string): string;
  /**
   * The id of one of many parts, by the key of what it shows (`item('row', feedback.id)`). Every
   * character of the key but letters, digits and "-" is written as "_" and its code, so no two keys
   * meet and any key makes a valid id.
   */
  item(name: string, key: string): string;
}

/** The {@link PartIds} of `base`. */
export function partIds(base: string): PartIds {
  return {
    root: base,
    part: (name) => `${base}-${name}`,
    item: (name, key) =>
      `${base}-${name}-${key.replace(/[^A-Za-z0-9-]/g, (unit) => `_${unit.charCodeAt(0).toString(16)}_`)}`,
  };
}

/**
 * One `useId()` for a root and every part under it: `const ids = useIds(); ids.part('title')`.
 * Stable across renders; SSR-safe as `useId` is.
 */
export function useIds(): PartIds {
  const base = useId();
  return useMemo(() => partIds(base), [base]);
}
