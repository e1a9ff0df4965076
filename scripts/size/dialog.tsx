// A host page that shows one NPS survey in the feedback dialog, as a host would ship it: the Palaute
// HTTP protocol client, the provider (with its durable outbox), the dialog. React and react-dom are
// the host's, so external.
import { createHttpBackend, defineSurvey } from '@palaute/engine';
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

const backend = createHttpBackend({ baseUrl: '/api/palaute' });

createRoot(document.getElementById('feedback') as HTMLElement).render(
  <PalauteProvider backend={backend} customer={{ id: 'customer-42' }} locale="en">
    <FeedbackDialog survey={survey} trigger={<button type="button">Feedback</button>} />
  </PalauteProvider>,
);
