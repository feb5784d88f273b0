/*-------------------------------------------------------------------------
 *
 * vncore.h
 *	  Vietnamese text-processing core: UTF-8 scanning, normalization,
 *	  the compiled lexicon and word segmentation.
 *
 * Plain C99 with no PostgreSQL headers (ICU is the only dependency), so the
 * core can be unit-tested, fuzzed and benchmarked on its own.  The
 * PostgreSQL glue (vnparser.c, vndict.c, vnuser.c) stays thin on top of it.
 *
 * Nothing here calls back into PostgreSQL, so temporary malloc() inside a
 * core function is always freed before it returns: no ereport() can
 * longjmp past it.
 *
 *-------------------------------------------------------------------------
 */
#ifndef VNCORE_H
#define VNCORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Token types the parser emits.  The numbers are part of the on-disk
 * contract (text search configuration mappings refer to them), so never
 * renumber; add new types at the end.
 */
typedef enum VnTokType
{
	VN_TOK_WORD = 1,			/* multi-syllable Vietnamese word: "Cộng sản" */
	VN_TOK_SYLLABLE,			/* single Vietnamese syllable: "của", "nhà" */
	VN_TOK_NAME,				/* proper name, capitalised syllables: "Tô Lâm" */
	VN_TOK_FOREIGN,				/* Latin word that is not Vietnamese: "Medvedev" */
	VN_TOK_ACRONYM,				/* "TTXVN", "ASEAN" */
	VN_TOK_CODE,				/* "IMCWP-17", "COVID-19", "TP.HCM", "U23" */
	VN_TOK_NUMBER,				/* "1.000.000", "3,5", "2026" */
	VN_TOK_DATE,				/* "30/10", "19-25/1", "24/2/2026" */
	VN_TOK_TIME,				/* "14h30", "14:30" */
	VN_TOK_PERCENT,				/* "3,5%" */
	VN_TOK_URL,					/* "https://example.vn/a/b", "www.example.vn" */
	VN_TOK_EMAIL,				/* "ban.doc@example.vn" */
	VN_TOK_TAG,					/* "#bầucử", "@user" */
	VN_TOK_SCRIPT,				/* word in another script: CJK, Thai, Cyrillic */
	VN_TOK_SPACE,				/* whitespace, zero-width characters */
	VN_TOK_PUNCT				/* punctuation, symbols, emoji, stray marks */
} VnTokType;

#define VN_TOK_LAST			VN_TOK_PUNCT

/*
 * Scanner units.  The scanner (vnscan.c) cuts raw text into units without
 * any lexicon; the segmenter then groups runs of VN_UNIT_LETTERS into words.
 * Every other unit kind is final and uses the VnTokType value.
 */
#define VN_UNIT_LETTERS		100 /* run of Latin letters (incl. Vietnamese) */

/*
 * The characters that chain the segments of a code ("covid-19", "tp.hcm",
 * "15/2020/nđ-cp"); the dictionary splits codes at the same ones.
 */
static inline bool
vn_is_code_joiner(unsigned char c)
{
	return c == '-' || c == '.' || c == '_' || c == '/';
}

/*
 * If normalized (lower-case) text s is a code, letters and digits joined by
 * single joiners with a letter somewhere, write it without its joiners to
 * out (room for len bytes) and return that length; otherwise return -1.
 */
extern int	vn_code_joined(const char *s, int len, char *out);

/*
 * The parts a date is also indexed by: each day as "d/m" without leading
 * zeros ("01/10/2026" -> "1/10"; "19-25/1" -> "19/1", "25/1"), and each
 * four-digit year ("2026").  s is a date token as the scanner finds it
 * ("30/10", "30-10-2026", "2026-10-30", "30/10-1/11"); returns the number
 * of parts written to parts, 0 if s is no date.
 */
#define VN_DATE_MAX_PARTS	4
typedef struct VnDatePart
{
	char		text[8];		/* NUL-terminated */
	int			len;
} VnDatePart;

extern int	vn_date_parts(const char *s, int len, VnDatePart *parts);

/*
 * The one spelling of a date token that the dictionary indexes instead of
 * the written form: days and months without leading zeros, joined by '/',
 * day first ("30-10-2026", "2026-10-30", "30.10.2026" -> "30/10/2026";
 * "01/10" -> "1/10"; ranges keep their '-': "19-25/01" -> "19-25/1").
 * Writes to out (room for len + 1 bytes) and returns the length if that
 * differs from s, otherwise -1 (also when s is no date).
 */
