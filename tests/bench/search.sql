--
-- tests/bench/search.sql
--	  Ranked search latency: every query of bench_query (loaded by run.sh
--	  from queries.txt) as websearch_to_tsquery(cfg, q), top 10 by
--	  ts_rank_cd over the GIN-indexed tables of gin.sql; then, when the rum
--	  extension is installed, the same with a RUM index ordered by <=>.
--
--	  psql variables: ours (configuration name), qreps (timed runs per query),
--	  qcfg (empty, or a configuration that also parses the queries against
--	  ours' table, reported as "ours/qcfg"; and when the extension has
--	  vietnamese_websearch_to_tsquery (0.7.0), the queries parsed by it with
--	  qcfg, reported as "ours/qcfg/web").
--	  Each query's latency is the median of its runs (one untimed warm-up run
--	  first); p50/p95 are over the queries.  Each statement is planned
--	  afresh (EXECUTE), as a client's query would be.
--
SET client_min_messages = warning;
SET max_parallel_workers_per_gather = 0;
SET maintenance_work_mem = '256MB';
SET bench.ours = :'ours';
SET bench.qreps = :'qreps';
SET bench.qcfg = :'qcfg';

DELETE FROM bench_result WHERE bench IN ('search_gin', 'search_rum', 'rum_build');

CREATE OR REPLACE FUNCTION bench_search(kind text) RETURNS void
LANGUAGE plpgsql
AS $$
DECLARE
	ours		text := current_setting('bench.ours');
	qreps		int := current_setting('bench.qreps')::int;
	qcfg		text := current_setting('bench.qcfg');
	cfgs		text[] := ARRAY['simple', ours];	/* parse the query */
	labels		text[] := ARRAY['simple', ours];
	tags		text[] := ARRAY['simple', 'ours'];	/* table */
	fns			text[] := ARRAY['websearch_to_tsquery', 'websearch_to_tsquery'];
	stmt		text;
	hits		bigint;
	q			record;
BEGIN
	IF qcfg <> '' THEN
		cfgs := cfgs || qcfg;
		labels := labels || (ours || '/' || qcfg);
		tags := tags || 'ours'::text;
		fns := fns || 'websearch_to_tsquery'::text;
		IF to_regprocedure('vietnamese_websearch_to_tsquery(regconfig, text)') IS NOT NULL THEN
			cfgs := cfgs || qcfg;
			labels := labels || (ours || '/' || qcfg || '/web');
			tags := tags || 'ours'::text;
			fns := fns || 'vietnamese_websearch_to_tsquery'::text;
		END IF;
	END IF;
	FOR q IN SELECT qno, query FROM bench_query ORDER BY qno LOOP
		FOR i IN 1..array_length(cfgs, 1) LOOP
			IF kind = 'gin' THEN
				stmt := format('SELECT id FROM %I, %s(%L::regconfig, %L) AS query '
							   'WHERE tsv @@ query ORDER BY ts_rank_cd(tsv, query) DESC LIMIT 10',
							   'docs_' || tags[i], fns[i], cfgs[i], q.query);
			ELSE
				stmt := format('SELECT id FROM %I, %s(%L::regconfig, %L) AS query '
							   'WHERE tsv @@ query ORDER BY tsv <=> query LIMIT 10',
							   'docs_' || tags[i], fns[i], cfgs[i], q.query);
			END IF;
			EXECUTE format('SELECT count(*) FROM %I WHERE tsv @@ %s(%L::regconfig, %L)',
						   'docs_' || tags[i], fns[i], cfgs[i], q.query) INTO hits;
			PERFORM bench_time(stmt);	/* warm-up */
			FOR r IN 1..qreps LOOP
				INSERT INTO bench_result
					VALUES ('search_' || kind, labels[i], q.qno::text, r,
							bench_time(stmt), hits);
			END LOOP;
		END LOOP;
	END LOOP;
END
$$;

DO $$ BEGIN PERFORM bench_search('gin'); END $$;

-- RUM: replace the GIN index by a RUM index (timed) and search again.
SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'rum') AS have_rum \gset
\if :have_rum
DO $$
DECLARE
	ours		text := current_setting('bench.ours');
	cfgs		text[] := ARRAY['simple', ours];
	tags		text[] := ARRAY['simple', 'ours'];
	tab			text;
