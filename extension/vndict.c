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
 *	  one-syllable query finds the compound.  Matching rests on the
 *	  syllables alone (the compound only ranks), so Layout = hybrid can
 *	  store the compound as one lexeme "nha_nuoc=nhà_nước" (a bare query
 *	  compound is then the prefix operand 'nha_nuoc=':*): the index loses a
 *	  lexeme per marked compound and finds the same rows;
 *	- a user synonym (alias of canonical text): the alias as a variant of its
 *	  own, then the lexemes the canonical text would give.
 *
 *	- a URL or an e-mail address: the whole address, and with it the host
 *	  (without "www.") or the mail domain, so "vnexpress.net" finds every
 *	  link to it while a full URL still matches only itself.
 *
 * Stopwords are matched on the normalized exact form only, so a bare "cua"
 * (cua, cửa, cưa) is never dropped for "của"; a listed compound ("có_thể")
 * drops the compound and its syllables.  BareStopwords = drop (the
 * vietnamese_query dictionary, for queries only) also drops the bare forms
 * of marked stopwords.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "commands/defrem.h"
#include "common/hashfn.h"
#include "fmgr.h"
#include "tsearch/ts_public.h"
#include "tsearch/ts_utils.h"

#include "vietnamese_fts.h"

/*
 * A one-hash bloom filter of both stop lists, asked before them: most
 * words are no stopword, and searchstoplist() is a binary search (seven or
 * eight string comparisons for our 140 stopwords) while the filter, with
 * fewer than 300 of its 4,096 bits set, turns away 93% of other words with
 * one hash.
 */
#define STOP_FILTER_BITS	4096

typedef struct VnDict
{
	StopList	stoplist;
	StopList	barestop;		/* BareStopwords = drop: folded stopwords */
	uint64		stopfilter[STOP_FILTER_BITS / 64];
	bool		fold;			/* emit diacritic-folded forms */
	bool		prefix;			/* Layout = prefix: see layout_lexeme() */
	bool		hybrid;			/* Layout = hybrid: compounds as in prefix */
	bool		codeparts;		/* CodeParts: index the parts of codes */
} VnDict;

/*
 * Layout = prefix: one lexeme per form, the folded form first, then
 * VN_LAYOUT_SEP, then the exact form if it has marks: "dang=đảng",
 * "dang=", "nha_nuoc=nhà_nước".  A form without marks carries TSL_PREFIX,
 * so a bare query word becomes the prefix operand 'dang=':* and matches
 * every variant, while a marked one ('dang=đảng') matches only itself.
 * to_tsvector ignores the flag, so documents and queries share the output.
 *
 * '=' cannot occur in the text it follows: only folded forms made of the
 * letters a-z (and '_' between a compound's syllables) get this layout,
 * so the prefix 'dang=' never matches "dang_vien=..." or "dangky=".  It
 * needs no quoting in tsquery/tsvector text (unlike ':', '&', '|', '!',
 * '(', ')', '<', '*', '\'', ' ' and '\\').
 */
#define VN_LAYOUT_SEP	'='

PG_FUNCTION_INFO_V1(vnfts_dict_init);
PG_FUNCTION_INFO_V1(vnfts_dict_lexize);

/*
 * BareStopwords = drop, for a configuration used only on queries: the
 * folded forms of the stopwords that have marks ("cua" for "của", "co_the"
 * for "có_thể"), so that a query word typed without diacritics that may be
 * a function word is dropped like the function word itself.  Documents do
 * not index stopwords, so otherwise "gia xang cua viet nam" finds nothing
 * where "của" stood.  Sorted as searchstoplist() expects.
 */
static void
build_barestop(VnDict *d)
{
	StopList   *s = &d->stoplist;
	StopList   *b = &d->barestop;
	int			i;

	b->len = 0;
	b->stop = palloc(sizeof(char *) * Max(s->len, 1));
	for (i = 0; i < s->len; i++)
	{
		int			len = strlen(s->stop[i]);
		char	   *f = palloc(len + 1);
		int			flen = vn_fold(s->stop[i], len, f);

		if (flen == len)
		{
			pfree(f);			/* no marks: already a stopword as typed */
			continue;
		}
		f[flen] = '\0';
		b->stop[b->len++] = f;
	}
	qsort(b->stop, b->len, sizeof(char *), pg_qsort_strcmp);
}

static inline uint32
stop_filter_bit(const char *word, int len)
{
	return hash_bytes((const unsigned char *) word, len) % STOP_FILTER_BITS;
}

