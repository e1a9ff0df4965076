import { createMemoryBackend, createPalaute, localize } from '@palaute/engine';
import {
  Acknowledgement,
  FeedbackDialog,
  FeedbackForm,
  FeedbackLauncher,
  ImpactNotice,
  OfferedFeedback,
  PalauteProvider,
  PendingIndicator,
  Progress,
} from '@palaute/react';
import { version } from 'react';
import { renderToString } from 'react-dom/server';
import { everyQuestionSurvey, npsSurvey } from '../fixtures/surveys';

describe('server rendering', () => {
  it('runs with the React this project pins, and in the Node project with no window or document', () => {
    expect(version).toMatch(process.env.PALAUTE_REACT === '18' ? /^18\./ : /^19\./);
    // The "ssr" project runs in plain Node; "react18" runs these files in jsdom with React 18.
    const dom = process.env.PALAUTE_REACT === '18' ? 'object' : 'undefined';
    expect(typeof window).toBe(dom);
    expect(typeof document).toBe(dom);
  });

  it('given an inline form › renderToString returns the survey title, the first question and its controls', () => {
    const html = renderToString(
      <PalauteProvider backend={createMemoryBackend()} customer={{ id: 'c-1' }} locale="en">
        <FeedbackForm survey={npsSurvey} />
      </PalauteProvider>,
    );
    expect(html).toContain('class="palaute-FeedbackForm"');
    expect(html).toContain('data-state="asking"');
    expect(html).toContain(escapeHtml(localize(npsSurvey.title, 'en')));
    expect(html).toContain('role="radiogroup"');
    expect(html).not.toMatch(/<style/i);
  });

  it('given every question type › each renders on the server', () => {
    for (const question of everyQuestionSurvey.questions) {
      const survey = { ...everyQuestionSurvey, questions: [question] };
      const html = renderToString(
        <PalauteProvider backend={createMemoryBackend()} customer={{ id: 'c-1' }}>
          <FeedbackForm survey={survey} />
        </PalauteProvider>,
      );
      expect(html).toContain(escapeHtml(localize(question.title, 'en')));
    }
  });

  it('given the default outbox and a pending indicator › renders an empty status and touches no storage', () => {
    const html = renderToString(
      <PalauteProvider backend={createMemoryBackend()} customer={{ id: 'c-1' }}>
        <PendingIndicator />
        <FeedbackForm survey={npsSurvey} />
      </PalauteProvider>,
    );
    expect(html).toContain(
      '<span class="palaute-PendingIndicator" data-part="pending" data-state="idle" role="status"></span>',
    );
    // In jsdom (the React 18 run) storage exists: rendering must still leave it alone.
    if (typeof localStorage !== 'undefined') expect(localStorage.length).toBe(0);
  });

  it('given a Palaute client, a launcher and automatic presentation › renders the launcher alone, offers nothing', () => {
    const survey = { ...npsSurvey, touchpointId: 'dashboard' };
    const client = createPalaute({
      backend: createMemoryBackend(),
      customer: { id: 'c-1' },
      surveys: [survey],
      touchpoints: [{ id: 'dashboard', stage: 'use', channel: 'inProduct' }],
      asks: [{ surveyId: survey.id, triggers: [{ on: 'touchpoint' }] }],
    });
    const html = renderToString(
      <PalauteProvider client={client}>
        <FeedbackLauncher survey={survey} />
        <OfferedFeedback />
      </PalauteProvider>,
    );
    expect(html).toContain('class="palaute-FeedbackLauncher" data-state="idle"');
    expect(html).not.toContain('role="dialog"');
  });

  it('given a closed dialog with a trigger › renders only the trigger', () => {
    const html = renderToString(
      <PalauteProvider backend={createMemoryBackend()} customer={{ id: 'c-1' }}>
        <FeedbackDialog survey={npsSurvey} trigger={<button type="button">Feedback</button>} />
      </PalauteProvider>,
    );
    expect(html).toContain('Feedback</button>');
    expect(html).toContain('aria-haspopup="dialog"');
    expect(html).not.toContain('role="dialog"');
  });

  it('given an open dialog with a kept flow in the host’s storage › renders on the server without loading the saved flow’s check', () => {
    // The check loads with `import()` from an effect, which never runs on the server; the storage is
    // only asked whether something was kept.
    const kept = new Map([['palaute:flow:nps-dashboard:c-1', '{"version":1}']]);
    const storage = {
      getItem: (key: string) => kept.get(key) ?? null,
      setItem: (key: string, value: string) => void kept.set(key, value),
      removeItem: (key: string) => void kept.delete(key),
    };
    const html = renderToString(
      <PalauteProvider backend={createMemoryBackend()} customer={{ id: 'c-1' }}>
        <FeedbackDialog
          survey={npsSurvey}
          persist={storage}
          defaultOpen
          trigger={<button type="button">Feedback</button>}
        />
      </PalauteProvider>,
    );
    expect(html).toContain('Feedback</button>');
    expect(kept.get('palaute:flow:nps-dashboard:c-1')).toBe('{"version":1}');
  });

  it('given the parts on their own › they render without a provider', () => {
    const html = renderToString(
      <>
        <Progress current={2} total={4} />
        <Acknowledgement />
        <ImpactNotice
          notice={{ id: 'n', weDid: 'Dark mode', shippedAt: '2026-01-01T00:00:00.000Z' }}
        />
      </>,
    );
    expect(html).toContain('Question 2 of 4');
    expect(html).toContain('Thank you for your feedback!');
    expect(html).toContain('Dark mode');
  });
});

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#x27;');
}