BEGIN
	FOR i IN 1..2 LOOP
		tab := 'docs_' || tags[i];
		EXECUTE format('DROP INDEX IF EXISTS %I', tab || '_gin');
		EXECUTE format('DROP INDEX IF EXISTS %I', tab || '_rum');
		INSERT INTO bench_result
			VALUES ('rum_build', cfgs[i], tab, 1,
					bench_time(format('CREATE INDEX %I ON %I USING rum (tsv rum_tsvector_ops)',
									  tab || '_rum', tab)),
					pg_relation_size(tab || '_rum'));
	END LOOP;
END
$$;
DO $$ BEGIN PERFORM bench_search('rum'); END $$;
\endif

\echo
\echo '== 3. Ranked search latency, ms (websearch_to_tsquery; "/web": vietnamese_websearch_to_tsquery; top 10) =='
WITH perq AS (
	SELECT bench, cfg, item,
		   percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) * 1000 AS ms,
		   max(value) AS hits
	FROM bench_result
	WHERE bench IN ('search_gin', 'search_rum')
	GROUP BY bench, cfg, item
),
s AS (
	SELECT bench, cfg, count(*) AS queries,
		   percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50,
		   percentile_cont(0.95) WITHIN GROUP (ORDER BY ms) AS p95,
		   avg(ms) AS mean,
		   max(ms) AS worst,
		   count(*) FILTER (WHERE hits = 0) AS no_hit,
		   percentile_cont(0.5) WITHIN GROUP (ORDER BY hits) AS med_hits
	FROM perq
	GROUP BY bench, cfg
)
SELECT CASE s.bench WHEN 'search_gin' THEN 'GIN, ts_rank_cd'
		ELSE 'RUM, <=>' END AS index,
	   s.cfg, s.queries,
	   round(s.p50::numeric, 2) AS p50_ms,
	   round(s.p95::numeric, 2) AS p95_ms,
	   round(s.mean::numeric, 2) AS mean_ms,
	   round(s.worst::numeric, 2) AS max_ms,
	   s.med_hits AS median_hits,
	   s.no_hit AS "queries w/o hit",
	   round((s.p50 / b.p50)::numeric, 2) AS "p50/simple",
	   round((s.p95 / b.p95)::numeric, 2) AS "p95/simple"
FROM s JOIN s b ON b.bench = s.bench AND b.cfg = 'simple'
ORDER BY s.bench, s.cfg <> 'simple', s.cfg;

\if :have_rum
SELECT cfg, round(seconds::numeric, 2) AS rum_build_s,
	   round((value / 1048576)::numeric, 1) AS rum_mb
FROM bench_result WHERE bench = 'rum_build'
ORDER BY cfg <> 'simple', cfg;
\else
\echo 'RUM: SKIPPED (extension rum is not installed; apt-get install postgresql-15-rum)'
\endif

\echo 'Slowest queries with GIN (median ms; hits = matching articles):'
SELECT q.query, p.cfg,
	   round((percentile_cont(0.5) WITHIN GROUP (ORDER BY p.seconds) * 1000)::numeric, 1) AS ms,
	   max(p.value) AS hits
FROM bench_result p JOIN bench_query q ON q.qno::text = p.item
WHERE p.bench = 'search_gin'
GROUP BY q.query, p.cfg
ORDER BY ms DESC
LIMIT 8;

-- The queries both configurations answer (mostly those typed with
-- diacritics): latency, and latency per matching article, since every
-- matching article is ranked to find the top 10.
\echo 'Queries both configurations find articles for (GIN, ts_rank_cd):'
WITH perq AS (
	SELECT cfg, item,
		   percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) * 1000 AS ms,
		   max(value) AS hits
	FROM bench_result
	WHERE bench = 'search_gin'
	GROUP BY cfg, item
),
answered AS (
	SELECT item FROM perq GROUP BY item
	HAVING count(*) = (SELECT count(DISTINCT cfg) FROM perq) AND bool_and(hits > 0)
)
SELECT cfg, count(*) AS queries,
	   round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric, 2) AS p50_ms,
	   round(percentile_cont(0.95) WITHIN GROUP (ORDER BY ms)::numeric, 2) AS p95_ms,
	   percentile_cont(0.5) WITHIN GROUP (ORDER BY hits) AS median_hits,
	   round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms * 1000 / hits)::numeric, 1)
		   AS "us per matching article (median)"
FROM perq
WHERE item IN (SELECT item FROM answered)
GROUP BY cfg
ORDER BY cfg <> 'simple', cfg;
