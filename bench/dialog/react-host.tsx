// The React host page of `bench/dialog.bench.mjs`: React rendering one button, nothing else (the
// base the two React pages share).
import { createRoot } from 'react-dom/client';

createRoot(document.getElementById('root') as HTMLElement).render(
  <button type="button" id="open">
    Feedback
  </button>,
);
