/*-------------------------------------------------------------------------
 *
 * vietnamese_fts.c
 *	  Module entry point, the per-backend lexicon mapping, and small SQL
 *	  functions over the core (normalize, unaccent, segment).
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <ctype.h>

#include "access/xact.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "tsearch/ts_public.h"
#include "utils/builtins.h"

#include "vietnamese_fts.h"

PG_MODULE_MAGIC;

/*
 * The compiled lexicon, mapped read-only on first use.  The pages are
 * shared with every other backend through the page cache; each backend
 * only keeps this pointer.
 */
static VnLexicon *vn_lexicon = NULL;

/*
 * One tokenizer per backend, reused from call to call: its state is large
 * (it caches what it learned about syllables), so allocating and clearing
 * it for every short text would dominate.  A nested parse, which nothing
 * in PostgreSQL does today, gets a fresh one.
 */
static VnTokenizer *vn_tokenizer = NULL;
static bool vn_tokenizer_busy = false;
static uint64 vn_tokenizer_generation = 0;	/* of the user words it saw */

void		_PG_init(void);

/* A parse interrupted by an error never calls its end function. */
static void
vnfts_xact_cb(XactEvent event, void *arg)
{
	if (event == XACT_EVENT_ABORT || event == XACT_EVENT_PARALLEL_ABORT)
		vn_tokenizer_busy = false;
}

void
_PG_init(void)
{
	vnfts_user_init();
	RegisterXactCallback(vnfts_xact_cb, NULL);
}

/*
 * The core works on UTF-8 only.  CREATE EXTENSION refuses other encodings,
 * but a dump restored into a non-UTF8 database could still reach us.
 */
void
vnfts_check_encoding(void)
{
	if (GetDatabaseEncoding() != PG_UTF8)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("Vietnamese text search requires a UTF8 database, but this database uses encoding %s",
						GetDatabaseEncodingName()),
				 errhint("Use a database created with ENCODING 'UTF8'.")));
}

const VnLexicon *
vnfts_lexicon(void)
{
	if (vn_lexicon == NULL)
	{
		char	   *path = get_tsearch_config_filename("vietnamese", "lex");
		char		errbuf[512];

		vn_lexicon = vn_lexicon_open(path, errbuf, sizeof(errbuf));
		if (vn_lexicon == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_CONFIG_FILE_ERROR),
					 errmsg("could not load the Vietnamese lexicon: %s", errbuf),
					 errhint("Reinstall the vietnamese_fts files (make install); the lexicon is \"%s\".",
							 path)));
		pfree(path);
	}
	return vn_lexicon;
}

VnTokenizer *
vnfts_tokenizer_start(const char *text, size_t len)
{
	const VnLexicon *lex = vnfts_lexicon();
	uint64		generation;
	const VnUserLex *ulex = vnfts_user_lexicon_acquire(&generation);
	VnTokenizer *tz;

	if (vn_tokenizer_busy)
	{
		tz = palloc(vn_tokenizer_size());
		vn_tokenizer_init(tz, lex, ulex, text, len);
		return tz;
	}
	if (vn_tokenizer == NULL)
	{
		vn_tokenizer = MemoryContextAlloc(TopMemoryContext, vn_tokenizer_size());
		vn_tokenizer_init(vn_tokenizer, lex, ulex, text, len);
	}
	else if (generation == vn_tokenizer_generation)
		vn_tokenizer_reset(vn_tokenizer, text, len);
	else
		vn_tokenizer_init(vn_tokenizer, lex, ulex, text, len);
	vn_tokenizer_generation = generation;
	vn_tokenizer_busy = true;
	return vn_tokenizer;
}

void
vnfts_tokenizer_finish(VnTokenizer *tz)
{
	if (tz == vn_tokenizer)
		vn_tokenizer_busy = false;
	else
		pfree(tz);
	vnfts_user_lexicon_release();
}

/*
 * Normalization looks at one syllable at a time, so long text can be done
 * in pieces that end before an ASCII space or punctuation mark, with a
 * check for interrupts between them.
 */
#define VN_NORM_PIECE	(256 * 1024)

