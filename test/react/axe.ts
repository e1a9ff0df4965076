import axe from 'axe-core';

/**
 * Runs axe on an element and returns the violations. jsdom has no layout, so rules that need
 * rendering (colour contrast, target size) run in the Chromium story tests instead.
 */
export async function axeViolations(element: Element) {
  const results = await axe.run(element, {
    rules: { 'color-contrast': { enabled: false }, 'target-size': { enabled: false } },
  });
  return results.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact,
    nodes: violation.nodes.map((node) => node.html),
  }));
}
