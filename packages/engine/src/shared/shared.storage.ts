/**
 * The part of the Web Storage API (`localStorage`) the outbox and the journey persist into; typed
 * here, the engine has no DOM types.
 */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}
