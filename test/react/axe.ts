import axe from 'axe-core';

/**
 * Runs axe on an element and returns the violations. jsdom has no layout and no canvas, so rules
 * that need rendering run in the Chromium story tests instead: colour contrast, target size, and
 * label-content-name-mismatch, which measures glyphs on a canvas to leave icon ligatures out of the
 * visible label. In jsdom that rule cannot measure, so it errors on any element with visible text
 * (axe files it under "incomplete", never as a violation) after jsdom prints "Not implemented".
 */
export async function axeViolations(element: Element) {
  const results = await axe.run(element, {
    rules: {
      'color-contrast': { enabled: false },
      'target-size': { enabled: false },
      'label-content-name-mismatch': { enabled: false },
    },
  });
  return results.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact,
    nodes: violation.nodes.map((node) => node.html),
  }));
}
