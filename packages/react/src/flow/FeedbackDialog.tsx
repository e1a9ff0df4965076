import type { Survey } from '@palaute/engine';
import * as Dialog from '@radix-ui/react-dialog';
import {
  type CSSProperties,
  type ReactElement,
  type ReactNode,
  type RefObject,
  useCallback,
  useEffect,
  useRef,
  useState,
} from 'react';
import { useLocaleTools, usePalaute } from '../provider/PalauteProvider';
import { Announcer } from '../shared/Announcer';
import type { Theme } from './FeedbackForm';
import { FlowView, LoadFailed } from './FlowView';
import {
  hasKeptFlow,
  type PersistedFlowCheck,
  type UseFeedbackFlowOptions,
  useFeedbackFlowCore,
} from './useFeedbackFlowCore';
import { loadFlowParts } from './useFlowParts';
import { loadPersistedFlowCheck, usePersistedFlowCheck } from './usePersistedFlowCheck';

/** Props of {@link FeedbackDialog}. */
export interface FeedbackDialogProps extends UseFeedbackFlowOptions {
  /** The element that opens the dialog (your button); focus returns to it when the dialog closes. */
  trigger?: ReactElement | undefined;
  /** Controlled open state. */
  open?: boolean | undefined;
  /** Initial open state when uncontrolled. @default false */
  defaultOpen?: boolean | undefined;
  /** Called when the dialog opens or closes (Escape, close button, "not now", or the flow ending). */
  onOpenChange?: ((open: boolean) => void) | undefined;
  /** The theme, as `data-theme` for the optional stylesheet. @default 'light' */
  theme?: Theme | undefined;
  /** Where the dialog is portalled. @default document.body */
  container?: HTMLElement | null | undefined;
  /** Replaces the default `palaute-FeedbackDialog` class on the overlay and the content. */
  className?: string | undefined;
}

/**
 * The feedback flow in a modal dialog (Radix Dialog): titled and described, focus trapped and returned
 * to the trigger. Escape and the close button dismiss (recorded); "Not now" postpones (recorded).
 * Answers already given are never thrown away: they are kept as a draft that the next opening
 * resumes (or sent as a partial response when the survey says `partial: 'submit'`). A click
 * outside does not close it. Each opening starts the flow (and records a display), or resumes it.
 * "Don't ask me again" first asks what it covers (this survey or all surveys), then stays open to
 * say so, with an undo and "Close". With `initiative="customer"` (the launcher's own survey) it
 * does not offer "Don't ask me again".
 *
 * @example
 * ```tsx
 * <FeedbackDialog survey={survey} trigger={<button type="button">Give feedback</button>} />
 * ```
 *
 * @selector [data-part="overlay"] [data-part="content"]
 * @selector [data-state="open"|"closed"] on the overlay and the content, as Radix sets it
 * @selector [data-step] on the content: the flow step (`asking`, `acknowledging`, `followingUp`, …)
 * @selector [data-theme="light"|"dark"|"auto"]
 */
export function FeedbackDialog({
  trigger,
  open: openProp,
  defaultOpen = false,
  onOpenChange,
  theme = 'light',
  container,
  className,
  ...options
}: FeedbackDialogProps) {
  const [openState, setOpenState] = useState(defaultOpen);
  const open = openProp ?? openState;
  const setOpen = useCallback(
    (next: boolean) => {
      setOpenState(next);
      onOpenChange?.(next);
    },
    [onOpenChange],
  );
  // The parts beyond a scale question (other question types, "Don't ask me again", every step after
  // the questions: sending, thanks, follow-up, impact, the end) load once the page has rendered,
  // before anyone opens the dialog, so a page that asks an NPS question does not wait for them. A
  // failed load is retried when a step needs it.
  useEffect(() => {
    loadFlowParts().catch(() => undefined);
  }, []);
  // The saved flow's check loads only when a flow was kept (after a reload with `persist`, or a
  // draft left at a closing), so a customer who kept nothing never loads it. Looked for again at
  // each closing: a draft kept then is resumed at the next opening.
  const palaute = usePalaute();
  const keptFlow = hasKeptFlow(options, palaute);
  useEffect(() => {
    if (keptFlow && !open) loadPersistedFlowCheck().catch(() => undefined);
  }, [keptFlow, open]);

  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      {trigger ? <Dialog.Trigger asChild>{trigger}</Dialog.Trigger> : null}
      {open ? (
        <DialogFlow
          {...options}
          theme={theme}
          container={container ?? undefined}
          className={className ?? 'palaute-FeedbackDialog'}
          onClosed={() => setOpen(false)}
        />
      ) : null}
    </Dialog.Root>
  );
}

