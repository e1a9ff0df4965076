import { type ElementType, type ReactNode, useId } from 'react';
import type { Theme } from '../flow/FeedbackForm';
import { useLoopTools } from '../i18n/loop';
import { Announcer } from '../shared/Announcer';
import { ImpactNotice } from '../shared/ImpactNotice';
import { useTimeFormat } from '../shared/useTimeFormat';
import { ContactChoices } from './ContactChoices';
import {
  deliveryMessage,
  type UseYourFeedbackOptions,
  useYourFeedback,
  type YourFeedbackApi,
  type YourFeedbackItem,
} from './useYourFeedback';

/** Props of {@link YourFeedback}. */
export interface YourFeedbackProps extends UseYourFeedbackOptions {
  /** The panel's heading; each item's heading is one level below, its impact notice two. @default 'h2' */
  headingLevel?: 'h2' | 'h3' | undefined;
  /** The time zone of dates and times. @default the browser's */
  timeZone?: string | undefined;
  /** Replaces the default `palaute-YourFeedback` class. */
  className?: string | undefined;
  /** The theme, as `data-theme` for the optional stylesheet ('auto' follows the system); without it the panel takes the page's colours. */
  theme?: Theme | undefined;
}

const LEVELS = { h2: ['h3', 'h4'], h3: ['h4', 'h5'] } as const;

/**
 * The signed-in customer's own feedback: what they told the company (their words, as text), where
 * it stands in plain words ("planned" never reads as done; "not planned" with the team's reason),
 * when each step happened, the thread with the team (they answer back once the team has written;
 * the answer shows at once and says honestly where it is), read receipts both ways, and "You told
 * us X. We shipped Y." once a change shipped, marked "New" in words until the customer has seen it.
 * A notice is recorded as seen once half of it has been in the viewport while the page is visible
 * (not when it is scrolled away, clipped by a scrolling container or in a collapsed region), then
 * no longer watched; without `IntersectionObserver` (old browsers, jsdom), once it is rendered.
 * Each item is an `article` with a heading; its thread is a disclosure. New replies are announced
 * politely; errors as alerts.
 *
 * @example
 * ```tsx
 * <PalauteProvider backend={backend} customer={{ id: user.id }}>
 *   <YourFeedback />
 * </PalauteProvider>
 * ```
 *
 * @selector .palaute-YourFeedback [data-state="loading"|"ready"|"empty"|"error"] the panel
 * @selector [data-part="feedback"] an item's `article`, with [data-state] its status and [data-unread]
 * @selector [data-part="you-said"] the customer's words; [data-part="status"] with [data-state]; [data-part="status-note"]; [data-part="decline-reason"]
 * @selector [data-part="impact"] with [data-state="new"|"seen"] the impact notice; [data-part="impact-new"] its "New"
 * @selector [data-part="score"] the score the customer gave
 * @selector [data-part="steps"] when each step happened
 * @selector [data-part="thread-toggle"] [data-part="thread"] with [data-state="open"|"closed"]; [data-part="unread"]
 * @selector [data-part="message"] with [data-author="customer"|"team"] and, on the customer's, [data-state="sending"|"offline"|"queued"|"rejected"|"failed"|"sent"|"read"]
 * @selector [data-part="reply"] the answer form: [data-part="field"], [data-part="send"], [data-part="error"]
 */
