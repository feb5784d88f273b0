--
-- User words and synonyms
--
SELECT vietnamese_segment('Quán bán cà phê muối gần hồ ở TP.HCM');

SELECT vietnamese_add_word('cà phê muối');
SELECT vietnamese_add_synonym('TP.HCM', 'thành phố Hồ Chí Minh');
SELECT vietnamese_add_synonym('VN', 'Việt Nam');
SELECT word, canonical FROM vietnamese_user_words ORDER BY word;

-- the parser keeps user words whole
SELECT vietnamese_segment('Quán bán Cà Phê Muối gần hồ ở TP.HCM');
SELECT vietnamese_segment('quan ban ca phe muoi');
SELECT alias, token, lexemes FROM ts_debug('vietnamese', 'cà phê muối') WHERE alias <> 'space';

-- a synonym matches its canonical text both ways
SELECT to_tsvector('vietnamese', 'Giá nhà ở TP.HCM tăng') @@ plainto_tsquery('vietnamese', 'thành phố Hồ Chí Minh') AS alias_doc;
SELECT to_tsvector('vietnamese', 'Giá nhà ở thành phố Hồ Chí Minh tăng') @@ plainto_tsquery('vietnamese', 'TP.HCM') AS canonical_doc;
SELECT to_tsvector('vietnamese', 'Đội tuyển Việt Nam thắng') @@ plainto_tsquery('vietnamese', 'VN') AS vn;
-- an alias that is a code is found by its parts, as without the synonym
SELECT to_tsvector('vietnamese', 'Giá nhà ở TP.HCM tăng') @@ plainto_tsquery('vietnamese', 'hcm') AS alias_part,
	   to_tsvector('vietnamese', 'Giá nhà ở TP.HCM tăng') @@ phraseto_tsquery('vietnamese', 'ở TP.HCM tăng') AS alias_phrase,
	   to_tsvector('vietnamese', 'Giá nhà ở TP.HCM tăng') @@ phraseto_tsquery('vietnamese', 'nhà ở thành phố Hồ Chí Minh tăng') AS canonical_phrase;
-- the alias written without its joiners, or with others, is the same alias
-- (the dictionary indexes TP.HCM as tphcm too)
SELECT to_tsvector('vietnamese', 'Giá nhà ở TPHCM tăng') @@ plainto_tsquery('vietnamese', 'thành phố Hồ Chí Minh') AS joined_doc,
	   to_tsvector('vietnamese', 'Giá nhà ở TP-HCM tăng') @@ plainto_tsquery('vietnamese', 'thành phố Hồ Chí Minh') AS other_joiner_doc,
	   to_tsvector('vietnamese', 'Giá nhà ở thành phố Hồ Chí Minh tăng') @@ plainto_tsquery('vietnamese', 'TPHCM') AS joined_query;
SELECT vietnamese_add_synonym('BGDĐT', 'Bộ Giáo dục và Đào tạo');
SELECT to_tsvector('vietnamese', 'Theo BGD-ĐT hôm nay') @@ plainto_tsquery('vietnamese', 'bộ giáo dục') AS code_doc_joined_alias;
-- a word given as an alias wins over another alias's joined form
SELECT vietnamese_add_synonym('tphcm', 'Sài Gòn');
SELECT to_tsvector('vietnamese', 'TPHCM') @@ plainto_tsquery('vietnamese', 'sài gòn') AS given_alias_wins,
	   to_tsvector('vietnamese', 'TP.HCM') @@ plainto_tsquery('vietnamese', 'hồ chí minh') AS code_keeps_its_own;
SELECT vietnamese_remove_word('tphcm');
SELECT vietnamese_remove_word('BGDĐT');

-- plans made before a change do not keep the old words: a prepared statement
-- and a PL/pgSQL expression whose tsquery was folded from a constant
PREPARE q AS SELECT plainto_tsquery('vietnamese', 'trà sữa trân châu');
CREATE FUNCTION q_plpgsql() RETURNS tsquery LANGUAGE plpgsql
	AS $$ BEGIN RETURN plainto_tsquery('vietnamese', 'trà sữa trân châu'); END $$;
EXECUTE q;
SELECT q_plpgsql();
SELECT vietnamese_add_word('trà sữa trân châu');
EXECUTE q;
SELECT q_plpgsql();
SELECT vietnamese_remove_word('trà sữa trân châu');
EXECUTE q;
DEALLOCATE q;
DROP FUNCTION q_plpgsql();