static void
stop_filter_add(VnDict *d, const StopList *s)
{
	for (int i = 0; i < s->len; i++)
	{
		uint32		b = stop_filter_bit(s->stop[i], strlen(s->stop[i]));

		d->stopfilter[b / 64] |= UINT64CONST(1) << (b % 64);
	}
}

/* Each option may be given once; *seen says whether it was. */
static void
option_once(bool *seen, const char *name)
{
	if (*seen)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("multiple %s parameters", name)));
	*seen = true;
}

Datum
vnfts_dict_init(PG_FUNCTION_ARGS)
{
	List	   *dictoptions = (List *) PG_GETARG_POINTER(0);
	VnDict	   *d = palloc0(sizeof(VnDict));
	bool		stoploaded = false,
				foldloaded = false,
				layoutloaded = false,
				bareloaded = false,
				partsloaded = false,
				dropbare = false;
	ListCell   *l;

	vnfts_check_encoding();
	d->fold = true;
	d->codeparts = true;

	foreach(l, dictoptions)
	{
		DefElem    *defel = (DefElem *) lfirst(l);

		if (pg_strcasecmp(defel->defname, "StopWords") == 0)
		{
			option_once(&stoploaded, "StopWords");
			readstoplist(defGetString(defel), &d->stoplist,
						 vnfts_normalize_cstring);
		}
		else if (pg_strcasecmp(defel->defname, "Fold") == 0)
		{
			option_once(&foldloaded, "Fold");
			d->fold = defGetBoolean(defel);
		}
		else if (pg_strcasecmp(defel->defname, "CodeParts") == 0)
		{
			option_once(&partsloaded, "CodeParts");
			d->codeparts = defGetBoolean(defel);
		}
		else if (pg_strcasecmp(defel->defname, "Layout") == 0)
		{
			char	   *v = defGetString(defel);

			option_once(&layoutloaded, "Layout");
			if (pg_strcasecmp(v, "prefix") == 0)
				d->prefix = true;
			else if (pg_strcasecmp(v, "hybrid") == 0)
				d->hybrid = true;
			else if (pg_strcasecmp(v, "pairs") != 0)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("invalid value for Layout: \"%s\"", v),
						 errhint("Valid values are \"pairs\", \"hybrid\" and \"prefix\".")));
		}
		else if (pg_strcasecmp(defel->defname, "BareStopwords") == 0)
		{
			char	   *v = defGetString(defel);

			option_once(&bareloaded, "BareStopwords");
			if (pg_strcasecmp(v, "drop") == 0)
				dropbare = true;
			else if (pg_strcasecmp(v, "keep") == 0)
				dropbare = false;
			else
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("invalid value for BareStopwords: \"%s\"", v),
						 errhint("Valid values are \"keep\" and \"drop\".")));
		}
		else
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("unrecognized Vietnamese dictionary parameter: \"%s\"",
							defel->defname),
					 errhint("Valid parameters are StopWords, Fold, Layout, BareStopwords and CodeParts.")));
	}
	if (d->prefix && !d->fold)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("Layout = prefix requires Fold = true")));
	if (dropbare)
	{
		if (!stoploaded)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("BareStopwords = drop requires StopWords")));
		build_barestop(d);
	}
	stop_filter_add(d, &d->stoplist);
	stop_filter_add(d, &d->barestop);

	PG_RETURN_POINTER(d);
}

/*
 * Tokens up to this many bytes are normalized into a buffer on the stack
 * and split without palloc; longer ones (rare) take the general path.
 */
#define VN_SHORT_TOKEN	256
#define VN_SHORT_NORM	VN_NORM_BOUND(VN_SHORT_TOKEN)

/*
 * Growable output array of lexemes.  The terminating all-zero entry is
 * written once, when the array is handed back (lexbuf_finish).
 */
typedef struct LexBuf
{
	TSLexeme   *res;
	int			n;
	int			cap;
} LexBuf;

static void
lexbuf_init(LexBuf *lb, int cap)
{
	lb->cap = cap;
	lb->n = 0;
	lb->res = palloc(sizeof(TSLexeme) * cap);
}

static inline void
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
}

static TSLexeme *
lexbuf_finish(LexBuf *lb)
{
	memset(&lb->res[lb->n], 0, sizeof(TSLexeme));
	return lb->res;
}

/*
 * A lexeme: len bytes of normalized text, which holds no NUL byte, so
 * this is pnstrdup() without its search for one.
 */
static inline char *
lexdup(const char *s, int len)
{
	char	   *r = palloc(len + 1);

	memcpy(r, s, len);
	r[len] = '\0';
	return r;
}