export function YourFeedback({
  headingLevel = 'h2',
  timeZone,
  className,
  theme,
  ...options
}: YourFeedbackProps) {
  const feedback = useYourFeedback(options);
  const { t } = useLoopTools();
  const time = useTimeFormat(timeZone);
  const Title = headingLevel as ElementType;
  const [itemLevel, impactLevel] = LEVELS[headingLevel];
  const ItemTitle = itemLevel as ElementType;
  const { state, items } = feedback;
  return (
    <section
      className={className ?? 'palaute-YourFeedback'}
      data-theme={theme}
      {...feedback.getRootProps()}
    >
      <Title {...feedback.getTitleProps()}>{t('yourFeedback')}</Title>
      {/* Beside the title, not in it: the region keeps its name while news comes and goes. */}
      {feedback.unseenReplies > 0 ? (
        <p data-part="badge">{t('newReplies', { count: feedback.unseenReplies })}</p>
      ) : null}
      <Announcer {...feedback.getAnnouncerProps()} message={feedback.announcement} />
      {state === 'loading' ? <p data-part="loading">{t('yourFeedbackLoading')}</p> : null}
      {state === 'error' ? (
        <div data-part="load-error">
          <p role="alert">{t('yourFeedbackError')}</p>
          <button type="button" data-part="retry" onClick={() => void feedback.refresh()}>
            {t('retry')}
          </button>
        </div>
      ) : null}
      {state === 'empty' ? <p data-part="empty">{t('yourFeedbackEmpty')}</p> : null}
      {items.length > 0 ? (
        <ul data-part="list">
          {items.map((item) => (
            <li key={item.id}>
              <article {...feedback.getItemProps(item)}>
                <ItemTitle {...feedback.getItemTitleProps(item)}>
                  {t('yourFeedbackItem', { date: time.date(item.feedback.createdAt) })}
                </ItemTitle>
                {item.feedback.text ? (
                  <figure data-part="you-said">
                    <figcaption data-part="label">{t('youSaid')}</figcaption>
                    <blockquote>
                      {paragraphs(item.feedback.text).map((paragraph, index) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs of one fixed text
                        <p key={index}>{paragraph}</p>
                      ))}
                    </blockquote>
                  </figure>
                ) : null}
                {item.score ? <p data-part="score">{item.score}</p> : null}
                <p data-part="status" data-state={item.status}>
                  <span data-part="label">{t('statusLabel')}: </span>
                  <strong>{item.statusLabel}</strong>
                </p>
                {item.statusNote ? <p data-part="status-note">{item.statusNote}</p> : null}
                {item.declineReason ? (
                  <p data-part="decline-reason">
                    <span data-part="label">{t('declinedWhy')}: </span>
                    {item.declineReason}
                  </p>
                ) : null}
                {item.feedback.impact ? (
                  <div {...feedback.getImpactProps(item)}>
                    {item.impactState === 'new' ? (
                      <p data-part="impact-new">{t('impactNew')}</p>
                    ) : null}
                    <ImpactNotice notice={item.feedback.impact} headingLevel={impactLevel} />
                  </div>
                ) : null}
                <ol data-part="steps" aria-label={t('steps')}>
                  {item.steps.map((step, index) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: the history only grows at its end
                    <li key={index} data-state={step.status}>
                      {step.label}{' '}
                      <time dateTime={step.at} data-part="time">
                        {time.dateTime(step.at)}
                      </time>
                    </li>
                  ))}
                </ol>
                <Thread feedback={feedback} item={item} time={time} />
              </article>
            </li>
          ))}
        </ul>
      ) : null}
      <YourIdeas feedback={feedback} headingLevel={itemLevel} />
      <ContactChoices headingLevel={itemLevel} timeZone={timeZone} />
    </section>
  );
}

/** Props of {@link YourIdeas}. */
export interface YourIdeasProps {
  /** The panel's state, from {@link useYourFeedback}. */
  feedback: Pick<YourFeedbackApi, 'ideasState' | 'ideas'>;
  /** The section's heading; each idea's is one level below. @default 'h3' */
  headingLevel?: 'h3' | 'h4' | undefined;
}

/**
 * "Your ideas", a part of {@link YourFeedback}: the board's ideas the customer suggested, voted for
 * or commented on, each with its title (as text), its status in words ("planned" never reads as
 * done), its votes by the language's plural rule, the team's reason when declined and the idea it
 * was merged into. Renders nothing when the backend has no board.
 *
 * @selector [data-part="your-ideas"] with [data-state="loading"|"ready"|"empty"|"error"]
 * @selector [data-part="idea"] with [data-state] its lifecycle; [data-part="idea-votes"]; [data-part="merged-into"]
 */
