/*-------------------------------------------------------------------------
 *
 * vn_train.c
 *	  Developer tool: learn the segmenter's weights from gold-segmented
 *	  text.  Not run by the build; its output (extension/data/model/) is.
 *
 * Usage:
 *	  vn_train [-e epochs] [-r runs] [-p prune] [-c copies] [-u min]
 *			   [-H heldout-every] -w wordlist -o outdir gold.txt [gold.txt ...]
 *
 * Gold format: one sentence per line, words separated by a space, the
 * syllables of a word joined by '_'.  The segmenter sees each line with
 * '_' turned into spaces, through the real tokenizer (vn_tokenizer_set_hook),
 * so features are computed by exactly the code that runs in the server.
 * Every sentence is also trained on in a diacritic-stripped copy.
 *
 * The learned word list (multi-syllable gold words and their counts) is a
 * lexicon feature.  To keep the model from trusting it blindly, each
 * sentence is trained against a list built from the other folds only
 * (jackknife), so membership means what it will mean on new text.
 *
 * With -c, each epoch trains on the sentences of the first gold file that
 * many times (in the shuffled order): that file is the treebank whose
 * convention defines a word, and the others, from elsewhere, join or split
 * some words differently.  The word and pair counts see each line once.
 *
 * With -u m, the lines of the other files are first rewritten to the first
 * file's convention: a word the first file never joins but splits at
 * least m times is split, a run of words it always joins (at least m
 * times) is joined (see harmonize_line; VN_TRAIN_SHOW=1 prints each
 * rewritten line to stderr).
 *
 * With -r, training is repeated from zero with differently shuffled
 * sentences and the averaged weights of the runs are averaged again.
 *
 * Writes outdir/weights.txt ("key weight", averaged perceptron, small
 * weights pruned), outdir/learned.txt ("word<TAB>count<TAB>capitalised": how often
 * it was written with every syllable capitalised, for names) and
 * outdir/pairs.txt ("syl syl<TAB>joined<TAB>seen": how often a syllable
 * pair of the gold text is inside one word; jackknifed like the words).
 *
 * Copyright (c) 2026, vietnamese_fts authors
 *
 *-------------------------------------------------------------------------
 */
#include "vncore.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NFOLDS		10

typedef struct Sent
{
	char	   *text;			/* '_' turned into spaces */
	size_t		len;
	uint8_t    *wstart;			/* wstart[b]: a gold word starts at byte b */
	int			fold;
	int			copies;			/* times trained on per epoch (-c) */
	bool		heldout;
} Sent;

typedef struct WEntry
{
	uint64_t	key;
	float		w;
	double		acc;			/* sum of c * delta, for averaging */
} WEntry;

typedef struct WMap
{
	WEntry	   *e;
	size_t		cap;
	size_t		n;
} WMap;

static WMap wmap;
static WMap final;			/* mean over runs */
static long counter = 1;

static WEntry *
wm_get(WMap *m, uint64_t key, bool create)
{
	size_t		j;

	if (key == 0)
		key = 1;
	if (create && (m->n + 1) * 2 > m->cap)
	{
		size_t		ncap = m->cap ? m->cap * 2 : (1 << 20);
		WEntry	   *ne = calloc(ncap, sizeof(WEntry));

		if (ne == NULL)
		{
			fprintf(stderr, "out of memory\n");
			exit(1);
		}
		for (size_t i = 0; i < m->cap; i++)
		{
			if (m->e[i].key == 0)
				continue;
			j = m->e[i].key & (ncap - 1);
			while (ne[j].key != 0)
				j = (j + 1) & (ncap - 1);
			ne[j] = m->e[i];
		}
		free(m->e);
		m->e = ne;
		m->cap = ncap;
	}
	if (m->cap == 0)
		return NULL;
	j = key & (m->cap - 1);
	while (m->e[j].key != 0)
	{
		if (m->e[j].key == key)
			return &m->e[j];
		j = (j + 1) & (m->cap - 1);
	}
	if (!create)
		return NULL;
	m->e[j].key = key;
	m->n++;
	return &m->e[j];
}

static float
train_weight(void *arg, uint64_t key)
{
	WEntry	   *e = wm_get(&wmap, key, false);

	return e ? e->w : 0.0f;
}

static void
update(uint64_t key, float d)
{
	WEntry	   *e = wm_get(&wmap, key, true);

	e->w += d;
	e->acc += (double) counter * d;
}

