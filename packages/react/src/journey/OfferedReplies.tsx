import type { ReplyNotice } from '@palaute/engine';
import * as Dialog from '@radix-ui/react-dialog';
import { type ElementType, type ReactNode, useEffect, useState } from 'react';
import type { Theme } from '../flow/FeedbackForm';
import { useLoopTools } from '../i18n/loop';
import { useLocaleTools } from '../provider/locale';
import { Announcer } from '../shared/Announcer';
import { useTimeFormat } from '../shared/useTimeFormat';
import { deliveryMessage, useYourFeedback } from '../your-feedback/useYourFeedback';
import type { YourFeedbackApi } from '../your-feedback/your-feedback.types';

/** Props of {@link TeamReply}. */
export interface TeamReplyProps {
  /** The team's reply to show. */
  reply: ReplyNotice;
  /** The heading element naming who answered. @default 'h3' */
  headingLevel?: 'h3' | 'h4' | 'h5' | undefined;
  /** Replaces the default `palaute-TeamReply` class. */
  className?: string | undefined;
  /** Actions under the reply ("Read and answer"). */
  children?: ReactNode;
}

/**
 * One reply from the team, as offered at a touchpoint: who answered, when, what the customer wrote
 * (when they wrote text) and the reply itself, all rendered as text.
 *
 * @selector [data-part="author"] [data-part="you-said"] [data-part="body"] [data-part="date"]
 */
export function TeamReply({ reply, headingLevel = 'h3', className, children }: TeamReplyProps) {
  const { t } = useLocaleTools();
  const time = useTimeFormat();
  const Heading = headingLevel as ElementType;
  return (
    <article className={className ?? 'palaute-TeamReply'} data-part="team-reply">
      <Heading data-part="author">
        {reply.author.name ? t('replyFrom', { name: reply.author.name }) : t('replyHeading')}
      </Heading>
      {reply.youSaid ? (
        <p data-part="you-said">
          <span data-part="label">{t('youSaid')}: </span>
          <q>{reply.youSaid}</q>
        </p>
      ) : null}
      <p data-part="body">{reply.body}</p>
      <p data-part="date">
        <time dateTime={reply.at}>{time.dateTime(reply.at)}</time>
      </p>
      {children}
    </article>
  );
}

/** Props of {@link TeamReplyForm}. */
export interface TeamReplyFormProps {
  /** The team's reply being answered: the form writes to its thread. */
  reply: ReplyNotice;
  /**
   * The customer's feedback and threads from `useYourFeedback()`: the same thread API (drafts,
   * outbox, delivery states) that "Your feedback" uses.
   */
  feedback: YourFeedbackApi;
}

/**
 * Writing back to the team right where its reply is offered: a labelled field and Send, through
 * `useYourFeedback`'s thread (stored in the outbox first when there is one). Words typed and not
 * sent are kept when the dialog closes (the provider's draft store): the thread in "Your feedback",
 * or the next reply offered for the same feedback, gives them back, saying so. What the customer
 * wrote back here is listed under the form with where it stands; a failed send keeps the words (in
 * the field, or on the page with "Try again") and says so in an alert; closed before a failed
 * direct send got through, the next view of the thread has them back as a draft. Renders nothing until the
 * thread is loaded and open to the customer (the team has written).
 *
 * @selector [data-part="reply"] [data-part="written"] [data-state="sending" | "sent" | "failed" | …]
 */
