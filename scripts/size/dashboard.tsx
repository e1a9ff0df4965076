// A host's internal team page that mounts the CX dashboard over the HTTP protocol client's team
// port (`createHttpTeamBackend`), as a host would ship it. React and react-dom are the host's, so external.
import { createHttpTeamBackend } from '@palaute/engine';
import { CxDashboard, PalauteProvider } from '@palaute/react';
import { createRoot } from 'react-dom/client';

const team = createHttpTeamBackend({ baseUrl: '/api/palaute' });

createRoot(document.getElementById('cx') as HTMLElement).render(
  <PalauteProvider backend={undefined} locale="en">
    <CxDashboard
      team={team}
      query={{ period: { from: '2026-01-01', to: '2026-12-31' }, granularity: 'month' }}
    />
  </PalauteProvider>,
);
