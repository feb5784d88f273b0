/*-------------------------------------------------------------------------
 *
 * vnsegment.c
 *	  Tokenizer: scanner units grouped into Vietnamese words by a learned
 *	  model, plus the user word list.
 *
 * Vietnamese writes a space between syllables, not between words, so
 * "Đảng Cộng sản Việt Nam" is five letter units but three words.  The
 * tokenizer collects a run of letter units separated by single in-line
 * spaces (a window of at most VN_SEG_WINDOW syllables), tags each syllable
 * "begins a word" or "continues one" with an averaged structured
 * perceptron decoded by Viterbi (weights live in the compiled lexicon), and
 * hands out the words one by one.
 *
 * Features for "syllable i begins a word" look at the syllables around the
 * boundary (normalized forms, unigrams to trigrams), their capitalisation,
 * the context a run starts and ends in (sentence start, a quote, a number),
 * and at lexicon spans: the longest dictionary or learned word that crosses
 * the boundary, ends just before it, starts at it, exact and folded.  All
 * features are conjoined with the window's mode (has diacritics or not), so
 * text typed without marks gets a model of its own, trained on a stripped
 * copy of the data.
 *
 * Syllables that are not Vietnamese (no valid onset/rhyme split, or letters
 * Vietnamese does not use) are FOREIGN or ACRONYM when they stand alone;
 * the model may join them into names ("Krông Pa"), never into lexicon
 * spans.  A user
 * word of two or more syllables is kept whole wherever it occurs; it wins
 * over the model.
 *
 * All state is in the caller-allocated VnTokenizer; nothing is allocated
 * while tokenizing.
 *
 * Copyright (c) 2026, vietnamese_fts authors
 *
 *-------------------------------------------------------------------------
 */
#include "vncore.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SYL_BYTES	48		/* longer letter runs are never Vietnamese */

/* per-syllable flags */
#define SF_MARKED		0x01
#define SF_VIET			0x02	/* phonotactically a Vietnamese syllable */
#define SF_CAP			0x04
#define SF_ALLCAP		0x08
#define SF_KNOWN		0x10	/* a one-syllable lexicon word */

/* context classes of what surrounds a run */
#define CTX_BOS			1		/* text start, line break, sentence end */
#define CTX_PUNCT		2		/* other punctuation (+ its first byte) */
#define CTX_OTHER		3		/* number, code, ... (+ its kind) */
#define CTX_CONT		4		/* window was cut; run continues */
#define CTX_RIGHT		16		/* added for the right-hand side */

/*
 * What the tokenizer knows about one syllable; everything but start is a
 * function of the syllable's bytes, so it can be cached (SylCache).
 */
typedef struct SylInfo
{
	uint64_t	h;				/* hash of the normalized syllable */
	uint64_t	fh;				/* hash of its folded form */
	uint64_t	k1;				/* word key of the syllable alone, exact */
	uint64_t	fk1;			/* same, folded */
	uint32_t	be;				/* lexicon bits of k1 */
	uint32_t	bf;				/* lexicon bits of fk1 */
	float		uw[2][4];		/* unigram feature weights [mode][offset] */
	float		ew[2][2][3];	/* span first/last syllable weights [mode][last][min(L,3)-1] */
	uint8_t		flags;			/* SF_* */
	uint8_t		shape;
} SylInfo;

typedef struct SegSyl
{
	size_t		start;
	size_t		len;
	SylInfo		x;
} SegSyl;

/*
 * Per-tokenizer cache of SylInfo by the syllable's raw bytes.  News text
 * repeats a few thousand syllables, so most syllables skip normalization,
 * hashing and the lexicon lookups that only depend on the syllable.  It is
 * direct-mapped and compares the bytes, so a hit is exact; the valid bits
 * are cleared by vn_tokenizer_init and kept by vn_tokenizer_reset, so the
 * hits carry over from one document to the next.  An entry depends on the
 * lexicon (bits, weights) but not on the user words, which are matched on
 * the hashes afterwards.
 */
#define SC_BITS			10
#define SC_SIZE			(1 << SC_BITS)	/* entries */
#define SC_RAW			22		/* longer syllables are not cached */

typedef struct SylCache
{
	SylInfo		x;
	uint8_t		len;
	uint8_t		uflags;			/* the unit's case and mark flags */
	char		raw[SC_RAW];
} SylCache;

struct VnSegRun
{
	int			n;
	int			mode;			/* 1 if the window has diacritics */
	bool		sentinit;		/* run starts a sentence */
	uint64_t	lctx;			/* pseudo-syllable hashes of the context */
	uint64_t	rctx;
	SegSyl		syl[VN_SEG_WINDOW];
	int8_t		forced[VN_SEG_WINDOW];
	/* lexicon spans, per syllable (see compute_spans) */
	uint8_t		cross[4][VN_SEG_WINDOW];	/* at gap before syllable i */
	uint8_t		endat[4][VN_SEG_WINDOW];	/* longest word ending at i */
	uint8_t		startat[4][VN_SEG_WINDOW];	/* longest word starting at i */
	uint32_t	pair[VN_SEG_WINDOW];	/* lexicon bits of (i-1, i) */
	uint32_t	span[VN_SEG_WINDOW][VN_SEG_MAXSPAN];	/* bits of i .. i+L-1 */
	const VnLexicon *lex;
};

#define QUEUE_SIZE		(2 * VN_SEG_WINDOW + 4)

struct VnTokenizer
{
	const VnLexicon *lex;
	const VnUserLex *ulex;
	const char *text;
	size_t		len;
	size_t		pos;			/* next byte to scan */
	int			prevctx;		/* context class of the last unit */
	int			prevbyte;
	bool		line_marked;	/* this line had diacritics so far */
	VnSegHook	hook;
	void	   *hookarg;
	int			qhead;
	int			qn;
	VnToken		queue[QUEUE_SIZE];
	uint8_t		tags[VN_SEG_WINDOW];
	VnSegRun	run;
	uint64_t	sc_valid[SC_SIZE / 64];
	SylCache	sc[SC_SIZE];
};

/* ---- Vietnamese syllable shape ---- */

