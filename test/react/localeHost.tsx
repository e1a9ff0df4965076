import { createMemoryBackend } from '@palaute/engine';
import { fi, type MessageOverrides, PalauteProvider } from '@palaute/react';
import type { ReactNode } from 'react';

/**
 * A provider for the messages' tests: a memory backend, customer `c-1`, Finnish registered beside
 * the built-in English, no outbox; `locale` and `messages` as the test gives them.
 */
export function Host({
  locale = 'en',
  messages,
  children,
}: {
  locale?: string;
  messages?: MessageOverrides | undefined;
  children: ReactNode;
}) {
  return (
    <PalauteProvider
      backend={createMemoryBackend()}
      customer={{ id: 'c-1' }}
      locale={locale}
      locales={{ fi }}
      messages={messages}
      outbox={false}
    >
      {children}
    </PalauteProvider>
  );
}
