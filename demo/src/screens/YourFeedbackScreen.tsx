import { YourFeedback } from '@palaute/react';
import { useScreenHeading } from '../useScreen';

/** Everything the customer told Laskutin, the ideas they follow, where each stands, and the team's replies. */
export function YourFeedbackScreen() {
  const heading = useScreenHeading();
  return (
    <>
      <h1 {...heading}>Your conversations with Laskutin</h1>
      <p className="demo-lead">
        What you have told us, where each piece stands, and our answers. You can write back in any
        conversation.
      </p>
      <YourFeedback theme="auto" refreshMs={10_000} />
    </>
  );
}
