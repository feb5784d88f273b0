#!/bin/bash
#
# tests/bench/layout.sh
#	  The dictionary's three layouts side by side with simple, on the same
#	  data in one run: pairs (compounds and syllables as exact + folded
#	  lexemes; vietnamese_dict before 0.3.0), hybrid (compounds as one
#	  "folded=exact" lexeme; vietnamese_dict since 0.3.0) and prefix (every
#	  form as one lexeme).  Stored tsvector columns, GIN build (3 builds
#	  each, interleaved), ranked search (queries.txt as websearch_to_tsquery,
#	  top 10 by ts_rank_cd) with a check that all layouts find the same
#	  articles, and optionally MRR@10 on the retrieval set.
#
#	    pg_virtualenv -t -v 15 bash tests/bench/layout.sh [--full] [--retrieval | --retrieval-only]
#
#	  Default: 10% of the news corpus, 100 of the 500 questions; --full: all.
#
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
DATA=${VNFTS_BENCH_DATA:-$here/../../../shared}
FULL=0
RET=0
NEWS=1
QREPS=5
for a in "$@"; do
	case "$a" in
		--full) FULL=1 ;;
		--retrieval) RET=1 ;;
		--retrieval-only) RET=1; NEWS=0 ;;
		*) echo "unknown option $a" >&2; exit 1 ;;
	esac
done
DB=vnfts_layout
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -d "$DB")
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
"${PSQL[@]}" -f "$here/setup.sql"
"${PSQL[@]}" <<'SQL'
CREATE EXTENSION vietnamese_fts;
CREATE TEXT SEARCH DICTIONARY vietnamese_pairs_dict (
	TEMPLATE = vietnamese_template, StopWords = vietnamese, Layout = pairs);
CREATE TEXT SEARCH CONFIGURATION vietnamese_pairs (COPY = vietnamese);
ALTER TEXT SEARCH CONFIGURATION vietnamese_pairs
	ALTER MAPPING REPLACE vietnamese_dict WITH vietnamese_pairs_dict;
CREATE TEXT SEARCH DICTIONARY vietnamese_prefix_dict (
	TEMPLATE = vietnamese_template, StopWords = vietnamese, Layout = prefix);
CREATE TEXT SEARCH CONFIGURATION vietnamese_prefix (COPY = vietnamese);
ALTER TEXT SEARCH CONFIGURATION vietnamese_prefix
	ALTER MAPPING REPLACE vietnamese_dict WITH vietnamese_prefix_dict;
SQL
# the installed library must be the one with the option
"${PSQL[@]}" -At -c "SELECT 'check: ' || to_tsvector('vietnamese_prefix', 'đảng dang')::text"
"${PSQL[@]}" -At -c "SELECT 'layouts: ' || string_agg(dictname || ' ' || dictinitoption, '; ') FROM pg_ts_dict WHERE dictname LIKE 'vietnamese%dict'"

if [ $NEWS = 1 ]; then
"${PSQL[@]}" -c "CREATE TABLE news (rn bigint GENERATED ALWAYS AS IDENTITY, id text, title text, body text)"
gunzip -c "$DATA/corpus/news.tsv.gz" | awk -v f=$FULL 'f == 1 || NR % 10 == 1' |
	"${PSQL[@]}" -c "\\copy news (id, title, body) FROM pstdin WITH (FORMAT csv, DELIMITER E'\\t', QUOTE E'\\x01', FORCE_NOT_NULL (title, body))"
"${PSQL[@]}" -c "VACUUM ANALYZE news"
"${PSQL[@]}" -At -c "SELECT 'news: ' || count(*) || ' articles, ' || round(sum(octet_length(title) + octet_length(body) + 1) / 1e6, 1) || ' MB' FROM news"

"${PSQL[@]}" -c "CREATE TABLE bench_query (qno int GENERATED ALWAYS AS IDENTITY, query text)"
grep -v -e '^#' -e '^[[:space:]]*$' "$here/queries.txt" |
	"${PSQL[@]}" -c "\\copy bench_query (query) FROM pstdin WITH (FORMAT csv, DELIMITER E'\\x02', QUOTE E'\\x01')"

"${PSQL[@]}" -v qreps=$QREPS <<'SQL'
SET client_min_messages = warning;
SET max_parallel_workers_per_gather = 0;
SET max_parallel_maintenance_workers = 0;
SET maintenance_work_mem = '256MB';
SET bench.qreps = :'qreps';
CREATE TABLE cfgs (ord int, cfg text, tab text);
INSERT INTO cfgs VALUES (1, 'simple', 'docs_simple'), (2, 'vietnamese_pairs', 'docs_pairs'),
	(3, 'vietnamese', 'docs_hybrid'), (4, 'vietnamese_prefix', 'docs_prefix');

