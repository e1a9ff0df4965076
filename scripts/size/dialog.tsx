// A host page that shows one NPS survey in the feedback dialog, as a host would ship it: its own
// backend over fetch, the provider, the dialog. React and react-dom are the host's, so external.
import { type BackendPort, defineSurvey } from '@palaute/engine';
import { FeedbackDialog, PalauteProvider } from '@palaute/react';
import { createRoot } from 'react-dom/client';

const survey = defineSurvey({
  id: 'relational-nps',
  touchpointId: 'dashboard',
  title: 'A quick question',
  questions: [
    { id: 'nps', type: 'nps', title: 'How likely are you to recommend us to a colleague?' },
  ],
});

const post = (path: string) => async (body: unknown) => {
  const response = await fetch(`/api/feedback/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.json();
};

const backend: BackendPort = {
  submitResponse: post('responses'),
  submitFollowUp: post('follow-ups'),
  recordDisplay: post('displays'),
  recordDismissal: post('dismissals'),
  listImpact: post('impact'),
};

createRoot(document.getElementById('feedback') as HTMLElement).render(
  <PalauteProvider backend={backend} customer={{ id: 'customer-42' }} locale="en">
    <FeedbackDialog survey={survey} trigger={<button type="button">Feedback</button>} />
  </PalauteProvider>,
);
