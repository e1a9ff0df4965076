import {
  type Actor,
  BOARD_PAGE_SIZE,
  type Board,
  type BoardExport,
  type BoardPort,
  type BoardRights,
  type BoardSort,
  type BoardTeamPort,
  boardSchema,
  type ChangelogEntry,
  type Comment,
  changelogInputSchema,
  commentInputSchema,
  demandQuerySchema,
  type Idea,
  type IdeaInput,
  ideaInputSchema,
  ideaQuerySchema,
  ideaWriteSchema,
  LifecycleError,
  moderationActionSchema,
  onBehalfVoteSchema,
  type PublicIdea,
  RANKING_EPOCH,
  SIMILARITY_THRESHOLD,
  similarQuerySchema,
  statusMoveSchema,
  teamCommentSchema,
  teamIdeaQuerySchema,
  ValidationError,
  type Vote,
  type VoteWrite,
  voteWriteSchema,
} from '@palaute/engine';
import {
  ANONYMOUS_AUTHOR,
  ANSWER_SIMILARITY_THRESHOLD,
  authorNameOf,
  boardNotice,
  checkCategory,
  checkPayload,
  decodeBoardCursor,
  encodeBoardCursor,
  foreignItem,
  ideaNotFound,
  inCategory,
  isLocked,
  isVisibleTo,
  moveIdea,
  newIdea,
  publicCommentOf,
  publicIdeaOf,
  shippedStatus,
  sortValue,
  votesClosed,
} from '@palaute/engine/internal';
import { assertStorable, isoOf, jsonb, lockChange, type Sql, type SqlClient } from './storage.sql';

/** Whether a write was new or a replay. */
type Outcome = 'stored' | 'duplicate';

const EPOCH_MS = Date.parse(RANKING_EPOCH);

/**
 * The least `word_similarity` (text in title) that makes an idea similar without the title being
 * alike as a whole: `pg_trgm`'s default `word_similarity_threshold`, which similar ideas used before
 * they set their thresholds themselves.
 */
const WORD_SIMILARITY_THRESHOLD = 0.6;

/** The floors similar ideas are read at, highest first, ending at {@link SIMILARITY_THRESHOLD}. */
const SIMILARITY_TIERS = [0.6, 0.45, SIMILARITY_THRESHOLD] as const;

/** What the board's SQL knows of the database it runs on. */
export interface SqlBoardFeatures {
  /** `pg_trgm` is installed: similar ideas also match by trigram similarity (typos). */
  trigrams: boolean;
  /** The text search configuration of the board's language (`simple` when the language has none). */
  language: string;
}

/** The board on SQL: both sides, data rights, and the outbox's `vote` writes. */
export interface SqlBoard {
  customer: BoardPort;
  team: BoardTeamPort;
  rights: BoardRights;
  /**
   * Applies a `vote` write in the caller's transaction `tx` (a delivery batch's), or in its own;
   * `duplicate` when its id was applied before. A vote refused for good writes nothing.
   */
  applyVote(write: unknown, tx?: SqlClient): Promise<Outcome>;
  /**
   * Applies an `idea` write (the launcher's post through the outbox) in the caller's transaction
   * `tx`, or in its own; `duplicate` when its idea was posted before. One refused writes nothing.
   */
  applyIdea(write: unknown, tx?: SqlClient): Promise<Outcome>;
  features: SqlBoardFeatures;
}

interface IdeaRow {
  document: Idea;
  votes: number;
  comments: number;
  trend: number;
  approval: Idea['approval'];
  status: string;
  title: string;
  author_id: string;
  merged_into: string | null;
}

const IDEA_COLUMNS =
  'document, votes, comments, trend, approval, status, title, author_id, merged_into';

/** An idea as stored: the document, with the columns the storage keeps current over it. */
function ideaOf(row: IdeaRow): Idea {
  const { mergedInto: _, ...rest } = row.document;
  return {
    ...rest,
    votes: Number(row.votes),
    comments: Number(row.comments),
    trend: Number(row.trend),
    approval: row.approval,
    status: row.status,
    title: row.title,
    authorId: row.author_id,
    ...(row.merged_into ? { mergedInto: row.merged_into } : {}),
  };
}

/** The words of a search as a prefix query of the `simple` configuration (`dark:* & mod:*`), or none. */
function prefixQuery(text: string): string | undefined {
  const words = text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 20);
  return words.length ? words.map((word) => `${word}:*`).join(' & ') : undefined;
}

/**
 * Finds which features the database offers the board: `pg_trgm` (installed by migration 8 where
 * it is available; without it similar ideas match by full text only) and the board language's text
 * search configuration (`simple` when PostgreSQL has none by that name).
 */
export async function boardFeatures(db: SqlClient, board: Board): Promise<SqlBoardFeatures> {
  const trgm = await db.query("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'");
  const config = await db.query('SELECT 1 FROM pg_ts_config WHERE cfgname = $1', [board.language]);
  return { trigrams: trgm.length > 0, language: config.length > 0 ? board.language : 'simple' };
}

/**
 * The public board on PostgreSQL and PGlite (migration 8), keeping every rule of the memory board:
 * the vote is the unique pair (customer, idea); counts and the trending score are recounted in the
 * same transaction as the change, with the idea's row locked (a merged duplicate's before its
 * target's, as a merge locks them), so concurrent votes neither get lost nor double; pages are
 * keyset pages ranked in SQL; search is full text in the board's language plus `simple` (prefixes),
 * and similar ideas add `pg_trgm` similarity when it is installed.
 */
