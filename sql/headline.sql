--
-- ts_headline with the Vietnamese parser
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS vietnamese_fts;
RESET client_min_messages;

CREATE TEMP TABLE hl_docs (id int PRIMARY KEY, body text);
INSERT INTO hl_docs VALUES
(1, 'Sáng nay, Tổng Bí thư Tô Lâm đã có buổi làm việc với lãnh đạo Đảng Cộng sản Việt Nam tại Hà Nội. Hai bên trao đổi về tình hình kinh tế, xã hội và kế hoạch phát triển đất nước trong năm tới. Nhiều chuyên gia cho rằng giá xăng dầu sẽ tiếp tục tăng, ảnh hưởng đến đời sống của người dân ở các tỉnh miền núi phía Bắc.'),
(2, 'Sang nay, Tong Bi thu To Lam lam viec voi lanh dao Dang Cong san Viet Nam tai Ha Noi.'),
(3, E'GIÁ  XĂNG\tdầu   TĂNG!!  «Thị trường» hôm nay…\nNgười dân lo lắng.'),
(4, 'Ông ấy nói: "Cộng sản" là một từ ghép; còn cộng và sản là hai âm tiết, khác công và sân.');

CREATE FUNCTION hl(id int, q tsquery, opts text DEFAULT '') RETURNS text
LANGUAGE sql AS $$
	SELECT ts_headline('vietnamese', body, q, opts) FROM hl_docs d WHERE d.id = hl.id
$$;

-- a compound is highlighted whole, with the case and diacritics as written
SELECT hl(1, plainto_tsquery('vietnamese', 'cộng sản'));
-- ... also when only one of its syllables is asked for
SELECT hl(1, to_tsquery('vietnamese', 'sản'));
-- a query typed without diacritics finds and highlights the accented text
SELECT hl(1, plainto_tsquery('vietnamese', 'cong san'));
-- text written without diacritics, query without diacritics
SELECT hl(2, plainto_tsquery('vietnamese', 'cong san'));
-- a query typed with diacritics highlights only that word, not the words
-- that differ from it by their marks; typed without, it highlights them all
SELECT hl(4, to_tsquery('vietnamese', 'cộng'), 'HighlightAll=true');
SELECT hl(4, to_tsquery('vietnamese', 'cong'), 'HighlightAll=true');
SELECT hl(4, plainto_tsquery('vietnamese', 'cộng sân'), 'HighlightAll=true');
SELECT hl(4, to_tsquery('vietnamese', 'cộng | cong:*'), 'HighlightAll=true');
SELECT hl(2, plainto_tsquery('vietnamese', 'cộng sản'), 'HighlightAll=true');

-- spaces, tabs, line breaks, punctuation and case come back unchanged
SELECT hl(3, plainto_tsquery('vietnamese', 'xăng dầu'));
SELECT hl(3, to_tsquery('vietnamese', 'thi & truong'), 'StartSel=[, StopSel=]');
SELECT hl(id, to_tsquery('vietnamese', 'xăng'), 'HighlightAll=true, StartSel="", StopSel=""') = body AS verbatim
FROM hl_docs ORDER BY id;
-- every fragment is a piece of the document as written
SELECT position(replace(replace(hl(1, to_tsquery('vietnamese', 'kinh & tế'), 'MaxWords=8, MinWords=3'), '<b>', ''), '</b>', '')
				IN (SELECT body FROM hl_docs WHERE id = 1)) > 0 AS substring_of_doc;

-- words under NOT are not highlighted
SELECT hl(1, to_tsquery('vietnamese', 'giá & !xăng'), 'MaxWords=6, MinWords=2');

-- default options: one fragment of up to 35 words around the matches
SELECT hl(1, to_tsquery('vietnamese', 'xăng'));
-- MaxWords and MinWords
SELECT hl(1, to_tsquery('vietnamese', 'xăng'), 'MaxWords=10, MinWords=5');
SELECT hl(1, to_tsquery('vietnamese', 'xăng'), 'MaxWords=4, MinWords=1');
-- the window covering the most distinct query words wins
SELECT hl(1, to_tsquery('vietnamese', 'giá | xăng | lãnh'), 'MaxWords=6, MinWords=1');
SELECT hl(1, to_tsquery('vietnamese', 'Hà & Nội'), 'MaxWords=6, MinWords=1');
-- ShortWord: short words (counted in characters) are dropped at the edges
SELECT hl(1, to_tsquery('vietnamese', 'kế'), 'MaxWords=6, MinWords=1');
SELECT hl(1, to_tsquery('vietnamese', 'kế'), 'MaxWords=6, MinWords=1, ShortWord=0');
SELECT hl(1, to_tsquery('vietnamese', 'xăng'), 'MaxWords=10, MinWords=5, ShortWord=4');
-- ... but never below MinWords
SELECT hl(1, to_tsquery('vietnamese', 'kế'), 'MaxWords=6, MinWords=5');
SELECT hl(1, to_tsquery('vietnamese', 'xăng'), 'MaxWords=10, MinWords=7, ShortWord=4');
-- no match: the first MinWords words
SELECT hl(1, to_tsquery('vietnamese', 'bóng & đá'));
SELECT hl(1, to_tsquery('vietnamese', 'bóng & đá'), 'MaxWords=8, MinWords=3');
-- HighlightAll: the whole text
SELECT hl(1, to_tsquery('vietnamese', 'xăng'), 'HighlightAll=true');
SELECT hl(1, to_tsquery('vietnamese', 'xăng'), 'HighlightAll=yes, MaxWords=1, MinWords=5');
-- MaxFragments and FragmentDelimiter
SELECT hl(1, to_tsquery('vietnamese', 'Tô & Lâm & xăng & miền & núi'), 'MaxFragments=2, MaxWords=5, MinWords=1');
SELECT hl(1, to_tsquery('vietnamese', 'Tô & Lâm & xăng & miền & núi'), 'MaxFragments=3, MaxWords=5, MinWords=1, FragmentDelimiter=" // "');
SELECT hl(1, to_tsquery('vietnamese', 'bóng'), 'MaxFragments=3, MaxWords=5, MinWords=2');
-- StartSel and StopSel
SELECT hl(1, to_tsquery('vietnamese', 'xăng'), 'MaxWords=5, MinWords=1, StartSel=<mark>, StopSel=</mark>');
SELECT hl(1, to_tsquery('vietnamese', 'xăng'), 'MaxWords=5, MinWords=1, startsel="<< ", stopsel=" >>"');

