--
-- tests/bench/retrieval_score.sql
--	  Rank the passages for share :part (0-based) of :parts of the distinct
--	  queries prepared by retrieval.sql (see bench_rank_part there).
--	  run.sh runs one copy per core at the same time.
--
SET client_min_messages = warning;
SET max_parallel_workers_per_gather = 0;
\o /dev/null
SELECT bench_rank_part(:part, :parts);
\o
