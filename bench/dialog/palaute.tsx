// The Palaute page of `bench/dialog.bench.mjs`: a host page with the provider and the NPS dialog over
// the HTTP protocol client, as `scripts/size/dialog.tsx` ships it. Imports the packages' built entries.
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

createRoot(document.getElementById('root') as HTMLElement).render(
  <PalauteProvider backend={backend} customer={{ id: 'customer-42' }} locale="en">
    <FeedbackDialog
      survey={survey}
      trigger={
        <button type="button" id="open">
          Feedback
        </button>
      }
    />
  </PalauteProvider>,
);