extern int	vn_date_canonical(const char *s, int len, char *out);

/*
 * One spelling for numbers and clock times written in several ways, which
 * the dictionary indexes instead of the written form: dots between groups
 * of thousands dropped ("1.000.000" -> "1000000", "1.000,5" -> "1000,5"),
 * a decimal point written as a comma ("3.5" -> "3,5", also in "3.5%" and
 * "1,000.25" -> "1000,25"), and a time as hours without a leading zero, 'h'
 * and minutes unless they are zero ("14:30", "14g30" -> "14h30"; "08:00",
 * "8h00" -> "8h").  Writes to out (room for len bytes) and returns the
 * length if that differs from s, otherwise -1.  Groups of three after a
 * comma alone ("1,500") stay as written: Vietnamese reads that as a
 * decimal, English as thousands.
 */
extern int	vn_number_canonical(const char *s, int len, char *out);

/*
 * A whole number glued to its unit of measurement, as the scanner keeps it
 * in one code ("100km", "50m2", "500g", "20GB"): the number of digits, or
 * -1.  s is the token as written, since case tells a unit from a name
 * ("500g" is a weight, "5G" a network, "4K" a screen).
 */
extern int	vn_measure_number_len(const char *s, int len);

/* unit flags */
#define VN_UF_CAP			0x01	/* LETTERS: first letter is uppercase */
#define VN_UF_ALLCAP		0x02	/* LETTERS: every letter uppercase (>= 2) */
#define VN_UF_MARKED		0x04	/* LETTERS: has a Vietnamese diacritic */
#define VN_UF_NONNFC		0x08	/* LETTERS: combining marks (NFD), soft hyphen */
#define VN_UF_NEWLINE		0x10	/* SPACE: contains a line break */
#define VN_UF_SENTEND		0x20	/* PUNCT: ends a sentence (. ! ? …) */

typedef struct VnUnit
{
	size_t		start;			/* byte offset into the text */
	size_t		len;			/* byte length, > 0 */
	int			kind;			/* VnTokType or VN_UNIT_LETTERS */
	int			flags;			/* VN_UF_* */
} VnUnit;

/*
 * Scan the unit that starts at text[pos] (pos < len).  Always consumes at
 * least one byte; invalid UTF-8 bytes come out as VN_TOK_PUNCT units.
 * Returns the unit's length.
 */
extern size_t vn_scan_unit(const char *text, size_t len, size_t pos,
						   VnUnit *unit);
/*
 * The same without the fast path for plain words and single spaces: the
 * general rules, kept so that tests can check that both give the same
 * units for every input.
 */
extern size_t vn_scan_unit_reference(const char *text, size_t len,
									 size_t pos, VnUnit *unit);

/* ---- UTF-8 and character classes (vnutf8.c) ---- */

/*
 * Decode one code point at s (n bytes available).  Returns its byte length
 * (1..4) and stores the code point, or returns 1 and stores -1 for an
 * invalid or truncated sequence.
 */
extern int	vn_utf8_decode(const unsigned char *s, size_t n, int32_t *cp);
extern int	vn_utf8_encode(int32_t cp, char *out);	/* returns 1..4 */
extern bool vn_utf8_valid(const char *s, size_t n);

/*
 * Vietnamese letters.  Every precomposed Vietnamese letter decomposes into
 * a base letter (a-z or đ), a vowel modifier (breve, circumflex, horn) and a
 * tone.  Returns false for a code point that is not a Latin letter of the
 * Vietnamese alphabet (any case).
 */
typedef enum VnTone
{
	VN_TONE_NONE = 0,
	VN_TONE_GRAVE,				/* huyền */
	VN_TONE_ACUTE,				/* sắc */
	VN_TONE_HOOK,				/* hỏi */
	VN_TONE_TILDE,				/* ngã */
	VN_TONE_DOT					/* nặng */
} VnTone;

typedef enum VnMod
{
	VN_MOD_NONE = 0,
	VN_MOD_BREVE,				/* ă */
	VN_MOD_CIRC,				/* â ê ô */
	VN_MOD_HORN,				/* ơ ư */
	VN_MOD_STROKE				/* đ */
} VnMod;

