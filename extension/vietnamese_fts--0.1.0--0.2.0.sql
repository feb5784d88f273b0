/* extension/vietnamese_fts--0.1.0--0.2.0.sql */

-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION vietnamese_fts UPDATE TO '0.2.0'" to load this file. \quit

--
-- A configuration for parsing queries, not documents: its dictionary also
-- drops a word typed without diacritics that could be a stopword ("cua"
-- for "của"), so that "gia xang cua viet nam" finds "Giá xăng của Việt
-- Nam", whose "của" the index does not hold; and it gives a word typed
-- with diacritics only its exact form, since every document position that
-- has it also has the folded one (same matches, fewer operands to look up
-- and rank).  Use it in the tsquery functions against tsvectors made with
-- "vietnamese".
--
CREATE TEXT SEARCH DICTIONARY @extschema@.vietnamese_query_dict (
	TEMPLATE = @extschema@.vietnamese_template,
	StopWords = vietnamese,
	BareStopwords = drop,
	Fold = false
);

COMMENT ON TEXT SEARCH DICTIONARY @extschema@.vietnamese_query_dict IS
'Vietnamese dictionary for queries: also drops words typed without diacritics that could be stopwords';

-- the same token types as vietnamese, through the query dictionary
CREATE TEXT SEARCH CONFIGURATION @extschema@.vietnamese_query (
	COPY = @extschema@.vietnamese
);

ALTER TEXT SEARCH CONFIGURATION @extschema@.vietnamese_query
	ALTER MAPPING REPLACE @extschema@.vietnamese_dict
	WITH @extschema@.vietnamese_query_dict;

COMMENT ON TEXT SEARCH CONFIGURATION @extschema@.vietnamese_query IS
'Vietnamese configuration for queries (tsquery functions) against tsvectors made with vietnamese';