export function createSqlBoard(
  db: Sql,
  now: () => Date,
  definition: Board,
  features: SqlBoardFeatures,
  notify: (
    tx: SqlClient,
    customerId: string,
    notice: ReturnType<typeof boardNotice>,
  ) => Promise<void>,
): SqlBoard {
  const board = checkPayload(boardSchema, definition, 'board');
  const { ranking } = board;
  const halfLifeMs = ranking.halfLifeHours * 3_600_000;
  const publicStatuses = board.statuses
    .filter((status) => status.public)
    .map((status) => status.id);
  const at = () => now().toISOString();

  const read = async (tx: SqlClient, id: string, lock = false) => {
    const [row] = await tx.query<IdeaRow>(
      `SELECT ${IDEA_COLUMNS} FROM palaute_board_ideas WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return row ? ideaOf(row) : undefined;
  };
  const find = async (tx: SqlClient, id: string, lock = false) => {
    const idea = await read(tx, id, lock);
    if (!idea) throw ideaNotFound();
    return idea;
  };
  const visible = async (tx: SqlClient, id: string, customerId: string, lock = false) => {
    const idea = await read(tx, id, lock);
    if (!idea || !isVisibleTo(board, idea, customerId)) throw ideaNotFound();
    return idea;
  };
  /** Writes an idea's own fields (not its counts: {@link recount} keeps those). */
  const save = async (tx: SqlClient, idea: Idea) => {
    assertStorable(idea, 'idea');
    await tx.query(
      `INSERT INTO palaute_board_ideas
         (id, author_id, kind, title, body, status, approval, category_id, merged_into, votes,
          comments, trend, language, created_ms, document, search)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0, 0, 0, $10::text, $11, $12::jsonb,
         setweight(to_tsvector($10::text::regconfig, $4), 'A') || setweight(to_tsvector($10::text::regconfig, $5), 'B')
         || setweight(to_tsvector('simple', $4), 'C') || setweight(to_tsvector('simple', $5), 'D'))
       ON CONFLICT (id) DO UPDATE SET author_id = $2, title = $4, status = $6, approval = $7,
         category_id = $8, merged_into = $9, document = $12::jsonb,
         search = setweight(to_tsvector($10::text::regconfig, $4), 'A') || setweight(to_tsvector($10::text::regconfig, $5), 'B')
           || setweight(to_tsvector('simple', $4), 'C') || setweight(to_tsvector('simple', $5), 'D')`,
      [
        idea.id,
        idea.authorId,
        idea.kind,
        idea.title,
        idea.body,
        idea.status,
        idea.approval,
        idea.categoryId ?? null,
        idea.mergedInto ?? null,
        features.language,
        Date.parse(idea.createdAt),
        jsonb(idea),
      ],
    );
  };
  /**
   * Recounts an idea from its rows, in the caller's transaction: its voters (its own and its merged
   * duplicates', each customer once, at their first vote), its comments, and the trending score,
   * `log2(Σ weight · 2^((t − epoch) / halfLife))` over its creation, those votes and its comments.
   */
  const recount = async (tx: SqlClient, id: string) => {
    await tx.query(
      `WITH grp AS (SELECT id FROM palaute_board_ideas WHERE id = $1 OR merged_into = $1),
       voters AS (SELECT customer_id, min(at) AS at FROM palaute_board_votes
                  WHERE idea_id IN (SELECT id FROM grp) GROUP BY customer_id),
       said AS (SELECT at FROM palaute_board_comments WHERE idea_id = $1),
       terms AS (
         SELECT (created_ms - $2) / $3 AS x FROM palaute_board_ideas WHERE id = $1
         UNION ALL SELECT ln($4::float8) / ln(2) + (extract(epoch FROM at) * 1000 - $2) / $3
           FROM voters WHERE $4::float8 > 0
         UNION ALL SELECT ln($5::float8) / ln(2) + (extract(epoch FROM at) * 1000 - $2) / $3
           FROM said WHERE $5::float8 > 0),
       top AS (SELECT max(x) AS m FROM terms)
       UPDATE palaute_board_ideas SET
         votes = (SELECT count(*) FROM voters),
         comments = (SELECT count(*) FROM said),
         trend = (SELECT top.m + ln(sum(power(2::float8, terms.x - top.m))) / ln(2) FROM terms, top GROUP BY top.m)
       WHERE id = $1`,
      [id, EPOCH_MS, halfLifeMs, ranking.voteWeight, ranking.commentWeight],
    );
  };
  /** The ids of an idea and its merged duplicates. */
  const groupOf = async (tx: SqlClient, id: string) =>
    (
      await tx.query<{ id: string }>(
        'SELECT id FROM palaute_board_ideas WHERE id = $1 OR merged_into = $1',
        [id],
      )
    ).map((row) => row.id);
  const recountGroup = async (tx: SqlClient, id: string) => {
    for (const member of await groupOf(tx, id)) await recount(tx, member);
  };
  const votedBy = async (tx: SqlClient, customerId: string, ids: readonly string[]) => {
    if (ids.length === 0) return new Set<string>();
    const rows = await tx.query<{ id: string }>(
      `SELECT DISTINCT coalesce(i.merged_into, i.id) AS id FROM palaute_board_votes v
       JOIN palaute_board_ideas i ON i.id = v.idea_id
       WHERE v.customer_id = $1 AND coalesce(i.merged_into, i.id) = ANY($2::text[])`,
      [customerId, ids],
    );
    const direct = await tx.query<{ id: string }>(
      'SELECT idea_id AS id FROM palaute_board_votes WHERE customer_id = $1 AND idea_id = ANY($2::text[])',
      [customerId, ids],
    );
    return new Set([...rows, ...direct].map((row) => row.id));
  };
  const views = async (tx: SqlClient, ideas: Idea[], customerId: string): Promise<PublicIdea[]> => {
    const voted = await votedBy(
      tx,
      customerId,
      ideas.map((idea) => idea.id),
    );
    return ideas.map((idea) => publicIdeaOf(board, idea, customerId, voted.has(idea.id)));
  };
  const view = async (tx: SqlClient, idea: Idea, customerId: string) =>
    (await views(tx, [idea], customerId))[0] as PublicIdea;

  /** A page in SQL: filters as `where` (with its params), ranked and keyset paged. */
  const page = async (
    tx: SqlClient,
    where: string[],
    params: unknown[],
    query: {
      sort?: BoardSort | undefined;
      limit?: number | undefined;
      cursor?: string | undefined;
    },
  ) => {
    const sort = query.sort ?? 'trending';
    const limit = query.limit ?? BOARD_PAGE_SIZE;
    const column = sort === 'trending' ? 'trend' : sort === 'top' ? 'votes' : 'created_ms';
    const conditions = [...where];
    const values = [...params];
    if (query.cursor !== undefined) {
      const place = decodeBoardCursor(query.cursor, sort);
      values.push(place.value, place.id);
      const v = `$${values.length - 1}`;
      const i = `$${values.length}`;
      conditions.push(`(${column} < ${v} OR (${column} = ${v} AND id COLLATE "C" > ${i}))`);
    }
    values.push(limit + 1);
    const rows = await tx.query<IdeaRow>(
      `SELECT ${IDEA_COLUMNS} FROM palaute_board_ideas
       ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
       ORDER BY ${column} DESC, id COLLATE "C" ASC LIMIT $${values.length}`,
      values,
    );
    const ideas = rows.slice(0, limit).map(ideaOf);
    const last = ideas[ideas.length - 1];
    return {
      ideas,
      next:
        rows.length > limit && last
          ? encodeBoardCursor(sort, sortValue(last, sort), last.id)
          : undefined,
    };
  };
  /** The filters both sides share, as SQL. */
  const filters = (
    query: {
      status?: string[] | undefined;
      categoryId?: string | undefined;
      kind?: string | undefined;
      search?: string | undefined;
    },
    where: string[],
    params: unknown[],
  ) => {
    const add = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (query.status) where.push(`status = ANY(${add(query.status)}::text[])`);
    if (query.categoryId) where.push(`category_id = ${add(query.categoryId)}`);
    if (query.kind) where.push(`kind = ${add(query.kind)}`);
    const prefix = query.search ? prefixQuery(query.search) : undefined;
    if (prefix) where.push(`search @@ to_tsquery('simple', ${add(prefix)})`);
  };
  /** Ideas a customer may see: approved ones in public statuses, and their own while pending. */
  const visibleTo = (customerId: string, where: string[], params: unknown[]) => {
    // Nobody owns what the anonymous author names (deleted customers' posts, a visitor reading).
    params.push(customerId === ANONYMOUS_AUTHOR ? null : customerId, publicStatuses);
    const c = `$${params.length - 1}`;
    const s = `$${params.length}`;
    where.push(
      `((approval = 'approved' AND status = ANY(${s}::text[])) OR (author_id = ${c}::text AND approval IN ('approved', 'pending')))`,
    );
  };

  /** Stores a vote unless the customer has one on that idea; the stored row's time when it did. */
  const addVote = async (tx: SqlClient, vote: Vote) => {
    assertStorable(vote, 'vote');
    const [added] = await tx.query<{ at: string }>(
      `INSERT INTO palaute_board_votes (idea_id, customer_id, source, at, document)
       VALUES ($1, $2, $3, $4::timestamptz, $5::jsonb) ON CONFLICT (customer_id, idea_id) DO NOTHING
       RETURNING at`,
      [vote.ideaId, vote.customerId, vote.source, vote.at, jsonb(vote)],
    );
    return added;
  };

  /**
   * Counts one vote added to or removed from idea `id` (not merged) without reading its other
   * votes: `votes ± 1` and the trending score's log-sum-exp with the vote's term added
   * (`m + log2(2^(trend − m) + 2^(x − m))`, `m` the larger) or taken out (`trend + log2(1 −
   * 2^(x − trend))`). The full {@link recount} runs instead when the customer has another vote in
   * the idea's group (their first vote is the one that counts) or when taking the term out would
   * leave too little to be exact.
   */
  const countVote = async (
    tx: SqlClient,
    id: string,
    customerId: string,
    at: unknown,
    sign: 1 | -1,
  ) => {
    const [other] = await tx.query(
      `SELECT 1 FROM palaute_board_votes WHERE customer_id = $1
       AND idea_id IN (SELECT id FROM palaute_board_ideas WHERE id = $2 OR merged_into = $2)
       AND NOT (idea_id = $2 AND $3::int = 1) LIMIT 1`,
      [customerId, id, sign],
    );
    if (other) return recount(tx, id);
    if (ranking.voteWeight <= 0) {
      await tx.query('UPDATE palaute_board_ideas SET votes = votes + $2 WHERE id = $1', [id, sign]);
      return;
    }
    const term = `(ln($3::float8) / ln(2) + (extract(epoch FROM $4::timestamptz) * 1000 - $5) / $6)`;
    const updated = await tx.query(
      sign > 0
        ? `UPDATE palaute_board_ideas SET votes = votes + $2,
             trend = greatest(trend, ${term}) + ln(power(2::float8, trend - greatest(trend, ${term}))
               + power(2::float8, ${term} - greatest(trend, ${term}))) / ln(2)
           WHERE id = $1 RETURNING 1`
        : `UPDATE palaute_board_ideas SET votes = votes + $2,
             trend = trend + ln(1 - power(2::float8, ${term} - trend)) / ln(2)
           WHERE id = $1 AND 1 - power(2::float8, ${term} - trend) > 1e-9 RETURNING 1`,
      [id, sign, ranking.voteWeight, isoOf(at), EPOCH_MS, halfLifeMs],
    );
    if (updated.length === 0) await recount(tx, id);
  };

  /** Posts an idea in `tx`, or finds it posted before by its author (idempotent by id). */
  const storeIdea = async (
    tx: SqlClient,
    input: IdeaInput,
    name: string | undefined,
  ): Promise<{ idea: Idea; outcome: Outcome }> => {
    assertStorable(input, 'idea');
    checkCategory(board, input.categoryId, 'idea');
    const known = await read(tx, input.id, true);
    if (known) {
      if (known.authorId !== input.customerId) throw ideaNotFound('id');
      return { idea: known, outcome: 'duplicate' };
    }
    if (input.itemId) {
      const owners = await tx.query<{ customer_id: string }>(
        'SELECT customer_id FROM palaute_items WHERE id = $1',
        [input.itemId],
      );
      if (owners.some((row) => row.customer_id !== input.customerId)) throw foreignItem();
    }
    const made = newIdea(board, input, at(), name);
    await save(tx, made);
    await addVote(tx, {
      ideaId: made.id,
      customerId: input.customerId,
      source: input.source ?? 'board',
      ...(input.segment ? { segment: input.segment } : {}),
      at: made.createdAt,
    });
    await recount(tx, made.id);
    return { idea: await find(tx, made.id), outcome: 'stored' };
  };

  const applyIdea = async (raw: unknown, within?: SqlClient): Promise<Outcome> => {
    const { authorName, ...rest } = checkPayload(ideaWriteSchema, raw, 'idea');
    const input = checkPayload(ideaInputSchema, rest, 'idea');
    const apply = async (tx: SqlClient) =>
      (await storeIdea(tx, input, authorName || undefined)).outcome;
    return within ? apply(within) : db.transaction(apply);
  };

  const applyVote = async (raw: unknown, within?: SqlClient): Promise<Outcome> => {
    const write: VoteWrite = checkPayload(voteWriteSchema, raw, 'vote');
    assertStorable(write, 'vote');
    const apply = async (tx: SqlClient): Promise<Outcome> => {
      // The idea first, then the idea it was merged into: the order a merge locks them in.
      const idea = await visible(tx, write.ideaId, write.customerId, true);
      const target = idea.mergedInto ? await find(tx, idea.mergedInto, true) : idea;
      const [known] = await tx.query(
        'SELECT 1 FROM palaute_board_vote_writes WHERE customer_id = $1 AND id = $2',
        [write.customerId, write.id],
      );
      if (known) return 'duplicate';
      // Refused before anything is written: a batch's other writes go on without it.
      if (isLocked(board, target)) throw votesClosed(target);
      const fresh = await tx.query(
        `INSERT INTO palaute_board_vote_writes (customer_id, id) VALUES ($1, $2)
         ON CONFLICT DO NOTHING RETURNING 1`,
        [write.customerId, write.id],
      );
      if (fresh.length === 0) return 'duplicate';
      if (write.voted) {
        const added = await addVote(tx, {
          ideaId: target.id,
          customerId: write.customerId,
          source: write.source,
          ...(write.segment ? { segment: write.segment } : {}),
          at: write.at,
        });
        if (added) await countVote(tx, target.id, write.customerId, added.at, +1);
      } else {
        const removed = await tx.query<{ idea_id: string; at: string }>(
          `DELETE FROM palaute_board_votes WHERE customer_id = $1
           AND idea_id IN (SELECT id FROM palaute_board_ideas WHERE id = $2 OR merged_into = $2)
           RETURNING idea_id, at`,
          [write.customerId, target.id],
        );
        const [only] = removed;
        if (removed.length === 1 && only?.idea_id === target.id)
          await countVote(tx, target.id, write.customerId, only.at, -1);
        else if (removed.length > 0) await recountGroup(tx, target.id);
      }
      return 'stored';
    };
    return within ? apply(within) : db.transaction(apply);
  };

  /**
   * Ideas a longer answer speaks of: candidates share a word with it (the `simple` full-text index,
   * any of its words), scored by how well their title is found in it, `word_similarity(title,
   * answer)` with `pg_trgm`, else whether every word of the title is in it.
   */
  const answerMatches = async (customerId: string, text: string, limit: number) => {
    const words = [
      ...new Set(
        text
          .toLowerCase()
          .split(/[^\p{L}\p{N}]+/u)
          .filter((word) => word.length >= 2),
      ),
    ].slice(0, 60);
    if (words.length === 0) return [];
    const where = ['merged_into IS NULL'];
    const params: unknown[] = [text, words.join(' | ')];
    visibleTo(customerId, where, params);
    const score = features.trigrams
      ? 'word_similarity(title, $1)'
      : "CASE WHEN to_tsvector('simple', $1) @@ plainto_tsquery('simple', title) THEN 1 ELSE 0 END";
    params.push(ANSWER_SIMILARITY_THRESHOLD, limit);
    const rows = await db.query<IdeaRow & { score: number }>(
      `SELECT * FROM (SELECT ${IDEA_COLUMNS}, id, ${score} AS score FROM palaute_board_ideas
         WHERE ${where.join(' AND ')} AND search @@ to_tsquery('simple', $2)) AS found
       WHERE score >= $${params.length - 1}
       ORDER BY score DESC, votes DESC, id COLLATE "C" LIMIT $${params.length}`,
      params,
    );
    const ideas = await views(db, rows.map(ideaOf), customerId);
    return ideas.map((idea, index) => ({
      idea,
      score: Math.round(Number(rows[index]?.score ?? 0) * 1000) / 1000,
    }));
  };

  /**
   * Similar ideas by full text only (no `pg_trgm`): the `simple` prefixes or the board language's
   * words, scored by `ts_rank_cd` (at most 0.5) or 0.5 for a prefix match.
   */
  const similarByText = async (customerId: string, text: string, limit: number) => {
    const where = ['merged_into IS NULL'];
    const params: unknown[] = [text, prefixQuery(text) ?? '', features.language];
    visibleTo(customerId, where, params);
    const fts = `CASE WHEN $2 <> '' AND search @@ to_tsquery('simple', $2) THEN 0.5 ELSE 0 END`;
    params.push(SIMILARITY_THRESHOLD, limit);
    return db.query<IdeaRow & { score: number }>(
      `SELECT * FROM (SELECT ${IDEA_COLUMNS}, id,
           greatest(${fts}, least(0.5, ts_rank_cd(search, websearch_to_tsquery($3::regconfig, $1)))) AS score
         FROM palaute_board_ideas
         WHERE ${where.join(' AND ')}
           AND (($2 <> '' AND search @@ to_tsquery('simple', $2)) OR search @@ websearch_to_tsquery($3::regconfig, $1))) AS found
       WHERE score >= $${params.length - 1}
       ORDER BY score DESC, votes DESC, id COLLATE "C" LIMIT $${params.length}`,
      params,
    );
  };

  /**
   * Similar ideas with `pg_trgm`: an idea matches when its title is like the text (`similarity` at
   * least {@link SIMILARITY_THRESHOLD}), holds it (`word_similarity` at least
   * {@link WORD_SIMILARITY_THRESHOLD}) or has every word of it as a prefix (`simple` full text);
   * it scores the best of the two similarities and 0.5 for the prefixes, and those scoring at least
   * {@link SIMILARITY_THRESHOLD} come best first (then most voted, then by id).
   *
   * Read in tiers, each in one transaction: the trigram index is asked only for ideas scoring at
   * least a tier's floor ({@link SIMILARITY_TIERS}, the `pg_trgm` thresholds set locally), so it
   * rechecks a few hundred titles instead of every title sharing a common trigram (thousands at
   * 100,000 ideas). A tier that fills the page is the answer exactly, ties included: every idea
   * ranked above one scoring at least the floor scores at least the floor too. Otherwise the next,
   * lower tier reads again, down to the threshold itself.
   */
  const similarByTrigrams = (customerId: string, text: string, limit: number) =>
    db.transaction(async (tx) => {
      const where = ['merged_into IS NULL'];
      const params: unknown[] = [text, prefixQuery(text) ?? ''];
      visibleTo(customerId, where, params);
      params.push(SIMILARITY_THRESHOLD, WORD_SIMILARITY_THRESHOLD, 0, limit);
      const [threshold, wordThreshold, floor] = [3, 2, 1].map(
        (back) => `$${params.length - back}::float8`,
      );
      const prefix = `$2 <> '' AND search @@ to_tsquery('simple', $2)`;
      const score = `greatest(similarity(title, $1), word_similarity($1, title), CASE WHEN ${prefix} THEN 0.5 ELSE 0 END)`;
      // The operators (`%`, `<%`) reach the index at the tier's thresholds; the rule itself is
      // written with the functions, so it holds whatever the thresholds are set to.
      const sql = `SELECT * FROM (SELECT ${IDEA_COLUMNS}, id, ${score} AS score FROM palaute_board_ideas
          WHERE ${where.join(' AND ')}
            AND (title % $1 OR $1 <% title OR (${floor} <= 0.5 AND ${prefix}))
            AND (similarity(title, $1) >= ${threshold} OR word_similarity($1, title) >= ${wordThreshold}
                 OR (${prefix}))) AS found
        WHERE score >= ${floor}
        ORDER BY score DESC, votes DESC, id COLLATE "C" LIMIT $${params.length}`;
      let rows: (IdeaRow & { score: number })[] = [];
      for (const tier of SIMILARITY_TIERS) {
        // Below the word threshold, an idea only as alike as the tier by word similarity is found
        // by `%` if it matches at all; at the threshold itself, `<%` needs only the word threshold.
        const words = tier > SIMILARITY_THRESHOLD ? tier : WORD_SIMILARITY_THRESHOLD;
        await tx.query(
          `SELECT set_config('pg_trgm.similarity_threshold', $1, true),
             set_config('pg_trgm.word_similarity_threshold', $2, true)`,
          [String(tier), String(words)],
        );
        params[params.length - 2] = tier;
        rows = await tx.query<IdeaRow & { score: number }>(sql, params);
        if (rows.length >= limit) break;
      }
      return rows;
    });

  const customer: BoardPort = {
    async board(_customerId) {
      const { trusted: _, ...open } = board;
      return open;
    },
    async listIdeas(customerId, raw = {}) {
      const query = checkPayload(ideaQuerySchema, raw, 'board query');
      assertStorable({ customerId, query }, 'board query');
      const where = query.followedOnly ? [] : ['merged_into IS NULL'];
      const params: unknown[] = [];
      visibleTo(customerId, where, params);
      filters(query, where, params);
      if (query.followedOnly) {
        // Nobody follows as the anonymous author: it names no one.
        params.push(customerId === ANONYMOUS_AUTHOR ? null : customerId);
        const c = `$${params.length}`;
        // A duplicate by its own followers; an idea by its whole group's (its duplicates').
        where.push(
          `EXISTS (SELECT 1 FROM palaute_board_ideas d
           WHERE (d.id = palaute_board_ideas.id
                  OR (palaute_board_ideas.merged_into IS NULL AND d.merged_into = palaute_board_ideas.id))
             AND (d.author_id = ${c}
                  OR EXISTS (SELECT 1 FROM palaute_board_votes v WHERE v.idea_id = d.id AND v.customer_id = ${c})
                  OR EXISTS (SELECT 1 FROM palaute_board_comments m
                             WHERE m.idea_id = d.id AND m.author_kind = 'customer' AND m.author_id = ${c})))`,
        );
      }
      if (query.votedOnly) {
        params.push(customerId);
        where.push(
          `EXISTS (SELECT 1 FROM palaute_board_votes v JOIN palaute_board_ideas d ON d.id = v.idea_id
           WHERE v.customer_id = $${params.length} AND (d.id = palaute_board_ideas.id OR d.merged_into = palaute_board_ideas.id))`,
        );
      }
      const found = await page(db, where, params, query);
      const ideas = await views(db, found.ideas, customerId);
      return found.next === undefined ? { ideas } : { ideas, next: found.next };
    },
    async getIdea(customerId, ideaId) {
      assertStorable({ customerId, ideaId }, 'idea query');
      const idea = await visible(db, ideaId, customerId);
      const said = (
        await db.query<{ document: Comment }>(
          'SELECT document FROM palaute_board_comments WHERE idea_id = $1 ORDER BY seq',
          [ideaId],
        )
      ).map((row) => row.document);
      const official = said.filter((comment) => comment.official).at(-1);
      return {
        idea: await view(db, idea, customerId),
        ...(official ? { official: publicCommentOf(official, customerId) } : {}),
        comments: said
          .filter((comment) => comment !== official)
          .map((comment) => publicCommentOf(comment, customerId)),
      };
    },
    async suggestIdea(raw, by) {
      const input = checkPayload(ideaInputSchema, raw, 'idea');
      const { idea } = await db.transaction((tx) => storeIdea(tx, input, by?.name));
      return view(db, idea, input.customerId);
    },
    async similarIdeas(raw) {
      const query = checkPayload(similarQuerySchema, raw, 'similar query');
      assertStorable(query, 'similar query');
      const text = query.text.trim();
      if (text.length < 3) return [];
      if (query.match === 'answer') return answerMatches(query.customerId, text, query.limit ?? 5);
      const limit = query.limit ?? 5;
      const rows = features.trigrams
        ? await similarByTrigrams(query.customerId, text, limit)
        : await similarByText(query.customerId, text, limit);
      const ideas = await views(db, rows.map(ideaOf), query.customerId);
      return ideas.map((idea, index) => ({
        idea,
        score: Math.round(Number(rows[index]?.score ?? 0) * 1000) / 1000,
      }));
    },
    async vote(raw) {
      const write = checkPayload(voteWriteSchema, raw, 'vote');
      await applyVote(write);
      return view(db, await find(db, write.ideaId), write.customerId);
    },
    async comment(raw, by) {
      const input = checkPayload(commentInputSchema, raw, 'comment');
      const name = authorNameOf(by?.name);
      assertStorable(input, 'comment');
      const comment = await db.transaction(async (tx) => {
        const idea = await visible(tx, input.ideaId, input.customerId, true);
        const [known] = await tx.query<{ document: Comment }>(
          'SELECT document FROM palaute_board_comments WHERE id = $1',
          [input.id],
        );
        if (known) {
          if (known.document.author.id !== input.customerId || known.document.ideaId !== idea.id)
            throw new ValidationError(
              [{ path: 'id', message: 'is taken: make another' }],
              'comment',
            );
          return known.document;
        }
        if (input.parentId) {
          const [parent] = await tx.query<{ document: Comment }>(
            'SELECT document FROM palaute_board_comments WHERE id = $1 AND idea_id = $2',
            [input.parentId, idea.id],
          );
          if (!parent || parent.document.parentId)
            throw new ValidationError(
              [{ path: 'parentId', message: 'is not a top-level comment of this idea' }],
              'comment',
            );
        }
        const made: Comment = {
          id: input.id,
          ideaId: idea.id,
          ...(input.parentId ? { parentId: input.parentId } : {}),
          author: { kind: 'customer', id: input.customerId, ...(name ? { name } : {}) },
          body: input.body.trim(),
          at: at(),
        };
        await insertComment(tx, made);
        await recount(tx, idea.id);
        return made;
      });
      return publicCommentOf(comment, input.customerId);
    },
    async roadmap(customerId) {
      assertStorable({ customerId }, 'roadmap');
      const columns = [];
      for (const status of board.statuses.filter((s) => s.roadmap && s.public)) {
        const rows = await db.query<IdeaRow>(
          `SELECT ${IDEA_COLUMNS}, id FROM palaute_board_ideas
           WHERE status = $1 AND merged_into IS NULL AND approval = 'approved'
           ORDER BY votes DESC, id COLLATE "C" LIMIT 500`,
          [status.id],
        );
        columns.push({
          status: status.id,
          name: status.name,
          lifecycle: status.lifecycle,
          ideas: await views(db, rows.map(ideaOf), customerId),
        });
      }
      return { columns, categories: board.categories };
    },
    async changelog(customerId) {
      assertStorable({ customerId }, 'changelog');
      const entries = await listChangelog();
      const linked = [...new Set(entries.flatMap((entry) => entry.ideaIds))];
      const rows = linked.length
        ? await db.query<IdeaRow>(
            `SELECT ${IDEA_COLUMNS} FROM palaute_board_ideas WHERE id = ANY($1::text[])`,
            [linked],
          )
        : [];
      const titles = new Map(
        rows
          .map(ideaOf)
          .filter((idea) => isVisibleTo(board, idea, customerId))
          .map((idea) => [idea.id, idea.title]),
      );
      return entries.map((entry) => {
        const shown = entry.ideaIds.flatMap((id) => {
          const title = titles.get(id);
          return title === undefined ? [] : [{ id, title }];
        });
        return { ...entry, ideaIds: shown.map(({ id }) => id), itemIds: [], ideas: shown };
      });
    },
  };

  const insertComment = async (tx: SqlClient, comment: Comment) => {
    assertStorable(comment, 'comment');
    await tx.query(
      `INSERT INTO palaute_board_comments (id, idea_id, author_kind, author_id, official, at, document)
       VALUES ($1, $2, $3, $4, $5, $6::timestamptz, $7::jsonb)`,
      [
        comment.id,
        comment.ideaId,
        comment.author.kind,
        comment.author.id,
        comment.official === true,
        comment.at,
        jsonb(comment),
      ],
    );
  };
  const listChangelog = async () =>
    (
      await db.query<{ document: ChangelogEntry }>(
        'SELECT document FROM palaute_board_changelog ORDER BY published_at DESC, id COLLATE "C"',
      )
    ).map((row) => row.document);
  const teamOnly = (by: Actor) => {
    if (by.kind !== 'team')
      throw new LifecycleError('new', 'feedback.triage', 'teamOnly', 'Only the team does this.');
  };

  const team: BoardTeamPort = {
    async listIdeas(raw = {}) {
      const query = checkPayload(teamIdeaQuerySchema, raw, 'board query');
      assertStorable(query, 'board query');
      const where: string[] = [];
      const params: unknown[] = [];
      if (query.approval) {
        params.push(query.approval);
        where.push(`approval = ANY($${params.length}::text[])`);
      }
      filters(query, where, params);
      const found = await page(db, where, params, query);
      return found.next === undefined
        ? { ideas: found.ideas }
        : (found as { ideas: Idea[]; next: string });
    },
    async getIdea(ideaId) {
      assertStorable({ ideaId }, 'idea');
      const idea = await find(db, ideaId);
      const comments = (
        await db.query<{ document: Comment }>(
          'SELECT document FROM palaute_board_comments WHERE idea_id = $1 ORDER BY seq',
          [ideaId],
        )
      ).map((row) => row.document);
      const votes = (
        await db.query<{ document: Vote }>(
          `SELECT document FROM palaute_board_votes WHERE idea_id IN
             (SELECT id FROM palaute_board_ideas WHERE id = $1 OR merged_into = $1) ORDER BY at, customer_id`,
          [ideaId],
        )
      ).map((row) => row.document);
      return { idea, comments, votes };
    },
    async moderate(ideaId, raw, by) {
      teamOnly(by);
      const action = checkPayload(moderationActionSchema, raw, 'moderation');
      return db.transaction(async (tx) => {
        const idea = await find(tx, ideaId, true);
        const when = at();
        const next: Idea =
          action.type === 'editTitle'
            ? { ...idea, title: action.title.trim(), updatedAt: when }
            : action.type === 'setCategory'
              ? inCategory(board, idea, action, when)
              : {
                  ...idea,
                  approval:
                    action.type === 'approve'
                      ? 'approved'
                      : action.type === 'hide'
                        ? 'hidden'
                        : 'spam',
                  updatedAt: when,
                };
        await save(tx, next);
        return find(tx, ideaId);
      });
    },
    async setStatus(ideaId, raw, by) {
      const move = checkPayload(statusMoveSchema, raw, 'status move');
      return db.transaction(async (tx) => {
        const idea = await find(tx, ideaId, true);
        const official = await tx.query(
          'SELECT 1 FROM palaute_board_comments WHERE idea_id = $1 AND official LIMIT 1',
          [ideaId],
        );
        const moved = moveIdea(board, idea, move, by, at(), official.length > 0);
        if (moved !== idea) await save(tx, moved);
        return find(tx, ideaId);
      });
    },
    async comment(raw, by) {
      teamOnly(by);
      const input = checkPayload(teamCommentSchema, raw, 'comment');
      return db.transaction(async (tx) => {
        const idea = await find(tx, input.ideaId, true);
        const [known] = await tx.query<{ document: Comment }>(
          'SELECT document FROM palaute_board_comments WHERE id = $1',
          [input.id],
        );
        if (known) return known.document;
        const made: Comment = {
          id: input.id,
          ideaId: idea.id,
          ...(input.parentId ? { parentId: input.parentId } : {}),
          author: by,
          body: input.body.trim(),
          ...(input.official ? { official: true as const } : {}),
          at: at(),
        };
        await insertComment(tx, made);
        await recount(tx, idea.id);
        return made;
      });
    },
    async merge(ideaId, intoId, by) {
      teamOnly(by);
      assertStorable({ ideaId, intoId }, 'merge');
      return db.transaction(async (tx) => {
        const duplicate = await find(tx, ideaId, true);
        const target = await find(tx, intoId, true);
        if (duplicate.id === target.id || target.mergedInto)
          throw new ValidationError(
            [{ path: 'intoId', message: 'must be another idea that is not merged itself' }],
            'merge',
          );
        if (duplicate.mergedInto)
          throw new ValidationError([{ path: 'ideaId', message: 'is merged already' }], 'merge');
        await tx.query('UPDATE palaute_board_ideas SET merged_into = $2 WHERE merged_into = $1', [
          duplicate.id,
          target.id,
        ]);
        await save(tx, { ...duplicate, mergedInto: target.id, updatedAt: at() });
        await recountGroup(tx, target.id);
        return find(tx, target.id);
      });
    },
    async unmerge(ideaId, by) {
      teamOnly(by);
      assertStorable({ ideaId }, 'unmerge');
      return db.transaction(async (tx) => {
        const duplicate = await find(tx, ideaId, true);
        const target = duplicate.mergedInto;
        if (!target)
          throw new ValidationError([{ path: 'ideaId', message: 'is not merged' }], 'unmerge');
        await find(tx, target, true);
        const { mergedInto: _, ...rest } = duplicate;
        await save(tx, { ...rest, updatedAt: at() });
        await recount(tx, duplicate.id);
        await recountGroup(tx, target);
        return find(tx, duplicate.id);
      });
    },
    async voteOnBehalf(raw, by) {
      teamOnly(by);
      const input = checkPayload(onBehalfVoteSchema, raw, 'vote');
      assertStorable(input, 'vote');
      return db.transaction(async (tx) => {
        const idea = await find(tx, input.ideaId, true);
        const target = idea.mergedInto ? await find(tx, idea.mergedInto, true) : idea;
        if (isLocked(board, target)) throw votesClosed(target);
        await addVote(tx, {
          ideaId: target.id,
          customerId: input.customerId,
          source: 'onBehalf',
          by,
          ...(input.segment ? { segment: input.segment } : {}),
          at: at(),
        });
        await recountGroup(tx, target.id);
        return find(tx, target.id);
      });
    },
    async publishChangelog(raw, by) {
      teamOnly(by);
      const input = checkPayload(changelogInputSchema, raw, 'changelog entry');
      assertStorable(input, 'changelog entry');
      return db.transaction(async (tx) => {
        await lockChange(tx, input.id);
        const [known] = await tx.query<{ document: ChangelogEntry }>(
          'SELECT document FROM palaute_board_changelog WHERE id = $1 FOR UPDATE',
          [input.id],
        );
        if (known) return known.document;
        const shipped = shippedStatus(board);
        if (input.ideaIds.length > 0 && !shipped)
          throw new ValidationError(
            [{ path: 'ideaIds', message: 'this board has no status that ships' }],
            'changelog entry',
          );
        const linked: Idea[] = [];
        for (const [index, id] of input.ideaIds.entries()) {
          const idea = await read(tx, id, true);
          if (!idea) throw ideaNotFound(`ideaIds[${index}]`);
          linked.push(idea);
        }
        const when = at();
        const moved = linked.map((idea) =>
          moveIdea(
            board,
            idea,
            { status: (shipped as { id: string }).id, changelogId: input.id },
            by,
            when,
          ),
        );
        const entry: ChangelogEntry = {
          id: input.id,
          title: input.title.trim(),
          body: input.body.trim(),
          ideaIds: input.ideaIds,
          itemIds: input.itemIds ?? [],
          publishedAt: when,
        };
        await tx.query(
          'INSERT INTO palaute_board_changelog (id, published_at, document) VALUES ($1, $2::timestamptz, $3::jsonb)',
          [entry.id, entry.publishedAt, jsonb(entry)],
        );
        const told = new Map<string, string>();
        for (const idea of moved) {
          await save(tx, { ...idea, changelogIds: [...idea.changelogIds, entry.id] });
          const followers = await tx.query<{ customer_id: string }>(
            `WITH grp AS (SELECT id FROM palaute_board_ideas WHERE id = $1 OR merged_into = $1)
             SELECT author_id AS customer_id FROM palaute_board_ideas WHERE id IN (SELECT id FROM grp) AND author_id <> $2
             UNION SELECT customer_id FROM palaute_board_votes WHERE idea_id IN (SELECT id FROM grp)
             UNION SELECT author_id FROM palaute_board_comments
               WHERE idea_id IN (SELECT id FROM grp) AND author_kind = 'customer' AND author_id <> $2`,
            [idea.id, ANONYMOUS_AUTHOR],
          );
          for (const { customer_id } of followers)
            if (!told.has(customer_id)) told.set(customer_id, idea.title);
        }
        for (const [customerId, title] of told)
          await notify(tx, customerId, boardNotice(entry, title));
        return entry;
      });
    },
    listChangelog,
    async demand(raw) {
      const query = checkPayload(demandQuerySchema, raw, 'demand query');
      assertStorable(query, 'demand query');
      const rows = await db.query<
        IdeaRow & { wanted: number; total: number; by_segment: Record<string, number> }
      >(
        `WITH cast_votes AS (
           SELECT DISTINCT ON (coalesce(i.merged_into, i.id), v.customer_id)
             coalesce(i.merged_into, i.id) AS idea,
             coalesce(v.document -> 'segment' ->> $1::text, '(none)') AS value
           FROM palaute_board_votes v JOIN palaute_board_ideas i ON i.id = v.idea_id
           ORDER BY coalesce(i.merged_into, i.id), v.customer_id, v.at),
         counted AS (SELECT idea, value, count(*)::int AS n FROM cast_votes GROUP BY idea, value),
         totals AS (
           SELECT idea, sum(n)::int AS total,
             coalesce(sum(n) FILTER (WHERE $2::text IS NULL OR value = $2::text), 0)::int AS wanted,
             jsonb_object_agg(value, n) AS by_segment
           FROM counted GROUP BY idea)
         SELECT ${IDEA_COLUMNS}, t.wanted, t.total, t.by_segment
         FROM totals t JOIN palaute_board_ideas ON palaute_board_ideas.id = t.idea
         WHERE approval = 'approved' AND merged_into IS NULL AND ($3::text IS NULL OR kind = $3::text)
           AND t.wanted > 0
         ORDER BY t.wanted DESC, t.total DESC, palaute_board_ideas.id COLLATE "C" LIMIT $4`,
        [query.key, query.value ?? null, query.kind ?? null, query.limit ?? BOARD_PAGE_SIZE],
      );
      return rows.map((row) => ({
        idea: ideaOf(row),
        wanted: Number(row.wanted),
        votes: Number(row.total),
        bySegment: Object.fromEntries(
          Object.entries(row.by_segment).map(([value, n]) => [value, Number(n)]),
        ),
      }));
    },
  };

  const rights: BoardRights = {
    async exportOf(customerId): Promise<BoardExport> {
      const ideas = (
        await db.query<IdeaRow>(
          `SELECT ${IDEA_COLUMNS} FROM palaute_board_ideas WHERE author_id = $1 ORDER BY created_ms, id`,
          [customerId],
        )
      ).map(ideaOf);
      const votes = (
        await db.query<{ document: Vote }>(
          'SELECT document FROM palaute_board_votes WHERE customer_id = $1 ORDER BY at, idea_id',
          [customerId],
        )
      ).map((row) => row.document);
      const comments = (
        await db.query<{ document: Comment }>(
          `SELECT document FROM palaute_board_comments WHERE author_kind = 'customer' AND author_id = $1 ORDER BY seq`,
          [customerId],
        )
      ).map((row) => row.document);
      return { ideas, votes, comments };
    },
    async forget(customerId) {
      return db.transaction(async (tx) => {
        const removed = await tx.query<{ idea_id: string }>(
          'DELETE FROM palaute_board_votes WHERE customer_id = $1 RETURNING idea_id',
          [customerId],
        );
        await tx.query('DELETE FROM palaute_board_vote_writes WHERE customer_id = $1', [
          customerId,
        ]);
        const ideas = await tx.query(
          `UPDATE palaute_board_ideas SET author_id = $2, document = (document - 'authorName') || jsonb_build_object('authorId', $2::text)
           WHERE author_id = $1 RETURNING 1`,
          [customerId, ANONYMOUS_AUTHOR],
        );
        const comments = await tx.query(
          `UPDATE palaute_board_comments SET author_id = $2,
             document = document || jsonb_build_object('author', jsonb_build_object('kind', 'customer', 'id', $2::text), 'anonymised', true)
           WHERE author_kind = 'customer' AND author_id = $1 RETURNING 1`,
          [customerId, ANONYMOUS_AUTHOR],
        );
        const touched = new Set(removed.map((row) => row.idea_id));
        for (const id of touched) {
          const idea = await read(tx, id);
          await recountGroup(tx, idea?.mergedInto ?? id);
        }
        return { votes: removed.length, ideas: ideas.length, comments: comments.length };
      });
    },
  };

  return { customer, team, rights, applyVote, applyIdea, features };
}

/** Re-exported for the storage's callers: when a stored time reads back. */
export { isoOf };
