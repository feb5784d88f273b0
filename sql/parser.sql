--
-- The parser: token types and segmentation
--
SELECT tokid, alias, description FROM ts_token_type('vietnamese');

-- "vietnamese" (since 0.8.0) is the configurations' vietnamese_parser under
-- the configuration's name: the same token types and the same tokens
SELECT (SELECT ROW(prsstart, prstoken, prsend, prsheadline, prslextype) FROM pg_ts_parser WHERE prsname = 'vietnamese') =
	   (SELECT ROW(prsstart, prstoken, prsend, prsheadline, prslextype) FROM pg_ts_parser WHERE prsname = 'vietnamese_parser') AS same_functions,
	   (SELECT p.prsname FROM pg_ts_config c JOIN pg_ts_parser p ON p.oid = c.cfgparser
		WHERE c.cfgname = 'vietnamese') AS config_parser,
	   (SELECT count(*) FROM (SELECT * FROM ts_token_type('vietnamese')
							  EXCEPT SELECT * FROM ts_token_type('vietnamese_parser')) d) AS types_differing,
	   (SELECT array_agg(tokid || ':' || token ORDER BY n) FROM ts_parse('vietnamese', 'Ông Tô Lâm đến Hà Nội lúc 14h30.') WITH ORDINALITY p(tokid, token, n)) =
	   (SELECT array_agg(tokid || ':' || token ORDER BY n) FROM ts_parse('vietnamese_parser', 'Ông Tô Lâm đến Hà Nội lúc 14h30.') WITH ORDINALITY p(tokid, token, n)) AS same_tokens;

-- multi-syllable words, names, foreign words, acronyms, codes
SELECT alias, token FROM ts_debug('vietnamese',
  'Tổng Bí thư Tô Lâm gặp Thủ tướng Thổ Nhĩ Kỳ tại Istanbul; Medvedev và TTXVN đưa tin về IMCWP-17 và COVID-19.')
WHERE alias NOT IN ('space', 'punct');

-- a capital at the start of a sentence does not make a name
SELECT alias, token FROM ts_debug('vietnamese',
  'Hôm nay trời mưa. Người dân Hà Nội đi làm muộn. Ông Nguyễn Văn An nói: Chúng tôi lo lắng.')
WHERE alias NOT IN ('space', 'punct');

-- numbers, dates, times, percentages in Vietnamese notation
SELECT alias, token FROM ts_debug('vietnamese',
  'Ngày 24/2/2026, lúc 14h30, giá tăng 3,5% lên 1.000.000 đồng; hội nghị 19-25/1 và 30/10-1/11.')
WHERE alias NOT IN ('space', 'punct');
-- dotted groups: dates, a phone number, an address, a section, each one token
SELECT alias, token FROM ts_debug('vietnamese',
  'Ngày 6.2.2017 (1987.05.22), gọi 0912.345.678, máy 192.168.1.1, Điều 7.1.1.')
WHERE alias NOT IN ('space', 'punct');
SELECT to_tsvector('vietnamese', 'Đường dây nóng 0912.345.678 của bệnh viện') AS tsv;
SELECT to_tsvector('vietnamese', 'Đường dây nóng 0912.345.678 của bệnh viện')
       @@ phraseto_tsquery('vietnamese', 'day nong 0912.345.678') AS phone_found;

-- URLs, e-mail, hashtags, other scripts
SELECT alias, token FROM ts_debug('vietnamese',
  'Xem https://example.vn/tin-tuc?id=5 hoặc gửi thư tới ban.doc@example.vn #bầucử @toasoan 北京 Москва กรุงเทพ')
WHERE alias NOT IN ('space', 'punct');

-- the same words without diacritics, in NFD, in capitals (without them,
-- the pairs of mang xa hoi and bong da stay whole, since news text with
-- diacritics mostly writes them inside one word (extension/data/model/
-- folded_joins.txt) and mạng xã hội is a word; the model alone split both)
SELECT vietnamese_segment('Đảng Cộng sản Việt Nam lãnh đạo mạng xã hội');
SELECT vietnamese_segment('dang cong san viet nam lanh dao mang xa hoi');
SELECT vietnamese_segment('lịch thi đấu bóng đá của đội tuyển');
SELECT vietnamese_segment('lich thi dau bong da cua doi tuyen');
-- a pair counts where the rule would keep it whole: va cham is va chạm in
-- 94% of such places, though many others are và | chăm sóc
SELECT vietnamese_segment('xe khach va cham xe tai tren quoc lo');
SELECT vietnamese_segment('va cham soc con cai');
-- two such pairs in a row (lam phat, phat bieu) are left to the model,
-- unless the three are a word
SELECT vietnamese_segment('ong lam phat bieu tai hoi nghi');
SELECT vietnamese_segment('su that bai cua doi tuyen');