static inline bool
vn_piece_break(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
		(c < 0x80 && ispunct(c));
}

/* Normalize len bytes into a palloc'd NUL-terminated string. */
char *
vnfts_normalize(const char *s, int len, int *outlen)
{
	size_t		npieces = len / VN_NORM_PIECE + 1;
	size_t		cap = VN_NORM_BOUND((size_t) len) + 16 * npieces + 1;
	char	   *out = MemoryContextAllocHuge(CurrentMemoryContext, cap);
	size_t		pos = 0,
				o = 0;

	while (pos < (size_t) len)
	{
		size_t		end = pos + VN_NORM_PIECE;
		int			n;

		if (end >= (size_t) len)
			end = len;
		else
		{
			while (end < (size_t) len && !vn_piece_break((unsigned char) s[end]))
				end++;
		}
		n = vn_normalize(s + pos, end - pos, out + o);
		if (n < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INTERNAL_ERROR),
					 errmsg("could not normalize Vietnamese text")));
		o += n;
		pos = end;
		CHECK_FOR_INTERRUPTS();
	}
	out[o] = '\0';
	if (outlen)
		*outlen = (int) o;
	return out;
}

/* For readstoplist(): stopwords are compared in normalized form. */
char *
vnfts_normalize_cstring(const char *s)
{
	return vnfts_normalize(s, strlen(s), NULL);
}

PG_FUNCTION_INFO_V1(vnfts_normalize_sql);
PG_FUNCTION_INFO_V1(vnfts_unaccent);
PG_FUNCTION_INFO_V1(vnfts_segment);

Datum
vnfts_normalize_sql(PG_FUNCTION_ARGS)
{
	text	   *in = PG_GETARG_TEXT_PP(0);
	int			len;
	char	   *out;

	vnfts_check_encoding();
	out = vnfts_normalize(VARDATA_ANY(in), VARSIZE_ANY_EXHDR(in), &len);
	PG_RETURN_TEXT_P(cstring_to_text_with_len(out, len));
}

Datum
vnfts_unaccent(PG_FUNCTION_ARGS)
{
	text	   *in = PG_GETARG_TEXT_PP(0);
	int			len;
	char	   *norm,
			   *out;

	vnfts_check_encoding();
	norm = vnfts_normalize(VARDATA_ANY(in), VARSIZE_ANY_EXHDR(in), &len);
	out = MemoryContextAllocHuge(CurrentMemoryContext, len + 1);
	len = vn_fold(norm, len, out);
	PG_RETURN_TEXT_P(cstring_to_text_with_len(out, len));
}

/*
 * The input with the syllables of every multi-syllable token joined by the
 * separator; everything else is copied as written.
 */
Datum
vnfts_segment(PG_FUNCTION_ARGS)
{
	text	   *in = PG_GETARG_TEXT_PP(0);
	text	   *sep = PG_GETARG_TEXT_PP(1);
	const char *src = VARDATA_ANY(in);
	size_t		len = VARSIZE_ANY_EXHDR(in);
	StringInfoData buf;
	VnTokenizer *tz;
	VnToken		tok;

	vnfts_check_encoding();
	initStringInfo(&buf);
	tz = vnfts_tokenizer_start(src, len);
	while (vn_tokenizer_next(tz, &tok))
	{
		CHECK_FOR_INTERRUPTS();
		if (tok.nsyl > 1)
		{
			const char *p = src + tok.start;
			const char *end = p + tok.len;

			while (p < end)
			{
				int			sl = vn_space_at(p, end - p);

				if (sl == 0)
				{
					appendStringInfoChar(&buf, *p++);
					continue;
				}
				while (sl > 0)
				{
					p += sl;
					sl = vn_space_at(p, end - p);
				}
				appendBinaryStringInfo(&buf, VARDATA_ANY(sep),
									   VARSIZE_ANY_EXHDR(sep));
			}
		}
		else
			appendBinaryStringInfo(&buf, src + tok.start, tok.len);
	}
	vnfts_tokenizer_finish(tz);
	PG_RETURN_TEXT_P(cstring_to_text_with_len(buf.data, buf.len));
}
