--
-- Installing, dropping and re-creating the extension
--
SET client_min_messages = warning;
CREATE EXTENSION vietnamese_fts;
RESET client_min_messages;

-- the configuration works at once
SELECT to_tsvector('vietnamese', 'Đảng Cộng sản Việt Nam') <> ''::tsvector AS non_empty;

-- what the extension created
SELECT pg_describe_object(classid, objid, 0) AS object
FROM pg_depend
WHERE refclassid = 'pg_extension'::regclass
  AND refobjid = (SELECT oid FROM pg_extension WHERE extname = 'vietnamese_fts')
  AND deptype = 'e'
ORDER BY 1;

-- every token type the parser emits that carries content is mapped
SELECT t.alias, coalesce(string_agg(m.mapdict::regdictionary::text, ', '), '(unmapped)') AS dictionaries
FROM ts_token_type('vietnamese_parser') t
LEFT JOIN pg_ts_config_map m
  ON m.mapcfg = 'vietnamese'::regconfig AND m.maptokentype = t.tokid
GROUP BY t.tokid, t.alias
ORDER BY t.tokid;

-- DROP removes every text search object; CREATE works again
DROP EXTENSION vietnamese_fts;
SELECT (SELECT count(*) FROM pg_ts_config WHERE cfgname = 'vietnamese') AS configs,
       (SELECT count(*) FROM pg_ts_parser WHERE prsname LIKE 'vietnamese%') AS parsers,
       (SELECT count(*) FROM pg_ts_dict WHERE dictname LIKE 'vietnamese%') AS dicts,
       (SELECT count(*) FROM pg_ts_template WHERE tmplname LIKE 'vietnamese%') AS templates,
       (SELECT count(*) FROM pg_proc WHERE proname LIKE 'vietnamese%') AS functions,
       (SELECT count(*) FROM pg_class WHERE relname LIKE 'vietnamese%') AS relations;
SET client_min_messages = warning;
CREATE EXTENSION vietnamese_fts;
RESET client_min_messages;
SELECT to_tsvector('vietnamese', 'Hà Nội');

-- 0.1.0 updates to 0.2.0, which adds the vietnamese_query configuration,
-- and on to 0.3.0, which stores a compound as one lexeme (Layout = hybrid)
DROP EXTENSION vietnamese_fts;
SET client_min_messages = warning;
CREATE EXTENSION vietnamese_fts VERSION '0.1.0';
RESET client_min_messages;
SELECT count(*) AS query_configs FROM pg_ts_config WHERE cfgname = 'vietnamese_query';
ALTER EXTENSION vietnamese_fts UPDATE;
SELECT extversion FROM pg_extension WHERE extname = 'vietnamese_fts';
SELECT plainto_tsquery('vietnamese_query', 'gia xang cua viet nam');
SELECT to_tsvector('vietnamese', 'Hà Nội');

-- from 0.2.0: tsvectors stored before the update still match new queries
DROP EXTENSION vietnamese_fts;
SET client_min_messages = warning;
CREATE EXTENSION vietnamese_fts VERSION '0.2.0';
RESET client_min_messages;
CREATE TABLE old_tsv AS SELECT to_tsvector('vietnamese', 'Thủ đô Hà Nội') AS tsv;
SELECT tsv FROM old_tsv;
CREATE TABLE old_docs (id int, body text);
INSERT INTO old_docs VALUES (1, 'Thủ đô Hà Nội mưa to'), (2, 'Ông Hà đi thăm Nội Bài'),
	(3, 'Hà Nội và thành phố Hồ Chí Minh'), (4, 'Giá xăng dầu tăng');
