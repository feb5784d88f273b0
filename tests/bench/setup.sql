--
-- tests/bench/setup.sql
--	  Objects every benchmark needs: the simple_unaccent configuration (the
--	  usual "do it yourself" answer to Vietnamese search without diacritics)
--	  and small timing helpers.  Run by run.sh in a fresh database.
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS unaccent;

DROP TEXT SEARCH CONFIGURATION IF EXISTS simple_unaccent;
CREATE TEXT SEARCH CONFIGURATION simple_unaccent (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION simple_unaccent
	ALTER MAPPING FOR asciiword, word, numword, asciihword, hword,
		numhword, hword_asciipart, hword_part, hword_numpart
	WITH unaccent, simple;

-- Strip every diacritic from a string: what a user typing without accents
-- would have typed.  unaccent() already maps đ to d; translate() makes sure.
CREATE FUNCTION bench_strip(t text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT translate(unaccent('unaccent', t), 'đĐ', 'dD') $$;

-- Seconds one statement takes (EXECUTE, so every call is planned afresh
-- like a client's query would be).
CREATE FUNCTION bench_time(stmt text) RETURNS double precision
LANGUAGE plpgsql
AS $$
DECLARE
	t0			timestamptz;
BEGIN
	t0 := clock_timestamp();
	EXECUTE stmt;
	RETURN extract(epoch FROM clock_timestamp() - t0);
END
$$;

-- Raw measurements land here; each benchmark reports from it.
CREATE TABLE bench_result (
	bench		text NOT NULL,
	cfg			text NOT NULL,
	item		text NOT NULL,
	rep			int NOT NULL,
	seconds		double precision,
	value		double precision
);
