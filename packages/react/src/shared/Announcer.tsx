import {
  forwardRef,
  type HTMLAttributes,
  type ReactNode,
  type Ref,
  useCallback,
  useState,
} from 'react';

/** How an announcement is spoken: `polite` waits for a pause, `assertive` interrupts. */
export type Politeness = 'polite' | 'assertive';

/** The ARIA of a live region: a `status` when polite, an `alert` when assertive. */
export type AnnouncerAriaProps<P extends Politeness = 'polite'> = {
  role: P extends 'assertive' ? 'alert' : 'status';
  'aria-live': P;
  'aria-atomic': true;
  'data-part': 'announcer';
};

/**
 * The DOM props of a live region that only speaks (what the headless hooks' `getAnnouncerProps()`
 * return, so a host's own region says the same as {@link Announcer}): a polite `status`, or an
 * assertive `alert`, read whole.
 */
export function announcerProps<P extends Politeness = 'polite'>(
  politeness: P = 'polite' as P,
): AnnouncerAriaProps<P> {
  return {
    role: (politeness === 'assertive' ? 'alert' : 'status') as AnnouncerAriaProps<P>['role'],
    'aria-live': politeness,
    'aria-atomic': true,
    'data-part': 'announcer',
  };
}

/** What {@link useAnnouncer} returns: the words to render in an {@link Announcer}, and how to say more. */
export interface AnnouncerApi {
  /** The latest announcement, for {@link Announcer}'s `message`; empty until something is said. */
  message: string;
  /**
   * Says `message`; the same words said twice are heard twice (the second time with a trailing
   * no-break space, so the region's text changes). Stable across renders.
   */
  announce(message: string): void;
  /** Empties the region (nothing is spoken). Stable across renders. */
  clear(): void;
}

/**
 * The state of one live region: `announce(words)` to be heard, `message` to render in an
 * {@link Announcer}. It starts empty, so the server and the first client render agree (SSR-safe),
 * and an announcement made after mount is a change that assistive technology hears.
 *
 * @example
 * ```tsx
 * const announcer = useAnnouncer();
 * <button onClick={() => announcer.announce('Saved.')}>Save</button>
 * <Announcer message={announcer.message} />
 * ```
 */
export function useAnnouncer(): AnnouncerApi {
  const [message, setMessage] = useState('');
  // The same words twice must be heard twice: alternate a trailing no-break space.
  const announce = useCallback(
    (next: string) => setMessage((last) => (last === next ? `${next}\u00a0` : next)),
    [],
  );
  const clear = useCallback(() => setMessage(''), []);
  return { message, announce, clear };
}

/** Props of {@link Announcer}: the words, how urgent, and any other DOM props of the region. */
export interface AnnouncerProps
  extends Omit<HTMLAttributes<HTMLDivElement>, 'children' | 'role' | 'aria-live' | 'aria-atomic'> {
  /** The words to speak; each change is announced. Render the region before it has words. */
  message: string;
  /**
   * `polite` (a `status`) waits until the reader is done; `assertive` (an `alert`) interrupts.
   * @default 'polite'
   */
  politeness?: Politeness;
}

// The visually-hidden rule of `.palaute-Announcer` in styles.css, for a page without the stylesheet.
const HIDDEN: Record<string, string> = {
  position: 'absolute',
  width: '1px',
  height: '1px',
  padding: '0',
  margin: '-1px',
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  'white-space': 'nowrap',
  border: '0',
};

/**
 * Keeps an element out of sight but in the accessibility tree. The `.palaute-Announcer` rule of the
 * stylesheet does it; without the stylesheet the same declarations are set through the CSSOM once
 * mounted, which a strict `style-src` allows (never a `style` attribute in the server's markup).
 */
export function hideVisually(element: HTMLElement | null): void {
  if (!element) return;
  const view = element.ownerDocument.defaultView;
  if (view?.getComputedStyle(element).position === 'absolute') return;
  for (const [name, value] of Object.entries(HIDDEN)) element.style.setProperty(name, value);
}

function assignRef<T>(ref: Ref<T> | undefined, value: T | null) {
  if (typeof ref === 'function') ref(value);
  else if (ref) (ref as { current: T | null }).current = value;
}

/**
 * A visually hidden live region that speaks `message` each time it changes: the one announcer
 * every Palaute component uses for what it only says (a vote counted, a reply arrived, a status
 * moved). Polite by default (`role="status"`), assertive on request (`role="alert"`); the words of
 * {@link useAnnouncer} are heard again when repeated. Renders the same on the server; rest DOM
 * props are spread and the ref is forwarded. Give it a `className` to style it yourself.
 *
 * @selector .palaute-Announcer [data-part="announcer"]
 * @example
 * ```tsx
 * const announcer = useAnnouncer();
 * return <Announcer message={announcer.message} politeness="assertive" />;
 * ```
 */
export const Announcer = /* @__PURE__ */ forwardRef<HTMLDivElement, AnnouncerProps>(
  function Announcer({ message, politeness = 'polite', className, ...rest }, ref) {
    const hide = useCallback(
      (element: HTMLDivElement | null) => {
        hideVisually(element);
        assignRef(ref, element);
      },
      [ref],
    );
    return (
      <div
        {...rest}
        {...announcerProps(politeness)}
        ref={hide}
        className={className ?? 'palaute-Announcer'}
      >
        {message}
      </div>
    );
  },
);

/**
 * Words for the ear only (a vote button's "for Dark mode", a list's comma): hidden as the
 * {@link Announcer} is, with the `.palaute-VisuallyHidden` rule or, without the stylesheet, the CSSOM.
 */
export function VisuallyHidden({ children }: { children: ReactNode }) {
  return (
    <span ref={hideVisually} className="palaute-VisuallyHidden">
      {children}
    </span>
  );
}
