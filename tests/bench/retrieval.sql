--
-- tests/bench/retrieval.sql
--	  Ranking quality on a Vietnamese question -> answer-passage set: MRR@10
--	  and recall@10 for ts_rank and ts_rank_cd, per configuration, with the
--	  questions as written and with every diacritic stripped.
--
--	  Each question becomes plainto_tsquery(cfg, question) with every AND and
--	  phrase operator turned into OR (a question is long; requiring all its
--	  words would match nothing), and every passage that matches it is
--	  ranked.  Ties in rank are broken by passage id, so runs are repeatable.
--
--	  This file prepares; retrieval_score.sql ranks (run.sh runs one copy
--	  per core, each on its share of the questions); retrieval_report.sql
--	  prints the table.  ts_rank_cd over ~2 million (question, passage)
--	  pairs per configuration is what takes the time.
--
--	  psql variable: cfgs (comma-separated configuration names; "doc/query"
--	  indexes the passages with doc and parses the questions with query).
--	  Needs ret_passage(pid, body) and ret_question(qid, question, rel),
--	  loaded by run.sh.
--
SET client_min_messages = warning;
SET max_parallel_workers_per_gather = 0;

-- Rewrite a tsquery so that every & and <N> / <-> becomes |.  Works on the
-- text form, touching only what lies outside quoted lexemes, so a lexeme
-- that itself contains '&' or '<' survives.
CREATE OR REPLACE FUNCTION bench_orquery(q tsquery) RETURNS tsquery
LANGUAGE sql IMMUTABLE STRICT
AS $$
	SELECT CASE WHEN numnode(q) = 0 THEN q
		ELSE coalesce((
			SELECT string_agg(CASE WHEN m[1] IS NOT NULL THEN m[1]
						ELSE regexp_replace(m[2], '<[0-9]+>|<->|&', '|', 'g') END,
							  '' ORDER BY n)
			FROM regexp_matches(querytree(q), $re$('(?:[^']|'')*')|([^']+)$re$, 'g')
				WITH ORDINALITY AS x(m, n))::tsquery, ''::tsquery)
	END
$$;

DROP TABLE IF EXISTS ret_cfg, ret_doc, ret_q, ret_uq, ret_hit;
CREATE TABLE ret_cfg AS
	SELECT btrim(c) AS cfg, n AS ord,
		   split_part(btrim(c), '/', 1) AS dcfg,
		   coalesce(nullif(split_part(btrim(c), '/', 2), ''),
					split_part(btrim(c), '/', 1)) AS qcfg
	FROM unnest(string_to_array(:'cfgs', ',')) WITH ORDINALITY AS x(c, n);

CREATE TABLE ret_doc AS
	SELECT c.cfg, p.pid, to_tsvector(c.dcfg::regconfig, p.body) AS tsv
	FROM ret_passage p, ret_cfg c;

CREATE TABLE ret_q AS
	SELECT c.cfg, v.variant, q.qid, q.rel,
		   bench_orquery(plainto_tsquery(c.qcfg::regconfig,
										 CASE v.variant WHEN 'stripped' THEN bench_strip(q.question)
											ELSE q.question END))::text AS orq
	FROM ret_question q, ret_cfg c,
		(VALUES ('as written'), ('stripped')) AS v(variant);
ANALYZE ret_doc;
ANALYZE ret_q;

-- The same question may give the same query in both variants (always so
-- with simple_unaccent); rank each distinct query once.  Queries are kept
-- as text: a tsquery cannot be TOASTed, and a long question's can be
-- larger than a table row may be.
CREATE TABLE ret_uq AS
	SELECT row_number() OVER (ORDER BY cfg, qid, orq) AS uq, cfg, qid, orq
	FROM (SELECT DISTINCT cfg, qid, orq FROM ret_q) AS d;
ALTER TABLE ret_q ADD COLUMN uq bigint;
UPDATE ret_q q SET uq = u.uq
	FROM ret_uq u
	WHERE u.cfg = q.cfg AND u.qid = q.qid AND u.orq = q.orq;
ANALYZE ret_uq;

CREATE TABLE ret_hit (
	uq			bigint NOT NULL,
	pid			text NOT NULL,
	rk			bigint NOT NULL,	/* position by ts_rank */
	rkcd		bigint NOT NULL,	/* position by ts_rank_cd */
	rk1			bigint NOT NULL		/* position by ts_rank(.., 1): log length */
);

-- Rank the passages for one share of the distinct queries; keep the top 10
-- of each ranking.  One query at a time, so its text is parsed once.
CREATE OR REPLACE FUNCTION bench_rank_part(part int, parts int) RETURNS void
LANGUAGE plpgsql
AS $$
DECLARE
	u			record;
	q			tsquery;
BEGIN
	FOR u IN SELECT uq, cfg, orq FROM ret_uq WHERE uq % parts = part ORDER BY uq LOOP
		q := u.orq::tsquery;
		CONTINUE WHEN numnode(q) = 0;
		INSERT INTO ret_hit
			WITH scored AS (
				SELECT d.pid,
					   ts_rank(d.tsv, q) AS r,
					   ts_rank_cd(d.tsv, q) AS rcd,
					   ts_rank(d.tsv, q, 1) AS r1
				FROM ret_doc d
				WHERE d.cfg = u.cfg AND d.tsv @@ q
			),
			ranked AS (
				SELECT pid,
					   row_number() OVER (ORDER BY r DESC, pid) AS rk,
					   row_number() OVER (ORDER BY rcd DESC, pid) AS rkcd,
					   row_number() OVER (ORDER BY r1 DESC, pid) AS rk1
				FROM scored
			)
			SELECT u.uq, pid, rk, rkcd, rk1 FROM ranked
			WHERE rk <= 10 OR rkcd <= 10 OR rk1 <= 10;
	END LOOP;
END
$$;
