-- tests/demo.sql: the showcase run by tests/demo.sh (psql script).
\pset footer off
\pset null '(null)'
CREATE DATABASE vn_demo ENCODING 'UTF8' TEMPLATE template0 LOCALE 'C';
\c vn_demo
SET client_min_messages = warning;
CREATE EXTENSION vietnamese_fts;

CREATE TABLE articles (
	id			bigint PRIMARY KEY,
	category	text NOT NULL,
	title		text NOT NULL,
	body		text NOT NULL,
	tsv			tsvector GENERATED ALWAYS AS
		(setweight(to_tsvector('vietnamese', title), 'A') ||
		 setweight(to_tsvector('vietnamese', body), 'B')) STORED
);
\copy articles (id, category, title, body) FROM 'tests/data/articles.tsv' WITH (FORMAT text, HEADER)
CREATE INDEX articles_tsv_idx ON articles USING gin (tsv);
ANALYZE articles;

\echo
\echo '== How the parser segments a sentence'
SELECT vietnamese_segment('Tổng Bí thư Đảng Cộng sản Việt Nam dự hội nghị IMCWP-17 tại Istanbul ngày 30/10.') AS segmented;

\echo
\echo '== Ranked search: Đảng Cộng sản (websearch_to_tsquery, ts_rank, ts_headline)'
SELECT id, round(ts_rank(tsv, q)::numeric, 4) AS rank, title,
	   ts_headline('vietnamese', body, q, 'MaxWords=18, MinWords=8') AS headline
FROM articles, websearch_to_tsquery('vietnamese', 'Đảng Cộng sản') q
WHERE tsv @@ q
ORDER BY rank DESC, id
LIMIT 5;

\echo
\echo '== The same search typed without diacritics: dang cong san'
SELECT id, round(ts_rank(tsv, q)::numeric, 4) AS rank, title
FROM articles, websearch_to_tsquery('vietnamese', 'dang cong san') q
WHERE tsv @@ q
ORDER BY rank DESC, id
LIMIT 5;

\echo
\echo '== A search box typed without diacritics, function word included: thu nhap cua nguoi lao dong'
\echo '   vietnamese keeps the bare "cua" (it may be "cửa"), which no document holds where "của" stood;'
\echo '   vietnamese_query drops it like the stopword "của"'
SELECT (SELECT count(*) FROM articles
		WHERE tsv @@ plainto_tsquery('vietnamese', 'thu nhap cua nguoi lao dong')) AS with_vietnamese,
	   (SELECT count(*) FROM articles
		WHERE tsv @@ plainto_tsquery('vietnamese_query', 'thu nhap cua nguoi lao dong')) AS with_vietnamese_query;

\echo
\echo '== The same search box with websearch syntax: dau tu -"bat dong san"'
\echo '   websearch_to_tsquery gives the parser one word at a time, so vietnamese_query drops'
\echo '   the bare "dau" and "tu" (đâu, từ); vietnamese_websearch_to_tsquery keeps the compound'
SELECT f AS function, q AS query,
	   (SELECT count(*) FROM articles WHERE tsv @@ q) AS articles
FROM (VALUES ('websearch_to_tsquery',
			  websearch_to_tsquery('vietnamese_query', 'dau tu -"bat dong san"')),
			 ('vietnamese_websearch_to_tsquery',
			  vietnamese_websearch_to_tsquery('vietnamese_query', 'dau tu -"bat dong san"'))) AS w(f, q);

\echo
\echo '== With diacritics the query is precise: đăng (to post) does not find Đảng (party)'
SELECT id, title, ts_headline('vietnamese', body, q, 'MaxWords=12, MinWords=5') AS headline
FROM articles, plainto_tsquery('vietnamese', 'đăng') q
WHERE tsv @@ q
ORDER BY id
LIMIT 5;

\echo
\echo '== Old and new tone placement are the same word: hoà bình = hòa bình'
SELECT id, title
FROM articles
WHERE tsv @@ plainto_tsquery('vietnamese', 'hoà bình')
ORDER BY id;

\echo
\echo '== Numbers, times and codes however they are typed: 10000 người, 14:30, tphcm'
SELECT query, a.id, ts_headline('vietnamese', a.body, q, 'MaxWords=8, MinWords=4') AS headline
FROM (VALUES (1, '10000 người'), (2, '14:30'), (3, 'tphcm')) v(n, query),
	 plainto_tsquery('vietnamese', query) q, articles a
WHERE a.tsv @@ q
ORDER BY n, a.id;

\echo
\echo '== A name typed as one word, as on a foreign keyboard: hanoi, danang'
SELECT query, a.id, ts_headline('vietnamese', a.body, q, 'MaxWords=8, MinWords=4') AS headline
FROM (VALUES (1, 'hanoi'), (2, 'danang')) v(n, query),
	 plainto_tsquery('vietnamese', query) q,
	 LATERAL (SELECT id, body FROM articles WHERE tsv @@ q ORDER BY id LIMIT 3) a
ORDER BY n, a.id;

\echo
\echo '== Phrase search: "giá xăng dầu"'
SELECT id, round(ts_rank_cd(tsv, q)::numeric, 4) AS rank_cd, title
FROM articles, phraseto_tsquery('vietnamese', 'giá xăng dầu') q
WHERE tsv @@ q
ORDER BY rank_cd DESC, id;

\echo
\echo '== A one-syllable query finds the compound: articles matching "Nam" that contain "Việt Nam"'
SELECT count(*) FILTER (WHERE tsv @@ plainto_tsquery('vietnamese', 'Nam')) AS match_nam,
	   count(*) FILTER (WHERE body LIKE '%Việt Nam%' OR title LIKE '%Việt Nam%') AS contain_viet_nam,
	   count(*) FILTER (WHERE (body LIKE '%Việt Nam%' OR title LIKE '%Việt Nam%')
						AND NOT tsv @@ plainto_tsquery('vietnamese', 'Nam')) AS missed
FROM articles;

\echo
\echo '== The compound outranks the same syllables apart: article 36 has "Việt" and "Nam" only apart'
SELECT id, round(ts_rank(tsv, q)::numeric, 4) AS rank, round(ts_rank_cd(tsv, q)::numeric, 4) AS rank_cd, title
FROM articles, plainto_tsquery('vietnamese', 'Việt Nam') q
WHERE tsv @@ q AND id IN (13, 14, 36)
ORDER BY rank DESC, id;

\echo
\echo '== What the dictionary makes of a phrase (ts_debug)'
SELECT alias, token, lexemes
FROM ts_debug('vietnamese', 'Bộ Y tế khuyến cáo người dân đeo khẩu trang')
WHERE alias NOT IN ('space', 'punct');

\echo
\echo '== Statistics: articles per category found by "bóng đá" vs all'
SELECT category, count(*) FILTER (WHERE tsv @@ plainto_tsquery('vietnamese', 'bong da')) AS matching,
	   count(*) AS total
FROM articles GROUP BY category ORDER BY category;
