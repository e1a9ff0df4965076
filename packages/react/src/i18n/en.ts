import { enFirst, type FirstMessageKey } from './en.first';
import { enLater, type LaterMessageKey } from './en.later';

/**
 * The English message catalogue: every string the UI shows. `{name}` placeholders are filled in at
 * render time. Hosts override any key through `PalauteProvider`'s `messages`. The provider builds in
 * only what a page needs before the dialog can show (`enFirst`); the rest travels with the
 * components that use it (`enParts` with the dialog's parts loaded later, `enBeside` with the
 * launcher, the offered replies and the pending indicator).
 */
export const en = {
  ...enFirst,
  ...(enLater satisfies Record<Extract<LaterMessageKey, FirstMessageKey>, never>),
};

/** The message keys. */
export type MessageKey = keyof typeof en;
/** A full catalogue: every key, as a string (with `{placeholders}`). */
export type Messages = Record<MessageKey, string>;