export function TeamReplyForm({ reply, feedback }: TeamReplyFormProps) {
  const { t } = useLoopTools();
  const item = feedback.items.find((candidate) => candidate.id === reply.itemId);
  if (!item?.canReply) return null;
  const since = Date.parse(reply.at);
  const written = item.messages.filter(
    (message) => message.mine && Date.parse(message.at) >= since,
  );
  return (
    <form {...feedback.getFormProps(item)}>
      <label htmlFor={feedback.getLabelProps(item).htmlFor} data-part="label">
        {t('replyWriteBack')}
      </label>
      {item.draftNote ? <p {...feedback.getDraftNoteProps(item)}>{item.draftNote}</p> : null}
      <textarea {...feedback.getFieldProps(item)} />
      {item.error ? <p {...feedback.getErrorProps(item)}>{item.error}</p> : null}
      <button type="submit" data-part="send">
        {t('sendReply')}
      </button>
      {written.length > 0 ? (
        <ol data-part="written" aria-label={t('replyWrittenBack')}>
          {written.map((message) => (
            <li key={message.id} data-part="message" data-state={message.delivery}>
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
      ) : null}
    </form>
  );
}

/** Props of the reply presentation inside `OfferedFeedback`. */
export interface ReplyPresentationProps {
  replies: readonly ReplyNotice[];
  present: 'dialog' | 'inline';
  theme: Theme;
  headingLevel: 'h2' | 'h3' | 'h4';
  /** Called once, when the replies are on screen: they are read now. */
  onShown: () => void;
  /** "Read and answer": opens the reply's thread (the dialog closes first). */
  onReadReply: ((reply: ReplyNotice) => void) | undefined;
  onDone: () => void;
}

/**
 * The team's replies in the dialog or inline, announced in a live region, each with "Read and
 * answer" when the host can open the thread. Marked seen as soon as they are shown.
 */
export function ReplyPresentation({
  replies,
  present,
  theme,
  headingLevel,
  onShown,
  onReadReply,
  onDone,
}: ReplyPresentationProps) {
  const { t } = useLocaleTools();
  // The customer's threads, so they can write back right here.
  const feedback = useYourFeedback();
  const [announcement, setAnnouncement] = useState('');
  const [shown] = useState(() => onShown);
  useEffect(() => {
    shown();
    // Filled after the region is on the page, so assistive technology hears the change.
    setAnnouncement(t('launcherReplies', { count: replies.length }));
  }, [shown, t, replies.length]);
  const level = headingLevel === 'h2' ? 'h3' : 'h4';
  const list = replies.map((reply) => (
    <TeamReply key={reply.id} reply={reply} headingLevel={level}>
      <TeamReplyForm reply={reply} feedback={feedback} />
      {onReadReply ? (
        <button
          type="button"
          data-part="read-and-answer"
          data-variant="primary"
          onClick={() => {
            onDone();
            onReadReply(reply);
          }}
        >
          {t('replyReadAndAnswer')}
        </button>
      ) : null}
    </TeamReply>
  ));
  // One live region: the replies' arrival, then how what the customer writes back fares.
  const announcer = <Announcer message={feedback.announcement || announcement} />;
  return (
    <OfferPresentation
      step="showingReplies"
      title={t('replyHeading')}
      present={present}
      theme={theme}
      headingLevel={headingLevel}
      closeLabel={t('close')}
      onDone={onDone}
      after={announcer}
    >
      {list}
    </OfferPresentation>
  );
}

/** Props of {@link OfferPresentation}. */
export interface OfferPresentationProps {
  /** What is shown, as the flow names its steps: `data-step` on the dialog, `data-state` inline. */
  step: 'showingImpact' | 'showingReplies';
  /** The title: the dialog's, or the inline section's heading. */
  title: string;
  /** In a modal dialog, or inline where the touchpoint renders. */
  present: 'dialog' | 'inline';
  theme: Theme;
  /** The inline heading's element. */
  headingLevel: 'h2' | 'h3' | 'h4';
  /** The text of the button that closes it. */
  closeLabel: string;
  /** The close button is the primary action. */
  primary?: boolean | undefined;
  /** Called once it is closed, whichever way. */
  onDone: () => void;
  /** What is offered: notices or replies. */
  children: ReactNode;
  /** After the body (a live region). */
  after?: ReactNode;
}

/**
 * Something the journey offers at a touchpoint once a survey is not asked, in a modal dialog or
 * inline: an impact notice ("you said, we did") or the team's replies. The dialog keeps Radix's
 * `data-state` (open/closed) and says what it shows in `data-step`, as `FeedbackDialog` does.
 */
export function OfferPresentation({
  step,
  title,
  present,
  theme,
  headingLevel,
  closeLabel,
  primary,
  onDone,
  children,
  after,
}: OfferPresentationProps) {
  const variant = primary ? 'primary' : undefined;
  if (present === 'inline') {
    const Heading = headingLevel as ElementType;
    return (
      <section className="palaute-FeedbackForm" data-state={step} data-theme={theme}>
        <Heading data-part="title">{title}</Heading>
        <div data-part="body">
          {children}
          <div data-part="actions">
            <button type="button" data-part="next" data-variant={variant} onClick={onDone}>
              {closeLabel}
            </button>
          </div>
        </div>
        {after}
      </section>
    );
  }
  return (
    <Dialog.Root open onOpenChange={(open) => !open && onDone()}>
      <Dialog.Portal>
        <Dialog.Overlay className="palaute-FeedbackDialog" data-part="overlay" data-theme={theme} />
        <Dialog.Content
          className="palaute-FeedbackDialog"
          data-part="content"
          data-step={step}
          data-theme={theme}
          aria-describedby={undefined}
          onInteractOutside={(event) => event.preventDefault()}
        >
          <Dialog.Title data-part="title">{title}</Dialog.Title>
          <div data-part="body">
            {children}
            <div data-part="actions">
              <Dialog.Close asChild>
                <button type="button" data-part="next" data-variant={variant}>
                  {closeLabel}
                </button>
              </Dialog.Close>
            </div>
          </div>
          {after}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
