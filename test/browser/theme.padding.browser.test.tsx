import '../../packages/react/src/styles.css';

/**
 * Every component root the stylesheet can theme (its dark palette's list): given `theme`, a root
 * that paints its own background must keep its content off that background's edge, or on a host
 * page of another colour its text sits flush against a box.
 */
function themedRoots(): string[] {
  const roots = new Set<string>();
  for (const sheet of document.styleSheets)
    for (const rule of sheet.cssRules) {
      const text = rule.cssText;
      for (const match of text.matchAll(/\.palaute-(\w+)\[data-theme="dark"\]/g))
        roots.add(match[1] as string);
    }
  return [...roots].sort();
}

describe('a themed component on a host page of another colour, in Chromium', () => {
  it('given each themed root › one that paints a background has room inside it', () => {
    const page = document.createElement('div');
    page.style.background = 'rgb(243, 244, 246)';
    document.body.append(page);
    const roots = themedRoots();
    expect(roots).toContain('YourFeedback');
    expect(roots).toContain('FeedbackInbox');
    const flush: string[] = [];
    for (const name of roots) {
      const root = document.createElement('section');
      root.className = `palaute-${name}`;
      root.dataset.theme = 'light';
      page.append(root);
      const style = getComputedStyle(root);
      const paints = style.backgroundColor !== 'rgba(0, 0, 0, 0)' && style.display !== 'none';
      const room = Math.min(
        ...[style.paddingTop, style.paddingRight, style.paddingBottom, style.paddingLeft].map(
          (value) => Number.parseFloat(value),
        ),
      );
      if (paints && room < 8) flush.push(`${name} (${style.padding})`);
    }
    page.remove();
    expect(flush).toEqual([]);
  });
});