typedef struct HookCtx
{
	const Sent *s;
	bool		learn;
	long		gaps;			/* boundary decisions scored */
	long		tp,
				npred,
				ngold;			/* word-start counts, for held-out */
	long		errors;
} HookCtx;

/* do tags make syllables j .. j+L-1 one word? */
static bool
is_word(const uint8_t *tags, int n, int j, int L)
{
	if (!tags[j] && j > 0)
		return false;
	for (int q = j + 1; q < j + L; q++)
		if (tags[q])
			return false;
	return j + L == n || tags[j + L];
}

static void
hook(void *arg, const VnSegRun *run, uint8_t *tags)
{
	HookCtx    *h = arg;
	int			n = vn_segrun_length(run);
	uint8_t		gold[VN_SEG_WINDOW];
	uint64_t	keys[VN_SEG_MAXFEAT];
	bool		differ = false;

	for (int i = 0; i < n; i++)
	{
		size_t		b = vn_segrun_start(run, i);
		int			f = vn_segrun_forced(run, i);

		gold[i] = (i == 0 || h->s->wstart[b]) ? 1 : 0;
		if (f >= 0)
			gold[i] = f;
	}
	vn_segrun_decode(run, train_weight, NULL, tags);
	for (int i = 1; i < n; i++)
	{
		h->gaps++;
		h->npred += tags[i];
		h->ngold += gold[i];
		h->tp += tags[i] && gold[i];
		if (tags[i] != gold[i])
			differ = true;
	}
	if (differ)
		h->errors++;
	if (h->learn && differ)
	{
		for (int i = 1; i < n; i++)
		{
			if (tags[i] != gold[i])
			{
				int			nk = vn_segrun_features(run, i, keys);
				float		d = gold[i] ? 1.0f : -1.0f;

				for (int k = 0; k < nk; k++)
					update(keys[k], d);
			}
			if (tags[i] != gold[i] || tags[i - 1] != gold[i - 1])
			{
				update(vn_segrun_transition(run, gold[i - 1], gold[i]), 1.0f);
				update(vn_segrun_transition(run, tags[i - 1], tags[i]), -1.0f);
			}
		}
	}
	if (h->learn && differ)
	{
		/* word candidates: gold words the decoder missed up, its own down */
		for (int j = 0; j < n; j++)
			for (int L = 1; L <= VN_SEG_MAXSPAN && j + L <= n; L++)
			{
				bool		ing = is_word(gold, n, j, L),
							inp = is_word(tags, n, j, L);

				if (ing != inp)
				{
					int			nk = vn_segrun_span_features(run, j, L, keys);

					for (int k = 0; k < nk; k++)
						update(keys[k], ing ? 1.0f : -1.0f);
				}
			}
	}
	counter++;
	/* the tokenizer then emits the gold segmentation (unused) */
	memcpy(tags, gold, n);
}

/* ---- reading ---- */

static Sent *sents;
static int	nsents,
			capsents;

static void
add_sentence(const char *line, size_t len, int fold, int copies, bool heldout)
{
	Sent	   *s;
	bool		atstart = true;

	if (nsents == capsents)
	{
		capsents = capsents ? capsents * 2 : 4096;
		sents = realloc(sents, capsents * sizeof(Sent));
	}
	s = &sents[nsents++];
	s->text = malloc(len + 1);
	s->wstart = calloc(len + 1, 1);
	s->len = len;
	s->fold = fold;
	s->copies = copies;
	s->heldout = heldout;
	for (size_t i = 0; i < len; i++)
	{
		char		c = line[i];

		if (c == ' ')
			atstart = true;
		else if (atstart && c != '_')
		{
			s->wstart[i] = 1;
			atstart = false;
		}
		s->text[i] = (c == '_') ? ' ' : c;
	}
}

/* learned words: "syl syl" normalized -> count, per fold */
typedef struct Word
{
	char	   *w;
	int			count[NFOLDS];
	int			caps;			/* occurrences with every syllable capitalised */
} Word;

static Word *words;
static int	nwords,
			capwords;

static int
word_cmp(const void *a, const void *b)
{
	return strcmp(((const Word *) a)->w, ((const Word *) b)->w);
}

