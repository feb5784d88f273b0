/* extension/vietnamese_fts--0.6.0--0.7.0.sql */

-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION vietnamese_fts UPDATE TO '0.7.0'" to load this file. \quit

--
-- websearch_to_tsquery() with the syntax of a search box ("quoted phrase",
-- or, -word) that lets the parser see each run of plain words whole, so
-- that it finds the compounds in it (vnwebsearch.c).  The matches are
-- those of websearch_to_tsquery with vietnamese, but for a word the parser
-- cuts in two ("tế-xã"), whose halves websearch_to_tsquery wants side by
-- side.  IMMUTABLE like websearch_to_tsquery(regconfig, text), so that a
-- constant query is folded when planning and an index can order by it
-- (RUM's <=>); a change of user words resets cached plans.  A part that
-- holds only stopwords is left out without a NOTICE for each.
--
CREATE FUNCTION @extschema@.vietnamese_websearch_to_tsquery(config regconfig, query text)
RETURNS tsquery
AS 'MODULE_PATHNAME', 'vnfts_websearch_to_tsquery'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
SET client_min_messages = warning;

COMMENT ON FUNCTION @extschema@.vietnamese_websearch_to_tsquery(regconfig, text) IS
'websearch_to_tsquery() that parses each run of plain words whole, so that compounds are found';

CREATE FUNCTION @extschema@.vietnamese_websearch_to_tsquery(query text)
RETURNS tsquery
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT @extschema@.vietnamese_websearch_to_tsquery(get_current_ts_config(), query) $$;

COMMENT ON FUNCTION @extschema@.vietnamese_websearch_to_tsquery(text) IS
'vietnamese_websearch_to_tsquery() with default_text_search_config';