typedef struct VnLetter
{
	char		base;			/* lowercase ASCII base letter 'a'..'z' */
	uint8_t		mod;			/* VnMod */
	uint8_t		tone;			/* VnTone */
	bool		upper;
} VnLetter;

extern bool vn_letter_decompose(int32_t cp, VnLetter *l);
extern int32_t vn_letter_compose(const VnLetter *l);	/* -1 if none */

/* ---- Normalization (vnnorm.c) ---- */

/* Worst-case output size in bytes for an input of len bytes. */
#define VN_NORM_BOUND(len)	((len) * 3 + 16)

/*
 * vn_normalize: NFC, full Unicode case folding (locale-independent), and one
 * canonical tone placement per syllable (hoà -> hòa, thuỷ -> thủy,
 * qúy -> quý); eth is đ (Ðảng -> đảng) and U+2019 and U+02BC are the
 * apostrophe (M’gar -> m'gar).  Writes at most VN_NORM_BOUND(len) bytes to
 * out (no NUL) and returns the output length, or -1 if ICU failed.
 * Invalid UTF-8 bytes are dropped.
 */
extern int	vn_normalize(const char *in, size_t len, char *out);

/*
 * The same without the fast path for ASCII and precomposed Vietnamese
 * letters: the general code, kept so that tests can check that both give
 * the same bytes for every input.
 */
extern int	vn_normalize_reference(const char *in, size_t len, char *out);

/*
 * vn_fold: strip diacritics from normalized text: Vietnamese tones and vowel
 * modifiers, đ -> d, the accents of other Latin letters (ö -> o, ø -> o),
 * and combining marks left after a letter.  Every change shortens the
 * text, so the output is shorter than the input exactly when vn_has_marks().
 * Returns the output length.
 */
extern int	vn_fold(const char *in, size_t len, char *out);

/*
 * Byte length of the whitespace character at s (ASCII space and tab,
 * U+00A0, U+2000-U+200D, U+202F, U+205F, U+2060, U+3000, U+FEFF), or 0.
 * These are what may separate the syllables of one word.
 */
extern int	vn_space_at(const char *s, size_t n);

/* true if normalized text contains a diacritic (vn_fold changes it) */
extern bool vn_has_marks(const char *in, size_t len);

/*
 * Vietnamese writes some syllables with i or y alike ("tỉ lệ" / "tỷ lệ",
 * "bác sĩ" / "bác sỹ", "kì" / "kỳ", "qui định" / "quy định"): after h, k,
 * l, m, s, t and qu, when i is the whole rhyme.  If normalized syllable s
 * is such a syllable written with i, write its y spelling to out (room for
 * len + 1 bytes) and return its length; otherwise return -1.
 */
extern int	vn_iy_variant(const char *s, size_t len, char *out);

/* the other way: the i spelling of such a syllable written with y */
extern int	vn_yi_variant(const char *s, size_t len, char *out);

/*
 * Shaped like such a syllable: h, k, l, m, s, t or qu, then 1 to 3 bytes
 * (one vowel with its tone).  Returns the onset's length, else 0; a cheap
 * test that lets callers skip most syllables without a call.
 */
static inline int
vn_iy_onset(const char *s, size_t len)
{
	size_t		onset;

	if (len >= 2 && s[0] == 'q' && s[1] == 'u')
		onset = 2;
	else if (len >= 1 && (s[0] == 'h' || s[0] == 'k' || s[0] == 'l' ||
						  s[0] == 'm' || s[0] == 's' || s[0] == 't'))
		onset = 1;
	else
		return 0;
	return (len - onset >= 1 && len - onset <= 3) ? (int) onset : 0;
}

/*
 * Is s (folded, lowercase ASCII) shaped like a Vietnamese syllable: an
 * onset, a nucleus and a coda that Vietnamese spelling allows?
 */
extern bool vn_is_viet_syllable(const char *s, size_t n);

/* ---- Compiled lexicon (vnlexicon.c) ---- */

/*
 * The compiled lexicon is one read-only file (tsearch_data/vietnamese.lex)
 * that every backend maps with mmap(), so it is shared through the page
 * cache.  vn_lexicon_open() validates the header, version, size and
 * checksum; on failure it returns NULL with a message naming the file and
 * the problem in errbuf.
 */
typedef struct VnLexicon VnLexicon;

