import type { UserEvent } from '@testing-library/user-event';

/**
 * Presses Tab (or Shift+Tab) until the focused element matches, as a keyboard user would, and fails
 * when it is not reachable within `max` presses.
 */
export async function tabTo(
  user: UserEvent,
  matches: (element: Element) => boolean,
  { max = 25, shift = false } = {},
) {
  for (let i = 0; i < max; i++) {
    if (document.activeElement && matches(document.activeElement))
      return document.activeElement as HTMLElement;
    await user.keyboard(shift ? '{Shift>}{Tab}{/Shift}' : '{Tab}');
  }
  throw new Error(
    `Not reachable by Tab within ${max} presses; focus is on ${describe(document.activeElement)}`,
  );
}

/** Matches an element by its role-ish tag and visible text or accessible label. */
export const named =
  (name: string | RegExp) =>
  (element: Element): boolean => {
    if (element === element.ownerDocument.body) return false;
    const label = element.getAttribute('aria-label') ?? element.textContent ?? '';
    return typeof name === 'string' ? label.trim() === name : name.test(label);
  };

function describe(element: Element | null): string {
  if (!element) return 'nothing';
  return `<${element.tagName.toLowerCase()}${element.id ? ` id="${element.id}"` : ''}> "${(element.textContent ?? '').slice(0, 40)}"`;
}
