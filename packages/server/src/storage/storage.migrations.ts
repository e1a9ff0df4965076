import type { Sql } from './storage.sql';

/** One schema change: applied once, in order, recorded in `palaute_migrations` by its id. */
export interface Migration {
  /** Its place in the order; never reused. */
  id: number;
  /** What it does, for people reading `palaute_migrations`. */
  name: string;
  /** The statements, run in the migration's transaction. */
  sql: string;
}

/**
 * The function of the responses' statement trigger (migration 25, `CREATE`; migration 26,
 * `CREATE OR REPLACE` with `onlyWithDisplays`): the new responses' answered display days, then their
 * scores when one of their surveys has a counted question. With `onlyWithDisplays`, the display
 * days' insert runs only when a new response had a display.
 */
const responsesAddedFunction = (
  create: 'CREATE' | 'CREATE OR REPLACE',
  onlyWithDisplays: boolean,
) => {
  const displayDays = `        INSERT INTO palaute_display_days AS d
            (day, touchpoint_id, segment, shown, answered, dismissed, opted_out)
          SELECT floor(s.at_ms / 86400000.0)::integer, s.touchpoint_id,
            coalesce(s.segment, 'null'::jsonb), 0, count(*), 0, 0
          FROM added AS r
          JOIN palaute_displays AS s ON s.customer_id = r.customer_id AND s.response_id = r.id
          WHERE s.at_ms IS NOT NULL
          GROUP BY 1, 2, 3
        ON CONFLICT (day, touchpoint_id, segment)
          DO UPDATE SET answered = d.answered + EXCLUDED.answered;
`;
  return `
      ${create} FUNCTION palaute_responses_added() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
${
  onlyWithDisplays
    ? `        IF EXISTS (SELECT 1 FROM added AS r
                   JOIN palaute_displays AS s
                     ON s.customer_id = r.customer_id AND s.response_id = r.id
                   WHERE s.at_ms IS NOT NULL) THEN
${displayDays}        END IF;
`
    : displayDays
}        IF EXISTS (SELECT 1 FROM added AS r
                   JOIN palaute_cx_questions AS q ON q.survey_id = r.survey_id) THEN
          INSERT INTO palaute_scores (response_id, question_id, survey_id, customer_id,
              touchpoint_id, metric, scale_min, scale_max, score, at, at_ms, day, segment)
            SELECT r.id, q.question_id, q.survey_id, r.customer_id, r.touchpoint_id,
              q.metric, q.scale_min, q.scale_max, a.v::integer,
              r.document ->> 'submittedAt', ms, floor(ms / 86400000.0)::integer,
              CASE jsonb_typeof(r.document -> 'segment') WHEN 'object' THEN r.document -> 'segment' END
            FROM added AS r
            JOIN palaute_cx_questions AS q ON q.survey_id = r.survey_id
            CROSS JOIN LATERAL palaute_earliest_ms(r.document -> 'submittedAt') AS ms
            CROSS JOIN LATERAL (SELECT CASE jsonb_typeof(r.document -> 'answers' -> q.question_id)
              WHEN 'number' THEN (r.document -> 'answers' ->> q.question_id)::numeric END AS v) AS a
            WHERE ms IS NOT NULL
              AND a.v BETWEEN q.scale_min AND q.scale_max
              AND a.v = trunc(a.v)
          ON CONFLICT DO NOTHING;
        END IF;
        RETURN NULL;
      END
      $$;
`;
};