-- spellings are one key
SELECT vietnamese_add_word('CÀ   PHÊ MUỐI');
SELECT count(*) FROM vietnamese_user_words WHERE word = 'cà phê muối';

-- stored rows are lower case and go back in as they are (pg_restore, UPDATE):
-- entries are validated, like matched, without regard to case
UPDATE vietnamese_user_words SET added_at = added_at;
CREATE TEMP TABLE saved AS SELECT * FROM vietnamese_user_words;
DELETE FROM vietnamese_user_words;
INSERT INTO vietnamese_user_words SELECT * FROM saved;
SELECT word, canonical FROM vietnamese_user_words ORDER BY word;
SELECT to_tsvector('vietnamese', 'Giá nhà ở TP.HCM tăng') @@ plainto_tsquery('vietnamese', 'thành phố Hồ Chí Minh') AS alias_doc_after_reinsert;
SELECT vietnamese_add_synonym('covid-19', 'bệnh COVID');
SELECT word, canonical FROM vietnamese_user_words WHERE word = 'covid-19';
SELECT vietnamese_remove_word('COVID-19');

-- bad entries get a clear error
SELECT vietnamese_add_word('tp.hcm cũ');
-- numbers and codes are tokens of their own: never part of a longer word
SELECT vietnamese_add_word('iPhone 15');
SELECT vietnamese_add_word('U23 Việt Nam');
SELECT vietnamese_add_synonym('QL1A', 'quốc lộ 1A');
SELECT vietnamese_add_word('Samsung Galaxy');
SELECT vietnamese_segment('Samsung Galaxy ra mắt, U23 Việt Nam thắng');
SELECT vietnamese_remove_word('Samsung Galaxy');
SELECT vietnamese_add_word('bà rịa-vũng tàu');
SELECT vietnamese_add_word('ΐ.ΐ');	-- upper case is longer: checked, still refused
SELECT vietnamese_add_word('');
SELECT vietnamese_add_word('   ');
SELECT vietnamese_add_word('!!!');
SELECT vietnamese_add_word('👍 👍');
SELECT vietnamese_add_word('« … »');
SELECT vietnamese_add_word('một hai ba bốn năm sáu bảy tám chín mười');
SELECT vietnamese_add_synonym('VN', 'vn');
INSERT INTO vietnamese_user_words (word) VALUES (NULL);

-- removing
SELECT vietnamese_remove_word('Cà phê muối');
SELECT vietnamese_remove_word('cà phê muối');
SELECT vietnamese_segment('Quán bán cà phê muối');
DELETE FROM vietnamese_user_words;
SELECT to_tsvector('vietnamese', 'TP.HCM');

-- common news abbreviations, on request: they and their full forms find
-- each other; what the user already has is kept
SELECT to_tsvector('vietnamese', 'HLV Park Hang-seo') @@ plainto_tsquery('vietnamese', 'huấn luyện viên') AS before_list;
SELECT vietnamese_add_synonym('HLV', 'huấn luyện viên trưởng');
SELECT vietnamese_add_common_abbreviations() AS added;
SELECT vietnamese_add_common_abbreviations() AS added_again;
SELECT word, canonical FROM vietnamese_user_words WHERE word IN ('hlv', 'ubnd', 'đbqh') ORDER BY word;
SELECT to_tsvector('vietnamese', 'Chủ tịch UBND tỉnh') @@ plainto_tsquery('vietnamese', 'ủy ban nhân dân tỉnh') AS abbr_doc,
	   to_tsvector('vietnamese', 'Chủ tịch Ủy ban nhân dân tỉnh') @@ plainto_tsquery('vietnamese', 'UBND tỉnh') AS full_doc,
	   to_tsvector('vietnamese', 'Theo CSGT, vụ TNGT xảy ra') @@ plainto_tsquery('vietnamese', 'tai nan giao thong') AS bare_query,
	   to_tsvector('vietnamese', 'HLV Park Hang-seo') @@ plainto_tsquery('vietnamese', 'huấn luyện viên trưởng') AS user_kept,
	   to_tsvector('vietnamese', 'Chủ tịch UBND tỉnh') @@ plainto_tsquery('vietnamese', 'hội đồng nhân dân') AS other_council;
DELETE FROM vietnamese_user_words;
