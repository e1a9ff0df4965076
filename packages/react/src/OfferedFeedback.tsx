import type { Offer } from '@palaute/engine';
import { useEffect, useState } from 'react';
import { FeedbackDialog } from './FeedbackDialog';
import { FeedbackForm, type Theme } from './FeedbackForm';
import { useOffer } from './useJourney';

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
}

/**
 * Presents whatever the Palaute client offers, automatically: in the dialog (opened for the offer)
 * or inline. It keeps showing the survey it started with until the customer closes it, even once
 * the answer is in (the acknowledgement, follow-up and impact still belong to it). Renders nothing
 * while nothing is offered.
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
}: OfferedFeedbackProps) {
  const offer = useOffer();
  // The offer being presented, kept until its flow closes (the client clears it at the answer).
  const [shown, setShown] = useState<Offer | null>(null);
  useEffect(() => {
    if (offer && !shown) setShown(offer);
  }, [offer, shown]);
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
