--
-- The dictionary: normalization, folding, compounds, stopwords
--
SELECT ts_lexize('vietnamese_dict', 'Đảng');
SELECT ts_lexize('vietnamese_dict', 'dang');
SELECT ts_lexize('vietnamese_dict', 'Hoà');
SELECT ts_lexize('vietnamese_dict', 'hòa');
SELECT ts_lexize('vietnamese_dict', 'thuỷ') = ts_lexize('vietnamese_dict', 'thủy') AS same_uy;
SELECT ts_lexize('vietnamese_dict', 'qúy') = ts_lexize('vietnamese_dict', 'quý') AS same_quy;
SELECT ts_lexize('vietnamese_dict', 'KHOẺ') = ts_lexize('vietnamese_dict', 'khỏe') AS same_khoe;
-- a syllable written with i also gets its y spelling (tỉ / tỷ), not the reverse
SELECT ts_lexize('vietnamese_dict', 'tỉ'), ts_lexize('vietnamese_dict', 'tỷ'), ts_lexize('vietnamese_query_dict', 'Sĩ');
SELECT ts_lexize('vietnamese_dict', normalize('Việt', NFD)) = ts_lexize('vietnamese_dict', 'việt') AS same_nfd;
SELECT ts_lexize('vietnamese_dict', 'Cộng sản');
SELECT ts_lexize('vietnamese_dict', 'Medvedev');
SELECT ts_lexize('vietnamese_dict', 'IMCWP-17');
-- a name typed as one word without diacritics also gives the name's
-- lexemes, if the lexicon learned it as a name; other words stay as typed
SELECT t, ts_lexize('vietnamese_dict', t)
FROM unnest(ARRAY['Hanoi', 'VIETNAM', 'hochiminh', 'Honda', 'Samsung', 'hoan']) t;
-- numbers and times in one spelling; other digit groups as written
SELECT ts_lexize('vietnamese_dict', '1.000.000');
SELECT t, ts_lexize('vietnamese_dict', t)
FROM unnest(ARRAY['1.000,5', '1,000.25', '3.5', '3,5', '3.5%', '1,500', '2026', '14:30',
				  '14g30', '08:00', '8h00', '9h', '14:30:05', '0912.345.678',
				  '192.168.1.1', '6.2.2017', '1.0005']) t;
-- a whole number glued to its unit: its number and unit too, case-aware
SELECT t, ts_lexize('vietnamese_dict', t), ts_lexize('vietnamese_query_dict', t) AS query
FROM unnest(ARRAY['100km', '500g', '20GB', '50m2', '5G', '4K', '100KM']) t;

-- stopwords apply to exact forms only
SELECT ts_lexize('vietnamese_dict', 'của');
SELECT ts_lexize('vietnamese_dict', 'cua');
SELECT to_tsvector('vietnamese', 'của các những');
-- a function word of several syllables is listed as có_thể and drops its
-- compound and syllables; typed bare it stays (co_the is also cỗ thế, cô thể...)
SELECT to_tsvector('vietnamese', 'Tuy nhiên, chúng tôi có thể đến Hà Nội');
SELECT to_tsvector('vietnamese', 'tuy nhien co the');
SELECT to_tsvector('vietnamese', 'Thể thao: có thể') @@ plainto_tsquery('vietnamese', 'thể') AS syllable_of_other_word;
SELECT to_tsvector('vietnamese', 'Họ có thể đến') @@ plainto_tsquery('vietnamese', 'thể') AS syllable_of_stopword;
SELECT plainto_tsquery('vietnamese', 'tuy nhiên có thể');

-- compound + syllables, positions count syllables
SELECT to_tsvector('vietnamese', 'Bộ Y tế Việt Nam');
SELECT to_tsvector('vietnamese', 'Giá xăng dầu tăng');

-- queries built from the same layout
SELECT plainto_tsquery('vietnamese', 'Đảng Cộng sản');
SELECT plainto_tsquery('vietnamese', 'dang cong san');
SELECT phraseto_tsquery('vietnamese', 'nhà nước');
SELECT websearch_to_tsquery('vietnamese', '"Cộng sản" -Mỹ');

