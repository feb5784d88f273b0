/*-------------------------------------------------------------------------
 *
 * vn_foldjoins.c
 *	  Developer tool: find the syllable pairs and names that text typed
 *	  without diacritics or in lowercase should keep in one word.  Not run
 *	  by the build; its output (extension/data/model/folded_joins.txt,
 *	  name_joins.txt, name_words.txt) is.
 *
 * Usage:
 *	  vn_foldjoins [-c | -w] [-r rate] [-n seen] [-l lines] lexicon.lex news.tsv
 *
 * news.tsv is id<TAB>title<TAB>body per line.  Each body (of the first
 * `lines` lines, default all) is segmented with the lexicon, as text with
 * diacritics, and every pair of adjacent syllables of a Vietnamese word,
 * name or syllable token is counted under its folded, lowercase form
 * ("bong da", "ha noi"; names matter once queries are typed in lowercase):
 * seen, and joined when both are in one word; only where the segmenter
 * would force it, so not beside another folded join of the lexicon given
 * unless the three syllables are a word (so a run's list depends on the
 * list it was given, and repeated runs may cycle).  Runs without a
 * diacritic are left out, since they are segmented as text typed without
 * them.  A pair seen at least `seen` times (default 10) and joined in at
 * least `rate` of them (default 0.85) is printed as
 * "syl syl<TAB>joined<TAB>seen", sorted.  The compiler marks those that
 * are folded words of the lexicon (VN_LEX_F_JOIN), and the segmenter keeps
 * them whole in text without diacritics.
 *
 * With -c it writes name_joins.txt instead: a pair counts only after the
 * first syllable of a clause, where a capital means a name, and only with
 * its second syllable capitalised, as it must be to look like a name at
 * the start of a sentence (so "tô làm" does not count against "Tô Lâm",
 * but "anh Tuấn" does against "Anh Tuấn"); it counts as joined if both
 * syllables are capitalised and in one word.  Pairs are counted folded and
 * lowercase, and printed as "syl syl<TAB>f|e<TAB>joined<TAB>seen": every
 * folded pair that passes, and the lowercase ones whose folded pair does
 * not ("biên hòa", whose folded pair is written otherwise too).  The
 * segmenter keeps such a pair whole at the start of a sentence
 * (VN_LEX_F_NAMEJOIN, and VN_LEX_NAMEJOIN in text with diacritics), where
 * the model cannot tell a name from a sentence's first capital.
 *
 * With -w it writes name_words.txt: names of 2 to 4 syllables (all
 * capitalised inside one token; Vietnamese, or foreign as in "Real
 * Madrid", "SEA Games"), each under its lowercase form (e) and its folded
 * form (f), counted wherever those syllables occur in a row, in any case,
 * and no word crosses either end (as the segmenter sees it: with
 * diacritics any word of the lexicon, without them a folded join), and as
 * the name when they are so written again.  Those that are the name in at
 * least `rate` of `seen` or more occurrences are
 * printed as "syllables<TAB>e|f<TAB>as the name<TAB>seen".  Typed in
 * lowercase they are one word (VN_LEX_NAMEWORD, VN_LEX_F_NAMEWORD): news
 * text writes them in lowercase almost never, queries often.
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
	char		kind;			/* -w, -c: 'e' exact, 'f' folded */
} Pair;

/* open addressing by the key's hash; cap a power of 2 */
typedef struct Table
{
	Pair	   *p;
	size_t		n;
	size_t		cap;
} Table;

static Table pairs;				/* pairs, or (-w) the folded names */
static Table exact_names;		/* -w: the lowercase names; -c: the pairs */

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

static void
grow(Table *t)
{
	Pair	   *old = t->p;
	size_t		oldcap = t->cap;

	t->cap = t->cap ? t->cap * 2 : 1 << 16;
	t->p = xmalloc(t->cap * sizeof(Pair));
	memset(t->p, 0, t->cap * sizeof(Pair));
	for (size_t i = 0; i < oldcap; i++)
	{
		size_t		j;

		if (old[i].s == NULL)
			continue;
		for (j = vn_hash_bytes(old[i].s, strlen(old[i].s)) & (t->cap - 1);
			 t->p[j].s != NULL; j = (j + 1) & (t->cap - 1))
			;
		t->p[j] = old[i];
	}
	free(old);
}

