import { createMemoryBackend, defineBoard } from '@palaute/engine';
import {
  BoardDemand,
  BoardModeration,
  Changelog,
  FeedbackBoard,
  fi,
  PalauteProvider,
  Roadmap,
} from '@palaute/react';
import { renderToString } from 'react-dom/server';

const sofia = { kind: 'team' as const, id: 'sofia', name: 'Sofia' };

describe('server rendering of the board components', () => {
  it('given FeedbackBoard, Roadmap and Changelog › render their headings, the suggest form and the loading state', () => {
    const backend = createMemoryBackend();
    const html = renderToString(
      <PalauteProvider
        locales={{ fi }}
        backend={backend}
        customer={{ id: 'anna' }}
        outbox={false}
        locale="fi"
      >
        <FeedbackBoard theme="dark" />
        <Roadmap />
        <Changelog />
      </PalauteProvider>,
    );
    expect(html).toMatch(
      /<section class="palaute-FeedbackBoard"[^>]*data-state="loading"[^>]*data-theme="dark"/,
    );
    expect(html).toContain('>Ideat</h2>');
    expect(html).toContain('Ehdota ideaa tai ilmoita viasta');
    expect(html).toContain('Ladataan ideoita…');
    expect(html).toContain('>Tiekartta</h2>');
    expect(html).toContain('>Uutta</h2>');
    // Nothing is styled inline, not even the announcer (hidden by its class, or the CSSOM once mounted).
    expect(html.match(/style="/g)?.length ?? 0).toBe(0);
    expect(html).not.toContain('<style');
  });

  it('given BoardModeration › renders its heading, view, loading list and changelog composer', () => {
    const backend = createMemoryBackend();
    const board = defineBoard({ id: 'ideas', moderation: 'approve' });
    const html = renderToString(
      <PalauteProvider locales={{ fi }} outbox={false}>
        <BoardModeration port={backend.team.board} board={board} by={sofia} />
      </PalauteProvider>,
    );
    expect(html).toMatch(/^<section class="palaute-BoardModeration"[^>]*data-state="loading"/);
    expect(html).toContain('>Board moderation</h2>');
    expect(html).toMatch(/<option value="pending" selected="">Waiting for approval<\/option>/);
    expect(html).toContain('Loading ideas…');
    expect(html).toContain('Publish a changelog entry');
    expect(html).not.toContain('<style');
  });

  it('given BoardDemand in Finnish and dark › renders its title, the voters select and the loading state, no style element', () => {
    const backend = createMemoryBackend();
    const html = renderToString(
      <PalauteProvider locales={{ fi }} outbox={false} locale="fi">
        <BoardDemand port={backend.team.board} theme="dark" headingLevel={3} />
      </PalauteProvider>,
    );
    expect(html).toMatch(
      /^<section class="palaute-BoardDemand"[^>]*data-state="loading"[^>]*data-theme="dark"/,
    );
    expect(html).toContain('Arvostelijoiden eniten toivomat ideat</h3>');
    expect(html).toMatch(/<option value="npsClass=detractor" selected="">Arvostelijat<\/option>/);
    expect(html).toContain('Ladataan ideoita…');
    expect(html).not.toContain('<style');
  });
});
