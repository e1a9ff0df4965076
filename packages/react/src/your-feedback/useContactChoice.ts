import type { ContactChoiceChange } from '@palaute/engine';
import { useCallback } from 'react';
import { usePalaute } from '../provider/PalauteProvider';

/**
 * Records a change to what the customer may be asked (an opt-out, its undo, turning one back on)
 * through the Palaute client, so decisions honour it at once, and delivers it through the outbox
 * (or straight to the backend). Rejects when it could not be kept; the client's view is then put
 * back as it was, so nothing shows a choice that was not recorded.
 */
export function useContactChoice(): (change: ContactChoiceChange) => Promise<void> {
  const { client, outbox, backend } = usePalaute();
  return useCallback(
    async (change) => {
      if (!client) throw new Error('Palaute: contact choices need a Palaute client.');
      const choice = client.contactChoice(change);
      try {
        if (outbox) await outbox.enqueue('contactChoice', choice);
        else if (backend?.setContactChoice) await backend.setContactChoice(choice);
        else throw new Error('Palaute: the backend does not take contact choices.');
      } catch (error) {
        client.contactChoice({ ...change, optedOut: !change.optedOut });
        throw error;
      }
    },
    [client, outbox, backend],
  );
}