/*
 * The folded form of s (len bytes) into folded (room for len bytes), or -1
 * if it has no diacritics.  A folded character is always shorter than the
 * one it replaces and nothing else changes, so vn_fold() shortening the
 * text is exactly vn_has_marks().
 */
static inline int
fold_if_marked(const char *s, int len, char *folded)
{
	int			flen = vn_fold(s, len, folded);

	return flen < len ? flen : -1;
}

/*
 * Does a folded form get the prefix layout?  Only if it is made of the
 * letters a-z, with single '_' between syllables: Vietnamese words and
 * names, and Latin words and acronyms made of letters.  Numbers, codes,
 * URLs and words in other scripts keep plain lexemes.  The decision is
 * made on the text, not on the token type, so the same word gives the same
 * lexeme whether the parser calls it a syllable, a name or a foreign word
 * (which can differ between a document and a query), and a synonym's
 * canonical text is laid out like the same text in a document.
 */
static bool
layout_applies(const char *folded, int flen)
{
	int			i;

	if (flen == 0 || folded[0] == '_' || folded[flen - 1] == '_')
		return false;
	for (i = 0; i < flen; i++)
	{
		char		c = folded[i];

		if (c >= 'a' && c <= 'z')
			continue;
		if (c == '_' && folded[i - 1] != '_')
			continue;
		return false;
	}
	return true;
}

/* "folded=exact", or "folded=" when the exact form has no marks */
static char *
layout_lexeme(const char *folded, int flen, const char *exact, int elen,
			  bool marked)
{
	int			n = flen + 1 + (marked ? elen : 0);
	char	   *r = palloc(n + 1);

	memcpy(r, folded, flen);
	r[flen] = VN_LAYOUT_SEP;
	if (marked)
		memcpy(r + flen + 1, exact, elen);
	r[n] = '\0';
	return r;
}

/*
 * Add the exact form (s, NUL-terminated, handed over) and, if folding is on
 * and it differs, the folded one.
 */
