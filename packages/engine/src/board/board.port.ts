import type { Actor } from '../feedback/feedback.schema';
import type {
  Board,
  BoardExport,
  ChangelogEntry,
  ChangelogInput,
  Comment,
  CommentInput,
  DemandQuery,
  Idea,
  IdeaDemand,
  IdeaDetail,
  IdeaInput,
  IdeaPage,
  IdeaQuery,
  ModerationAction,
  OnBehalfVote,
  PublicChangelogEntry,
  PublicComment,
  PublicIdea,
  Roadmap,
  SimilarIdea,
  SimilarQuery,
  StatusMove,
  TeamComment,
  TeamIdeaPage,
  TeamIdeaQuery,
  Vote,
  VoteWrite,
} from './board.schema';

/**
 * Who the host says is posting: the name shown with an idea or a comment, which the host passes or
 * signs for its signed-in customer, never a name the customer typed. No name, no name shown.
 */
export interface PostedBy {
  /** The customer's display name, as the host knows them (1–200 characters once trimmed). */
  name?: string | undefined;
}

/** The board as customers may read it: everything but who is trusted. */
export type PublicBoard = Omit<Board, 'trusted'>;

/**
 * The customer's side of the public board. Every call names the customer (the host's signed id):
 * a customer never sees another's pending or hidden ideas, never votes as another, and gets the
 * same 404 for an idea that is not there and one they may not see. Writes are idempotent by their
 * client-made id.
 */
export interface BoardPort {
  /** The board: its name, statuses, categories and ranking (for this customer to read). */
  board(customerId: string): Promise<PublicBoard>;
  /** A page of ideas: sorted (trending, top, newest), filtered, searched; keyset paged. */
  listIdeas(customerId: string, query?: IdeaQuery): Promise<IdeaPage>;
  /** One idea with its thread (the official response pinned first). */
  getIdea(customerId: string, ideaId: string): Promise<IdeaDetail>;
  /**
   * Suggests an idea or reports a bug; the author votes for it and follows it. `by` carries the
   * author's name from the host (see {@link PostedBy}); a replay keeps the first.
   */
  suggestIdea(input: IdeaInput, by?: PostedBy): Promise<PublicIdea>;
  /** Public ideas like a text being typed, most alike first. */
  similarIdeas(query: SimilarQuery): Promise<SimilarIdea[]>;
  /** Votes or withdraws a vote (idempotent by `write.id`; one vote per customer and idea). */
  vote(write: VoteWrite): Promise<PublicIdea>;
  /** Comments on an idea (one level of replies), with the author's name from the host (`by`). */
  comment(input: CommentInput, by?: PostedBy): Promise<PublicComment>;
  /** The roadmap's columns. */
  roadmap(customerId: string): Promise<Roadmap>;
  /**
   * The changelog, newest first, linking only ideas this customer may see, each named in `ideas`
   * (id and title).
   */
  changelog(customerId: string): Promise<PublicChangelogEntry[]>;
}

/**
 * The team's side of the board: moderation, statuses, merging, votes on a customer's behalf and
 * the changelog, whose entries ship ideas and give their followers the "you said, we did" notice.
 */
export interface BoardTeamPort {
  /** Every idea (pending, hidden and spam too), filtered by moderation state. */
  listIdeas(query?: TeamIdeaQuery): Promise<TeamIdeaPage>;
  /** One idea with its comments and votes (segments frozen at vote time). */
  getIdea(ideaId: string): Promise<{ idea: Idea; comments: Comment[]; votes: Vote[] }>;
  /** Approves, hides, marks as spam, or edits a title. */
  moderate(ideaId: string, action: ModerationAction, by: Actor): Promise<Idea>;
  /** Moves an idea to another status, as the board's workflow and the lifecycle allow. */
  setStatus(ideaId: string, move: StatusMove, by: Actor): Promise<Idea>;
  /** A team comment, or the official response (pinned; a later one replaces it). */
  comment(input: TeamComment, by: Actor): Promise<Comment>;
  /**
   * Merges a duplicate into another idea: its votes count there, once per customer, and its
   * followers follow there. Reversible with {@link BoardTeamPort.unmerge}.
   */
  merge(ideaId: string, intoId: string, by: Actor): Promise<Idea>;
  /** Undoes a merge: both ideas count their own voters again, exactly as before. */
  unmerge(ideaId: string, by: Actor): Promise<Idea>;
  /** Records a vote on a customer's behalf (from a support chat), marked as such. */
  voteOnBehalf(vote: OnBehalfVote, by: Actor): Promise<Idea>;
  /**
   * Publishes a changelog entry: ships its ideas (they must not be declined or shipped already)
   * and gives each of their followers (author, voters, commenters, merged duplicates' too) one
   * impact notice, exactly once. Its feedback items ship through the inbox's `shipChange`.
   */
  publishChangelog(input: ChangelogInput, by: Actor): Promise<ChangelogEntry>;
  /** Every changelog entry, newest first. */
  listChangelog(): Promise<ChangelogEntry[]>;
  /**
   * Ideas a segment wants most ("ideas most wanted by detractors"), from the segments frozen on
   * their votes, with every idea's voters by the key's values. Public (approved, not merged) ideas.
   */
  demand?(query: DemandQuery): Promise<IdeaDemand[]>;
}

/** What a backend does with one customer's board data, for data rights. */
export interface BoardRights {
  /** Their ideas, votes and comments. */
  exportOf(customerId: string): Promise<BoardExport>;
  /**
   * Deletes their votes (counts follow) and anonymises their ideas and comments (the text stays
   * public, the author goes). Says how many of each.
   */
  forget(customerId: string): Promise<{ votes: number; ideas: number; comments: number }>;
}
