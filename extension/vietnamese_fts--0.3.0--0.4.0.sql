/* extension/vietnamese_fts--0.3.0--0.4.0.sql */

-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION vietnamese_fts UPDATE TO '0.4.0'" to load this file. \quit

--
-- Documents index the parts of codes (covid-19: covid, 19), so a query for
-- a part finds the code; that comes with the library (CodeParts defaults to
-- true).  Queries parsed by vietnamese_query leave a code whole: the parts
-- would add operands that make ts_rank weigh the code three times.
--
ALTER TEXT SEARCH DICTIONARY @extschema@.vietnamese_query_dict (CodeParts = false);