extern VnLexicon *vn_lexicon_open(const char *path, char *errbuf,
								  size_t errlen);
extern void vn_lexicon_close(VnLexicon *lex);

/* Same, over a buffer already in memory (tests, fuzzing).  Not copied. */
extern VnLexicon *vn_lexicon_from_buffer(const void *buf, size_t len,
										 char *errbuf, size_t errlen);

/* Number of words, for diagnostics. */
extern size_t vn_lexicon_nwords(const VnLexicon *lex);

/*
 * Is this normalized text (syllables separated by single spaces) a word of
 * the lexicon?  Matches the exact form, or with fold=true the
 * diacritic-folded form.
 */
extern bool vn_lexicon_has_word(const VnLexicon *lex, const char *norm,
								size_t len, bool fold);

/*
 * A name typed as one word without diacritics ("hanoi", "vietnam",
 * "hochiminh"): if s (len bytes of lowercase a-z, not itself a Vietnamese
 * syllable) splits into 2 to VN_JOINED_NAME_MAX Vietnamese syllables whose
 * folded form is a learned name (VN_LEX_F_NAME), write those syllables
 * separated by spaces to out (room for len + VN_JOINED_NAME_MAX bytes) and
 * return their length; else -1.  Of several such splits, the name seen
 * most often in training wins.
 */
#define VN_JOINED_NAME_MAX	4
extern int	vn_lexicon_joined_name(const VnLexicon *lex, const char *s,
								   size_t len, char *out);

/*
 * A word of several syllables written together with its diacritics
 * ("ôtô", "đôla", "bêtông"): if normalized s, marked and with a vowel
 * after a consonant after a vowel (which no one syllable has), splits into
 * 2 to VN_JOINED_NAME_MAX Vietnamese syllables that are a word of the
 * lexicon in their exact form, write them separated by spaces to out (room
 * for len + VN_JOINED_NAME_MAX bytes) and return their length; else -1.
 */
extern int	vn_lexicon_joined_word(const VnLexicon *lex, const char *s,
								   size_t len, char *out);

/*
 * Internals shared by the segmenter, the compiler (tools/vn_lexcompile.c)
 * and the trainer (tools/vn_train.c).
 *
 * Words are keyed by a 64-bit hash of their syllables' hashes; exact and
 * folded forms share one table (an all-unmarked word is both), and each
 * proper prefix of a word is stored too, so a span walk can stop early.
 * The value is a set of VN_LEX_* bits.
 */
#define VN_LEX_V74K			0x0001	/* exact form is in the base word list */
#define VN_LEX_LEARNED		0x0002	/* exact form is a learned word */
#define VN_LEX_PREFIX		0x0004	/* exact form is a prefix of a longer word */
#define VN_LEX_F_V74K		0x0010	/* same three, for the folded form */
#define VN_LEX_F_LEARNED	0x0020
#define VN_LEX_F_PREFIX		0x0040
#define VN_LEX_F_NAME		0x0080	/* folded form is a learned name */
#define VN_LEX_CNT_SHIFT	8		/* 4 bits: log2 bucket of learned count */
#define VN_LEX_F_CNT_SHIFT	12		/* same, folded */
#define VN_LEX_JOIN_SHIFT	16		/* 4 bits: syllable pair, 1 + 8ths joined */
#define VN_LEX_SEEN_SHIFT	20		/* 4 bits: log2 bucket of pair count */
#define VN_LEX_F_JOIN		0x01000000	/* folded pair, mostly one word in
										 * text with diacritics */
#define VN_LEX_F_NAMEJOIN	0x02000000	/* folded pair, mostly capitalised in
										 * one word inside a sentence */
#define VN_LEX_NAMEWORD		0x04000000	/* exact form (lowercase) is mostly
										 * capitalised inside a name in news */
#define VN_LEX_F_NAMEWORD	0x08000000	/* same, for the folded form */
#define VN_LEX_NAMEPART		0x10000000	/* a foreign syllable alone: part of
										 * such a name ("madrid") */
#define VN_LEX_F_NAMEFOLD	0x20000000	/* folded form of an exact one ("to
										 * lam" of "tô lâm") */
#define VN_LEX_NAMEJOIN		0x40000000	/* exact pair, as VN_LEX_F_NAMEJOIN,
										 * where the folded one is not */
