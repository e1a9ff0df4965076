/** The files `entry` imports, in order, as paths relative to its folder. */
export function importsOf(entry: string): string[];
/** `entry` with each `@import "./….css";` line replaced by that file as it is. */
export function joinStyles(entry: string): string;
