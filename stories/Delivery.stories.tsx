import { type BackendPort, createMemoryBackend } from '@palaute/engine';
import { createMemoryOutboxStorage, createOutbox } from '@palaute/engine/outbox';
import { FeedbackForm, fi, PalauteProvider, PendingIndicator } from '@palaute/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useEffect, useMemo, useState } from 'react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { npsSurvey } from '../test/fixtures/surveys';

/** What the network does in a story: down (the browser is offline), or up with a failing server. */
type Network = 'offline' | 'serverDown' | 'up';

/**
 * Makes `navigator.onLine` say what the story needs while it is shown (the browser's own value is
 * restored after), and tells the page, as the browser would, with an `offline` or `online` event.
 */
function useNetwork(network: Network) {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const online = network !== 'offline';
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => online });
    window.dispatchEvent(new Event(online ? 'online' : 'offline'));
    setReady(true);
    return () => {
      // Drop the override: the prototype's getter answers again.
      Reflect.deleteProperty(navigator, 'onLine');
    };
  }, [network]);
  return ready;
}

function DeliveryDemo({ network }: { network: Network }) {
  const ready = useNetwork(network);
  const { backend, outbox } = useMemo(() => {
    const memory = createMemoryBackend({ latency: 200 });
    const failure = () =>
      network === 'offline'
        ? new TypeError('Failed to fetch')
        : network === 'serverDown'
          ? Object.assign(new Error('HTTP 503 Service Unavailable'), { retryable: true })
          : undefined;
    const backend: BackendPort = {
      ...memory,
      submitResponse: async (response) => {
        const error = failure();
        if (error) throw error;
        return memory.submitResponse(response);
      },
      recordDisplay: async (display) => {
        const error = failure();
        if (error) throw error;
        return memory.recordDisplay(display);
      },
      deliver: async (items) => {
        const error = failure();
        if (error) throw error;
        return (await memory.deliver?.(items)) ?? [];
      },
    };
    // In memory, so the story leaves nothing behind in the browser's storage.
    const outbox = createOutbox({ backend, storage: createMemoryOutboxStorage() });
    return { backend, outbox };
  }, [network]);
  if (!ready) return null;
  return (
    <PalauteProvider locales={{ fi }} backend={backend} outbox={outbox} customer={{ id: 'c-1' }}>
      <header className="story-host-header">
        <span>Laskutin</span> <PendingIndicator />
      </header>
      <main>
        <FeedbackForm survey={npsSurvey} />
      </main>
    </PalauteProvider>
  );
}

const meta = {
  title: 'Flow/Delivery',
  component: DeliveryDemo,
  tags: ['autodocs'],
  parameters: {
    docs: {
      description: {
        component:
          'Every answer is stored on the device first and then delivered exactly once. The customer is thanked as soon as the answer is safe, and told honestly when it is still waiting: the acknowledgement carries a delivery note, and `PendingIndicator` (here in the host header) counts the answers waiting to be sent.',
      },
    },
  },
} satisfies Meta<typeof DeliveryDemo>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Answers 10 and sends, then waits for the acknowledgement. */
async function answer(canvasElement: HTMLElement) {
  const canvas = within(canvasElement);
  const radios = await canvas.findAllByRole('radio');
  await userEvent.click(radios[10] as HTMLElement);
  await userEvent.click(canvas.getByRole('button', { name: /^(Next|Send)$/ }));
  const form = canvasElement.querySelector('.palaute-FeedbackForm') as HTMLElement;
  await waitFor(() => expect(form).toHaveAttribute('data-state', 'acknowledging'));
  return canvas;
}

/** Offline: thanked at once, "Saved on this device. We'll send it when you're back online." */
export const OfflineAcknowledgement: Story = {
  args: { network: 'offline' },
  play: async ({ canvasElement }) => {
    const canvas = await answer(canvasElement);
    await waitFor(() =>
      expect(
        canvas.getByText("Saved on this device. We'll send it when you're back online."),
      ).toBeVisible(),
    );
    await expect(
      canvas.getByText('1 answer saved; it will be sent when you are back online'),
    ).toBeVisible();
  },
};

/** Online, but the server is failing: the answer waits and is retried with backoff. */
export const ServerUnreachable: Story = {
  args: { network: 'serverDown' },
  play: async ({ canvasElement }) => {
    const canvas = await answer(canvasElement);
    await waitFor(() =>
      expect(
        canvas.getByText(
          "Saved on this device. We couldn't reach our server yet; we'll keep trying.",
        ),
      ).toBeVisible(),
    );
    await expect(canvas.getByText('1 answer waiting to be sent')).toBeVisible();
  },
};

/** Delivered at once: nothing to report, the indicator stays empty. */
export const Delivered: Story = {
  args: { network: 'up' },
  play: async ({ canvasElement }) => {
    await answer(canvasElement);
    const note = canvasElement.querySelector('[data-part="delivery"]') as HTMLElement;
    await waitFor(() => expect(note).toHaveAttribute('data-state', 'sent'));
    await expect(note).toBeEmptyDOMElement();
    await expect(canvasElement.querySelector('[data-part="pending"]')).toBeEmptyDOMElement();
  },
};
