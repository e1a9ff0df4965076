import type { BoardPageApi } from '@palaute/engine';
import { useBoardMessages } from './board.messages';

/**
 * A board page's read in words: "could not load" with "Try again" when it failed, "loading" until
 * the first read lands (what is shown stays while it is read again).
 */
export function PageStatus({ page }: { page: BoardPageApi<unknown> }) {
  const { t } = useBoardMessages();
  if (page.state === 'failed')
    return (
      <p role="alert">
        {t('boardFailed')}{' '}
        <button type="button" onClick={page.retry}>
          {t('boardRetry')}
        </button>
      </p>
    );
  return page.value === undefined ? <p role="status">{t('boardLoading')}</p> : null;
}