-- options
CREATE TEXT SEARCH DICTIONARY vn_nofold (TEMPLATE = vietnamese_template, Fold = false);
SELECT ts_lexize('vn_nofold', 'Đảng');
SELECT ts_lexize('vn_nofold', 'của');
CREATE TEXT SEARCH DICTIONARY vn_nofold_pairs (TEMPLATE = vietnamese_template, Fold = false, Layout = pairs);
SELECT ts_lexize('vn_nofold_pairs', 'Hanoi'), ts_lexize('vietnamese_query_dict', 'Hanoi');
DROP TEXT SEARCH DICTIONARY vn_nofold_pairs;
CREATE TEXT SEARCH DICTIONARY vn_bad (TEMPLATE = vietnamese_template, Stemmer = yes);
CREATE TEXT SEARCH DICTIONARY vn_bad (TEMPLATE = vietnamese_template, StopWords = no_such_list);
DROP TEXT SEARCH DICTIONARY vn_nofold;
-- CodeParts = false leaves codes whole (vietnamese_query_dict's setting)
CREATE TEXT SEARCH DICTIONARY vn_noparts (TEMPLATE = vietnamese_template, CodeParts = false);
SELECT ts_lexize('vn_noparts', 'COVID-19'), ts_lexize('vietnamese_dict', 'COVID-19'),
	   ts_lexize('vietnamese_query_dict', 'TP.HCM');
CREATE TEXT SEARCH DICTIONARY vn_bad (TEMPLATE = vietnamese_template, CodeParts = maybe);
CREATE TEXT SEARCH DICTIONARY vn_bad (TEMPLATE = vietnamese_template, CodeParts = false, CodeParts = true);
CREATE TEXT SEARCH DICTIONARY vn_bad (TEMPLATE = vietnamese_template, StopWords = vietnamese, StopWords = vietnamese);
CREATE TEXT SEARCH DICTIONARY vn_bad (TEMPLATE = vietnamese_template, Fold = true, Fold = false);
CREATE TEXT SEARCH DICTIONARY vn_bad (TEMPLATE = vietnamese_template, StopWords = vietnamese, BareStopwords = drop, BareStopwords = keep);
DROP TEXT SEARCH DICTIONARY vn_noparts;
-- a code's parts go through the stop list, as the built-in parser's parts
-- of a hyphenated word do: with PostgreSQL's english list, "of" and "the"
-- are no parts of state-of-the-art (the whole code is no stopword)
CREATE TEXT SEARCH DICTIONARY vn_english (TEMPLATE = vietnamese_template, StopWords = english);
SELECT ts_lexize('vn_english', 'state-of-the-art'), ts_lexize('vn_english', 'the'),
	   ts_lexize('vn_english', 'Made-in-Vietnam');
SELECT to_tsvector('english', 'state-of-the-art');
DROP TEXT SEARCH DICTIONARY vn_english;

-- BareStopwords = drop (vietnamese_query_dict, in the vietnamese_query
-- configuration, for queries only): a bare word that may be a function word
-- is dropped like the function word, so a query typed without diacritics
-- finds the text it was typed from
SELECT ts_lexize('vietnamese_query_dict', 'cua'), ts_lexize('vietnamese_query_dict', 'Của'),
	   ts_lexize('vietnamese_query_dict', 'cửa'), ts_lexize('vietnamese_query_dict', 'co thể');
SELECT plainto_tsquery('vietnamese_query', 'gia xang cua viet nam');
SELECT phraseto_tsquery('vietnamese_query', 'gia xang cua viet nam');
SELECT plainto_tsquery('vietnamese_query', 'cua hang');	-- inside a word it stays
-- websearch_to_tsquery splits words before the parser sees them: the bare
-- syllables of "dau tu" (đâu and từ are stopwords) are then dropped
SELECT websearch_to_tsquery('vietnamese_query', 'dau tu') AS web, plainto_tsquery('vietnamese_query', 'dau tu') AS plain;
-- every word of the installed stop list is dropped (the dictionary asks a
-- filter of the list's hashes before it searches the list), and by
-- vietnamese_query_dict its bare form too
WITH w AS (
	SELECT replace(btrim(l), '_', ' ') AS w
	FROM regexp_split_to_table(pg_read_file((SELECT setting FROM pg_config WHERE name = 'SHAREDIR') ||
											'/tsearch_data/vietnamese.stop'), E'\n') AS l
	WHERE btrim(l) <> '')
SELECT count(*) > 100 AS many,
	   count(*) FILTER (WHERE ts_lexize('vietnamese_dict', w) <> '{}') AS kept,
	   count(*) FILTER (WHERE ts_lexize('vietnamese_dict', upper(w)) <> '{}') AS kept_upper,
	   count(*) FILTER (WHERE ts_lexize('vietnamese_query_dict', vietnamese_unaccent(w)) <> '{}') AS bare_kept,
	   count(*) FILTER (WHERE ts_lexize('vietnamese_dict', vietnamese_unaccent(w)) = '{}'
						AND vietnamese_unaccent(w) <> w) AS bare_dropped_by_dict
FROM w;
-- a word with diacritics gives only its exact form: same matches, fewer operands
SELECT plainto_tsquery('vietnamese_query', 'Đảng Cộng sản');
SELECT to_tsvector('vietnamese', 'Ông đăng bài') @@ plainto_tsquery('vietnamese_query', 'đảng') AS dang_is_not_dang,
	   to_tsvector('vietnamese', 'Đảng Cộng sản Việt Nam') @@ plainto_tsquery('vietnamese_query', 'đảng cộng sản') AS marked,
	   to_tsvector('vietnamese', 'Đảng Cộng sản Việt Nam') @@ plainto_tsquery('vietnamese_query', 'dang cong san') AS bare,
	   to_tsvector('vietnamese', 'Đảng Cộng sản Việt Nam') @@ phraseto_tsquery('vietnamese_query', 'sản Việt') AS phrase;
SELECT to_tsvector('vietnamese', 'Giá xăng của Việt Nam tăng') @@ plainto_tsquery('vietnamese_query', 'gia xang cua viet nam') AS plain,
	   to_tsvector('vietnamese', 'Giá xăng của Việt Nam tăng') @@ phraseto_tsquery('vietnamese_query', 'gia xang cua viet nam') AS phrase,
	   to_tsvector('vietnamese', 'giá có thể tăng') @@ websearch_to_tsquery('vietnamese_query', '"gia co the tang"') AS web_phrase,
	   to_tsvector('vietnamese', 'Cửa hàng mở cửa') @@ plainto_tsquery('vietnamese_query', 'cua hang') AS cua_hang;
CREATE TEXT SEARCH DICTIONARY vn_bad (TEMPLATE = vietnamese_template, BareStopwords = drop);
CREATE TEXT SEARCH DICTIONARY vn_bad (TEMPLATE = vietnamese_template, StopWords = vietnamese, BareStopwords = maybe);

-- the helper functions
SELECT vietnamese_normalize('HOÀ BÌNH, Thuỷ');
SELECT vietnamese_unaccent('Đảng Cộng sản Việt Nam');
