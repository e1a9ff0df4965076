import { defineBoard, type PublicBoard } from '@palaute/engine';

/**
 * Laskutin's public board: ideas and bug reports published at once (the team moderates after),
 * the default statuses (Open, Under review, Planned, In progress, Shipped, Declined) and a few
 * categories. Shared by the demo server, which stores the board, and the team's moderation view,
 * which offers each idea only the statuses it may move to.
 */
export const laskutinBoard = defineBoard({
  id: 'laskutin-ideas',
  name: 'Laskutin ideas',
  language: 'english',
  moderation: 'publish',
  categories: [
    { id: 'invoices', name: 'Invoices' },
    { id: 'payments', name: 'Payments' },
    { id: 'reports', name: 'Reports' },
  ],
});

/** The board as the browser may know it (who is trusted stays on the server). */
export const publicLaskutinBoard: PublicBoard = (({ trusted: _, ...rest }) => rest)(laskutinBoard);