static void
add_forms(VnDict *d, LexBuf *lb, char *s, int len, uint16 nvariant,
		  uint16 flags)
{
	lexbuf_add(lb, s, nvariant, flags);
	if (d->fold)
	{
		char		buf[VN_SHORT_NORM];
		char	   *folded = len <= VN_SHORT_NORM ? buf : palloc(len);
		int			flen = fold_if_marked(s, len, folded);

		if (d->prefix)
		{
			bool		marked = flen >= 0;

			if (layout_applies(marked ? folded : s, marked ? flen : len))
			{
				lb->n--;		/* replace the exact form added above */
				lexbuf_add(lb, layout_lexeme(marked ? folded : s,
											 marked ? flen : len,
											 s, len, marked),
						   nvariant, flags | (marked ? 0 : TSL_PREFIX));
				pfree(s);
				if (folded != buf)
					pfree(folded);
				return;
			}
		}
		/* same position as the exact form: never TSL_ADDPOS here */
		if (flen >= 0)
			lexbuf_add(lb, lexdup(folded, flen), nvariant, 0);
		if (folded != buf)
			pfree(folded);
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
	const char *at;
	const char *scheme = NULL;
	int			b,
				e,
				i;

	/* the host is part of s and holds a dot: most words stop here */
	if (memchr(s, '.', len) == NULL)
		return false;
	at = memchr(s, '@', len);
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
 * vn_space_at(), which can only be non-zero at a space, a tab or the lead
 * byte of U+00A0 (C2), U+2000..U+2060 (E2), U+3000 (E3) or U+FEFF (EF):
 * every other byte, and so every letter, is decided without a call.
 */
static inline int
space_at(const char *s, int n)
{
	unsigned char c = (unsigned char) *s;

	if (c == ' ' || c == '\t')
		return 1;
	if (c == 0xC2 || c == 0xE2 || c == 0xE3 || c == 0xEF)
		return vn_space_at(s, n);
	return 0;
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
		int			sl = space_at(s + i, len - i);
		int			b;

		if (sl > 0)
		{
			i += sl;
			continue;
		}
		b = i;
		while (i < len && space_at(s + i, len - i) == 0)
			i++;
		starts[n] = b;
		lens[n] = i - b;
		n++;
	}
	return n;
}

/*
 * The compound (handed over) of Layout = prefix and hybrid: one lexeme
 * "folded=exact" if it is made of letters, else the compound and, with
 * fold and if it differs, its folded form.
 */
static void
add_compound_lexeme(LexBuf *lb, char *compound, int clen,
					const char *folded, int flen, uint16 nv, bool fold)
{
	if (layout_applies(folded, flen))
	{
		lexbuf_add(lb, layout_lexeme(folded, flen, compound, clen,
									 flen < clen),
				   nv, flen < clen ? 0 : TSL_PREFIX);
		pfree(compound);
	}
	else
	{
		lexbuf_add(lb, compound, nv, 0);
		if (fold && flen < clen)
			lexbuf_add(lb, lexdup(folded, flen), nv, 0);
	}
}

/* the i/y syllable sy respelled as compounds spell it (compound_iy), or -1 */
static inline int
syllable_iy(const char *sy, int slen, char *out)
{
	if (vn_iy_onset(sy, slen) == 0)
		return -1;				/* most syllables, without a call */
	return sy[0] == 's' ? vn_yi_variant(sy, slen, out) :
		vn_iy_variant(sy, slen, out);
}

/*
 * The one spelling of a compound's syllables that are written with i or y
 * alike ("kĩ_thuật" and "kỹ_thuật" are "kỹ_thuật", "bác_sỹ" and "bác_sĩ"
 * are "bác_sĩ"), so that either spelling of the query finds the compound
 * of both: y, as news text mostly writes them (kỹ thuật 4,240 times
 * against 152, quy định 12,311 against 153), but i after s (bác sĩ 5,355
 * against 755).  c is a compound, exact or folded, its syllables joined by
 * '_'.  Returns false if no syllable changes; else true, with the compound
 * respelled in *out (palloc'd, NUL-terminated) and its length in *outlen.
 */
static bool
compound_iy(const char *c, int clen, char **out, int *outlen)
{
	char		alt[8];
	char	   *buf;
	int			olen = 0;
	bool		found = false;

	/* most compounds have no such syllable: look before allocating */
	for (int i = 0, start = 0; i <= clen && !found; i++)
	{
		if (i < clen && c[i] != '_')
			continue;
		found = syllable_iy(c + start, i - start, alt) >= 0;
		start = i + 1;
	}
	if (!found)
		return false;

	buf = palloc(clen + clen / 2 + 2);
	for (int i = 0, start = 0; i <= clen; i++)
	{
		int			k;

		if (i < clen && c[i] != '_')
			continue;
		if (start > 0)
			buf[olen++] = '_';
		k = syllable_iy(c + start, i - start, buf + olen);
		if (k < 0)
		{
			memcpy(buf + olen, c + start, i - start);
			k = i - start;
		}
		olen += k;
		start = i + 1;
	}
	buf[olen] = '\0';
	*out = buf;
	*outlen = olen;
	return true;
}

/*
 * A syllable written with i that is also written with y ("tỉ lệ" and "tỷ
 * lệ", "bác sĩ" and "bác sỹ", "kì thi" and "kỳ thi"): its y spelling, in
 * the syllable's layout, as an alternative of its own at its position.
 * News text mostly writes y, so only the i spellings carry the extra
 * lexemes; a query written with i gets the same alternative and finds
 * both, one written with y finds the y spelling and, through this, the i.
 */
static void
add_iy_variant(VnDict *d, LexBuf *lb, const char *s, int len,
			   uint16 nvariant)
{
	char		buf[VN_SHORT_NORM + 2];
	int			n;

	if (len > VN_SHORT_NORM)
		return;
	n = vn_iy_variant(s, len, buf);
	if (n > 0)
		add_forms(d, lb, lexdup(buf, n), n, nvariant, 0);
}

/* A stopword, or with BareStopwords = drop a bare form of one? */
static inline bool
is_stopword(VnDict *d, char *word, int len)
{
	uint32		b = stop_filter_bit(word, len);

	if (!(d->stopfilter[b / 64] & (UINT64CONST(1) << (b % 64))))
		return false;
	return searchstoplist(&d->stoplist, word) ||
		(d->barestop.len > 0 && searchstoplist(&d->barestop, word));
}

/* The forms of a part of a token (len bytes at s), unless it is a stopword. */
static void
add_part(VnDict *d, LexBuf *lb, const char *s, int len, uint16 nvariant)
{
	char	   *part = lexdup(s, len);

	if (is_stopword(d, part, len))
		pfree(part);
	else
		add_forms(d, lb, part, len, nvariant, 0);
}

/*
 * A Vietnamese name typed as one word without diacritics ("hanoi",
 * "vietnam", "hochiminh"): the name's folded compound ("ha_noi=" with
 * Layout = hybrid), an alternative of its own at the word's position, so
 * that "hanoi" finds "Hà Nội" and nothing else; and in the next variant
 * the word again with the name's syllables, so that a document writing
 * "Hanoi" is found by "ha noi" as one writing "Hà Nội" is.  A query asks
 * for the syllables only together with the word itself: "ha" & "noi"
 * alone would also match "hạ tầng ... kết nối".  The word keeps its one
 * position, so the words after it keep theirs and rows stored before
 * still match.  Only names the lexicon learned from capitalised text
 * qualify (vn_lexicon_joined_name), so "Honda" does not become "hòn đá".
 * Layout = pairs with Fold = false keeps no folded forms that such a word
 * could match.  Uses variants nvariant and nvariant + 1.
 */
static void
add_joined_name(VnDict *d, LexBuf *lb, const char *s, int len,
				uint16 nvariant)
{
	char		buf[VN_SHORT_NORM + VN_JOINED_NAME_MAX];
	char	   *cbuf;
	int			n,
				cn;

	/* letters a-z of at least two syllables; marked words leave at once */
	if (!(d->fold || d->hybrid) || len < 4 || len > VN_SHORT_NORM ||
		(unsigned char) s[0] >= 0x80)
		return;
	n = vn_lexicon_joined_name(vnfts_lexicon(), s, len, buf);
	if (n < 0)
		return;
	for (int i = 0; i < n; i++)
		if (buf[i] == ' ')
			buf[i] = '_';
	if (!compound_iy(buf, n, &cbuf, &cn))
	{
		cbuf = lexdup(buf, n);
		cn = n;
	}
	if (d->prefix || d->hybrid)
		add_compound_lexeme(lb, cbuf, cn, cbuf, cn, nvariant, true);
	else
		lexbuf_add(lb, cbuf, nvariant, 0);

	add_forms(d, lb, lexdup(s, len), len, nvariant + 1, 0);
	for (int i = 0, start = 0; i <= n; i++)
	{
		if (i == n || buf[i] == '_')
		{
			add_part(d, lb, buf + start, i - start, nvariant + 1);
			start = i + 1;
		}
	}
}

static void add_possessive_stem(VnDict *d, LexBuf *lb, const char *s,
								int len, uint16 nvariant);
static void add_text(VnDict *d, LexBuf *lb, const char *norm, int len,
					 uint16 first_nvariant, bool check_stop);

/*
 * add_text() for several syllables with Layout = prefix: the compound in
 * nvariant first, its syllables in first + 1, each laid out if it is
 * made of letters and plain (exact and folded) otherwise.
 */
static void
add_compound_layout(VnDict *d, LexBuf *lb, const char *norm,
					const int *starts, const int *lens, int n,
					char *compound, int clen, const char *cfolded, int cflen,
					const char *folded, const int *flens, uint16 nv)
{
	int			i,
				off;

	add_compound_lexeme(lb, compound, clen, cfolded, cflen, nv, true);
	for (i = 0, off = 0; i < n; i++)
	{
		const char *sy = norm + starts[i];
		const char *fs = folded + off;
		bool		marked = flens[i] < lens[i];
		uint16		pos = i > 0 ? TSL_ADDPOS : 0;

		if (layout_applies(fs, flens[i]))
			lexbuf_add(lb, layout_lexeme(fs, flens[i], sy, lens[i], marked),
					   nv + 1, pos | (marked ? 0 : TSL_PREFIX));
		else
		{
			lexbuf_add(lb, lexdup(sy, lens[i]), nv + 1, pos);
			if (marked)
				lexbuf_add(lb, lexdup(fs, flens[i]), nv + 1, 0);
		}
		add_iy_variant(d, lb, sy, lens[i], nv + 2);
		add_joined_name(d, lb, sy, lens[i], nv + 3);
		add_possessive_stem(d, lb, sy, lens[i], nv + 5);
		off += flens[i] + 1;
	}
}

/*
 * An English possessive ("Vietnam's", "McDonald's", "Victoria's Secret"):
 * the word without its "'s" too, as the default parser splits it, so that
 * "mcdonald" finds "McDonald's" (the news corpus writes about 800 of them,
 * brand names among them).  A variant of its own at the word's position,
 * with the stem's joined name in one more ("Vietnam's" as "viet_nam=").
 * Words of letters a-z only, so that Vietnamese names with an apostrophe
 * ("H'Mông", "Đắk R'lấp") are left alone.
 */
static void
add_possessive_stem(VnDict *d, LexBuf *lb, const char *s, int len,
					uint16 nvariant)
{
	int			n = len - 2;
	char	   *stem;

	if (n < 2 || s[n] != '\'' || s[n + 1] != 's')
		return;
	for (int i = 0; i < n; i++)
		if (s[i] < 'a' || s[i] > 'z')
			return;
	stem = lexdup(s, n);
	if (is_stopword(d, stem, n))
	{
		pfree(stem);
		return;
	}
	add_joined_name(d, lb, stem, n, nvariant + 1);
	add_forms(d, lb, stem, n, nvariant, 0);
}

/*
 * A word of several syllables written together with its diacritics
 * ("ôtô": 1,685 times in the news corpus against 5,143 "ô tô"; "đôla",
 * "bêtông"; vn_lexicon_joined_word): also the lexemes of the word written
 * apart, the compound and its syllables, all at this one position and in
 * one variant, so that "ô tô" finds it and "ôtô" finds "ô tô" (the query
 * asks for all of them, which a document writing "ô tô" has), while a
 * row stored before still matches "ôtô" through the joined form.
 */
static void
add_joined_word(VnDict *d, LexBuf *lb, const char *s, int len,
				uint16 nvariant)
{
	char		buf[VN_SHORT_NORM + VN_JOINED_NAME_MAX];
	LexBuf		tmp;
	int			n;

	/* vn_lexicon_joined_word() turns away most words after one short pass */
	if (len > VN_SHORT_NORM)
		return;
	n = vn_lexicon_joined_word(vnfts_lexicon(), s, len, buf);
	if (n < 0)
		return;
	lexbuf_init(&tmp, 8);
	add_text(d, &tmp, buf, n, 0, true);
	for (int i = 0; i < tmp.n; i++)
	{
		/* the compound (variant 0) and its syllables (1), not their spellings */
		if (tmp.res[i].nvariant <= 1)
			lexbuf_add(lb, tmp.res[i].lexeme, nvariant,
					   tmp.res[i].flags & ~TSL_ADDPOS);
		else
			pfree(tmp.res[i].lexeme);
	}
	pfree(tmp.res);
}

/*
 * The parts of a code ("covid-19", "tp.hcm", "15/2020/nđ-cp"): letters and
 * digits joined by single - . _ /, with a letter somewhere.  The parts are
 * indexed too, so that a query for one of them ("covid", "hcm") finds the
 * codes that hold it, and so is the code without its joiners ("tphcm",
 * as people type it).  Parts and joined code are variants of their own at
 * the code's position, so a query for the whole code is "code | part &
 * part | joined": it still matches rows stored before, phrases around the
 * code keep their distances, and the digit parts keep "covid-20" from
 * finding "covid-19".  Numbers and dates hold no letter; URLs and e-mail
 * addresses hold ':' or '@' and are left whole.  CodeParts = false (the
 * query dictionary's setting) leaves codes whole: the parts in a query
 * give a code three more operands, and ts_rank, which has no idea how
 * common a word is, weighs it four times as much.
 */
static void
add_code_parts(VnDict *d, LexBuf *lb, const char *s, int len,
			   uint16 nvariant)
{
	char		buf[VN_SHORT_NORM + 1];
	char	   *joined = len <= VN_SHORT_NORM ? buf : palloc(len + 1);
	int			jlen = vn_code_joined(s, len, joined);

	/* nearly every token is no code: no allocation for them */
	if (jlen < 0)
		goto done;
	for (int i = 0, start = 0; i <= len; i++)
	{
		if (i == len || vn_is_code_joiner((unsigned char) s[i]))
		{
			/* as the built-in parser's parts of a hyphenated word */
			add_part(d, lb, s + start, i - start, nvariant);
			start = i + 1;
		}
	}
	/* the code written without its joiners, an alternative of its own */
	joined[jlen] = '\0';
	if (!is_stopword(d, joined, jlen))
		add_forms(d, lb, lexdup(joined, jlen), jlen, nvariant + 1, 0);
done:
	if (joined != buf)
		pfree(joined);
}

/*
 * The parts of a date, as a variant of their own at its position like a
 * code's: "30/10/2026" is found by "30/10" and by "2026", "01/10" by
 * "1/10", and "30-10-2026" by the query "30/10/2026" (whose parts it
 * shares).  A part that is the date itself ("30/10") is not repeated.
 */
static void
add_date_parts(LexBuf *lb, const char *s, int len, uint16 nvariant)
{
	VnDatePart	parts[VN_DATE_MAX_PARTS];
	int			n = vn_date_parts(s, len, parts);

	for (int i = 0; i < n; i++)
	{
		if (parts[i].len == len && memcmp(parts[i].text, s, len) == 0)
			continue;
		lexbuf_add(lb, lexdup(parts[i].text, parts[i].len), nvariant, 0);
	}
}

/*
 * A whole number glued to its unit ("100km", "500g", "20GB";
 * vn_measure_number_len): the number and the unit too, as the parts of a
 * code, so that "100 km" finds it and the query "100km" finds "100 km".
 * Decided on the token as written (raw), where case tells a unit from a
 * name: "5G" is no weight.  Such a token is ASCII, so its normalized form
 * (norm) is the same bytes in lowercase, and the parts are taken from it.
 */
static void
add_measure_parts(LexBuf *lb, const char *raw, int len, const char *norm,
				  int nlen, uint16 nvariant)
{
	int			n = vn_measure_number_len(raw, len);

	if (n < 0 || nlen != len)
		return;
	lexbuf_add(lb, lexdup(norm, n), nvariant, 0);
	lexbuf_add(lb, lexdup(norm + n, nlen - n), nvariant, 0);
}

/*
 * Lexemes for normalized text: the compound and its syllables, or a single
 * syllable.  first_nvariant lets a synonym's alias come first.
 */
static void
add_text(VnDict *d, LexBuf *lb, const char *norm, int len,
		 uint16 first_nvariant, bool check_stop)
{
	int			sbuf[VN_SHORT_NORM / 2 + 1],
				lbuf[VN_SHORT_NORM / 2 + 1];
	bool		small = len <= VN_SHORT_NORM;
	int		   *starts = small ? sbuf : palloc(sizeof(int) * (len / 2 + 1));
	int		   *lens = small ? lbuf : palloc(sizeof(int) * (len / 2 + 1));
	int			n = split_syllables(norm, len, starts, lens);
	int			i;

	if (n == 1)
	{
		const char *word = norm + starts[0];
		int			wlen = lens[0];
		int			hs,
					hl;
		char	   *exact = palloc(wlen + 1);
		int			elen = vn_number_canonical(word, wlen, exact);

		/*
		 * A number, a time or a date in its one spelling, anything else as
		 * written.
		 */
		if (elen < 0)
			elen = vn_date_canonical(word, wlen, exact);
		if (elen < 0)
		{
			memcpy(exact, word, wlen);
			elen = wlen;
		}
		exact[elen] = '\0';

		if (check_stop && is_stopword(d, exact, elen))
			pfree(exact);		/* a stop-listed code gives no parts either */
		else
		{
			add_forms(d, lb, exact, elen, first_nvariant, 0);
			/* same variant: a query for the whole address stays precise */
			if (web_host(word, wlen, &hs, &hl))
			{
				if (hl < wlen)
					lexbuf_add(lb, lexdup(word + hs, hl), first_nvariant, 0);
			}
			else if ((word[0] == '#' || word[0] == '@') && wlen > 1)
			{
				/*
				 * A hashtag or mention is also its text, which is all the
				 * default parser keeps of it.  Another variant, so that a
				 * query for the tag finds rows stored before with the tag
				 * alone.  The text is a word for the rest, and a stopword
				 * ("#và") gives no lexeme of its own, as elsewhere.
				 */
				char	   *text;

				word++;
				wlen--;
				text = lexdup(word, wlen);
				if (check_stop && is_stopword(d, text, wlen))
					pfree(text);
				else
					add_forms(d, lb, text, wlen, first_nvariant + 1, 0);
			}
			else if (d->codeparts)
			{
				add_code_parts(d, lb, word, wlen, first_nvariant + 1);
				add_date_parts(lb, exact, elen, first_nvariant + 1);
			}
			add_iy_variant(d, lb, word, wlen, first_nvariant + 3);
			add_joined_name(d, lb, word, wlen, first_nvariant + 4);
			add_possessive_stem(d, lb, word, wlen, first_nvariant + 6);
			add_joined_word(d, lb, word, wlen, first_nvariant + 9);
		}
	}
	else if (n > 1)
	{
		/*
		 * vn_fold() works character by character, so the folded compound
		 * is the folded syllables joined with '_': fold each syllable once,
		 * into one buffer, and take the compound and the syllables from it.
		 */
		char	   *compound = palloc(len + 1);
		char		fbuf[VN_SHORT_NORM + 1];
		int			flbuf[VN_SHORT_NORM / 2 + 1];
		char	   *folded = NULL;
		int		   *flens = NULL;
		int			clen = 0,
					flen = 0;
		char	   *ccomp,
				   *cfold;
		int			cclen,
					cflen;

		/* Layout = hybrid needs the folded compound even without Fold */
		if (d->fold || d->hybrid)
		{
			folded = small ? fbuf : palloc(len + 1);
			flens = small ? flbuf : palloc(sizeof(int) * n);
		}
		for (i = 0; i < n; i++)
		{
			if (i > 0)
				compound[clen++] = '_';
			memcpy(compound + clen, norm + starts[i], lens[i]);
			clen += lens[i];
			if (folded)
			{
				if (i > 0)
					folded[flen++] = '_';
				flens[i] = vn_fold(norm + starts[i], lens[i], folded + flen);
				flen += flens[i];
			}
		}
		compound[clen] = '\0';

		/* the compound lexeme spells i/y syllables one way (compound_iy) */
		ccomp = compound;
		cclen = clen;
		cfold = folded;
		cflen = flen;
		if (compound_iy(compound, clen, &ccomp, &cclen) && folded)
			compound_iy(folded, flen, &cfold, &cflen);

		if (check_stop && is_stopword(d, compound, clen))
		{
			/* a stopword of several syllables ("có_thể") drops them all */
			if (ccomp != compound)
				pfree(ccomp);
			pfree(compound);
		}
		else if (d->prefix)
		{
			if (ccomp != compound)
				pfree(compound);
			add_compound_layout(d, lb, norm, starts, lens, n, ccomp, cclen,
								cfold, cflen, folded, flens, first_nvariant);
		}
		else
		{
			if (ccomp != compound)
				pfree(compound);
			if (d->hybrid)
				add_compound_lexeme(lb, ccomp, cclen, cfold, cflen,
									first_nvariant, d->fold);
			else
			{
				lexbuf_add(lb, ccomp, first_nvariant, 0);
				/* folding shortens exactly the text that has marks */
				if (d->fold && cflen < cclen)
					lexbuf_add(lb, lexdup(cfold, cflen), first_nvariant, 0);
			}
			for (i = 0, flen = 0; i < n; i++)
			{
				lexbuf_add(lb, lexdup(norm + starts[i], lens[i]),
						   first_nvariant + 1, i > 0 ? TSL_ADDPOS : 0);
				if (d->fold)
				{
					if (flens[i] < lens[i])
						lexbuf_add(lb, lexdup(folded + flen, flens[i]),
								   first_nvariant + 1, 0);
					flen += flens[i] + 1;
				}
				add_iy_variant(d, lb, norm + starts[i], lens[i],
							   first_nvariant + 2);
				add_joined_name(d, lb, norm + starts[i], lens[i],
								first_nvariant + 3);
				add_possessive_stem(d, lb, norm + starts[i], lens[i],
									first_nvariant + 5);
			}
		}
		if (cfold != folded)
			pfree(cfold);
		if (folded && !small)
		{
			pfree(folded);
			pfree(flens);
		}
	}
	if (!small)
	{
		pfree(starts);
		pfree(lens);
	}
}

Datum
vnfts_dict_lexize(PG_FUNCTION_ARGS)
{
	VnDict	   *d = (VnDict *) PG_GETARG_POINTER(0);
	char	   *in = (char *) PG_GETARG_POINTER(1);
	int32		len = PG_GETARG_INT32(2);
	LexBuf		lb;
	char		normbuf[VN_SHORT_NORM + 1];
	char	   *norm;
	int			nlen;
	const char *canon;

	/*
	 * Short tokens (nearly all) are normalized on the stack, in one piece as
	 * vnfts_normalize() would.
	 */
	if (len <= VN_SHORT_TOKEN)
	{
		nlen = vn_normalize(in, len, normbuf);
		if (nlen < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INTERNAL_ERROR),
					 errmsg("could not normalize Vietnamese text")));
		normbuf[nlen] = '\0';
		norm = normbuf;
	}
	else
		norm = vnfts_normalize(in, len, &nlen);

	lexbuf_init(&lb, 8);

	canon = vnfts_user_synonym(norm, nlen);
	if (canon != NULL)
	{
		/* the alias itself, then what the canonical text gives */
		char	   *alias = pstrdup(norm);
		int			i;

		for (i = 0; alias[i]; i++)
			if (alias[i] == ' ')
				alias[i] = '_';
		add_forms(d, &lb, alias, strlen(alias), 1, 0);
		/* an alias that is a code ("tp.hcm") is found by its parts too */
		if (d->codeparts)
			add_code_parts(d, &lb, norm, nlen, 4);
		add_text(d, &lb, canon, strlen(canon), 2, false);
	}
	else
	{
		add_text(d, &lb, norm, nlen, 1, true);
		/* variant 2 holds a code's parts, and a measure has no others */
		if (d->codeparts)
			add_measure_parts(&lb, in, len, norm, nlen, 2);
	}

	if (norm != normbuf)
		pfree(norm);
	PG_RETURN_POINTER(lexbuf_finish(&lb));
}
