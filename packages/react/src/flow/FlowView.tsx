import {
  type AnswerValue,
  type ChoiceQuestion,
  isScaleQuestion,
  type Question,
  selectOptions,
} from '@palaute/engine';
import {
  type FormEvent,
  type MouseEvent,
  type ReactNode,
  useCallback,
  useEffect,
  useRef,
  useState,
} from 'react';
import { useLocaleTools, usePalaute } from '../provider/PalauteProvider';
import { Announcer } from '../shared/Announcer';
import { useSelector } from '../shared/useActor';
import type { FlowParts } from './flow.parts';
import { Progress } from './parts/Progress';
import { ScaleQuestion } from './questions/ScaleQuestion';
import { scaleErrorMessage } from './questions/scaleErrorMessage';
import type { FeedbackFlow } from './useFeedbackFlow';
import { useFlowParts } from './useFlowParts';

/** Props of the shared step renderer behind `FeedbackDialog` and `FeedbackForm`. */
export interface FlowViewProps {
  flow: FeedbackFlow;
  /** Move focus into the step on first render too (the dialog does; an inline form must not). */
  autoFocus?: boolean | undefined;
  /** Offer "Don't ask me again" (with a Palaute client); not where the customer opened it. @default true */
  optOut?: boolean | undefined;
  /** Heading element for step headings. @default 'h3' */
  headingLevel?: 'h2' | 'h3' | 'h4' | undefined;
  /** Extra actions (the dialog's "close"). */
  children?: ReactNode;
  /** The end text under "Thanks again!" (the inline form's; the dialog's says the window may close). */
  doneBody?: string | undefined;
  /** After "Don't ask me again" is confirmed: closes the view (the dialog's "Close" button). */
  onClose?: (() => void) | undefined;
  /**
   * The parts beyond a scale question (`flowParts`), given up front so every step renders at once,
   * on the server too. Without them they load with `import()` and a step that needs them shows "One
   * moment…" until they are there (or an alert and "Try again" if they cannot load).
   */
  parts?: FlowParts | undefined;
}

/** Where focus lands in a question, best first: the roving radio, a chosen input, the first field. */
const FOCUS_ORDER = [
  '[tabindex="0"]',
  'input:checked',
  'input:not([disabled]), textarea:not([disabled])',
];

/** How long after a step appears a repeated click on one of its buttons is taken as the tail of a
 * double click on the step before, and ignored. */
const CLICK_GRACE_MS = 500;

/**
 * Ignores the second press of a double click (`detail` 2 or more) on a step's buttons for a moment
 * after `key` (the step) changes, so it never lands on whatever took the clicked button's place ("Not
 * now", "Back"). Single clicks and keyboard activations always count. Returns a capture-phase
 * click handler.
 */