/* does every syllable of word (syllables joined by '_') begin uppercase? */
static bool
all_capitalised(const char *word, size_t len)
{
	for (size_t i = 0; i < len; i++)
	{
		int32_t		cp;
		VnLetter	l;

		if (i > 0 && word[i - 1] != '_')
			continue;
		vn_utf8_decode((const unsigned char *) word + i, len - i, &cp);
		if (!vn_letter_decompose(cp, &l) || !l.upper)
			return false;
	}
	return true;
}

static void
collect_words(const char *line, size_t len, int fold)
{
	size_t		i = 0;

	while (i < len)
	{
		size_t		s = i;
		bool		multi = false;
		char		buf[1024];
		char		norm[VN_NORM_BOUND(1024)];
		int			nl;

		while (i < len && line[i] != ' ')
		{
			if (line[i] == '_')
				multi = true;
			i++;
		}
		if (multi && i - s < sizeof(buf))
		{
			for (size_t k = s; k < i; k++)
				buf[k - s] = line[k] == '_' ? ' ' : line[k];
			nl = vn_normalize(buf, i - s, norm);
			if (nl > 0)
			{
				if (nwords == capwords)
				{
					capwords = capwords ? capwords * 2 : 8192;
					words = realloc(words, capwords * sizeof(Word));
				}
				words[nwords].w = strndup(norm, nl);
				memset(words[nwords].count, 0, sizeof(words[nwords].count));
				words[nwords].count[fold] = 1;
				words[nwords].caps = all_capitalised(line + s, i - s);
				nwords++;
			}
		}
		while (i < len && line[i] == ' ')
			i++;
	}
}

static void
merge_words(void)
{
	int			o = 0;

	qsort(words, nwords, sizeof(Word), word_cmp);
	for (int i = 0; i < nwords; i++)
	{
		if (o > 0 && strcmp(words[o - 1].w, words[i].w) == 0)
		{
			for (int f = 0; f < NFOLDS; f++)
				words[o - 1].count[f] += words[i].count[f];
			words[o - 1].caps += words[i].caps;
			free(words[i].w);
		}
		else
			words[o++] = words[i];
	}
	nwords = o;
}

/* syllable pairs: "syl syl" normalized -> joined/total counts per fold */
typedef struct Pair
{
	char	   *p;
	int			joined[NFOLDS];
	int			total[NFOLDS];
} Pair;

static Pair *pairs;
static int	npairs,
			cappairs;

#define PAIR_MIN	2			/* pairs seen fewer times are not kept */

static int
pair_cmp(const void *a, const void *b)
{
	return strcmp(((const Pair *) a)->p, ((const Pair *) b)->p);
}

typedef struct GoldSyl
{
	size_t		start;
	size_t		len;
	int			word;			/* index of its word in the line */
} GoldSyl;

/* split a gold line into syllables; returns their number (at most max) */
static int
gold_syllables(const char *line, size_t len, GoldSyl *syl, int max)
{
	int			n = 0,
				word = -1;
	size_t		i = 0;

	while (i < len && n < max)
	{
		size_t		s;

		if (line[i] == ' ')
		{
			i++;
			continue;
		}
		if (i == 0 || line[i - 1] == ' ')
			word++;
		s = i;
		while (i < len && line[i] != ' ' && line[i] != '_')
			i++;
		syl[n].start = s;
		syl[n].len = i - s;
		syl[n].word = word;
		n++;
		if (i < len && line[i] == '_')
			i++;
	}
	return n;
}

/* count each pair of neighbouring syllables, and whether one word holds both */
static void
collect_pairs(const char *line, size_t len, int fold)
{
	GoldSyl		syl[512];
	int			n = gold_syllables(line, len, syl, 512);

	for (int k = 1; k < n; k++)
	{
		const GoldSyl *a = &syl[k - 1],
				   *b = &syl[k];
		char		buf[256];
		char		norm[VN_NORM_BOUND(256)];
		int			nl;

		if (a->len + b->len >= 200)
			continue;
		memcpy(buf, line + a->start, a->len);
		buf[a->len] = ' ';
		memcpy(buf + a->len + 1, line + b->start, b->len);
		nl = vn_normalize(buf, a->len + 1 + b->len, norm);
		if (nl <= 0)
			continue;
		if (npairs == cappairs)
		{
			cappairs = cappairs ? cappairs * 2 : 65536;
			pairs = realloc(pairs, cappairs * sizeof(Pair));
		}
		pairs[npairs].p = strndup(norm, nl);
		memset(pairs[npairs].joined, 0, sizeof(pairs[npairs].joined));
		memset(pairs[npairs].total, 0, sizeof(pairs[npairs].total));
		pairs[npairs].joined[fold] = (a->word == b->word);
		pairs[npairs].total[fold] = 1;
		npairs++;
	}
}

