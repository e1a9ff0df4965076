import { createMemoryBackend, defineBoard } from '@palaute/engine';
import { BoardModeration, PalauteProvider } from '@palaute/react';
import '../../packages/react/src/styles.css';
import { mount } from './mount';

const sofia = { kind: 'team' as const, id: 'sofia', name: 'Sofia' };

/** The lines a word of `element`'s text is drawn on (more than one: it was split). */
function linesOf(element: Element, word: string): number {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.textContent?.indexOf(word) ?? -1;
    if (at < 0) continue;
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + word.length);
    return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
  }
  throw new Error(`"${word}" is not in the element.`);
}

// A phone's content column (390 px) and 1280 px at 400 % zoom (320 px).
describe.each([358, 288])('the changelog composer in a %i px column, in Chromium', (width) => {
  it('wraps an idea’s title, status and linked feedback between words, never inside one', async () => {
    const board = defineBoard({ id: 'ideas', moderation: 'publish' });
    const backend = createMemoryBackend({ board });
    await backend.board.suggestIdea({
      id: 'idea-from-fb-01',
      customerId: 'dora',
      kind: 'idea',
      title: 'Recurring invoices for monthly clients',
      body: '',
      itemId: 'fb-dora-0000001',
      at: '2026-06-01T10:00:00.000Z',
    });
    await backend.team.board.setStatus('idea-from-fb-01', { status: 'planned' }, sofia);
    const host = await mount(
      <PalauteProvider outbox={false}>
        <BoardModeration port={backend.team.board} board={board} by={sofia} filters={{}} />
      </PalauteProvider>,
      { width },
    );
    const label = await vi.waitFor(() => {
      const found = host.querySelector('.palaute-ChangelogComposer fieldset label');
      if (!found) throw new Error('The composer has no idea yet.');
      return found;
    });
    for (const word of ['Planned', 'Recurring', 'monthly'])
      expect(linesOf(label, word), word).toBe(1);
    expect(label.textContent).toContain('1 linked feedback item');
    for (const word of ['linked', 'feedback']) expect(linesOf(label, word), word).toBe(1);
  });
});
