import { Changelog, FeedbackBoard, Roadmap } from '@palaute/react';
import { useScreenHeading } from '../useScreen';

/**
 * Laskutin's public board, inside the app under the customer's own session: suggest an idea or
 * report a bug (similar ideas are offered while the title is typed), vote, comment, see the
 * roadmap and what shipped.
 */
export function Ideas() {
  const heading = useScreenHeading();
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
          <Changelog theme="auto" />
        </div>
      </div>
    </>
  );
}
