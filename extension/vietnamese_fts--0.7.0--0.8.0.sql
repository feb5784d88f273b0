/* extension/vietnamese_fts--0.7.0--0.8.0.sql */

-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION vietnamese_fts UPDATE TO '0.8.0'" to load this file. \quit

--
-- The parser also under the configuration's name, so that the calls that
-- take a parser name work with the name users know: ts_token_type('vietnamese')
-- and ts_parse('vietnamese', ...).  The same functions as vietnamese_parser,
-- which the configurations keep using.
--
CREATE TEXT SEARCH PARSER @extschema@.vietnamese (
	START = @extschema@.vietnamese_prsstart,
	GETTOKEN = @extschema@.vietnamese_prsgettoken,
	END = @extschema@.vietnamese_prsend,
	LEXTYPES = @extschema@.vietnamese_prslextype,
	HEADLINE = @extschema@.vietnamese_prsheadline
);

COMMENT ON TEXT SEARCH PARSER @extschema@.vietnamese IS
'Vietnamese parser (the same as vietnamese_parser): segments multi-syllable words, names, numbers, dates and foreign words';
