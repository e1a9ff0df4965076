import { fi, PalauteProvider } from '@palaute/react';
import type { ReactNode } from 'react';

/**
 * The metrics stories' frame: a provider in the toolbar's locale (or the story's), in a page of the
 * given direction, as a host's internal tool would mount them.
 */
export function MetricsFrame({
  locale = 'en',
  dir = 'ltr',
  children,
}: {
  locale?: string | undefined;
  dir?: 'ltr' | 'rtl' | undefined;
  children: ReactNode;
}) {
  return (
    <PalauteProvider locales={{ fi }} backend={undefined} outbox={false} locale={locale}>
      <main dir={dir}>{children}</main>
    </PalauteProvider>
  );
}
