/*-------------------------------------------------------------------------
 *
 * vn_foldjoins.c
 *	  Developer tool: find the syllable pairs that text typed without
 *	  diacritics should keep in one word.  Not run by the build; its output
 *	  (extension/data/model/folded_joins.txt) is.
 *
 * Usage:
 *	  vn_foldjoins [-c] [-r rate] [-n seen] [-l lines] lexicon.lex news.tsv
 *
 * news.tsv is id<TAB>title<TAB>body per line.  Each body (of the first
 * `lines` lines, default all) is segmented with the lexicon, as text with
 * diacritics, and every pair of adjacent syllables of a Vietnamese word,
 * name or syllable token is counted under its folded, lowercase form
 * ("bong da", "ha noi"; names matter once queries are typed in lowercase):
 * seen, and joined when both are in one word.  Runs without a diacritic
 * are left out, since they are segmented as text typed without them.  A
 * pair seen at least `seen` times (default 10) and joined in at least
 * `rate` of them (default 0.85) is printed as "syl syl<TAB>joined<TAB>seen",
 * sorted.  The compiler marks those that are folded words of the lexicon
 * (VN_LEX_F_JOIN), and the segmenter keeps them whole in text without
 * diacritics.
 *
 * With -c it writes name_joins.txt instead: a pair counts only after the
 * first syllable of a clause, where a capital means a name, and as joined
 * only if both syllables are capitalised and in one word.  The segmenter
 * keeps such a pair whole at the start of a sentence (VN_LEX_F_NAMEJOIN),
 * where the model cannot tell a name from a sentence's first capital.
 *
 * Copyright (c) 2026, vietnamese_fts authors
 *
 *-------------------------------------------------------------------------
 */
#include "vncore.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct Pair
{
	char	   *s;				/* "syl syl", NUL-terminated */
	uint32_t	joined;
	uint32_t	seen;
} Pair;

static Pair *pairs;
static size_t npairs;
static size_t cappairs;			/* a power of 2 */

static void *
xmalloc(size_t n)
{
	void	   *p = malloc(n);

	if (p == NULL)
	{
		fprintf(stderr, "vn_foldjoins: out of memory\n");
		exit(1);
	}
	return p;
}

static void grow(void);

static void
count_pair(const char *s, size_t len, bool joined)
{
	uint64_t	h = vn_hash_bytes(s, len);
	size_t		j;

	if (npairs * 2 >= cappairs)
		grow();
	for (j = h & (cappairs - 1); pairs[j].s != NULL; j = (j + 1) & (cappairs - 1))
		if (strlen(pairs[j].s) == len && memcmp(pairs[j].s, s, len) == 0)
			break;
	if (pairs[j].s == NULL)
	{
		pairs[j].s = xmalloc(len + 1);
		memcpy(pairs[j].s, s, len);
		pairs[j].s[len] = '\0';
		npairs++;
	}
	pairs[j].seen++;
	pairs[j].joined += joined;
}

static void
grow(void)
{
	Pair	   *old = pairs;
	size_t		oldcap = cappairs;

	cappairs = cappairs ? cappairs * 2 : 1 << 16;
	pairs = xmalloc(cappairs * sizeof(Pair));
	memset(pairs, 0, cappairs * sizeof(Pair));
	for (size_t i = 0; i < oldcap; i++)
	{
		size_t		j;

		if (old[i].s == NULL)
			continue;
		for (j = vn_hash_bytes(old[i].s, strlen(old[i].s)) & (cappairs - 1);
			 pairs[j].s != NULL; j = (j + 1) & (cappairs - 1))
			;
		pairs[j] = old[i];
	}
	free(old);
}

/* a run of word tokens: folded syllables, each flagged if it joins the one before */
typedef struct Run
{
	char		syl[VN_SEG_WINDOW * 4][64];
	uint8_t		len[VN_SEG_WINDOW * 4];
	bool		join[VN_SEG_WINDOW * 4];
	uint8_t		caps[VN_SEG_WINDOW * 4];	/* syllable_case() */
	int			n;
	bool		marked;
} Run;

/* -c: count capitalised pairs (names) instead of joined ones */
static bool names = false;

/* 0 lowercase, 1 capitalised, 2 in capitals: the case of a syllable's first two letters */
static int
syllable_case(const char *s, size_t len)
{
	int			up[2] = {0, 0};
	size_t		i = 0;
	int			k;

	for (k = 0; k < 2 && i < len; k++)
	{
		int32_t		cp;
		VnLetter	l;

		i += vn_utf8_decode((const unsigned char *) s + i, len - i, &cp);
		if (cp >= 'A' && cp <= 'Z')
			up[k] = 1;
		else if (cp >= 0x80 && vn_letter_decompose(cp, &l) && l.upper)
			up[k] = 1;
	}
	if (!up[0])
		return 0;
	/* a one-letter syllable in capitals is only capitalised */
	return (k == 2 && up[1]) ? 2 : 1;
}

static void
flush_run(Run *r)
{
	char		buf[160];

	if (r->marked)
		for (int i = names ? 2 : 1; i < r->n; i++)
		{
			size_t		a = r->len[i - 1],
						b = r->len[i];

			/*
			 * Names (-c): a pair counts after the first syllable of a
			 * clause only, where a capital means a name, and as joined if
			 * both are capitalised and in one word; pairs with a syllable
			 * in capitals are left out.
			 */
			if (names && (r->caps[i - 1] == 2 || r->caps[i] == 2))
				continue;
			memcpy(buf, r->syl[i - 1], a);
			buf[a] = ' ';
			memcpy(buf + a + 1, r->syl[i], b);
			count_pair(buf, a + 1 + b,
					   r->join[i] && (!names || (r->caps[i - 1] == 1 && r->caps[i] == 1)));
		}
	r->n = 0;
	r->marked = false;
}

