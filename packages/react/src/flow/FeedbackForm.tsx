import { type ElementType, useEffect, useRef } from 'react';
import { useFormMessages } from '../i18n/form';
import { useLocaleTools } from '../provider/PalauteProvider';
import { useIds } from '../shared/ids';
import { FlowView } from './FlowView';
import { flowParts } from './flow.parts';
import { OptOutDone } from './parts/OptOut';
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
 * The feedback flow inline in the page (non-modal): ask, acknowledge, follow up, show impact, then
 * "Thanks again!". After "Not now" or "Don't ask me again" a short note takes the form's place and
 * focus, so keyboard and screen-reader users are not dropped to the page's start; after a dismissal
 * by the host (`dismiss()`) it renders nothing.
 *
 * @example
 * ```tsx
 * <PalauteProvider backend={backend} customer={{ id: user.id }}>
 *   <FeedbackForm survey={survey} />
 * </PalauteProvider>
 * ```
 *
 * @selector [data-state] the flow step: `asking`, `submitting`, `submitFailed`, `acknowledging`, …,
 *   `done`, `postponed`, `optedOut`
 * @selector [data-part="note"] the note shown after "Not now" or "Don't ask me again"
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
  const strings = useFormMessages();
  const { part } = useIds();
  const titleId = part('title');
  const descriptionId = part('description');
  const { survey, step } = flow;
  const note = step === 'postponed' ? 'formPostponed' : null;
  const noteRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (note) noteRef.current?.focus();
  }, [note]);
  if (step === 'dismissed') return null;
  if (step === 'optedOut')
    return (
      <section
        className={className ?? 'palaute-FeedbackForm'}
        data-state={step}
        data-theme={theme}
        data-survey={survey.id}
        lang={flow.locale}
      >
        <OptOutDone scope={flow.optOutScope ?? 'all'} surveyId={survey.id} />
      </section>
    );
  if (note)
    return (
      <section
        className={className ?? 'palaute-FeedbackForm'}
        data-state={step}
        data-theme={theme}
        data-survey={survey.id}
        lang={flow.locale}
      >
        {/* Focused, it is read out; the status role makes it a message, not a page section. */}
        <p ref={noteRef} tabIndex={-1} role="status" data-part="note">
          {strings[note]}
        </p>
      </section>
    );
  const Heading = headingLevel as ElementType;
  const stepLevel = headingLevel === 'h2' ? 'h3' : 'h4';
  return (
    <section
      className={className ?? 'palaute-FeedbackForm'}
      data-state={step}
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
      <FlowView
        flow={flow}
        headingLevel={stepLevel}
        doneBody={strings.formDoneBody}
        parts={flowParts}
      />
    </section>
  );
}
