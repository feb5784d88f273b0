/*-------------------------------------------------------------------------
 *
 * vndict.c
 *	  The Vietnamese dictionary template: init and lexize.
 *
 * Layout of the lexemes for one token (see README "How matching works"):
 *
 *	- one syllable: its normalized form and, if different, its folded form
 *	  (diacritics stripped), both with the same nvariant.  In a query that
 *	  gives "exact & folded", so "đảng" finds only đảng, while a bare "dang"
 *	  (exact form == folded form) finds every diacritic variant;
 *	- several syllables "nhà nước": nvariant 1 holds the compound nhà_nước
 *	  (and nha_nuoc); nvariant 2 holds the syllables nhà (nha) at the same
 *	  position and nước (nuoc) at the next one (TSL_ADDPOS).  Positions thus
 *	  count syllables, phrase queries work across compound edges, and a
 *	  one-syllable query finds the compound;
 *	- a user synonym (alias of canonical text): the alias as a variant of its
 *	  own, then the lexemes the canonical text would give.
 *
 *	- a URL or an e-mail address: the whole address, and with it the host
 *	  (without "www.") or the mail domain, so "vnexpress.net" finds every
 *	  link to it while a full URL still matches only itself.
 *
 * Stopwords are matched on the normalized exact form of single syllables
 * only, so a bare "cua" (cua, cửa, cưa) is never dropped for "của".
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "commands/defrem.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "tsearch/ts_public.h"
#include "tsearch/ts_utils.h"

#include "vietnamese_fts.h"

typedef struct VnDict
{
	StopList	stoplist;
	bool		fold;			/* emit diacritic-folded forms */
} VnDict;

PG_FUNCTION_INFO_V1(vnfts_dict_init);
PG_FUNCTION_INFO_V1(vnfts_dict_lexize);

Datum
vnfts_dict_init(PG_FUNCTION_ARGS)
{
	List	   *dictoptions = (List *) PG_GETARG_POINTER(0);
	VnDict	   *d = palloc0(sizeof(VnDict));
	bool		stoploaded = false,
				foldloaded = false;
	ListCell   *l;

	vnfts_check_encoding();
	d->fold = true;

	foreach(l, dictoptions)
	{
		DefElem    *defel = (DefElem *) lfirst(l);

		if (pg_strcasecmp(defel->defname, "StopWords") == 0)
		{
			if (stoploaded)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("multiple StopWords parameters")));
			readstoplist(defGetString(defel), &d->stoplist,
						 vnfts_normalize_cstring);
			stoploaded = true;
		}
		else if (pg_strcasecmp(defel->defname, "Fold") == 0)
		{
			if (foldloaded)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("multiple Fold parameters")));
			d->fold = defGetBoolean(defel);
			foldloaded = true;
		}
		else
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("unrecognized Vietnamese dictionary parameter: \"%s\"",
							defel->defname),
					 errhint("Valid parameters are StopWords and Fold.")));
	}

	PG_RETURN_POINTER(d);
}

/* Growable output array of lexemes. */
typedef struct LexBuf
{
	TSLexeme   *res;
	int			n;
	int			cap;
} LexBuf;

static void
lexbuf_add(LexBuf *lb, char *lexeme, uint16 nvariant, uint16 flags)
{
	if (lb->n + 1 >= lb->cap)
	{
		lb->cap *= 2;
		lb->res = repalloc(lb->res, sizeof(TSLexeme) * lb->cap);
	}
	lb->res[lb->n].lexeme = lexeme;
	lb->res[lb->n].nvariant = nvariant;
	lb->res[lb->n].flags = flags;
	lb->n++;
	memset(&lb->res[lb->n], 0, sizeof(TSLexeme));
}

/* Add the exact form and, if folding is on and it differs, the folded one. */
static void
add_forms(VnDict *d, LexBuf *lb, const char *s, int len, uint16 nvariant,
		  uint16 flags)
{
	char	   *exact = pnstrdup(s, len);

	lexbuf_add(lb, exact, nvariant, flags);
	if (d->fold && vn_has_marks(s, len))
	{
		char	   *folded = palloc(len + 1);
		int			flen = vn_fold(s, len, folded);

		folded[flen] = '\0';
		/* same position as the exact form: never TSL_ADDPOS here */
		lexbuf_add(lb, folded, nvariant, 0);
	}
}

/*
 * The host of a URL ("https://www.moh.gov.vn/a" -> "moh.gov.vn") or the
 * domain of an e-mail address, if the token is one.  Codes such as
 * "15/2020/nđ-cp" are no URL: the host must hold a dot and end in letters.
 */
