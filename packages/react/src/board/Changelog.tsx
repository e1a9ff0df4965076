import type { BoardPort } from '@palaute/engine';
import { useId } from 'react';
import { utcDateFormat } from '../shared/format';
import { useBoardMessages } from './board.messages';
import { PageStatus } from './PageStatus';
import { useChangelog } from './useBoardPage';

/** Props of {@link Changelog}. */
export interface ChangelogProps {
  /** @default the provider backend's `board` */
  port?: BoardPort | undefined;
  /** @default the provider's customer */
  customerId?: string | undefined;
  /** Entries published after this time carry the "new" badge (what the customer has not seen). */
  seenUntil?: string | undefined;
  /**
   * Titles of the ideas an entry answered, by id, in place of the ones the changelog's read gives
   * (`entry.ideas`; an older server gives none, and ids alone are not shown).
   */
  ideaTitles?: Record<string, string> | undefined;
  /** Replaces the default class (`palaute-Changelog`). */
  className?: string;
  /** @default 2 */
  headingLevel?: 2 | 3 | 4;
  /** The optional stylesheet's palette: `dark`, or `auto` to follow the system. @default 'light' */
  theme?: 'light' | 'dark' | 'auto' | undefined;
}

/**
 * The changelog: shipped changes, newest first, each with its date, what it answered, and a "new"
 * badge when the customer has not seen it yet.
 *
 * @selector [data-state] `loading`, `ready` or `failed`
 * @selector [data-new] on an entry the customer has not seen
 */
export function Changelog({
  port,
  customerId,
  seenUntil,
  ideaTitles,
  className,
  headingLevel = 2,
  theme,
}: ChangelogProps) {
  const { t, locale } = useBoardMessages();
  const page = useChangelog({ port, customerId });
  const entries = page.value;
  const failed = page.state === 'failed';
  const titleId = useId();
  const Heading = `h${headingLevel}` as const;
  const Entry = `h${headingLevel + 1}` as 'h3';
  const date = utcDateFormat(locale);
  return (
    <section
      className={className ?? 'palaute-Changelog'}
      aria-labelledby={titleId}
      data-state={failed ? 'failed' : entries ? 'ready' : 'loading'}
      data-theme={theme}
    >
      <Heading id={titleId}>{t('changelogTitle')}</Heading>
      <PageStatus page={page} failed={t('changelogFailed')} loading={t('changelogLoading')} />
      {entries && entries.length === 0 ? <p>{t('changelogEmpty')}</p> : null}
      {entries && entries.length > 0 ? (
        <ol>
          {entries.map((entry) => {
            const isNew = seenUntil !== undefined && entry.publishedAt > seenUntil;
            const titles = entry.ideaIds.flatMap((id) => {
              const title = ideaTitles?.[id] ?? entry.ideas?.find((idea) => idea.id === id)?.title;
              return title ? [title] : [];
            });
            return (
              <li key={entry.id} data-new={isNew ? '' : undefined}>
                <article>
                  <Entry>
                    {entry.title}
                    {isNew ? <span data-part="badge"> · {t('changelogNew')}</span> : null}
                  </Entry>
                  <p>
                    <time dateTime={entry.publishedAt}>{date(entry.publishedAt)}</time>
                  </p>
                  {entry.body ? <p>{entry.body}</p> : null}
                  {titles.length > 0 ? (
                    <p>{t('changelogAnswered', { titles: titles.join(', ') })}</p>
                  ) : null}
                </article>
              </li>
            );
          })}
        </ol>
      ) : null}
    </section>
  );
}
