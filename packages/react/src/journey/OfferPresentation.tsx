import * as Dialog from '@radix-ui/react-dialog';
import type { ElementType, ReactNode } from 'react';
import type { Theme } from '../flow/FeedbackForm';

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