static void
merge_pairs(void)
{
	int			o = 0;

	qsort(pairs, npairs, sizeof(Pair), pair_cmp);
	for (int i = 0; i < npairs; i++)
	{
		if (o > 0 && strcmp(pairs[o - 1].p, pairs[i].p) == 0)
		{
			for (int f = 0; f < NFOLDS; f++)
			{
				pairs[o - 1].joined[f] += pairs[i].joined[f];
				pairs[o - 1].total[f] += pairs[i].total[f];
			}
			free(pairs[i].p);
		}
		else
			pairs[o++] = pairs[i];
	}
	npairs = o;
}

/*
 * -u: the first file's convention applied to the others.  For every run
 * of 2 to CONV_MAXLEN syllables of the first file, how often it is one
 * word there and how often a word boundary falls inside it; a word of
 * another file that the first file never writes as one word but splits at
 * least conv_min times is split into its syllables, and single-syllable
 * words of another file that the first file always joins (at least
 * conv_min times) are joined.  Only the first 512 syllables of a line
 * count (gold lines are sentences).
 * The sources' conventions differ on some frequent words ("người dân",
 * "người ta"), and the first file is the one that defines a word here.
 */
#define CONV_MAXLEN		4
#define CONV_BITS		18

typedef struct ConvEntry
{
	uint64_t	key;
	int			joined;
	int			split;
} ConvEntry;

static ConvEntry *conv;
static int	conv_min = 0;

/*
 * The table entry of syllables j .. j+L-1: normalized, so the case of the
 * first syllable does not count (a sentence may begin with it).
 */
static ConvEntry *
conv_entry(const char *line, const GoldSyl *syl, int j, int L, bool create)
{
	char		buf[512];
	char		norm[VN_NORM_BOUND(512)];
	size_t		bl = 0;
	int			nl;
	uint64_t	key;
	uint32_t	mask = (1u << CONV_BITS) - 1,
				i;

	for (int k = j; k < j + L; k++)
	{
		if (bl + syl[k].len + 1 > sizeof(buf))
			return NULL;
		if (k > j)
			buf[bl++] = ' ';
		memcpy(buf + bl, line + syl[k].start, syl[k].len);
		bl += syl[k].len;
	}
	nl = vn_normalize(buf, bl, norm);
	if (nl <= 0)
		return NULL;
	key = vn_hash_bytes(norm, nl);
	/* which syllables after the first are capitalised: "anh Hùng" is not "anh hùng" */
	for (int k = j + 1; k < j + L; k++)
	{
		int32_t		cp;
		VnLetter	l;

		vn_utf8_decode((const unsigned char *) line + syl[k].start, syl[k].len, &cp);
		if (vn_letter_decompose(cp, &l) && l.upper)
			key = vn_hash_mix(key ^ (uint64_t) (k - j));
	}
	key |= 1;
	i = (uint32_t) key & mask;
	for (uint32_t probes = 0; probes <= mask; probes++, i = (i + 1) & mask)
	{
		if (conv[i].key == key)
			return &conv[i];
		if (conv[i].key == 0)
		{
			if (!create)
				return NULL;
			conv[i].key = key;
			return &conv[i];
		}
	}
	return NULL;				/* full: not with sentences of real files */
}

/* are syllables j .. j+L-1 exactly one word of the line? */
static bool
exact_word(const GoldSyl *syl, int n, int j, int L)
{
	return syl[j].word == syl[j + L - 1].word &&
		(j == 0 || syl[j - 1].word != syl[j].word) &&
		(j + L == n || syl[j + L].word != syl[j].word);
}

static void
conv_line(const char *line, size_t len, void *arg)
{
	GoldSyl		syl[512];
	int			n = gold_syllables(line, len, syl, 512);

	for (int j = 0; j < n; j++)
		for (int L = 2; L <= CONV_MAXLEN && j + L <= n; L++)
		{
			ConvEntry  *e = conv_entry(line, syl, j, L, true);

			if (e == NULL)
				continue;
			if (exact_word(syl, n, j, L))
				e->joined++;
			else if (syl[j].word != syl[j + L - 1].word)
				e->split++;		/* not inside a longer word either */
		}
}

