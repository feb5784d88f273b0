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
 * boundary (normalized forms, unigrams and bigrams), their capitalisation,
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
	uint8_t		wmodes;			/* bit m: uw[m] and ew[m] are filled in */
} SylInfo;

typedef struct SegSyl
{
	size_t		start;
	size_t		len;
	uint8_t		uflags;			/* the unit's case and mark flags */
	SylInfo		x;
} SegSyl;

/*
 * Per-tokenizer cache of SylInfo by the syllable's raw bytes.  News text
 * repeats a few thousand syllables, so most syllables skip normalization,
 * hashing and the lexicon lookups that only depend on the syllable.  It is
 * two-way set associative (a miss replaces the way of its set used less
 * recently: 42% fewer misses than direct-mapped in the same memory) and
 * compares the bytes, so a hit is exact; the valid bits are cleared by
 * vn_tokenizer_init and kept by vn_tokenizer_reset, so the hits carry
 * over from one document to the next.  An entry depends on the
 * lexicon (bits, weights) but not on the user words, which are matched on
 * the hashes afterwards.
 *
 * The lexicon's syllable records (vn_lexicon_syllables) hold the same
 * entries for the spellings of its syllables, 97% of the syllables of news
 * text; the cache keeps the rest (foreign names, acronyms): over 40 MB of
 * news 0.7% of the syllables are computed, 6.7% without the records.  A
 * smaller cache would do for Vietnamese, but text with many foreign words,
 * which have no records, ran 11% slower with 1,024 entries than before the
 * records, and about 5% with 4,096.
 */
#define SC_BITS			12
#define SC_SIZE			(1 << SC_BITS)	/* entries */
#define SC_RAW			22		/* longer syllables are not cached */

typedef struct SylCache
{
	SylInfo		x;
	uint8_t		len;
	uint8_t		uflags;			/* the unit's case and mark flags */
	char		raw[SC_RAW];
} SylCache;

/*
 * Per-tokenizer memo of the weights of features with few distinct values
 * that still need a hashed key (pair bits, context pseudo-syllables): it
 * stays in the L1 cache, where the weight table does not.  Direct-mapped
 * by the key, emptied by vn_tokenizer_init (key 0 never hits).
 */
#define MEMO_BITS		8
#define MEMO_SIZE		(1 << MEMO_BITS)

typedef struct WeightMemo
{
	uint64_t	key;
	float		w;
} WeightMemo;

struct VnSegRun
{
	int			n;
	int			mode;			/* 1 if the window has diacritics */
	bool		sentinit;		/* run starts a sentence */
	bool		names;			/* a name word (any case) among the spans */
	bool		whole;			/* the run is a whole sentence, line or text */
	uint64_t	lctx;			/* pseudo-syllable hashes of the context */
	uint64_t	rctx;
	SegSyl		syl[VN_SEG_WINDOW];
	int8_t		forced[VN_SEG_WINDOW];
	/* lexicon spans, per syllable [i][t] (see compute_spans) */
	uint8_t		cross[VN_SEG_WINDOW][4];	/* at gap before syllable i */
	uint8_t		endat[VN_SEG_WINDOW][4];	/* longest word ending at i */
	uint8_t		startat[VN_SEG_WINDOW][4];	/* longest word starting at i */
	uint32_t	pair[VN_SEG_WINDOW];	/* lexicon bits of (i-1, i) */
	uint32_t	span[VN_SEG_WINDOW][VN_SEG_MAXSPAN];	/* bits of i .. i+L-1 */
	const VnLexicon *lex;
	WeightMemo	memo[MEMO_SIZE];
};

/*
 * Tokens of one window (its words and the spaces between them) or one
 * other unit.  The queue is only refilled once empty, from its start, so
 * it never wraps.
 */
#define QUEUE_SIZE		(2 * VN_SEG_WINDOW + 4)

/*
 * The lexicon's record of a syllable (NULL: none) by raw_hash(), for the
 * syllables seen last: a few thousand syllables make most of any text, and
 * this is one load where the lexicon's filter and table are two cache
 * misses and many instructions.  Direct-mapped, 16 kB (2,048 and 4,096
 * entries ran no faster on news); zeroed, an entry says that hash 0 (a
 * unit too long to cache) has no record, which is true.
 */
#define RM_BITS			10
#define RM_SIZE			(1 << RM_BITS)

typedef struct RecMemo
{
	uint64_t	hash;
	const void *rec;
} RecMemo;

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
	/* units segment_run() scanned past its window, next to be read */
	int			nahead;
	VnUnit		ahead[2];
	VnSegHook	hook;
	void	   *hookarg;
	bool		plain_rule;		/* see vn_tokenizer_set_plain_rule() */
	int			qhead;
	int			qn;
	VnToken		queue[QUEUE_SIZE];
	uint8_t		tags[VN_SEG_WINDOW];
	VnSegRun	run;
	RecMemo		rmemo[RM_SIZE];
	uint64_t	sc_valid[SC_SIZE / 64];
	uint64_t	sc_mru[SC_SIZE / 128];	/* per set: the way used last */
	SylCache	sc[SC_SIZE];
};

/* ---- Vietnamese syllable shape ---- */

/* up to three letters packed into an integer, the first one lowest (none: 0) */
#define PK1(a)		((uint32_t) (a))
#define PK2(a, b)	(PK1(a) | (uint32_t) (b) << 8)
#define PK3(a, b, c)	(PK2(a, b) | (uint32_t) (c) << 16)

static inline uint32_t
pack(const char *s, int n)
{
	uint32_t	v = 0;

	for (int i = n - 1; i >= 0; i--)
		v = v << 8 | (unsigned char) s[i];
	return v;
}

/* Is s[0..n) an initial consonant ("" included)? */
static bool
is_onset(const char *s, int n)
{
	switch (pack(s, n))
	{
		case 0:
		case PK1('b'):
		case PK1('c'):
		case PK1('d'):
		case PK1('g'):
		case PK1('h'):
		case PK1('k'):
		case PK1('l'):
		case PK1('m'):
		case PK1('n'):
		case PK1('p'):
		case PK1('r'):
		case PK1('s'):
		case PK1('t'):
		case PK1('v'):
		case PK1('x'):
		case PK2('n', 'g'):
		case PK2('n', 'h'):
		case PK2('c', 'h'):
		case PK2('g', 'h'):
		case PK2('g', 'i'):
		case PK2('k', 'h'):
		case PK2('p', 'h'):
		case PK2('q', 'u'):
		case PK2('t', 'h'):
		case PK2('t', 'r'):
		case PK3('n', 'g', 'h'):
			return true;
		default:
			return false;
	}
}

/* Is s[0..n) (1 to 3 letters) a vowel nucleus, glides included? */
static bool
is_nucleus(const char *s, int n)
{
	switch (pack(s, n))
	{
		case PK1('a'):
		case PK1('e'):
		case PK1('i'):
		case PK1('o'):
		case PK1('u'):
		case PK1('y'):
		case PK2('a', 'i'):
		case PK2('a', 'o'):
		case PK2('a', 'u'):
		case PK2('a', 'y'):
		case PK2('e', 'o'):
		case PK2('e', 'u'):
		case PK2('i', 'a'):
		case PK2('i', 'e'):
		case PK2('i', 'u'):
		case PK2('o', 'a'):
		case PK2('o', 'e'):
		case PK2('o', 'i'):
		case PK2('o', 'o'):
		case PK2('u', 'a'):
		case PK2('u', 'e'):
		case PK2('u', 'i'):
		case PK2('u', 'o'):
		case PK2('u', 'u'):
		case PK2('u', 'y'):
		case PK2('y', 'a'):
		case PK2('y', 'e'):
		case PK2('y', 'u'):
		case PK2('e', 'a'):
		case PK3('i', 'e', 'u'):
		case PK3('y', 'e', 'u'):
		case PK3('o', 'a', 'i'):
		case PK3('o', 'a', 'y'):
		case PK3('o', 'e', 'o'):
		case PK3('u', 'a', 'y'):
		case PK3('u', 'o', 'i'):
		case PK3('u', 'o', 'u'):
		case PK3('u', 'y', 'a'):
		case PK3('u', 'y', 'e'):
		case PK3('u', 'y', 'u'):
		case PK3('u', 'a', 'i'):
		case PK3('o', 'a', 'o'):
			return true;
		default:
			return false;
	}
}

/* Is s[0..n) a final consonant or glide ("" included)? */
static bool
is_coda(const char *s, int n)
{
	switch (pack(s, n))
	{
		case 0:
		case PK1('c'):
		case PK1('m'):
		case PK1('n'):
		case PK1('p'):
		case PK1('t'):
		case PK1('i'):
		case PK1('o'):
		case PK1('u'):
		case PK1('y'):
		case PK2('c', 'h'):
		case PK2('n', 'g'):
		case PK2('n', 'h'):
			return true;
		default:
			return false;
	}
}