interface DialogFlowProps extends UseFeedbackFlowOptions {
  theme: Theme;
  container: HTMLElement | undefined;
  className: string;
  onClosed: () => void;
}

/**
 * The open dialog. With nothing kept, the flow starts at once. With a kept flow, the flow starts
 * once the saved flow's check (loaded with `import()`) has decided whether it resumes: until then
 * the dialog says it is checking the kept answers, and if the check cannot load, an alert and
 * "Try again", as for the flow's lazy parts (the kept answers stay where they are).
 */
function DialogFlow(props: DialogFlowProps) {
  const palaute = usePalaute();
  // Decided once per opening: the flow writes its own saves from its first step on.
  const [kept] = useState(() => hasKeptFlow(props, palaute));
  const { check, failed, retry } = usePersistedFlowCheck(kept);
  // Set as the check arrives, read when the checking frame unmounts: focus then stays where the
  // flow puts it, instead of going back to the trigger as when the dialog closes.
  const handedOver = useRef(false);
  if (kept && check) handedOver.current = true;
  if (kept && !check)
    return <DialogChecking {...props} failed={failed} retry={retry} handedOver={handedOver} />;
  return <DialogSteps {...props} check={check} />;
}

/**
 * The dialog while the saved flow's check loads: a status, announced politely, in the flow's place
 * (`aria-busy`), or an alert and "Try again" if it could not load. Closing it records nothing: the
 * flow has not started, and the kept answers stay kept.
 */
function DialogChecking({
  failed,
  retry,
  handedOver,
  onClosed,
  ...frame
}: DialogFlowProps & { failed: boolean; retry: () => void; handedOver: RefObject<boolean> }) {
  const { t } = useLocaleTools();
  const bodyRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (failed) bodyRef.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
  }, [failed]);
  return (
    <DialogFrame
      {...frame}
      step="checking"
      onClose={onClosed}
      onOpened={() => bodyRef.current?.focus()}
      onCloseAutoFocus={(event) => {
        if (handedOver.current) event.preventDefault();
      }}
    >
      <Announcer message={failed ? '' : t('keptChecking')} />
      <div ref={bodyRef} tabIndex={-1} data-part="body" aria-busy={failed ? undefined : true}>
        {failed ? <LoadFailed onRetry={retry} /> : <p data-part="status">{t('keptChecking')}</p>}
      </div>
    </DialogFrame>
  );
}

/**
 * The open dialog's flow: it owns the flow, so the flow starts when the dialog opens (or once its
 * kept flow is checked).
 */
function DialogSteps({
  theme,
  container,
  className,
  onClosed,
  check,
  ...options
}: DialogFlowProps & { check: PersistedFlowCheck | undefined }) {
  const hostOnClose = options.onClose;
  const flow = useFeedbackFlowCore(
    {
      ...options,
      onClose: (step) => {
        hostOnClose?.(step);
        // "Don't ask me again" stays open to say what it covers and offer the undo.
        if (step !== 'optedOut') onClosed();
      },
    },
    check,
  );
  const close = flow.step === 'optedOut' ? onClosed : flow.dismiss;
  return (
    <DialogFrame
      theme={theme}
      container={container}
      className={className}
      survey={flow.survey}
      step={flow.step}
      lang={flow.locale}
      onClose={close}
      onEscapeKeyDown={close}
    >
      <FlowView
        flow={flow}
        autoFocus
        headingLevel="h3"
        optOut={options.initiative !== 'customer'}
        onClose={onClosed}
      />
    </DialogFrame>
  );
}

