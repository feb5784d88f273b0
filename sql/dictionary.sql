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
SELECT ts_lexize('vietnamese_dict', normalize('Việt', NFD)) = ts_lexize('vietnamese_dict', 'việt') AS same_nfd;
SELECT ts_lexize('vietnamese_dict', 'Cộng sản');
SELECT ts_lexize('vietnamese_dict', 'Medvedev');
SELECT ts_lexize('vietnamese_dict', 'IMCWP-17');
SELECT ts_lexize('vietnamese_dict', '1.000.000');

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
CREATE TEXT SEARCH DICTIONARY vn_bad (TEMPLATE = vietnamese_template, Stemmer = yes);
CREATE TEXT SEARCH DICTIONARY vn_bad (TEMPLATE = vietnamese_template, StopWords = no_such_list);
DROP TEXT SEARCH DICTIONARY vn_nofold;

-- the helper functions
SELECT vietnamese_normalize('HOÀ BÌNH, Thuỷ');
SELECT vietnamese_unaccent('Đảng Cộng sản Việt Nam');
