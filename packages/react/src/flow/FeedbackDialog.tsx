import * as Dialog from '@radix-ui/react-dialog';
import { type CSSProperties, type ReactElement, useCallback, useEffect, useState } from 'react';
import { useLocaleTools } from '../provider/PalauteProvider';
import type { Theme } from './FeedbackForm';
import { FlowView } from './FlowView';
import { type UseFeedbackFlowOptions, useFeedbackFlow } from './useFeedbackFlow';
import { loadFlowParts } from './useFlowParts';

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
  // The parts beyond a scale question (other question types, acknowledgement, follow-up, impact,
  // "Don't ask me again") load once the page has rendered, before anyone opens the dialog, so a page
  // that asks an NPS question does not wait for them. A failed load is retried when a step needs it.
  useEffect(() => {
    loadFlowParts().catch(() => undefined);
  }, []);

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
 * The open dialog: it owns the flow, so the flow starts when the dialog opens. The portal is inside
 * it, so Radix's portal and presence hand their refs to the overlay and the content (which take
 * refs), never to this component.
 */
function DialogFlow({ theme, container, className, onClosed, ...options }: DialogFlowProps) {
  const hostOnClose = options.onClose;
  const flow = useFeedbackFlow({
    ...options,
    onClose: (step) => {
      hostOnClose?.(step);
      // "Don't ask me again" stays open to say what it covers and offer the undo.
      if (step !== 'optedOut') onClosed();
    },
  });
  const close = flow.step === 'optedOut' ? onClosed : flow.dismiss;
  const { t, text } = useLocaleTools();
  const { survey } = flow;
  const viewport = useVisualViewport();
  return (
    <Dialog.Portal container={container}>
      <Dialog.Overlay className={className} data-part="overlay" data-theme={theme} />
      <Dialog.Content
        className={className}
        style={viewport}
        data-part="content"
        // `data-state` stays Radix's "open" | "closed"; the flow's step is `data-step`.
        data-step={flow.step}
        data-theme={theme}
        data-survey={survey.id}
        lang={flow.locale}
        {...(survey.description ? {} : { 'aria-describedby': undefined })}
        // FlowView focuses the first question control instead of the close button.
        onOpenAutoFocus={(event) => event.preventDefault()}
        onEscapeKeyDown={close}
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
        <FlowView
          flow={flow}
          autoFocus
          headingLevel="h3"
          optOut={options.initiative !== 'customer'}
          onClose={onClosed}
        />
        <button type="button" data-part="close-x" aria-label={t('close')} onClick={close}>
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
