--
-- tests/bench/gin.sql
--	  Index build: a table with a STORED generated tsvector column, filled
--	  from the news corpus, then a GIN index on it; ours against simple.
--	  Reports fill time (to_tsvector + heap/TOAST writes), GIN build time,
--	  sizes and the number of distinct lexemes.
--
--	  psql variables: ours (configuration name), reps (GIN builds per config),
--	  storage (of the tsvector column: extended, main or external).
--	  Leaves tables docs_simple and docs_ours (with GIN index docs_*_gin)
--	  for search.sql.
--
SET client_min_messages = warning;
SET max_parallel_workers_per_gather = 0;
SET max_parallel_maintenance_workers = 0;
SET maintenance_work_mem = '256MB';
SET bench.ours = :'ours';
SET bench.reps = :'reps';
SET bench.storage = :'storage';

DELETE FROM bench_result WHERE bench IN ('fill', 'gin');

DO $$
DECLARE
	ours		text := current_setting('bench.ours');
	reps		int := current_setting('bench.reps')::int;
	storage		text := current_setting('bench.storage');
	cfgs		text[] := ARRAY['simple', ours];
	tags		text[] := ARRAY['simple', 'ours'];
	tab			text;
BEGIN
	FOR i IN 1..2 LOOP
		tab := 'docs_' || tags[i];
		EXECUTE format('DROP TABLE IF EXISTS %I', tab);
		EXECUTE format('CREATE TABLE %I (rn bigint, id text, title text, body text, '
					   'tsv tsvector GENERATED ALWAYS AS '
					   '(to_tsvector(%L::regconfig, title || %L || body)) STORED)',
					   tab, cfgs[i], ' ');
		EXECUTE format('ALTER TABLE %I ALTER COLUMN tsv SET STORAGE %s',
					   tab, storage);
		INSERT INTO bench_result
			VALUES ('fill', cfgs[i], tab, 1,
					bench_time(format('INSERT INTO %I (rn, id, title, body) '
									  'SELECT rn, id, title, body FROM news', tab)));
		EXECUTE format('ANALYZE %I', tab);
	END LOOP;

	-- Interleave the builds of the two configurations.
	FOR r IN 1..reps LOOP
		FOR i IN 1..2 LOOP
			tab := 'docs_' || tags[i];
			EXECUTE format('DROP INDEX IF EXISTS %I', tab || '_gin');
			INSERT INTO bench_result
				VALUES ('gin', cfgs[i], tab, r,
						bench_time(format('CREATE INDEX %I ON %I USING gin (tsv)',
										  tab || '_gin', tab)),
						pg_relation_size(tab || '_gin'));
		END LOOP;
	END LOOP;
END
$$;

\echo
\echo '== 2. Stored tsvector column + GIN index build (maintenance_work_mem 256MB, one core) =='
WITH f AS (
	SELECT cfg, item AS tab, seconds AS fill_s FROM bench_result WHERE bench = 'fill'
),
g AS (
	SELECT cfg, percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) AS gin_s,
		   min(seconds) AS gin_best, max(value) AS gin_bytes
	FROM bench_result WHERE bench = 'gin' GROUP BY cfg
),
s AS (
	SELECT 'docs_simple' AS tab,
		   (SELECT sum(pg_column_size(tsv)) FROM docs_simple) AS tsv_bytes,
		   (SELECT count(DISTINCT lexeme) FROM docs_simple, unnest(tsv)) AS lexemes,
		   (SELECT sum(length(tsv)) FROM docs_simple) AS entries,
		   pg_total_relation_size('docs_simple') - pg_indexes_size('docs_simple') AS table_bytes
	UNION ALL
	SELECT 'docs_ours',
		   (SELECT sum(pg_column_size(tsv)) FROM docs_ours),
		   (SELECT count(DISTINCT lexeme) FROM docs_ours, unnest(tsv)),
		   (SELECT sum(length(tsv)) FROM docs_ours),
		   pg_total_relation_size('docs_ours') - pg_indexes_size('docs_ours')
),
r AS (
	SELECT f.cfg, f.tab, f.fill_s, g.gin_s, g.gin_best, g.gin_bytes,
		   s.tsv_bytes, s.lexemes, s.entries, s.table_bytes
	FROM f JOIN g USING (cfg) JOIN s USING (tab)
)
SELECT r.cfg,
	   round(r.fill_s::numeric, 2) AS fill_s,
	   round(r.gin_s::numeric, 2) AS gin_build_s,
	   round((r.gin_bytes / 1048576)::numeric, 1) AS gin_mb,
	   round((r.tsv_bytes / 1048576)::numeric, 1) AS tsv_mb,
	   round((r.table_bytes / 1048576)::numeric, 1) AS table_mb,
	   r.lexemes AS distinct_lexemes,
	   r.entries AS doc_lexemes,
	   round((r.fill_s / b.fill_s)::numeric, 2) AS "fill/simple",
	   round((r.gin_s / b.gin_s)::numeric, 2) AS "build/simple",
	   round((r.gin_bytes / b.gin_bytes)::numeric, 2) AS "size/simple"
FROM r, r b
WHERE b.cfg = 'simple'
ORDER BY r.cfg <> 'simple', r.cfg;