/* a nucleus of 1 to 3 letters, then a coda of at most 2 */
static bool
match_rhyme(const char *s, int n)
{
	for (int k = 1; k <= 3 && k <= n; k++)
		if (n - k <= 2 && is_nucleus(s, k) && is_coda(s + k, n - k))
			return true;
	return false;
}

/*
 * Is s (folded: lowercase, no diacritics) shaped like a Vietnamese
 * syllable: an onset, then a rhyme?  Any split that works will do ("gia"
 * is g + ia and gi + a).  "gi" alone is one too ("gì").
 */
bool
vn_is_viet_syllable(const char *s, size_t n)
{
	if (n == 0 || n > 7)
		return false;
	for (size_t i = 0; i < n; i++)
	{
		char		c = s[i];

		if (c < 'a' || c > 'z' || c == 'f' || c == 'j' || c == 'w' || c == 'z')
			return false;
	}
	for (int ol = 0; ol <= 3 && ol <= (int) n; ol++)
	{
		if (!is_onset(s, ol))
			continue;
		if (ol == (int) n)
		{
			if (ol == 2 && s[0] == 'g' && s[1] == 'i')
				return true;	/* "gì" */
			continue;
		}
		if (match_rhyme(s + ol, (int) n - ol))
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

/*
 * Feature template ids, part of every key.  Feature set 7 dropped the
 * skip-grams, the trigrams and the syllables paired with lexicon lengths
 * (eight hashed lookups per boundary for 0.06% of held-out words); their
 * ids stay unused so that the others keep their numbers.
 */
enum
{
	T_U0 = 1, T_U1, T_U2, T_U3, T_B01, T_B12, T_B23,
	T_SHAPE4 = 12, T_SHAPE2, T_LEXE, T_LEXL, T_LEXF, T_LEXFL, T_PAIR,
	T_PAIRSH = 21, T_KNOWN, T_BIAS, T_TRANS,
	T_JOIN = 27, T_SEGLEX, T_SEGCAP, T_SEGFIRST, T_SEGLAST
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
 * Dense weight tables.  Many features take their value from a small
 * domain: syllable shapes, capped span lengths, a few lexicon bits.  The
 * compiler stores the weight of every such value in the lexicon
 * (vn_seg_dense_fill), so the run-time decoder indexes an array instead
 * of hashing a key and probing the weight table; the floats are the ones
 * the lookup would return, so the scores are unchanged.
 *
 * Shapes (SH) are 0..5 (lower, capitalised, all caps; +3 not Vietnamese),
 * 7 (overlong all caps) or 15 (outside the window): eight codes.
 */
static const uint8_t shape_code[16] = {0, 1, 2, 3, 4, 5, 0, 6, 0, 0, 0, 0, 0, 0, 0, 7};
static const uint8_t shape_value[8] = {0, 1, 2, 3, 4, 5, 7, 15};

#define D_TRANS		0			/* [mode][prev * 2 + cur] */
#define D_BIAS		(D_TRANS + 2 * 4)	/* [mode] */
#define D_KNOWN		(D_BIAS + 2)	/* [mode][known bits >> 4] */
#define D_SHAPE2	(D_KNOWN + 2 * 4)	/* [mode][init][code a][code b] */
#define D_SHAPE4	(D_SHAPE2 + 2 * 2 * 64) /* [mode][init][a-1][a][b][b+1] */
#define D_LEX		(D_SHAPE4 + 2 * 2 * 4096)	/* [template][mode][216] */
#define D_JOIN		(D_LEX + 4 * 2 * 216)	/* [mode][pair bits >> 16] */
#define D_SEGCAP	(D_JOIN + 2 * 256)	/* [mode][L-1][cap | init << 4] */
#define D_SEGLEX	(D_SEGCAP + 2 * 4 * 32) /* [mode][L-1][12 lexicon bits] */
#define D_COUNT		(D_SEGLEX + 2 * 4 * 4096)

/* the span bits SEGLEX looks at, packed into 12 bits and back */
#define SEGLEX_MASK	(VN_LEX_V74K | VN_LEX_LEARNED | (15u << VN_LEX_CNT_SHIFT) | \
					 VN_LEX_F_V74K | VN_LEX_F_LEARNED | (15u << VN_LEX_F_CNT_SHIFT))

static inline int
seglex_pack(uint32_t b)
{
	return (b & 3) | ((b >> 4) & 3) << 2 | ((b >> 8) & 0xFF) << 4;
}

static inline uint32_t
seglex_unpack(int p)
{
	return (p & 3) | ((p >> 2) & 3) << 4 | ((uint32_t) (p >> 4) & 0xFF) << 8;
}

/* index of three capped lexicon lengths (0..5 each) */
static inline int
lex3(int c, int e, int s)
{
	return c + 6 * e + 36 * s;
}

size_t
vn_seg_dense_count(void)
{
	return D_COUNT;
}

void
vn_seg_dense_fill(float *out, float (*weight) (void *arg, uint64_t key),
				  void *arg)
{
	static const int lex_tid[4] = {T_LEXE, T_LEXL, T_LEXF, T_LEXFL};

	for (int m = 0; m < 2; m++)
	{
		for (int t = 0; t < 4; t++)
			out[D_TRANS + m * 4 + t] = weight(arg, fk(T_TRANS, m, t, 0, 0));
		out[D_BIAS + m] = weight(arg, fk(T_BIAS, m, 0, 0, 0));
		for (int k = 0; k < 4; k++)
			out[D_KNOWN + m * 4 + k] = weight(arg, fk(T_KNOWN, m, k << 4, 0, 0));
		for (int init = 0; init < 2; init++)
		{
			for (int a = 0; a < 8; a++)
				for (int b = 0; b < 8; b++)
					out[D_SHAPE2 + (m * 2 + init) * 64 + a * 8 + b] =
						weight(arg, fk(T_SHAPE2, m, shape_value[a] |
									   shape_value[b] << 4 | init << 8, 0, 0));
			for (int q = 0; q < 4096; q++)
				out[D_SHAPE4 + (m * 2 + init) * 4096 + q] =
					weight(arg, fk(T_SHAPE4, m,
								   shape_value[q >> 9] |
								   shape_value[(q >> 6) & 7] << 4 |
								   shape_value[(q >> 3) & 7] << 8 |
								   shape_value[q & 7] << 12 | init << 16, 0, 0));
		}
		for (int t = 0; t < 4; t++)
			for (int c = 0; c < 6; c++)
				for (int e = 0; e < 6; e++)
					for (int st = 0; st < 6; st++)
						out[D_LEX + (t * 2 + m) * 216 + lex3(c, e, st)] =
							weight(arg, fk(lex_tid[t], m, c | e << 4 | st << 8, 0, 0));
		for (int j = 0; j < 256; j++)
			out[D_JOIN + m * 256 + j] = weight(arg, fk(T_JOIN, m, j, 0, 0));
		for (int L = 1; L <= 4; L++)
		{
			for (int c = 0; c < 32; c++)
				out[D_SEGCAP + (m * 4 + L - 1) * 32 + c] =
					weight(arg, fk(T_SEGCAP, m, c, L, 0));
			for (int p = 0; p < 4096; p++)
				out[D_SEGLEX + (m * 4 + L - 1) * 4096 + p] =
					weight(arg, fk(T_SEGLEX, m, seglex_unpack(p), L, 0));
		}
	}
}

/* number of hashed context keys per boundary (context_hashed_keys) */
#define NHASHED			3

/*
 * The context features of "syllable i begins a word" that need a hashed
 * key and many values: the three syllable bigrams, the first keys of
 * context_features().  The run-time decoder looks only these up in the
 * weight table; PAIR and PAIRSH go through the memo, the others come from
 * the dense tables (context_score).
 */
static inline void
context_hashed_keys(const VnSegRun *r, int i, uint64_t *keys)
{
	int			m = r->mode;
	uint64_t	sa = S(r, i - 1),
				sb = S(r, i);

	keys[0] = fk(T_B01, m, S(r, i - 2), sa, 0);
	keys[1] = fk(T_B12, m, sa, sb, 0);
	keys[2] = fk(T_B23, m, sb, S(r, i + 1), 0);
}

/*
 * Keys of every feature for "syllable i begins a word" except the four
 * unigrams (syllables i-2 .. i+1), which the decoder takes from SylInfo.uw.
 */
static int
context_features(const VnSegRun *r, int i, uint64_t *keys)
{
	int			n = NHASHED;
	int			m = r->mode;
	int			a = i - 1,
				b = i;
	int			init = (a == 0 && r->sentinit);
	uint32_t	pb = r->pair[i];

	context_hashed_keys(r, i, keys);
	keys[n++] = fk(T_SHAPE4, m,
				   SH(r, a - 1) | SH(r, a) << 4 | SH(r, b) << 8 |
				   SH(r, b + 1) << 12 | init << 16, 0, 0);
	keys[n++] = fk(T_SHAPE2, m, SH(r, a) | SH(r, b) << 4 | init << 8, 0, 0);
	keys[n++] = fk(T_LEXE, m, cap5(r->cross[i][0]) | cap5(r->endat[a][0]) << 4 |
				   cap5(r->startat[b][0]) << 8, 0, 0);
	keys[n++] = fk(T_LEXL, m, cap5(r->cross[i][1]) | cap5(r->endat[a][1]) << 4 |
				   cap5(r->startat[b][1]) << 8, 0, 0);
	keys[n++] = fk(T_LEXF, m, cap5(r->cross[i][2]) | cap5(r->endat[a][2]) << 4 |
				   cap5(r->startat[b][2]) << 8, 0, 0);
	keys[n++] = fk(T_LEXFL, m, cap5(r->cross[i][3]) | cap5(r->endat[a][3]) << 4 |
				   cap5(r->startat[b][3]) << 8, 0, 0);
	keys[n++] = fk(T_PAIR, m, pb, 0, 0);
	keys[n++] = fk(T_PAIRSH, m, pb, SH(r, a) | SH(r, b) << 4 | init << 8, 0);
	keys[n++] = fk(T_KNOWN, m, (r->syl[a].x.flags & SF_KNOWN) |
				   (r->syl[b].x.flags & SF_KNOWN) << 1, 0, 0);
	keys[n++] = fk(T_BIAS, m, 0, 0, 0);
	keys[n++] = fk(T_JOIN, m, pb >> VN_LEX_JOIN_SHIFT, 0, 0);
	return n;
}

/*
 * What one syllable adds to a span's capitalisation in SEGCAP: 1 if
 * capitalised, else 2; 4 if not Vietnamese; 8 if in capitals.  Indexed by
 * the four lowest flags.
 */
#define SPAN_CAP(f)		(((f) & SF_CAP ? 1 : 2) | ((f) & SF_VIET ? 0 : 4) | \
						 ((f) & SF_ALLCAP ? 8 : 0))
static const uint8_t span_cap_bits[16] = {
	SPAN_CAP(0), SPAN_CAP(1), SPAN_CAP(2), SPAN_CAP(3),
	SPAN_CAP(4), SPAN_CAP(5), SPAN_CAP(6), SPAN_CAP(7),
	SPAN_CAP(8), SPAN_CAP(9), SPAN_CAP(10), SPAN_CAP(11),
	SPAN_CAP(12), SPAN_CAP(13), SPAN_CAP(14), SPAN_CAP(15)
};

/*
 * Keys of the features of a word candidate: syllables j .. j+L-1 form one
 * word (1 <= L <= VN_SEG_MAXSPAN).  What the lexicon says about the whole
 * span, its capitalisation, and its first and last syllable by length.
 */
static inline void
span_lex_cap_keys(const VnSegRun *r, int j, int L, uint64_t *keys)
{
	int			m = r->mode;
	uint32_t	b = r->span[j][L - 1];
	int			cap = 0;
	bool		init = (j == 0 && r->sentinit);

	for (int k = j; k < j + L; k++)
		cap |= span_cap_bits[r->syl[k].x.flags & 15];
	b &= SEGLEX_MASK;
	keys[0] = fk(T_SEGLEX, m, b, L, 0);
	keys[1] = fk(T_SEGCAP, m, cap | init << 4, L, 0);
}

int
vn_segrun_span_features(const VnSegRun *r, int j, int L, uint64_t *keys)
{
	span_lex_cap_keys(r, j, L, keys);
	keys[2] = edge_key(r->mode, 0, S(r, j), L);
	keys[3] = edge_key(r->mode, 1, S(r, j + L - 1), L);
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
 * Score of syllables j .. j+L-1 as one word (L <= VN_SEG_MAXSPAN) from the
 * dense tables and the syllables' edge weights; cap is span_cap_bits of
 * those syllables.  The same sum, in the same order, as the span features
 * of vn_segrun_span_features() looked up one by one.
 */
static inline float
span_score(const VnSegRun *r, const float *dense, int j, int L, int cap)
{
	int			m = r->mode;
	int			lb = (L > 3 ? 3 : L) - 1;
	int			init = (j == 0) & r->sentinit;

	return dense[D_SEGLEX + (m * 4 + L - 1) * 4096 +
				 seglex_pack(r->span[j][L - 1] & SEGLEX_MASK)] +
		dense[D_SEGCAP + (m * 4 + L - 1) * 32 + (cap | init << 4)] +
		r->syl[j].x.ew[m][0][lb] +
		r->syl[j + L - 1].x.ew[m][1][lb];
}

/*
 * The span score semi_viterbi() adds for syllables j .. j+L-1 as one word:
 * span_score() with dense tables, else sw; none beyond VN_SEG_MAXSPAN.
 */
static inline float
span_term(const VnSegRun *r, const float *dense, float sw[][VN_SEG_MAXSPAN],
		  int j, int L, int cap)
{
	if (L > VN_SEG_MAXSPAN)
		return 0.0f;
	return dense ? span_score(r, dense, j, L, cap) : sw[j][L - 1];
}

/* c ? a : b on the bits, which GCC compiles without a branch */
static inline float
float_select(bool c, float a, float b)
{
	uint32_t	x,
				y,
				mask = -(uint32_t) c;

	memcpy(&x, &a, sizeof(x));
	memcpy(&y, &b, sizeof(y));
	x = (x & mask) | (y & ~mask);
	memcpy(&a, &x, sizeof(a));
	return a;
}

/*
 * Semi-Markov Viterbi: B/I scores (e[i]: syllable i begins a word, i >= 1;
 * tr[prev][cur]: tag transitions) plus sw[j][L-1], the score of syllables
 * j .. j+L-1 being one word (L <= VN_SEG_MAXSPAN; longer words get no span
 * score).  best[k][t]: best score of syllables 0 .. k-1 cut so that a word
 * ends at k-1, t = 1 if that word has one syllable (its last tag is
 * "begins"), else 0.  Honours forced tags and VN_MAX_WORD_SYLLABLES.
 *
 * With dense tables (the run-time decoder), the span scores are computed
 * here as they are read, span_score(), instead of taken from sw: each is
 * read once, and this loop already walks the spans that may be words.
 * Always inlined, so that each caller gets its own copy without the test.
 */
static inline __attribute__((always_inline)) void
semi_viterbi(const VnSegRun *r, const float *e, float tr[2][2],
			 float sw[][VN_SEG_MAXSPAN], const float *dense, uint8_t *tags)
{
	float		best[VN_SEG_WINDOW + 1][2];
	uint8_t		bl[VN_SEG_WINDOW + 1][2];	/* length of the last word */
	uint8_t		bt[VN_SEG_WINDOW + 1][2];	/* t before it */
	float		pre[VN_SEG_WINDOW];	/* best score up to a word starting at j */
	uint8_t		ppt[VN_SEG_WINDOW];	/* and the t it comes from */
	float		inl[VN_MAX_WORD_SYLLABLES + 1];	/* transitions inside a word */
	int			n = r->n;
	int			k,
				t;

	/*
	 * The score of a word j .. k-1 is pre[j] + (inl[L] + span score);
	 * pre[j] only depends on best[j], so it is computed once per j rather
	 * than once per word length (with the same float operations).
	 */
	inl[1] = 0.0f;
	for (int L = 2; L <= VN_MAX_WORD_SYLLABLES; L++)
		inl[L] = tr[1][0] + (L - 2) * tr[0][0];
	best[0][0] = -INFINITY;
	best[0][1] = 0.0f;
	pre[0] = 0.0f;				/* a word at the start follows nothing */
	ppt[0] = 1;
	for (k = 1; k <= n; k++)
	{
		int			j = k - 1;
		int			cap;
		float		in,
					b0 = -INFINITY, /* best[k][0], best[k][1] */
					b1 = -INFINITY;
		int			l0 = 1,		/* bl[k][0]: bl[k][1] is 1 */
					p0 = 1,		/* bt[k][0], bt[k][1] */
					p1 = 1;

		/* the best way to end a word at j - 1, for words starting at j */
		if (j > 0)
		{
			float		s0 = best[j][0] + tr[0][1],
						s1 = best[j][1] + tr[1][1];

			ppt[j] = s1 >= s0 ? 1 : 0;
			pre[j] = (ppt[j] ? s1 : s0) + e[j];
		}

		/* the word ending at k - 1 has one syllable (t = 1) ... */
		cap = dense ? span_cap_bits[r->syl[j].x.flags & 15] : 0;
		if (r->forced[j] != 0)
		{
			in = inl[1] + span_term(r, dense, sw, j, 1, cap);
			b1 = pre[j] + in;
			p1 = ppt[j];
		}

		/* ... or more (t = 0) */
		for (int L = 2; L <= VN_MAX_WORD_SYLLABLES && L <= k; L++)
		{
			float		s;
			bool		better;

			j = k - L;
			/* syllable j+1, now inside the word, may not be forced to begin one */
			if (r->forced[j + 1] == 1)
				break;
			if (dense)
				cap |= span_cap_bits[r->syl[j].x.flags & 15];
			if (r->forced[j] == 0)
				continue;
			in = inl[L] + span_term(r, dense, sw, j, L, cap);
			s = pre[j] + in;
			/* selects, not a branch: which length wins is unpredictable */
			better = s > b0;
			b0 = float_select(better, s, b0);
			l0 = better ? L : l0;
			p0 = better ? ppt[j] : p0;
		}
		best[k][0] = b0;
		best[k][1] = b1;
		bl[k][0] = (uint8_t) l0;
		bl[k][1] = 1;
		bt[k][0] = (uint8_t) p0;
		bt[k][1] = (uint8_t) p1;
	}
	k = n;
	t = best[n][1] >= best[n][0] ? 1 : 0;
	for (int q = 0; q < n; q++)
		tags[q] = 0;
	while (k > 0)
	{
		int			L = bl[k][t];

		tags[k - L] = 1;
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
	semi_viterbi(r, e, tr, sw, NULL, tags);
}

/* weight of a key through the memo (VnSegRun.memo) */
static inline float
memo_weight(VnSegRun *r, uint64_t key)
{
	WeightMemo *e = &r->memo[(key * UINT64_C(0x9e3779b97f4a7c15)) >> (64 - MEMO_BITS)];

	if (e->key != key || key == 0)
	{
		e->key = key;
		e->w = vn_lexicon_weight(r->lex, key);
	}
	return e->w;
}

/*
 * Score of "syllable i begins a word": the four unigram weights, then the
 * context features summed in exactly the order of context_features() (so
 * the float sum is the one training and vn_segrun_decode() see), the
 * bigrams from hw, the others from the dense tables.
 */
static inline float
context_score(VnSegRun *r, int i, const float *uw, const float *hw,
			  const float *dense)
{
	int			m = r->mode;
	int			a = i - 1,
				b = i;
	int			init = (a == 0) & r->sentinit;
	int			ca1 = shape_code[a >= 1 ? r->syl[a - 1].x.shape : 15],
				ca = shape_code[r->syl[a].x.shape],
				cb = shape_code[r->syl[b].x.shape],
				cb1 = shape_code[b + 1 < r->n ? r->syl[b + 1].x.shape : 15];
	const float *lx = dense + D_LEX + m * 216;
	float		s = 0.0f;

	for (int o = 0; o < 4; o++)
		s += uw[o];
	for (int k = 0; k < NHASHED; k++)
		s += hw[k];
	s += dense[D_SHAPE4 + (m * 2 + init) * 4096 + (ca1 << 9 | ca << 6 | cb << 3 | cb1)];
	s += dense[D_SHAPE2 + (m * 2 + init) * 64 + ca * 8 + cb];
	for (int t = 0; t < 4; t++)
		s += lx[t * 2 * 216 + lex3(cap5(r->cross[i][t]), cap5(r->endat[a][t]),
								   cap5(r->startat[b][t]))];
	s += memo_weight(r, fk(T_PAIR, m, r->pair[i], 0, 0));
	s += memo_weight(r, fk(T_PAIRSH, m, r->pair[i],
						   SH(r, a) | SH(r, b) << 4 | init << 8, 0));
	s += dense[D_KNOWN + m * 4 +
			   (((r->syl[a].x.flags & SF_KNOWN) | (r->syl[b].x.flags & SF_KNOWN) << 1) >> 4)];
	s += dense[D_BIAS + m];
	s += dense[D_JOIN + m * 256 + ((r->pair[i] >> VN_LEX_JOIN_SHIFT) & 0xFF)];
	return s;
}

/*
 * The run-time decoder: the same scores as vn_segrun_decode() with the
 * lexicon's weights, but the unigram and edge weights come with the
 * syllables (mostly from the cache) and the small-domain features from
 * the dense tables, so only the features that name syllables or pair
 * bits are looked up, all of the window's at once so that their cache
 * misses overlap.
 */
static void
model_decode(VnSegRun *r, uint8_t *tags)
{
	float		e[VN_SEG_WINDOW];
	float		tr[2][2];
	uint64_t	keys[VN_SEG_WINDOW * NHASHED];
	float		w[VN_SEG_WINDOW * NHASHED];
	float		lw0,
				rw3;
	int			scored[VN_SEG_WINDOW];	/* the boundaries to score */
	int			ns = 0;
	int			n = r->n;
	int			m = r->mode;
	const float *dense = vn_lexicon_dense(r->lex);

	if (n == 0)
		return;
	/* listed without a branch per boundary: which are forced is erratic */
	for (int i = 1; i < n; i++)
	{
		scored[ns] = i;
		ns += r->forced[i] < 0;
		e[i] = 0.0f;
	}
	if (ns == 0)
	{
		/* every boundary forced (one news window in eight): one way to cut */
		for (int i = 0; i < n; i++)
			tags[i] = (uint8_t) r->forced[i];
		return;
	}
	for (int q = 0; q < ns; q++)
		context_hashed_keys(r, scored[q], keys + q * NHASHED);
	vn_lexicon_weights(r->lex, keys, ns * NHASHED, w);
	/* unigrams of the context pseudo-syllables, at the offsets they occur */
	lw0 = memo_weight(r, unigram_key(m, 0, r->lctx));
	rw3 = memo_weight(r, unigram_key(m, 3, r->rctx));
	for (int p = 0; p < 2; p++)
		for (int c = 0; c < 2; c++)
			tr[p][c] = dense[D_TRANS + m * 4 + p * 2 + c];
	for (int q = 0; q < ns; q++)
	{
		int			i = scored[q];
		float		uw[4];

		/* only i - 2 can be before the run, only i + 1 after it */
		uw[0] = i >= 2 ? r->syl[i - 2].x.uw[m][0] : lw0;
		uw[1] = r->syl[i - 1].x.uw[m][1];
		uw[2] = r->syl[i].x.uw[m][2];
		uw[3] = i + 1 < n ? r->syl[i + 1].x.uw[m][3] : rw3;
		e[i] = context_score(r, i, uw, w + q * NHASHED, dense);
	}
	semi_viterbi(r, e, tr, NULL, dense, tags);
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
	tz->nahead = 0;
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
	tz->plain_rule = true;
	memset(tz->sc_valid, 0, sizeof(tz->sc_valid));
	memset(tz->sc_mru, 0, sizeof(tz->sc_mru));
	memset(tz->run.memo, 0, sizeof(tz->run.memo));
	memset(tz->rmemo, 0, sizeof(tz->rmemo));
	vn_tokenizer_reset(tz, text, len);
}

void
vn_tokenizer_set_hook(VnTokenizer *tz, VnSegHook hook, void *arg)
{
	tz->hook = hook;
	tz->hookarg = arg;
}

void
vn_tokenizer_set_plain_rule(VnTokenizer *tz, bool on)
{
	tz->plain_rule = on;
}

static void
push(VnTokenizer *tz, size_t start, size_t len, int type, int nsyl)
{
	VnToken    *t = &tz->queue[tz->qhead + tz->qn];

	t->start = start;
	t->len = len;
	t->type = type;
	t->nsyl = nsyl;
	tz->qn++;
}

/*
 * Everything about a syllable that depends only on its bytes, except what
 * the lexicon says (syllable_lookups, done for a whole window at once).
 */
static void
syllable_info(const char *p, size_t len, int uflags, SylInfo *x)
{
	char		norm[VN_NORM_BOUND(MAX_SYL_BYTES)];
	char		fold[VN_NORM_BOUND(MAX_SYL_BYTES)];
	int			nlen,
				flen;
	bool		ascii = true;

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
		if (vn_is_viet_syllable(fold, flen))
			x->flags |= SF_VIET;
		/* shape: 0 lower, 1 capitalised, 2 all caps; +3 not Vietnamese */
		x->shape = (x->flags & SF_ALLCAP) ? 2 : (x->flags & SF_CAP) ? 1 : 0;
		if (!(x->flags & SF_VIET))
			x->shape += 3;
	}
	x->k1 = vn_wordkey_step(VN_WORDKEY_SEED, x->h);
	x->fk1 = vn_wordkey_step(VN_WORDKEY_SEED, x->fh);
}

/*
 * The lexicon's part of SylInfo (word bits, unigram and edge weights) for
 * the window's syllables that missed the cache, with all their lookups in
 * two batches so that the cache misses overlap; then they go into the
 * syllable cache.
 */
#define SYL_NWKEYS		10		/* 4 unigram + 6 edge weights, one mode */

/* the weight keys of a syllable in mode m, in SYL_NWKEYS order */
static inline void
syllable_weight_keys(int m, const SylInfo *x, uint64_t *keys)
{
	for (int o = 0; o < 4; o++)
		keys[o] = unigram_key(m, o, x->h);
	for (int e = 0; e < 2; e++)
		for (int L = 1; L <= 3; L++)
			keys[4 + e * 3 + L - 1] = edge_key(m, e, x->h, L);
}

/* the lexicon bits be and bf of a syllable, and what they say of it */
static inline void
syllable_set_bits(SylInfo *x, uint32_t be, uint32_t bf)
{
	x->be = be;
	x->bf = bf;
	if (x->be & (VN_LEX_V74K | VN_LEX_LEARNED | VN_LEX_F_V74K | VN_LEX_F_LEARNED))
		x->flags |= SF_KNOWN;
}

static void cache_store(VnTokenizer *tz, const SegSyl *s);

/*
 * The lexicon's answers for the window's syllables that need them: the
 * cache missed the nmiss syllables in miss[] (lexicon bits and weights),
 * and the npart in part[] were cached without the weights of mode m, the
 * window's (cached at slot[k]).  A syllable's weights are looked up for
 * the mode of the window it is first seen in, and for the other mode only
 * when a window of that mode needs them: news text is nearly all of one.
 */
static void
syllable_lookups(VnTokenizer *tz, int m, const int *miss, int nmiss,
				 const int *part, const uint32_t *slot, int npart)
{
	VnSegRun   *r = &tz->run;
	const VnLexicon *lex = tz->lex;
	bool		model = lex && vn_lexicon_has_model(lex);
	uint64_t	wkeys[VN_SEG_WINDOW * 2];
	uint32_t	wbits[VN_SEG_WINDOW * 2];
	uint64_t	fkeys[VN_SEG_WINDOW * SYL_NWKEYS];
	float		fw[VN_SEG_WINDOW * SYL_NWKEYS];
	int			nw = 0;

	for (int q = 0; q < npart + nmiss; q++)
	{
		SegSyl	   *sy = &r->syl[q < npart ? part[q] : miss[q - npart]];
		SylInfo    *x = &sy->x;
		uint64_t   *keys = fkeys + q * SYL_NWKEYS;

		if (q >= npart && lex && sy->len <= MAX_SYL_BYTES)
		{
			wkeys[nw++] = x->k1;
			if (x->fk1 != x->k1)
				wkeys[nw++] = x->fk1;
		}
		if (model)
			syllable_weight_keys(m, x, keys);
	}
	if (nw > 0)
		vn_lexicon_lookups(lex, wkeys, nw, wbits);
	if (model)
		vn_lexicon_weights(lex, fkeys, (npart + nmiss) * SYL_NWKEYS, fw);

	/* the cached ones first: storing the others may evict their slots */
	for (int q = 0; q < npart; q++)
	{
		SylInfo    *x = &r->syl[part[q]].x,
				   *c = &tz->sc[slot[q]].x;

		memcpy(x->uw[m], fw + q * SYL_NWKEYS, 4 * sizeof(float));
		memcpy(x->ew[m], fw + q * SYL_NWKEYS + 4, 6 * sizeof(float));
		x->wmodes |= 1 << m;
		memcpy(c->uw[m], x->uw[m], sizeof(x->uw[m]));
		memcpy(c->ew[m], x->ew[m], sizeof(x->ew[m]));
		c->wmodes = x->wmodes;
	}
	nw = 0;
	for (int q = 0; q < nmiss; q++)
	{
		SegSyl	   *sy = &r->syl[miss[q]];
		SylInfo    *x = &sy->x;
		const float *w = fw + (npart + q) * SYL_NWKEYS;

		if (lex && sy->len <= MAX_SYL_BYTES)
		{
			uint32_t	be = wbits[nw++];

			syllable_set_bits(x, be, (x->fk1 == x->k1) ? be : wbits[nw++]);
		}
		memset(x->uw, 0, sizeof(x->uw));
		memset(x->ew, 0, sizeof(x->ew));
		if (model)
		{
			memcpy(x->uw[m], w, 4 * sizeof(float));
			memcpy(x->ew[m], w + 4, 6 * sizeof(float));
			x->wmodes = 1 << m;
		}
		else
			x->wmodes = 3;		/* no model: zero weights in both modes */
		cache_store(tz, sy);
	}
}

/* eight bytes as a little-endian number (one load where that is native) */
static inline uint64_t
load_le64(const unsigned char *p)
{
	return (uint64_t) p[0] | (uint64_t) p[1] << 8 | (uint64_t) p[2] << 16 |
		(uint64_t) p[3] << 24 | (uint64_t) p[4] << 32 | (uint64_t) p[5] << 40 |
		(uint64_t) p[6] << 48 | (uint64_t) p[7] << 56;
}

/*
 * Hash of a syllable's raw bytes and unit flags: it picks the syllable's
 * set in the cache and its place among the lexicon's syllable records.
 * Eight bytes at a time, the last word padded with zeros: a byte loop
 * ended at an unpredictable length, once per syllable.  avail is how many
 * bytes may be read from p; with fewer than a whole last word the bytes
 * are gathered one by one, to the same value.
 */
static inline uint64_t
raw_hash(const char *p, size_t len, int uf, size_t avail)
{
	const unsigned char *s = (const unsigned char *) p;
	uint64_t	hv = (uint64_t) len * 0x100 + uf;
	size_t		i;

	for (i = 0; i + 8 <= len; i += 8)
		hv = (hv ^ load_le64(s + i)) * K2;
	if (i < len)
	{
		uint64_t	w = 0;

		if (i + 8 <= avail)
			w = load_le64(s + i) & (~UINT64_C(0) >> (64 - 8 * (len - i)));
		else
			for (size_t j = len; j > i; j--)
				w = w << 8 | s[j - 1];
		hv = (hv ^ w) * K2;
	}
	return vn_hash_mix(hv);
}

/* cache set of a raw_hash() (its first slot) */
static inline uint32_t
cache_set(uint64_t rh)
{
	return (uint32_t) (rh >> (64 - SC_BITS + 1)) * 2;
}

static inline int
unit_cache_flags(int flags)
{
	return flags & (VN_UF_CAP | VN_UF_ALLCAP | VN_UF_MARKED);
}

static inline bool
sc_isvalid(const VnTokenizer *tz, uint32_t slot)
{
	return (tz->sc_valid[slot / 64] >> (slot % 64)) & 1;
}

static inline void
sc_setmru(VnTokenizer *tz, uint32_t slot)
{
	uint32_t	set = slot / 2;

	if (slot & 1)
		tz->sc_mru[set / 64] |= UINT64_C(1) << (set % 64);
	else
		tz->sc_mru[set / 64] &= ~(UINT64_C(1) << (set % 64));
}

/*
 * Put a finished syllable into the cache (if short enough), in the way of
 * its set that was used least recently.
 */
static void
cache_store(VnTokenizer *tz, const SegSyl *s)
{
	const char *p = tz->text + s->start;
	uint32_t	slot,
				set;
	SylCache   *c;

	if (s->len > SC_RAW)
		return;
	slot = cache_set(raw_hash(p, s->len, s->uflags, tz->len - s->start));
	set = slot / 2;
	if (sc_isvalid(tz, slot))
		slot += ((tz->sc_mru[set / 64] >> (set % 64)) & 1) ? 0 : 1;
	c = &tz->sc[slot];
	c->x = s->x;
	c->len = (uint8_t) s->len;
	c->uflags = (uint8_t) s->uflags;
	memcpy(c->raw, p, s->len);
	tz->sc_valid[slot / 64] |= UINT64_C(1) << (slot % 64);
	sc_setmru(tz, slot);
}

/*
 * Fill in one syllable from a letter unit: from the lexicon's record of
 * its spelling (rec, if the lexicon has one) or from the cache (set: its
 * cache_set(), if short enough to be cached).  Returns the cache slot of
 * a cache hit, SC_SIZE for a record, or -1 on a miss: then only what the
 * bytes say is filled in, and the caller completes it with
 * syllable_lookups().
 */
static int
make_syllable(VnTokenizer *tz, const VnUnit *u, uint32_t set,
			  const SylCache *rec, SegSyl *s)
{
	const char *p = tz->text + u->start;
	int			uf = unit_cache_flags(u->flags);

	s->start = u->start;
	s->len = u->len;
	s->uflags = (uint8_t) uf;
	if (u->len <= SC_RAW)
	{
		/* a record holds both modes; its shape indexes shape_code[] */
		if (rec != NULL && rec->len == u->len && rec->uflags == uf &&
			rec->x.wmodes == 3 && rec->x.shape < sizeof(shape_code) &&
			memcmp(rec->raw, p, u->len) == 0)
		{
			s->x = rec->x;
			return SC_SIZE;
		}
		for (uint32_t slot = set; slot < set + 2; slot++)
		{
			SylCache   *c = &tz->sc[slot];

			if (sc_isvalid(tz, slot) &&
				c->len == u->len && c->uflags == uf &&
				memcmp(c->raw, p, u->len) == 0)
			{
				s->x = c->x;
				sc_setmru(tz, slot);
				return (int) slot;
			}
		}
	}
	syllable_info(p, u->len, uf, &s->x);
	return -1;
}

size_t
vn_seg_syllable_record_size(void)
{
	return sizeof(SylCache);
}

/*
 * The record of one spelling of a syllable, as the lexicon stores it: the
 * cache entry the tokenizer would make of it, with the weights of both
 * modes.  False if the tokenizer would not cache it (not one letter unit,
 * or too long).
 */
bool
vn_seg_syllable_record(const VnLexicon *lex, const char *raw, size_t len,
					   void *rec, uint64_t *hash)
{
	SylCache	c;
	VnUnit		u;
	int			uf;
	bool		model = lex && vn_lexicon_has_model(lex);

	if (len == 0 || len > SC_RAW ||
		vn_scan_unit(raw, len, 0, &u) != len || u.kind != VN_UNIT_LETTERS)
		return false;
	uf = unit_cache_flags(u.flags);
	memset(&c, 0, sizeof(c));	/* padding too: the file is reproducible */
	syllable_info(raw, len, uf, &c.x);
	if (lex)
	{
		uint32_t	be = vn_lexicon_lookup(lex, c.x.k1);

		syllable_set_bits(&c.x, be, c.x.fk1 == c.x.k1 ? be :
						  vn_lexicon_lookup(lex, c.x.fk1));
	}
	for (int m = 0; m < 2 && model; m++)
	{
		uint64_t	keys[SYL_NWKEYS];
		float		w[SYL_NWKEYS];

		syllable_weight_keys(m, &c.x, keys);
		vn_lexicon_weights(lex, keys, SYL_NWKEYS, w);
		memcpy(c.x.uw[m], w, 4 * sizeof(float));
		memcpy(c.x.ew[m], w + 4, 6 * sizeof(float));
	}
	c.x.wmodes = 3;
	c.len = (uint8_t) len;
	c.uflags = (uint8_t) uf;
	memcpy(c.raw, raw, len);
	memcpy(rec, &c, sizeof(c));
	*hash = raw_hash(raw, len, uf, len);
	return true;
}

/* v's bytes where mask has 0xFF become those of fill */
static inline void
set_lanes(uint8_t *v, uint32_t mask, uint32_t fill)
{
	uint32_t	x;

	memcpy(&x, v, sizeof(x));
	x = (x & ~mask) | fill;
	memcpy(v, &x, sizeof(x));
}

/*
 * What the lexicon says about syllables j .. k as one word (bits be, bf).
 * compute_spans() records the spans in order of length, so a longer word
 * is stored over a shorter one without comparing: the four arrays are
 * written at once, one byte each.
 */
static inline void
span_record(VnSegRun *r, int j, int k, uint32_t be, uint32_t bf)
{
	int			L = k - j + 1;
	uint8_t		w[4];
	uint32_t	mask,
				fill;

	if (L <= VN_SEG_MAXSPAN)
		r->span[j][L - 1] = (be & ~(uint32_t) VN_LEX_F_ALL) |
			(bf & (uint32_t) VN_LEX_F_ALL);
	if (L == 2)
		r->pair[k] = (be & (VN_LEX_V74K | VN_LEX_LEARNED | (15u << VN_LEX_CNT_SHIFT) |
							(0xFFu << VN_LEX_JOIN_SHIFT))) |
			(bf & (VN_LEX_F_V74K | VN_LEX_F_LEARNED | (15u << VN_LEX_F_CNT_SHIFT)));
	if (L < 2)
		return;
	w[0] = (be & (VN_LEX_V74K | VN_LEX_LEARNED)) ? 0xFF : 0;
	w[1] = (be & VN_LEX_LEARNED) ? 0xFF : 0;
	w[2] = (bf & (VN_LEX_F_V74K | VN_LEX_F_LEARNED)) ? 0xFF : 0;
	w[3] = (bf & VN_LEX_F_LEARNED) ? 0xFF : 0;
	memcpy(&mask, w, sizeof(mask));
	fill = mask & ((uint32_t) L * UINT32_C(0x01010101));
	set_lanes(r->startat[j], mask, fill);
	set_lanes(r->endat[k], mask, fill);
	for (int g = j + 1; g <= k; g++)
		set_lanes(r->cross[g], mask, fill);
}

/* the bit of a listed name in the run's mode */
static inline uint32_t
name_bit(const VnSegRun *r)
{
	return r->mode ? VN_LEX_NAMEWORD : VN_LEX_F_NAMEWORD;
}

/* the walks a span's bits keep on: 1 exact, 2 folded */
static inline int
walk_on(uint32_t be, uint32_t bf)
{
	return ((be & VN_LEX_PREFIX) ? 1 : 0) | ((bf & VN_LEX_F_PREFIX) ? 2 : 0);
}

/*
 * The listed names with a foreign syllable ("real madrid", "sea games"):
 * the walks of compute_spans() stop at foreign syllables, so that the
 * model's features only see Vietnamese words.  Only windows with a foreign
 * syllable of such a name (VN_LEX_NAMEPART) come here, one in 13 of news,
 * so the lookups go one by one.  The spans get only their name bits;
 * returns them.
 */
static uint32_t
foreign_name_spans(VnSegRun *r)
{
	int			n = r->n;
	int			next = n;		/* the first such syllable from j on */
	uint32_t	named = 0;

	for (int j = n - 1; j >= 0; j--)
	{
		const SylInfo *x = &r->syl[j].x;
		uint64_t	ke = x->k1,
					kf = x->fk1;
		int			alive;
		bool		foreign = false;

		if (!(x->flags & SF_VIET))
		{
			if (!((x->be | x->bf) & VN_LEX_NAMEPART))
				continue;
			next = j;
		}
		if (next - j >= VN_SEG_MAXSPAN)
			continue;
		alive = walk_on(x->be, x->bf);
		for (int k = j; k < j + VN_SEG_MAXSPAN && k < n && alive; k++)
		{
			const SylInfo *y = &r->syl[k].x;
			uint32_t	be = 0,
						bf = 0,
						bits;

			if (!(y->flags & SF_VIET))
			{
				if (!((y->be | y->bf) & VN_LEX_NAMEPART))
					break;
				foreign = true;
			}
			if (k == j)
				continue;
			ke = vn_wordkey_step(ke, y->h);
			kf = vn_wordkey_step(kf, y->fh);
			if (!foreign)
			{
				/* all Vietnamese so far: compute_spans() walked it */
				be = bf = r->span[j][k - j];
			}
			else
			{
				if (alive & 1)
					be = vn_lexicon_lookup(r->lex, ke);
				if (alive & 2)
					bf = (kf == ke && (alive & 1)) ? be : vn_lexicon_lookup(r->lex, kf);
			}
			alive = walk_on(be, bf);
			bits = (be & VN_LEX_NAMEWORD) | (bf & VN_LEX_F_NAMEWORD);
			if (foreign && bits)
			{
				r->span[j][k - j] |= bits;
				named |= bits;
			}
		}
	}
	return named;
}

/*
 * Lexicon spans: from each start j, walk the exact and the folded key of
 * j .. k as long as the lexicon says the prefix continues (and the
 * syllables are Vietnamese).  Arrays 0/1 are exact (any source / learned),
 * 2/3 folded.  The walks advance together one length at a time, so that
 * all the lookups of one length are issued at once and their cache misses
 * overlap; the folded key is only looked up when it differs from the
 * exact one.
 */
static void
compute_spans(VnSegRun *r)
{
	int			n = r->n;
	uint64_t	ke[VN_SEG_WINDOW],
				kf[VN_SEG_WINDOW];
	uint8_t		alive[VN_SEG_WINDOW];	/* 1: exact walk on, 2: folded */
	int			act[VN_SEG_WINDOW];	/* the starts whose walk is on */
	int			se[VN_SEG_WINDOW],
				sf[VN_SEG_WINDOW];	/* lookup slots, -1: none */
	uint64_t	lkeys[2 * VN_SEG_WINDOW];
	uint32_t	lbits[2 * VN_SEG_WINDOW];
	uint32_t	named = 0;		/* the bits of all spans of 2 or more */
	uint32_t	parts = 0;		/* the bits of the foreign syllables */
	int			nactive = 0;

	memset(r->cross, 0, sizeof(r->cross[0]) * n);
	memset(r->endat, 0, sizeof(r->endat[0]) * n);
	memset(r->startat, 0, sizeof(r->startat[0]) * n);
	memset(r->pair, 0, sizeof(r->pair[0]) * n);
	memset(r->span, 0, sizeof(r->span[0]) * n);
	r->names = false;
	if (r->lex == NULL)
		return;

	/* one syllable: looked up with the syllable (make_syllable) */
	for (int j = 0; j < n; j++)
	{
		const SylInfo *x = &r->syl[j].x;

		if (!(x->flags & SF_VIET))
		{
			parts |= x->be | x->bf;
			continue;
		}
		ke[j] = x->k1;
		kf[j] = x->fk1;
		span_record(r, j, j, x->be, x->bf);
		alive[j] = walk_on(x->be, x->bf);
		if (alive[j])
			act[nactive++] = j;
	}

	for (int L = 2; L <= VN_MAX_WORD_SYLLABLES && nactive > 0; L++)
	{
		int			nq = 0,
					nlive = 0;

		for (int q = 0; q < nactive; q++)
		{
			int			j = act[q],
						k = j + L - 1;

			if (k >= n || !(r->syl[k].x.flags & SF_VIET))
				continue;
			act[nlive++] = j;
			ke[j] = vn_wordkey_step(ke[j], r->syl[k].x.h);
			kf[j] = vn_wordkey_step(kf[j], r->syl[k].x.fh);
			se[j] = sf[j] = -1;
			if (alive[j] & 1)
			{
				se[j] = nq;
				lkeys[nq++] = ke[j];
			}
			if (alive[j] & 2)
			{
				if (kf[j] == ke[j] && se[j] >= 0)
					sf[j] = se[j];
				else
				{
					sf[j] = nq;
					lkeys[nq++] = kf[j];
				}
			}
		}
		if (nq > 0)
			vn_lexicon_lookups(r->lex, lkeys, nq, lbits);
		nactive = 0;
		for (int q = 0; q < nlive; q++)
		{
			int			j = act[q];
			uint32_t	be,
						bf;

			be = se[j] >= 0 ? lbits[se[j]] : 0;
			bf = sf[j] >= 0 ? lbits[sf[j]] : 0;
			span_record(r, j, j + L - 1, be, bf);
			named |= be | bf;
			alive[j] = walk_on(be, bf);
			if (alive[j])
				act[nactive++] = j;
		}
	}
	if (parts & VN_LEX_NAMEPART)
		named |= foreign_name_spans(r);
	r->names = (named & (name_bit(r) |
						 (r->mode == 0 && r->whole ? VN_LEX_F_NAMEFOLD : 0))) != 0;
}

/*
 * Does a word cross boundary i, so that a name may not end or begin there?
 * With diacritics, any word of the lexicon; without them, a pair that text
 * with diacritics mostly writes as one word (VN_LEX_F_JOIN: "chung minh"),
 * since most folded syllables make some word with their neighbours.
 */
static inline bool
crossed(const VnSegRun *r, int i)
{
	if (r->mode == 1)
		return r->cross[i][0] != 0;
	return (r->span[i - 1][1] & VN_LEX_F_JOIN) != 0;
}

/* syllables j .. j + len - 1 are one word, whatever the model says */
static void
force_word(VnSegRun *r, int j, int len)
{
	r->forced[j] = 1;
	for (int k = j + 1; k < j + len; k++)
		r->forced[k] = 0;
	if (j + len < r->n)
		r->forced[j + len] = 1;
}

/*
 * The length of the longest name with bit want (name_bit(), or
 * VN_LEX_F_NAMEFOLD) that starts at syllable j, its syllables all
 * lowercase or, with capitalised, all capitalised; 0 if there is none, if
 * a word crosses either of its ends or if an end is already decided to be
 * inside a word.
 */
static int
listed_name(const VnSegRun *r, int j, bool capitalised, uint32_t want)
{
	int			n = r->n,
				best = 0,
				end;

	for (int L = 1; L <= VN_SEG_MAXSPAN && j + L <= n; L++)
	{
		const SylInfo *x = &r->syl[j + L - 1].x;

		/* shapes 0 and 3: lowercase, Vietnamese or foreign */
		if (capitalised ?
			(x->flags & (SF_CAP | SF_ALLCAP)) != SF_CAP :
			(x->shape != 0 && x->shape != 3))
			break;
		if (r->span[j][L - 1] & want)
			best = L;
	}
	end = j + best;
	if (best < 2 || r->forced[j] == 0 || (j > 0 && crossed(r, j)) ||
		(end < n && (crossed(r, end) || r->forced[end] == 0)))
		return 0;
	return best;
}

/* is no boundary inside syllables j .. j + len - 1 decided yet? */
static bool
undecided(const VnSegRun *r, int j, int len)
{
	for (int k = j + 1; k < j + len; k++)
		if (r->forced[k] >= 0)
			return false;
	return true;
}

/*
 * A name typed in lowercase ("phạm minh chính", "nguyen phu trong"): the
 * model knows names by their capitals and cuts it into syllables.  A run
 * of lowercase Vietnamese syllables that news text nearly always writes
 * capitalised inside one name (listed_name()) is kept whole, the longest
 * from the left first, unless a word crosses either end ("công an giang
 * tay" holds no "An Giang") or its boundaries are decided already.
 */
static void
lowercase_names(VnSegRun *r)
{
	uint32_t	want = name_bit(r);
	int			n = r->n;

	if (!r->names)
		return;					/* nine windows in ten of news */

	/*
	 * A sentence, line or text without diacritics that is only a listed
	 * name, lowercase or capitalised ("to lam", "To Lam": a query, a title),
	 * is the name even where the folded form is often other words in
	 * running text (VN_LEX_F_NAMEFOLD, the folded form of an exact name).
	 */
	if (r->whole && r->mode == 0 &&
		listed_name(r, 0, (r->syl[0].x.flags & (SF_CAP | SF_ALLCAP)) == SF_CAP,
					VN_LEX_F_NAMEFOLD) == n &&
		undecided(r, 0, n))
	{
		force_word(r, 0, n);
		return;
	}
	for (int j = 0; j + 1 < n;)
	{
		int			best;

		if (!((r->span[j][1] | r->span[j][2] | r->span[j][3]) & want))
		{
			j++;
			continue;
		}
		best = listed_name(r, j, false, want);
		if (best == 0 || !undecided(r, j, best))
		{
			j++;
			continue;
		}
		force_word(r, j, best);
		j += best;
	}
}

/* such a name, capitalised, that starts the run */
static void
capitalised_initial_name(VnSegRun *r)
{
	int			best = listed_name(r, 0, true, name_bit(r));

	for (int k = 1; k < best; k++)
		if (r->forced[k] > 0)
			return;
	for (int k = 1; k < best; k++)
		r->forced[k] = 0;
}

/*
 * Boundaries where the model all but always begins a word begin one by
 * rule, without being scored (vn_tokenizer_set_plain_rule):
 *
 * - no lexicon word crosses the boundary, exact or folded, and one side
 *   at least is a lowercase Vietnamese syllable.  Names (capitalised on
 *   both sides) and runs of foreign syllables are left to the model,
 *   which often joins them;
 * - in text with diacritics (mode 1), between two lowercase Vietnamese
 *   syllables: no word crosses in its exact form (only words spelled
 *   without those marks), or the pair was seen 8 times or more in the
 *   training data and joined in under an eighth of them.
 *
 * Without diacritics the pairs' counts mix words that fold alike, and the
 * model begins a word at fewer of those boundaries, so it decides them.
 * Over 20 MB of news the model now scores 1.01 million of the 2.98
 * million boundaries (1.58 million when only boundaries between two
 * lowercase syllables that no word crosses were ruled), and 442 of the
 * 3.05 million words and other tokens come out different, mostly
 * misspelled words (trách nhiêm, bênh nhân) now cut in two.
 */
static void
force_plain_boundaries(VnSegRun *r)
{
	lowercase_names(r);
	for (int i = 1; i < r->n; i++)
	{
		const SylInfo *a = &r->syl[i - 1].x,
				   *b = &r->syl[i].x;
		uint32_t	pb = r->pair[i];
		int			lowa = a->shape == 0,	/* lowercase Vietnamese */
					lowb = b->shape == 0,
					noexact = (r->cross[i][0] | r->cross[i][1]) == 0,
					nofolded = (r->cross[i][2] | r->cross[i][3]) == 0,
					rare = (((pb >> VN_LEX_SEEN_SHIFT) & 15) >= 4) &
					(((pb >> VN_LEX_JOIN_SHIFT) & 15) == 1),
					begin;

		/*
		 * One test, not a branch per condition: they vary word by word.
		 * (Read as one 32-bit word, the four bytes of cross made GCC 12.2
		 * delete the calls of this function when it was not inlined:
		 * ivopts addressed the load from a null base, which its
		 * pure-const analysis took for a null dereference.)
		 */
		begin = (r->forced[i] < 0) &
			((noexact & nofolded & (lowa | lowb)) |
			 ((r->mode == 1) & lowa & lowb & (noexact | rare)));
		r->forced[i] += 2 * begin;	/* -1 (undecided) becomes 1 */
	}

	/*
	 * A sentence's first capital says nothing of a name, so the model cuts
	 * a sentence-initial name's first syllable off ("Thổ | Nhĩ Kỳ",
	 * "Triều | Tiên"), titles and queries included.  A pair that inside a
	 * sentence is mostly written capitalised in one word
	 * (VN_LEX_F_NAMEJOIN; with diacritics also VN_LEX_NAMEJOIN, a name
	 * whose folded pair is often another one) stays whole there when both
	 * are capitalised.
	 */
	if (r->sentinit && r->n >= 2 && r->forced[1] < 0 &&
		(r->span[0][1] & (VN_LEX_F_NAMEJOIN |
						  (r->mode == 1 ? VN_LEX_NAMEJOIN : 0))) &&
		(r->syl[0].x.flags & (SF_CAP | SF_ALLCAP | SF_VIET)) == (SF_CAP | SF_VIET) &&
		(r->syl[1].x.flags & (SF_CAP | SF_ALLCAP | SF_VIET)) == (SF_CAP | SF_VIET))
		r->forced[1] = 0;

	/*
	 * So does a name of lowercase_names()'s list written capitalised there
	 * ("Tô Lâm", whose folded pair is too often other words to be such a
	 * pair).
	 */
	if (r->sentinit && r->names)
		capitalised_initial_name(r);

	/*
	 * Without diacritics, a pair that text with diacritics mostly writes
	 * as one word (VN_LEX_F_JOIN: "bong da", "doi tuyen") stays whole:
	 * the model, trained on a few thousand gold sentences, has seen few of
	 * them and splits many where the folded syllables are also common
	 * words of their own ("da" is mostly "đã").  Two such pairs in a row
	 * ("viet nam" and "nam thang") only make one word if the lexicon has
	 * it; otherwise neither is kept whole by rule and the model chooses
	 * ("su | that bai", "noi | bat dau"): keeping the first whole made it
	 * cut those wrongly, or join all three ("lam phat bieu").
	 */
	if (r->mode == 0)
	{
		int			run = 1;	/* syllables of the word ending at i - 1 */
		int			ruled = 0;	/* the last boundary joined here */

		for (int i = 1; i < r->n; i++)
		{
			if (r->forced[i] < 0 && (r->span[i - 1][1] & VN_LEX_F_JOIN))
			{
				if (run == 1 ||
					(run < VN_SEG_MAXSPAN &&
					 (r->span[i - run][run] & (VN_LEX_F_V74K | VN_LEX_F_LEARNED))))
				{
					r->forced[i] = 0;
					ruled = i;
				}
				else if (run == 2 && ruled == i - 1)
					r->forced[i - 1] = -1;
			}
			run = r->forced[i] == 0 ? run + 1 : 1;
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
			force_word(r, j, best);
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

/* the lexicon's records of n syllables by raw hash, through rmemo */
static void
syllable_records(VnTokenizer *tz, const uint64_t *rhash, int n,
				 const void **recs)
{
	uint64_t	mh[VN_SEG_WINDOW];
	const void *mr[VN_SEG_WINDOW];
	int			mi[VN_SEG_WINDOW];
	int			nm = 0;

	for (int i = 0; i < n; i++)
	{
		const RecMemo *e = &tz->rmemo[rhash[i] & (RM_SIZE - 1)];

		recs[i] = e->rec;
		mi[nm] = i;
		mh[nm] = rhash[i];
		nm += e->hash != rhash[i];
	}
	if (nm == 0)
		return;
	vn_lexicon_syllables(tz->lex, mh, nm, mr);
	for (int q = 0; q < nm; q++)
	{
		RecMemo    *e = &tz->rmemo[mh[q] & (RM_SIZE - 1)];

		recs[mi[q]] = mr[q];
		e->hash = mh[q];
		e->rec = mr[q];
	}
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
	VnUnit		units[VN_SEG_WINDOW];
	uint64_t	rhash[VN_SEG_WINDOW];
	const void *recs[VN_SEG_WINDOW];
	int			nunit = 0;
	int			miss[VN_SEG_WINDOW];
	int			nmiss = 0;
	int			part[VN_SEG_WINDOW];	/* cached, but not for this mode */
	uint32_t	pslot[VN_SEG_WINDOW];
	int			npart = 0;
	int			hit[VN_SEG_WINDOW];	/* cache slot, -1: missed */

	r->lex = tz->lex;
	r->sentinit = (tz->prevctx == CTX_BOS);
	r->lctx = ctx_hash(tz->prevctx, tz->prevbyte);

	/*
	 * Scan the window's letter units first, then find their records and
	 * prefetch them or their cache sets, so that the cache misses of the
	 * syllables overlap instead of being paid one after the other while
	 * the syllables are filled in.
	 */
	for (;;)
	{
		/* read only for units short enough to cache */
		rhash[nunit] = u.len <= SC_RAW ?
			raw_hash(tz->text + u.start, u.len, unit_cache_flags(u.flags),
					 tz->len - u.start) : 0;
		units[nunit++] = u;
		p = u.start + u.len;
		if (nunit == VN_SEG_WINDOW)
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
			tz->ahead[0] = v;
			tz->ahead[1] = w;
			tz->nahead = 2;
		}
		else
		{
			if (v.kind != VN_TOK_SPACE || (v.flags & VN_UF_NEWLINE))
			{
				rcls = right_ctx(&v);
				rbyte = (v.kind == VN_TOK_PUNCT) ? (unsigned char) tz->text[v.start] : v.kind;
			}
			tz->ahead[0] = v;
			tz->nahead = 1;
		}
		break;
	}
	if (tz->lex)
		syllable_records(tz, rhash, nunit, recs);
	else
		memset(recs, 0, sizeof(recs[0]) * nunit);
	for (int i = 0; i < nunit; i++)
	{
		const char *c = recs[i] ? (const char *) recs[i] :
			(const char *) &tz->sc[cache_set(rhash[i])];
		size_t		n = recs[i] ? sizeof(SylCache) : 2 * sizeof(SylCache);

		if (units[i].len > SC_RAW)
			continue;
		for (size_t off = 0; off < n; off += 64)
			__builtin_prefetch(c + off);
		__builtin_prefetch(c + n - 1);
	}
	for (r->n = 0; r->n < nunit; r->n++)
	{
		hit[r->n] = make_syllable(tz, &units[r->n], cache_set(rhash[r->n]),
								  recs[r->n], &r->syl[r->n]);
		if (r->syl[r->n].x.flags & SF_MARKED)
			marked = true;
	}
	r->mode = marked ? 1 : 0;
	for (int i = 0; i < r->n; i++)
	{
		if (hit[i] < 0)
			miss[nmiss++] = i;
		else if (!(r->syl[i].x.wmodes & (1 << r->mode)))
		{
			pslot[npart] = (uint32_t) hit[i];
			part[npart++] = i;
		}
	}
	if (nmiss + npart > 0)
		syllable_lookups(tz, r->mode, miss, nmiss, part, pslot, npart);
	r->rctx = ctx_hash(rcls + CTX_RIGHT, rcls == CTX_BOS ? 0 : rbyte);
	r->whole = r->sentinit && rcls == CTX_BOS;
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

	if (r->n == 1 && !tz->hook)
		tags[0] = 1;			/* nothing to decide: forced[0] is 1 */
	else if (tz->hook || (tz->lex && vn_lexicon_has_model(tz->lex)))
	{
		compute_spans(r);
		if (tz->plain_rule)
			force_plain_boundaries(r);
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

		tz->qhead = 0;

		if (tz->pos >= tz->len)
			return false;

		/*
		 * The units after a window were scanned to learn its right-hand
		 * context; the scanner keeps no state, so they are the units a
		 * new scan would give.
		 */
		if (tz->nahead > 0 && tz->ahead[0].start == tz->pos)
		{
			u = tz->ahead[0];
			tz->ahead[0] = tz->ahead[1];
			tz->nahead--;
		}
		else
		{
			tz->nahead = 0;
			vn_scan_unit(tz->text, tz->len, tz->pos, &u);
		}
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
	tz->qhead++;
	tz->qn--;
	return true;
}