function useClickGrace(key: string) {
  const shownAt = useRef(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: key is the trigger.
  useEffect(() => {
    shownAt.current = performance.now();
  }, [key]);
  return useCallback((event: MouseEvent) => {
    if (
      event.detail > 1 &&
      performance.now() - shownAt.current < CLICK_GRACE_MS &&
      (event.target as Element).closest('[data-part="actions"] button')
    ) {
      event.preventDefault();
      event.stopPropagation();
    }
  }, []);
}

/** Renders the step a flow is at: questions, sending, acknowledgement, follow-up, impact, done. */
export function FlowView({
  flow,
  autoFocus = false,
  optOut = true,
  headingLevel = 'h3',
  doneBody,
  onClose,
  parts: given,
}: FlowViewProps) {
  const { t, text, messages } = useLocaleTools();
  const { parts, failed: partsFailed, retry: retryParts } = useFlowParts(given);
  // "Don't ask me again" means something only where a contact policy decides what is asked.
  const { client } = usePalaute();
  const allowOptOut = optOut && client !== undefined;
  const { step, question, survey } = flow;
  // "Don't ask me again" asks what it covers first; cancelled, focus goes back to it.
  // Held for the question it was opened at: the next question starts afresh.
  const [optOutAt, setOptOutAt] = useState<{ step: 'confirming' | 'cancelled'; at: string }>();
  const here = `${step}:${question?.id ?? ''}`;
  const optOutStep = optOutAt?.at === here ? optOutAt.step : 'idle';
  const setOptOutStep = (next: 'confirming' | 'cancelled') => setOptOutAt({ step: next, at: here });
  const confirming = optOutStep === 'confirming';
  const defaultLocale = survey.defaultLocale;
  const bodyRef = useRef<HTMLDivElement>(null);
  const followUpQuestion = flow.followUp?.question;
  // Choice options in the order drawn for this flow (randomised once, kept across reloads).
  const shown = step === 'followingUp' ? followUpQuestion : question;
  const options = useSelector(flow.actor, (snapshot) =>
    shown && (shown.type === 'single' || shown.type === 'multiple')
      ? selectOptions(snapshot, shown as ChoiceQuestion)
      : undefined,
  );
  const error = question ? flow.errors[question.id] : undefined;
  const followUpError = followUpQuestion ? flow.errors[followUpQuestion.id] : undefined;
  // A scale question's error says its words here; another type's are its part's, there by then.
  const errorMessage =
    question && error
      ? isScaleQuestion(question)
        ? scaleErrorMessage(t, error)
        : parts?.errorMessageOver(messages, question, error)
      : undefined;

  // A second "Next" with the same error must be announced again: alternate a trailing no-break space
  // each time the errors change, so the live region's text changes too.
  const errorsSeen = useRef({ errors: flow.errors, parity: false });
  if (errorsSeen.current.errors !== flow.errors) {
    errorsSeen.current = { errors: flow.errors, parity: !errorsSeen.current.parity };
  }
  const repeat = errorsSeen.current.parity ? '\u00a0' : '';

  // The steps after the questions (a part loaded later) say their own words in this one region.
  const [laterAnnouncement, setLaterAnnouncement] = useState('');
  const announcement =
    step !== 'asking'
      ? parts
        ? laterAnnouncement
        : ''
      : errorMessage
        ? t('announceError', { message: errorMessage }) + repeat
        : question
          ? t('announceQuestion', { ...flow.progress, title: text(question.title, defaultLocale) })
          : '';

  // Focus follows the step: a new question, a validation error, the thanks. Without this a keyboard
  // or screen-reader user would be left on a button that just disappeared.
  // A step waiting for its parts moves focus again once they are there (or the retry, if they fail).
  const needsParts =
    step !== 'asking' || confirming || (question ? !isScaleQuestion(question) : false);
  const waiting = needsParts && !parts ? (partsFailed ? 'failed' : 'loading') : '';
  const focusKey = `${step}:${question?.id ?? ''}:${error?.code ?? ''}:${followUpError?.code ?? ''}:${optOutStep}:${waiting}`;
  const isFirstRender = useRef(true);
  const onClickCapture = useClickGrace(focusKey);
  // biome-ignore lint/correctness/useExhaustiveDependencies: focusKey is the trigger, read through the DOM.
  useEffect(() => {
    const first = isFirstRender.current;
    isFirstRender.current = false;
    if (first && !autoFocus) return;
    const body = bodyRef.current;
    if (!body) return;
    const question = body.querySelector('[data-part="question"]');
    const target =
      body.querySelector<HTMLElement>(
        '[data-autofocus], [data-part="acknowledgement"] > [data-part="title"]',
      ) ??
      FOCUS_ORDER.reduce<HTMLElement | null>(
        (found, selector) => found ?? question?.querySelector<HTMLElement>(selector) ?? null,
        null,
      ) ??
      body;
    target.focus();
  }, [focusKey, autoFocus]);

  // In a part's place until it is there: "One moment…", or an alert and a retry if it cannot load.
  // The answers live in the flow (the engine), so nothing is lost while it waits or fails.
  const pending = partsFailed ? (
    <LoadFailed onRetry={retryParts} />
  ) : (
    <p data-part="status" aria-busy="true">
      {t('stepLoading')}
    </p>
  );

  const field = (shown: Question) =>
    isScaleQuestion(shown) ? (
      <ScaleQuestion
        key={shown.id}
        question={shown}
        value={flow.answers[shown.id]}
        onChange={(value: AnswerValue | undefined) => flow.answer(shown.id, value)}
        error={error}
        defaultLocale={defaultLocale}
      />
    ) : parts ? (
      <parts.QuestionField
        key={shown.id}
        question={shown}
        value={flow.answers[shown.id]}
        onChange={(value: AnswerValue | undefined) => flow.answer(shown.id, value)}
        error={error}
        defaultLocale={defaultLocale}
        options={options}
      />
    ) : null;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // Enter on the confirmation's radios must not answer the question behind it.
    if (!confirming) flow.next();
  };

  const content = (() => {
    switch (step) {
      case 'asking': {
        if (!question) return null;
        const questionField = field(question);
        return (
          <>
            {flow.draftedAt ? <p data-part="resumed">{t('draftResumed')}</p> : null}
            <Progress current={flow.progress.current} total={flow.progress.total} />
            {questionField ?? pending}
            {confirming ? (
              parts ? (
                <parts.OptOutConfirm
                  onConfirm={(scope) => flow.optOut(scope)}
                  onCancel={() => setOptOutStep('cancelled')}
                />
              ) : (
                pending
              )
            ) : (
              <div data-part="actions">
                {/* Grouped apart from "Next", so however they wrap none of them takes its place. */}
                <div data-part="secondary-actions">
                  {/* First in the row as it is seen, so first for the keyboard too (WCAG 2.4.3). */}
                  {allowOptOut ? (
                    <button
                      type="button"
                      data-part="opt-out"
                      onClick={() => setOptOutStep('confirming')}
                      {...(optOutStep === 'cancelled' ? { 'data-autofocus': '' } : {})}
                    >
                      {t('optOut')}
                    </button>
                  ) : null}
                  {flow.canGoBack ? (
                    <button type="button" data-part="back" onClick={flow.back}>
                      {t('back')}
                    </button>
                  ) : null}
                  <button type="button" data-part="not-now" onClick={flow.notNow}>
                    {t('notNow')}
                  </button>
                </div>
                {questionField === null ? null : (
                  <button type="submit" data-part="next" data-variant="primary">
                    {flow.isLastQuestion ? t('submit') : t('next')}
                  </button>
                )}
              </div>
            )}
          </>
        );
      }
      default:
        return parts ? (
          <parts.LaterStep
            flow={flow}
            headingLevel={headingLevel}
            doneBody={doneBody}
            onClose={onClose}
            options={options}
            repeat={repeat}
            onAnnounce={setLaterAnnouncement}
          />
        ) : (
          pending
        );
    }
  })();

  return (
    <>
      <Announcer message={announcement} />
      <form
        noValidate
        onSubmit={onSubmit}
        onClickCapture={onClickCapture}
        data-part="step"
        data-state={step}
      >
        <div ref={bodyRef} tabIndex={-1} data-part="body">
          {content}
        </div>
      </form>
    </>
  );
}

/**
 * In place of a part that could not load (the flow's lazy parts, the saved flow's check): an alert
 * and "Try again", marked `data-autofocus` for whoever moves focus to it.
 */
export function LoadFailed({ onRetry }: { onRetry: () => void }) {
  const { t } = useLocaleTools();
  return (
    <>
      <div data-part="alert" role="alert">
        <p>{t('stepLoadFailed')}</p>
      </div>
      <div data-part="actions">
        <button
          type="button"
          data-part="retry"
          data-variant="primary"
          data-autofocus=""
          onClick={onRetry}
        >
          {t('retry')}
        </button>
      </div>
    </>
  );
}
