/*-------------------------------------------------------------------------
 *
 * vnwebsearch.c
 *	  vietnamese_websearch_to_tsquery(): the syntax of websearch_to_tsquery
 *	  ("quoted phrase", or, -word) with each run of plain words parsed
 *	  whole, so that the parser can find the compounds in it.
 *
 * PostgreSQL's websearch_to_tsquery() hands the configuration's parser one
 * word at a time, so its query never names a compound ("ha noi" is 'ha' &
 * 'noi'), and with vietnamese_query a compound whose bare syllables could
 * be function words is dropped ("dau tu": đâu and từ are stopwords).  Here
 * a run of plain words is plainto_tsquery(config, run), a quoted phrase
 * phraseto_tsquery(config, phrase), and '-' and "or" work as in
 * websearch_to_tsquery: '-' negates the operand after it, "or" between two
 * operands joins what stands on either side, AND binding tighter.  The
 * parts are joined as text and parsed once at the end, so the time is
 * linear in the query's length.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "tsearch/ts_type.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"

PG_FUNCTION_INFO_V1(vnfts_websearch_to_tsquery);

typedef struct WebState
{
	Oid			cfg;
	const char *query;
	int			run_start;		/* plain words not yet parsed, or -1 */
	int			run_end;
	StringInfoData group;		/* the items of the current AND group */
	StringInfoData out;			/* the finished groups, OR-ed */
} WebState;

static inline bool
web_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
		c == '\f' || c == '\v';
}

/* Add one item, the query of text s (len bytes), to the current group. */
static void
web_item(WebState *st, const char *s, int len, bool phrase, bool negate)
{
	text	   *t;
	TSQuery		q;
	char	   *qs;
	int			k = 0;

	/* an empty phrase ("") asks for nothing */
	while (k < len && web_space(s[k]))
		k++;
	if (k == len)
		return;
	t = cstring_to_text_with_len(s, len);
	q = DatumGetTSQuery(DirectFunctionCall2(phrase ? phraseto_tsquery_byid :
											plainto_tsquery_byid,
											ObjectIdGetDatum(st->cfg),
											PointerGetDatum(t)));
	pfree(t);
	if (q->size == 0)
		return;					/* only stopwords: nothing to ask for */
	qs = DatumGetCString(DirectFunctionCall1(tsqueryout, PointerGetDatum(q)));
	if (st->group.len > 0)
		appendStringInfoString(&st->group, " & ");
	appendStringInfo(&st->group, "%s( %s )", negate ? "!" : "", qs);
	pfree(qs);
	pfree(q);
}

static void
web_flush_run(WebState *st)
{
	if (st->run_start < 0)
		return;
	web_item(st, st->query + st->run_start, st->run_end - st->run_start,
			 false, false);
	st->run_start = -1;
}

static void
web_flush_group(WebState *st)
{
	web_flush_run(st);
	if (st->group.len == 0)
		return;
	if (st->out.len > 0)
		appendStringInfoString(&st->out, " | ");
	appendBinaryStringInfo(&st->out, st->group.data, st->group.len);
	resetStringInfo(&st->group);
}

Datum
vnfts_websearch_to_tsquery(PG_FUNCTION_ARGS)
{
	Oid			cfg = PG_GETARG_OID(0);
	text	   *in = PG_GETARG_TEXT_PP(1);
	int			len = VARSIZE_ANY_EXHDR(in);
	char	   *query = text_to_cstring(in);
	WebState	st;
	bool		negate = false;
	bool		operand = false;	/* the current group has an operand */
	int			i = 0;

	st.cfg = cfg;
	st.query = query;
	st.run_start = -1;
	st.run_end = -1;
	initStringInfo(&st.group);
	initStringInfo(&st.out);

	while (i < len)
	{
		int			start;

		CHECK_FOR_INTERRUPTS();

		if (web_space(query[i]))
		{
			i++;
			continue;
		}

		/* each '-' before an operand negates it, as in websearch_to_tsquery */
		if (query[i] == '-')
		{
			negate = !negate;
			i++;
			continue;
		}

		start = i;
		if (query[i] == '"')
		{
			/* a phrase, to the closing quote or the end */
			start = ++i;
			while (i < len && query[i] != '"')
				i++;
			web_flush_run(&st);
			web_item(&st, query + start, i - start, true, negate);
			if (i < len)
				i++;
			negate = false;
			operand = true;
			continue;
		}

		while (i < len && !web_space(query[i]) && query[i] != '"')
			i++;

		/* "or" after an operand and before another is the operator */
		if (i - start == 2 && pg_strncasecmp(query + start, "or", 2) == 0 &&
			operand && !negate)
		{
			int			k = i;

			while (k < len && web_space(query[k]))
				k++;
			if (k < len)
			{
				web_flush_group(&st);
				operand = false;
				continue;
			}
		}

		operand = true;
		if (negate)
		{
			web_flush_run(&st);
			web_item(&st, query + start, i - start, false, true);
			negate = false;
		}
		else
		{
			/* a plain word joins the run */
			if (st.run_start < 0)
				st.run_start = start;
			st.run_end = i;
		}
	}
	web_flush_group(&st);

	if (st.out.len == 0)
	{
		/* no lexemes: the empty query, as websearch_to_tsquery gives */
		TSQuery		empty = (TSQuery) palloc0(HDRSIZETQ);

		SET_VARSIZE(empty, HDRSIZETQ);
		empty->size = 0;
		PG_RETURN_TSQUERY(empty);
	}
	PG_RETURN_DATUM(DirectFunctionCall1(tsqueryin, CStringGetDatum(st.out.data)));
}
