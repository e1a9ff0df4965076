/** WCAG 2 contrast helpers for layout tests in Chromium: computed colours, composited backgrounds. */

type Rgba = [number, number, number, number];

/** Parses the computed `rgb()`/`rgba()` (and Chromium's `color(srgb …)`) value of a colour. */
export function parseColor(value: string): Rgba {
  const srgb = value.match(/color\(srgb ([\d.e-]+) ([\d.e-]+) ([\d.e-]+)(?: \/ ([\d.]+))?\)/);
  if (srgb)
    return [
      Number(srgb[1]) * 255,
      Number(srgb[2]) * 255,
      Number(srgb[3]) * 255,
      srgb[4] === undefined ? 1 : Number(srgb[4]),
    ];
  const parts = value.match(/[\d.]+/g)?.map(Number) ?? [];
  const [r = 0, g = 0, b = 0, a = 1] = parts;
  return [r, g, b, parts.length < 4 ? 1 : a];
}

function over(top: Rgba, bottom: Rgba): Rgba {
  const alpha = top[3] + bottom[3] * (1 - top[3]);
  if (alpha === 0) return [0, 0, 0, 0];
  const mix = (i: 0 | 1 | 2) => (top[i] * top[3] + bottom[i] * bottom[3] * (1 - top[3])) / alpha;
  return [mix(0), mix(1), mix(2), alpha];
}

/** The background an element's text is drawn on: its own and its ancestors', composited, over white. */
export function backgroundOf(element: Element): Rgba {
  const layers: Rgba[] = [];
  for (let at: Element | null = element; at; at = at.parentElement)
    layers.push(parseColor(getComputedStyle(at).backgroundColor));
  return layers.reduceRight<Rgba>((below, layer) => over(layer, below), [255, 255, 255, 1]);
}

function luminance([r, g, b]: Rgba): number {
  const channel = (value: number) => {
    const c = value / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** The WCAG contrast ratio of two opaque colours. */
export function contrast(a: Rgba, b: Rgba): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** The contrast of an element's text with what it is drawn on. */
export function textContrast(element: Element): number {
  const background = backgroundOf(element);
  return contrast(over(parseColor(getComputedStyle(element).color), background), background);
}

/**
 * Every element under `root` that draws text of its own (a text node child, or a form control
 * showing a value), visible and enabled, with its contrast: `[description, ratio]`.
 */
export function textContrasts(root: Element): [string, number][] {
  const drawn = [...root.querySelectorAll('*')].filter((element) => {
    const box = element.getBoundingClientRect();
    if (box.width < 2 || box.height < 2) return false;
    if ((element as HTMLInputElement).disabled) return false;
    if (element.closest('[aria-hidden="true"], .palaute-Announcer, .palaute-VisuallyHidden'))
      return false;
    if (element.matches('input:not([type="checkbox"], [type="radio"]), select, textarea'))
      return true;
    return [...element.childNodes].some(
      (node) => node.nodeType === Node.TEXT_NODE && node.textContent?.trim(),
    );
  });
  return drawn.map((element) => [
    `${element.tagName.toLowerCase()}[${element.getAttribute('data-part') ?? ''}] ${(element.textContent ?? '').trim().slice(0, 30)}`,
    Math.round(textContrast(element) * 100) / 100,
  ]);
}
