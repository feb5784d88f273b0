/*-------------------------------------------------------------------------
 *
 * vnparser.c
 *	  Text search parser callbacks: start, gettoken, end, lextype.
 *
 * All the work is done by the core tokenizer; this file only adapts it to
 * the parser API and checks for interrupts between tokens, so any input
 * can be cancelled.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"
#include "miscadmin.h"
#include "tsearch/ts_public.h"

#include "vietnamese_fts.h"

typedef struct VnParserState
{
	const char *text;
	VnTokenizer *tz;
} VnParserState;

/* Aliases and descriptions, indexed by VnTokType - 1 */
static const char *const vn_tok_alias[] = {
	"word", "syllable", "name", "foreign", "acronym", "code", "number",
	"date", "time", "percent", "url", "email", "tag", "script", "space",
	"punct"
};

static const char *const vn_tok_descr[] = {
	"Vietnamese word of several syllables",
	"Vietnamese word of one syllable",
	"Proper name",
	"Word in Latin script that is not Vietnamese",
	"Acronym",
	"Code of letters and digits",
	"Number",
	"Date",
	"Time of day",
	"Percentage",
	"URL",
	"Email address",
	"Hashtag or mention",
	"Word in another script",
	"Space symbols",
	"Punctuation and symbols"
};

StaticAssertDecl(lengthof(vn_tok_alias) == VN_TOK_LAST,
				 "vn_tok_alias must match VnTokType");
StaticAssertDecl(lengthof(vn_tok_descr) == VN_TOK_LAST,
				 "vn_tok_descr must match VnTokType");

PG_FUNCTION_INFO_V1(vnfts_prsstart);
PG_FUNCTION_INFO_V1(vnfts_prsgettoken);
PG_FUNCTION_INFO_V1(vnfts_prsend);
PG_FUNCTION_INFO_V1(vnfts_prslextype);

Datum
vnfts_prsstart(PG_FUNCTION_ARGS)
{
	char	   *text = (char *) PG_GETARG_POINTER(0);
	int			len = PG_GETARG_INT32(1);
	VnParserState *st;

	vnfts_check_encoding();
	st = palloc(sizeof(VnParserState));
	st->text = text;
	st->tz = vnfts_tokenizer_start(text, (size_t) len);
	PG_RETURN_POINTER(st);
}

Datum
vnfts_prsgettoken(PG_FUNCTION_ARGS)
{
	VnParserState *st = (VnParserState *) PG_GETARG_POINTER(0);
	char	  **t = (char **) PG_GETARG_POINTER(1);
	int		   *tlen = (int *) PG_GETARG_POINTER(2);
	VnToken		tok;

	CHECK_FOR_INTERRUPTS();

	if (!vn_tokenizer_next(st->tz, &tok))
		PG_RETURN_INT32(0);

	*t = (char *) st->text + tok.start;
	*tlen = (int) tok.len;
	PG_RETURN_INT32(tok.type);
}

Datum
vnfts_prsend(PG_FUNCTION_ARGS)
{
	VnParserState *st = (VnParserState *) PG_GETARG_POINTER(0);

	vnfts_tokenizer_finish(st->tz);
	pfree(st);
	PG_RETURN_VOID();
}

Datum
vnfts_prslextype(PG_FUNCTION_ARGS)
{
	LexDescr   *descr = palloc(sizeof(LexDescr) * (VN_TOK_LAST + 1));
	int			i;

	for (i = 0; i < VN_TOK_LAST; i++)
	{
		descr[i].lexid = i + 1;
		descr[i].alias = pstrdup(vn_tok_alias[i]);
		descr[i].descr = pstrdup(vn_tok_descr[i]);
	}
	descr[VN_TOK_LAST].lexid = 0;
	PG_RETURN_POINTER(descr);
}