/*
 * Rewrite a line of another file to the first file's convention (out has
 * room for len + 1 bytes: only '_' and ' ' are exchanged).  Returns the
 * number of words split plus runs joined.
 */
static int
harmonize_line(const char *line, size_t len, char *out)
{
	GoldSyl		syl[512];
	int			n = gold_syllables(line, len, syl, 512);
	int			changes = 0;

	memcpy(out, line, len);
	out[len] = '\0';
	for (int j = 0; j < n;)
	{
		int			w = syl[j].word,
					L = 1;
		ConvEntry  *e;

		while (j + L < n && syl[j + L].word == w)
			L++;
		if (L >= 2 && L <= CONV_MAXLEN &&
			(e = conv_entry(line, syl, j, L, false)) != NULL &&
			e->joined == 0 && e->split >= conv_min)
		{
			for (int k = j + 1; k < j + L; k++)
				out[syl[k].start - 1] = ' ';
			changes++;
		}
		else if (L == 1)
		{
			/* the longest run of one-syllable words that is always joined */
			for (int R = CONV_MAXLEN; R >= 2; R--)
			{
				bool		singles = j + R <= n;

				for (int k = j; singles && k < j + R; k++)
					singles = exact_word(syl, n, k, 1);
				if (singles &&
					(e = conv_entry(line, syl, j, R, false)) != NULL &&
					e->split == 0 && e->joined >= conv_min)
				{
					for (int k = j + 1; k < j + R; k++)
						out[syl[k].start - 1] = '_';
					changes++;
					L = R;
					break;
				}
			}
		}
		j += L;
	}
	if (changes && getenv("VN_TRAIN_SHOW"))
		fprintf(stderr, "u: %s\n", out);
	return changes;
}

static char **baselist;
static int	nbase;

static void
read_lines(const char *path, void (*fn) (const char *, size_t, void *),
		   void *arg)
{
	FILE	   *f = fopen(path, "r");
	char	   *line = NULL;
	size_t		cap = 0;
	ssize_t		n;

	if (f == NULL)
	{
		perror(path);
		exit(1);
	}
	while ((n = getline(&line, &cap, f)) >= 0)
	{
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			n--;
		if (n > 0)
			fn(line, n, arg);
	}
	free(line);
	fclose(f);
}

static void
base_line(const char *line, size_t len, void *arg)
{
	if (nbase % 65536 == 0)
		baselist = realloc(baselist, (nbase + 65536) * sizeof(char *));
	baselist[nbase++] = strndup(line, len);
}

static int	heldout_every = 0;
static int	lineno = 0;

static int	harmonized = 0;

/* how gold_line() takes the lines of one file */
typedef struct GoldFile
{
	int			copies;			/* times trained on per epoch (-c) */
	bool		harmonize;		/* rewrite to the first file's convention (-u) */
} GoldFile;

static void
gold_line(const char *line, size_t len, void *arg)
{
	const GoldFile *gf = arg;
	int			fold = lineno % NFOLDS;
	bool		heldout = heldout_every > 0 && lineno % heldout_every == 0;
	char	   *stripped = malloc(len + 1);
	char	   *hline = NULL;
	int			sl;

	if (gf->harmonize)
	{
		hline = malloc(len + 1);
		harmonized += harmonize_line(line, len, hline);
		line = hline;
	}
	lineno++;
	if (!heldout)
		collect_words(line, len, fold);
	add_sentence(line, len, fold, gf->copies, heldout);
	sl = vn_fold(line, len, stripped);
	add_sentence(stripped, sl, fold, gf->copies, heldout);
	if (!heldout)
	{
		collect_pairs(line, len, fold);
		collect_pairs(stripped, sl, fold);
	}
	free(stripped);
	free(hline);
}