static bool
web_host(const char *s, int len, int *hstart, int *hlen)
{
	const char *at = memchr(s, '@', len);
	const char *scheme = NULL;
	int			b,
				e,
				i;

	for (i = 0; i + 2 < len; i++)
		if (s[i] == ':' && s[i + 1] == '/' && s[i + 2] == '/')
		{
			scheme = s + i + 3;
			break;
		}
	if (at != NULL && scheme == NULL)
		b = at - s + 1;
	else if (scheme != NULL)
		b = scheme - s;
	else if (memchr(s, '/', len) != NULL || (len > 4 && memcmp(s, "www.", 4) == 0))
		b = 0;
	else
		return false;
	if (len - b > 4 && memcmp(s + b, "www.", 4) == 0)
		b += 4;
	for (e = b; e < len; e++)
		if (s[e] == '/' || s[e] == '?' || s[e] == '#' || s[e] == ':')
			break;
	if (e - b < 3 || memchr(s + b, '.', e - b) == NULL)
		return false;
	for (i = e - 1; i > b && s[i] != '.'; i--)
		if (!(s[i] >= 'a' && s[i] <= 'z'))
			return false;
	if (i >= e - 2)				/* top-level domain of 2+ letters */
		return false;
	*hstart = b;
	*hlen = e - b;
	return true;
}

/*
 * Split normalized text into syllables at whitespace.  Returns the number
 * found; starts/lens must have room for len / 2 + 1 entries.
 */
static int
split_syllables(const char *s, int len, int *starts, int *lens)
{
	int			n = 0,
				i = 0;

	while (i < len)
	{
		int			sl = vn_space_at(s + i, len - i);
		int			b;

		if (sl > 0)
		{
			i += sl;
			continue;
		}
		b = i;
		while (i < len && vn_space_at(s + i, len - i) == 0)
			i++;
		starts[n] = b;
		lens[n] = i - b;
		n++;
	}
	return n;
}

/*
 * Lexemes for normalized text: the compound and its syllables, or a single
 * syllable.  first_nvariant lets a synonym's alias come first.
 */
static void
add_text(VnDict *d, LexBuf *lb, const char *norm, int len,
		 uint16 first_nvariant, bool check_stop)
{
	int		   *starts = palloc(sizeof(int) * (len / 2 + 1));
	int		   *lens = palloc(sizeof(int) * (len / 2 + 1));
	int			n = split_syllables(norm, len, starts, lens);
	int			i;

	if (n == 0)
		return;
	if (n == 1)
	{
		char	   *word = pnstrdup(norm + starts[0], lens[0]);

		int			hs,
					hl;

		if (!(check_stop && d->stoplist.len > 0 &&
			  searchstoplist(&d->stoplist, word)))
			add_forms(d, lb, word, lens[0], first_nvariant, 0);
		/* same variant: a query for the whole address stays precise */
		if (web_host(word, lens[0], &hs, &hl) && hl < lens[0])
			lexbuf_add(lb, pnstrdup(word + hs, hl), first_nvariant, 0);
		pfree(word);
	}
	else
	{
		StringInfoData compound;

		initStringInfo(&compound);
		for (i = 0; i < n; i++)
		{
			if (i > 0)
				appendStringInfoChar(&compound, '_');
			appendBinaryStringInfo(&compound, norm + starts[i], lens[i]);
		}
		/* a stopword of several syllables ("có_thể") drops them all */
		if (!(check_stop && d->stoplist.len > 0 &&
			  searchstoplist(&d->stoplist, compound.data)))
		{
			add_forms(d, lb, compound.data, compound.len, first_nvariant, 0);
			for (i = 0; i < n; i++)
				add_forms(d, lb, norm + starts[i], lens[i], first_nvariant + 1,
						  i > 0 ? TSL_ADDPOS : 0);
		}
		pfree(compound.data);
	}
	pfree(starts);
	pfree(lens);
}

Datum
vnfts_dict_lexize(PG_FUNCTION_ARGS)
{
	VnDict	   *d = (VnDict *) PG_GETARG_POINTER(0);
	char	   *in = (char *) PG_GETARG_POINTER(1);
	int32		len = PG_GETARG_INT32(2);
	LexBuf		lb;
	char	   *norm;
	int			nlen;
	const char *canon;

	norm = vnfts_normalize(in, len, &nlen);

	lb.cap = 8;
	lb.n = 0;
	lb.res = palloc0(sizeof(TSLexeme) * lb.cap);

	canon = vnfts_user_synonym(norm);
	if (canon != NULL)
	{
		/* the alias itself, then what the canonical text gives */
		char	   *alias = pstrdup(norm);
		int			i;

		for (i = 0; alias[i]; i++)
			if (alias[i] == ' ')
				alias[i] = '_';
		add_forms(d, &lb, alias, strlen(alias), 1, 0);
		add_text(d, &lb, canon, strlen(canon), 2, false);
	}
	else
		add_text(d, &lb, norm, nlen, 1, true);

	pfree(norm);
	PG_RETURN_POINTER(lb.res);
}