/* the entry of s, added if create, else NULL if absent */
static Pair *
tab_get(Table *t, const char *s, size_t len, bool create)
{
	uint64_t	h = vn_hash_bytes(s, len);
	size_t		j;

	if (t->n * 2 >= t->cap)
	{
		if (!create && t->cap == 0)
			return NULL;
		grow(t);
	}
	for (j = h & (t->cap - 1); t->p[j].s != NULL; j = (j + 1) & (t->cap - 1))
		if (strlen(t->p[j].s) == len && memcmp(t->p[j].s, s, len) == 0)
			return &t->p[j];
	if (!create)
		return NULL;
	t->p[j].s = xmalloc(len + 1);
	memcpy(t->p[j].s, s, len);
	t->p[j].s[len] = '\0';
	t->n++;
	return &t->p[j];
}

/* does the entry pass the thresholds? */
static bool
passes(const Pair *p, double rate, long minseen)
{
	return p != NULL && p->seen >= minseen && p->joined >= rate * p->seen;
}

static void
count_pair(Table *t, const char *s, size_t len, bool joined)
{
	Pair	   *p = tab_get(t, s, len, true);

	p->seen++;
	p->joined += joined;
}

/*
 * a run of word tokens: folded syllables (and, for -w, normalized ones),
 * each flagged if it joins the one before
 */
typedef struct Run
{
	char		syl[VN_SEG_WINDOW * 4][64];
	uint8_t		len[VN_SEG_WINDOW * 4];
	char		esyl[VN_SEG_WINDOW * 4][64];
	uint8_t		elen[VN_SEG_WINDOW * 4];
	bool		join[VN_SEG_WINDOW * 4];
	uint8_t		caps[VN_SEG_WINDOW * 4];	/* syllable_case() */
	int			n;
	bool		marked;
} Run;

/* -c: count capitalised pairs (names) instead of joined ones */
static bool names = false;

/* the lexicon, whose folded joins decide where a pair counts */
static const VnLexicon *cur_lex;

/*
 * The lexicon's bits for syllables j .. j + L - 1 of the run, folded or as
 * written (normalized, lowercase).
 */
static uint32_t
span_bits(const Run *r, int j, int L, bool fold)
{
	uint64_t	k = VN_WORDKEY_SEED;

	for (int i = j; i < j + L; i++)
		k = vn_wordkey_step(k, fold ? vn_hash_bytes(r->syl[i], r->len[i]) :
							vn_hash_bytes(r->esyl[i], r->elen[i]));
	return vn_lexicon_lookup(cur_lex, k);
}

/*
 * Does a word cross the boundary before syllable i, so that a name typed
 * in lowercase may not begin or end there?  As the segmenter sees it: with
 * diacritics any word of the lexicon, without them a folded join.
 */
static bool
crossed_at(const Run *r, int i, bool fold)
{
	if (i <= 0 || i >= r->n)
		return false;
	if (fold)
		return (span_bits(r, i - 1, 2, true) & VN_LEX_F_JOIN) != 0;
	for (int a = i - 1; a >= 0 && a > i - VN_SEG_MAXSPAN; a--)
		for (int b = i; b < r->n && b - a < VN_SEG_MAXSPAN; b++)
			if (span_bits(r, a, b - a + 1, false) & (VN_LEX_V74K | VN_LEX_LEARNED))
				return true;
	return false;
}

/*
 * Would the segmenter keep the pair ending at syllable i whole if it were
 * a folded join?  Not where the pair beside it is one too, unless the
 * three syllables are a folded word of the lexicon ("mang xa hoi").
 */
static bool
join_applies(const Run *r, int i)
{
	const uint32_t word = VN_LEX_F_V74K | VN_LEX_F_LEARNED;

	if (i >= 2 && (span_bits(r, i - 2, 2, true) & VN_LEX_F_JOIN) &&
		!(span_bits(r, i - 2, 3, true) & word))
		return false;
	if (i + 1 < r->n && (span_bits(r, i, 2, true) & VN_LEX_F_JOIN) &&
		!(span_bits(r, i - 1, 3, true) & word))
		return false;
	return true;
}

/* -w: count names as whole words; pass 1 finds them, pass 2 counts */
static bool name_words = false;
static int	pass = 1;

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

/* syllables j .. j + L - 1 of the run, folded or not, joined by spaces */
static size_t
ngram(const Run *r, int j, int L, bool fold, char *buf)
{
	size_t		o = 0;

	for (int k = j; k < j + L; k++)
	{
		size_t		n = fold ? r->len[k] : r->elen[k];

		if (k > j)
			buf[o++] = ' ';
		memcpy(buf + o, fold ? r->syl[k] : r->esyl[k], n);
		o += n;
	}
	return o;
}