/* the bits a word span takes from its folded key */
#define VN_LEX_F_ALL		(VN_LEX_F_V74K | VN_LEX_F_LEARNED | VN_LEX_F_PREFIX | \
							 (15u << VN_LEX_F_CNT_SHIFT) | VN_LEX_F_JOIN | \
							 VN_LEX_F_NAMEJOIN | VN_LEX_F_NAMEWORD | \
							 VN_LEX_F_NAMEFOLD)

/* Feature-set version: weights are only valid for the code that made them. */
#define VN_SEG_FEATURE_VERSION	7

static inline uint64_t
vn_hash_mix(uint64_t h)
{
	h ^= h >> 33;
	h *= UINT64_C(0xff51afd7ed558ccd);
	h ^= h >> 33;
	h *= UINT64_C(0xc4ceb9fe1a85ec53);
	h ^= h >> 33;
	return h;
}

/* Hash of a byte string (a normalized syllable). */
static inline uint64_t
vn_hash_bytes(const char *s, size_t n)
{
	uint64_t	h = UINT64_C(0xcbf29ce484222325);

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char) s[i]) * UINT64_C(0x100000001b3);
	return vn_hash_mix(h ^ n);
}

/* Word key: start from VN_WORDKEY_SEED, fold in each syllable's hash. */
#define VN_WORDKEY_SEED		UINT64_C(0x9e3779b97f4a7c15)
static inline uint64_t
vn_wordkey_step(uint64_t key, uint64_t sylhash)
{
	return vn_hash_mix(key ^ (sylhash + UINT64_C(0x632be59bd9b4e019) +
							  (key << 6) + (key >> 2)));
}

/* VN_LEX_* bits of a word key, 0 if absent. */
extern uint32_t vn_lexicon_lookup(const VnLexicon *lex, uint64_t key);

/* Learned weight of a feature key, 0 if absent. */
extern float vn_lexicon_weight(const VnLexicon *lex, uint64_t key);

/* VN_LEX_* bits of n word keys (same as n calls, but the misses overlap). */
extern void vn_lexicon_lookups(const VnLexicon *lex, const uint64_t *keys,
							   int n, uint32_t *out);

/* Weights of n feature keys (same as n calls, but the misses overlap). */
extern void vn_lexicon_weights(const VnLexicon *lex, const uint64_t *keys,
							   int n, float *out);

/*
 * Syllable records: for each spelling of the lexicon's syllables that text
 * commonly has (lowercase and capitalised, with and without diacritics),
 * the compiler stores what the tokenizer would compute and cache for it
 * (vn_seg_syllable_record), so that backends share it through the mapped
 * file instead of each computing it into its own cache.  For each of n
 * hashes (vnsegment.c's hash of the spelling; 0: none), the record stored
 * under it or NULL; the caller checks that the record is its spelling.
 */
extern void vn_lexicon_syllables(const VnLexicon *lex, const uint64_t *hashes,
								 int n, const void **out);

/*
 * A view of lex without its syllable records, for tests and benchmarks;
 * close it before lex.  NULL if out of memory.
 */
extern VnLexicon *vn_lexicon_without_records(const VnLexicon *lex);

/* Is there a model (weights) in this lexicon? */
extern bool vn_lexicon_has_model(const VnLexicon *lex);

/*
 * With a model: the dense weight tables (see vn_seg_dense_fill), else NULL.
 * The compiler stores them after the weight table; they are the same
 * weights, indexed by feature value instead of by hashed key.
 */
extern const float *vn_lexicon_dense(const VnLexicon *lex);

/*
 * Segmenter side of the dense tables (vnsegment.c): how many floats, and
 * fill them from a weight function (the builder passes the finished
 * weight table's lookup).
 */
extern size_t vn_seg_dense_count(void);
extern void vn_seg_dense_fill(float *out,
							  float (*weight) (void *arg, uint64_t key),
							  void *arg);

/*
 * Building a lexicon image in memory (compiler, trainer, tests).  Words are
 * normalized here; syllables are separated by spaces.  add_word returns
 * false (and ignores the word) if it is empty, has more than
 * VN_MAX_WORD_SYLLABLES syllables or characters other than letters.
 */
typedef struct VnLexBuilder VnLexBuilder;

extern VnLexBuilder *vn_lexbuild_create(void);

