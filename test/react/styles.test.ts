import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { importsOf, joinStyles } from '../../scripts/styles.mjs';
import { repoRoot } from '../support/stale';

const src = join(repoRoot, 'packages/react/src');
const entry = join(src, 'styles.css');

/** Every .css file under `dir`, as paths relative to packages/react/src. */
function cssFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? cssFiles(join(dir, entry.name))
      : entry.name.endsWith('.css')
        ? [relative(src, join(dir, entry.name))]
        : [],
  );
}

describe('the optional stylesheet, written per feature', () => {
  it('given styles.css › it holds its documenting comment and @import lines, nothing else', () => {
    const withoutComments = readFileSync(entry, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    const lines = withoutComments.split('\n').filter((line) => line.trim() !== '');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(/^@import "\.\/[a-z-]+\/[a-z-]+\.css";$/);
  });

  it('given every .css file of the package › each is imported once, from its feature folder', () => {
    const imported = importsOf(entry).map((path) => path.slice(2));
    expect(new Set(imported).size).toBe(imported.length);
    const files = cssFiles(src).filter((path) => path !== 'styles.css');
    expect([...imported].sort()).toEqual([...files].sort());
  });

  it('given the build’s join › one stylesheet with every part in the entry’s order and no @import left', () => {
    const joined = joinStyles(entry);
    expect(joined).not.toMatch(/^@import/m);
    let at = 0;
    for (const path of importsOf(entry)) {
      const part = readFileSync(join(src, path), 'utf8').trimEnd();
      const found = joined.indexOf(part, at);
      expect(found, `${path} in order`).toBeGreaterThanOrEqual(at);
      at = found + part.length;
    }
    // The documenting comment (the theme's variables) reaches hosts.
    expect(joined).toContain('--palaute-accent-contrast');
  });

  it('given a feature’s file › its rules style that feature’s components only', () => {
    const owners: Record<string, RegExp> = {
      'inbox/inbox.css': /\.palaute-(FeedbackInbox|InboxIdeas|VoterSegments|InboxKindFilter)\b/,
      'board/board.css':
        /\.palaute-(FeedbackBoard|Board\w+|Roadmap|Changelog\w*|Idea\w+|Moderation\w+|SimilarIdeas|SuggestIdeaForm|VoteButton)\b/,
      'devtools/devtools.css': /\.palaute-ExplainPanel\b/,
      'your-feedback/contact-choices.css': /\.palaute-ContactChoices\b/,
    };
    for (const [path, owner] of Object.entries(owners)) {
      const css = readFileSync(join(src, path), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
      // Each selector list before a `{` (at-rules aside) names one of the feature's components.
      const selectors = [...css.matchAll(/([^{};]+)\{/g)]
        .map((match) => (match[1] ?? '').trim())
        .filter(
          (selector) => selector && !selector.startsWith('@') && !/^(from|to|\d+%)$/.test(selector),
        );
      expect(selectors.length, path).toBeGreaterThan(0);
      for (const selector of selectors) expect(selector, `${path}: ${selector}`).toMatch(owner);
    }
  });
});