DO $$
DECLARE
	c record;
BEGIN
	FOR c IN SELECT * FROM cfgs ORDER BY ord LOOP
		EXECUTE format('CREATE TABLE %I (rn bigint, id text, title text, body text, '
					   'tsv tsvector GENERATED ALWAYS AS '
					   '(to_tsvector(%L::regconfig, title || %L || body)) STORED)',
					   c.tab, c.cfg, ' ');
		INSERT INTO bench_result VALUES ('fill', c.cfg, c.tab, 1,
			bench_time(format('INSERT INTO %I (rn, id, title, body) SELECT rn, id, title, body FROM news', c.tab)));
		EXECUTE format('ANALYZE %I', c.tab);
	END LOOP;
	FOR r IN 1..3 LOOP
		FOR c IN SELECT * FROM cfgs ORDER BY ord LOOP
			EXECUTE format('DROP INDEX IF EXISTS %I', c.tab || '_gin');
			INSERT INTO bench_result VALUES ('gin', c.cfg, c.tab, r,
				bench_time(format('CREATE INDEX %I ON %I USING gin (tsv)', c.tab || '_gin', c.tab)),
				pg_relation_size(c.tab || '_gin'));
		END LOOP;
	END LOOP;
END
$$;

CREATE TABLE stats (cfg text, tsv_bytes bigint, doc_lexemes bigint, distinct_lexemes bigint, positions bigint);
DO $$
DECLARE
	c record;
BEGIN
	FOR c IN SELECT * FROM cfgs ORDER BY ord LOOP
		EXECUTE format('INSERT INTO stats SELECT %L, (SELECT sum(pg_column_size(tsv)) FROM %I), '
					   '(SELECT sum(length(tsv)) FROM %I), '
					   '(SELECT count(DISTINCT lexeme) FROM %I, unnest(tsv)), '
					   '(SELECT sum(cardinality(positions)) FROM %I, unnest(tsv))',
					   c.cfg, c.tab, c.tab, c.tab, c.tab);
	END LOOP;
END
$$;

\echo
\echo '== stored tsvector and GIN (maintenance_work_mem 256MB, one core; GIN time = median of 3) =='
WITH g AS (
	SELECT cfg, percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) AS gin_s, max(value) AS gin_bytes
	FROM bench_result WHERE bench = 'gin' GROUP BY cfg
), f AS (SELECT cfg, seconds AS fill_s FROM bench_result WHERE bench = 'fill'),
a AS (
	SELECT c.ord, c.cfg, f.fill_s, s.tsv_bytes, s.doc_lexemes, s.distinct_lexemes, s.positions, g.gin_s, g.gin_bytes
	FROM cfgs c JOIN f USING (cfg) JOIN g USING (cfg) JOIN stats s USING (cfg)
)
SELECT a.cfg, round(a.fill_s::numeric, 1) AS fill_s,
	   round(a.tsv_bytes / 1048576.0, 1) AS tsv_mb, round(a.tsv_bytes::numeric / b.tsv_bytes, 2) AS "tsv/simple",
	   a.doc_lexemes, round(a.doc_lexemes::numeric / b.doc_lexemes, 2) AS "lex/simple",
	   a.positions, a.distinct_lexemes,
	   round(a.gin_s::numeric, 2) AS gin_s, round((a.gin_s / b.gin_s)::numeric, 2) AS "gin_s/simple",
	   round((a.gin_bytes / 1048576)::numeric, 1) AS gin_mb, round((a.gin_bytes / b.gin_bytes)::numeric, 2) AS "gin_mb/simple"
FROM a, a b WHERE b.cfg = 'simple' ORDER BY a.ord;

SELECT cfg, rep, round(seconds::numeric, 2) AS gin_s FROM bench_result WHERE bench = 'gin' ORDER BY cfg, rep;

-- search
CREATE TABLE hitset (cfg text, qno int, rns bigint[]);
CREATE TABLE top10 (cfg text, qno int, rns bigint[]);
CREATE TABLE plans (cfg text, qno int, plan text);
DO $$
DECLARE
	qreps		int := current_setting('bench.qreps')::int;
	stmt		text;
	hits		bigint;
	q			record;
	c			record;
	plan		json;
