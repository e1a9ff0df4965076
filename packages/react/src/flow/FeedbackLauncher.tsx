import type { Offer, Survey } from '@palaute/engine';
import { Slot } from '@radix-ui/react-slot';
import {
  type ComponentPropsWithoutRef,
  type ForwardedRef,
  forwardRef,
  type ReactNode,
  useId,
  useState,
} from 'react';
import { useOffer } from '../journey/useJourney';
import { useLocaleTools } from '../provider/locale';
import { FeedbackDialog } from './FeedbackDialog';
import type { Theme } from './FeedbackForm';
import { LauncherDialog } from './LauncherForm';
import type { UseLauncherOptions } from './useLauncher';

/** Props of {@link FeedbackLauncher}. */
export interface FeedbackLauncherProps
  extends Omit<ComponentPropsWithoutRef<'button'>, 'children' | 'className'> {
  /**
   * Renders the host's own element (its only child) as the launcher instead of our button: our
   * props, `data-*`, description and handlers merge onto it (Radix `Slot`); the badge is left to
   * the host, its meaning still in the accessible description.
   * @default false
   */
  asChild?: boolean | undefined;
  /** With `asChild`, the host's element. */
  children?: ReactNode;
  /**
   * The survey the button opens when nothing is offered (general feedback the customer starts).
   * Without it the launcher shows only while a survey is offered.
   */
  survey?: Survey | undefined;
  /** The button's text. @default the `launcher` message ("Feedback") */
  label?: string | undefined;
  /** The theme of the button and its dialog, as `data-theme` for the optional stylesheet. @default 'light' */
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
 *
 * Rest DOM props go on the button, the ref is forwarded to it, and the host's handlers run before
 * the dialog's (`preventDefault()` keeps it closed); `asChild` puts it all on the host's element.
 */
export const FeedbackLauncher = /* @__PURE__ */ forwardRef<
  HTMLButtonElement,
  FeedbackLauncherProps
>(function FeedbackLauncher(props, ref) {
  return <Launcher {...props} forwardedRef={ref} />;
});

function Launcher({
  survey,
  label,
  theme,
  className,
  unseenReplies = 0,
  kinds = false,
  displayName,
  board,
  asChild = false,
  children,
  forwardedRef,
  ...rest
}: FeedbackLauncherProps & { forwardedRef: ForwardedRef<HTMLButtonElement> }) {
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
  const Element = asChild ? Slot : 'button';
  // The host's description first, then the badge's meaning.
  const describedBy =
    [rest['aria-describedby'], news ? descriptionId : undefined].filter(Boolean).join(' ') ||
    undefined;
  // The host's props (and handlers) go on as given: the dialog's trigger composes its own after
  // them, so a host `onClick` calling `preventDefault()` keeps the dialog closed.
  const button = (
    <Element
      {...rest}
      ref={forwardedRef}
      {...(asChild ? {} : { type: 'button' as const })}
      className={className ?? 'palaute-FeedbackLauncher'}
      data-theme={theme}
      data-state={offer ? 'offered' : 'idle'}
      data-replies={replies > 0 ? '' : undefined}
      // The badge's meaning, in words: read after the name ("Feedback, a question is waiting for you").
      aria-describedby={describedBy}
    >
      {asChild ? (
        children
      ) : (
        <>
          {label ?? t('launcher')}
          {news ? (
            <span data-part="badge" aria-hidden="true">
              {(offer ? 1 : 0) + replies}
            </span>
          ) : null}
        </>
      )}
    </Element>
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
