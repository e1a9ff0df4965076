import type { PublicIdea } from '@palaute/engine';
import { usePalaute, YourFeedback } from '@palaute/react';
import { useEffect, useState } from 'react';
import { useScreenHeading } from '../useScreen';

/** Everything the customer told Laskutin, where it stands, and the team's replies. */
export function YourFeedbackScreen() {
  const heading = useScreenHeading();
  return (
    <>
      <h1 {...heading}>Your conversations with Laskutin</h1>
      <p className="demo-lead">
        What you have told us, where each piece stands, and our answers. You can write back in any
        conversation.
      </p>
      <YourFeedback refreshMs={10_000} />
      <IdeasYouBack />
    </>
  );
}

/**
 * The board's ideas this customer suggested or voted for, with where each stands: they follow
 * them, so a move (planned, in progress, declined, shipped) shows here too.
 */
function IdeasYouBack() {
  const { backend, customer } = usePalaute();
  const board = backend?.board;
  const [ideas, setIdeas] = useState<PublicIdea[]>();
  useEffect(() => {
    if (!board || !customer) return;
    let live = true;
    board.listIdeas(customer.id, { votedOnly: true, sort: 'newest', limit: 100 }).then(
      (page) => live && setIdeas(page.ideas),
      () => live && setIdeas([]),
    );
    return () => {
      live = false;
    };
  }, [board, customer]);
  if (!ideas || ideas.length === 0) return null;
  return (
    <section className="demo-followed" aria-labelledby="ideas-you-back">
      <h2 id="ideas-you-back">Ideas you back</h2>
      <ul>
        {ideas.map((idea) => (
          <li key={idea.id} data-lifecycle={idea.lifecycle}>
            <span className="demo-followed__title">{idea.title}</span>{' '}
            <span className="demo-followed__status">{idea.statusName}</span>
            {idea.mine ? <span> · you suggested it</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