/* add the syllables of one word token to the run */
static void
add_token(Run *r, const char *t, size_t len)
{
	char		norm[VN_NORM_BOUND(256)];
	char		fold[VN_NORM_BOUND(256)];
	int			nl,
				fl;
	bool		first = true;
	size_t		ri = 0;			/* the raw syllable in t */

	if (len > 256 || (nl = vn_normalize(t, len, norm)) <= 0)
	{
		flush_run(r);
		return;
	}
	fl = vn_fold(norm, nl, fold);
	if (fl < nl)
		r->marked = true;
	for (int i = 0; i < fl;)
	{
		int			s = vn_space_at(fold + i, fl - i),
					k = i;

		if (s > 0)
		{
			i += s;
			continue;
		}
		while (k < fl && vn_space_at(fold + k, fl - k) == 0)
			k++;
		if (k - i > 63 || r->n == VN_SEG_WINDOW * 4)
		{
			flush_run(r);
			return;
		}
		memcpy(r->syl[r->n], fold + i, k - i);
		r->len[r->n] = (uint8_t) (k - i);
		r->join[r->n] = !first;
		/* the same syllable in the raw token, for its case */
		{
			size_t		re;
			int			rs;

			while (ri < len && (rs = vn_space_at(t + ri, len - ri)) > 0)
				ri += rs;
			for (re = ri; re < len && vn_space_at(t + re, len - re) == 0; re++)
				;
			r->caps[r->n] = (uint8_t) syllable_case(t + ri, re - ri);
			ri = re;
		}
		r->n++;
		first = false;
		i = k;
	}
}

static int
usage(void)
{
	fprintf(stderr, "usage: vn_foldjoins [-c] [-r rate] [-n seen] [-l lines] lexicon.lex news.tsv\n");
	return 1;
}

static int
cmp_pair(const void *a, const void *b)
{
	return strcmp(((const Pair *) a)->s, ((const Pair *) b)->s);
}

int
main(int argc, char **argv)
{
	double		rate = 0.85;
	long		minseen = 10,
				maxlines = -1,
				nlines = 0,
				nout = 0;
	int			c;
	char		err[512];
	VnLexicon  *lex;
	VnTokenizer *tz;
	FILE	   *f;
	char	   *line = NULL;
	size_t		cap = 0;
	ssize_t		n;
	Run		   *run = xmalloc(sizeof(Run));

	while ((c = getopt(argc, argv, "cr:n:l:")) != -1)
	{
		switch (c)
		{
			case 'c':
				names = true;
				break;
			case 'r':
				rate = atof(optarg);
				break;
			case 'n':
				minseen = atol(optarg);
				break;
			case 'l':
				maxlines = atol(optarg);
				break;
			default:
				return usage();
		}
	}
	if (argc - optind != 2)
		return usage();
	lex = vn_lexicon_open(argv[optind], err, sizeof(err));
	if (lex == NULL)
	{
		fprintf(stderr, "vn_foldjoins: %s\n", err);
		return 1;
	}
	f = fopen(argv[optind + 1], "r");
	if (f == NULL)
	{
		perror(argv[optind + 1]);
		return 1;
	}
	tz = xmalloc(vn_tokenizer_size());
	vn_tokenizer_init(tz, lex, NULL, "", 0);
	run->n = 0;
	run->marked = false;
	while ((maxlines < 0 || nlines < maxlines) &&
		   (n = getline(&line, &cap, f)) >= 0)
	{
		char	   *body = strchr(line, '\t');
		VnToken		tok;

		nlines++;
		if (body)
			body = strchr(body + 1, '\t');
		if (body == NULL)
			continue;
		body++;
		n -= body - line;
		while (n > 0 && (body[n - 1] == '\n' || body[n - 1] == '\r'))
			n--;
		vn_tokenizer_reset(tz, body, n);
		while (vn_tokenizer_next(tz, &tok))
		{
			if (tok.type == VN_TOK_SPACE && tok.len == 1 && body[tok.start] == ' ')
				continue;
			if (tok.type == VN_TOK_WORD || tok.type == VN_TOK_SYLLABLE ||
				tok.type == VN_TOK_NAME)
				add_token(run, body + tok.start, tok.len);
			else
				flush_run(run);
		}
		flush_run(run);
	}
	fclose(f);

	/* keep the pairs that pass, sorted */
	{
		size_t		k = 0;

		for (size_t i = 0; i < cappairs; i++)
			if (pairs[i].s && pairs[i].seen >= minseen &&
				pairs[i].joined >= rate * pairs[i].seen)
				pairs[k++] = pairs[i];
		qsort(pairs, k, sizeof(Pair), cmp_pair);
		if (names)
			printf("# folded syllable pairs capitalised in one word in at least %.2f of %ld\n"
				   "# or more occurrences after the first syllable of a clause, in news text\n"
				   "# with diacritics (vn_foldjoins -c -r %.2f -n %ld, %ld lines)\n",
				   rate, minseen, rate, minseen, nlines);
		else
			printf("# folded syllable pairs joined in at least %.2f of %ld or more occurrences\n"
				   "# in news text with diacritics (vn_foldjoins -r %.2f -n %ld, %ld lines)\n",
				   rate, minseen, rate, minseen, nlines);
		for (size_t i = 0; i < k; i++)
			printf("%s\t%u\t%u\n", pairs[i].s, pairs[i].joined, pairs[i].seen);
		nout = (long) k;
	}
	fprintf(stderr, "vn_foldjoins: %ld lines, %zu pairs, %ld written\n",
			nlines, npairs, nout);
	return 0;
}
