--
-- tests/bench/throughput.sql
--	  to_tsvector throughput over the news corpus: our configuration against
--	  the built-in simple one, on 10%, 50% and 100% of the loaded articles.
--
--	  psql variables: ours (configuration name), reps (repetitions).
--	  Needs table news(rn, id, title, body) (loaded by run.sh).
--
--	  Single-threaded on purpose (no parallel workers), so MB/s is per core.
--	  Repetitions are interleaved (simple, ours, simple, ours, ...) so slow
--	  drift of a noisy machine hits both sides alike.
--
SET client_min_messages = warning;
SET max_parallel_workers_per_gather = 0;
SET bench.ours = :'ours';
SET bench.reps = :'reps';

DELETE FROM bench_result WHERE bench = 'throughput';

DO $$
DECLARE
	ours		text := current_setting('bench.ours');
	reps		int := current_setting('bench.reps')::int;
	modulus		int;
	cfg			text;
	scan		text;
BEGIN
	-- Warm the OS cache and measure what reading + concatenating costs
	-- without any text search, so the report can show it.
	FOR r IN 1..reps LOOP
		FOREACH modulus IN ARRAY ARRAY[10, 2, 1] LOOP
			scan := format('SELECT sum(length(title || %L || body)) FROM news WHERE rn %% %s = 0',
						   ' ', modulus);
			INSERT INTO bench_result
				VALUES ('throughput', '(scan only)', modulus::text, r, bench_time(scan));
			FOREACH cfg IN ARRAY ARRAY['simple', ours] LOOP
				INSERT INTO bench_result
					VALUES ('throughput', cfg, modulus::text, r,
							bench_time(format('SELECT sum(length(to_tsvector(%L::regconfig, title || %L || body))) FROM news WHERE rn %% %s = 0',
											  cfg, ' ', modulus)));
			END LOOP;
		END LOOP;
	END LOOP;
END
$$;

\echo
\echo '== 1. to_tsvector throughput (one core; MB = UTF-8 bytes of title+body) =='
WITH sizes AS (
	SELECT m.modulus,
		   count(*) AS articles,
		   sum(octet_length(title) + octet_length(body) + 1) / 1e6 AS mb
	FROM news, (VALUES (10), (2), (1)) AS m(modulus)
	WHERE rn % m.modulus = 0
	GROUP BY m.modulus
),
t AS (
	SELECT cfg, item::int AS modulus,
		   percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) AS med,
		   min(seconds) AS best
	FROM bench_result
	WHERE bench = 'throughput'
	GROUP BY cfg, item
)
SELECT (100 / s.modulus) || '%' AS share,
	   s.articles,
	   round(s.mb, 1) AS mb,
	   t.cfg,
	   round(t.med::numeric, 2) AS median_s,
	   round((s.mb / t.med)::numeric, 2) AS "MB/s (median)",
	   round((s.mb / t.best)::numeric, 2) AS "MB/s (best)",
	   CASE WHEN t.cfg = '(scan only)' THEN NULL
		ELSE round((t.med / b.med)::numeric, 2) END AS "time / simple"
FROM sizes s
	JOIN t USING (modulus)
	JOIN t b ON b.modulus = s.modulus AND b.cfg = 'simple'
ORDER BY s.modulus DESC, t.cfg = '(scan only)', t.cfg <> 'simple', t.cfg;