interface DialogFrameProps {
  theme: Theme;
  container: HTMLElement | undefined;
  className: string;
  survey: Survey;
  /** The flow's step, or `checking` while the saved flow's check loads. */
  step: string;
  lang?: string | undefined;
  /** The close button. */
  onClose: () => void;
  /** Escape, before Radix closes the dialog. */
  onEscapeKeyDown?: (() => void) | undefined;
  /** Where focus goes as the dialog opens, instead of the close button (FlowView's own, if unset). */
  onOpened?: (() => void) | undefined;
  onCloseAutoFocus?: ((event: Event) => void) | undefined;
  children: ReactNode;
}

/**
 * The dialog's frame, the same while the saved flow's check loads and through the flow's steps:
 * overlay, content (titled and described by the survey), the close button. The portal is inside it,
 * so Radix's portal and presence hand their refs to the overlay and the content (which take refs),
 * never to a component of ours.
 */
function DialogFrame({
  theme,
  container,
  className,
  survey,
  step,
  lang,
  onClose,
  onEscapeKeyDown,
  onOpened,
  onCloseAutoFocus,
  children,
}: DialogFrameProps) {
  const { t, text } = useLocaleTools();
  const viewport = useVisualViewport();
  return (
    <Dialog.Portal container={container}>
      <Dialog.Overlay className={className} data-part="overlay" data-theme={theme} />
      <Dialog.Content
        className={className}
        style={viewport}
        data-part="content"
        // `data-state` stays Radix's "open" | "closed"; the flow's step is `data-step`.
        data-step={step}
        data-theme={theme}
        data-survey={survey.id}
        lang={lang}
        {...(survey.description ? {} : { 'aria-describedby': undefined })}
        // FlowView focuses the first question control instead of the close button.
        onOpenAutoFocus={(event) => {
          event.preventDefault();
          onOpened?.();
        }}
        onCloseAutoFocus={onCloseAutoFocus}
        onEscapeKeyDown={onEscapeKeyDown}
        onInteractOutside={(event) => event.preventDefault()}
        // The focus trap's wrap focuses without scrolling: at 400 % zoom that leaves the control out of sight.
        onFocus={(event) => event.target.scrollIntoView?.({ block: 'nearest' })}
      >
        <Dialog.Title data-part="title">{text(survey.title, survey.defaultLocale)}</Dialog.Title>
        {survey.description ? (
          <Dialog.Description data-part="description">
            {text(survey.description, survey.defaultLocale)}
          </Dialog.Description>
        ) : null}
        {children}
        <button type="button" data-part="close-x" aria-label={t('close')} onClick={onClose}>
          <span aria-hidden="true">×</span>
        </button>
      </Dialog.Content>
    </Dialog.Portal>
  );
}

/**
 * The visual viewport (what the customer sees) as `--palaute-viewport-*` variables for the stylesheet.
 * On a phone, a host page wider than the screen widens the area fixed elements are placed in, so a
 * dialog centred there would sit partly off screen; pinch zoom and the on-screen keyboard do the same.
 */
function useVisualViewport() {
  const [style, setStyle] = useState<CSSProperties>();
  useEffect(() => {
    const viewport = window.visualViewport;
    if (!viewport) return;
    const place = () =>
      setStyle({
        '--palaute-viewport-left': `${viewport.offsetLeft}px`,
        '--palaute-viewport-top': `${viewport.offsetTop}px`,
        '--palaute-viewport-width': `${viewport.width}px`,
        '--palaute-viewport-height': `${viewport.height}px`,
      } as CSSProperties);
    place();
    const stop = new AbortController();
    viewport.addEventListener('resize', place, { signal: stop.signal });
    viewport.addEventListener('scroll', place, { signal: stop.signal });
    return () => stop.abort();
  }, []);
  return style;
}
