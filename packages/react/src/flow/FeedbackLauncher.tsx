import type { Offer, Survey } from '@palaute/engine';
import { useId, useState } from 'react';
import { useOffer } from '../journey/useJourney';
import { useLocaleTools } from '../provider/PalauteProvider';
import { FeedbackDialog } from './FeedbackDialog';
import type { Theme } from './FeedbackForm';
import { LauncherDialog } from './LauncherForm';
import type { UseLauncherOptions } from './useLauncher';

/** Props of {@link FeedbackLauncher}. */
export interface FeedbackLauncherProps {
  /**
   * The survey the button opens when nothing is offered (general feedback the customer starts).
   * Without it the launcher shows only while a survey is offered.
   */
  survey?: Survey | undefined;
  /** The button's text. @default the `launcher` message ("Feedback") */
  label?: string | undefined;
  /** The theme, as `data-theme` for the optional stylesheet. @default 'light' */
  theme?: Theme | undefined;
  /** Replaces the default `palaute-FeedbackLauncher` class on the button. */
  className?: string | undefined;
  /**
   * Team replies the customer has not read yet (from {@link useUnseenReplies} or
   * `useYourFeedback().unseenReplies`): shown as the badge's count and said in the button's
   * description, so the customer notices the team answered.
   * @default 0
   */
  unseenReplies?: number | undefined;
  /**
   * Opens the launcher's own form when nothing is offered, instead of `survey`: the customer says
   * what it is about (idea, problem, praise, other), writes it, and may post an idea or a problem
   * on the public board (see {@link LauncherForm}).
   * @default false
   */
  kinds?: boolean | undefined;
  /** The customer's display name from the host, shown with what they post on the board. */
  displayName?: UseLauncherOptions['displayName'];
  /** The board the form posts to. @default the provider backend's `board` */
  board?: UseLauncherOptions['board'];
}

/**
 * A "Feedback" button for the host's header or corner. While the Palaute client offers a survey, or
 * the team's replies wait unread (`unseenReplies`), it carries a badge, and its accessible
 * description says so ("a question is waiting for you", "our team replied (2 new)");
 * pressing it opens the offered survey, otherwise the general `survey`. The host keeps control: the
 * offer waits for the customer instead of interrupting them. The customer opens it, so it never
 * offers "Don't ask me again"; the general survey (one with no ask) is theirs, not an ask, and does
 * not count against their fatigue budget.
 *
 * @selector [data-state="offered"|"idle"] whether a survey is offered
 * @selector [data-part="badge"] the badge, present while a survey is offered or replies are unread
 * @selector [data-replies] present while team replies are unread
 */
export function FeedbackLauncher({
  survey,
  label,
  theme,
  className,
  unseenReplies = 0,
  kinds = false,
  displayName,
  board,
}: FeedbackLauncherProps) {
  const { t } = useLocaleTools();
  const offer = useOffer();
  const descriptionId = useId();
  // The survey opened, kept while its dialog is open (the offer clears once answered).
  // `survey: undefined` is the launcher's own form (`kinds`).
  const [opened, setOpened] = useState<{ survey: Survey | undefined; offer: Offer | null } | null>(
    null,
  );
  const target = opened ? opened.survey : (offer?.survey ?? (kinds ? undefined : survey));
  if (!target && !kinds) return null;
  const replies = Math.max(0, Math.floor(unseenReplies));
  const news = offer !== null || replies > 0;
  const button = (
    <button
      type="button"
      className={className ?? 'palaute-FeedbackLauncher'}
      data-state={offer ? 'offered' : 'idle'}
      data-replies={replies > 0 ? '' : undefined}
      // The badge's meaning, in words: read after the name ("Feedback, a question is waiting for you").
      aria-describedby={news ? descriptionId : undefined}
    >
      {label ?? t('launcher')}
      {news ? (
        <span data-part="badge" aria-hidden="true">
          {(offer ? 1 : 0) + replies}
        </span>
      ) : null}
    </button>
  );
  return (
    <>
      {target ? (
        <FeedbackDialog
          survey={target}
          trigger={button}
          theme={theme}
          // The customer opened it: no "Don't ask me again" here, and the launcher's own survey is
          // theirs, not an ask, so it does not count against their fatigue budget.
          initiative="customer"
          open={opened !== null}
          onOpenChange={(open) => setOpened(open ? { survey: target, offer } : null)}
        />
      ) : (
        <LauncherDialog
          trigger={button}
          theme={theme}
          closeLabel={t('close')}
          displayName={displayName}
          board={board}
          open={opened !== null}
          onOpenChange={(open) => setOpened(open ? { survey: undefined, offer: null } : null)}
        />
      )}
      {news ? (
        <span id={descriptionId} hidden>
          {[
            offer ? t('launcherOffered') : '',
            replies > 0 ? t('launcherReplies', { count: replies }) : '',
          ]
            .filter(Boolean)
            .join(' ')}
        </span>
      ) : null}
    </>
  );
}