-- invalid options
SELECT hl(1, to_tsquery('vietnamese', 'xăng'), 'MaxWords=5, MinWords=5');
SELECT hl(1, to_tsquery('vietnamese', 'xăng'), 'MinWords=0');
SELECT hl(1, to_tsquery('vietnamese', 'xăng'), 'ShortWord=-1');
SELECT hl(1, to_tsquery('vietnamese', 'xăng'), 'MaxFragments=-1');
SELECT hl(1, to_tsquery('vietnamese', 'xăng'), 'MaxWords=many');
SELECT hl(1, to_tsquery('vietnamese', 'xăng'), 'Color=red');

-- a part of a code marks the whole code
SELECT ts_headline('vietnamese', 'Đại dịch COVID-19 tại TP.HCM', plainto_tsquery('vietnamese', 'covid hcm')) AS code_parts;
-- so does a code typed joined, and a day or year of a date the whole date
SELECT ts_headline('vietnamese', 'Đại dịch COVID-19 tại TP.HCM', plainto_tsquery('vietnamese', 'tphcm')) AS code_joined,
	   ts_headline('vietnamese', 'Ngày 30/4/1975 và ngày 2/9/1945; năm 1975', plainto_tsquery('vietnamese', '1975')) AS date_year;
-- the other spelling of an i/y word is marked whole (the lexicon knows
-- bác sĩ, and holds bác sỹ too)
SELECT ts_headline('vietnamese', 'Tỉ lệ thất nghiệp và các bác sỹ', plainto_tsquery('vietnamese', 'tỷ lệ')) AS iy_word,
	   ts_headline('vietnamese', 'Tỉ lệ thất nghiệp và các bác sỹ', plainto_tsquery('vietnamese', 'bác sĩ')) AS iy_other_word;
-- a hyphenated word found joined is marked whole, with its punctuation kept
SELECT ts_headline('vietnamese', 'Quán có Wi-Fi, đội U.23 thắng.', plainto_tsquery('vietnamese', 'wifi u23')) AS hyphen_code;
-- a name typed as one word highlights the name
SELECT ts_headline('vietnamese', 'Thủ đô Hà Nội và Hải Phòng', websearch_to_tsquery('vietnamese', 'hanoi')) AS joined_name;
SELECT ts_headline('vietnamese', 'Bay tới Hanoi hôm qua', websearch_to_tsquery('vietnamese', 'ha noi')) AS joined_name_syllables;

-- empty and match-less texts
SELECT ts_headline('vietnamese', '', to_tsquery('vietnamese', 'xăng')) AS empty;
SELECT ts_headline('vietnamese', '... !!!', to_tsquery('vietnamese', 'xăng')) AS punct_only;

-- a long text (about 400 kB): the match near the end is found, the
-- fragment stays within MaxWords, and many fragments stay in text order
CREATE TEMP TABLE hl_long AS
SELECT repeat('Giá xăng dầu trong nước tăng nhẹ vào chiều thứ Hai. ', 6000)
	   || 'Cuối cùng, Quốc hội thông qua Luật Đất đai sửa đổi.' AS body;
SELECT octet_length(body) FROM hl_long;
SELECT ts_headline('vietnamese', body, plainto_tsquery('vietnamese', 'luật đất đai')) FROM hl_long;
SELECT ts_headline('vietnamese', body, plainto_tsquery('vietnamese', 'luật đất đai'), 'MaxWords=6, MinWords=3') FROM hl_long;
SELECT length(h) AS len,
	   (SELECT count(*) FROM regexp_matches(h, '<b>', 'g')) AS highlights,
	   (SELECT count(*) FROM regexp_matches(h, ' \.\.\. ', 'g')) AS delimiters
FROM (SELECT ts_headline('vietnamese', body, to_tsquery('vietnamese', 'thứ & Hai'),
						 'MaxFragments=1000, MaxWords=3, MinWords=1') AS h FROM hl_long) s;

-- a word written together and apart, a possessive, a foreign accent:
-- each spelling is highlighted, as written
SELECT ts_headline('vietnamese',
	'Giá ôtô tăng, còn ô tô cũ giảm. McDonald''s mở cửa; Özil ghi bàn',
	plainto_tsquery('vietnamese', 'ô tô mcdonald ozil'), 'HighlightAll=true');

DROP FUNCTION hl(int, tsquery, text);
