import type { ImpactNotice as ImpactNoticeData, Offer, ReplyNotice } from '@palaute/engine';
import { useEffect, useState } from 'react';
import { FeedbackDialog } from '../flow/FeedbackDialog';
import { FeedbackForm, type Theme } from '../flow/FeedbackForm';
import { usePartsLocaleTools } from '../i18n/parts';
import { ImpactNotice } from '../shared/ImpactNotice';
import { OfferPresentation, ReplyPresentation } from './OfferedReplies';
import { useImpactOffer } from './useImpactOffer';
import { useOffer } from './useJourney';
import { useReplyOffer } from './useReplyOffer';

/** Props of {@link OfferedFeedback}. */
export interface OfferedFeedbackProps {
  /**
   * How an offer is presented: `dialog` opens the feedback dialog as soon as a survey is offered;
   * `inline` renders the flow where this component is placed. @default 'dialog'
   */
  present?: 'dialog' | 'inline' | undefined;
  /** The theme, as `data-theme` for the optional stylesheet. @default 'light' */
  theme?: Theme | undefined;
  /** Heading level of the inline form's title. @default 'h2' */
  headingLevel?: 'h2' | 'h3' | 'h4' | undefined;
  /**
   * Opens a team reply's thread ("Your feedback", or the host's own page for it): when given, each
   * offered reply has a "Read and answer" button that closes the presentation and calls it.
   */
  onReadReply?: ((reply: ReplyNotice) => void) | undefined;
}

/**
 * Presents whatever the Palaute client offers, automatically: in the dialog (opened for the offer)
 * or inline. Unread team replies come first (marked read as they are shown), then "You said, we
 * did" notices, when due; then surveys. It keeps showing the
 * survey it started with until the customer closes it, even once the answer is in (the
 * acknowledgement, follow-up and impact still belong to it). Renders nothing while nothing is
 * offered.
 *
 * @example
 * ```tsx
 * <PalauteProvider client={palaute}>
 *   <App />
 *   <OfferedFeedback present="dialog" />
 * </PalauteProvider>
 * ```
 */
export function OfferedFeedback({
  present = 'dialog',
  theme,
  headingLevel = 'h2',
  onReadReply,
}: OfferedFeedbackProps) {
  const offer = useOffer();
  const impact = useImpactOffer();
  const replyOffer = useReplyOffer();
  // The offer being presented, kept until its flow closes (the client clears it at the answer).
  const [shown, setShown] = useState<Offer | null>(null);
  useEffect(() => {
    if (offer && !shown) setShown(offer);
  }, [offer, shown]);
  // The replies being presented, kept until closed (the client drops them once they are read).
  const [replies, setReplies] = useState<readonly ReplyNotice[] | null>(null);
  useEffect(() => {
    if (!shown && !replies && replyOffer.replies.length > 0) setReplies(replyOffer.replies);
  }, [shown, replies, replyOffer.replies]);
  if (!shown && replies)
    return (
      <ReplyPresentation
        replies={replies}
        present={present}
        theme={theme ?? 'light'}
        headingLevel={headingLevel}
        onShown={() => replyOffer.markSeen(replies)}
        onReadReply={onReadReply}
        onDone={() => setReplies(null)}
      />
    );
  if (!shown && impact.notices.length > 0)
    return (
      <ImpactPresentation
        notices={impact.notices}
        present={present}
        theme={theme ?? 'light'}
        headingLevel={headingLevel}
        onDone={impact.markSeen}
      />
    );
  if (!shown) return null;
  const close = () => setShown(null);
  if (present === 'inline')
    return (
      <FeedbackForm
        key={shown.id}
        survey={shown.survey}
        theme={theme}
        headingLevel={headingLevel}
        onClose={(step) => {
          if (step !== 'done') close();
        }}
      />
    );
  return (
    <FeedbackDialog
      key={shown.id}
      survey={shown.survey}
      theme={theme}
      open
      onOpenChange={(open) => {
        if (!open) close();
      }}
    />
  );
}

interface ImpactPresentationProps {
  notices: ImpactNoticeData[];
  present: 'dialog' | 'inline';
  theme: Theme;
  headingLevel: 'h2' | 'h3' | 'h4';
  onDone: () => void;
}

/** "You said, we did" in the dialog or inline; closing it (any way) marks the notices seen. */
function ImpactPresentation({
  notices,
  present,
  theme,
  headingLevel,
  onDone,
}: ImpactPresentationProps) {
  const { t } = usePartsLocaleTools();
  const list = notices.map((notice) => (
    <ImpactNotice
      key={notice.id}
      notice={notice}
      headingLevel={headingLevel === 'h2' ? 'h3' : 'h4'}
    />
  ));
  return (
    <OfferPresentation
      step="showingImpact"
      title={t('impactHeading')}
      present={present}
      theme={theme}
      headingLevel={headingLevel}
      closeLabel={t('done')}
      primary
      onDone={onDone}
    >
      {list}
    </OfferPresentation>
  );
}
