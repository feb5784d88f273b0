/* extension/vietnamese_fts--0.2.0--0.3.0.sql */

-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION vietnamese_fts UPDATE TO '0.3.0'" to load this file. \quit

--
-- Layout = hybrid: a compound is one lexeme "folded=exact" (lanh_dao=lãnh_đạo)
-- instead of two (lãnh_đạo and lanh_dao); syllables keep their exact and
-- folded pair.  Same matches, a smaller and faster-to-build index.  Stored
-- tsvectors keep the old layout until they are recomputed: they still match
-- every query, but rank compounds as if they were apart (see README).
--
ALTER TEXT SEARCH DICTIONARY @extschema@.vietnamese_dict (Layout = hybrid);
ALTER TEXT SEARCH DICTIONARY @extschema@.vietnamese_query_dict (Layout = hybrid);
