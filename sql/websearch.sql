--
-- vietnamese_websearch_to_tsquery(): the syntax of websearch_to_tsquery,
-- with each run of plain words parsed whole, so that compounds are found
--
SET client_min_messages = warning;

SELECT q, vietnamese_websearch_to_tsquery('vietnamese', q) AS ours,
	   websearch_to_tsquery('vietnamese', q) AS builtin
FROM unnest(ARRAY['ha noi', 'Hà Nội', '"Hà Nội" -"thời tiết" or TP.HCM', '-ha noi',
				  'ha - noi', 'a or b c', 'giao duc or y te', 'ha OR noi', 'or ha noi',
				  'ha noi or', '"ha noi', '"đội tuyển Việt Nam" U23', 'của và', '',
				  '- -', 'bóng đá -"bóng chuyền"', 'kinh tế-xã hội']) AS q;

-- the same matches as websearch_to_tsquery with vietnamese
CREATE TABLE web_docs (id int, body text, tsv tsvector);
INSERT INTO web_docs (id, body) VALUES
(1, 'Thủ đô Hà Nội đón mùa thu với thời tiết mát mẻ'),
(2, 'Nội dung bài hát kể về dòng sông Hà'),
(3, 'Giá nhà ở TP.HCM tăng mạnh trong quý ba'),
(4, 'Đội tuyển Việt Nam thắng U23 Thái Lan'),
(5, 'Ngành giáo dục và y tế cần thêm đầu tư công'),
(6, 'Trận bóng đá giao hữu và giải bóng chuyền nữ'),
(7, 'Tham nhũng bị xử lý nghiêm, nhưng những vụ án lớn vẫn kéo dài');
UPDATE web_docs SET tsv = to_tsvector('vietnamese', body);
SELECT q,
	   array(SELECT id FROM web_docs WHERE tsv @@ vietnamese_websearch_to_tsquery('vietnamese', q) ORDER BY id) AS ours,
	   array(SELECT id FROM web_docs WHERE tsv @@ vietnamese_websearch_to_tsquery('vietnamese', q) ORDER BY id) =
	   array(SELECT id FROM web_docs WHERE tsv @@ websearch_to_tsquery('vietnamese', q) ORDER BY id) AS same
FROM unnest(ARRAY['ha noi', '"Hà Nội" -"thời tiết" or TP.HCM', 'ha -thu', 'giao duc or y te',
				  'bong da -"bong chuyen"', 'doi tuyen viet nam', 'dau tu', 'tham nhung']) AS q;

-- a compound ranks first: the query names it
SELECT id, ts_rank(tsv, vietnamese_websearch_to_tsquery('vietnamese', 'ha noi')) >
	   ts_rank(tsv, websearch_to_tsquery('vietnamese', 'ha noi')) AS compound_counts
FROM web_docs WHERE id IN (1, 2) ORDER BY id;
SELECT id FROM web_docs, vietnamese_websearch_to_tsquery('vietnamese', 'ha noi') q
WHERE tsv @@ q ORDER BY ts_rank(tsv, q) DESC, id DESC LIMIT 1;

-- with vietnamese_query, bare words that could be stopwords inside a
-- compound stay (websearch_to_tsquery drops "dau tu" entirely)
SELECT vietnamese_websearch_to_tsquery('vietnamese_query', 'dau tu') AS ours,
	   websearch_to_tsquery('vietnamese_query', 'dau tu') AS builtin;
SELECT array(SELECT id FROM web_docs WHERE tsv @@ vietnamese_websearch_to_tsquery('vietnamese_query', q) ORDER BY id)
FROM unnest(ARRAY['dau tu cong', 'tham nhung', '"giao duc" or bong da']) AS q;

-- the one-argument form uses default_text_search_config
SET default_text_search_config = 'vietnamese';
SELECT vietnamese_websearch_to_tsquery('ha noi') = vietnamese_websearch_to_tsquery('vietnamese', 'ha noi') AS default_config;
RESET default_text_search_config;
SELECT vietnamese_websearch_to_tsquery(NULL::text) IS NULL AS strict;

-- what a search box may receive: empty phrases, operators alone, stopwords,
-- a long query (time linear in its length)
SELECT numnode(vietnamese_websearch_to_tsquery('vietnamese', repeat('"', 10001))) AS quotes,
	   numnode(vietnamese_websearch_to_tsquery('vietnamese', repeat('- or ', 10000))) AS operators,
	   numnode(vietnamese_websearch_to_tsquery('vietnamese', repeat('của "và" ', 1000))) AS stopwords,
	   numnode(vietnamese_websearch_to_tsquery('vietnamese', repeat('ha noi or -"thoi tiet" ', 2000))) AS long,
	   vietnamese_websearch_to_tsquery('vietnamese', '"" ha') AS empty_phrase;

DROP TABLE web_docs;