BEGIN
	FOR q IN SELECT qno, query FROM bench_query ORDER BY qno LOOP
		FOR c IN SELECT * FROM cfgs ORDER BY ord LOOP
			stmt := format('SELECT id FROM %I, websearch_to_tsquery(%L::regconfig, %L) AS query '
						   'WHERE tsv @@ query ORDER BY ts_rank_cd(tsv, query) DESC, rn LIMIT 10',
						   c.tab, c.cfg, q.query);
			EXECUTE format('SELECT count(*) FROM %I WHERE tsv @@ websearch_to_tsquery(%L::regconfig, %L)',
						   c.tab, c.cfg, q.query) INTO hits;
			EXECUTE format('INSERT INTO hitset SELECT %L, %s, array_agg(rn ORDER BY rn) FROM %I '
						   'WHERE tsv @@ websearch_to_tsquery(%L::regconfig, %L)',
						   c.cfg, q.qno, c.tab, c.cfg, q.query);
			EXECUTE format('INSERT INTO top10 SELECT %L, %s, array_agg(rn) FROM (SELECT rn FROM %I, websearch_to_tsquery(%L::regconfig, %L) AS query '
						   'WHERE tsv @@ query ORDER BY ts_rank_cd(tsv, query) DESC, rn LIMIT 10) t',
						   c.cfg, q.qno, c.tab, c.cfg, q.query);
			EXECUTE 'EXPLAIN (FORMAT JSON) ' || stmt INTO plan;
			INSERT INTO plans VALUES (c.cfg, q.qno, plan::text);
			PERFORM bench_time(stmt);
			FOR r IN 1..qreps LOOP
				INSERT INTO bench_result VALUES ('search', c.cfg, q.qno::text, r, bench_time(stmt), hits);
			END LOOP;
		END LOOP;
	END LOOP;
END
$$ ;

\echo
\echo '== ranked search, ms (websearch_to_tsquery, top 10 by ts_rank_cd; median of 5 runs per query) =='
CREATE TABLE perq AS
	SELECT cfg, item::int AS qno, percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) * 1000 AS ms, max(value) AS hits
	FROM bench_result WHERE bench = 'search' GROUP BY cfg, item;
WITH s AS (
	SELECT cfg, count(*) AS queries,
		   percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50,
		   percentile_cont(0.95) WITHIN GROUP (ORDER BY ms) AS p95,
		   avg(ms) AS mean, max(ms) AS worst,
		   percentile_cont(0.5) WITHIN GROUP (ORDER BY hits) AS med_hits
	FROM perq GROUP BY cfg
)
SELECT s.cfg, s.queries, round(s.p50::numeric, 2) AS p50_ms, round(s.p95::numeric, 2) AS p95_ms,
	   round(s.mean::numeric, 2) AS mean_ms, round(s.worst::numeric, 2) AS max_ms, s.med_hits,
	   round((s.p50 / b.p50)::numeric, 2) AS "p50/simple", round((s.p95 / b.p95)::numeric, 2) AS "p95/simple",
	   round((s.p95 / v.p95)::numeric, 2) AS "p95/pairs"
FROM s JOIN cfgs c USING (cfg), s b, s v WHERE b.cfg = 'simple' AND v.cfg = 'vietnamese_pairs' ORDER BY c.ord;

\echo 'queries all configurations answer: latency and per matching article'
WITH answered AS (SELECT qno FROM perq GROUP BY qno
				  HAVING count(*) = (SELECT count(*) FROM cfgs) AND bool_and(hits > 0))
SELECT cfg, count(*) AS queries,
	   round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric, 2) AS p50_ms,
	   round(percentile_cont(0.95) WITHIN GROUP (ORDER BY ms)::numeric, 2) AS p95_ms,
	   percentile_cont(0.5) WITHIN GROUP (ORDER BY hits) AS median_hits,
	   round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms * 1000 / hits)::numeric, 1) AS "us/match (median)"
FROM perq JOIN cfgs USING (cfg) WHERE qno IN (SELECT qno FROM answered) GROUP BY cfg, ord ORDER BY ord;
\echo 'the layouts on all queries with hits: per matching article'
SELECT cfg, count(*) AS queries,
	   round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms * 1000 / hits)::numeric, 1) AS "us/match (median)",
	   round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric, 2) AS p50_ms,
	   round(percentile_cont(0.95) WITHIN GROUP (ORDER BY ms)::numeric, 2) AS p95_ms