/* no ASCII but letters, as the lexicon compiler wants a word */
static bool
letters_only(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
	{
		unsigned char c = (unsigned char) s[i];

		if (c < 0x80 && !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
			return false;
	}
	return true;
}

/*
 * -w.  Pass 1: the names, runs of 2 to VN_SEG_MAXSPAN syllables inside
 * one token, all capitalised, under their folded and their normalized
 * (lowercase) form: a name or part of one ("Hữu Thắng" of "Nguyễn Hữu
 * Thắng").  A name with a foreign syllable may have syllables in capitals
 * ("SEA Games"), if one at least is only capitalised, but no initial.
 * Pass 2: every run of syllables whose form is such a name is seen, and
 * counted as the name if it is inside such a token again (so not two
 * names side by side, "Trung Quốc Tập Cận").
 */
static void
count_name_words(const Run *r)
{
	char		buf[VN_SEG_MAXSPAN * 64];

	for (int j = 0; j < r->n; j++)
	{
		for (int L = 2; L <= VN_SEG_MAXSPAN && j + L <= r->n; L++)
		{
			bool		allcap = true,
						upper = true,	/* capitalised or in capitals */
						capitalised = false,
						foreign = false,
						inside = true;	/* in one token */

			for (int k = j; k < j + L; k++)
			{
				allcap &= r->caps[k] == 1;
				upper &= r->caps[k] != 0;
				capitalised |= r->caps[k] == 1;
				if (!vn_is_viet_syllable(r->syl[k], r->len[k]))
				{
					foreign = true;
					/* an initial ("Nguyễn Thị T") is no part of a name */
					upper &= r->len[k] > 1;
					/* nor can the lexicon hold "M'gar" */
					upper &= letters_only(r->syl[k], r->len[k]);
				}
				inside &= k == j || r->join[k];
			}
			allcap = foreign ? upper && capitalised : allcap;
			if (pass == 1 && !(inside && allcap))
				continue;
			for (int f = 0; f < 2; f++)
			{
				Table	   *t = f ? &pairs : &exact_names;
				size_t		n = ngram(r, j, L, f, buf);
				Pair	   *p = tab_get(t, buf, n, pass == 1);

				if (p == NULL)
					continue;
				p->kind = f ? 'f' : 'e';

				/*
				 * The segmenter takes a name only where no word crosses
				 * either end ("hai bà | cháu" holds no "Hai Bà"), so only
				 * such places count.
				 */
				if (pass == 2 &&
					(crossed_at(r, j, f) || crossed_at(r, j + L, f)))
					continue;
				if (pass == 2)
				{
					p->seen++;
					p->joined += inside && allcap;
				}
			}
		}
	}
}

static void
flush_run(Run *r)
{
	char		buf[160];

	if (name_words)
		count_name_words(r);
	else if (r->marked)
		for (int i = names ? 2 : 1; i < r->n; i++)
		{
			bool		joined;

			/*
			 * Names (-c): a pair counts after the first syllable of a
			 * clause only, where a capital means a name, and only with its
			 * second syllable capitalised, since at a sentence's start the
			 * rule sees no other; as joined if both are capitalised and in
			 * one word.  Pairs with a syllable in capitals are left out.
			 * They are counted folded and, in exact_names, as written.
			 */
			if (names && (r->caps[i - 1] == 2 || r->caps[i] != 1))
				continue;
			/*
			 * Folded joins: a pair counts only where the segmenter would
			 * force it (two in a row are left to the model unless the
			 * three are a word).  "va cham" is "va chạm" in 80% of its
			 * occurrences, and many others are "và | chăm sóc".
			 */
			if (!names && !join_applies(r, i))
				continue;
			joined = r->join[i] &&
				(!names || (r->caps[i - 1] == 1 && r->caps[i] == 1));
			for (int f = names ? 0 : 1; f < 2; f++)
			{
				size_t		a = f ? r->len[i - 1] : r->elen[i - 1],
							b = f ? r->len[i] : r->elen[i];

				memcpy(buf, f ? r->syl[i - 1] : r->esyl[i - 1], a);
				buf[a] = ' ';
				memcpy(buf + a + 1, f ? r->syl[i] : r->esyl[i], b);
				count_pair(f ? &pairs : &exact_names, buf, a + 1 + b, joined);
			}
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
	int			ni = 0;			/* the normalized one in norm */

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
					k = i,
					ne;

		if (s > 0)
		{
			i += s;
			continue;
		}
		while (k < fl && vn_space_at(fold + k, fl - k) == 0)
			k++;
		while (ni < nl && (s = vn_space_at(norm + ni, nl - ni)) > 0)
			ni += s;
		for (ne = ni; ne < nl && vn_space_at(norm + ne, nl - ne) == 0; ne++)
			;
		if (k - i > 63 || ne - ni > 63 || r->n == VN_SEG_WINDOW * 4)
		{
			flush_run(r);
			return;
		}
		memcpy(r->syl[r->n], fold + i, k - i);
		r->len[r->n] = (uint8_t) (k - i);
		memcpy(r->esyl[r->n], norm + ni, ne - ni);
		r->elen[r->n] = (uint8_t) (ne - ni);
		ni = ne;
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
	fprintf(stderr, "usage: vn_foldjoins [-c | -w] [-r rate] [-n seen] [-l lines] lexicon.lex news.tsv\n");
	return 1;
}

static int
cmp_pair(const void *a, const void *b)
{
	const Pair *x = a,
			   *y = b;
	int			c = strcmp(x->s, y->s);

	return c != 0 ? c : x->kind - y->kind;
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

	while ((c = getopt(argc, argv, "cwr:n:l:")) != -1)
	{
		switch (c)
		{
			case 'c':
				names = true;
				break;
			case 'w':
				name_words = true;
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
	cur_lex = lex;
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
	for (pass = 1; pass <= (name_words ? 2 : 1); pass++)
	{
	rewind(f);
	nlines = 0;
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
				tok.type == VN_TOK_NAME ||
				(name_words && (tok.type == VN_TOK_FOREIGN ||
								tok.type == VN_TOK_ACRONYM)))
				add_token(run, body + tok.start, tok.len);
			else
				flush_run(run);
		}
		flush_run(run);
	}
	}
	fclose(f);

	/* keep the pairs (or names) that pass, sorted */
	{
		Pair	   *out = xmalloc((pairs.cap + exact_names.cap + 1) * sizeof(Pair));
		size_t		k = 0;

		for (int t = 0; t < 2; t++)
		{
			const Table *tab = t ? &exact_names : &pairs;

			for (size_t i = 0; i < tab->cap; i++)
			{
				if (tab->p[i].s == NULL || !passes(&tab->p[i], rate, minseen))
					continue;

				/*
				 * -c: an exact pair only where its folded one does not
				 * pass (the segmenter takes either in text with diacritics)
				 */
				if (names && t == 1)
				{
					char		fold[VN_NORM_BOUND(160)];
					size_t		len = strlen(tab->p[i].s);
					int			fl = vn_fold(tab->p[i].s, len, fold);

					if (fl > 0 &&
						passes(tab_get(&pairs, fold, fl, false), rate, minseen))
						continue;
				}
				out[k] = tab->p[i];
				if (names)
					out[k].kind = t ? 'e' : 'f';
				k++;
			}
		}
		qsort(out, k, sizeof(Pair), cmp_pair);
		if (name_words)
			printf("# names of 2 to %d syllables, lowercase (e) or folded (f), that news\n"
				   "# text writes capitalised inside one name in at least %.2f of %ld or\n"
				   "# more occurrences (vn_foldjoins -w -r %.2f -n %ld, %ld lines)\n",
				   VN_SEG_MAXSPAN, rate, minseen, rate, minseen, nlines);
		else if (names)
			printf("# syllable pairs, folded (f) or lowercase (e, only where the folded\n"
				   "# pair is not listed), capitalised in one word in at least %.2f of %ld\n"
				   "# or more occurrences after the first syllable of a clause with the\n"
				   "# second capitalised, in news text with diacritics\n"
				   "# (vn_foldjoins -c -r %.2f -n %ld, %ld lines)\n",
				   rate, minseen, rate, minseen, nlines);
		else
			printf("# folded syllable pairs joined in at least %.2f of %ld or more occurrences\n"
				   "# beside no other such pair, in news text with diacritics\n"
				   "# (vn_foldjoins -r %.2f -n %ld, %ld lines)\n",
				   rate, minseen, rate, minseen, nlines);
		for (size_t i = 0; i < k; i++)
		{
			if (name_words || names)
				printf("%s\t%c\t%u\t%u\n", out[i].s, out[i].kind,
					   out[i].joined, out[i].seen);
			else
				printf("%s\t%u\t%u\n", out[i].s, out[i].joined, out[i].seen);
		}
		nout = (long) k;
	}
	fprintf(stderr, "vn_foldjoins: %ld lines, %zu %s, %ld written\n",
			nlines, pairs.n + exact_names.n, name_words ? "names" : "pairs", nout);
	return 0;
}
