--
-- tests/bench/retrieval_report.sql
--	  MRR@10 and recall@10 from the rankings retrieval_score.sql stored.
--	  A question whose relevant passage is not in the top 10 counts 0.
--
SET client_min_messages = warning;
CREATE INDEX IF NOT EXISTS ret_hit_uq ON ret_hit (uq, pid);
\echo
\echo '== 5. Ranking quality: covid questions -> answer passages (MRR@10, recall@10) =='
WITH per_q AS (
	SELECT q.cfg, q.variant, q.qid,
		   numnode(q.orq::tsquery) > 0 AS has_query,
		   (SELECT min(h.rk) FROM ret_hit h
			WHERE h.uq = q.uq AND h.pid = q.rel AND h.rk <= 10) AS rank_r,
		   (SELECT min(h.rkcd) FROM ret_hit h
			WHERE h.uq = q.uq AND h.pid = q.rel AND h.rkcd <= 10) AS rank_cd,
		   (SELECT min(h.rk1) FROM ret_hit h
			WHERE h.uq = q.uq AND h.pid = q.rel AND h.rk1 <= 10) AS rank_1
	FROM ret_q q
)
SELECT p.cfg, p.variant AS questions,
	   round(avg(coalesce(1.0 / p.rank_r, 0)), 3) AS "MRR@10 ts_rank",
	   round(avg((p.rank_r IS NOT NULL)::int), 3) AS "R@10 ts_rank",
	   round(avg(coalesce(1.0 / p.rank_cd, 0)), 3) AS "MRR@10 ts_rank_cd",
	   round(avg((p.rank_cd IS NOT NULL)::int), 3) AS "R@10 ts_rank_cd",
	   round(avg(coalesce(1.0 / p.rank_1, 0)), 3) AS "MRR@10 ts_rank norm1",
	   round(avg((p.rank_1 IS NOT NULL)::int), 3) AS "R@10 norm1",
	   count(*) FILTER (WHERE NOT p.has_query) AS empty_queries
FROM per_q p JOIN ret_cfg c USING (cfg)
GROUP BY p.cfg, c.ord, p.variant
ORDER BY c.ord, p.variant;
\echo 'norm1 = ts_rank(tsv, q, 1): rank divided by 1 + log(document length); for reference.'
