import type { Acknowledgement as AcknowledgementDefinition, NpsSegment } from '@palaute/engine';
import { type ElementType, forwardRef } from 'react';
import { usePartsLocaleTools } from '../../i18n/parts';

/** Props of {@link Acknowledgement}. */
export interface AcknowledgementProps {
  /** The survey's acknowledgement for the customer's segment; without it, the built-in thanks. */
  acknowledgement?: AcknowledgementDefinition | undefined;
  /** The NPS segment, exposed as `data-segment` for styling. */
  segment?: NpsSegment | undefined;
  /** The survey's default locale. @default 'en' */
  defaultLocale?: string | undefined;
  /** The heading element. @default 'h3' */
  headingLevel?: 'h2' | 'h3' | 'h4' | undefined;
  /** Replaces the default `palaute-Acknowledgement` class. */
  className?: string | undefined;
}

/**
 * Thanks the customer and says what happens next. The heading takes focus when the step appears.
 *
 * @selector [data-segment="detractor"|"passive"|"promoter"] the customer's NPS segment
 * @selector [data-part="title"] [data-part="body"]
 */
export const Acknowledgement = /* @__PURE__ */ forwardRef<HTMLHeadingElement, AcknowledgementProps>(
  function Acknowledgement(
    { acknowledgement, segment, defaultLocale, headingLevel = 'h3', className },
    headingRef,
  ) {
    const { t, text } = usePartsLocaleTools();
    const Heading = headingLevel as ElementType;
    const title = acknowledgement ? text(acknowledgement.title, defaultLocale) : t('ackTitle');
    const body = acknowledgement
      ? acknowledgement.body && text(acknowledgement.body, defaultLocale)
      : t('ackBody');
    return (
      <div
        className={className ?? 'palaute-Acknowledgement'}
        data-part="acknowledgement"
        data-segment={segment}
        data-acknowledgement={acknowledgement?.id}
      >
        <Heading ref={headingRef} tabIndex={-1} data-part="title">
          {title}
        </Heading>
        {body ? <p data-part="body">{body}</p> : null}
      </div>
    );
  },
);
