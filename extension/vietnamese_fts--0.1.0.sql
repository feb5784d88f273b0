/* extension/vietnamese_fts--0.1.0.sql */

-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION vietnamese_fts" to load this file. \quit

-- Everything below assumes UTF-8 text; refuse early with a clear message.
DO $$
BEGIN
	IF pg_catalog.getdatabaseencoding() OPERATOR(pg_catalog.<>) 'UTF8' THEN
		RAISE EXCEPTION 'vietnamese_fts requires a UTF8 database, but database "%" uses encoding %',
			pg_catalog.current_database(), pg_catalog.getdatabaseencoding()
			USING ERRCODE = 'feature_not_supported',
				  HINT = 'Create a UTF8 database, for example: CREATE DATABASE news ENCODING ''UTF8'' TEMPLATE template0; then run CREATE EXTENSION vietnamese_fts there.';
	END IF;
END
$$;

--
-- Parser
--
CREATE FUNCTION @extschema@.vietnamese_prsstart(internal, integer)
RETURNS internal
AS 'MODULE_PATHNAME', 'vnfts_prsstart'
LANGUAGE C STRICT;

CREATE FUNCTION @extschema@.vietnamese_prsgettoken(internal, internal, internal)
RETURNS internal
AS 'MODULE_PATHNAME', 'vnfts_prsgettoken'
LANGUAGE C STRICT;

CREATE FUNCTION @extschema@.vietnamese_prsend(internal)
RETURNS void
AS 'MODULE_PATHNAME', 'vnfts_prsend'
LANGUAGE C STRICT;

CREATE FUNCTION @extschema@.vietnamese_prslextype(internal)
RETURNS internal
AS 'MODULE_PATHNAME', 'vnfts_prslextype'
LANGUAGE C STRICT;

CREATE FUNCTION @extschema@.vietnamese_prsheadline(internal, internal, tsquery)
RETURNS internal
AS 'MODULE_PATHNAME', 'vnfts_headline'
LANGUAGE C STRICT;

CREATE TEXT SEARCH PARSER @extschema@.vietnamese_parser (
	START = @extschema@.vietnamese_prsstart,
	GETTOKEN = @extschema@.vietnamese_prsgettoken,
	END = @extschema@.vietnamese_prsend,
	LEXTYPES = @extschema@.vietnamese_prslextype,
	HEADLINE = @extschema@.vietnamese_prsheadline
);

COMMENT ON TEXT SEARCH PARSER @extschema@.vietnamese_parser IS
'Vietnamese parser: segments multi-syllable words, names, numbers, dates and foreign words';

--
-- Dictionary template and dictionary
--
CREATE FUNCTION @extschema@.vietnamese_dict_init(internal)
RETURNS internal
AS 'MODULE_PATHNAME', 'vnfts_dict_init'
LANGUAGE C STRICT;

CREATE FUNCTION @extschema@.vietnamese_dict_lexize(internal, internal, internal, internal)
RETURNS internal
AS 'MODULE_PATHNAME', 'vnfts_dict_lexize'
LANGUAGE C STRICT;

CREATE TEXT SEARCH TEMPLATE @extschema@.vietnamese_template (
	INIT = @extschema@.vietnamese_dict_init,
	LEXIZE = @extschema@.vietnamese_dict_lexize
);

COMMENT ON TEXT SEARCH TEMPLATE @extschema@.vietnamese_template IS
'Vietnamese dictionary: normalization, tone placement, diacritic-insensitive matching, compounds with their syllables';

CREATE TEXT SEARCH DICTIONARY @extschema@.vietnamese_dict (
	TEMPLATE = @extschema@.vietnamese_template,
	StopWords = vietnamese
);

COMMENT ON TEXT SEARCH DICTIONARY @extschema@.vietnamese_dict IS
'Vietnamese dictionary with the curated stopword list vietnamese.stop';

--
-- Configuration: every token type that carries content goes to the
-- dictionary; space and punct are left unmapped, like the default parser's
-- blank tokens, so they take no positions.
--
CREATE TEXT SEARCH CONFIGURATION @extschema@.vietnamese (
	PARSER = @extschema@.vietnamese_parser
);

ALTER TEXT SEARCH CONFIGURATION @extschema@.vietnamese
	ADD MAPPING FOR word, syllable, name, "foreign", acronym, code, number,
		"date", "time", percent, url, email, tag, script
	WITH @extschema@.vietnamese_dict;

