/** How many failed writes keep their id for a retry (the oldest forgotten first). */
const KEPT = 100;

/**
 * Ids for writes the team may try again. The same write (the same `key`: what it says and where)
 * keeps the id of its first attempt until an attempt succeeds, so trying again after a failure
 * whose request may have landed (an answer lost on the way back) is the same record on a backend
 * idempotent by id, never a second reply, comment or shipped change. Lives as long as the logic
 * that made it; a write given a kept id (a draft's) keeps it beyond, through a reload.
 */
export function retriedIds(createId: () => string) {
  const tried = new Map<string, string>();
  return {
    /**
     * Runs `write` with the key's id (kept from a failed attempt, or new); forgets it on success.
     * `kept`, when given, is an id kept beyond this logic (a draft's, through a reload), used when
     * this logic has none, and told the id before the write goes out.
     */
    async write<T>(
      key: string,
      write: (id: string) => Promise<T>,
      kept?: { id: string | undefined; keep(id: string): void },
    ): Promise<T> {
      let id = tried.get(key);
      if (id === undefined) {
        id = kept?.id ?? createId();
        tried.set(key, id);
        if (tried.size > KEPT) tried.delete(tried.keys().next().value as string);
      }
      kept?.keep(id);
      const result = await write(id);
      tried.delete(key);
      return result;
    },
  };
}
