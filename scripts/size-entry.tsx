// The host page `npm run size` measures: one survey in the feedback dialog, opened, over the memory
// backend. React and react-dom are the host's (external); @palaute/* resolve to the built dist.
import { createMemoryBackend, defineSurvey } from '@palaute/engine';
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

createRoot(document.getElementById('feedback') as HTMLElement).render(
  <PalauteProvider backend={createMemoryBackend()} customer={{ id: 'c1' }} locale="en">
    <FeedbackDialog survey={survey} defaultOpen />
  </PalauteProvider>,
);