/* lexicon for a fold: base list + learned words from the other folds */
static VnLexicon *
build_lexicon(int fold, void **img)
{
	VnLexBuilder *b = vn_lexbuild_create();
	size_t		len;
	char		err[256];
	VnLexicon  *lex;

	/* the model learns on the word list as given (vncore.h) */
	vn_lexbuild_set_iy_spellings(b, false);
	for (int i = 0; i < nbase; i++)
		vn_lexbuild_add_word(b, baselist[i], strlen(baselist[i]), false, 0);
	for (int i = 0; i < nwords; i++)
	{
		int			c = 0;

		for (int f = 0; f < NFOLDS; f++)
			if (f != fold)
				c += words[i].count[f];
		if (c > 0)
			vn_lexbuild_add_word(b, words[i].w, strlen(words[i].w), true, c);
	}
	for (int i = 0; i < npairs; i++)
	{
		int			j = 0,
					t = 0;

		for (int f = 0; f < NFOLDS; f++)
			if (f != fold)
			{
				j += pairs[i].joined[f];
				t += pairs[i].total[f];
			}
		if (t >= PAIR_MIN)
			vn_lexbuild_add_pair(b, pairs[i].p, strlen(pairs[i].p), j, t);
	}
	/* a tiny placeholder weight so the lexicon says it has a model */
	vn_lexbuild_add_weight(b, 1, 1e-9f);
	*img = vn_lexbuild_finish(b, &len);
	vn_lexbuild_free(b);
	lex = vn_lexicon_from_buffer(*img, len, err, sizeof(err));
	if (lex == NULL)
	{
		fprintf(stderr, "lexicon: %s\n", err);
		exit(1);
	}
	return lex;
}

static void
run_sentence(const Sent *s, const VnLexicon *lex, HookCtx *h,
			 VnTokenizer *tz)
{
	VnToken		tok;

	h->s = s;
	vn_tokenizer_init(tz, lex, NULL, s->text, s->len);
	vn_tokenizer_set_hook(tz, hook, h);
	vn_tokenizer_set_plain_rule(tz, false);
	while (vn_tokenizer_next(tz, &tok))
		;
}

static int
usage(void)
{
	fprintf(stderr, "usage: vn_train [-e epochs] [-r runs] [-p prune] [-c copies] [-u min] [-H heldout-every] -w wordlist -o outdir gold.txt...\n");
	return 2;
}