/*
 * Enter the other spellings of words with i/y syllables ("bác sĩ" also as
 * "bác sỹ"); on by default.  The trainer turns it off: the model is
 * learned on the word list as given, and retrained with the extra
 * spellings it scored worse on dev (95.66% against 95.79%), while the
 * compiled lexicon with them scores 95.84%.
 */
extern void vn_lexbuild_set_iy_spellings(VnLexBuilder *b, bool on);
extern bool vn_lexbuild_add_word(VnLexBuilder *b, const char *word,
								 size_t len, bool learned, uint32_t count);
extern void vn_lexbuild_add_weight(VnLexBuilder *b, uint64_t key, float w);

/*
 * Mark an added word as a name (its folded form gets VN_LEX_F_NAME): the
 * compiler does so for learned words written capitalised in most of their
 * occurrences.  False if the word was not added before.
 */
extern bool vn_lexbuild_add_name(VnLexBuilder *b, const char *word,
								 size_t len);

/* A syllable pair seen `total` times in gold text, `joined` inside a word. */
extern bool vn_lexbuild_add_pair(VnLexBuilder *b, const char *pair,
								 size_t len, uint32_t joined, uint32_t total);

/*
 * Mark a two-syllable word to be kept whole in text typed without
 * diacritics (VN_LEX_F_JOIN on its folded form; pair may be written with
 * or without them).  False unless that folded form is already a word of
 * the lexicon.
 */
extern bool vn_lexbuild_add_folded_join(VnLexBuilder *b, const char *pair,
										size_t len);

/*
 * Mark a pair of syllables as the start of a name when both are
 * capitalised at the start of a sentence: with fold its folded form
 * (VN_LEX_F_NAMEJOIN), else its exact form (VN_LEX_NAMEJOIN, used in text
 * with diacritics only); entered if need be, with the first syllable
 * marked a prefix so that the word spans reach it, but no word bits, so no
 * feature sees it.
 */
extern bool vn_lexbuild_add_name_join(VnLexBuilder *b, const char *pair,
									  size_t len, bool fold);

/*
 * A name (or part of one) of 2 to VN_SEG_MAXSPAN syllables that news text
 * writes capitalised inside one name in nearly all its occurrences, by its
 * exact form (VN_LEX_NAMEWORD) or with fold its folded form
 * (VN_LEX_F_NAMEWORD); the segmenter keeps it whole when typed in
 * lowercase.  Its prefixes become prefixes, so that the word spans walk on
 * to it.
 */
extern bool vn_lexbuild_add_name_word(VnLexBuilder *b, const char *name,
									  size_t len, bool fold);

/*
 * Segmenter side of the syllable records (vnsegment.c): their size, and
 * the record of one spelling with its hash (false if the tokenizer would
 * not cache that spelling).
 */
extern size_t vn_seg_syllable_record_size(void);
extern bool vn_seg_syllable_record(const VnLexicon *lex, const char *raw,
								   size_t len, void *rec, uint64_t *hash);

/* malloc'd image; *len gets its size.  NULL if out of memory. */
extern void *vn_lexbuild_finish(VnLexBuilder *b, size_t *len);
extern void vn_lexbuild_free(VnLexBuilder *b);

/* ---- User words (vnsegment.c) ---- */

/*
 * Words users add at run time (new names, terms, brands).  The segmenter
 * keeps a user word whole wherever it occurs, matched after normalization
 * (and diacritic-insensitively when the text has no marks).
 */
typedef struct VnUserLex VnUserLex;

extern VnUserLex *vn_userlex_create(void);
extern void vn_userlex_free(VnUserLex *ulex);

/*
 * Add a word (1..VN_MAX_WORD_SYLLABLES syllables of letters or digits).
 * Returns NULL on success, or a static message saying why it is invalid.
 */
extern const char *vn_userlex_add(VnUserLex *ulex, const char *word,
								  size_t len);

/* ---- Tokenizer: scanner + segmenter (vnsegment.c) ---- */

#define VN_MAX_WORD_SYLLABLES	8

typedef struct VnToken
{
	size_t		start;			/* byte offset into the text */
	size_t		len;			/* byte length, spaces inside words included */
	int			type;			/* VnTokType */
	int			nsyl;			/* syllables in WORD/NAME/SYLLABLE, else 0 */
} VnToken;

/*
 * The tokenizer works in bounded windows of syllables, so its state has a
 * fixed size (vn_tokenizer_size()) that the caller allocates; it allocates
 * nothing itself.  lex may be NULL (every syllable is then a word of its
 * own); ulex may be NULL.  text must stay valid until the last call.
 */