FROM perq JOIN cfgs USING (cfg) WHERE cfg <> 'simple' AND hits > 0 GROUP BY cfg, ord ORDER BY ord;
\echo 'same matching articles as pairs (queries where a layout differs):'
SELECT q.qno, b.query, p.cfg, coalesce(cardinality(a.rns), 0) AS pairs_hits, coalesce(cardinality(p.rns), 0) AS layout_hits
FROM hitset a JOIN hitset p ON p.qno = a.qno AND p.cfg IN ('vietnamese', 'vietnamese_prefix')
	JOIN bench_query b ON b.qno = a.qno JOIN (SELECT qno FROM bench_query) q ON q.qno = a.qno
WHERE a.cfg = 'vietnamese_pairs' AND a.rns IS DISTINCT FROM p.rns;
SELECT p.cfg, count(*) FILTER (WHERE a.rns IS NOT DISTINCT FROM p.rns) AS same_hits_as_pairs,
	   count(*) FILTER (WHERE a.rns IS DISTINCT FROM p.rns) AS different_hits,
	   count(*) FILTER (WHERE t.rns IS NOT DISTINCT FROM u.rns) AS same_top10_order,
	   count(*) FILTER (WHERE (SELECT count(*) FROM unnest(t.rns) x WHERE x = ANY (u.rns)) = coalesce(cardinality(t.rns), 0)) AS same_top10_set
FROM hitset a JOIN hitset p ON p.qno = a.qno AND p.cfg IN ('vietnamese', 'vietnamese_prefix') AND a.cfg = 'vietnamese_pairs'
	JOIN top10 t ON t.qno = a.qno AND t.cfg = 'vietnamese_pairs' JOIN top10 u ON u.qno = a.qno AND u.cfg = p.cfg
GROUP BY p.cfg ORDER BY p.cfg;
\echo 'slowest queries (ms):'
SELECT b.query, round(max(ms) FILTER (WHERE cfg = 'simple')::numeric, 1) AS simple,
	   round(max(ms) FILTER (WHERE cfg = 'vietnamese_pairs')::numeric, 1) AS pairs,
	   round(max(ms) FILTER (WHERE cfg = 'vietnamese')::numeric, 1) AS hybrid,
	   round(max(ms) FILTER (WHERE cfg = 'vietnamese_prefix')::numeric, 1) AS prefix,
	   max(hits) FILTER (WHERE cfg = 'vietnamese') AS hits,
	   string_agg(CASE WHEN p.plan LIKE '%Seq Scan%' THEN 'seq' ELSE 'gin' END, '/' ORDER BY c.ord) AS "plans s/pairs/hybrid/prefix"
FROM perq JOIN bench_query b USING (qno) JOIN plans p USING (cfg, qno) JOIN cfgs c USING (cfg)
GROUP BY b.query ORDER BY max(ms) DESC LIMIT 12;
SELECT cfg, count(*) FILTER (WHERE plan LIKE '%Seq Scan%') AS seqscan_plans, count(*) AS queries
FROM plans JOIN cfgs USING (cfg) GROUP BY cfg, ord ORDER BY ord;
SQL
fi

if [ $RET = 1 ]; then
	"${PSQL[@]}" -c "CREATE TABLE ret_passage (pid text PRIMARY KEY, body text)" \
		-c "CREATE TABLE ret_question (qid text PRIMARY KEY, question text, rel text)"
	"${PSQL[@]}" -c "\\copy ret_passage FROM '$DATA/retrieval/covid-passages.tsv' WITH (FORMAT csv, DELIMITER E'\\t', QUOTE E'\\x01', FORCE_NOT_NULL (body))"
	awk -v f=$FULL 'f == 1 || NR % 5 == 1' "$DATA/retrieval/covid-queries-dev.tsv" |
		"${PSQL[@]}" -c "\\copy ret_question FROM pstdin WITH (FORMAT csv, DELIMITER E'\\t', QUOTE E'\\x01')"
	"${PSQL[@]}" -v cfgs=vietnamese_pairs,vietnamese,vietnamese_prefix -f "$here/retrieval.sql"
	pids=()
	for k in 0 1; do
		"${PSQL[@]}" -v part=$k -v parts=2 -f "$here/retrieval_score.sql" &
		pids+=($!)
	done
	for p in "${pids[@]}"; do wait "$p"; done
	"${PSQL[@]}" -f "$here/retrieval_report.sql"
fi
