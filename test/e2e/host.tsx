/**
 * A host page of the tests' own (bundled by host.ts): the NPS dialog, open, over a page whose invoice
 * table is wider than a phone's screen and is not in a scrolling container of its own.
 */
import { createMemoryBackend } from '@palaute/engine';
import { FeedbackDialog, PalauteProvider } from '@palaute/react';
import { createRoot } from 'react-dom/client';
import { npsSurvey } from '../fixtures/surveys';

function Host() {
  return (
    <PalauteProvider backend={createMemoryBackend()} customer={{ id: 'c-1' }} outbox={false}>
      <main>
        <h1>Invoices</h1>
        <table>
          <tbody>
            <tr>
              {['Number', 'Customer', 'Issued', 'Due', 'Amount', 'Status', 'Reference'].map(
                (cell) => (
                  <td key={cell}>{`${cell} ${'—'.repeat(6)}`}</td>
                ),
              )}
            </tr>
          </tbody>
        </table>
        <FeedbackDialog survey={npsSurvey} defaultOpen />
      </main>
    </PalauteProvider>
  );
}

createRoot(document.getElementById('app') as HTMLElement).render(<Host />);
