import { createMemoryBackend } from '@palaute/engine';
import { fi, PalauteProvider, YourFeedback } from '@palaute/react';
import { render, screen } from '@testing-library/react';

describe('the loop components’ strings', () => {
  it.each([
    ['flat overrides', 'en', { yourFeedbackEmpty: 'Nothing here yet.' }, 'Nothing here yet.'],
    [
      'overrides by locale',
      'fi-FI',
      { fi: { yourFeedbackEmpty: 'Ei vielä mitään.' } },
      'Ei vielä mitään.',
    ],
    ['the Finnish catalogue', 'fi', undefined, 'Et ole vielä lähettänyt palautetta.'],
  ] as const)('given %s › YourFeedback uses them', async (_, locale, messages, expected) => {
    render(
      <PalauteProvider
        locales={{ fi }}
        backend={createMemoryBackend()}
        customer={{ id: 'c-1' }}
        locale={locale}
        messages={messages}
        outbox={false}
      >
        <YourFeedback />
      </PalauteProvider>,
    );
    expect(await screen.findByText(expected)).toBeInTheDocument();
  });
});