CREATE INDEX old_docs_gin ON old_docs USING gin (to_tsvector('vietnamese', body));
ALTER EXTENSION vietnamese_fts UPDATE TO '0.3.0';
SELECT dictname, dictinitoption FROM pg_ts_dict WHERE dictname LIKE 'vietnamese%' ORDER BY 1;
SELECT to_tsvector('vietnamese', 'Thủ đô Hà Nội');
SELECT q, tsv @@ plainto_tsquery('vietnamese', q) AS old_tsv_matches
FROM old_tsv, (VALUES ('Hà Nội'), ('ha noi'), ('thu do ha noi'), ('hà nội')) v(q);
-- a GIN index built before the update answers the new queries the same way
SET enable_seqscan = off;
SELECT q, array_agg(id ORDER BY id) AS ids
FROM (VALUES ('Hà Nội'), ('ha noi'), ('"ha noi"'), ('thu do'), ('xăng dầu')) v(q),
	 old_docs WHERE to_tsvector('vietnamese', body) @@ websearch_to_tsquery('vietnamese', q)
GROUP BY q ORDER BY q;
REINDEX INDEX old_docs_gin;
SELECT q, array_agg(id ORDER BY id) AS ids
FROM (VALUES ('Hà Nội'), ('ha noi'), ('"ha noi"'), ('thu do'), ('xăng dầu')) v(q),
	 old_docs WHERE to_tsvector('vietnamese', body) @@ websearch_to_tsquery('vietnamese', q)
GROUP BY q ORDER BY q;
EXPLAIN (COSTS OFF) SELECT id FROM old_docs
WHERE to_tsvector('vietnamese', body) @@ plainto_tsquery('vietnamese', 'ha noi');

-- on to 0.4.0: documents index the parts of codes (from the library, so
-- already before the update), queries by vietnamese_query leave codes whole
SELECT ts_lexize('vietnamese_query_dict', 'COVID-19') AS before_update;
ALTER EXTENSION vietnamese_fts UPDATE TO '0.4.0';
SELECT dictname, dictinitoption FROM pg_ts_dict WHERE dictname LIKE 'vietnamese%' ORDER BY 1;
SELECT ts_lexize('vietnamese_dict', 'COVID-19') AS doc, ts_lexize('vietnamese_query_dict', 'COVID-19') AS query;
SELECT to_tsvector('vietnamese', 'Đại dịch COVID-19') @@ plainto_tsquery('vietnamese_query', 'covid') AS part,
	   to_tsvector('vietnamese', 'Đại dịch COVID-19') @@ plainto_tsquery('vietnamese_query', 'COVID-19') AS whole,
	   'dai:1 dich:2 covid-19:3'::tsvector @@ plainto_tsquery('vietnamese_query', 'COVID-19') AS stored_before;
RESET enable_seqscan;
DROP TABLE old_tsv, old_docs;

-- on to 0.5.0: a starter list of news abbreviations, added on request only
ALTER EXTENSION vietnamese_fts UPDATE TO '0.5.0';
SELECT 'vietnamese_add_common_abbreviations()'::regprocedure AS added_function,
	   (SELECT count(*) FROM vietnamese_user_words) AS user_words;

-- on to 0.6.0: more abbreviations in the same list; a database that
-- called it before gets the new ones by calling it again
SELECT vietnamese_add_common_abbreviations() AS added_050;
ALTER EXTENSION vietnamese_fts UPDATE TO '0.6.0';
SELECT vietnamese_add_common_abbreviations() AS added_060;
SELECT word, canonical FROM vietnamese_user_words WHERE word IN ('cty', 'gd-đt', 'tp') ORDER BY word;
SELECT to_tsvector('vietnamese', 'Giám đốc Cty TNHH') @@ plainto_tsquery('vietnamese', 'công ty') AS cty_found,
	   to_tsvector('vietnamese', 'Sở GD-ĐT tỉnh') @@ plainto_tsquery('vietnamese', 'giáo dục đào tạo') AS code_found;
DELETE FROM vietnamese_user_words;

-- on to 0.7.0: websearch syntax with compounds
ALTER EXTENSION vietnamese_fts UPDATE TO '0.7.0';
SELECT vietnamese_websearch_to_tsquery('vietnamese_query', 'dau tu') AS web_compound;

-- on to 0.8.0: the parser also under the name "vietnamese"
ALTER EXTENSION vietnamese_fts UPDATE TO '0.8.0';
SELECT count(*) AS token_types FROM ts_token_type('vietnamese');
SELECT extversion FROM pg_extension WHERE extname = 'vietnamese_fts';
