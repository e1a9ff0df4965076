import type { BoardPageApi } from '@palaute/engine';
import type { RefObject } from 'react';
import { useBoardMessages } from './board.messages';

/**
 * A board page's read in words: `failed` (what could not be loaded) with "Try again" when it
 * failed, `loading` until the first read lands (what is shown stays while it is read again). "Try
 * again" puts focus on the page's `heading` (`tabIndex={-1}`) before it goes away with the
 * failure, so a keyboard user stays in the page rather than on the document.
 */
export function PageStatus({
  page,
  failed,
  loading,
  heading,
}: {
  page: BoardPageApi<unknown>;
  failed: string;
  loading: string;
  heading: RefObject<HTMLElement | null>;
}) {
  const { t } = useBoardMessages();
  if (page.state === 'failed')
    return (
      <p role="alert">
        {failed}{' '}
        <button
          type="button"
          onClick={() => {
            heading.current?.focus();
            page.retry();
          }}
        >
          {t('boardRetry')}
        </button>
      </p>
    );
  return page.value === undefined ? <p role="status">{loading}</p> : null;
}
