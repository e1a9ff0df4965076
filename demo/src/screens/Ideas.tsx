import { Changelog, FeedbackBoard, Roadmap, usePalaute } from '@palaute/react';
import { useEffect, useState } from 'react';
import { useScreenHeading } from '../useScreen';

/**
 * Laskutin's public board, inside the app under the customer's own session: suggest an idea or
 * report a bug (similar ideas are offered while the title is typed), vote, comment, see the
 * roadmap and what shipped.
 */
export function Ideas() {
  const heading = useScreenHeading();
  const { backend, customer } = usePalaute();
  const board = backend?.board;
  // The changelog names the ideas each change answered.
  const [titles, setTitles] = useState<Record<string, string>>({});
  useEffect(() => {
    if (!board || !customer) return;
    let live = true;
    board.listIdeas(customer.id, { status: ['shipped'], limit: 100 }).then(
      (page) =>
        live && setTitles(Object.fromEntries(page.ideas.map((idea) => [idea.id, idea.title]))),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [board, customer]);
  return (
    <>
      <h1 {...heading}>Ideas for Laskutin</h1>
      <p className="demo-lead">
        Suggest what Laskutin should do next, report what is broken, and back the ideas you want
        most. We tell everyone who asked when something ships.
      </p>
      <div className="demo-ideas">
        {/* A view of the board is a link; prefixed, as the team's inbox keeps its own `status`. */}
        <FeedbackBoard
          theme="auto"
          className="palaute-FeedbackBoard demo-ideas__board"
          syncUrl={{ prefix: 'board-' }}
        />
        <div className="demo-ideas__side">
          <Roadmap theme="auto" />
          <Changelog theme="auto" ideaTitles={titles} />
        </div>
      </div>
    </>
  );
}