int
main(int argc, char **argv)
{
	int			epochs = 8;
	int			runs = 1;
	double		prune = 0.0;
	const char *wordlist = NULL,
			   *outdir = NULL;
	int			c;
	VnLexicon  *lex[NFOLDS + 1];
	void	   *img[NFOLDS + 1];
	VnTokenizer *tz;
	int		   *order;
	char		path[4096];
	FILE	   *f;
	long		kept = 0;
	int			first_copies = 1;
	int			norder = 0;

	while ((c = getopt(argc, argv, "e:r:p:c:u:H:w:o:")) != -1)
	{
		switch (c)
		{
			case 'e':
				epochs = atoi(optarg);
				break;
			case 'r':
				runs = atoi(optarg);
				if (runs < 1)
					runs = 1;
				break;
			case 'p':
				prune = atof(optarg);
				break;
			case 'c':
				first_copies = atoi(optarg);
				if (first_copies < 1)
					first_copies = 1;
				break;
			case 'u':
				conv_min = atoi(optarg);
				if (conv_min < 1)
					conv_min = 1;
				break;
			case 'H':
				heldout_every = atoi(optarg);
				break;
			case 'w':
				wordlist = optarg;
				break;
			case 'o':
				outdir = optarg;
				break;
			default:
				return usage();
		}
	}
	if (wordlist == NULL || outdir == NULL || optind >= argc)
	{
		return usage();
	}
	read_lines(wordlist, base_line, NULL);
	if (conv_min > 0)
	{
		conv = calloc((size_t) 1 << CONV_BITS, sizeof(ConvEntry));
		read_lines(argv[optind], conv_line, NULL);
	}
	for (int i = optind; i < argc; i++)
	{
		GoldFile	gf;

		gf.copies = (i == optind) ? first_copies : 1;
		gf.harmonize = (i > optind && conv_min > 0);
		read_lines(argv[i], gold_line, &gf);
	}
	if (conv_min > 0)
		fprintf(stderr, "-u %d: %d words split or joined in the files after the first\n",
				conv_min, harmonized);
	for (int i = 0; i < nsents; i++)
		norder += sents[i].copies;
	merge_words();
	merge_pairs();
	fprintf(stderr, "%d sentences (with stripped copies), %d base words, %d learned words\n",
			nsents, nbase, nwords);

	for (int fo = 0; fo < NFOLDS; fo++)
		lex[fo] = build_lexicon(fo, &img[fo]);
	lex[NFOLDS] = build_lexicon(-1, &img[NFOLDS]);	/* all folds: held-out */

	tz = malloc(vn_tokenizer_size());
	order = malloc(norder * sizeof(int));
	for (int rn = 0; rn < runs; rn++)
	{
		/* each run starts from zero weights and shuffles differently */
		free(wmap.e);
		memset(&wmap, 0, sizeof(wmap));
		counter = 1;
		for (int i = 0, k = 0; i < nsents; i++)
			for (int c = 0; c < sents[i].copies; c++)
				order[k++] = i;
		srand(12345 + rn);
		for (int e = 1; e <= epochs; e++)
		{
			HookCtx		h = {0};

			h.learn = true;
			for (int i = norder - 1; i > 0; i--)
			{
				int			j = rand() % (i + 1),
							t = order[i];

				order[i] = order[j];
				order[j] = t;
			}
			for (int i = 0; i < norder; i++)
			{
				const Sent *s = &sents[order[i]];

				if (!s->heldout)
					run_sentence(s, lex[s->fold], &h, tz);
			}
			fprintf(stderr, "epoch %d: %ld windows with errors, %zu features\n",
					e, h.errors, wmap.n);

			if (heldout_every > 0)
			{
				/* held-out, with the averaged weights of this epoch */
				WMap		saved = wmap;
				HookCtx		hh = {0};

				wmap.e = malloc(wmap.cap * sizeof(WEntry));
				memcpy(wmap.e, saved.e, wmap.cap * sizeof(WEntry));
				for (size_t k = 0; k < wmap.cap; k++)
					if (wmap.e[k].key)
						wmap.e[k].w -= (float) (wmap.e[k].acc / counter);
				for (int m = 0; m < 2; m++)
				{
					memset(&hh, 0, sizeof(hh));
					for (int i = m; i < nsents; i += 2)
						if (sents[i].heldout)
							run_sentence(&sents[i], lex[NFOLDS], &hh, tz);
					fprintf(stderr, "  held-out %s: boundary P %.4f R %.4f\n",
							m ? "stripped" : "marked",
							(double) hh.tp / hh.npred, (double) hh.tp / hh.ngold);
				}
				free(wmap.e);
				wmap = saved;
			}
		}
		/* the model is the mean of the runs' averaged weights */
		for (size_t k = 0; k < wmap.cap; k++)
		{
			WEntry	   *fe;

			if (wmap.e[k].key == 0)
				continue;
			fe = wm_get(&final, wmap.e[k].key, true);
			fe->w += (wmap.e[k].w - (float) (wmap.e[k].acc / counter)) / runs;
		}
	}

	snprintf(path, sizeof(path), "%s/weights.txt", outdir);
	f = fopen(path, "w");
	if (f == NULL)
	{
		perror(path);
		return 1;
	}
	fprintf(f, "# vietnamese_fts segmenter weights, feature set %d\n",
			VN_SEG_FEATURE_VERSION);
	for (size_t k = 0; k < final.cap; k++)
	{
		float		w;

		if (final.e[k].key == 0)
			continue;
		w = final.e[k].w;
		if (fabs(w) <= prune)
			continue;
		fprintf(f, "%016llx %.4g\n", (unsigned long long) final.e[k].key, w);
		kept++;
	}
	fclose(f);

	snprintf(path, sizeof(path), "%s/learned.txt", outdir);
	f = fopen(path, "w");
	if (f == NULL)
	{
		perror(path);
		return 1;
	}
	for (int i = 0; i < nwords; i++)
	{
		int			cnt = 0;

		for (int fo = 0; fo < NFOLDS; fo++)
			cnt += words[i].count[fo];
		if (cnt > 0)
			fprintf(f, "%s\t%d\t%d\n", words[i].w, cnt, words[i].caps);
	}
	fclose(f);
	snprintf(path, sizeof(path), "%s/pairs.txt", outdir);
	f = fopen(path, "w");
	if (f == NULL)
	{
		perror(path);
		return 1;
	}
	for (int i = 0; i < npairs; i++)
	{
		int			j = 0,
					t = 0;

		for (int fo = 0; fo < NFOLDS; fo++)
		{
			j += pairs[i].joined[fo];
			t += pairs[i].total[fo];
		}
		if (t >= PAIR_MIN)
			fprintf(f, "%s\t%d\t%d\n", pairs[i].p, j, t);
	}
	fclose(f);
	fprintf(stderr, "wrote %ld weights (of %zu), %d learned words to %s\n",
			kept, final.n, nwords, outdir);
	return 0;
}