COMMENT ON TEXT SEARCH CONFIGURATION @extschema@.vietnamese IS
'Vietnamese full-text search configuration';

--
-- Utility functions
--
CREATE FUNCTION @extschema@.vietnamese_normalize(text)
RETURNS text
AS 'MODULE_PATHNAME', 'vnfts_normalize_sql'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.vietnamese_normalize(text) IS
'NFC, case folding and canonical tone placement, as the dictionary does';

CREATE FUNCTION @extschema@.vietnamese_unaccent(text)
RETURNS text
AS 'MODULE_PATHNAME', 'vnfts_unaccent'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.vietnamese_unaccent(text) IS
'Normalize, then strip Vietnamese diacritics (đ becomes d)';

CREATE FUNCTION @extschema@.vietnamese_segment(text, separator text DEFAULT '_')
RETURNS text
AS 'MODULE_PATHNAME', 'vnfts_segment'
LANGUAGE C STABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.vietnamese_segment(text, text) IS
'The text with the syllables of each multi-syllable word joined by the separator';

--
-- User words and synonyms.  Rows are validated and normalized by a trigger;
-- every change invalidates the cached copy in all sessions at commit.
--
CREATE TABLE @extschema@.vietnamese_user_words (
	word		text PRIMARY KEY,
	canonical	text,
	added_at	timestamptz NOT NULL DEFAULT pg_catalog.now()
);

COMMENT ON TABLE @extschema@.vietnamese_user_words IS
'Words the Vietnamese parser keeps whole; with canonical set, word is a synonym or abbreviation of canonical';

GRANT SELECT ON @extschema@.vietnamese_user_words TO PUBLIC;

-- user rows survive pg_dump / pg_restore
SELECT pg_catalog.pg_extension_config_dump('@extschema@.vietnamese_user_words', '');

CREATE FUNCTION @extschema@.vietnamese_user_words_check()
RETURNS trigger
AS 'MODULE_PATHNAME', 'vnfts_user_words_check'
LANGUAGE C;

CREATE FUNCTION @extschema@.vietnamese_user_words_changed()
RETURNS trigger
AS 'MODULE_PATHNAME', 'vnfts_user_words_changed'
LANGUAGE C;

CREATE TRIGGER vietnamese_user_words_check
	BEFORE INSERT OR UPDATE ON @extschema@.vietnamese_user_words
	FOR EACH ROW EXECUTE FUNCTION @extschema@.vietnamese_user_words_check();

CREATE TRIGGER vietnamese_user_words_changed
	AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.vietnamese_user_words
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.vietnamese_user_words_changed();

CREATE FUNCTION @extschema@.vietnamese_add_word(word text)
RETURNS void
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
AS $$
	INSERT INTO @extschema@.vietnamese_user_words (word) VALUES ($1)
	ON CONFLICT (word) DO UPDATE SET canonical = NULL;
$$;

COMMENT ON FUNCTION @extschema@.vietnamese_add_word(text) IS
'Add a word (a new name, term or brand) that the parser keeps whole';

CREATE FUNCTION @extschema@.vietnamese_add_synonym(word text, canonical text)
RETURNS void
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
AS $$
	INSERT INTO @extschema@.vietnamese_user_words (word, canonical) VALUES ($1, $2)
	ON CONFLICT (word) DO UPDATE SET canonical = EXCLUDED.canonical;
$$;

COMMENT ON FUNCTION @extschema@.vietnamese_add_synonym(text, text) IS
'Make word (an abbreviation or synonym) match canonical, e.g. (''TP.HCM'', ''thành phố Hồ Chí Minh'')';

CREATE FUNCTION @extschema@.vietnamese_remove_word(word text)
RETURNS boolean
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
AS $$
	WITH d AS (
		DELETE FROM @extschema@.vietnamese_user_words
		WHERE word OPERATOR(pg_catalog.=)
			pg_catalog.regexp_replace(pg_catalog.btrim(@extschema@.vietnamese_normalize($1)), '\s+', ' ', 'g')
		RETURNING 1
	)
	SELECT count(*) OPERATOR(pg_catalog.>) 0 FROM d;
$$;

COMMENT ON FUNCTION @extschema@.vietnamese_remove_word(text) IS
'Remove a user word or synonym; true if it existed';