export function YourIdeas({ feedback, headingLevel = 'h3' }: YourIdeasProps) {
  const { t } = useLoopTools();
  const { ideasState: state, ideas } = feedback;
  const titleId = useId();
  if (state === 'none') return null;
  const Title = headingLevel as ElementType;
  const IdeaTitle = (headingLevel === 'h3' ? 'h4' : 'h5') as ElementType;
  return (
    <section
      data-part="your-ideas"
      data-state={state}
      aria-busy={state === 'loading' || undefined}
      aria-labelledby={titleId}
    >
      <Title id={titleId} data-part="title">
        {t('yourIdeas')}
      </Title>
      {state === 'loading' ? <p data-part="loading">{t('yourIdeasLoading')}</p> : null}
      {state === 'error' ? <p role="alert">{t('yourIdeasError')}</p> : null}
      {state === 'empty' ? <p data-part="empty">{t('yourIdeasEmpty')}</p> : null}
      {ideas.length > 0 ? (
        <ul data-part="list">
          {ideas.map((item) => (
            <li key={item.id}>
              <article data-part="idea" data-state={item.idea.lifecycle}>
                <IdeaTitle data-part="item-title">{item.idea.title}</IdeaTitle>
                <p data-part="status" data-state={item.idea.lifecycle}>
                  <span data-part="label">{t('statusLabel')}: </span>
                  <strong>{item.statusLabel}</strong>
                </p>
                {item.statusNote ? <p data-part="status-note">{item.statusNote}</p> : null}
                <p data-part="idea-votes">{item.votesLabel}</p>
                {item.declineReason ? (
                  <p data-part="decline-reason">
                    <span data-part="label">{t('declinedWhy')}: </span>
                    {item.declineReason}
                  </p>
                ) : null}
                {item.mergedNote ? <p data-part="merged-into">{item.mergedNote}</p> : null}
              </article>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function Thread({
  feedback,
  item,
  time,
}: {
  feedback: YourFeedbackApi;
  item: YourFeedbackItem;
  time: ReturnType<typeof useTimeFormat>;
}) {
  const { t } = useLoopTools();
  if (item.messages.length === 0)
    return item.contact === 'notAsked' ? null : (
      <p data-part="no-replies">{item.contact === 'waiting' ? t('noReplies') : t('noContact')}</p>
    );
  const count = item.messages.length;
  return (
    <div data-part="conversation">
      <button {...feedback.getToggleProps(item)}>
        {count === 1 ? t('conversationOne') : t('conversationMany', { count })}
        {item.unread > 0 ? (
          <span data-part="unread">
            {', '}
            {item.unread === 1 ? t('unreadOne') : t('unreadMany', { count: item.unread })}
          </span>
        ) : null}
      </button>
      <div {...feedback.getThreadProps(item)}>
        <ol data-part="messages" aria-label={t('conversation')}>
          {item.messages.map((message) => (
            <li
              key={message.id}
              data-part="message"
              data-author={message.mine ? 'customer' : 'team'}
              data-state={message.delivery}
              data-unread={message.unread ? '' : undefined}
            >
              <p data-part="meta">
                <span data-part="author">{message.author}</span>{' '}
                <time dateTime={message.at} data-part="time">
                  {time.dateTime(message.at)}
                </time>
              </p>
              <p data-part="body">{message.body}</p>
              {message.delivery === 'failed' || message.delivery === 'rejected' ? (
                <div data-part="delivery">
                  <p role="alert">{t(deliveryMessage[message.delivery])}</p>
                  {message.delivery === 'failed' ? (
                    <button type="button" onClick={() => feedback.retry(message.id)}>
                      {t('retry')}
                    </button>
                  ) : null}
                </div>
              ) : message.delivery ? (
                <p data-part="delivery">{t(deliveryMessage[message.delivery])}</p>
              ) : null}
            </li>
          ))}
        </ol>
        {item.canReply ? (
          <form {...feedback.getFormProps(item)}>
            <Label {...feedback.getLabelProps(item)}>{t('yourAnswer')}</Label>
            {item.draftNote ? <p {...feedback.getDraftNoteProps(item)}>{item.draftNote}</p> : null}
            <textarea {...feedback.getFieldProps(item)} />
            {item.error ? <p {...feedback.getErrorProps(item)}>{item.error}</p> : null}
            <button type="submit" data-part="send">
              {t('sendReply')}
            </button>
          </form>
        ) : null}
      </div>
    </div>
  );
}

/** The customer's words in paragraphs, as they wrote them (answers are joined by blank lines). */
function paragraphs(text: string): string[] {
  return text.split(/\n{2,}/).filter((paragraph) => paragraph.trim() !== '');
}

/** A label; its `htmlFor` comes from the hook's prop getter. */
function Label({ htmlFor, children }: { htmlFor: string; children: ReactNode }) {
  return <label htmlFor={htmlFor}>{children}</label>;
}
