import { Announcer, VisuallyHidden } from '../shared/Announcer';
import { useIds } from '../shared/ids';
import { useIdeaOfferMessages } from './offer.messages';
import { type UseIdeaOfferOptions, useIdeaOffer } from './useIdeaOffer';

/** Props of {@link IdeaOffer}. */
export interface IdeaOfferProps extends UseIdeaOfferOptions {
  /** A class for the root. @default 'palaute-IdeaOffer' */
  className?: string;
  /** The heading's level. @default 3 */
  headingLevel?: 2 | 3 | 4 | 5 | 6;
}

/**
 * "Others asked for this too — add your vote?": shown after a survey or launcher answer when public
 * ideas on the board match what the customer wrote. Each idea has a vote toggle; a digit (1–3)
 * votes for the first, second or third at one keystroke, and the vote is announced. Renders
 * nothing while looking, when nothing matches, or once dismissed. One offer per answer: give each
 * answer's offer its own `key`.
 *
 * @selector [data-part="idea-offer"] the root, with `data-state` (`offering`, `voting`, `voted`)
 * @selector [data-part="idea-offer-vote"] a vote toggle, `data-state` `on` once voted
 *
 * @example
 * ```tsx
 * <IdeaOffer text={answers.why} source="survey" />
 * ```
 */
export function IdeaOffer({ className, headingLevel = 3, ...options }: IdeaOfferProps) {
  const offer = useIdeaOffer(options);
  const { t } = useIdeaOfferMessages();
  const { part } = useIds();
  const headingId = part('heading');
  const hintId = part('hint');
  const Heading = `h${headingLevel}` as 'h3';
  const announcer = <Announcer message={offer.announcement} />;
  if (!offer.visible) return announcer;
  const keys = offer.ideas.map((_, index) => String(index + 1)).join(', ');
  return (
    <section
      {...offer.getRootProps()}
      className={className ?? 'palaute-IdeaOffer'}
      aria-labelledby={headingId}
      aria-describedby={hintId}
    >
      <Heading id={headingId} data-part="idea-offer-title">
        {t('offerTitle')}
      </Heading>
      <p id={hintId} data-part="idea-offer-hint">
        {t('offerShortcut', { keys })}
      </p>
      <ol data-part="idea-offer-list">
        {offer.ideas.map((idea, index) => (
          <li key={idea.id} data-part="idea-offer-item">
            <span data-part="idea-offer-idea">{idea.title}</span>{' '}
            <span data-part="idea-offer-votes">{t('offerVotes', { count: idea.votes })}</span>{' '}
            <button {...offer.getVoteButtonProps(idea, index)} data-part="idea-offer-vote">
              {idea.voted ? t('offerVoted') : t('offerVote')}
              <VisuallyHidden>{t('offerVoteFor', { title: idea.title })}</VisuallyHidden>
            </button>
          </li>
        ))}
      </ol>
      {offer.state !== 'voted' ? (
        <button type="button" data-part="idea-offer-dismiss" onClick={offer.dismiss}>
          {t('offerDismiss')}
        </button>
      ) : null}
      {announcer}
    </section>
  );
}
