// A host page that mounts the public board (ideas, roadmap, changelog) over the HTTP protocol
// client, as a host would ship it. React and react-dom are the host's, so external.
import { createHttpBoard } from '@palaute/engine';
import { Changelog, FeedbackBoard, PalauteProvider, Roadmap } from '@palaute/react';
import { createRoot } from 'react-dom/client';

const board = createHttpBoard({ baseUrl: '/api/palaute' });

createRoot(document.getElementById('ideas') as HTMLElement).render(
  <PalauteProvider backend={undefined} customer={{ id: 'signed-customer' }} locale="en">
    <FeedbackBoard port={board} />
    <Roadmap port={board} />
    <Changelog port={board} />
  </PalauteProvider>,
);
