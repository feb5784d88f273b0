--
-- Layouts.  pairs: every form as exact and folded lexemes.  prefix: one
-- lexeme per form, "folded=exact"; a bare query word becomes a prefix
-- operand.  hybrid (vietnamese_dict's since 0.3.0): compounds as in
-- prefix, syllables as in pairs.  Every matching case must give the same
-- answer in all three.
--
CREATE TEXT SEARCH DICTIONARY vn_prefix (
	TEMPLATE = vietnamese_template, StopWords = vietnamese, Layout = prefix);
CREATE TEXT SEARCH CONFIGURATION vn_prefix (COPY = vietnamese);
ALTER TEXT SEARCH CONFIGURATION vn_prefix
	ALTER MAPPING REPLACE vietnamese_dict WITH vn_prefix;
CREATE TEXT SEARCH DICTIONARY vn_pairs (
	TEMPLATE = vietnamese_template, StopWords = vietnamese, Layout = pairs);
CREATE TEXT SEARCH CONFIGURATION vn_pairs (COPY = vietnamese);
ALTER TEXT SEARCH CONFIGURATION vn_pairs
	ALTER MAPPING REPLACE vietnamese_dict WITH vn_pairs;
SELECT dictinitoption FROM pg_ts_dict WHERE dictname IN ('vietnamese_dict', 'vietnamese_query_dict')
ORDER BY dictname;

-- bad options
CREATE TEXT SEARCH DICTIONARY vn_bad (TEMPLATE = vietnamese_template, Layout = suffix);
CREATE TEXT SEARCH DICTIONARY vn_bad (TEMPLATE = vietnamese_template, Layout = prefix, Fold = false);
CREATE TEXT SEARCH DICTIONARY vn_bad (TEMPLATE = vietnamese_template, Layout = pairs, Layout = hybrid);
CREATE TEXT SEARCH DICTIONARY vn_h_nofold (TEMPLATE = vietnamese_template, Layout = HYBRID, Fold = false);
SELECT ts_lexize('vn_h_nofold', 'Đảng'), ts_lexize('vn_h_nofold', 'Cộng sản');
DROP TEXT SEARCH DICTIONARY vn_h_nofold;
-- without the option a dictionary keeps the pairs layout of 0.1.0 and 0.2.0,
-- so the tsvectors of dictionaries users made do not change under them
CREATE TEXT SEARCH DICTIONARY vn_default (TEMPLATE = vietnamese_template, StopWords = vietnamese);
SELECT ts_lexize('vn_default', 'Cộng sản') AS no_option, ts_lexize('vn_pairs', 'Cộng sản') AS pairs;
DROP TEXT SEARCH DICTIONARY vn_default;

-- the lexemes: letters get the layout, numbers, codes and addresses do not
SELECT to_tsvector('vn_prefix', 'Nhà nước Việt Nam, dang, COVID-19, 3,5%, 30/10, https://vnexpress.net/a, TTXVN, Medvedev, Москва');
SELECT ts_lexize('vn_prefix', 'Đảng'), ts_lexize('vn_prefix', 'dang'), ts_lexize('vn_prefix', 'của');
SELECT alias, token, lexemes FROM ts_debug('vn_prefix', 'Cộng sản dang 2026');
-- hybrid: the compound as in prefix, the syllables as in pairs
SELECT to_tsvector('vn_pairs', 'Nhà nước Việt Nam, tin tức'), to_tsvector('vietnamese', 'Nhà nước Việt Nam, tin tức');
SELECT alias, token, lexemes FROM ts_debug('vietnamese', 'Cộng sản dang 2026');

-- queries: a bare word is a prefix operand, a marked one exact
SELECT plainto_tsquery('vn_prefix', 'đảng'), plainto_tsquery('vn_prefix', 'dang'),
       plainto_tsquery('vn_prefix', 'nhà nước'), websearch_to_tsquery('vn_prefix', '"xang dau" -điện');
SELECT plainto_tsquery('vietnamese', 'nhà nước'), plainto_tsquery('vietnamese', 'nha nuoc'),
       phraseto_tsquery('vietnamese_query', 'nhà nước'), plainto_tsquery('vietnamese_query', 'nha nuoc');

-- the cases of matching.sql and more, both layouts, with what is expected
CREATE TABLE lcase (doc text, fn text, q text, expect boolean);
INSERT INTO lcase VALUES
	('Giá xăng dầu tăng', 'plain', 'xang dau', true),
	('Đảng Cộng sản', 'plain', 'dang', true),
	('Ông đăng bài', 'plain', 'dang', true),
	('Họ đang họp', 'plain', 'dang', true),
	('Ông đăng bài', 'plain', 'đảng', false),
	('Ông bán bàn', 'plain', 'bạn', false),
	('Đảng Cộng sản', 'plain', 'đảng', true),
	('Đảng Cộng sản', 'plain', 'đảng cong san', true),
	('Ông đăng bài cộng sản', 'plain', 'đảng cong san', false),
	('khoẻ mạnh', 'plain', 'khỏe', true),
	('hòa bình', 'plain', 'HOÀ BÌNH', true),
	('Thuỷ điện', 'plain', 'thủy điện', true),
	('Việt Nam', 'plain', 'Nam', true),
	('Bộ Y tế', 'plain', 'tế', true),
	('Bộ Y tế Việt Nam', 'phrase', 'tế Việt', true),
	('Bộ Y tế Việt Nam', 'phrase', 'Việt tế', false),
	('chính sách của nhà nước Việt Nam', 'phrase', 'nhà nước Việt', true),
	('Đảng Cộng sản Việt Nam', 'web', '"Cộng sản Việt Nam"', true),
	('Đảng Cộng sản Việt Nam', 'web', '"cong san viet"', true),
	('nhà và nước', 'phrase', 'nhà nước', false),
	('ngôi nhà nước sơn mới', 'phrase', 'nhà nước', true),
	('Ông Medvedev tới Istanbul', 'plain', 'medvedev', true),
	('Hội nghị IMCWP-17', 'plain', 'imcwp-17', true),
	('ngày 30/10', 'plain', '30/10', true),
	('lãi suất 3,5%', 'plain', '3,5%', true),
	('Xem https://www.moh.gov.vn/tin-tuc', 'plain', 'moh.gov.vn', true),
	('Xem https://www.moh.gov.vn/tin-tuc', 'plain', 'https://moh.gov.vn/khac', false),
	('Nghị định 15/2020/NĐ-CP', 'plain', '15', true),
	('Đại dịch COVID-19 lan rộng', 'web', 'covid', true),
	('Giá nhà ở TP.HCM tăng', 'plain', 'hcm', true),
	('Đại dịch COVID-19 lan rộng', 'plain', 'covid-20', false),
	('Giá nhà ở TP.HCM tăng', 'plain', 'tphcm', true),
	('Giá nhà ở TPHCM tăng', 'plain', 'TP.HCM', true),
	('Bộ GD-ĐT công bố', 'plain', 'gddt', true),
	('Đại dịch COVID-19 lan rộng', 'phrase', 'dịch covid19 lan', true),
	('Đại dịch COVID19 lan rộng', 'plain', 'covid-20', false),
	('Kỷ niệm ngày 30/4/1975', 'plain', '30/4', true),
	('Họp ngày 30-10-2026', 'plain', '30/10/2026', true),
	('Kỷ niệm ngày 30/4/1975', 'plain', '30/5', false),
	('Tỉ lệ thất nghiệp giảm', 'plain', 'tỷ lệ', true),
	('Các bác sỹ trực đêm', 'phrase', 'bác sĩ trực', true),
	('Kì thi tốt nghiệp', 'web', 'ky thi', true),
	('Ông vi phạm luật', 'plain', 'vy', false),
	('giá của xăng', 'phrase', 'giá của xăng', true),
	('Giá xăng dầu tăng mạnh', 'web', '"xăng dầu" -điện', true),
	('Giá xăng dầu và giá điện tăng', 'web', '"xăng dầu" -điện', false),
	('Giá xăng dầu và giá điện tăng', 'web', '"xang dau" -dien', false),
	('Giá xăng dầu tăng', 'web', 'xăng dau', true),
	('Giá xang dầu tăng', 'web', 'xăng dau', false),
	('Ông đăng bài về đảng', 'web', 'đăng -đảng', false),
	('Ông đăng bài', 'web', 'dang -đảng', true),
	('Chính phủ họp', 'web', '"nha nuoc" or "chính phủ"', true),
	('đẳng cấp', 'web', 'dang', true),
	('dang dở', 'web', 'đảng', false),
	('dang dở', 'web', 'dang', true),
	('cửa cua của', 'plain', 'cua', true),
	('của', 'plain', 'cua', false);
CREATE FUNCTION lq(cfg regconfig, fn text, q text) RETURNS tsquery LANGUAGE sql AS $$
	SELECT CASE fn WHEN 'plain' THEN plainto_tsquery(cfg, q)
		WHEN 'phrase' THEN phraseto_tsquery(cfg, q) ELSE websearch_to_tsquery(cfg, q) END $$;
SELECT count(*) AS cases,
	   count(*) FILTER (WHERE to_tsvector('vn_prefix', doc) @@ lq('vn_prefix', fn, q) = expect) AS prefix_as_expected,
	   count(*) FILTER (WHERE to_tsvector('vn_pairs', doc) @@ lq('vn_pairs', fn, q) = expect) AS pairs_as_expected,
	   count(*) FILTER (WHERE to_tsvector('vietnamese', doc) @@ lq('vietnamese', fn, q) = expect) AS hybrid_as_expected
FROM lcase;
SELECT doc, fn, q, expect FROM lcase
WHERE to_tsvector('vn_prefix', doc) @@ lq('vn_prefix', fn, q) IS DISTINCT FROM expect
   OR to_tsvector('vn_pairs', doc) @@ lq('vn_pairs', fn, q) IS DISTINCT FROM expect
   OR to_tsvector('vietnamese', doc) @@ lq('vietnamese', fn, q) IS DISTINCT FROM expect;
-- hybrid queries against tsvectors stored with the old pairs layout (before
-- 0.3.0): the same matches
SELECT count(*) FILTER (WHERE to_tsvector('vn_pairs', doc) @@ lq('vietnamese', fn, q) = expect) AS old_tsvectors_as_expected
FROM lcase;

-- user synonyms: the canonical text is laid out like the same text in a document
SELECT vietnamese_add_synonym('TP.HCM', 'thành phố Hồ Chí Minh');
SELECT to_tsvector('vn_prefix', 'TP.HCM');
SELECT to_tsvector('vn_prefix', 'TP.HCM') @@ plainto_tsquery('vn_prefix', 'thanh pho ho chi minh') AS t1,
	   to_tsvector('vn_prefix', 'thành phố Hồ Chí Minh') @@ plainto_tsquery('vn_prefix', 'TP.HCM') AS t2;
SELECT vietnamese_remove_word('TP.HCM');

-- GIN and GiST answer prefix operands
CREATE TABLE larts (id int PRIMARY KEY, body text,
	tsv tsvector GENERATED ALWAYS AS (to_tsvector('vn_prefix', body)) STORED);
INSERT INTO larts VALUES
	(1, 'Đảng Cộng sản Việt Nam tổ chức đại hội'),
	(2, 'Ông đăng bài trên mạng xã hội'),
	(3, 'Họ đang họp tại Hà Nội'),
	(4, 'Thời tiết Hà Nội hôm nay mưa');
CREATE INDEX larts_gin ON larts USING gin (tsv);
CREATE INDEX larts_hybrid ON larts USING gin (to_tsvector('vietnamese', body));
SET enable_seqscan = off;
SELECT id FROM larts WHERE tsv @@ websearch_to_tsquery('vn_prefix', 'dang') ORDER BY id;
SELECT id FROM larts WHERE tsv @@ websearch_to_tsquery('vn_prefix', 'đảng') ORDER BY id;
SELECT id FROM larts WHERE tsv @@ websearch_to_tsquery('vn_prefix', '"ha noi"') ORDER BY id;
-- hybrid: a bare compound is a prefix operand
SELECT id FROM larts WHERE to_tsvector('vietnamese', body) @@ plainto_tsquery('vietnamese', 'ha noi') ORDER BY id;
SELECT id FROM larts WHERE to_tsvector('vietnamese', body) @@ plainto_tsquery('vietnamese', 'Hà Nội') ORDER BY id;
SELECT id FROM larts WHERE to_tsvector('vietnamese', body) @@ plainto_tsquery('vietnamese', 'đang họp') ORDER BY id;
DROP INDEX larts_hybrid;
DROP INDEX larts_gin;
CREATE INDEX larts_gist ON larts USING gist (tsv);
SELECT id FROM larts WHERE tsv @@ websearch_to_tsquery('vn_prefix', 'dang') ORDER BY id;
SELECT id FROM larts WHERE tsv @@ websearch_to_tsquery('vn_prefix', '"ha noi"') ORDER BY id;
RESET enable_seqscan;

-- headlines: a prefix operand highlights every variant, a marked one only itself
SELECT ts_headline('vn_prefix', 'Ông đăng bài về Đảng và đảng viên, xăng dầu tăng', q)
FROM (VALUES (websearch_to_tsquery('vn_prefix', 'dang')), (websearch_to_tsquery('vn_prefix', 'đảng')),
	(websearch_to_tsquery('vn_prefix', '"xang dau"')), (websearch_to_tsquery('vn_prefix', 'đảng -đăng'))) v(q);

-- ranking: ts_rank counts each variant a prefix operand matches as a word of
-- its own, so a bare query ranks documents with several variants higher
SELECT round(ts_rank(to_tsvector('vn_prefix', 'đảng đăng đang'), plainto_tsquery('vn_prefix', 'dang'))::numeric, 4) AS prefix_rank,
	   round(ts_rank(to_tsvector('vn_pairs', 'đảng đăng đang'), plainto_tsquery('vn_pairs', 'dang'))::numeric, 4) AS pairs_rank,
	   round(ts_rank(to_tsvector('vietnamese', 'đảng đăng đang'), plainto_tsquery('vietnamese', 'dang'))::numeric, 4) AS hybrid_rank,
	   ts_rank_cd(to_tsvector('vn_prefix', 'đảng đăng đang'), plainto_tsquery('vn_prefix', 'dang')) =
	   ts_rank_cd(to_tsvector('vn_pairs', 'đảng đăng đang'), plainto_tsquery('vn_pairs', 'dang')) AS same_rank_cd;
-- hybrid, like pairs: ts_rank puts a document with the compound above one
-- with its syllables apart, for a query typed with or without diacritics
-- (ts_rank_cd, for reference, does not for a marked query in either layout)
SELECT cfg, q,
	   ts_rank(to_tsvector(cfg, 'Chính sách nhà nước về đất đai'), plainto_tsquery(cfg, q)) >
	   ts_rank(to_tsvector(cfg, 'Ngôi nhà bên bờ nước, chính sách đất đai'), plainto_tsquery(cfg, q)) AS ts_rank_compound_first,
	   ts_rank_cd(to_tsvector(cfg, 'Chính sách nhà nước về đất đai'), plainto_tsquery(cfg, q)) >
	   ts_rank_cd(to_tsvector(cfg, 'Ngôi nhà bên bờ nước, chính sách đất đai'), plainto_tsquery(cfg, q)) AS ts_rank_cd_compound_first
FROM (VALUES ('vn_pairs'::regconfig), ('vietnamese')) c(cfg),
	 (VALUES ('nhà nước'), ('nha nuoc'), ('chính sách nhà nước')) v(q)
ORDER BY cfg::text, q;

DROP TABLE larts, lcase;
DROP FUNCTION lq(regconfig, text, text);
DROP TEXT SEARCH CONFIGURATION vn_prefix;
DROP TEXT SEARCH DICTIONARY vn_prefix;
