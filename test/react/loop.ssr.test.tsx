import { createMemoryBackend } from '@palaute/engine';
import { FeedbackInbox, fi, PalauteProvider, YourFeedback } from '@palaute/react';
import { renderToString } from 'react-dom/server';
import { anna } from '../fixtures/feedback';

describe('server rendering of the loop components', () => {
  it('given YourFeedback › renders its loading state (the list loads in the browser)', () => {
    const html = renderToString(
      <PalauteProvider
        locales={{ fi }}
        backend={createMemoryBackend()}
        customer={{ id: 'c-1' }}
        outbox={false}
      >
        <YourFeedback />
      </PalauteProvider>,
    );
    expect(html).toContain('class="palaute-YourFeedback"');
    expect(html).toContain('data-state="loading"');
    expect(html).toContain('Loading your feedback…');
  });

  it('given FeedbackInbox › renders its heading, filters and loading state', () => {
    const backend = createMemoryBackend();
    const html = renderToString(
      <PalauteProvider locales={{ fi }} backend={backend} outbox={false} locale="fi">
        <FeedbackInbox team={backend.team} by={anna} />
      </PalauteProvider>,
    );
    expect(html).toContain('class="palaute-FeedbackInbox"');
    expect(html).toContain('data-state="loading"');
    expect(html).toContain('Saapunut palaute');
    expect(html).toContain('role="search"');
  });
});
