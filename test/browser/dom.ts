/** Waiting queries over the whole document, for Chromium tests that drive real clicks and keys. */

/**
 * The first element matching `selector` whose trimmed text is `text` (or matches it, for a pattern),
 * once it is rendered; any matching element when `text` is left out.
 */
export const find = <T extends Element>(selector: string, text?: string | RegExp) =>
  vi.waitFor(() => {
    const found = [...document.querySelectorAll<T>(selector)].find((element) => {
      const content = element.textContent?.trim() ?? '';
      return (
        text === undefined || (typeof text === 'string' ? content === text : text.test(content))
      );
    });
    if (!found) throw new Error(`${selector} ${text ?? ''} is not there yet`);
    return found;
  });

/** Resolves once nothing matches `selector` any more. */
export const gone = (selector: string) =>
  vi.waitFor(() => {
    if (document.querySelector(selector)) throw new Error(`${selector} is still there`);
  });
