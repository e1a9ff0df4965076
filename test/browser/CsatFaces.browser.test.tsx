import { defineSurvey } from '@palaute/engine';
import { FeedbackForm, PalauteProvider } from '@palaute/react';
import '../../packages/react/src/styles.css';
import { createMemoryBackend } from '@palaute/engine';
import { createRoot, type Root } from 'react-dom/client';
import { page, userEvent } from 'vitest/browser';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;

const faces = defineSurvey({
  id: 'support-csat',
  touchpointId: 'support',
  title: 'Your support chat',
  questions: [
    { id: 'csat', type: 'csat', title: 'How satisfied are you with the help?', display: 'emoji' },
  ],
});

let mounted: { root: Root; host: HTMLElement } | undefined;
afterEach(() => {
  mounted?.root.unmount();
  mounted?.host.remove();
  mounted = undefined;
});

function mount() {
  const host = document.createElement('main');
  host.style.padding = '1rem';
  document.body.append(host);
  const root = createRoot(host);
  root.render(
    <PalauteProvider backend={createMemoryBackend()} customer={{ id: 'c-1' }} outbox={false}>
      <FeedbackForm survey={faces} />
    </PalauteProvider>,
  );
  mounted = { root, host };
}

const box = (selector: string) => {
  const element = document.querySelector(selector);
  if (!element) throw new Error(`${selector} is not there`);
  return element.getBoundingClientRect();
};

describe.each([390, 1280])('CSAT faces at %i px, in Chromium', (width) => {
  it('draws each face as inline SVG named in words (no emoji font), and the end labels line up with the ends of the scale', async () => {
    await page.viewport(width, 800);
    mount();
    await vi.waitFor(() => expect(document.querySelectorAll('[role="radio"]')).toHaveLength(5));
    const points = [...document.querySelectorAll<HTMLElement>('[role="radio"]')];
    expect(points.map((point) => point.getAttribute('aria-label'))).toEqual([
      'Very bad',
      'Bad',
      'Neutral',
      'Good',
      'Very good',
    ]);
    for (const point of points) {
      expect(point.querySelector('svg[data-part="face"]')).not.toBeNull();
      // No character is left for a font to draw.
      expect(point.textContent).toBe('');
    }
    const scale = box('[data-part="scale"]');
    const first = points[0]?.getBoundingClientRect() as DOMRect;
    const last = points[4]?.getBoundingClientRect() as DOMRect;
    const min = box('[data-part="min-label"]');
    const max = box('[data-part="max-label"]');
    expect(Math.abs(min.left - first.left)).toBeLessThan(1);
    expect(Math.abs(max.right - last.right)).toBeLessThan(1);
    // Both labels sit under the scale, within its width.
    expect(min.top).toBeGreaterThanOrEqual(scale.bottom);
    expect(max.right).toBeLessThanOrEqual(scale.right + 1);
    // A face is chosen with the keyboard like any point.
    points[0]?.focus();
    await userEvent.keyboard('{ArrowRight}{ArrowRight}{ArrowRight}');
    expect(points[3]?.getAttribute('aria-checked')).toBe('true');
  });
});
