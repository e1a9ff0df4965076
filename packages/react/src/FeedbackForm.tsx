import { type ElementType, useId } from 'react';
import { FlowView } from './FlowView';
import { useLocaleTools } from './PalauteProvider';
import { type UseFeedbackFlowOptions, useFeedbackFlow } from './useFeedbackFlow';

/** The colour theme of the optional stylesheet. `auto` follows the customer's system setting. */
export type Theme = 'light' | 'dark' | 'auto';

/** Props of {@link FeedbackForm}. */
export interface FeedbackFormProps extends UseFeedbackFlowOptions {
  /** The theme, as `data-theme` for the optional stylesheet. @default 'light' */
  theme?: Theme | undefined;
  /** The survey title's heading element. @default 'h2' */
  headingLevel?: 'h2' | 'h3' | 'h4' | undefined;
  /** Hide the survey title (when the host shows its own). @default false */
  hideTitle?: boolean | undefined;
  /** Replaces the default `palaute-FeedbackForm` class (opting out of the optional stylesheet). */
  className?: string | undefined;
}

/**
 * The feedback flow inline in the page (non-modal): ask, acknowledge, follow up, show impact.
 * Renders nothing once dismissed, postponed or opted out.
 *
 * @example
 * ```tsx
 * <PalauteProvider backend={backend} customer={{ id: user.id }}>
 *   <FeedbackForm survey={survey} />
 * </PalauteProvider>
 * ```
 *
 * @selector [data-state] the flow step: `asking`, `submitting`, `submitFailed`, `acknowledging`, …
 * @selector [data-theme="light"|"dark"|"auto"]
 */
export function FeedbackForm({
  theme = 'light',
  headingLevel = 'h2',
  hideTitle = false,
  className,
  ...options
}: FeedbackFormProps) {
  const flow = useFeedbackFlow(options);
  const { text } = useLocaleTools();
  const titleId = useId();
  const descriptionId = useId();
  if (flow.step === 'dismissed' || flow.step === 'postponed' || flow.step === 'optedOut')
    return null;
  const Heading = headingLevel as ElementType;
  const { survey } = flow;
  const stepLevel = headingLevel === 'h2' ? 'h3' : 'h4';
  return (
    <section
      className={className ?? 'palaute-FeedbackForm'}
      data-state={flow.step}
      data-theme={theme}
      data-survey={survey.id}
      aria-labelledby={titleId}
      aria-describedby={survey.description ? descriptionId : undefined}
      lang={flow.locale}
    >
      <Heading id={titleId} data-part="title" hidden={hideTitle || undefined}>
        {text(survey.title, survey.defaultLocale)}
      </Heading>
      {survey.description ? (
        <p id={descriptionId} data-part="description">
          {text(survey.description, survey.defaultLocale)}
        </p>
      ) : null}
      <FlowView flow={flow} headingLevel={stepLevel} />
    </section>
  );
}