typedef struct Piece
{
	char		s[4];
	uint8_t		len;
} Piece;

#define P(x) {x, sizeof(x) - 1}

/* longest first, so "ngh" is tried before "ng" and "n" */
static const Piece onsets[] = {
	P("ngh"), P("ng"), P("nh"), P("ch"), P("gh"), P("gi"), P("kh"), P("ph"),
	P("qu"), P("th"), P("tr"), P("b"), P("c"), P("d"), P("g"), P("h"), P("k"),
	P("l"), P("m"), P("n"), P("p"), P("r"), P("s"), P("t"), P("v"), P("x"),
	P("")
};

static const Piece nuclei[] = {
	P("ieu"), P("yeu"), P("oai"), P("oay"), P("oeo"), P("uay"), P("uoi"),
	P("uou"), P("uya"), P("uye"), P("uyu"), P("uai"), P("oao"),
	P("ai"), P("ao"), P("au"), P("ay"), P("eo"), P("eu"), P("ia"), P("ie"),
	P("iu"), P("oa"), P("oe"), P("oi"), P("oo"), P("ua"), P("ue"), P("ui"),
	P("uo"), P("uu"), P("uy"), P("ya"), P("ye"), P("yu"), P("ea"),
	P("a"), P("e"), P("i"), P("o"), P("u"), P("y")
};

