/* extension/vietnamese_fts--0.6.0--0.7.0.sql */

-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION vietnamese_fts UPDATE TO '0.7.0'" to load this file. \quit

--
-- websearch_to_tsquery() with the syntax of a search box ("quoted phrase",
-- or, -word) that lets the parser see each run of plain words whole.
-- PostgreSQL's own function splits the query at spaces before the parser
-- sees it, so it never finds a compound: "ha noi" is 'ha' & 'noi', and
-- with vietnamese_query "dau tu" is empty, as đâu and từ are stopwords.
-- Here a run of plain words is plainto_tsquery(config, run), a quoted
-- phrase phraseto_tsquery(config, phrase), a word or phrase after '-' is
-- negated, and "or" between two operands joins what stands on either side
-- as websearch_to_tsquery does (AND binds tighter than OR).  The matches
-- are those of websearch_to_tsquery with vietnamese, but for a word the
-- parser cuts in two ("tế-xã"), whose halves websearch_to_tsquery wants
-- side by side; the query also names the compounds, which ts_rank counts,
-- and vietnamese_query keeps them.
-- A query left without lexemes gives an empty tsquery, without the NOTICE
-- of websearch_to_tsquery.  IMMUTABLE like websearch_to_tsquery(regconfig,
-- text), so that a constant query is folded when planning and an index can
-- order by it (RUM's <=>); a change of user words resets cached plans.
--
CREATE FUNCTION @extschema@.vietnamese_websearch_to_tsquery(config regconfig, query text)
RETURNS tsquery
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
SET client_min_messages = warning	/* no NOTICE for the parts left empty */
AS $$
DECLARE
	result		tsquery := ''::tsquery;	/* OR of the groups */
	grp			tsquery := ''::tsquery;	/* AND of the current group's items */
	run			text := '';		/* plain words not yet parsed */
	tok			text[];
	toks		text[] := ARRAY[]::text[];
	item		text;
	negate		boolean := false;
	q			tsquery;
	i			integer;
BEGIN
	/* a quoted phrase (its closing quote may be missing) or a word */
	FOR tok IN SELECT regexp_matches(query, '"[^"]*"?|[^\s"]+', 'g') LOOP
		toks := toks || tok[1];
	END LOOP;

	FOR i IN 1 .. coalesce(array_length(toks, 1), 0) LOOP
		item := toks[i];

		/* "or" after an operand and before another is the operator */
		IF lower(item) = 'or' AND i < array_length(toks, 1) AND
			(run <> '' OR numnode(grp) > 0) AND NOT negate THEN
			IF run <> '' THEN
				grp := grp && plainto_tsquery(config, run);
				run := '';
			END IF;
			result := result || grp;
			grp := ''::tsquery;
			CONTINUE;
		END IF;

		/* each leading '-' negates the operand that follows, also after a space */
		WHILE left(item, 1) = '-' LOOP
			negate := NOT negate;
			item := substr(item, 2);
		END LOOP;
		IF item = '' THEN
			CONTINUE;
		END IF;

		IF NOT negate AND left(item, 1) <> '"' THEN
			run := run || ' ' || item;
			CONTINUE;
		END IF;

		IF run <> '' THEN
			grp := grp && plainto_tsquery(config, run);
			run := '';
		END IF;
		IF left(item, 1) = '"' THEN
			q := phraseto_tsquery(config, btrim(item, '"'));
		ELSE
			q := plainto_tsquery(config, item);
		END IF;
		IF negate THEN
			q := !! q;
			negate := false;
		END IF;
		grp := grp && q;
	END LOOP;

	IF run <> '' THEN
		grp := grp && plainto_tsquery(config, run);
	END IF;
	RETURN result || grp;
END
$$;

COMMENT ON FUNCTION @extschema@.vietnamese_websearch_to_tsquery(regconfig, text) IS
'websearch_to_tsquery() that parses each run of plain words whole, so that compounds are found';

CREATE FUNCTION @extschema@.vietnamese_websearch_to_tsquery(query text)
RETURNS tsquery
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT @extschema@.vietnamese_websearch_to_tsquery(get_current_ts_config(), query) $$;

COMMENT ON FUNCTION @extschema@.vietnamese_websearch_to_tsquery(text) IS
'vietnamese_websearch_to_tsquery() with default_text_search_config';
