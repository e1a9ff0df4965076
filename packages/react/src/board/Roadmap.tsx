import type { BoardPort } from '@palaute/engine';
import { useId } from 'react';
import { Announcer } from '../shared/Announcer';
import { useBoardMessages } from './board.messages';
import { CategoryChoice, PageStatus } from './PageStatus';
import { useRoadmap } from './useBoardPage';

/** Props of {@link Roadmap}. */
export interface RoadmapProps {
  /** @default the provider backend's `board` */
  port?: BoardPort | undefined;
  /** @default the provider's customer */
  customerId?: string | undefined;
  /** Replaces the default class (`palaute-Roadmap`). */
  className?: string;
  /** The heading level of the roadmap's title. @default 2 */
  headingLevel?: 2 | 3 | 4;
  /** The optional stylesheet's palette: `dark`, or `auto` to follow the system. @default 'light' */
  theme?: 'light' | 'dark' | 'auto' | undefined;
}

/**
 * The roadmap: a column per roadmap status (planned, in progress, shipped), each a titled list.
 * Planned never reads as done: each column says its status in words, not by colour or place alone.
 * On a board with categories each idea names its own, and a Category filter shows one of them
 * (how many ideas it shows is announced).
 *
 * @selector [data-state] `loading`, `ready` or `failed`
 * @selector [data-lifecycle] on each column: the lifecycle status it maps to
 */
export function Roadmap({ port, customerId, className, headingLevel = 2, theme }: RoadmapProps) {
  const { t } = useBoardMessages();
  const page = useRoadmap({ port, customerId });
  const roadmap = page.shown;
  const failed = page.state === 'failed';
  const titleId = useId();
  const Heading = `h${headingLevel}` as const;
  const Column = `h${headingLevel + 1}` as 'h3';
  return (
    <section
      className={className ?? 'palaute-Roadmap'}
      aria-labelledby={titleId}
      data-state={failed ? 'failed' : roadmap ? 'ready' : 'loading'}
      data-theme={theme}
    >
      <Heading id={titleId}>{t('roadmapTitle')}</Heading>
      <PageStatus page={page} failed={t('roadmapFailed')} loading={t('roadmapLoading')} />
      {roadmap && page.categories.length > 0 ? (
        <div data-part="toolbar">
          <CategoryChoice
            id={`${titleId}-category`}
            label={t('boardCategoryFilter')}
            none={t('categoryAll')}
            categories={page.categories}
            value={page.categoryId}
            onChange={page.setCategory}
          />
        </div>
      ) : null}
      {roadmap?.columns.map((column) => (
        <section
          key={column.status}
          data-lifecycle={column.lifecycle}
          aria-labelledby={`${titleId}-${column.status}`}
        >
          <Column id={`${titleId}-${column.status}`}>
            {column.name} ({column.ideas.length})
          </Column>
          {column.ideas.length === 0 ? (
            <p>{t(page.categoryId ? 'boardNoMatch' : 'roadmapEmpty')}</p>
          ) : (
            <ul>
              {column.ideas.map((idea) => {
                const category = page.categoryId ? undefined : page.categoryName(idea.categoryId);
                return (
                  <li key={idea.id}>
                    {idea.title} <span>· {t('votes', { count: idea.votes })}</span>
                    {category ? <span data-part="category"> · {category}</span> : null}
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      ))}
      <Announcer message={page.announcement} />
    </section>
  );
}