-- a name at the start of a text (a title, a query) is a name too, though a
-- sentence's first capital says nothing (name_joins.txt: pairs mostly
-- capitalised in one word inside sentences); a title before it is not
SELECT alias, token FROM ts_debug('vietnamese', 'Thổ Nhĩ Kỳ mời Lê Hoài Trung')
WHERE alias NOT IN ('space', 'punct');
SELECT vietnamese_segment('Lê Hoài Trung đến Thổ Nhĩ Kỳ');
SELECT vietnamese_segment('Tho Nhi Ky');
SELECT vietnamese_segment('Ông Trấn Thành');
-- only pairs that inside sentences are written with a capital on the second
-- syllable count, since only those can look like it at a sentence's start:
-- so tô làm in lowercase does not keep To Lam from being a name there
SELECT vietnamese_segment('To Lam phat bieu tai hoi nghi');
SELECT vietnamese_segment('Hạ Vi xác nhận chuyện tình cảm');
SELECT vietnamese_segment('Chị Lan cho biết');
-- with diacritics, also pairs listed as written, whose folded pair news
-- text writes otherwise too (biên hòa, biến hóa)
SELECT vietnamese_segment('Biên Hòa mưa lớn');
SELECT vietnamese_segment('Thu Hằng cho biết');

-- a name typed in lowercase, as queries are, is one word where news text
-- nearly always writes it as one capitalised name (name_words.txt), with
-- or without diacritics, but not where a word crosses its end (công an |
-- giang tay holds no An Giang); so is such a name capitalised at the start
-- of a text (Tô Lâm, whose folded pair is too often other words)
SELECT vietnamese_segment('thủ tướng phạm minh chính phát biểu');
SELECT vietnamese_segment('tong bi thu nguyen phu trong');
SELECT vietnamese_segment('chủ tịch quốc hội vương đình huệ');
SELECT vietnamese_segment('tỉnh an giang');
SELECT vietnamese_segment('công an giang tay');
-- the list counts only places where no word crosses a name's ends, as the
-- rule does: so hai bà (of Hai Bà Trưng) is no name before cháu, and to lam
-- (tô làm elsewhere) is one where nothing crosses it
SELECT vietnamese_segment('hai bà cháu dắt nhau đi chợ');
SELECT vietnamese_segment('đường hai bà trưng');
SELECT vietnamese_segment('ong to lam noi');
SELECT vietnamese_segment('Tô Lâm phát biểu');
-- names with foreign syllables too (Real Madrid, SEA Games), but not English
-- text that merely holds their words
SELECT vietnamese_segment('đội real madrid gặp man utd tại sea games');
SELECT vietnamese_segment('tong thong donald trump');
SELECT vietnamese_segment('Real Madrid thắng đậm');
SELECT vietnamese_segment('the real people of madrid');
-- a text that is only a name typed without diacritics is the name, even one
-- whose folded syllables are often other words (to lam: tô làm, tố làm);
-- inside a sentence not where a word crosses it (lam phat)
SELECT vietnamese_segment('to lam');
SELECT vietnamese_segment('To Lam');
SELECT vietnamese_segment('to lam phat bieu');
SELECT normalize(vietnamese_segment(normalize('Đảng Cộng sản Việt Nam', NFD)), NFC) = vietnamese_segment('Đảng Cộng sản Việt Nam') AS nfd_same;
SELECT vietnamese_segment('ĐẢNG CỘNG SẢN VIỆT NAM');
-- an abbreviation's dot starts no sentence: the name after it is kept whole
SELECT vietnamese_segment('Trụ sở ở Q.Hoàn Kiếm, TP.Hà Tĩnh.');
SELECT alias, token FROM ts_debug('vietnamese', 'Q.Hoàn Kiếm') WHERE alias <> 'space';
-- no word joins a Vietnamese syllable to the foreign word after it; in text with
-- diacritics, a pair that is a word only without them (a misspelling) stays apart
SELECT vietnamese_segment('Bệnh nhân mắc chứng rosacea khá phổ biến.');
SELECT vietnamese_segment('Bà có trách nhiêm với gia đình.');

-- tokens cover the input exactly
SELECT string_agg(token, '' ORDER BY ordinality) = t AS lossless
FROM (SELECT 'Giá xăng, dầu  tăng 3,5%!  Hoà bình…' AS t) s,
     LATERAL ts_parse('vietnamese_parser', t) WITH ORDINALITY
GROUP BY t;

-- a word over the 2047-byte lexeme limit is skipped like the default parser does
SELECT length(to_tsvector('vietnamese', repeat('a', 3000) || ' nhà')::text) > 0 AS indexed_rest;