/**
 * Every migration, in order. Append only: a deployed migration is never edited, a change is a new
 * one. Documents are JSONB (the engine's schemas are their truth); what queries filter on is a
 * real column (customer, status, creation time, idempotency keys as primary keys).
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    id: 1,
    name: 'initial',
    sql: `
      CREATE TABLE palaute_responses (
        id text PRIMARY KEY,
        seq bigserial NOT NULL,
        customer_id text NOT NULL,
        survey_id text NOT NULL,
        touchpoint_id text NOT NULL,
        received_at timestamptz NOT NULL,
        document jsonb NOT NULL
      );
      CREATE INDEX palaute_responses_customer ON palaute_responses (customer_id);
      CREATE INDEX palaute_responses_survey ON palaute_responses (survey_id);

      CREATE TABLE palaute_follow_ups (
        response_id text NOT NULL REFERENCES palaute_responses (id) ON DELETE CASCADE,
        follow_up_id text NOT NULL,
        seq bigserial NOT NULL,
        customer_id text NOT NULL,
        document jsonb NOT NULL,
        PRIMARY KEY (response_id, follow_up_id)
      );
      CREATE INDEX palaute_follow_ups_customer ON palaute_follow_ups (customer_id);

      CREATE TABLE palaute_displays (
        response_id text PRIMARY KEY,
        seq bigserial NOT NULL,
        customer_id text NOT NULL,
        document jsonb NOT NULL
      );
      CREATE INDEX palaute_displays_customer ON palaute_displays (customer_id);

      CREATE TABLE palaute_dismissals (
        response_id text PRIMARY KEY,
        seq bigserial NOT NULL,
        customer_id text NOT NULL,
        reason text NOT NULL,
        document jsonb NOT NULL
      );
      CREATE INDEX palaute_dismissals_customer ON palaute_dismissals (customer_id);

      CREATE TABLE palaute_items (
        id text PRIMARY KEY,
        seq bigserial NOT NULL,
        customer_id text NOT NULL,
        touchpoint_id text NOT NULL,
        status text NOT NULL,
        created_at timestamptz NOT NULL,
        document jsonb NOT NULL
      );
      CREATE INDEX palaute_items_customer ON palaute_items (customer_id);
      CREATE INDEX palaute_items_inbox ON palaute_items (status, created_at);

      CREATE TABLE palaute_replies (
        reply_id text PRIMARY KEY,
        seq bigserial NOT NULL,
        item_id text NOT NULL,
        customer_id text NOT NULL,
        document jsonb NOT NULL
      );
      CREATE INDEX palaute_replies_customer ON palaute_replies (customer_id);

      CREATE TABLE palaute_changes (
        id text PRIMARY KEY,
        seq bigserial NOT NULL,
        shipped_at timestamptz NOT NULL,
        document jsonb NOT NULL
      );

      CREATE TABLE palaute_notices (
        customer_id text NOT NULL,
        notice_id text NOT NULL,
        seq bigserial NOT NULL,
        item_id text,
        seen_at text,
        document jsonb NOT NULL,
        PRIMARY KEY (customer_id, notice_id)
      );
      CREATE UNIQUE INDEX palaute_notices_item ON palaute_notices (customer_id, item_id)
        WHERE item_id IS NOT NULL;
    `,
  },
  {
    id: 2,
    name: 'inbox paging',
    // The inbox pages in SQL: each order is read from an index, a page at a time. The status group
    // of the default order (0 new, 1 open, 2 closed: the engine's inboxRank) is a generated column,
    // so it follows every write, this version's or an older one's. Ids are ordered in "C" collation
    // (by code point, as the engine orders them). Creation times are kept to the millisecond, cut
    // as the engine's Date.parse cuts them (PostgreSQL rounded them to the microsecond). Segment filters are JSON containment, helped by a GIN index.
    sql: `
      ALTER TABLE palaute_items ADD COLUMN inbox_rank smallint NOT NULL GENERATED ALWAYS AS (
        CASE WHEN status = 'new' THEN 0
             WHEN status IN ('shipped', 'declined', 'answered') THEN 2
             ELSE 1 END
      ) STORED;
      UPDATE palaute_items
        SET created_at = regexp_replace(document ->> 'createdAt', '(\\.\\d{3})\\d+', '\\1')::timestamptz
        WHERE document ->> 'createdAt' ~ '\\.\\d{4}';
      CREATE INDEX palaute_items_unprocessed
        ON palaute_items (inbox_rank, created_at, id COLLATE "C");
      CREATE INDEX palaute_items_created ON palaute_items (created_at, id COLLATE "C");
      CREATE INDEX palaute_items_segment
        ON palaute_items USING gin ((document -> 'segment') jsonb_path_ops);
    `,
  },
  {
    id: 3,
    name: 'shared rate limits',
    // Token buckets every instance on one PostgreSQL shares (createSqlRateLimiter): one row per
    // scope and key, updated in one statement. A row idle long enough to be full again is the same
    // as no row, so old ones are deleted freely.
    sql: `
      CREATE TABLE palaute_rate_limits (
        scope text NOT NULL,
        key text NOT NULL,
        tokens double precision NOT NULL,
        at_ms bigint NOT NULL,
        allowed boolean NOT NULL,
        PRIMARY KEY (scope, key)
      );
      CREATE INDEX palaute_rate_limits_idle ON palaute_rate_limits (scope, at_ms);
    `,
  },
  {
    id: 4,
    name: 'loop metrics and facets in SQL',
    // The loop metrics and the inbox's facets are aggregates in SQL, not reads of every document.
    // When the team first acted on an item and when it first closed are generated columns (epoch
    // milliseconds), so they follow every write, this version's or an older one's, and adding them
    // fills them for every row. They come from the document's own timestamps through
    // palaute_earliest_ms, which reads an ISO timestamp exactly as the engine's Date.parse does
    // (V8's: milliseconds cut, not rounded; a day past the month's end rolls over; 24:00 is the next
    // midnight; year 0000 is 1 BC), in integer arithmetic: immutable, never failing (what Date.parse
    // refuses is NULL); PL/pgSQL, whose cached plans cost a write a fraction of what a SQL function's
    // planning does. Segment values the inbox filters by (texts, numbers, booleans) are kept a row
    // per item and key in palaute_item_segments, kept in step by a trigger (every writer again) and
    // deleted with their item, so the facets count narrow rows instead of unpacking documents.
    sql: `
      CREATE FUNCTION palaute_earliest_ms(stamps jsonb) RETURNS bigint
        LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
      AS $$
      DECLARE
        list jsonb := CASE jsonb_typeof(stamps)
          WHEN 'array' THEN stamps WHEN 'string' THEN '[]'::jsonb || stamps ELSE '[]' END;
        m text[];
        ms bigint;
        earliest bigint;
      BEGIN
        FOR i IN 0 .. jsonb_array_length(list) - 1 LOOP
          m := regexp_match(list ->> i, '^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:[.]([0-9]{1,9}))?)?(Z|([+-])([0-9]{2}):([0-9]{2}))$');
          CONTINUE WHEN m IS NULL;
          CONTINUE WHEN NOT (m[2]::int BETWEEN 1 AND 12 AND m[3]::int BETWEEN 1 AND 31
            AND m[5]::int < 60 AND coalesce(m[6]::int, 0) < 60
            AND coalesce(m[10]::int, 0) < 24 AND coalesce(m[11]::int, 0) < 60
            AND (m[4]::int < 24 OR (m[4] = '24' AND m[5] = '00' AND coalesce(m[6], '00') = '00'
                                    AND coalesce(m[7], '0') !~ '[1-9]')));
          ms := (make_date(CASE m[1] WHEN '0000' THEN -1 ELSE m[1]::int END, m[2]::int, 1)
                  - DATE '1970-01-01' + m[3]::int - 1)::bigint * 86400000
                + m[4]::bigint * 3600000 + m[5]::bigint * 60000
                + coalesce(m[6]::bigint, 0) * 1000
                + coalesce(rpad(left(m[7], 3), 3, '0')::bigint, 0)
                - CASE m[9] WHEN '+' THEN 1 WHEN '-' THEN -1 ELSE 0 END
                  * (coalesce(m[10]::bigint, 0) * 3600000 + coalesce(m[11]::bigint, 0) * 60000);
          IF earliest IS NULL OR ms < earliest THEN
            earliest := ms;
          END IF;
        END LOOP;
        RETURN earliest;
      END
      $$;
      COMMENT ON FUNCTION palaute_earliest_ms(jsonb) IS
        'The earliest instant, in epoch milliseconds as JavaScript''s Date.parse reads it, of a JSON array of ISO-8601 timestamps (or of one timestamp); NULL for none.';

      ALTER TABLE palaute_items
        ADD COLUMN first_response_ms bigint GENERATED ALWAYS AS (palaute_earliest_ms(
          jsonb_path_query_array(document, '$.history[*] ? (@.by.kind == "team").at')
          || jsonb_path_query_array(document, '$.replies[*] ? (@.author.kind == "team").at')
        )) STORED,
        ADD COLUMN closed_ms bigint GENERATED ALWAYS AS (palaute_earliest_ms(
          jsonb_path_query_first(document,
            '$.history[*] ? (@.to == "shipped" || @.to == "declined" || @.to == "answered").at')
        )) STORED;

      CREATE TABLE palaute_item_segments (
        item_id text NOT NULL REFERENCES palaute_items (id) ON DELETE CASCADE,
        key text NOT NULL,
        value jsonb NOT NULL
      );
      CREATE INDEX palaute_item_segments_item ON palaute_item_segments (item_id);

      CREATE FUNCTION palaute_item_segments_sync() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          IF NEW.document -> 'segment' IS NOT DISTINCT FROM OLD.document -> 'segment' THEN
            RETURN NULL;
          END IF;
          DELETE FROM palaute_item_segments WHERE item_id = NEW.id;
        END IF;
        INSERT INTO palaute_item_segments (item_id, key, value)
          SELECT NEW.id, entry.key, entry.value
          FROM jsonb_each(CASE jsonb_typeof(NEW.document -> 'segment')
                 WHEN 'object' THEN NEW.document -> 'segment' ELSE '{}' END) AS entry
          WHERE jsonb_typeof(entry.value) IN ('string', 'number', 'boolean');
        RETURN NULL;
      END
      $$;
      CREATE TRIGGER palaute_item_segments_sync
        AFTER INSERT OR UPDATE OF document ON palaute_items
        FOR EACH ROW EXECUTE FUNCTION palaute_item_segments_sync();

      INSERT INTO palaute_item_segments (item_id, key, value)
        SELECT item.id, entry.key, entry.value
        FROM palaute_items AS item,
             jsonb_each(CASE jsonb_typeof(item.document -> 'segment')
               WHEN 'object' THEN item.document -> 'segment' ELSE '{}' END) AS entry
        WHERE jsonb_typeof(entry.value) IN ('string', 'number', 'boolean');
    `,
  },
  {
    id: 5,
    name: 'client ids scoped to their customer',
    // Ids a client chooses (response ids, a flow's id for displays and dismissals, reply ids) are
    // each customer's own: the keys become (customer, id), so one customer's record never hides or
    // changes another's under the same id. Every existing row keeps its key (its id within its own
    // customer's). A feedback item keeps a global id (the team's routes name it) and now records the
    // response it came from: its own id, unless another customer's item had that id first.
    sql: `
      ALTER TABLE palaute_follow_ups DROP CONSTRAINT palaute_follow_ups_response_id_fkey;
      ALTER TABLE palaute_follow_ups DROP CONSTRAINT palaute_follow_ups_pkey;
      ALTER TABLE palaute_responses DROP CONSTRAINT palaute_responses_pkey;
      ALTER TABLE palaute_responses ADD PRIMARY KEY (customer_id, id);
      ALTER TABLE palaute_follow_ups ADD PRIMARY KEY (customer_id, response_id, follow_up_id);
      ALTER TABLE palaute_follow_ups ADD CONSTRAINT palaute_follow_ups_response_fkey
        FOREIGN KEY (customer_id, response_id)
        REFERENCES palaute_responses (customer_id, id) ON DELETE CASCADE;

      ALTER TABLE palaute_displays DROP CONSTRAINT palaute_displays_pkey;
      ALTER TABLE palaute_displays ADD PRIMARY KEY (customer_id, response_id);
      ALTER TABLE palaute_dismissals DROP CONSTRAINT palaute_dismissals_pkey;
      ALTER TABLE palaute_dismissals ADD PRIMARY KEY (customer_id, response_id);
      ALTER TABLE palaute_replies DROP CONSTRAINT palaute_replies_pkey;
      ALTER TABLE palaute_replies ADD PRIMARY KEY (customer_id, reply_id);

      ALTER TABLE palaute_items ADD COLUMN response_id text;
      UPDATE palaute_items SET response_id = id;
      ALTER TABLE palaute_items ALTER COLUMN response_id SET NOT NULL;
      CREATE UNIQUE INDEX palaute_items_response ON palaute_items (customer_id, response_id);
    `,
  },
  {
    id: 6,
    name: 'CX scores, rollups and targets',
    // The CX report counts scored answers in SQL. Which answers are scores is the journey's surveys'
    // business: palaute_cx_questions lists the NPS, CSAT, CES and rating questions (the server
    // writes it at start from its journey, and backfills or drops scores when it changes). A
    // trigger on palaute_responses (every writer, this version's or an older one's) copies each
    // answer to such a question that is a whole point of its scale into palaute_scores, with the
    // response's submission time read as Date.parse reads it (palaute_earliest_ms) and its UTC day
    // as epoch days (integers: no calendar edge cases in comparisons). A second trigger keeps
    // palaute_score_days, one row per day × touchpoint × question × score with its count: a report
    // without a segment filter reads this rollup, not a row per answer. Scores go with their
    // response (ON DELETE CASCADE), and the rollup follows their deletion too. Displays gain their
    // time and touchpoint as columns for the response, dismissal and opt-out rates. Targets are
    // one row each, in the order the team gave them.
    sql: `
      CREATE TABLE palaute_cx_questions (
        survey_id text NOT NULL,
        question_id text NOT NULL,
        metric text NOT NULL,
        scale_min integer NOT NULL,
        scale_max integer NOT NULL,
        PRIMARY KEY (survey_id, question_id)
      );

      CREATE TABLE palaute_scores (
        response_id text NOT NULL,
        question_id text NOT NULL,
        survey_id text NOT NULL,
        customer_id text NOT NULL,
        touchpoint_id text NOT NULL,
        metric text NOT NULL,
        scale_min integer NOT NULL,
        scale_max integer NOT NULL,
        score integer NOT NULL,
        at text NOT NULL,
        at_ms bigint NOT NULL,
        day integer NOT NULL,
        segment jsonb,
        PRIMARY KEY (customer_id, response_id, question_id),
        FOREIGN KEY (customer_id, response_id)
          REFERENCES palaute_responses (customer_id, id) ON DELETE CASCADE
      );
      CREATE INDEX palaute_scores_day ON palaute_scores (metric, day, touchpoint_id);
      CREATE INDEX palaute_scores_recent
        ON palaute_scores (metric, at_ms DESC, response_id COLLATE "C" DESC, question_id COLLATE "C" DESC);
      CREATE INDEX palaute_scores_segment ON palaute_scores USING gin (segment jsonb_path_ops);

      CREATE TABLE palaute_score_days (
        metric text NOT NULL,
        day integer NOT NULL,
        touchpoint_id text NOT NULL,
        survey_id text NOT NULL,
        question_id text NOT NULL,
        scale_min integer NOT NULL,
        scale_max integer NOT NULL,
        score integer NOT NULL,
        count integer NOT NULL,
        PRIMARY KEY (metric, day, touchpoint_id, survey_id, question_id, scale_min, scale_max, score)
      );

      CREATE FUNCTION palaute_scores_of_response() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO palaute_scores (response_id, question_id, survey_id, customer_id, touchpoint_id,
            metric, scale_min, scale_max, score, at, at_ms, day, segment)
          SELECT NEW.id, q.question_id, q.survey_id, NEW.customer_id, NEW.touchpoint_id,
            q.metric, q.scale_min, q.scale_max, v::integer,
            NEW.document ->> 'submittedAt', ms, floor(ms / 86400000.0)::integer,
            CASE jsonb_typeof(NEW.document -> 'segment') WHEN 'object' THEN NEW.document -> 'segment' END
          FROM palaute_cx_questions AS q,
               palaute_earliest_ms(NEW.document -> 'submittedAt') AS ms,
               LATERAL (SELECT CASE jsonb_typeof(NEW.document -> 'answers' -> q.question_id)
                 WHEN 'number' THEN (NEW.document -> 'answers' ->> q.question_id)::numeric END AS v) AS a
          WHERE q.survey_id = NEW.survey_id
            AND ms IS NOT NULL
            AND v BETWEEN q.scale_min AND q.scale_max
            AND v = trunc(v)
        ON CONFLICT DO NOTHING;
        RETURN NULL;
      END
      $$;
      CREATE TRIGGER palaute_scores_of_response
        AFTER INSERT ON palaute_responses
        FOR EACH ROW EXECUTE FUNCTION palaute_scores_of_response();

      CREATE FUNCTION palaute_score_days_sync() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO palaute_score_days AS d (metric, day, touchpoint_id, survey_id, question_id,
              scale_min, scale_max, score, count)
            VALUES (NEW.metric, NEW.day, NEW.touchpoint_id, NEW.survey_id, NEW.question_id,
              NEW.scale_min, NEW.scale_max, NEW.score, 1)
            ON CONFLICT (metric, day, touchpoint_id, survey_id, question_id, scale_min, scale_max, score)
            DO UPDATE SET count = d.count + 1;
        ELSE
          UPDATE palaute_score_days SET count = count - 1
            WHERE metric = OLD.metric AND day = OLD.day AND touchpoint_id = OLD.touchpoint_id
              AND survey_id = OLD.survey_id AND question_id = OLD.question_id
              AND scale_min = OLD.scale_min AND scale_max = OLD.scale_max AND score = OLD.score;
        END IF;
        RETURN NULL;
      END
      $$;
      CREATE TRIGGER palaute_score_days_sync
        AFTER INSERT OR DELETE ON palaute_scores
        FOR EACH ROW EXECUTE FUNCTION palaute_score_days_sync();

      ALTER TABLE palaute_displays
        ADD COLUMN at_ms bigint GENERATED ALWAYS AS (palaute_earliest_ms(document -> 'at')) STORED,
        ADD COLUMN touchpoint_id text GENERATED ALWAYS AS (document ->> 'touchpointId') STORED;
      CREATE INDEX palaute_displays_at ON palaute_displays (at_ms, touchpoint_id);

      CREATE TABLE palaute_display_days (
        day integer NOT NULL,
        touchpoint_id text NOT NULL,
        shown integer NOT NULL DEFAULT 0,
        answered integer NOT NULL DEFAULT 0,
        dismissed integer NOT NULL DEFAULT 0,
        opted_out integer NOT NULL DEFAULT 0,
        PRIMARY KEY (day, touchpoint_id)
      );
      CREATE FUNCTION palaute_display_days_add(who text, flow text, sign integer,
          shown integer, answered integer, dismissed integer, opted_out integer)
        RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        shown_at bigint;
        place text;
      BEGIN
        SELECT at_ms, touchpoint_id INTO shown_at, place FROM palaute_displays
          WHERE customer_id = who AND response_id = flow;
        IF shown_at IS NULL THEN
          RETURN;
        END IF;
        INSERT INTO palaute_display_days AS d (day, touchpoint_id, shown, answered, dismissed, opted_out)
          VALUES (floor(shown_at / 86400000.0)::integer, place, sign * shown, sign * answered,
                  sign * dismissed, sign * opted_out)
          ON CONFLICT (day, touchpoint_id) DO UPDATE SET
            shown = d.shown + EXCLUDED.shown, answered = d.answered + EXCLUDED.answered,
            dismissed = d.dismissed + EXCLUDED.dismissed, opted_out = d.opted_out + EXCLUDED.opted_out;
      END
      $$;
      -- A flow counts once shown: what was answered or dismissed before its display arrived counts
      -- with the display; what arrives after adds to it; deletions take away what they added.
      CREATE FUNCTION palaute_display_days_sync() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        who text;
        flow text;
        sign integer := CASE TG_OP WHEN 'INSERT' THEN 1 ELSE -1 END;
        reason text;
        unsubmitted boolean;
      BEGIN
        IF TG_TABLE_NAME = 'palaute_displays' THEN
          flow := CASE TG_OP WHEN 'INSERT' THEN NEW.response_id ELSE OLD.response_id END;
          who := CASE TG_OP WHEN 'INSERT' THEN NEW.customer_id ELSE OLD.customer_id END;
          SELECT m.reason, m.document -> 'submitted' = 'false'::jsonb INTO reason, unsubmitted
            FROM palaute_dismissals AS m WHERE m.customer_id = who AND m.response_id = flow;
          IF TG_OP = 'DELETE' THEN
            -- The row is gone already: add its share back by hand.
            INSERT INTO palaute_display_days AS d (day, touchpoint_id, shown, answered, dismissed, opted_out)
              VALUES (floor(OLD.at_ms / 86400000.0)::integer, OLD.touchpoint_id, -1,
                -(SELECT count(*) FROM palaute_responses WHERE customer_id = who AND id = flow)::integer,
                -(CASE WHEN reason IS NOT NULL AND reason <> 'optOut' AND unsubmitted THEN 1 ELSE 0 END),
                -(CASE WHEN reason = 'optOut' THEN 1 ELSE 0 END))
              ON CONFLICT (day, touchpoint_id) DO UPDATE SET
                shown = d.shown + EXCLUDED.shown, answered = d.answered + EXCLUDED.answered,
                dismissed = d.dismissed + EXCLUDED.dismissed, opted_out = d.opted_out + EXCLUDED.opted_out;
            RETURN NULL;
          END IF;
          PERFORM palaute_display_days_add(who, flow, 1, 1,
            (SELECT count(*) FROM palaute_responses WHERE customer_id = who AND id = flow)::integer,
            CASE WHEN reason IS NOT NULL AND reason <> 'optOut' AND unsubmitted THEN 1 ELSE 0 END,
            CASE WHEN reason = 'optOut' THEN 1 ELSE 0 END);
        ELSIF TG_TABLE_NAME = 'palaute_responses' THEN
          flow := CASE TG_OP WHEN 'INSERT' THEN NEW.id ELSE OLD.id END;
          who := CASE TG_OP WHEN 'INSERT' THEN NEW.customer_id ELSE OLD.customer_id END;
          PERFORM palaute_display_days_add(who, flow, sign, 0, 1, 0, 0);
        ELSE
          IF TG_OP = 'INSERT' THEN
            who := NEW.customer_id; flow := NEW.response_id; reason := NEW.reason;
            unsubmitted := NEW.document -> 'submitted' = 'false'::jsonb;
          ELSE
            who := OLD.customer_id; flow := OLD.response_id; reason := OLD.reason;
            unsubmitted := OLD.document -> 'submitted' = 'false'::jsonb;
          END IF;
          PERFORM palaute_display_days_add(who, flow, sign, 0, 0,
            CASE WHEN reason <> 'optOut' AND unsubmitted THEN 1 ELSE 0 END,
            CASE WHEN reason = 'optOut' THEN 1 ELSE 0 END);
        END IF;
        RETURN NULL;
      END
      $$;
      CREATE TRIGGER palaute_display_days_sync AFTER INSERT OR DELETE ON palaute_displays
        FOR EACH ROW EXECUTE FUNCTION palaute_display_days_sync();
      CREATE TRIGGER palaute_display_days_sync AFTER INSERT OR DELETE ON palaute_responses
        FOR EACH ROW EXECUTE FUNCTION palaute_display_days_sync();
      CREATE TRIGGER palaute_display_days_sync AFTER INSERT OR DELETE ON palaute_dismissals
        FOR EACH ROW EXECUTE FUNCTION palaute_display_days_sync();
      INSERT INTO palaute_display_days (day, touchpoint_id, shown, answered, dismissed, opted_out)
        SELECT floor(d.at_ms / 86400000.0)::integer, d.touchpoint_id, count(*), count(r.id),
          count(*) FILTER (WHERE m.reason <> 'optOut' AND m.document -> 'submitted' = 'false'::jsonb),
          count(*) FILTER (WHERE m.reason = 'optOut')
        FROM palaute_displays AS d
        LEFT JOIN palaute_responses AS r ON r.customer_id = d.customer_id AND r.id = d.response_id
        LEFT JOIN palaute_dismissals AS m ON m.customer_id = d.customer_id AND m.response_id = d.response_id
        WHERE d.at_ms IS NOT NULL
        GROUP BY 1, 2;

      CREATE TABLE palaute_cx_targets (
        id text PRIMARY KEY,
        position integer NOT NULL,
        document jsonb NOT NULL
      );
    `,
  },
  {
    id: 7,
    name: 'team tools (search, tags, assignee) and the webhook queue',
    sql: `
      -- The customer's language, for a search that knows its words' other forms.
      ALTER TABLE palaute_items ADD COLUMN locale text;
      UPDATE palaute_items AS item SET locale = response.document ->> 'locale'
        FROM palaute_responses AS response
        WHERE response.customer_id = item.customer_id AND response.id = item.response_id;

      -- A locale's text search configuration: its language's where this database has one, else
      -- 'simple' (every word as written, in lower case). Fixed once made, hence IMMUTABLE.
      CREATE FUNCTION palaute_search_config(locale text) RETURNS regconfig
        LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
      DECLARE
        language text := CASE lower(split_part(coalesce(locale, ''), '-', 1))
          WHEN 'ar' THEN 'arabic' WHEN 'hy' THEN 'armenian' WHEN 'eu' THEN 'basque'
          WHEN 'ca' THEN 'catalan' WHEN 'da' THEN 'danish' WHEN 'nl' THEN 'dutch'
          WHEN 'en' THEN 'english' WHEN 'et' THEN 'estonian' WHEN 'fi' THEN 'finnish'
          WHEN 'fr' THEN 'french' WHEN 'de' THEN 'german' WHEN 'el' THEN 'greek'
          WHEN 'hi' THEN 'hindi' WHEN 'hu' THEN 'hungarian' WHEN 'id' THEN 'indonesian'
          WHEN 'ga' THEN 'irish' WHEN 'it' THEN 'italian' WHEN 'lt' THEN 'lithuanian'
          WHEN 'ne' THEN 'nepali' WHEN 'nb' THEN 'norwegian' WHEN 'nn' THEN 'norwegian'
          WHEN 'no' THEN 'norwegian' WHEN 'pt' THEN 'portuguese' WHEN 'ro' THEN 'romanian'
          WHEN 'ru' THEN 'russian' WHEN 'sr' THEN 'serbian' WHEN 'es' THEN 'spanish'
          WHEN 'sv' THEN 'swedish' WHEN 'ta' THEN 'tamil' WHEN 'tr' THEN 'turkish'
          WHEN 'yi' THEN 'yiddish' ELSE 'simple' END;
        found regconfig;
      BEGIN
        SELECT oid::regconfig INTO found FROM pg_ts_config
          WHERE cfgname = language AND cfgnamespace = 'pg_catalog'::regnamespace;
        RETURN coalesce(found, 'simple'::regconfig);
      END
      $$;

      -- What the customer wrote (their text answers and their replies), word for word and in
      -- their language's forms.
      ALTER TABLE palaute_items ADD COLUMN search_simple tsvector GENERATED ALWAYS AS (
        to_tsvector('simple'::regconfig, coalesce(document ->> 'text', '')) ||
        to_tsvector('simple'::regconfig, jsonb_path_query_array(document,
          '$.replies[*] ? (@.author.kind == "customer").body'))
      ) STORED;
      ALTER TABLE palaute_items ADD COLUMN search_language tsvector GENERATED ALWAYS AS (
        to_tsvector(palaute_search_config(locale), coalesce(document ->> 'text', '')) ||
        to_tsvector(palaute_search_config(locale), jsonb_path_query_array(document,
          '$.replies[*] ? (@.author.kind == "customer").body'))
      ) STORED;
      CREATE INDEX palaute_items_search ON palaute_items USING gin (search_simple);
      CREATE INDEX palaute_items_search_language ON palaute_items USING gin (search_language);
      CREATE INDEX palaute_items_tags ON palaute_items USING gin ((document -> 'tags'));
      CREATE INDEX palaute_items_assignee ON palaute_items ((document ->> 'assignee'));

      -- Outgoing webhooks: each event once, and its delivery to each endpoint, written in the
      -- transaction of the change that caused it, delivered afterwards by a worker.
      CREATE TABLE palaute_webhook_events (
        id text PRIMARY KEY,
        seq bigserial NOT NULL,
        type text NOT NULL,
        customer_id text,
        created_at timestamptz NOT NULL,
        document jsonb NOT NULL
      );
      CREATE INDEX palaute_webhook_events_customer ON palaute_webhook_events (customer_id);
      CREATE TABLE palaute_webhook_deliveries (
        seq bigserial PRIMARY KEY,
        event_id text NOT NULL REFERENCES palaute_webhook_events (id) ON DELETE CASCADE,
        endpoint text NOT NULL,
        state text NOT NULL DEFAULT 'pending',
        attempts jsonb NOT NULL DEFAULT '[]'::jsonb,
        created_at timestamptz NOT NULL,
        next_at timestamptz NOT NULL,
        leased_until timestamptz,
        delivered_at timestamptz,
        UNIQUE (event_id, endpoint)
      );
      CREATE INDEX palaute_webhook_deliveries_due ON palaute_webhook_deliveries (next_at)
        WHERE state = 'pending';
    `,
  },
  {
    id: 8,
    name: 'the public board: ideas, votes (unique per customer and idea), comments, changelog',
    // pg_trgm gives similar ideas their typo tolerance. PostgreSQL 13+ lets a database owner create
    // it (a trusted extension); where it is missing or not allowed, the board still searches by full
    // text and says so (`features.trigrams`), so the migration must not fail: the attempt runs in a
    // block of its own. PGlite loads it from `@electric-sql/pglite/contrib/pg_trgm`.
    sql: `
      DO $$ BEGIN
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
      EXCEPTION WHEN OTHERS THEN
        RAISE NOTICE 'pg_trgm is not available: similar ideas match by full text only';
      END $$;

      CREATE TABLE palaute_board_ideas (
        id text PRIMARY KEY,
        author_id text NOT NULL,
        kind text NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        status text NOT NULL,
        approval text NOT NULL,
        category_id text,
        merged_into text REFERENCES palaute_board_ideas (id),
        votes integer NOT NULL,
        comments integer NOT NULL,
        trend double precision NOT NULL,
        -- The text search configuration's name, as text (a regconfig OID would not survive pg_upgrade).
        language text NOT NULL,
        created_ms double precision NOT NULL,
        document jsonb NOT NULL,
        search tsvector NOT NULL
      );
      CREATE INDEX palaute_board_ideas_trending ON palaute_board_ideas (trend DESC, id COLLATE "C")
        WHERE merged_into IS NULL;
      CREATE INDEX palaute_board_ideas_top ON palaute_board_ideas (votes DESC, id COLLATE "C")
        WHERE merged_into IS NULL;
      CREATE INDEX palaute_board_ideas_newest ON palaute_board_ideas (created_ms DESC, id COLLATE "C")
        WHERE merged_into IS NULL;
      CREATE INDEX palaute_board_ideas_merged ON palaute_board_ideas (merged_into)
        WHERE merged_into IS NOT NULL;
      CREATE INDEX palaute_board_ideas_author ON palaute_board_ideas (author_id);
      CREATE INDEX palaute_board_ideas_search ON palaute_board_ideas USING gin (search);
      DO $$ BEGIN
        IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
          CREATE INDEX palaute_board_ideas_title_trgm ON palaute_board_ideas
            USING gin (title gin_trgm_ops);
        END IF;
      END $$;

      -- One vote per customer and idea: the primary key is the rule.
      CREATE TABLE palaute_board_votes (
        idea_id text NOT NULL REFERENCES palaute_board_ideas (id),
        customer_id text NOT NULL,
        source text NOT NULL,
        at timestamptz NOT NULL,
        document jsonb NOT NULL,
        PRIMARY KEY (customer_id, idea_id)
      );
      CREATE INDEX palaute_board_votes_idea ON palaute_board_votes (idea_id);

      -- Vote writes applied, by their id within their customer's: a replay changes nothing.
      CREATE TABLE palaute_board_vote_writes (
        customer_id text NOT NULL,
        id text NOT NULL,
        PRIMARY KEY (customer_id, id)
      );

      CREATE TABLE palaute_board_comments (
        id text PRIMARY KEY,
        idea_id text NOT NULL REFERENCES palaute_board_ideas (id),
        seq bigserial NOT NULL,
        author_kind text NOT NULL,
        author_id text NOT NULL,
        official boolean NOT NULL,
        at timestamptz NOT NULL,
        document jsonb NOT NULL
      );
      CREATE INDEX palaute_board_comments_idea ON palaute_board_comments (idea_id, seq);
      CREATE INDEX palaute_board_comments_author ON palaute_board_comments (author_id);

      CREATE TABLE palaute_board_changelog (
        id text PRIMARY KEY,
        published_at timestamptz NOT NULL,
        document jsonb NOT NULL
      );
    `,
  },
  {
    id: 10,
    name: 'contact choices',
    // A customer's opt-outs changed after the fact (the undo right after "Don't ask me again", or
    // turning one back on later), one row per choice, keyed by the customer's own choice id. The
    // contact history replays them with the opt-out dismissals, in time order.
    sql: `
      CREATE TABLE palaute_contact_choices (
        customer_id text NOT NULL,
        id text NOT NULL,
        seq bigserial NOT NULL,
        document jsonb NOT NULL,
        PRIMARY KEY (customer_id, id)
      );
    `,
  },
  {
    id: 12,
    name: 'segments of displays, monthly score rollup',
    // A display carries the customer's segment as a response does (protocol: optional `segment`).
    // The CX report's rates with a segment filter count the displays recorded with a matching
    // segment, per display (as scores with a segment filter are counted per answer); without a
    // filter they keep reading the daily rollup. Displays stored before carry none.
    //
    // palaute_score_months is the daily score rollup summed by calendar month (the month's first
    // day, in epoch days), kept by the same trigger in the same transaction as the scores: a
    // report by month or quarter reads whole months from it and only the days at the period's
    // ends from the daily rollup (a year is 12 rows per touchpoint, question and score, not 365).
    //
    // An item's stays in `planned` are a generated column, parsed once at write as `closed_ms` is:
    // pairs of epoch milliseconds (the step into `planned`, the next step or NULL while it lasts),
    // so promise vs delivery reads integers instead of parsing every step's time at read.
    sql: `
      CREATE FUNCTION palaute_planned_stays(history jsonb) RETURNS bigint[]
        LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
      AS $$
      DECLARE
        steps integer := CASE jsonb_typeof(history) WHEN 'array' THEN jsonb_array_length(history) ELSE 0 END;
        stays bigint[] := '{}';
      BEGIN
        FOR i IN 0 .. steps - 1 LOOP
          CONTINUE WHEN history -> i ->> 'to' IS DISTINCT FROM 'planned';
          stays := array_append(stays, palaute_earliest_ms(history -> i -> 'at'));
          stays := array_append(stays, CASE WHEN i + 1 < steps
            THEN palaute_earliest_ms(history -> (i + 1) -> 'at') END);
        END LOOP;
        RETURN stays;
      END
      $$;
      ALTER TABLE palaute_items ADD COLUMN planned_stays bigint[] NOT NULL
        GENERATED ALWAYS AS (palaute_planned_stays(document -> 'history')) STORED;

      ALTER TABLE palaute_displays
        ADD COLUMN segment jsonb GENERATED ALWAYS AS (
          CASE jsonb_typeof(document -> 'segment') WHEN 'object' THEN document -> 'segment' END
        ) STORED;
      CREATE INDEX palaute_displays_segment ON palaute_displays USING gin (segment jsonb_path_ops);

      CREATE FUNCTION palaute_month_of(day integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
        SELECT (date_trunc('month', (DATE '1970-01-01' + day)::timestamp)::date - DATE '1970-01-01')
      $$;
      CREATE TABLE palaute_score_months (
        metric text NOT NULL,
        month integer NOT NULL,
        touchpoint_id text NOT NULL,
        survey_id text NOT NULL,
        question_id text NOT NULL,
        scale_min integer NOT NULL,
        scale_max integer NOT NULL,
        score integer NOT NULL,
        count integer NOT NULL,
        PRIMARY KEY (metric, month, touchpoint_id, survey_id, question_id, scale_min, scale_max, score)
      );
      CREATE OR REPLACE FUNCTION palaute_score_days_sync() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO palaute_score_days AS d (metric, day, touchpoint_id, survey_id, question_id,
              scale_min, scale_max, score, count)
            VALUES (NEW.metric, NEW.day, NEW.touchpoint_id, NEW.survey_id, NEW.question_id,
              NEW.scale_min, NEW.scale_max, NEW.score, 1)
            ON CONFLICT (metric, day, touchpoint_id, survey_id, question_id, scale_min, scale_max, score)
            DO UPDATE SET count = d.count + 1;
          INSERT INTO palaute_score_months AS m (metric, month, touchpoint_id, survey_id, question_id,
              scale_min, scale_max, score, count)
            VALUES (NEW.metric, palaute_month_of(NEW.day), NEW.touchpoint_id, NEW.survey_id,
              NEW.question_id, NEW.scale_min, NEW.scale_max, NEW.score, 1)
            ON CONFLICT (metric, month, touchpoint_id, survey_id, question_id, scale_min, scale_max, score)
            DO UPDATE SET count = m.count + 1;
        ELSE
          UPDATE palaute_score_days SET count = count - 1
            WHERE metric = OLD.metric AND day = OLD.day AND touchpoint_id = OLD.touchpoint_id
              AND survey_id = OLD.survey_id AND question_id = OLD.question_id
              AND scale_min = OLD.scale_min AND scale_max = OLD.scale_max AND score = OLD.score;
          UPDATE palaute_score_months SET count = count - 1
            WHERE metric = OLD.metric AND month = palaute_month_of(OLD.day)
              AND touchpoint_id = OLD.touchpoint_id
              AND survey_id = OLD.survey_id AND question_id = OLD.question_id
              AND scale_min = OLD.scale_min AND scale_max = OLD.scale_max AND score = OLD.score;
        END IF;
        RETURN NULL;
      END
      $$;
      INSERT INTO palaute_score_months (metric, month, touchpoint_id, survey_id, question_id,
          scale_min, scale_max, score, count)
        SELECT metric, palaute_month_of(day), touchpoint_id, survey_id, question_id, scale_min,
          scale_max, score, sum(count)
        FROM palaute_score_days GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
    `,
  },
  {
    id: 13,
    name: 'an item awaiting the team sorts with the unprocessed',
    // The `unprocessed` order's first group holds what waits for the team: new items, and items
    // whose customer wrote last (the engine's inboxRank and isAwaitingTeam), whatever their
    // status. The generated column reads the thread's last message, so it follows every write;
    // dropping it drops its index, made again as migration 2 made it. The loop metrics count
    // unprocessed items by status, as the engine does, no longer by this column.
    sql: `
      ALTER TABLE palaute_items DROP COLUMN inbox_rank;
      ALTER TABLE palaute_items ADD COLUMN inbox_rank smallint NOT NULL GENERATED ALWAYS AS (
        CASE WHEN status = 'new' THEN 0
             WHEN document -> 'replies' -> -1 -> 'author' ->> 'kind' = 'customer' THEN 0
             WHEN status IN ('shipped', 'declined', 'answered') THEN 2
             ELSE 1 END
      ) STORED;
      CREATE INDEX palaute_items_unprocessed
        ON palaute_items (inbox_rank, created_at, id COLLATE "C");
    `,
  },
  {
    id: 14,
    name: 'the work figures of items, a narrow row each',
    // The CX report's work figures (loop metrics, CX levels, promise vs delivery) read, for each
    // item created in the period, only a few numbers; reading them from palaute_items fetched every
    // item's whole row (its document) and unpacked the document for its level. palaute_item_work
    // keeps one narrow row per item with exactly those: touchpoint, status, creation time and the
    // generated first response, close and stays in planned (epoch milliseconds), and the candidates
    // of its CX level (the team's own level, and the answered questions as surveyId/questionId, in
    // which the configured defaults are looked up at read), with the segment for a report's
    // filter. A trigger on palaute_items (every writer, this version's or an older one's) writes
    // the row after each insert and update; it goes with its item (ON DELETE CASCADE).
    sql: `
      CREATE TABLE palaute_item_work (
        item_id text PRIMARY KEY REFERENCES palaute_items (id) ON DELETE CASCADE,
        touchpoint_id text NOT NULL,
        status text NOT NULL,
        created_ms bigint NOT NULL,
        first_response_ms bigint,
        closed_ms bigint,
        level text,
        answer_keys text[] NOT NULL,
        planned_stays bigint[] NOT NULL,
        segment jsonb
      );
      CREATE INDEX palaute_item_work_created ON palaute_item_work (created_ms);

      CREATE FUNCTION palaute_answer_keys(document jsonb) RETURNS text[]
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$
        SELECT coalesce(array_agg((document ->> 'surveyId') || '/' || k), '{}')
        FROM jsonb_object_keys(CASE jsonb_typeof(document -> 'answers')
          WHEN 'object' THEN document -> 'answers' ELSE '{}' END) AS k
      $$;

      CREATE FUNCTION palaute_item_work_sync() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO palaute_item_work AS w (item_id, touchpoint_id, status, created_ms,
            first_response_ms, closed_ms, level, answer_keys, planned_stays, segment)
          VALUES (NEW.id, NEW.touchpoint_id, NEW.status,
            round(extract(epoch FROM NEW.created_at) * 1000)::bigint,
            NEW.first_response_ms, NEW.closed_ms, NEW.document ->> 'level',
            palaute_answer_keys(NEW.document), NEW.planned_stays, NEW.document -> 'segment')
          ON CONFLICT (item_id) DO UPDATE SET touchpoint_id = EXCLUDED.touchpoint_id,
            status = EXCLUDED.status, created_ms = EXCLUDED.created_ms,
            first_response_ms = EXCLUDED.first_response_ms, closed_ms = EXCLUDED.closed_ms,
            level = EXCLUDED.level, answer_keys = EXCLUDED.answer_keys,
            planned_stays = EXCLUDED.planned_stays, segment = EXCLUDED.segment;
        RETURN NULL;
      END
      $$;
      CREATE TRIGGER palaute_item_work_sync AFTER INSERT OR UPDATE ON palaute_items
        FOR EACH ROW EXECUTE FUNCTION palaute_item_work_sync();

      INSERT INTO palaute_item_work (item_id, touchpoint_id, status, created_ms,
          first_response_ms, closed_ms, level, answer_keys, planned_stays, segment)
        SELECT id, touchpoint_id, status, round(extract(epoch FROM created_at) * 1000)::bigint,
          first_response_ms, closed_ms, document ->> 'level', palaute_answer_keys(document),
          planned_stays, document -> 'segment'
        FROM palaute_items;
    `,
  },
  {
    id: 15,
    name: 'cheaper write triggers: scores and answered flows per statement, segments only when given',
    // What every response's write pays for in triggers, made smaller with the same rows written.
    // The scores of new responses and the answered count of their flows' display days are made
    // once per statement (a batch of responses is one statement) from its transition table,
    // rather than by a PL/pgSQL call per row; deleting a response still takes away its share row
    // by row (migration 6's trigger, now on DELETE only). A new item's segment rows are made only
    // when its document has a segment (an object), which the trigger's WHEN decides without
    // calling its function; an update of the document still resyncs them as before.
    sql: `
      CREATE FUNCTION palaute_scores_of_responses() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO palaute_scores (response_id, question_id, survey_id, customer_id, touchpoint_id,
            metric, scale_min, scale_max, score, at, at_ms, day, segment)
          SELECT r.id, q.question_id, q.survey_id, r.customer_id, r.touchpoint_id,
            q.metric, q.scale_min, q.scale_max, a.v::integer,
            r.document ->> 'submittedAt', ms, floor(ms / 86400000.0)::integer,
            CASE jsonb_typeof(r.document -> 'segment') WHEN 'object' THEN r.document -> 'segment' END
          FROM added AS r
          JOIN palaute_cx_questions AS q ON q.survey_id = r.survey_id
          CROSS JOIN LATERAL palaute_earliest_ms(r.document -> 'submittedAt') AS ms
          CROSS JOIN LATERAL (SELECT CASE jsonb_typeof(r.document -> 'answers' -> q.question_id)
            WHEN 'number' THEN (r.document -> 'answers' ->> q.question_id)::numeric END AS v) AS a
          WHERE ms IS NOT NULL
            AND a.v BETWEEN q.scale_min AND q.scale_max
            AND a.v = trunc(a.v)
        ON CONFLICT DO NOTHING;
        RETURN NULL;
      END
      $$;
      DROP TRIGGER palaute_scores_of_response ON palaute_responses;
      CREATE TRIGGER palaute_scores_of_responses
        AFTER INSERT ON palaute_responses REFERENCING NEW TABLE AS added
        FOR EACH STATEMENT EXECUTE FUNCTION palaute_scores_of_responses();

      CREATE FUNCTION palaute_display_days_of_responses() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO palaute_display_days AS d (day, touchpoint_id, shown, answered, dismissed, opted_out)
          SELECT floor(s.at_ms / 86400000.0)::integer, s.touchpoint_id, 0, count(*), 0, 0
          FROM added AS r
          JOIN palaute_displays AS s ON s.customer_id = r.customer_id AND s.response_id = r.id
          WHERE s.at_ms IS NOT NULL
          GROUP BY 1, 2
        ON CONFLICT (day, touchpoint_id) DO UPDATE SET answered = d.answered + EXCLUDED.answered;
        RETURN NULL;
      END
      $$;
      DROP TRIGGER palaute_display_days_sync ON palaute_responses;
      CREATE TRIGGER palaute_display_days_sync AFTER DELETE ON palaute_responses
        FOR EACH ROW EXECUTE FUNCTION palaute_display_days_sync();
      CREATE TRIGGER palaute_display_days_of_responses
        AFTER INSERT ON palaute_responses REFERENCING NEW TABLE AS added
        FOR EACH STATEMENT EXECUTE FUNCTION palaute_display_days_of_responses();

      DROP TRIGGER palaute_item_segments_sync ON palaute_items;
      CREATE TRIGGER palaute_item_segments_sync
        AFTER UPDATE OF document ON palaute_items
        FOR EACH ROW EXECUTE FUNCTION palaute_item_segments_sync();
      CREATE TRIGGER palaute_item_segments_of_new
        AFTER INSERT ON palaute_items
        FOR EACH ROW WHEN (jsonb_typeof(NEW.document -> 'segment') = 'object')
        EXECUTE FUNCTION palaute_item_segments_sync();
    `,
  },
  {
    id: 16,
    name: 'the CX rollups: sufficient statistics per day and month × touchpoint × question × segment',
    // The CX report's scores and rates read rollups only, with or without a segment filter.
    //
    // palaute_cx_days holds, per UTC day (epoch days, as palaute_scores.day) × touchpoint × survey ×
    // question (metric and scale) × segment, the number of scored answers and their distribution:
    // counts[k] answers gave scale_min + k − 1. For integer scores on a bounded scale that is every
    // metric's sufficient statistic (NPS classes, top-box count, Σx and Σx² for means and
    // t-intervals, the rating distribution), exact in integers. palaute_cx_months is the same summed
    // by calendar month. The segment is the response's whole segment object ('null' for none), so a
    // segment filter is a containment test on the rollup's key, as it was on each answer. Both are
    // kept by a trigger on palaute_scores in the writer's transaction: an insert adds, a deletion
    // (a response deleted, a customer's data erased, a question leaving) takes away and drops a row
    // that reaches zero, an update does both. A response whose document is rewritten has its scores
    // made again (deleted, then inserted as on insert), so the rollups follow it.
    //
    // palaute_display_days gains the display's segment in its key (the rates with a segment filter
    // read it instead of every display); its triggers write the segment with each change.
    //
    // They replace palaute_score_days and palaute_score_months, dropped with their trigger.
    sql: `
      CREATE TABLE palaute_cx_days (
        day integer NOT NULL,
        touchpoint_id text NOT NULL,
        survey_id text NOT NULL,
        question_id text NOT NULL,
        metric text NOT NULL,
        scale_min integer NOT NULL,
        scale_max integer NOT NULL,
        segment jsonb NOT NULL,
        n integer NOT NULL,
        counts integer[] NOT NULL,
        PRIMARY KEY (day, touchpoint_id, survey_id, question_id, metric, scale_min, scale_max, segment)
      );
      CREATE TABLE palaute_cx_months (
        month integer NOT NULL,
        touchpoint_id text NOT NULL,
        survey_id text NOT NULL,
        question_id text NOT NULL,
        metric text NOT NULL,
        scale_min integer NOT NULL,
        scale_max integer NOT NULL,
        segment jsonb NOT NULL,
        n integer NOT NULL,
        counts integer[] NOT NULL,
        PRIMARY KEY (month, touchpoint_id, survey_id, question_id, metric, scale_min, scale_max, segment)
      );

      CREATE FUNCTION palaute_cx_rollup_add(s palaute_scores, sign integer) RETURNS void
        LANGUAGE plpgsql AS $$
      DECLARE
        k integer := s.score - s.scale_min + 1;
        one integer[] := array_fill(0, ARRAY[s.scale_max - s.scale_min + 1]);
        seg jsonb := coalesce(s.segment, 'null'::jsonb);
        month_start integer := palaute_month_of(s.day);
      BEGIN
        one[k] := sign;
        INSERT INTO palaute_cx_days AS d (day, touchpoint_id, survey_id, question_id, metric,
            scale_min, scale_max, segment, n, counts)
          VALUES (s.day, s.touchpoint_id, s.survey_id, s.question_id, s.metric, s.scale_min,
            s.scale_max, seg, sign, one)
          ON CONFLICT (day, touchpoint_id, survey_id, question_id, metric, scale_min, scale_max, segment)
          DO UPDATE SET n = d.n + sign, counts[k] = d.counts[k] + sign;
        INSERT INTO palaute_cx_months AS m (month, touchpoint_id, survey_id, question_id, metric,
            scale_min, scale_max, segment, n, counts)
          VALUES (month_start, s.touchpoint_id, s.survey_id, s.question_id, s.metric, s.scale_min,
            s.scale_max, seg, sign, one)
          ON CONFLICT (month, touchpoint_id, survey_id, question_id, metric, scale_min, scale_max, segment)
          DO UPDATE SET n = m.n + sign, counts[k] = m.counts[k] + sign;
        IF sign < 0 THEN
          DELETE FROM palaute_cx_days AS d WHERE d.day = s.day AND d.touchpoint_id = s.touchpoint_id
            AND d.survey_id = s.survey_id AND d.question_id = s.question_id AND d.metric = s.metric
            AND d.scale_min = s.scale_min AND d.scale_max = s.scale_max AND d.segment = seg
            AND d.n = 0;
          DELETE FROM palaute_cx_months AS m WHERE m.month = month_start
            AND m.touchpoint_id = s.touchpoint_id
            AND m.survey_id = s.survey_id AND m.question_id = s.question_id AND m.metric = s.metric
            AND m.scale_min = s.scale_min AND m.scale_max = s.scale_max AND m.segment = seg
            AND m.n = 0;
        END IF;
      END
      $$;
      CREATE FUNCTION palaute_cx_rollup_sync() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'INSERT' THEN
          PERFORM palaute_cx_rollup_add(OLD, -1);
        END IF;
        IF TG_OP <> 'DELETE' THEN
          PERFORM palaute_cx_rollup_add(NEW, 1);
        END IF;
        RETURN NULL;
      END
      $$;
      DROP TRIGGER palaute_score_days_sync ON palaute_scores;
      DROP FUNCTION palaute_score_days_sync();
      DROP TABLE palaute_score_days;
      DROP TABLE palaute_score_months;
      CREATE TRIGGER palaute_cx_rollup_sync AFTER INSERT OR UPDATE OR DELETE ON palaute_scores
        FOR EACH ROW EXECUTE FUNCTION palaute_cx_rollup_sync();

      CREATE FUNCTION palaute_scores_of_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM palaute_scores WHERE customer_id = OLD.customer_id AND response_id = OLD.id;
        INSERT INTO palaute_scores (response_id, question_id, survey_id, customer_id, touchpoint_id,
            metric, scale_min, scale_max, score, at, at_ms, day, segment)
          SELECT NEW.id, q.question_id, q.survey_id, NEW.customer_id, NEW.touchpoint_id,
            q.metric, q.scale_min, q.scale_max, a.v::integer,
            NEW.document ->> 'submittedAt', ms, floor(ms / 86400000.0)::integer,
            CASE jsonb_typeof(NEW.document -> 'segment') WHEN 'object' THEN NEW.document -> 'segment' END
          FROM palaute_cx_questions AS q
          CROSS JOIN LATERAL palaute_earliest_ms(NEW.document -> 'submittedAt') AS ms
          CROSS JOIN LATERAL (SELECT CASE jsonb_typeof(NEW.document -> 'answers' -> q.question_id)
            WHEN 'number' THEN (NEW.document -> 'answers' ->> q.question_id)::numeric END AS v) AS a
          WHERE q.survey_id = NEW.survey_id
            AND ms IS NOT NULL
            AND a.v BETWEEN q.scale_min AND q.scale_max
            AND a.v = trunc(a.v)
        ON CONFLICT DO NOTHING;
        RETURN NULL;
      END
      $$;
      CREATE TRIGGER palaute_scores_of_rewrite
        AFTER UPDATE OF document, survey_id, touchpoint_id ON palaute_responses
        FOR EACH ROW EXECUTE FUNCTION palaute_scores_of_rewrite();

      INSERT INTO palaute_cx_days (day, touchpoint_id, survey_id, question_id, metric, scale_min,
          scale_max, segment, n, counts)
        SELECT g.day, g.touchpoint_id, g.survey_id, g.question_id, g.metric, g.scale_min,
          g.scale_max, g.segment, g.n,
          ARRAY(SELECT coalesce((g.by_score ->> k::text)::integer, 0)
                FROM generate_series(g.scale_min, g.scale_max) AS k ORDER BY k)
        FROM (
          SELECT day, touchpoint_id, survey_id, question_id, metric, scale_min, scale_max, segment,
            sum(c)::integer AS n, jsonb_object_agg(score::text, c) AS by_score
          FROM (
            SELECT day, touchpoint_id, survey_id, question_id, metric, scale_min, scale_max,
              coalesce(segment, 'null'::jsonb) AS segment, score, count(*)::integer AS c
            FROM palaute_scores GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
          ) AS per_score
          GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
        ) AS g;
      INSERT INTO palaute_cx_months (month, touchpoint_id, survey_id, question_id, metric,
          scale_min, scale_max, segment, n, counts)
        SELECT month, touchpoint_id, survey_id, question_id, metric, scale_min, scale_max, segment,
          sum(c)::integer, array_agg(c ORDER BY k)
        FROM (
          SELECT palaute_month_of(d.day) AS month, d.touchpoint_id, d.survey_id, d.question_id,
            d.metric, d.scale_min, d.scale_max, d.segment, u.k, sum(u.c)::integer AS c
          FROM palaute_cx_days AS d, unnest(d.counts) WITH ORDINALITY AS u(c, k)
          GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
        ) AS per_score
        GROUP BY month, touchpoint_id, survey_id, question_id, metric, scale_min, scale_max, segment;

      ALTER TABLE palaute_display_days ADD COLUMN segment jsonb NOT NULL DEFAULT 'null'::jsonb;
      ALTER TABLE palaute_display_days DROP CONSTRAINT palaute_display_days_pkey;
      DELETE FROM palaute_display_days;
      ALTER TABLE palaute_display_days ADD PRIMARY KEY (day, touchpoint_id, segment);
      INSERT INTO palaute_display_days (day, touchpoint_id, segment, shown, answered, dismissed, opted_out)
        SELECT floor(d.at_ms / 86400000.0)::integer, d.touchpoint_id,
          coalesce(d.segment, 'null'::jsonb), count(*), count(r.id),
          count(*) FILTER (WHERE m.reason <> 'optOut' AND m.document -> 'submitted' = 'false'::jsonb),
          count(*) FILTER (WHERE m.reason = 'optOut')
        FROM palaute_displays AS d
        LEFT JOIN palaute_responses AS r ON r.customer_id = d.customer_id AND r.id = d.response_id
        LEFT JOIN palaute_dismissals AS m ON m.customer_id = d.customer_id AND m.response_id = d.response_id
        WHERE d.at_ms IS NOT NULL
        GROUP BY 1, 2, 3;

      CREATE OR REPLACE FUNCTION palaute_display_days_add(who text, flow text, sign integer,
          shown integer, answered integer, dismissed integer, opted_out integer)
        RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        shown_at bigint;
        place text;
        seg jsonb;
      BEGIN
        SELECT at_ms, touchpoint_id, segment INTO shown_at, place, seg FROM palaute_displays
          WHERE customer_id = who AND response_id = flow;
        IF shown_at IS NULL THEN
          RETURN;
        END IF;
        INSERT INTO palaute_display_days AS d (day, touchpoint_id, segment, shown, answered, dismissed, opted_out)
          VALUES (floor(shown_at / 86400000.0)::integer, place, coalesce(seg, 'null'::jsonb),
                  sign * shown, sign * answered, sign * dismissed, sign * opted_out)
          ON CONFLICT (day, touchpoint_id, segment) DO UPDATE SET
            shown = d.shown + EXCLUDED.shown, answered = d.answered + EXCLUDED.answered,
            dismissed = d.dismissed + EXCLUDED.dismissed, opted_out = d.opted_out + EXCLUDED.opted_out;
      END
      $$;
      CREATE OR REPLACE FUNCTION palaute_display_days_sync() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        who text;
        flow text;
        sign integer := CASE TG_OP WHEN 'INSERT' THEN 1 ELSE -1 END;
        reason text;
        unsubmitted boolean;
      BEGIN
        IF TG_TABLE_NAME = 'palaute_displays' THEN
          flow := CASE TG_OP WHEN 'INSERT' THEN NEW.response_id ELSE OLD.response_id END;
          who := CASE TG_OP WHEN 'INSERT' THEN NEW.customer_id ELSE OLD.customer_id END;
          SELECT m.reason, m.document -> 'submitted' = 'false'::jsonb INTO reason, unsubmitted
            FROM palaute_dismissals AS m WHERE m.customer_id = who AND m.response_id = flow;
          IF TG_OP = 'DELETE' THEN
            IF OLD.at_ms IS NULL THEN
              RETURN NULL;
            END IF;
            -- The row is gone already: add its share back by hand.
            INSERT INTO palaute_display_days AS d (day, touchpoint_id, segment, shown, answered, dismissed, opted_out)
              VALUES (floor(OLD.at_ms / 86400000.0)::integer, OLD.touchpoint_id,
                coalesce(OLD.segment, 'null'::jsonb), -1,
                -(SELECT count(*) FROM palaute_responses WHERE customer_id = who AND id = flow)::integer,
                -(CASE WHEN reason IS NOT NULL AND reason <> 'optOut' AND unsubmitted THEN 1 ELSE 0 END),
                -(CASE WHEN reason = 'optOut' THEN 1 ELSE 0 END))
              ON CONFLICT (day, touchpoint_id, segment) DO UPDATE SET
                shown = d.shown + EXCLUDED.shown, answered = d.answered + EXCLUDED.answered,
                dismissed = d.dismissed + EXCLUDED.dismissed, opted_out = d.opted_out + EXCLUDED.opted_out;
            RETURN NULL;
          END IF;
          PERFORM palaute_display_days_add(who, flow, 1, 1,
            (SELECT count(*) FROM palaute_responses WHERE customer_id = who AND id = flow)::integer,
            CASE WHEN reason IS NOT NULL AND reason <> 'optOut' AND unsubmitted THEN 1 ELSE 0 END,
            CASE WHEN reason = 'optOut' THEN 1 ELSE 0 END);
        ELSIF TG_TABLE_NAME = 'palaute_responses' THEN
          flow := CASE TG_OP WHEN 'INSERT' THEN NEW.id ELSE OLD.id END;
          who := CASE TG_OP WHEN 'INSERT' THEN NEW.customer_id ELSE OLD.customer_id END;
          PERFORM palaute_display_days_add(who, flow, sign, 0, 1, 0, 0);
        ELSE
          IF TG_OP = 'INSERT' THEN
            who := NEW.customer_id; flow := NEW.response_id; reason := NEW.reason;
            unsubmitted := NEW.document -> 'submitted' = 'false'::jsonb;
          ELSE
            who := OLD.customer_id; flow := OLD.response_id; reason := OLD.reason;
            unsubmitted := OLD.document -> 'submitted' = 'false'::jsonb;
          END IF;
          PERFORM palaute_display_days_add(who, flow, sign, 0, 0,
            CASE WHEN reason <> 'optOut' AND unsubmitted THEN 1 ELSE 0 END,
            CASE WHEN reason = 'optOut' THEN 1 ELSE 0 END);
        END IF;
        RETURN NULL;
      END
      $$;
      CREATE OR REPLACE FUNCTION palaute_display_days_of_responses() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO palaute_display_days AS d (day, touchpoint_id, segment, shown, answered, dismissed, opted_out)
          SELECT floor(s.at_ms / 86400000.0)::integer, s.touchpoint_id,
            coalesce(s.segment, 'null'::jsonb), 0, count(*), 0, 0
          FROM added AS r
          JOIN palaute_displays AS s ON s.customer_id = r.customer_id AND s.response_id = r.id
          WHERE s.at_ms IS NOT NULL
          GROUP BY 1, 2, 3
        ON CONFLICT (day, touchpoint_id, segment) DO UPDATE SET answered = d.answered + EXCLUDED.answered;
        RETURN NULL;
      END
      $$;
    `,
  },
  {
    id: 17,
    name: 'the work figures from one index-only scan of the period',
    // The CX report's work figures (loop metrics, CX levels, promise vs delivery) read, for each
    // item created in the period, its touchpoint, status, level, first response, close and whether
    // it ever stepped into planned. One covering index keyed by creation time holds exactly those,
    // so the report reads the period's items from the index alone (an index-only scan) in one
    // grouped pass, rather than fetching each item's row. Whether an item was ever planned is a
    // generated column; the stays themselves, an array of any length, stay out of the index (an
    // index row has a size limit): only the items ever planned fetch their row, for their stays,
    // through a partial index of those items by creation time. The two replace the index on
    // creation time alone.
    sql: `
      ALTER TABLE palaute_item_work
        ADD COLUMN ever_planned boolean GENERATED ALWAYS AS (cardinality(planned_stays) > 0) STORED;
      CREATE INDEX palaute_item_work_report ON palaute_item_work (created_ms)
        INCLUDE (touchpoint_id, status, level, first_response_ms, closed_ms, ever_planned);
      CREATE INDEX palaute_item_work_planned ON palaute_item_work (created_ms) WHERE ever_planned;
      DROP INDEX palaute_item_work_created;
    `,
  },
  {
    id: 18,
    name: 'the stays in planned as narrow rows, read from their own covering index',
    // Promise vs delivery reads every stay in planned of the items created in the period. The stays
    // were read from palaute_item_work's array, fetching the row of every item ever planned (a
    // year of the bench's items: 20,000 rows from the heap, a third of the work statement's time).
    // palaute_item_stays holds one narrow row per stay (its item's creation time, touchpoint and
    // segment for the report's filter, the step into planned and the next step or NULL while it
    // lasts), with a covering index by creation time, so the report reads the period's stays from
    // the index alone. Triggers on palaute_item_work write an item's stays again when its stays,
    // creation time, touchpoint or segment change; they go with the item's work row (ON DELETE
    // CASCADE), which goes with the item.
    sql: `
      CREATE TABLE palaute_item_stays (
        item_id text NOT NULL REFERENCES palaute_item_work (item_id) ON DELETE CASCADE,
        k integer NOT NULL,
        created_ms bigint NOT NULL,
        touchpoint_id text NOT NULL,
        segment jsonb,
        start_ms bigint,
        end_ms bigint,
        PRIMARY KEY (item_id, k)
      );
      CREATE INDEX palaute_item_stays_report ON palaute_item_stays (created_ms)
        INCLUDE (touchpoint_id, start_ms, end_ms);

      CREATE FUNCTION palaute_item_stays_sync() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          DELETE FROM palaute_item_stays WHERE item_id = OLD.item_id;
        END IF;
        INSERT INTO palaute_item_stays (item_id, k, created_ms, touchpoint_id, segment, start_ms, end_ms)
          SELECT NEW.item_id, k, NEW.created_ms, NEW.touchpoint_id, NEW.segment,
            NEW.planned_stays[2 * k - 1], NEW.planned_stays[2 * k]
          FROM generate_series(1, cardinality(NEW.planned_stays) / 2) AS k;
        RETURN NULL;
      END
      $$;
      CREATE TRIGGER palaute_item_stays_insert AFTER INSERT ON palaute_item_work
        FOR EACH ROW WHEN (cardinality(NEW.planned_stays) > 0)
        EXECUTE FUNCTION palaute_item_stays_sync();
      CREATE TRIGGER palaute_item_stays_update AFTER UPDATE ON palaute_item_work
        FOR EACH ROW WHEN (OLD.planned_stays IS DISTINCT FROM NEW.planned_stays
          OR OLD.created_ms IS DISTINCT FROM NEW.created_ms
          OR OLD.touchpoint_id IS DISTINCT FROM NEW.touchpoint_id
          OR OLD.segment IS DISTINCT FROM NEW.segment)
        EXECUTE FUNCTION palaute_item_stays_sync();

      INSERT INTO palaute_item_stays (item_id, k, created_ms, touchpoint_id, segment, start_ms, end_ms)
        SELECT w.item_id, k, w.created_ms, w.touchpoint_id, w.segment,
          w.planned_stays[2 * k - 1], w.planned_stays[2 * k]
        FROM palaute_item_work AS w, generate_series(1, cardinality(w.planned_stays) / 2) AS k
        WHERE w.ever_planned;
      DROP INDEX palaute_item_work_planned;
    `,
  },
  {
    // 19, not 18: the branch that made 18 (the stays in planned) was merged first.
    id: 19,
    name: 'cheaper item writes: the search configuration without a catalog read, work rows per statement',
    // What every new item's write pays, made smaller with the same rows written. The item's
    // language search vector calls palaute_search_config twice per row, and it read the catalog
    // (pg_ts_config) on each call: it now maps a locale to its configuration from a list fixed
    // when this migration runs, holding exactly the languages this database has then (the same
    // answers as before, without a query; a database upgraded to one with more languages keeps
    // its vectors as they were made, as an immutable function should). New items' work rows
    // (migration 14) are made once per statement from its transition table, so a batch of items
    // pays one trigger call instead of one per item; an update of an item still rewrites its row
    // row by row as before.
    sql: `
      DO $migration$
      DECLARE
        pairs text[] := ARRAY[
          'ar', 'arabic', 'hy', 'armenian', 'eu', 'basque', 'ca', 'catalan', 'da', 'danish',
          'nl', 'dutch', 'en', 'english', 'et', 'estonian', 'fi', 'finnish', 'fr', 'french',
          'de', 'german', 'el', 'greek', 'hi', 'hindi', 'hu', 'hungarian', 'id', 'indonesian',
          'ga', 'irish', 'it', 'italian', 'lt', 'lithuanian', 'ne', 'nepali', 'nb', 'norwegian',
          'nn', 'norwegian', 'no', 'norwegian', 'pt', 'portuguese', 'ro', 'romanian',
          'ru', 'russian', 'sr', 'serbian', 'es', 'spanish', 'sv', 'swedish', 'ta', 'tamil',
          'tr', 'turkish', 'yi', 'yiddish'];
        cases text := '';
      BEGIN
        FOR i IN 1 .. array_length(pairs, 1) BY 2 LOOP
          IF EXISTS (SELECT 1 FROM pg_ts_config
                     WHERE cfgname = pairs[i + 1] AND cfgnamespace = 'pg_catalog'::regnamespace) THEN
            cases := cases || format(' WHEN %L THEN %L::regconfig', pairs[i], 'pg_catalog.' || pairs[i + 1]);
          END IF;
        END LOOP;
        EXECUTE format($make$
          CREATE OR REPLACE FUNCTION palaute_search_config(locale text) RETURNS regconfig
            LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
          AS $body$
          BEGIN
            RETURN CASE lower(split_part(coalesce(locale, ''), '-', 1))%s
              ELSE 'pg_catalog.simple'::regconfig END;
          END
          $body$$make$, cases);
      END
      $migration$;

      CREATE FUNCTION palaute_item_work_of_new() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO palaute_item_work AS w (item_id, touchpoint_id, status, created_ms,
            first_response_ms, closed_ms, level, answer_keys, planned_stays, segment)
          SELECT n.id, n.touchpoint_id, n.status,
            round(extract(epoch FROM n.created_at) * 1000)::bigint,
            n.first_response_ms, n.closed_ms, n.document ->> 'level',
            palaute_answer_keys(n.document), n.planned_stays, n.document -> 'segment'
          FROM added AS n
          ON CONFLICT (item_id) DO UPDATE SET touchpoint_id = EXCLUDED.touchpoint_id,
            status = EXCLUDED.status, created_ms = EXCLUDED.created_ms,
            first_response_ms = EXCLUDED.first_response_ms, closed_ms = EXCLUDED.closed_ms,
            level = EXCLUDED.level, answer_keys = EXCLUDED.answer_keys,
            planned_stays = EXCLUDED.planned_stays, segment = EXCLUDED.segment;
        RETURN NULL;
      END
      $$;
      DROP TRIGGER palaute_item_work_sync ON palaute_items;
      CREATE TRIGGER palaute_item_work_sync AFTER UPDATE ON palaute_items
        FOR EACH ROW EXECUTE FUNCTION palaute_item_work_sync();
      CREATE TRIGGER palaute_item_work_of_new
        AFTER INSERT ON palaute_items REFERENCING NEW TABLE AS added
        FOR EACH STATEMENT EXECUTE FUNCTION palaute_item_work_of_new();
    `,
  },
  {
    id: 20,
    name: 'no index that another index already leads with',
    // Every write kept, beside each table's key, an index on customer_id alone, which the key (or
    // a unique index) already leads with: responses (customer_id, id), items (customer_id,
    // response_id), follow-up answers (customer_id, response_id, follow_up_id), displays and
    // dismissals (customer_id, response_id), replies (customer_id, reply_id). A read or deletion
    // by customer alone uses the longer index's leading column, as it would the short one; a
    // write no longer pays for a second index of the same column.
    sql: `
      DROP INDEX palaute_responses_customer;
      DROP INDEX palaute_items_customer;
      DROP INDEX palaute_follow_ups_customer;
      DROP INDEX palaute_displays_customer;
      DROP INDEX palaute_dismissals_customer;
      DROP INDEX palaute_replies_customer;
    `,
  },
  {
    id: 21,
    name: 'exact percentiles of the work figures from counts over duration buckets',
    // The work figures' medians and 90th percentiles (time to first response and to close, per
    // touchpoint, per level and overall) sorted every duration of the period's items. Now
    // palaute_item_durations counts, per creation month (epoch days of its first day, as
    // palaute_month_of) × touchpoint × the team's level ('' for none) × duration bucket, the
    // items' durations from creation to the first response (kind 0) and to the close (kind 1), in
    // whole milliseconds as palaute_item_work holds them, with the least and greatest duration of
    // each cell. A report finds from those counts the bucket holding each rank a percentile
    // needs; when that bucket's least and greatest are one value (ties) it is the value, else
    // only that bucket's durations are read, in order, from one of two indexes of
    // palaute_item_work by touchpoint and duration. Buckets are fixed edges in milliseconds
    // (palaute_duration_edges; bucket 0 holds what is below the first edge, 0: negative
    // durations), compared as integers by width_bucket, so the read and the triggers agree.
    //
    // Kept by triggers on palaute_item_work (which follows every item's insert, update and
    // deletion, erasures included): a row's durations are taken out of their cells and its new
    // ones added when its creation time, touchpoint, level, first response or close change. A
    // cell reaching zero is deleted; a duration taken out that was its cell's least or greatest
    // (when those differ) makes the cell read them again from the rows (through the same indexes).
    sql: `
      CREATE FUNCTION palaute_duration_edges() RETURNS bigint[] LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$
        SELECT ARRAY[0, 60000, 300000, 900000, 1800000,
          3600000, 7200000, 10800000, 14400000, 21600000, 28800000, 43200000, 57600000, 72000000,
          86400000, 129600000, 172800000, 216000000, 259200000, 345600000, 432000000, 518400000,
          604800000, 691200000, 864000000, 1036800000, 1209600000, 1468800000, 1814400000,
          2160000000, 2592000000, 3024000000, 3456000000, 4320000000, 5184000000, 6480000000,
          7776000000, 10368000000, 12960000000, 15552000000, 20736000000, 25920000000,
          31536000000, 38880000000, 47088000000, 63072000000, 94608000000]::bigint[]
      $$;
      CREATE FUNCTION palaute_duration_bucket(ms bigint) RETURNS integer
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT width_bucket(ms, palaute_duration_edges()) $$;

      CREATE TABLE palaute_item_durations (
        kind smallint NOT NULL,
        month integer NOT NULL,
        touchpoint_id text NOT NULL,
        level text NOT NULL,
        bucket integer NOT NULL,
        n integer NOT NULL,
        least_ms bigint,
        greatest_ms bigint,
        PRIMARY KEY (month, touchpoint_id, level, kind, bucket)
      );
      CREATE INDEX palaute_item_work_response_time
        ON palaute_item_work (touchpoint_id, (first_response_ms - created_ms))
        INCLUDE (created_ms, first_response_ms, level) WHERE first_response_ms IS NOT NULL;
      CREATE INDEX palaute_item_work_close_time
        ON palaute_item_work (touchpoint_id, (closed_ms - created_ms))
        INCLUDE (created_ms, closed_ms, level) WHERE closed_ms IS NOT NULL;

      CREATE FUNCTION palaute_item_durations_add(which smallint, created bigint, place text,
          team_level text, ms bigint, sign integer) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        m integer := palaute_month_of(floor(created / 86400000.0)::integer);
        b integer := palaute_duration_bucket(ms);
        l text := coalesce(team_level, '');
        low bigint := coalesce((palaute_duration_edges())[b], -9223372036854775808);
        high bigint := coalesce((palaute_duration_edges())[b + 1], 9223372036854775807);
        month_from bigint := m::bigint * 86400000;
        month_to bigint := palaute_month_of(m + 31)::bigint * 86400000;
        left_n integer;
        left_least bigint;
        left_greatest bigint;
      BEGIN
        IF ms IS NULL THEN
          RETURN;
        END IF;
        IF sign > 0 THEN
          INSERT INTO palaute_item_durations AS d (kind, month, touchpoint_id, level, bucket, n,
              least_ms, greatest_ms)
            VALUES (which, m, place, l, b, 1, ms, ms)
            ON CONFLICT (month, touchpoint_id, level, kind, bucket) DO UPDATE SET n = d.n + 1,
              least_ms = least(d.least_ms, ms), greatest_ms = greatest(d.greatest_ms, ms);
          RETURN;
        END IF;
        UPDATE palaute_item_durations AS d SET n = d.n - 1
          WHERE d.month = m AND d.touchpoint_id = place AND d.level = l AND d.kind = which
            AND d.bucket = b
          RETURNING d.n, d.least_ms, d.greatest_ms INTO left_n, left_least, left_greatest;
        IF left_n = 0 THEN
          DELETE FROM palaute_item_durations AS d
            WHERE d.month = m AND d.touchpoint_id = place AND d.level = l AND d.kind = which
              AND d.bucket = b;
        ELSIF left_least < left_greatest AND (ms = left_least OR ms = left_greatest) THEN
          -- (A cell whose least is its greatest holds that one value: what is left still does.)
          IF which = 0 THEN
            SELECT min(w.first_response_ms - w.created_ms), max(w.first_response_ms - w.created_ms)
              INTO left_least, left_greatest
              FROM palaute_item_work AS w
              WHERE w.first_response_ms IS NOT NULL AND w.touchpoint_id = place
                AND w.first_response_ms - w.created_ms >= low
                AND w.first_response_ms - w.created_ms < high
                AND w.created_ms >= month_from AND w.created_ms < month_to
                AND coalesce(w.level, '') = l;
          ELSE
            SELECT min(w.closed_ms - w.created_ms), max(w.closed_ms - w.created_ms)
              INTO left_least, left_greatest
              FROM palaute_item_work AS w
              WHERE w.closed_ms IS NOT NULL AND w.touchpoint_id = place
                AND w.closed_ms - w.created_ms >= low AND w.closed_ms - w.created_ms < high
                AND w.created_ms >= month_from AND w.created_ms < month_to
                AND coalesce(w.level, '') = l;
          END IF;
          UPDATE palaute_item_durations AS d SET least_ms = left_least, greatest_ms = left_greatest
            WHERE d.month = m AND d.touchpoint_id = place AND d.level = l AND d.kind = which
              AND d.bucket = b;
        END IF;
      END
      $$;
      CREATE FUNCTION palaute_item_durations_sync() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'INSERT' THEN
          PERFORM palaute_item_durations_add(0::smallint, OLD.created_ms, OLD.touchpoint_id,
            OLD.level, OLD.first_response_ms - OLD.created_ms, -1);
          PERFORM palaute_item_durations_add(1::smallint, OLD.created_ms, OLD.touchpoint_id,
            OLD.level, OLD.closed_ms - OLD.created_ms, -1);
        END IF;
        IF TG_OP <> 'DELETE' THEN
          PERFORM palaute_item_durations_add(0::smallint, NEW.created_ms, NEW.touchpoint_id,
            NEW.level, NEW.first_response_ms - NEW.created_ms, 1);
          PERFORM palaute_item_durations_add(1::smallint, NEW.created_ms, NEW.touchpoint_id,
            NEW.level, NEW.closed_ms - NEW.created_ms, 1);
        END IF;
        RETURN NULL;
      END
      $$;
      CREATE TRIGGER palaute_item_durations_insert AFTER INSERT ON palaute_item_work
        FOR EACH ROW WHEN (NEW.first_response_ms IS NOT NULL OR NEW.closed_ms IS NOT NULL)
        EXECUTE FUNCTION palaute_item_durations_sync();
      CREATE TRIGGER palaute_item_durations_update AFTER UPDATE ON palaute_item_work
        FOR EACH ROW WHEN (OLD.created_ms IS DISTINCT FROM NEW.created_ms
          OR OLD.touchpoint_id IS DISTINCT FROM NEW.touchpoint_id
          OR OLD.level IS DISTINCT FROM NEW.level
          OR OLD.first_response_ms IS DISTINCT FROM NEW.first_response_ms
          OR OLD.closed_ms IS DISTINCT FROM NEW.closed_ms)
        EXECUTE FUNCTION palaute_item_durations_sync();
      CREATE TRIGGER palaute_item_durations_delete AFTER DELETE ON palaute_item_work
        FOR EACH ROW WHEN (OLD.first_response_ms IS NOT NULL OR OLD.closed_ms IS NOT NULL)
        EXECUTE FUNCTION palaute_item_durations_sync();

      INSERT INTO palaute_item_durations (kind, month, touchpoint_id, level, bucket, n,
          least_ms, greatest_ms)
        SELECT x.kind, palaute_month_of(floor(w.created_ms / 86400000.0)::integer),
          w.touchpoint_id, coalesce(w.level, ''), palaute_duration_bucket(x.ms), count(*),
          min(x.ms), max(x.ms)
        FROM palaute_item_work AS w,
          LATERAL (VALUES (0::smallint, w.first_response_ms - w.created_ms),
                          (1::smallint, w.closed_ms - w.created_ms)) AS x(kind, ms)
        WHERE x.ms IS NOT NULL
        GROUP BY 1, 2, 3, 4, 5;
    `,
  },
  {
    id: 22,
    name: "a removal from the durations' counts reads only its own month's rows",
    // Taking a duration out of a cell of palaute_item_durations (migration 21) that was the cell's
    // least or greatest, while those differ, reads the cell's least and greatest again from the
    // items' rows. The indexes of migration 21 were keyed by touchpoint and duration, not by
    // creation time, so that read scanned the touchpoint's durations in the bucket across all
    // months to keep one month's. They are replaced by indexes keyed by touchpoint, duration
    // bucket and creation time (the duration's columns and the level included), the same number
    // of indexes for a write to keep: the removal reads the rows of its touchpoint, bucket and
    // month (its cell's, with the other levels'), and a report's read of a bucket reads the
    // period's rows of it (not every month's) and sorts them, which are as few. Both compare the
    // bucket as palaute_duration_bucket, the expression the indexes hold. That function now holds
    // the edges as a constant rather than calling palaute_duration_edges(): an index expression is
    // evaluated under the maintenance operations' search path (pg_catalog only, in PostgreSQL 17),
    // where a call by name to a function of ours is not found.
    sql: `
      DO $migration$
      BEGIN
        EXECUTE format($make$
          CREATE OR REPLACE FUNCTION palaute_duration_bucket(ms bigint) RETURNS integer
            LANGUAGE sql IMMUTABLE PARALLEL SAFE
          AS $body$ SELECT width_bucket(ms, %L::bigint[]) $body$$make$, palaute_duration_edges());
      END
      $migration$;
      DROP INDEX palaute_item_work_response_time;
      DROP INDEX palaute_item_work_close_time;
      CREATE INDEX palaute_item_work_response_cell ON palaute_item_work
        (touchpoint_id, palaute_duration_bucket(first_response_ms - created_ms), created_ms)
        INCLUDE (first_response_ms, level) WHERE first_response_ms IS NOT NULL;
      CREATE INDEX palaute_item_work_close_cell ON palaute_item_work
        (touchpoint_id, palaute_duration_bucket(closed_ms - created_ms), created_ms)
        INCLUDE (closed_ms, level) WHERE closed_ms IS NOT NULL;

      CREATE OR REPLACE FUNCTION palaute_item_durations_add(which smallint, created bigint,
          place text, team_level text, ms bigint, sign integer) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        m integer := palaute_month_of(floor(created / 86400000.0)::integer);
        b integer := palaute_duration_bucket(ms);
        l text := coalesce(team_level, '');
        month_from bigint := m::bigint * 86400000;
        month_to bigint := palaute_month_of(m + 31)::bigint * 86400000;
        left_n integer;
        left_least bigint;
        left_greatest bigint;
      BEGIN
        IF ms IS NULL THEN
          RETURN;
        END IF;
        IF sign > 0 THEN
          INSERT INTO palaute_item_durations AS d (kind, month, touchpoint_id, level, bucket, n,
              least_ms, greatest_ms)
            VALUES (which, m, place, l, b, 1, ms, ms)
            ON CONFLICT (month, touchpoint_id, level, kind, bucket) DO UPDATE SET n = d.n + 1,
              least_ms = least(d.least_ms, ms), greatest_ms = greatest(d.greatest_ms, ms);
          RETURN;
        END IF;
        UPDATE palaute_item_durations AS d SET n = d.n - 1
          WHERE d.month = m AND d.touchpoint_id = place AND d.level = l AND d.kind = which
            AND d.bucket = b
          RETURNING d.n, d.least_ms, d.greatest_ms INTO left_n, left_least, left_greatest;
        IF left_n = 0 THEN
          DELETE FROM palaute_item_durations AS d
            WHERE d.month = m AND d.touchpoint_id = place AND d.level = l AND d.kind = which
              AND d.bucket = b;
        ELSIF left_least < left_greatest AND (ms = left_least OR ms = left_greatest) THEN
          -- (A cell whose least is its greatest holds that one value: what is left still does.)
          IF which = 0 THEN
            SELECT min(w.first_response_ms - w.created_ms), max(w.first_response_ms - w.created_ms)
              INTO left_least, left_greatest
              FROM palaute_item_work AS w
              WHERE w.first_response_ms IS NOT NULL AND w.touchpoint_id = place
                AND palaute_duration_bucket(w.first_response_ms - w.created_ms) = b
                AND w.created_ms >= month_from AND w.created_ms < month_to
                AND coalesce(w.level, '') = l;
          ELSE
            SELECT min(w.closed_ms - w.created_ms), max(w.closed_ms - w.created_ms)
              INTO left_least, left_greatest
              FROM palaute_item_work AS w
              WHERE w.closed_ms IS NOT NULL AND w.touchpoint_id = place
                AND palaute_duration_bucket(w.closed_ms - w.created_ms) = b
                AND w.created_ms >= month_from AND w.created_ms < month_to
                AND coalesce(w.level, '') = l;
          END IF;
          UPDATE palaute_item_durations AS d SET least_ms = left_least, greatest_ms = left_greatest
            WHERE d.month = m AND d.touchpoint_id = place AND d.level = l AND d.kind = which
              AND d.bucket = b;
        END IF;
      END
      $$;
    `,
  },
  {
    id: 23,
    name: 'the CX rollups kept once per statement, from its transition tables',
    // Migration 16's rollups were kept by a row trigger on palaute_scores: one PL/pgSQL call and
    // two upserts per score, so a batch of 20 scored answers paid 20 calls and 40 upserts. They
    // are now kept once per statement: the scores a statement added (its NEW TABLE) and removed
    // (its OLD TABLE) are summed per day, touchpoint, survey, question, scale and segment, and
    // each rollup row is upserted once with the sum (its n and its counts added element by
    // element); a row a removal brings to zero is deleted, as before. The same rows as the row
    // trigger's, whatever the order: a sum does not depend on it (a test compares a batch with
    // repeated days, touchpoints and segments against the same rows written one at a time).
    // One score alone (a single answer) goes through migration 16's palaute_cx_rollup_add, as
    // before: the sums' statements cost more than its two upserts for one row (1.3× a single
    // scored response's CPU on PGlite, measured). Transition tables take one event per trigger:
    // three triggers share one function.
    sql: `
      CREATE FUNCTION palaute_cx_rollups_add(gone palaute_scores[], come palaute_scores[])
        RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        WITH changes AS (
          SELECT s.*, -1 AS sign FROM unnest(gone) AS s
          UNION ALL
          SELECT s.*, 1 AS sign FROM unnest(come) AS s
        ), per_score AS (
          SELECT day, touchpoint_id, survey_id, question_id, metric, scale_min, scale_max,
            coalesce(segment, 'null'::jsonb) AS segment, score, sum(sign)::integer AS c
          FROM changes GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
        ), g AS (
          SELECT day, touchpoint_id, survey_id, question_id, metric, scale_min, scale_max, segment,
            sum(c)::integer AS n, jsonb_object_agg(score::text, c) AS by_score
          FROM per_score GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
        )
        INSERT INTO palaute_cx_days AS d (day, touchpoint_id, survey_id, question_id, metric,
            scale_min, scale_max, segment, n, counts)
          SELECT g.day, g.touchpoint_id, g.survey_id, g.question_id, g.metric, g.scale_min,
            g.scale_max, g.segment, g.n,
            ARRAY(SELECT coalesce((g.by_score ->> k::text)::integer, 0)
                  FROM generate_series(g.scale_min, g.scale_max) AS k ORDER BY k)
          FROM g
          ON CONFLICT (day, touchpoint_id, survey_id, question_id, metric, scale_min, scale_max, segment)
          DO UPDATE SET n = d.n + EXCLUDED.n,
            counts = ARRAY(SELECT u.a + u.b
                           FROM unnest(d.counts, EXCLUDED.counts) WITH ORDINALITY AS u(a, b, i)
                           ORDER BY u.i);
        WITH changes AS (
          SELECT s.*, -1 AS sign FROM unnest(gone) AS s
          UNION ALL
          SELECT s.*, 1 AS sign FROM unnest(come) AS s
        ), per_score AS (
          SELECT palaute_month_of(day) AS month, touchpoint_id, survey_id, question_id, metric,
            scale_min, scale_max, coalesce(segment, 'null'::jsonb) AS segment, score,
            sum(sign)::integer AS c
          FROM changes GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
        ), g AS (
          SELECT month, touchpoint_id, survey_id, question_id, metric, scale_min, scale_max,
            segment, sum(c)::integer AS n, jsonb_object_agg(score::text, c) AS by_score
          FROM per_score GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
        )
        INSERT INTO palaute_cx_months AS m (month, touchpoint_id, survey_id, question_id, metric,
            scale_min, scale_max, segment, n, counts)
          SELECT g.month, g.touchpoint_id, g.survey_id, g.question_id, g.metric, g.scale_min,
            g.scale_max, g.segment, g.n,
            ARRAY(SELECT coalesce((g.by_score ->> k::text)::integer, 0)
                  FROM generate_series(g.scale_min, g.scale_max) AS k ORDER BY k)
          FROM g
          ON CONFLICT (month, touchpoint_id, survey_id, question_id, metric, scale_min, scale_max, segment)
          DO UPDATE SET n = m.n + EXCLUDED.n,
            counts = ARRAY(SELECT u.a + u.b
                           FROM unnest(m.counts, EXCLUDED.counts) WITH ORDINALITY AS u(a, b, i)
                           ORDER BY u.i);
        IF cardinality(gone) > 0 THEN
          DELETE FROM palaute_cx_days AS d
            WHERE d.n = 0 AND (d.day, d.touchpoint_id, d.survey_id, d.question_id, d.metric,
              d.scale_min, d.scale_max, d.segment) IN (
              SELECT day, touchpoint_id, survey_id, question_id, metric, scale_min, scale_max,
                coalesce(segment, 'null'::jsonb) FROM unnest(gone));
          DELETE FROM palaute_cx_months AS m
            WHERE m.n = 0 AND (m.month, m.touchpoint_id, m.survey_id, m.question_id, m.metric,
              m.scale_min, m.scale_max, m.segment) IN (
              SELECT palaute_month_of(day), touchpoint_id, survey_id, question_id, metric,
                scale_min, scale_max, coalesce(segment, 'null'::jsonb) FROM unnest(gone));
        END IF;
      END
      $$;
      CREATE FUNCTION palaute_cx_rollups_sync() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        gone palaute_scores[] := '{}';
        come palaute_scores[] := '{}';
      BEGIN
        IF TG_OP <> 'INSERT' THEN
          SELECT coalesce(array_agg(r), '{}') INTO gone FROM removed AS r;
        END IF;
        IF TG_OP <> 'DELETE' THEN
          SELECT coalesce(array_agg(r), '{}') INTO come FROM added AS r;
        END IF;
        IF cardinality(gone) + cardinality(come) > 1 THEN
          PERFORM palaute_cx_rollups_add(gone, come);
        ELSIF cardinality(gone) = 1 THEN
          PERFORM palaute_cx_rollup_add(gone[1], -1);
        ELSIF cardinality(come) = 1 THEN
          PERFORM palaute_cx_rollup_add(come[1], 1);
        END IF;
        RETURN NULL;
      END
      $$;
      DROP TRIGGER palaute_cx_rollup_sync ON palaute_scores;
      DROP FUNCTION palaute_cx_rollup_sync();
      CREATE TRIGGER palaute_cx_rollups_insert AFTER INSERT ON palaute_scores
        REFERENCING NEW TABLE AS added
        FOR EACH STATEMENT EXECUTE FUNCTION palaute_cx_rollups_sync();
      CREATE TRIGGER palaute_cx_rollups_update AFTER UPDATE ON palaute_scores
        REFERENCING OLD TABLE AS removed NEW TABLE AS added
        FOR EACH STATEMENT EXECUTE FUNCTION palaute_cx_rollups_sync();
      CREATE TRIGGER palaute_cx_rollups_delete AFTER DELETE ON palaute_scores
        REFERENCING OLD TABLE AS removed
        FOR EACH STATEMENT EXECUTE FUNCTION palaute_cx_rollups_sync();
    `,
  },
  {
    id: 24,
    name: 'the responses whose feedback item is still to be made',
    // A response is stored alone (its own statement, with its score and display triggers), and
    // a row here, in the same statement, says its item is still to be made. The item drain
    // (storage.items.ts) takes these rows in order, a batch per transaction, deletes them and
    // inserts the batch's items in one statement; a crash before its commit leaves them here, so
    // nothing is lost, and two drains never take the same row (FOR UPDATE, SKIP LOCKED for the
    // background one) nor make an item twice (the items' unique customer and response). Small:
    // rows live from a write to the next drain, tens of milliseconds. No foreign key (a check
    // per write): the drain joins its rows on the responses, and erasure deletes a customer's.
    sql: `
      CREATE TABLE palaute_pending_items (
        seq bigserial PRIMARY KEY,
        customer_id text NOT NULL,
        response_id text NOT NULL
      );
    `,
  },
  {
    id: 25,
    name: 'cheaper new rows: one trigger call per statement of responses, work rows without a key check',
    // What the database does for every new response and item, made smaller with the same rows
    // written (measured by statement, rolled back, alternating with the triggers before it).
    // New responses: migration 15's two statement triggers (display days answered, then scores)
    // become one function doing both in that order, one trigger call instead of two; the scores'
    // insert runs only when one of the statement's surveys has a counted question (an insert of
    // no rows still fired the rollups' statement trigger of migration 23). New items' work rows
    // (migration 19): the answered questions' keys are made in the statement (migration 14's
    // palaute_answer_keys, a SQL function with an aggregate, cannot be inlined and was a call
    // per row), and the foreign key to palaute_items goes: it checked, with a row lock, each
    // work row that only this trigger writes for the item just inserted. A deleted item still
    // takes its work row with it, by a statement trigger where the key's cascade did it (and the
    // work row still takes its stays, whose key stays).
    sql: `
${responsesAddedFunction('CREATE', false)}      DROP TRIGGER palaute_display_days_of_responses ON palaute_responses;
      DROP TRIGGER palaute_scores_of_responses ON palaute_responses;
      DROP FUNCTION palaute_display_days_of_responses();
      DROP FUNCTION palaute_scores_of_responses();
      CREATE TRIGGER palaute_responses_added
        AFTER INSERT ON palaute_responses REFERENCING NEW TABLE AS added
        FOR EACH STATEMENT EXECUTE FUNCTION palaute_responses_added();

      CREATE OR REPLACE FUNCTION palaute_item_work_of_new() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO palaute_item_work AS w (item_id, touchpoint_id, status, created_ms,
            first_response_ms, closed_ms, level, answer_keys, planned_stays, segment)
          SELECT n.id, n.touchpoint_id, n.status,
            round(extract(epoch FROM n.created_at) * 1000)::bigint,
            n.first_response_ms, n.closed_ms, n.document ->> 'level',
            ARRAY(SELECT (n.document ->> 'surveyId') || '/' || k
                  FROM jsonb_object_keys(CASE jsonb_typeof(n.document -> 'answers')
                    WHEN 'object' THEN n.document -> 'answers' ELSE '{}' END) AS k),
            n.planned_stays, n.document -> 'segment'
          FROM added AS n
          ON CONFLICT (item_id) DO UPDATE SET touchpoint_id = EXCLUDED.touchpoint_id,
            status = EXCLUDED.status, created_ms = EXCLUDED.created_ms,
            first_response_ms = EXCLUDED.first_response_ms, closed_ms = EXCLUDED.closed_ms,
            level = EXCLUDED.level, answer_keys = EXCLUDED.answer_keys,
            planned_stays = EXCLUDED.planned_stays, segment = EXCLUDED.segment;
        RETURN NULL;
      END
      $$;
      ALTER TABLE palaute_item_work DROP CONSTRAINT palaute_item_work_item_id_fkey;
      CREATE FUNCTION palaute_item_work_of_gone() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM palaute_item_work WHERE item_id IN (SELECT id FROM gone);
        RETURN NULL;
      END
      $$;
      CREATE TRIGGER palaute_item_work_of_gone
        AFTER DELETE ON palaute_items REFERENCING OLD TABLE AS gone
        FOR EACH STATEMENT EXECUTE FUNCTION palaute_item_work_of_gone();
    `,
  },
  {
    id: 26,
    name: 'answered display days counted only when a new response had a display',
    // Migration 25's function opened the display days' insert (its table, indexes and conflict
    // arbiter) on every statement of responses, also when none of them had a display, which most
    // writes of a journey-less host and every response without a display are: a profile of the
    // database under single responses put that insert's set-up at about a third of the trigger's
    // queries. It now runs only when a new response has a display (one index probe per response
    // first); the rows written are the same (a test writes the same responses, with and
    // without displays, before and after this migration).
    sql: `
${responsesAddedFunction('CREATE OR REPLACE', true)}    `,
  },
];

/** The advisory lock key migrations hold (any constant; "palaute" in ASCII, shortened). */
const MIGRATION_LOCK = 0x70616c61;

/**
 * Applies the migrations not applied yet, each recorded in `palaute_migrations`, all in one
 * transaction that first takes a transaction-level advisory lock (`pg_advisory_xact_lock`): server
 * instances starting at once against one PostgreSQL take turns, and the later ones find nothing
 * left to do. Resolves with the ids it applied (none on a re-run).
 */
export async function migrate(
  sql: Sql,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number[]> {
  return sql.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(`
      CREATE TABLE IF NOT EXISTS palaute_migrations (
        id integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
    const done = new Set(
      (await tx.query<{ id: number }>('SELECT id FROM palaute_migrations')).map((row) => row.id),
    );
    const applied: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.id - b.id)) {
      if (done.has(migration.id)) continue;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO palaute_migrations (id, name) VALUES ($1, $2)', [
        migration.id,
        migration.name,
      ]);
      applied.push(migration.id);
    }
    return applied;
  });
}