typedef struct VnTokenizer VnTokenizer;

extern size_t vn_tokenizer_size(void);
extern void vn_tokenizer_init(VnTokenizer *tz, const VnLexicon *lex,
							  const VnUserLex *ulex,
							  const char *text, size_t len);

/*
 * Restart a tokenizer that vn_tokenizer_init() set up on a new text, with
 * the same lexicon, user words and hook.  Keeps the syllable cache, so many
 * short texts (titles) do not pay for clearing it and share its hits; it
 * does O(1) work.  Valid only while the lexicon and the user word list
 * given to vn_tokenizer_init() are unchanged: if either is replaced,
 * modified or freed, call vn_tokenizer_init() again.
 */
extern void vn_tokenizer_reset(VnTokenizer *tz, const char *text, size_t len);

/*
 * Next token; returns false at the end of the text.  Tokens cover the text
 * without gaps or overlaps, so concatenating them gives the input back.
 * Each call does work bounded by the window size, so callers can check for
 * interrupts between calls.
 */
extern bool vn_tokenizer_next(VnTokenizer *tz, VnToken *tok);

/*
 * Training support (tools/vn_train.c), so that feature keys are computed by
 * the same code at training and at run time.  The tokenizer groups letter
 * runs into windows (VnSegRun) and tags each syllable 1 (a word begins
 * here) or 0 (continues the previous word).  With a hook set, the hook
 * chooses the tags instead of the model.
 */
#define VN_SEG_WINDOW		128 /* syllables per window */
#define VN_SEG_MAXFEAT		32	/* feature keys per syllable, at most */

typedef struct VnSegRun VnSegRun;
typedef void (*VnSegHook) (void *arg, const VnSegRun *run, uint8_t *tags);

extern void vn_tokenizer_set_hook(VnTokenizer *tz, VnSegHook hook,
								  void *arg);

/*
 * Whether the boundaries where the model all but always begins a word
 * (next to a lowercase Vietnamese syllable with no lexicon word across;
 * in text with diacritics also between two lowercase syllables with no
 * exact word across, or a pair seldom joined in the gold text; see
 * force_plain_boundaries) are forced to begin one (vn_segrun_forced() 1)
 * instead of being decided by the model or the hook; on after
 * vn_tokenizer_init().  The model begins a word at all but about 2 in
 * 10,000 of them and they are two thirds of the boundaries of news, so
 * this saves most of the decoder's work.  The same switch keeps whole
 * (forced 0) the pairs marked VN_LEX_F_JOIN in text without diacritics,
 * and a sentence's first two syllables, both capitalised, if marked
 * VN_LEX_F_NAMEJOIN.  The trainer turns it off: a model trained without
 * those boundaries segments worse.
 */
extern void vn_tokenizer_set_plain_rule(VnTokenizer *tz, bool on);
extern int	vn_segrun_length(const VnSegRun *run);
extern size_t vn_segrun_start(const VnSegRun *run, int i);	/* byte offset */

/* forced tag of syllable i (0 or 1), or -1 if the model decides */
extern int	vn_segrun_forced(const VnSegRun *run, int i);

/* keys of the features that fire if syllable i (>= 1) begins a word */
extern int	vn_segrun_features(const VnSegRun *run, int i, uint64_t *keys);

/*
 * Word candidates: keys of the VN_SEG_SPANFEAT features that fire if
 * syllables j .. j+L-1 are one word (1 <= L <= VN_SEG_MAXSPAN, j+L <= n).
 * The decoder scores each word of a segmentation with them (semi-Markov).
 */
#define VN_SEG_MAXSPAN		4
#define VN_SEG_SPANFEAT		4
extern int	vn_segrun_span_features(const VnSegRun *run, int j, int L,
									uint64_t *keys);

/* key of the transition feature prev tag -> cur tag */
extern uint64_t vn_segrun_transition(const VnSegRun *run, int prev, int cur);

/*
 * Best tags (Viterbi) under a weight function; honours forced tags and
 * VN_MAX_WORD_SYLLABLES.
 */
extern void vn_segrun_decode(const VnSegRun *run,
							 float (*weight) (void *arg, uint64_t key),
							 void *arg, uint8_t *tags);

#endif							/* VNCORE_H */
