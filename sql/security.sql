--
-- Privileges and a hostile search_path
--
CREATE ROLE vn_user LOGIN;
SET ROLE vn_user;
-- an ordinary user can search and read user words
SELECT to_tsvector('vietnamese', 'Hà Nội mùa thu') @@ plainto_tsquery('vietnamese', 'ha noi') AS works;
SELECT count(*) >= 0 AS can_read FROM vietnamese_user_words;
-- but cannot change them
SELECT vietnamese_add_word('từ mới');
INSERT INTO vietnamese_user_words (word) VALUES ('từ mới');
SELECT vietnamese_add_common_abbreviations();
RESET ROLE;

-- objects shadowing built-ins in a schema searched first do not hijack the extension
CREATE SCHEMA evil;
CREATE FUNCTION evil.btrim(text) RETURNS text LANGUAGE sql AS $$ SELECT 'hijacked'::text $$;
CREATE FUNCTION evil.regexp_replace(text, text, text, text) RETURNS text LANGUAGE sql AS $$ SELECT 'hijacked'::text $$;
CREATE TABLE evil.vietnamese_user_words (word text, canonical text);
INSERT INTO evil.vietnamese_user_words VALUES ('không phải', 'hijacked');
SET search_path = evil, public;
SELECT public.vietnamese_add_word('từ mới');
SELECT public.vietnamese_remove_word('từ mới');
SELECT to_tsvector('public.vietnamese', 'không phải');
SELECT public.vietnamese_add_common_abbreviations() AS added,
	   (SELECT count(*) FROM evil.vietnamese_user_words) AS evil_rows;
DELETE FROM public.vietnamese_user_words;
RESET search_path;
DROP SCHEMA evil CASCADE;
DROP ROLE vn_user;
