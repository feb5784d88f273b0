--
-- Hostile input: encodings, stray marks, invisible characters, emoji,
-- over-long words, mixed scripts.  Every token should be sensible and no
-- lexeme garbage.
--
-- A non-UTF8 database: CREATE EXTENSION refuses with a clear message.
SELECT current_database() AS regress_db \gset
CREATE DATABASE vn_latin1 ENCODING 'LATIN1' TEMPLATE template0
	LC_COLLATE 'C' LC_CTYPE 'C';
\c vn_latin1
\set VERBOSITY default
CREATE EXTENSION vietnamese_fts;
\c :regress_db
DROP DATABASE vn_latin1;

-- quietly, whether or not an earlier test created it
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS vietnamese_fts;
RESET client_min_messages;

-- Show every token with its lexemes, one line each; \u escapes keep the
-- expected file readable whatever the terminal.
CREATE FUNCTION show_tokens(t text)
RETURNS TABLE (alias text, token text, lexemes text[])
LANGUAGE sql AS $$
	SELECT d.alias,
		   regexp_replace(replace(replace(d.token, E'\u200b', '<ZWSP>'),
				   E'\ufeff', '<BOM>'), '[\u0300-\u036f]', '<MARK>', 'g'),
		   d.lexemes
	FROM ts_debug('vietnamese', t) d
	WHERE d.alias <> 'space'
$$;

-- Lone combining marks: at the start, after a space, after a digit, after
-- punctuation, after the sign of a tag.  They are punctuation, never a
-- lexeme of their own nor the start of one.
SELECT * FROM show_tokens(E'\u0301');
SELECT * FROM show_tokens(E'\u0301 Việt Nam \u0300\u0303');
SELECT * FROM show_tokens(E'2026\u0301 .\u0301');
SELECT * FROM show_tokens(E'#\u0301a @\u0300b #c\u0301');
-- Decomposed (NFD) Vietnamese is the same word as precomposed.
SELECT * FROM show_tokens(E'Vie\u0323\u0302t Nam ho\u0300a bi\u0300nh');
SELECT to_tsvector('vietnamese', E'Vie\u0323\u0302t Nam') =
	   to_tsvector('vietnamese', 'Việt Nam') AS nfd_equals_nfc;
-- A mark typed twice, or a second tone over the first, as news text has
-- them ("Sơ̛n", "thị̣", "Ướ́c", "miể̃n"): the syllable it was meant to be.
SELECT * FROM show_tokens(E'Lạng\u0323 So\u031b\u031bn, thị\u0323 trường, Ướ\u0301c mơ, miể\u0303n phí');
SELECT to_tsvector('vietnamese', E'Lạng\u0323 Sơ\u031bn') @@
	   phraseto_tsquery('vietnamese', 'Lạng Sơn') AS double_marks_found,
	   to_tsvector('vietnamese', E'đượ\u0323c') AS double_marked_stopword;
-- A Vietnamese mark left on a consonant stays in the exact form only.
SELECT to_tsvector('vietnamese', E'ng\u0323');
-- Many marks on one letter stay attached to that letter: one token, too
-- long to index, so only "b" is left.
SELECT alias, octet_length(token) AS bytes, array_length(lexemes, 1) AS nlex
FROM ts_debug('vietnamese', 'a' || repeat(E'\u0301', 10000) || ' b');
SELECT to_tsvector('vietnamese', 'a' || repeat(E'\u0301', 10000) || ' b');

-- Zero-width characters and BOM between syllables separate words like a
-- space; inside a word they are not lexemes.
SELECT * FROM show_tokens(E'\ufeffNhà\u200bnước và\u200b nhân dân');
SELECT * FROM show_tokens(E'x\u200dy \u2060z');
-- A soft hyphen (an invisible hyphenation hint) between letters is inside
-- the word and left out of its lexemes; elsewhere it is punctuation.
SELECT alias, replace(token, E'\u00ad', '<SHY>') AS token, lexemes
FROM ts_debug('vietnamese', E'Jamil Dakh\u00adlia \u00adba\u00ad')
WHERE alias <> 'space';
SELECT to_tsvector('vietnamese', E'Dakh\u00adlia') @@
	   plainto_tsquery('vietnamese', 'Dakhlia') AS soft_hyphen_found;

-- Emoji, with skin tones, ZWJ sequences, flags and variation selectors:
-- punctuation, no lexemes.
SELECT * FROM show_tokens(E'Vui 😀 👍🏽 👨\u200d👩\u200d👧 🇻🇳 ❤\ufe0f quá');
SELECT to_tsvector('vietnamese', E'😀👍🏽🇻🇳❤\ufe0f') AS emoji_only;

-- Over-long words: PostgreSQL ignores words of 2048 bytes or more.
SELECT octet_length(lexeme) AS bytes
FROM unnest(to_tsvector('vietnamese', repeat('a', 2047)));
SELECT octet_length(lexeme) AS bytes
FROM unnest(to_tsvector('vietnamese', repeat('a', 2048)));
SELECT octet_length(lexeme) AS bytes
FROM unnest(to_tsvector('vietnamese', repeat('đ', 1024) || ' đồng'));
-- A code of 2,047 bytes with 683 parts: the code, its two distinct parts
-- and its joined form; one byte more and the token is ignored like any
-- other over the limit, parts and all.
SELECT octet_length(lexeme) AS bytes, count(*)
FROM unnest(to_tsvector('vietnamese', repeat('A1-', 682) || 'X'))
GROUP BY 1 ORDER BY 1;
SELECT octet_length(lexeme) AS bytes, count(*)
FROM unnest(to_tsvector('vietnamese', repeat('A1-', 682) || 'XY'))
GROUP BY 1 ORDER BY 1;

-- Mixed scripts: each script run is a token of its own.
SELECT * FROM show_tokens('Hà Nội東京Москва กรุงเทพ Seoul서울 العربية');
SELECT * FROM show_tokens('COVID-19 U23 TP.HCM 3,5% 24/2/2026 14h30');

-- Text that is nothing but marks and symbols gives an empty tsvector.
SELECT to_tsvector('vietnamese', E'\u0301\u0300 … «» —– ¶ ©') AS nothing;
SELECT plainto_tsquery('vietnamese', E'\u0301 😀') AS empty_query;

-- Tokens concatenate back to the input, even for nasty input.
SELECT string_agg(token, '' ORDER BY n) = t AS tiles
FROM (VALUES (E'a\u0301\u0301 \u200b😀x\ufe0f1.2.3...Đ\u0323')) v(t),
	 ts_parse('vietnamese_parser', t) WITH ORDINALITY p(tokid, token, n)
GROUP BY t;

DROP FUNCTION show_tokens(text);