static const Piece codas[] = {
	P(""), P("c"), P("ch"), P("m"), P("n"), P("ng"), P("nh"), P("p"), P("t"),
	P("i"), P("o"), P("u"), P("y")
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static bool
match_rhyme(const char *s, size_t n)
{
	for (size_t v = 0; v < NELEM(nuclei); v++)
	{
		size_t		vl = nuclei[v].len;

		if (vl > n || s[0] != nuclei[v].s[0] ||
			memcmp(s, nuclei[v].s, vl) != 0)
			continue;
		for (size_t c = 0; c < NELEM(codas); c++)
		{
			if (vl + codas[c].len == n &&
				memcmp(s + vl, codas[c].s, codas[c].len) == 0)
				return true;
		}
	}
	return false;
}

/* s: folded, lowercase */
static bool
is_viet_syllable(const char *s, size_t n)
{
	if (n == 0 || n > 7)
		return false;
	for (size_t i = 0; i < n; i++)
	{
		char		c = s[i];

		if (c < 'a' || c > 'z' || c == 'f' || c == 'j' || c == 'w' || c == 'z')
			return false;
	}
	for (size_t o = 0; o < NELEM(onsets); o++)
	{
		size_t		ol = onsets[o].len;

		if (ol > n || (ol > 0 && s[0] != onsets[o].s[0]) ||
			memcmp(s, onsets[o].s, ol) != 0)
			continue;
		if (ol == n)
		{
			if (ol == 2 && s[0] == 'g' && s[1] == 'i')
				return true;	/* "gì" */
			continue;
		}
		if (match_rhyme(s + ol, n - ol))
			return true;
	}
	return false;
}

/* ---- feature keys ---- */

#define K1 UINT64_C(0x9e3779b97f4a7c15)
#define K2 UINT64_C(0xc2b2ae3d27d4eb4f)
#define K3 UINT64_C(0x165667b19e3779f9)

static inline uint64_t
rotl64(uint64_t x, int r)
{
	return (x << r) | (x >> (64 - r));
}

static inline uint64_t
fk(int tid, int mode, uint64_t a, uint64_t b, uint64_t c)
{
	uint64_t	t = (uint64_t) (tid * 2 + mode + 1) * K1;

	return vn_hash_mix(t ^ (a * K2) ^ rotl64(b * K3, 23) ^ rotl64(c, 41));
}

static inline uint64_t
ctx_hash(int cls, int extra)
{
	return vn_hash_mix(UINT64_C(0x5a17ab1e00000000) + cls * 4096 + extra);
}

static inline uint64_t
S(const VnSegRun *r, int k)
{
	if (k < 0)
		return r->lctx;
	if (k >= r->n)
		return r->rctx;
	return r->syl[k].x.h;
}

static inline int
SH(const VnSegRun *r, int k)
{
	if (k < 0 || k >= r->n)
		return 15;
	return r->syl[k].x.shape;
}

static inline int
cap5(int x)
{
	return x > 5 ? 5 : x;
}

enum
{
	T_U0 = 1, T_U1, T_U2, T_U3, T_B01, T_B12, T_B23, T_S02, T_S13, T_T012,
	T_T123, T_SHAPE4, T_SHAPE2, T_LEXE, T_LEXL, T_LEXF, T_LEXFL, T_PAIR,
	T_CROSSA, T_CROSSB, T_PAIRSH, T_KNOWN, T_BIAS, T_TRANS, T_LEXEA,
	T_LEXEB, T_JOIN, T_SEGLEX, T_SEGCAP, T_SEGFIRST, T_SEGLAST
};


/*
 * key of the feature "syllable h is the first (last = 0) or last (1)
 * syllable of a word of L syllables"; only depends on the syllable, so the
 * run-time decoder takes its weight from SylInfo.ew
 */
static inline uint64_t
edge_key(int mode, int last, uint64_t h, int L)
{
	return fk(last ? T_SEGLAST : T_SEGFIRST, mode, h, L > 3 ? 3 : L, 0);
}

/* key of the unigram feature for the syllable at offset off (0..3) */
static inline uint64_t
unigram_key(int mode, int off, uint64_t h)
{
	return fk(T_U0 + off, mode, h, 0, 0);
}

/*
 * Keys of every feature for "syllable i begins a word" except the four
 * unigrams (syllables i-2 .. i+1), which the decoder takes from SylInfo.uw.
 */
static int
context_features(const VnSegRun *r, int i, uint64_t *keys)
{
	int			n = 0;
	int			m = r->mode;
	int			a = i - 1,
				b = i;
	uint64_t	sa = S(r, a),
				sb = S(r, b),
				sa1 = S(r, a - 1),
				sb1 = S(r, b + 1);
	int			init = (a == 0 && r->sentinit);
	uint32_t	pb = r->pair[i];
	int			lexe;

	keys[n++] = fk(T_B01, m, sa1, sa, 0);
	keys[n++] = fk(T_B12, m, sa, sb, 0);
	keys[n++] = fk(T_B23, m, sb, sb1, 0);
	keys[n++] = fk(T_S02, m, sa1, sb, 0);
	keys[n++] = fk(T_S13, m, sa, sb1, 0);
	keys[n++] = fk(T_T012, m, sa1, sa, sb);
	keys[n++] = fk(T_T123, m, sa, sb, sb1);
	keys[n++] = fk(T_SHAPE4, m,
				   SH(r, a - 1) | SH(r, a) << 4 | SH(r, b) << 8 |
				   SH(r, b + 1) << 12 | init << 16, 0, 0);
	keys[n++] = fk(T_SHAPE2, m, SH(r, a) | SH(r, b) << 4 | init << 8, 0, 0);
	lexe = cap5(r->cross[0][i]) | cap5(r->endat[0][a]) << 4 |
		cap5(r->startat[0][b]) << 8;
	keys[n++] = fk(T_LEXE, m, lexe, 0, 0);
	keys[n++] = fk(T_LEXL, m, cap5(r->cross[1][i]) | cap5(r->endat[1][a]) << 4 |
				   cap5(r->startat[1][b]) << 8, 0, 0);
	keys[n++] = fk(T_LEXF, m, cap5(r->cross[2][i]) | cap5(r->endat[2][a]) << 4 |
				   cap5(r->startat[2][b]) << 8, 0, 0);
	keys[n++] = fk(T_LEXFL, m, cap5(r->cross[3][i]) | cap5(r->endat[3][a]) << 4 |
				   cap5(r->startat[3][b]) << 8, 0, 0);
	keys[n++] = fk(T_PAIR, m, pb, 0, 0);
	keys[n++] = fk(T_CROSSA, m, cap5(r->cross[0][i]) | cap5(r->cross[2][i]) << 4,
				   sa, 0);
	keys[n++] = fk(T_CROSSB, m, cap5(r->cross[0][i]) | cap5(r->cross[2][i]) << 4,
				   sb, 0);
	keys[n++] = fk(T_PAIRSH, m, pb, SH(r, a) | SH(r, b) << 4 | init << 8, 0);
	keys[n++] = fk(T_KNOWN, m, (r->syl[a].x.flags & SF_KNOWN) |
				   (r->syl[b].x.flags & SF_KNOWN) << 1, 0, 0);
	keys[n++] = fk(T_BIAS, m, 0, 0, 0);
	keys[n++] = fk(T_LEXEA, m, lexe, sa, 0);
	keys[n++] = fk(T_LEXEB, m, lexe, sb, 0);
	keys[n++] = fk(T_JOIN, m, pb >> VN_LEX_JOIN_SHIFT, 0, 0);
	return n;
}

/*
 * Keys of the features of a word candidate: syllables j .. j+L-1 form one
 * word (1 <= L <= VN_SEG_MAXSPAN).  What the lexicon says about the whole
 * span, its capitalisation, and its first and last syllable by length.
 */
int
vn_segrun_span_features(const VnSegRun *r, int j, int L, uint64_t *keys)
{
	int			m = r->mode;
	uint32_t	b = r->span[j][L - 1];
	int			cap = 0;
	bool		init = (j == 0 && r->sentinit);

	for (int k = j; k < j + L; k++)
	{
		int			f = r->syl[k].x.flags;

		cap |= (f & SF_CAP) ? 1 : 2;	/* 1: some capitalised, 2: some not */
		if (!(f & SF_VIET))
			cap |= 4;
		if (f & SF_ALLCAP)
			cap |= 8;
	}
	b &= VN_LEX_V74K | VN_LEX_LEARNED | (15u << VN_LEX_CNT_SHIFT) |
		VN_LEX_F_V74K | VN_LEX_F_LEARNED | (15u << VN_LEX_F_CNT_SHIFT);
	keys[0] = fk(T_SEGLEX, m, b, L, 0);
	keys[1] = fk(T_SEGCAP, m, cap | init << 4, L, 0);
	keys[2] = edge_key(m, 0, S(r, j), L);
	keys[3] = edge_key(m, 1, S(r, j + L - 1), L);
	return VN_SEG_SPANFEAT;
}

int
vn_segrun_features(const VnSegRun *r, int i, uint64_t *keys)
{
	for (int o = 0; o < 4; o++)
		keys[o] = unigram_key(r->mode, o, S(r, i - 2 + o));
	return 4 + context_features(r, i, keys + 4);
}

uint64_t
vn_segrun_transition(const VnSegRun *r, int prev, int cur)
{
	return fk(T_TRANS, r->mode, prev * 2 + cur, 0, 0);
}

int
vn_segrun_length(const VnSegRun *r)
{
	return r->n;
}

size_t
vn_segrun_start(const VnSegRun *r, int i)
{
	return r->syl[i].start;
}

int
vn_segrun_forced(const VnSegRun *r, int i)
{
	return r->forced[i];
}

/*
 * Semi-Markov Viterbi: B/I scores (e[i]: syllable i begins a word, i >= 1;
 * tr[prev][cur]: tag transitions) plus sw[j][L-1], the score of syllables
 * j .. j+L-1 being one word (L <= VN_SEG_MAXSPAN; longer words get no span
 * score).  best[k][t]: best score of syllables 0 .. k-1 cut so that a word
 * ends at k-1, t = 1 if that word has one syllable (its last tag is
 * "begins"), else 0.  Honours forced tags and VN_MAX_WORD_SYLLABLES.
 */
static void
semi_viterbi(const VnSegRun *r, const float *e, float tr[2][2],
			 float sw[][VN_SEG_MAXSPAN], uint8_t *tags)
{
	float		best[VN_SEG_WINDOW + 1][2];
	uint8_t		bl[VN_SEG_WINDOW + 1][2];	/* length of the last word */
	uint8_t		bt[VN_SEG_WINDOW + 1][2];	/* t before it */
	int			n = r->n;
	int			k,
				t;

	best[0][0] = -INFINITY;
	best[0][1] = 0.0f;
	for (k = 1; k <= n; k++)
	{
		best[k][0] = best[k][1] = -INFINITY;
		bl[k][0] = bl[k][1] = 1;
		bt[k][0] = bt[k][1] = 1;
		for (int L = 1; L <= VN_MAX_WORD_SYLLABLES && L <= k; L++)
		{
			int			j = k - L;
			float		in,
						s;
			int			pt;

			/* syllable j+1, now inside the word, may not be forced to begin one */
			if (L >= 2 && r->forced[j + 1] == 1)
				break;
			if (r->forced[j] == 0)
				continue;
			in = (L >= 2 ? tr[1][0] + (L - 2) * tr[0][0] : 0.0f) +
				(L <= VN_SEG_MAXSPAN ? sw[j][L - 1] : 0.0f);
			if (j == 0)
			{
				s = in;
				pt = 1;
			}
			else
			{
				float		s0 = best[j][0] + tr[0][1],
							s1 = best[j][1] + tr[1][1];

				pt = s1 >= s0 ? 1 : 0;
				s = (pt ? s1 : s0) + e[j] + in;
			}
			t = (L == 1);
			if (s > best[k][t])
			{
				best[k][t] = s;
				bl[k][t] = (uint8_t) L;
				bt[k][t] = (uint8_t) pt;
			}
		}
	}
	k = n;
	t = best[n][1] >= best[n][0] ? 1 : 0;
	while (k > 0)
	{
		int			L = bl[k][t];

		tags[k - L] = 1;
		for (int q = k - L + 1; q < k; q++)
			tags[q] = 0;
		t = bt[k][t];
		k -= L;
	}
}

void
vn_segrun_decode(const VnSegRun *r, float (*weight) (void *arg, uint64_t key),
				 void *arg, uint8_t *tags)
{
	float		e[VN_SEG_WINDOW];
	float		tr[2][2];
	float		sw[VN_SEG_WINDOW][VN_SEG_MAXSPAN];
	uint64_t	keys[VN_SEG_MAXFEAT];

	if (r->n == 0)
		return;
	for (int p = 0; p < 2; p++)
		for (int c = 0; c < 2; c++)
			tr[p][c] = weight(arg, vn_segrun_transition(r, p, c));
	for (int i = 1; i < r->n; i++)
	{
		e[i] = 0.0f;
		if (r->forced[i] < 0)
		{
			int			nk = vn_segrun_features(r, i, keys);

			for (int k = 0; k < nk; k++)
				e[i] += weight(arg, keys[k]);
		}
	}
	for (int j = 0; j < r->n; j++)
		for (int L = 1; L <= VN_SEG_MAXSPAN; L++)
		{
			sw[j][L - 1] = 0.0f;
			if (j + L <= r->n)
			{
				int			nk = vn_segrun_span_features(r, j, L, keys);

				for (int k = 0; k < nk; k++)
					sw[j][L - 1] += weight(arg, keys[k]);
			}
		}
	semi_viterbi(r, e, tr, sw, tags);
}

/* weight of the unigram feature at offset off for syllable k */
static inline float
unigram_weight(const VnSegRun *r, int k, int off)
{
	if (k < 0 || k >= r->n)
		return vn_lexicon_weight(r->lex,
								 unigram_key(r->mode, off,
											 k < 0 ? r->lctx : r->rctx));
	return r->syl[k].x.uw[r->mode][off];
}

/*
 * The run-time decoder: the same scores as vn_segrun_decode() with the
 * lexicon's weights, but the unigram weights come with the syllables
 * (mostly from the cache), which saves four lookups per syllable.
 */
static void
model_decode(const VnSegRun *r, uint8_t *tags)
{
	float		e[VN_SEG_WINDOW];
	float		tr[2][2];
	float		sw[VN_SEG_WINDOW][VN_SEG_MAXSPAN];
	uint64_t	keys[VN_SEG_WINDOW * (VN_SEG_MAXFEAT + VN_SEG_MAXSPAN * VN_SEG_SPANFEAT) + 4];
	float		w[VN_SEG_WINDOW * (VN_SEG_MAXFEAT + VN_SEG_MAXSPAN * VN_SEG_SPANFEAT) + 4];
	int			first[VN_SEG_WINDOW + 1];
	int			sfirst;
	int			nk = 0;

	if (r->n == 0)
		return;
	/* all of the window's keys first, so that their lookups overlap */
	for (int p = 0; p < 2; p++)
		for (int c = 0; c < 2; c++)
			keys[nk++] = vn_segrun_transition(r, p, c);
	for (int i = 1; i < r->n; i++)
	{
		first[i] = nk;
		if (r->forced[i] < 0)
			nk += context_features(r, i, keys + nk);
	}
	first[r->n] = nk;
	sfirst = nk;
	for (int j = 0; j < r->n; j++)
		for (int L = 1; L <= VN_SEG_MAXSPAN && j + L <= r->n; L++)
		{
			/* the last two (edge) keys are looked up with the syllables */
			vn_segrun_span_features(r, j, L, keys + nk);
			nk += VN_SEG_SPANFEAT - 2;
		}
	vn_lexicon_weights(r->lex, keys, nk, w);
	tr[0][0] = w[0];
	tr[0][1] = w[1];
	tr[1][0] = w[2];
	tr[1][1] = w[3];
	for (int i = 1; i < r->n; i++)
	{
		float		s = 0.0f;
		e[i] = 0.0f;
		if (r->forced[i] >= 0)
			continue;
		for (int o = 0; o < 4; o++)
			s += unigram_weight(r, i - 2 + o, o);
		for (int q = first[i]; q < first[i + 1]; q++)
			s += w[q];
		e[i] = s;
	}
	for (int j = 0, q = sfirst; j < r->n; j++)
		for (int L = 1; L <= VN_SEG_MAXSPAN; L++)
		{
			sw[j][L - 1] = 0.0f;
			if (j + L <= r->n)
			{
				int			lb = (L > 3 ? 3 : L) - 1;

				sw[j][L - 1] = w[q] + w[q + 1] +
					r->syl[j].x.ew[r->mode][0][lb] +
					r->syl[j + L - 1].x.ew[r->mode][1][lb];
				q += VN_SEG_SPANFEAT - 2;
			}
		}
	semi_viterbi(r, e, tr, sw, tags);
}

/* ---- user words ---- */

#define UL_WORD			1
#define UL_PREFIX		2
#define UL_F_WORD		4
#define UL_F_PREFIX		8

struct VnUserLex
{
	uint64_t   *keys;
	uint8_t    *bits;
	size_t		n;
	size_t		cap;
};

VnUserLex *
vn_userlex_create(void)
{
	return calloc(1, sizeof(VnUserLex));
}

void
vn_userlex_free(VnUserLex *u)
{
	if (u == NULL)
		return;
	free(u->keys);
	free(u->bits);
	free(u);
}

static uint8_t
userlex_get(const VnUserLex *u, uint64_t key)
{
	size_t		j;

	if (u == NULL || u->cap == 0)
		return 0;
	key |= 1;
	j = key & (u->cap - 1);
	while (u->keys[j] != 0)
	{
		if (u->keys[j] == key)
			return u->bits[j];
		j = (j + 1) & (u->cap - 1);
	}
	return 0;
}

static bool
userlex_set(VnUserLex *u, uint64_t key, uint8_t bits)
{
	size_t		j;

	key |= 1;
	if ((u->n + 1) * 2 > u->cap)
	{
		size_t		ncap = u->cap ? u->cap * 2 : 64;
		uint64_t   *nk = calloc(ncap, sizeof(uint64_t));
		uint8_t    *nb = calloc(ncap, 1);

		if (nk == NULL || nb == NULL)
		{
			free(nk);
			free(nb);
			return false;
		}
		for (size_t i = 0; i < u->cap; i++)
		{
			if (u->keys[i] == 0)
				continue;
			j = u->keys[i] & (ncap - 1);
			while (nk[j] != 0)
				j = (j + 1) & (ncap - 1);
			nk[j] = u->keys[i];
			nb[j] = u->bits[i];
		}
		free(u->keys);
		free(u->bits);
		u->keys = nk;
		u->bits = nb;
		u->cap = ncap;
	}
	j = key & (u->cap - 1);
	while (u->keys[j] != 0 && u->keys[j] != key)
		j = (j + 1) & (u->cap - 1);
	if (u->keys[j] == 0)
	{
		u->keys[j] = key;
		u->n++;
	}
	u->bits[j] |= bits;
	return true;
}

const char *
vn_userlex_add(VnUserLex *u, const char *word, size_t len)
{
	char		norm[VN_NORM_BOUND(256)];
	char		fold[MAX_SYL_BYTES];
	int			nlen;
	uint64_t	ke[VN_MAX_WORD_SYLLABLES],
				kf[VN_MAX_WORD_SYLLABLES];
	uint64_t	key = VN_WORDKEY_SEED,
				fkey = VN_WORDKEY_SEED;
	int			n = 0;
	size_t		i = 0;

	if (u == NULL)
		return "no user word list";
	if (len == 0 || len > 256)
		return "word is empty or longer than 256 bytes";
	nlen = vn_normalize(word, len, norm);
	if (nlen <= 0)
		return "word is not valid text";
	while (i < (size_t) nlen)
	{
		size_t		s;
		int			fl,
					sp;
		VnUnit		unit;

		while (i < (size_t) nlen && (sp = vn_space_at(norm + i, nlen - i)) > 0)
			i += sp;
		if (i >= (size_t) nlen)
			break;
		s = i;
		while (i < (size_t) nlen && vn_space_at(norm + i, nlen - i) == 0)
		{
			unsigned char c = (unsigned char) norm[i];

			if (c < 0x80 && !((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
				return "word must be syllables of letters or digits separated by spaces";
			i++;
		}
		if (n >= VN_MAX_WORD_SYLLABLES)
			return "word has more than 8 syllables";
		if (i - s > MAX_SYL_BYTES)
			return "syllable is too long";

		/*
		 * Non-ASCII symbols, emoji, quotes and other scripts pass the byte
		 * test above; the scanner decides: a syllable must be exactly one
		 * unit of letters, digits or both.
		 */
		if (vn_scan_unit(norm + s, i - s, 0, &unit) != i - s ||
			(unit.kind != VN_UNIT_LETTERS && unit.kind != VN_TOK_NUMBER &&
			 unit.kind != VN_TOK_CODE))
			return "word must be syllables of letters or digits separated by spaces";
		fl = vn_fold(norm + s, i - s, fold);
		key = vn_wordkey_step(key, vn_hash_bytes(norm + s, i - s));
		fkey = vn_wordkey_step(fkey, vn_hash_bytes(fold, fl));
		ke[n] = key;
		kf[n] = fkey;
		n++;
	}
	if (n == 0)
		return "word is empty";
	for (int k = 0; k < n; k++)
	{
		if (!userlex_set(u, ke[k], k == n - 1 ? UL_WORD : UL_PREFIX) ||
			!userlex_set(u, kf[k], k == n - 1 ? UL_F_WORD : UL_F_PREFIX))
			return "out of memory";
	}
	return NULL;
}

/* ---- the tokenizer ---- */

size_t
vn_tokenizer_size(void)
{
	return sizeof(VnTokenizer);
}

/*
 * Restart on a new text.  Everything that describes the position in the
 * text is set here; the syllable cache is not touched (it only depends on
 * the bytes of a syllable and on the lexicon).
 */
void
vn_tokenizer_reset(VnTokenizer *tz, const char *text, size_t len)
{
	tz->text = text;
	tz->len = len;
	tz->pos = 0;
	tz->prevctx = CTX_BOS;
	tz->prevbyte = 0;
	tz->line_marked = false;
	tz->qhead = 0;
	tz->qn = 0;
	tz->run.n = 0;
}

void
vn_tokenizer_init(VnTokenizer *tz, const VnLexicon *lex,
				  const VnUserLex *ulex, const char *text, size_t len)
{
	tz->lex = lex;
	tz->ulex = ulex;
	tz->hook = NULL;
	tz->hookarg = NULL;
	memset(tz->sc_valid, 0, sizeof(tz->sc_valid));
	vn_tokenizer_reset(tz, text, len);
}

void
vn_tokenizer_set_hook(VnTokenizer *tz, VnSegHook hook, void *arg)
{
	tz->hook = hook;
	tz->hookarg = arg;
}

static void
push(VnTokenizer *tz, size_t start, size_t len, int type, int nsyl)
{
	VnToken    *t = &tz->queue[(tz->qhead + tz->qn) % QUEUE_SIZE];

	t->start = start;
	t->len = len;
	t->type = type;
	t->nsyl = nsyl;
	tz->qn++;
}

/* Everything about a syllable that depends only on its bytes. */
static void
syllable_info(const VnTokenizer *tz, const char *p, size_t len, int uflags,
			  SylInfo *x)
{
	char		norm[VN_NORM_BOUND(MAX_SYL_BYTES)];
	char		fold[VN_NORM_BOUND(MAX_SYL_BYTES)];
	int			nlen,
				flen;
	bool		ascii = true;
	const VnLexicon *lex = tz->lex;

	x->flags = 0;
	if (uflags & VN_UF_CAP)
		x->flags |= SF_CAP;
	if (uflags & VN_UF_ALLCAP)
		x->flags |= SF_ALLCAP;
	if (uflags & VN_UF_MARKED)
		x->flags |= SF_MARKED;
	x->be = x->bf = 0;

	if (len > MAX_SYL_BYTES)
	{
		/* far too long for a syllable: foreign, hashed as is */
		x->h = x->fh = vn_hash_bytes(p, len);
		x->shape = 3 | (x->flags & SF_ALLCAP ? 4 : 0);
	}
	else
	{
		for (size_t i = 0; i < len; i++)
			if ((unsigned char) p[i] >= 0x80 || (p[i] >= 'A' && p[i] <= 'Z'))
			{
				ascii = false;
				break;
			}
		if (ascii)
		{
			/* plain lowercase ASCII is already normalized and folded */
			nlen = flen = (int) len;
			memcpy(norm, p, len);
			memcpy(fold, p, len);
		}
		else
		{
			nlen = vn_normalize(p, len, norm);
			if (nlen <= 0)
			{
				memcpy(norm, p, len);
				nlen = (int) len;
			}
			flen = vn_fold(norm, nlen, fold);
			if (flen != nlen || memcmp(norm, fold, nlen) != 0)
				x->flags |= SF_MARKED;
		}
		x->h = vn_hash_bytes(norm, nlen);
		x->fh = (x->flags & SF_MARKED) ? vn_hash_bytes(fold, flen) : x->h;
		if (is_viet_syllable(fold, flen))
			x->flags |= SF_VIET;
		/* shape: 0 lower, 1 capitalised, 2 all caps; +3 not Vietnamese */
		x->shape = (x->flags & SF_ALLCAP) ? 2 : (x->flags & SF_CAP) ? 1 : 0;
		if (!(x->flags & SF_VIET))
			x->shape += 3;
	}
	x->k1 = vn_wordkey_step(VN_WORDKEY_SEED, x->h);
	x->fk1 = vn_wordkey_step(VN_WORDKEY_SEED, x->fh);
	if (lex && len <= MAX_SYL_BYTES)
	{
		x->be = vn_lexicon_lookup(lex, x->k1);
		x->bf = (x->fk1 == x->k1) ? x->be : vn_lexicon_lookup(lex, x->fk1);
		if (x->be & (VN_LEX_V74K | VN_LEX_LEARNED | VN_LEX_F_V74K | VN_LEX_F_LEARNED))
			x->flags |= SF_KNOWN;
	}
	if (lex && vn_lexicon_has_model(lex))
	{
		uint64_t	keys[20];

		for (int m = 0; m < 2; m++)
			for (int o = 0; o < 4; o++)
				keys[m * 4 + o] = unigram_key(m, o, x->h);
		for (int m = 0; m < 2; m++)
			for (int e = 0; e < 2; e++)
				for (int L = 1; L <= 3; L++)
					keys[8 + m * 6 + e * 3 + L - 1] = edge_key(m, e, x->h, L);
		vn_lexicon_weights(lex, keys, 8, &x->uw[0][0]);
		vn_lexicon_weights(lex, keys + 8, 12, &x->ew[0][0][0]);
	}
	else
	{
		memset(x->uw, 0, sizeof(x->uw));
		memset(x->ew, 0, sizeof(x->ew));
	}
}

/* Fill in one syllable from a letter unit, through the cache. */
static void
make_syllable(VnTokenizer *tz, const VnUnit *u, SegSyl *s)
{
	const char *p = tz->text + u->start;
	int			uf = u->flags & (VN_UF_CAP | VN_UF_ALLCAP | VN_UF_MARKED);
	uint64_t	hv;
	uint32_t	slot;
	SylCache   *c;

	s->start = u->start;
	s->len = u->len;
	if (u->len > SC_RAW)
	{
		syllable_info(tz, p, u->len, uf, &s->x);
		return;
	}
	hv = (uint64_t) u->len * 0x100 + uf;
	for (size_t i = 0; i < u->len; i++)
		hv = (hv ^ (unsigned char) p[i]) * UINT64_C(0x100000001b3);
	slot = (uint32_t) ((hv * UINT64_C(0x9e3779b97f4a7c15)) >> (64 - SC_BITS));
	c = &tz->sc[slot];
	if ((tz->sc_valid[slot / 64] >> (slot % 64) & 1) &&
		c->len == u->len && c->uflags == uf && memcmp(c->raw, p, u->len) == 0)
	{
		s->x = c->x;
		return;
	}
	syllable_info(tz, p, u->len, uf, &s->x);
	c->x = s->x;
	c->len = (uint8_t) u->len;
	c->uflags = (uint8_t) uf;
	memcpy(c->raw, p, u->len);
	tz->sc_valid[slot / 64] |= UINT64_C(1) << (slot % 64);
}

/*
 * Lexicon spans: for each start j walk the exact and the folded key as long
 * as the lexicon says the prefix continues.  Arrays 0/1 are exact (any
 * source / learned), 2/3 folded.
 */
static void
compute_spans(VnSegRun *r)
{
	int			n = r->n;
	uint64_t	pkeys[2 * VN_SEG_WINDOW];
	uint32_t	pbits[2 * VN_SEG_WINDOW];

	memset(r->cross, 0, sizeof(r->cross[0][0]) * 4 * VN_SEG_WINDOW);
	memset(r->endat, 0, sizeof(r->endat[0][0]) * 4 * VN_SEG_WINDOW);
	memset(r->startat, 0, sizeof(r->startat[0][0]) * 4 * VN_SEG_WINDOW);
	memset(r->pair, 0, sizeof(r->pair[0]) * n);
	memset(r->span, 0, sizeof(r->span[0]) * n);
	if (r->lex == NULL)
		return;

	/* every two-syllable key at once: these lookups overlap */
	for (int j = 0; j + 1 < n; j++)
	{
		pkeys[2 * j] = vn_wordkey_step(r->syl[j].x.k1, r->syl[j + 1].x.h);
		pkeys[2 * j + 1] = vn_wordkey_step(r->syl[j].x.fk1, r->syl[j + 1].x.fh);
	}
	if (n > 1)
		vn_lexicon_lookups(r->lex, pkeys, 2 * (n - 1), pbits);

	for (int j = 0; j < n; j++)
	{
		uint64_t	ke = VN_WORDKEY_SEED,
					kf = VN_WORDKEY_SEED;
		bool		alive_e = true,
					alive_f = true;

		if (!(r->syl[j].x.flags & SF_VIET))
			continue;
		for (int k = j; k < n && k < j + VN_MAX_WORD_SYLLABLES; k++)
		{
			uint32_t	be = 0,
						bf = 0,
						v;
			int			L = k - j + 1;
			bool		w[4];

			if (!(r->syl[k].x.flags & SF_VIET))
				break;
			if (L == 1)
			{
				/* looked up with the syllable (make_syllable) */
				ke = r->syl[k].x.k1;
				kf = r->syl[k].x.fk1;
				be = r->syl[k].x.be;
				bf = r->syl[k].x.bf;
			}
			else if (L == 2)
			{
				ke = pkeys[2 * j];
				kf = pkeys[2 * j + 1];
				if (alive_e)
					be = pbits[2 * j];
				if (alive_f)
					bf = (kf == ke && alive_e) ? be : pbits[2 * j + 1];
			}
			else
			{
				ke = vn_wordkey_step(ke, r->syl[k].x.h);
				kf = vn_wordkey_step(kf, r->syl[k].x.fh);
				if (alive_e)
					be = vn_lexicon_lookup(r->lex, ke);
				if (alive_f)
					bf = (kf == ke && alive_e) ? be : vn_lexicon_lookup(r->lex, kf);
			}
			alive_e = (be & VN_LEX_PREFIX) != 0;
			alive_f = (bf & VN_LEX_F_PREFIX) != 0;
			if (L <= VN_SEG_MAXSPAN)
				r->span[j][L - 1] = (be & ~(uint32_t) VN_LEX_F_ALL) |
					(bf & (uint32_t) VN_LEX_F_ALL);
			if (L == 2)
			{
				v = (be & (VN_LEX_V74K | VN_LEX_LEARNED | (15u << VN_LEX_CNT_SHIFT) |
						   (0xFFu << VN_LEX_JOIN_SHIFT))) |
					(bf & (VN_LEX_F_V74K | VN_LEX_F_LEARNED | (15u << VN_LEX_F_CNT_SHIFT)));
				r->pair[k] = v;

			}
			if (L >= 2)
			{
				w[0] = (be & (VN_LEX_V74K | VN_LEX_LEARNED)) != 0;
				w[1] = (be & VN_LEX_LEARNED) != 0;
				w[2] = (bf & (VN_LEX_F_V74K | VN_LEX_F_LEARNED)) != 0;
				w[3] = (bf & VN_LEX_F_LEARNED) != 0;
				for (int t = 0; t < 4; t++)
				{
					if (!w[t])
						continue;
					if (r->startat[t][j] < L)
						r->startat[t][j] = L;
					if (r->endat[t][k] < L)
						r->endat[t][k] = L;
					for (int g = j + 1; g <= k; g++)
						if (r->cross[t][g] < L)
							r->cross[t][g] = L;
				}
			}
			if (!alive_e && !alive_f)
				break;
		}
	}
}

/* User words: longest match from the left wins and is forced whole. */
static void
apply_userlex(VnTokenizer *tz, VnSegRun *r)
{
	int			n = r->n;
	int			j = 0;
	bool		fold = !r->mode;

	while (j < n)
	{
		uint64_t	key = VN_WORDKEY_SEED;
		int			best = 0;

		for (int k = j; k < n && k < j + VN_MAX_WORD_SYLLABLES; k++)
		{
			uint8_t		b;

			key = vn_wordkey_step(key, fold ? r->syl[k].x.fh : r->syl[k].x.h);
			b = userlex_get(tz->ulex, key);
			if (b & (fold ? UL_F_WORD : UL_WORD))
				best = k - j + 1;
			if (!(b & (fold ? UL_F_PREFIX : UL_PREFIX)))
				break;
		}
		if (best >= 2)
		{
			r->forced[j] = 1;
			for (int k = j + 1; k < j + best; k++)
				r->forced[k] = 0;
			if (j + best < n)
				r->forced[j + best] = 1;
			j += best;
		}
		else
			j++;
	}
}

static int
token_type(const VnSegRun *r, int first, int nsyl)
{
	const SegSyl *s = &r->syl[first];
	bool		allcap = true,
				allallcap = true;

	if (nsyl == 1)
	{
		if (!(s->x.flags & SF_VIET))
			return (s->x.flags & SF_ALLCAP) ? VN_TOK_ACRONYM : VN_TOK_FOREIGN;
		if ((s->x.flags & SF_CAP) && !(s->x.flags & SF_ALLCAP) &&
			!(first == 0 && r->sentinit))
			return VN_TOK_NAME;
		return VN_TOK_SYLLABLE;
	}
	for (int k = 0; k < nsyl; k++)
	{
		if (!(s[k].x.flags & SF_CAP))
			allcap = false;
		if (!(s[k].x.flags & SF_ALLCAP))
			allallcap = false;
	}
	return (allcap && !allallcap) ? VN_TOK_NAME : VN_TOK_WORD;
}

static int
right_ctx(const VnUnit *u)
{
	if (u->kind == VN_TOK_SPACE)
		return (u->flags & VN_UF_NEWLINE) ? CTX_BOS : CTX_OTHER;
	if (u->kind == VN_TOK_PUNCT)
		return (u->flags & VN_UF_SENTEND) ? CTX_BOS : CTX_PUNCT;
	return CTX_OTHER;
}

/* Collect, segment and queue one window of letter units starting at u. */
static void
segment_run(VnTokenizer *tz, const VnUnit *first)
{
	VnSegRun   *r = &tz->run;
	VnUnit		u = *first,
				v,
				w;
	size_t		p;
	int			rcls = CTX_BOS,
				rbyte = 0;
	bool		marked = tz->line_marked;
	uint8_t    *tags = tz->tags;

	r->n = 0;
	r->lex = tz->lex;
	r->sentinit = (tz->prevctx == CTX_BOS);
	r->lctx = ctx_hash(tz->prevctx, tz->prevbyte);
	for (;;)
	{
		make_syllable(tz, &u, &r->syl[r->n]);
		if (r->syl[r->n].x.flags & SF_MARKED)
			marked = true;
		r->n++;
		p = u.start + u.len;
		if (r->n == VN_SEG_WINDOW)
		{
			rcls = CTX_CONT;
			break;
		}
		if (p >= tz->len)
			break;
		vn_scan_unit(tz->text, tz->len, p, &v);
		if (v.kind == VN_TOK_SPACE && !(v.flags & VN_UF_NEWLINE) &&
			v.start + v.len < tz->len)
		{
			vn_scan_unit(tz->text, tz->len, v.start + v.len, &w);
			if (w.kind == VN_UNIT_LETTERS)
			{
				u = w;
				continue;
			}
			rcls = right_ctx(&w);
			rbyte = (w.kind == VN_TOK_PUNCT) ? (unsigned char) tz->text[w.start] : w.kind;
		}
		else if (v.kind != VN_TOK_SPACE || (v.flags & VN_UF_NEWLINE))
		{
			rcls = right_ctx(&v);
			rbyte = (v.kind == VN_TOK_PUNCT) ? (unsigned char) tz->text[v.start] : v.kind;
		}
		break;
	}
	r->rctx = ctx_hash(rcls + CTX_RIGHT, rcls == CTX_BOS ? 0 : rbyte);
	r->mode = marked ? 1 : 0;
	tz->line_marked = marked;
	tz->pos = p;
	tz->prevctx = CTX_CONT;
	tz->prevbyte = 0;

	/*
	 * Forced boundaries: only letter runs far too long for any name stand
	 * alone.  Other non-Vietnamese syllables are left to the model: the
	 * gold data joins names like "Jơ Rai", "Krông Pa" or "Stephen Mills"
	 * (about a third of capitalised pairs with such a syllable) and almost
	 * never a foreign syllable with a lowercase Vietnamese one, which the
	 * shape features tell apart.
	 */
	for (int i = 0; i < r->n; i++)
		r->forced[i] = -1;
	r->forced[0] = 1;
	for (int i = 0; i < r->n; i++)
	{
		if (r->syl[i].len > MAX_SYL_BYTES)
		{
			r->forced[i] = 1;
			if (i + 1 < r->n)
				r->forced[i + 1] = 1;
		}
	}
	if (tz->ulex)
		apply_userlex(tz, r);

	if (tz->hook || (tz->lex && vn_lexicon_has_model(tz->lex)))
	{
		compute_spans(r);
		if (tz->hook)
			tz->hook(tz->hookarg, r, tags);
		else
			model_decode(r, tags);
	}
	else
	{
		/* no model: every syllable a word, except user words */
		for (int i = 0; i < r->n; i++)
			tags[i] = r->forced[i] == 0 ? 0 : 1;
	}

	/* queue words and the spaces between them */
	for (int i = 0; i < r->n;)
	{
		int			k = i + 1;
		size_t		start = r->syl[i].start,
					end;

		while (k < r->n && !tags[k])
			k++;
		end = r->syl[k - 1].start + r->syl[k - 1].len;
		push(tz, start, end - start, token_type(r, i, k - i), k - i);
		if (k < r->n)
		{
			size_t		sp = end;

			push(tz, sp, r->syl[k].start - sp, VN_TOK_SPACE, 0);
		}
		i = k;
	}
}

bool
vn_tokenizer_next(VnTokenizer *tz, VnToken *tok)
{
	if (tz->qn == 0)
	{
		VnUnit		u;

		if (tz->pos >= tz->len)
			return false;
		vn_scan_unit(tz->text, tz->len, tz->pos, &u);
		if (u.kind == VN_UNIT_LETTERS)
			segment_run(tz, &u);
		else
		{
			push(tz, u.start, u.len, u.kind, 0);
			tz->pos = u.start + u.len;
			if (u.kind == VN_TOK_SPACE)
			{
				if (u.flags & VN_UF_NEWLINE)
				{
					tz->prevctx = CTX_BOS;
					tz->prevbyte = 0;
					tz->line_marked = false;
				}
			}
			else if (u.kind == VN_TOK_PUNCT)
			{
				tz->prevctx = (u.flags & VN_UF_SENTEND) ? CTX_BOS : CTX_PUNCT;
				tz->prevbyte = (u.flags & VN_UF_SENTEND) ? 0 :
					(unsigned char) tz->text[u.start];
			}
			else
			{
				tz->prevctx = CTX_OTHER;
				tz->prevbyte = u.kind;
			}
		}
	}
	*tok = tz->queue[tz->qhead];
	tz->qhead = (tz->qhead + 1) % QUEUE_SIZE;
	tz->qn--;
	return true;
}
