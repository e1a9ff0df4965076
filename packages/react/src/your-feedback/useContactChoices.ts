import { type ContactHistory, type OptOut, selectOptOuts } from '@palaute/engine';
import { useCallback, useMemo, useState, useSyncExternalStore } from 'react';
import { usePalaute } from '../provider/PalauteProvider';
import { useContactChoice } from './useContactChoice';

/** What {@link useContactChoices} returns. */
export interface ContactChoicesApi {
  /** `loading` before the client's history is read (a server render), then `ready`. */
  status: 'loading' | 'ready';
  /** The opt-outs the customer stands by, newest first. */
  optOuts: OptOut[];
  /** Turns one back on: recorded at once, delivered through the outbox. Resolves whether it was kept. */
  turnBackOn(optOut: OptOut): Promise<boolean>;
  /** The opt-out being turned back on, by {@link optOutKey}. */
  pending: string | undefined;
  /** The last change's outcome, for a status region: what was turned back on, or that it failed. */
  outcome: { kind: 'turnedOn' | 'failed'; optOut: OptOut } | undefined;
}

/** A stable key for an opt-out: `all`, or `survey:<id>`. */
export const optOutKey = (optOut: OptOut): string =>
  optOut.scope === 'all' ? 'all' : `survey:${optOut.surveyId}`;

const never = () => () => {};

/**
 * The customer's opt-outs from the Palaute client's contact history (kept current as it loads and
 * changes), with a way to turn each back on. Needs a Palaute client on the provider. The rules
 * (what an opt-out covers, which is newest) are the engine's `selectOptOuts`.
 */
export function useContactChoices(): ContactChoicesApi {
  const { client } = usePalaute();
  const history = useSyncExternalStore<ContactHistory | undefined>(
    client ? client.subscribeHistory : never,
    () => client?.history(),
    () => undefined,
  );
  const optOuts = useMemo(
    () => (history ? selectOptOuts(history, client?.surveys) : []),
    [history, client],
  );
  const choose = useContactChoice();
  const [pending, setPending] = useState<string>();
  const [outcome, setOutcome] = useState<ContactChoicesApi['outcome']>();
  const turnBackOn = useCallback(
    async (optOut: OptOut) => {
      setPending(optOutKey(optOut));
      try {
        await choose(
          optOut.scope === 'all'
            ? { scope: 'all', optedOut: false }
            : { scope: 'survey', surveyId: optOut.surveyId as string, optedOut: false },
        );
        setOutcome({ kind: 'turnedOn', optOut });
        return true;
      } catch {
        setOutcome({ kind: 'failed', optOut });
        return false;
      } finally {
        setPending(undefined);
      }
    },
    [choose],
  );
  return { status: history ? 'ready' : 'loading', optOuts, turnBackOn, pending, outcome };
}
