/*-------------------------------------------------------------------------
 *
 * vnlexicon.c
 *	  The compiled lexicon: one read-only file that every backend maps.
 *
 * Layout (all integers native-endian, file size a multiple of 8):
 *
 *	header (80 bytes)		magic, format and feature-set versions, total
 *							size, checksum of everything after the header,
 *							word count, table offsets and sizes
 *	word table				open addressing, power-of-two slots of
 *							{uint32 fingerprint, uint32 VN_LEX_* bits}
 *	weight table			same shape, {uint32 fingerprint, float weight}
 *	dense weights			(with a model) vn_seg_dense_count() floats: the
 *							weights of the segmenter's features whose
 *							values come from a small domain (shapes, span
 *							lengths, lexicon bits), laid out by
 *							vn_seg_dense_fill() so the tokenizer indexes
 *							them instead of hashing and probing
 *	weight filter			(with a model, at a 64-byte boundary after the
 *							dense weights) a Bloom filter of the weight
 *							keys, bloom_words(nweights) 64-bit words, a
 *							key's four bits all in one word: most feature
 *							keys the segmenter asks for have no weight, and
 *							the filter (12 bits a key, so it stays in the
 *							CPU cache) says so without touching the much
 *							larger table
 *	word filter				(at a 64-byte boundary after the rest) the same
 *							kind of filter for the word keys, 8 bits per
 *							word slot: most syllable pairs are no word
 *	syllable records		(with a model, at a 64-byte boundary after the
 *							word filter) a table of the same shape as the
 *							others, {uint32 fingerprint, uint32 record
 *							number}, then the records, each what the
 *							tokenizer would cache for one spelling of a
 *							syllable (vn_seg_syllable_record), for the
 *							syllables of the words and pairs entered:
 *							lowercase, capitalised and in capitals, with
 *							and without diacritics, in either tone
 *							placement.  Shared through the page cache,
 *							they spare each backend normalizing, hashing
 *							and looking up the 97% of news syllables they
 *							cover.  Then a filter of their hashes,
 *							bloom_words(records) words, so that spellings
 *							without a record (foreign words) seldom probe
 *							the table.
 *
 * A word key is a 64-bit hash of its syllables' hashes (vncore.h); its low
 * bits pick the slot and its high 32 bits are the fingerprint stored there,
 * so about 50 bits of the key are compared.  A false match needs two keys
 * equal in those bits (odds near 2^-40 per lookup): harmless for
 * segmentation, and documented for vn_lexicon_has_word().  Nothing is
 * parsed at open time; we only check the header and the checksum, so a
 * backend's first lookup costs a few page faults.
 *
 * Copyright (c) 2026, vietnamese_fts authors
 *
 *-------------------------------------------------------------------------
 */
#include "vncore.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define VN_LEX_MAGIC		"VNLEX\0\r\n"
#define VN_LEX_FORMAT		4
#define VN_LEX_HEADER_SIZE	80

#ifndef MIN
#define MIN(a, b)	((a) < (b) ? (a) : (b))
#endif

typedef struct VnLexHeader
{
	char		magic[8];
	uint32_t	format;
	uint32_t	feature_version;
	uint64_t	total_size;
	uint64_t	checksum;
	uint64_t	nwords;
	uint32_t	words_off;
	uint32_t	words_nslots;
	uint32_t	wts_off;
	uint32_t	wts_nslots;		/* 0: no model */
	uint32_t	nweights;
	uint32_t	dense_off;		/* with a model: vn_seg_dense_count() floats */
	uint32_t	syl_off;		/* syllable record table */
	uint32_t	syl_nslots;		/* 0: no records */
	uint32_t	syl_nrecs;
	uint32_t	syl_recsize;	/* vn_seg_syllable_record_size() */
} VnLexHeader;

struct VnLexicon
{
	const unsigned char *base;
	size_t		size;
	bool		mapped;
	const uint32_t *words;
	uint32_t	wmask;
	const uint32_t *wts;
	uint32_t	tmask;
	const float *dense;
	const uint64_t *bloom;
	uint32_t	nbloom;			/* words of the weight filter */
	const uint64_t *wbloom;		/* word filter */
	uint32_t	nwbloom;
	uint64_t	nwords;
	const uint32_t *syl;		/* syllable record table, or NULL */
	uint32_t	smask;
	uint32_t	snrecs;
	const unsigned char *srecs;
	size_t		srecsize;
	const uint64_t *sbloom;		/* filter of the records' hashes */
	uint32_t	nsbloom;
};

#define BLOOM_BITS_PER_KEY	12

static inline uint32_t
bloom_words(uint64_t nkeys)
{
	return (uint32_t) ((nkeys * BLOOM_BITS_PER_KEY + 63) / 64) + 1;
}

/* the records' filter follows them */
static inline uint64_t
sbloom_offset(uint64_t syl_off, uint64_t nslots, uint64_t nrecs,
			  uint64_t recsize)
{
	return syl_off + nslots * 8 + nrecs * recsize;
}

/* the filter follows the dense weights, at a 64-byte boundary */
static inline uint64_t
bloom_offset(uint64_t dense_off)
{
	return (dense_off + vn_seg_dense_count() * sizeof(float) + 63) / 64 * 64;
}

/* the word filter: its size, and its place after everything else */
static inline uint32_t
wbloom_words(uint32_t words_nslots)
{
	return words_nslots / 8 + 1;
}

static inline uint64_t
wbloom_offset(const VnLexHeader *h)
{
	uint64_t	end;

	if (h->wts_nslots)
		end = bloom_offset(h->dense_off) + (uint64_t) bloom_words(h->nweights) * 8;
	else
		end = h->words_off + (uint64_t) h->words_nslots * 8;
	return (end + 63) / 64 * 64;
}

/*
 * The word from the key's high half (scaled, not masked, so any number of
 * words works), its four bits from 24 low bits: keys are outputs of
 * vn_hash_mix, so these are independent enough.  One word per key makes
 * the test one load and a compare (with four bits in a 512-bit block it
 * took four of each and about 40 instructions).  Over news text, at 12
 * bits a key, the weight filter lets through 1.1% of the absent keys the
 * tokenizer asks for (the block filter at 10 bits: 1.3%).
 */
static inline const uint64_t *
bloom_word(const uint64_t *bloom, uint32_t nwords, uint64_t key)
{
	return bloom + (size_t) (((key >> 32) * nwords) >> 32);
}

static inline uint64_t
bloom_mask(uint64_t key)
{
	return UINT64_C(1) << (key & 63) |
		UINT64_C(1) << ((key >> 6) & 63) |
		UINT64_C(1) << ((key >> 12) & 63) |
		UINT64_C(1) << ((key >> 18) & 63);
}

/*
 * Without branches: when most keys are absent, which key passes is
 * unpredictable, and early exits would mispredict on a large share of them
 * (the batched lookups test many keys in a row).
 */
static inline bool
bloom_maybe(const uint64_t *word, uint64_t key)
{
	uint64_t	m = bloom_mask(key);

	return (*word & m) == m;
}

/*
 * Four independent multiply lanes over 64-bit words, so the loop runs at
 * memory speed rather than at multiply latency.  The lanes are written out
 * in four variables: as an array in an inner loop, GCC at -O2 kept them in
 * memory, and the checksum ran at a third of the speed (every backend pays
 * it once, at its first use of the lexicon).
 */
#define LEX_CHECKSUM_LANE(h, off) \
	do { \
		memcpy(&w, p + i + (off), 8); \
		(h) = ((h) ^ w) * K; \
		(h) ^= (h) >> 29; \
	} while (0)

static uint64_t
lex_checksum(const unsigned char *p, size_t n)
{
	uint64_t	h0 = 1,
				h1 = 2,
				h2 = 3,
				h3 = 4;
	const uint64_t K = UINT64_C(0x9fb21c651e98df25);
	size_t		i = 0;
	uint64_t	w;

	for (; i + 32 <= n; i += 32)
	{
		LEX_CHECKSUM_LANE(h0, 0);
		LEX_CHECKSUM_LANE(h1, 8);
		LEX_CHECKSUM_LANE(h2, 16);
		LEX_CHECKSUM_LANE(h3, 24);
	}
	for (; i + 8 <= n; i += 8)
		LEX_CHECKSUM_LANE(h0, 0);
	for (; i < n; i++)
		h1 = (h1 ^ p[i]) * K;
	return vn_hash_mix(h0 ^ vn_hash_mix(h1 ^ vn_hash_mix(h2 ^
														 vn_hash_mix(h3 ^ n))));
}

static inline uint32_t
key_fp(uint64_t key)
{
	uint32_t	fp = (uint32_t) (key >> 32);

	return fp ? fp : 1;
}

/*
 * Linear probing.  The first two slots are read before anything is tested,
 * and whether the probe goes on is one test: at the tables' load (up to
 * 0.7) whether a key sits in its first slot or its second is
 * unpredictable, and a branch per slot was mispredicted on a large share
 * of the tokenizer's millions of lookups.
 */
static inline const uint32_t *
table_find(const uint32_t *tab, uint32_t mask, uint64_t key)
{
	uint32_t	fp = key_fp(key);
	uint32_t	i = (uint32_t) key & mask;
	const uint32_t *e0 = tab + 2 * (size_t) i;
	const uint32_t *e1 = tab + 2 * (size_t) ((i + 1) & mask);
	const uint32_t *hit;

	hit = (e0[0] != 0 && e1[0] == fp) ? e1 : NULL;
	hit = (e0[0] == fp) ? e0 : hit;
	if (((e0[0] != fp) & (e0[0] != 0) & (e1[0] != fp) & (e1[0] != 0)) == 0)
		return hit;

	/* bounded even if a crafted file had a full table */
	i = (i + 2) & mask;
	for (uint32_t n = 2; n <= mask; n++)
	{
		const uint32_t *e = tab + 2 * (size_t) i;

		if (e[0] == fp)
			return e;
		if (e[0] == 0)
			return NULL;
		i = (i + 1) & mask;
	}
	return NULL;
}

uint32_t
vn_lexicon_lookup(const VnLexicon *lex, uint64_t key)
{
	const uint32_t *e;

	if (!bloom_maybe(bloom_word(lex->wbloom, lex->nwbloom, key), key))
		return 0;
	e = table_find(lex->words, lex->wmask, key);

	return e ? e[1] : 0;
}

float
vn_lexicon_weight(const VnLexicon *lex, uint64_t key)
{
	const uint32_t *e;
	float		w;

	if (lex->wts == NULL)
		return 0.0f;
	if (lex->bloom &&
		!bloom_maybe(bloom_word(lex->bloom, lex->nbloom, key), key))
		return 0.0f;
	e = table_find(lex->wts, lex->tmask, key);
	if (e == NULL)
		return 0.0f;
	memcpy(&w, &e[1], sizeof(w));
	return w;
}

/*
 * Weights of many keys at once.  The slots are prefetched a few keys
 * ahead, so the cache misses of independent lookups overlap instead of
 * being paid one after the other; the segmenter asks for a whole window's
 * features in one call.
 */
#define PREFETCH_AHEAD	12

void
vn_lexicon_weights(const VnLexicon *lex, const uint64_t *keys, int n,
				   float *out)
{
	int			cand[64];
	const uint64_t *blk[64];	/* each key's filter word */

	if (lex->wts == NULL)
	{
		for (int i = 0; i < n; i++)
			out[i] = 0.0f;
		return;
	}

	/*
	 * In chunks: the filter first (it is small and cached), and the table
	 * slots of the keys that pass it are prefetched together, then read.
	 */
	for (int c0 = 0; c0 < n; c0 += 64)
	{
		int			cn = n - c0 < 64 ? n - c0 : 64;
		int			nc = 0;

		if (lex->bloom)
			for (int i = c0; i < c0 + cn; i++)
			{
				blk[i - c0] = bloom_word(lex->bloom, lex->nbloom, keys[i]);
				__builtin_prefetch(blk[i - c0]);
			}
		for (int i = c0; i < c0 + cn; i++)
		{
			out[i] = 0.0f;
			cand[nc] = i;
			nc += lex->bloom ? bloom_maybe(blk[i - c0], keys[i]) : 1;
		}
		for (int q = 0; q < nc; q++)
			__builtin_prefetch(lex->wts + 2 * (size_t) ((uint32_t) keys[cand[q]] & lex->tmask));
		for (int q = 0; q < nc; q++)
		{
			int			i = cand[q];
			const uint32_t *e = table_find(lex->wts, lex->tmask, keys[i]);

			if (e != NULL)
				memcpy(&out[i], &e[1], sizeof(float));
		}
	}
}

/* VN_LEX_* bits of many word keys at once, filtered like the weights. */
void
vn_lexicon_lookups(const VnLexicon *lex, const uint64_t *keys, int n,
				   uint32_t *out)
{
	int			cand[64];
	const uint64_t *blk[64];

	for (int c0 = 0; c0 < n; c0 += 64)
	{
		int			cn = n - c0 < 64 ? n - c0 : 64;
		int			nc = 0;

		for (int i = c0; i < c0 + cn; i++)
		{
			blk[i - c0] = bloom_word(lex->wbloom, lex->nwbloom, keys[i]);
			__builtin_prefetch(blk[i - c0]);
		}
		for (int i = c0; i < c0 + cn; i++)
		{
			out[i] = 0;
			cand[nc] = i;
			nc += bloom_maybe(blk[i - c0], keys[i]);
		}
		for (int q = 0; q < nc; q++)
			__builtin_prefetch(lex->words + 2 * (size_t) ((uint32_t) keys[cand[q]] & lex->wmask));
		for (int q = 0; q < nc; q++)
		{
			int			i = cand[q];
			const uint32_t *e = table_find(lex->words, lex->wmask, keys[i]);

			if (e != NULL)
				out[i] = e[1];
		}
	}
}

VnLexicon *
vn_lexicon_without_records(const VnLexicon *lex)
{
	VnLexicon  *copy = malloc(sizeof(VnLexicon));

	if (copy == NULL)
		return NULL;
	*copy = *lex;
	copy->mapped = false;		/* closing it leaves the mapping alone */
	copy->syl = NULL;
	return copy;
}

void
vn_lexicon_syllables(const VnLexicon *lex, const uint64_t *hashes, int n,
					 const void **out)
{
	if (lex->syl == NULL)
	{
		for (int i = 0; i < n; i++)
			out[i] = NULL;
		return;
	}
	for (int i = 0; i < n; i++)
		__builtin_prefetch(bloom_word(lex->sbloom, lex->nsbloom, hashes[i]));
	for (int i = 0; i < n; i++)
	{
		const uint32_t *e = NULL;

		if (hashes[i] != 0 &&
			bloom_maybe(bloom_word(lex->sbloom, lex->nsbloom, hashes[i]), hashes[i]))
			e = table_find(lex->syl, lex->smask, hashes[i]);

		/* the record number is checked here, the rest by the segmenter */
		out[i] = (e != NULL && e[1] < lex->snrecs) ?
			lex->srecs + (size_t) e[1] * lex->srecsize : NULL;
	}
}

bool
vn_lexicon_has_model(const VnLexicon *lex)
{
	return lex->wts != NULL;
}

const float *
vn_lexicon_dense(const VnLexicon *lex)
{
	return lex->dense;
}

size_t
vn_lexicon_nwords(const VnLexicon *lex)
{
	return (size_t) lex->nwords;
}

static bool
is_pow2(uint32_t n)
{
	return n != 0 && (n & (n - 1)) == 0;
}

static bool
section_ok(uint64_t off, uint64_t nslots, uint64_t total)
{
	return off >= VN_LEX_HEADER_SIZE && off % 8 == 0 &&
		nslots <= (total - off) / 8;
}

VnLexicon *
vn_lexicon_from_buffer(const void *buf, size_t len, char *errbuf,
					   size_t errlen)
{
	const unsigned char *p = buf;
	VnLexHeader h;
	VnLexicon  *lex;

	if (len < VN_LEX_HEADER_SIZE)
	{
		snprintf(errbuf, errlen, "file is truncated (%zu bytes, header needs %d)",
				 len, VN_LEX_HEADER_SIZE);
		return NULL;
	}
	memcpy(&h, p, sizeof(h));
	if (memcmp(h.magic, VN_LEX_MAGIC, 8) != 0)
	{
		snprintf(errbuf, errlen, "not a compiled Vietnamese lexicon (bad magic)");
		return NULL;
	}
	if (h.format != VN_LEX_FORMAT)
	{
		snprintf(errbuf, errlen, "lexicon format version %u, expected %u",
				 h.format, VN_LEX_FORMAT);
		return NULL;
	}
	if (h.feature_version != VN_SEG_FEATURE_VERSION)
	{
		snprintf(errbuf, errlen,
				 "lexicon model was built for feature set %u, this code uses %u",
				 h.feature_version, VN_SEG_FEATURE_VERSION);
		return NULL;
	}
	if (h.total_size != len)
	{
		snprintf(errbuf, errlen,
				 "file is truncated or padded (%zu bytes, header says %llu)",
				 len, (unsigned long long) h.total_size);
		return NULL;
	}
	if (!is_pow2(h.words_nslots) ||
		!section_ok(h.words_off, h.words_nslots, len) ||
		(h.wts_nslots != 0 &&
		 (!is_pow2(h.wts_nslots) || !section_ok(h.wts_off, h.wts_nslots, len) ||
		  h.dense_off % 8 != 0 || h.dense_off < VN_LEX_HEADER_SIZE ||
		  bloom_offset(h.dense_off) + (uint64_t) bloom_words(h.nweights) * 8 > len)) ||
		wbloom_offset(&h) + (uint64_t) wbloom_words(h.words_nslots) * 8 > len)
	{
		snprintf(errbuf, errlen, "corrupted lexicon (table out of bounds)");
		return NULL;
	}
	if (h.syl_nslots != 0 &&
		(h.syl_recsize != vn_seg_syllable_record_size() ||
		 !is_pow2(h.syl_nslots) || h.syl_off % 64 != 0 ||
		 !section_ok(h.syl_off, h.syl_nslots, len) ||
		 sbloom_offset(h.syl_off, h.syl_nslots, h.syl_nrecs, h.syl_recsize) +
		 (uint64_t) bloom_words(h.syl_nrecs) * 8 > len))
	{
		snprintf(errbuf, errlen, "corrupted lexicon (syllable records out of bounds or of another size)");
		return NULL;
	}
	if (lex_checksum(p + VN_LEX_HEADER_SIZE, len - VN_LEX_HEADER_SIZE) !=
		h.checksum)
	{
		snprintf(errbuf, errlen, "corrupted lexicon (checksum mismatch)");
		return NULL;
	}

	lex = calloc(1, sizeof(VnLexicon));
	if (lex == NULL)
	{
		snprintf(errbuf, errlen, "out of memory");
		return NULL;
	}
	lex->base = p;
	lex->size = len;
	lex->words = (const uint32_t *) (p + h.words_off);
	lex->wmask = h.words_nslots - 1;
	lex->wbloom = (const uint64_t *) (p + wbloom_offset(&h));
	lex->nwbloom = wbloom_words(h.words_nslots);
	if (h.wts_nslots)
	{
		lex->wts = (const uint32_t *) (p + h.wts_off);
		lex->tmask = h.wts_nslots - 1;
		lex->dense = (const float *) (p + h.dense_off);
		lex->bloom = (const uint64_t *) (p + bloom_offset(h.dense_off));
		lex->nbloom = bloom_words(h.nweights);
	}
	if (h.syl_nslots)
	{
		lex->syl = (const uint32_t *) (p + h.syl_off);
		lex->smask = h.syl_nslots - 1;
		lex->snrecs = h.syl_nrecs;
		lex->srecs = p + h.syl_off + (size_t) h.syl_nslots * 8;
		lex->srecsize = h.syl_recsize;
		lex->sbloom = (const uint64_t *) (p + sbloom_offset(h.syl_off, h.syl_nslots,
															h.syl_nrecs, h.syl_recsize));
		lex->nsbloom = bloom_words(h.syl_nrecs);
	}
	lex->nwords = h.nwords;
	return lex;
}

VnLexicon *
vn_lexicon_open(const char *path, char *errbuf, size_t errlen)
{
	int			fd;
	struct stat st;
	void	   *map;
	VnLexicon  *lex;
	char		msg[256];

	fd = open(path, O_RDONLY);
	if (fd < 0)
	{
		snprintf(errbuf, errlen, "could not open lexicon file \"%s\": %s",
				 path, strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) != 0)
	{
		snprintf(errbuf, errlen, "could not stat lexicon file \"%s\": %s",
				 path, strerror(errno));
		close(fd);
		return NULL;
	}
	if (st.st_size < VN_LEX_HEADER_SIZE)
	{
		snprintf(errbuf, errlen,
				 "invalid lexicon file \"%s\": file is truncated (%lld bytes)",
				 path, (long long) st.st_size);
		close(fd);
		return NULL;
	}
	map = mmap(NULL, (size_t) st.st_size, PROT_READ, MAP_SHARED, fd, 0);
	close(fd);
	if (map == MAP_FAILED)
	{
		snprintf(errbuf, errlen, "could not map lexicon file \"%s\": %s",
				 path, strerror(errno));
		return NULL;
	}
	lex = vn_lexicon_from_buffer(map, (size_t) st.st_size, msg, sizeof(msg));
	if (lex == NULL)
	{
		snprintf(errbuf, errlen, "invalid lexicon file \"%s\": %s", path, msg);
		munmap(map, (size_t) st.st_size);
		return NULL;
	}
	lex->mapped = true;
	return lex;
}

void
vn_lexicon_close(VnLexicon *lex)
{
	if (lex == NULL)
		return;
	if (lex->mapped)
		munmap((void *) lex->base, lex->size);
	free(lex);
}

/*
 * Key of a normalized, space-separated word, exact or folded.  Returns the
 * number of syllables (0 if empty or too long).
 */
static int
word_key(const char *norm, size_t len, bool fold, uint64_t *keys)
{
	size_t		i = 0;
	int			n = 0;
	uint64_t	key = VN_WORDKEY_SEED;

	while (i < len)
	{
		size_t		s;
		char		fbuf[256];
		uint64_t	h;

		while (i < len && norm[i] == ' ')
			i++;
		if (i >= len)
			break;
		s = i;
		while (i < len && norm[i] != ' ')
			i++;
		if (n >= VN_MAX_WORD_SYLLABLES)
			return 0;
		if (fold && i - s <= sizeof(fbuf))
		{
			int			fl = vn_fold(norm + s, i - s, fbuf);

			h = vn_hash_bytes(fbuf, fl);
		}
		else
			h = vn_hash_bytes(norm + s, i - s);
		key = vn_wordkey_step(key, h);
		keys[n++] = key;
	}
	return n;
}

bool
vn_lexicon_has_word(const VnLexicon *lex, const char *norm, size_t len,
					bool fold)
{
	uint64_t	keys[VN_MAX_WORD_SYLLABLES];
	int			n;
	uint32_t	v;

	if (lex == NULL)
		return false;
	n = word_key(norm, len, fold, keys);
	if (n == 0)
		return false;
	v = vn_lexicon_lookup(lex, keys[n - 1]);
	if (fold)
		return (v & (VN_LEX_F_V74K | VN_LEX_F_LEARNED)) != 0;
	return (v & (VN_LEX_V74K | VN_LEX_LEARNED)) != 0;
}

/*
 * vn_lexicon_joined_name and vn_lexicon_joined_word: depth first over the
 * ways to cut s into syllables at character boundaries, following a cut
 * only while the lexicon says that the syllables so far begin a word
 * (folded for names, exact for marked words), so that a foreign word
 * ("samsung") is turned away after a lookup or two.
 */
#define JOINED_SYLLABLE_MAX	7	/* "nghieng", the longest folded syllable */
#define JOINED_PIECE_MAX	24	/* bytes of a marked syllable, generously */

/*
 * Key of a name's folded syllables written together ("hanoi"), stored with
 * VN_LEX_F_NAME beside the word keys (which start from another seed), so
 * that the dictionary, which asks about every foreign word, is turned away
 * by one look at the word filter instead of a search.
 */
#define JOINED_KEY_SEED		UINT64_C(0x4a6f696e65644e6d)

static inline uint64_t
joined_key(const char *s, size_t len)
{
	return vn_wordkey_step(JOINED_KEY_SEED, vn_hash_bytes(s, len));
}

typedef struct JoinedSearch
{
	const VnLexicon *lex;
	const char *s;
	size_t		len;
	size_t		cut[VN_JOINED_NAME_MAX];	/* end of each syllable */
	size_t		best[VN_JOINED_NAME_MAX];
	int			nbest;			/* syllables of the best split, 0: none */
	uint32_t	bestcnt;
	/* what to look for: folded names or exact words */
	uint32_t	want;			/* bits of a whole word */
	uint32_t	prefix;			/* bit of a word's beginning */
	int			cnt_shift;		/* of its count */
	size_t		piece_max;		/* bytes of a syllable */
} JoinedSearch;

static void
joined_search(JoinedSearch *js, size_t pos, int nsyl, uint64_t key)
{
	size_t		l = 0;

	while (pos + l < js->len)
	{
		char		fold[JOINED_PIECE_MAX];
		int			flen;
		uint64_t	k;
		uint32_t	v;

		/* the next character boundary */
		l++;
		while (pos + l < js->len &&
			   ((unsigned char) js->s[pos + l] & 0xC0) == 0x80)
			l++;
		if (l > js->piece_max)
			break;
		flen = vn_fold(js->s + pos, l, fold);
		if (!vn_is_viet_syllable(fold, flen))
			continue;
		k = vn_wordkey_step(key, vn_hash_bytes(js->s + pos, l));
		v = vn_lexicon_lookup(js->lex, k);
		js->cut[nsyl] = pos + l;
		if (pos + l == js->len)
		{
			uint32_t	cnt = (v >> js->cnt_shift) & 15;

			if (nsyl > 0 && (v & js->want) &&
				(js->nbest == 0 || cnt > js->bestcnt))
			{
				memcpy(js->best, js->cut, sizeof(js->cut[0]) * (nsyl + 1));
				js->nbest = nsyl + 1;
				js->bestcnt = cnt;
			}
		}
		else if (nsyl + 1 < VN_JOINED_NAME_MAX && (v & js->prefix))
			joined_search(js, pos + l, nsyl + 1, k);
	}
}

/*
 * Search s with what js asks for, and write the best split, its syllables
 * separated by spaces, to out; its length, or -1 for none.
 */
static int
joined_split(JoinedSearch *js, const VnLexicon *lex, const char *s,
			 size_t len, char *out)
{
	size_t		start = 0;
	int			olen = 0;

	js->lex = lex;
	js->s = s;
	js->len = len;
	js->nbest = 0;
	js->bestcnt = 0;
	joined_search(js, 0, 0, VN_WORDKEY_SEED);
	if (js->nbest == 0)
		return -1;
	for (int i = 0; i < js->nbest; i++)
	{
		if (i > 0)
			out[olen++] = ' ';
		memcpy(out + olen, js->s + start, js->best[i] - start);
		olen += js->best[i] - start;
		start = js->best[i];
	}
	return olen;
}

int
vn_lexicon_joined_name(const VnLexicon *lex, const char *s, size_t len,
					   char *out)
{
	JoinedSearch js;

	if (lex == NULL || len < 2 || len > JOINED_SYLLABLE_MAX * VN_JOINED_NAME_MAX)
		return -1;
	for (size_t i = 0; i < len; i++)
		if (s[i] < 'a' || s[i] > 'z')
			return -1;
	if (!(vn_lexicon_lookup(lex, joined_key(s, len)) & VN_LEX_F_NAME))
		return -1;
	/* a syllable ("hoan") is read as one, never as a name ("ho an") */
	if (vn_is_viet_syllable(s, len))
		return -1;
	js.want = VN_LEX_F_NAME;
	js.prefix = VN_LEX_F_PREFIX;
	js.cnt_shift = VN_LEX_F_CNT_SHIFT;
	js.piece_max = JOINED_SYLLABLE_MAX;
	return joined_split(&js, lex, s, len, out);
}

/*
 * The exact syllables of a marked word ("ôtô" as "ô" + "tô"): each piece a
 * Vietnamese syllable, the whole a word of the base list or a learned one.
 */
int
vn_lexicon_joined_word(const VnLexicon *lex, const char *s, size_t len,
					   char *out)
{
	JoinedSearch js;
	char		fold[JOINED_PIECE_MAX * VN_JOINED_NAME_MAX];
	int			flen;

	if (lex == NULL || len < 3 || len > sizeof(fold))
		return -1;
	/*
	 * Marked, letters a-z once folded, and a vowel after a consonant after
	 * a vowel, which no single syllable has ("toàn" stays one): most words
	 * the dictionary sees leave here, after a fold and a look at its bytes.
	 */
	flen = vn_fold(s, len, fold);
	if (flen == (int) len)
		return -1;
	for (int i = 0; i < flen; i++)
		if (fold[i] < 'a' || fold[i] > 'z')
			return -1;
	for (int i = 0, state = 0;; i++)
	{
		if (i == flen)
			return -1;
		if (strchr("aeiouy", fold[i]) == NULL)
			state = state ? 2 : 0;	/* a consonant after a vowel */
		else if (state == 2)
			break;
		else
			state = 1;
	}
	js.want = VN_LEX_V74K | VN_LEX_LEARNED;
	js.prefix = VN_LEX_PREFIX;
	js.cnt_shift = VN_LEX_CNT_SHIFT;
	js.piece_max = JOINED_PIECE_MAX;
	return joined_split(&js, lex, s, len, out);
}

/* ---- building ---- */

typedef struct BuildMap
{
	uint64_t   *keys;			/* 0 = empty */
	uint32_t   *vals;
	size_t		n;
	size_t		cap;			/* power of two */
} BuildMap;

struct VnLexBuilder
{
	BuildMap	words;
	BuildMap	wts;
	BuildMap	syls;			/* syllables seen: offset in sylbuf */
	char	   *sylbuf;			/* each a length byte, then the bytes */
	size_t		sylbuf_len;
	size_t		sylbuf_cap;
	uint64_t	nwords;
	bool		oom;
	bool		iy_spellings;	/* add_iy_spellings(); off in the trainer */
};

static bool
map_grow(BuildMap *m)
{
	size_t		ncap = m->cap ? m->cap * 2 : 1024;
	uint64_t   *nk = calloc(ncap, sizeof(uint64_t));
	uint32_t   *nv = calloc(ncap, sizeof(uint32_t));

	if (nk == NULL || nv == NULL)
	{
		free(nk);
		free(nv);
		return false;
	}
	for (size_t i = 0; i < m->cap; i++)
	{
		size_t		j;

		if (m->keys[i] == 0)
			continue;
		j = m->keys[i] & (ncap - 1);
		while (nk[j] != 0)
			j = (j + 1) & (ncap - 1);
		nk[j] = m->keys[i];
		nv[j] = m->vals[i];
	}
	free(m->keys);
	free(m->vals);
	m->keys = nk;
	m->vals = nv;
	m->cap = ncap;
	return true;
}

/* Slot for key, inserted (value 0) if new; NULL if out of memory. */
static uint32_t *
map_slot(BuildMap *m, uint64_t key, bool *isnew)
{
	size_t		j;

	if (key == 0)
		key = 1;
	if ((m->n + 1) * 2 > m->cap && !map_grow(m))
		return NULL;
	j = key & (m->cap - 1);
	while (m->keys[j] != 0 && m->keys[j] != key)
		j = (j + 1) & (m->cap - 1);
	*isnew = m->keys[j] == 0;
	if (*isnew)
	{
		m->keys[j] = key;
		m->vals[j] = 0;
		m->n++;
	}
	return &m->vals[j];
}

/* Value of key, or NULL if it is not in the map. */
static uint32_t *
map_find(BuildMap *m, uint64_t key)
{
	size_t		j;

	if (key == 0)
		key = 1;
	if (m->cap == 0)
		return NULL;
	j = key & (m->cap - 1);
	while (m->keys[j] != 0 && m->keys[j] != key)
		j = (j + 1) & (m->cap - 1);
	return m->keys[j] == key ? &m->vals[j] : NULL;
}

VnLexBuilder *
vn_lexbuild_create(void)
{
	VnLexBuilder *b = calloc(1, sizeof(VnLexBuilder));

	if (b != NULL)
		b->iy_spellings = true;
	return b;
}

void
vn_lexbuild_set_iy_spellings(VnLexBuilder *b, bool on)
{
	b->iy_spellings = on;
}

void
vn_lexbuild_free(VnLexBuilder *b)
{
	if (b == NULL)
		return;
	free(b->words.keys);
	free(b->words.vals);
	free(b->wts.keys);
	free(b->wts.vals);
	free(b->syls.keys);
	free(b->syls.vals);
	free(b->sylbuf);
	free(b);
}

/* Remember each syllable of normalized text (for the syllable records). */
static bool
collect_syllables(VnLexBuilder *b, const char *norm, size_t len)
{
	size_t		i = 0;

	while (i < len)
	{
		size_t		start;
		uint32_t   *v;
		bool		isnew;

		while (i < len && norm[i] == ' ')
			i++;
		start = i;
		while (i < len && norm[i] != ' ')
			i++;
		if (i == start || i - start > 255)
			continue;
		v = map_slot(&b->syls, vn_hash_bytes(norm + start, i - start), &isnew);
		if (v == NULL)
			return false;
		if (!isnew)
			continue;
		if (b->sylbuf_len + 256 > b->sylbuf_cap)
		{
			size_t		ncap = b->sylbuf_cap ? b->sylbuf_cap * 2 : 65536;
			char	   *nb = realloc(b->sylbuf, ncap);

			if (nb == NULL)
				return false;
			b->sylbuf = nb;
			b->sylbuf_cap = ncap;
		}
		*v = (uint32_t) b->sylbuf_len;
		b->sylbuf[b->sylbuf_len++] = (char) (i - start);
		memcpy(b->sylbuf + b->sylbuf_len, norm + start, i - start);
		b->sylbuf_len += i - start;
	}
	return true;
}

static uint32_t
count_bucket(uint32_t count)
{
	uint32_t	b = 0;

	while (count > 0 && b < 15)
	{
		b++;
		count >>= 1;
	}
	return b;
}

static bool
add_keys(VnLexBuilder *b, const uint64_t *keys, int n, bool fold,
		 bool learned, uint32_t count)
{
	for (int k = 0; k < n; k++)
	{
		bool		isnew;
		uint32_t   *v = map_slot(&b->words, keys[k], &isnew);
		uint32_t	bits;

		if (v == NULL)
			return false;
		if (k < n - 1)
			bits = fold ? VN_LEX_F_PREFIX : VN_LEX_PREFIX;
		else if (learned)
		{
			uint32_t	shift = fold ? VN_LEX_F_CNT_SHIFT : VN_LEX_CNT_SHIFT;
			uint32_t	cb = count_bucket(count);
			uint32_t	old = (*v >> shift) & 15;

			bits = fold ? VN_LEX_F_LEARNED : VN_LEX_LEARNED;
			if (cb > old)
				*v = (*v & ~(15u << shift)) | (cb << shift);
		}
		else
			bits = fold ? VN_LEX_F_V74K : VN_LEX_V74K;
		*v |= bits;
	}
	return true;
}

/*
 * A word with a syllable that is written with i or y alike ("tỉ lệ",
 * "tỷ lệ"; vn_iy_variant) is also entered in its other spellings, all i
 * and all y, so that the segmenter knows "bác sỹ" as it knows "bác sĩ".
 * norm is normalized; returns false only when out of memory.
 */
static bool
add_iy_spellings(VnLexBuilder *b, const char *norm, int nlen, bool learned,
				 uint32_t count)
{
	if (nlen > 1024)
		return true;
	for (int dir = 0; dir < 2; dir++)
	{
		/*
		 * The caller has checked that norm has at most VN_MAX_WORD_SYLLABLES
		 * syllables, and a syllable's other spelling is at most one byte
		 * longer ("ì" -> "ỳ"), so 16 bytes of slack suffice.
		 */
		char		out[1024 + 16];
		int			olen = 0,
					start = 0;
		bool		changed = false;
		uint64_t	keys[VN_MAX_WORD_SYLLABLES];
		uint64_t	fkeys[VN_MAX_WORD_SYLLABLES];
		int			n;

		for (int i = 0; i <= nlen; i++)
		{
			int			m;

			if (i < nlen && norm[i] != ' ')
				continue;
			m = dir == 0 ?
				vn_iy_variant(norm + start, i - start, out + olen) :
				vn_yi_variant(norm + start, i - start, out + olen);
			if (m >= 0)
			{
				olen += m;
				changed = true;
			}
			else
			{
				memcpy(out + olen, norm + start, i - start);
				olen += i - start;
			}
			if (i < nlen)
				out[olen++] = ' ';
			start = i + 1;
		}
		if (!changed)
			continue;
		n = word_key(out, olen, false, keys);
		if (n > 0 && word_key(out, olen, true, fkeys) == n &&
			!(add_keys(b, keys, n, false, learned, count) &&
			  add_keys(b, fkeys, n, true, learned, count) &&
			  collect_syllables(b, out, olen)))
			return false;
	}
	return true;
}

/* letters (any script) and spaces only */
static bool
word_chars_ok(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
	{
		unsigned char c = (unsigned char) s[i];

		if (c < 0x80 && c != ' ' &&
			!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
			return false;
	}
	return true;
}

/*
 * A word of a list, normalized into a malloc'd buffer (*nlen: its length,
 * -1 if ICU failed); NULL if the word is empty or too long, or if out of
 * memory.
 */
static char *
builder_normalize(VnLexBuilder *b, const char *word, size_t len, int *nlen)
{
	char	   *norm;

	if (b == NULL || len == 0 || len > 1024)
		return NULL;
	norm = malloc(VN_NORM_BOUND(len));
	if (norm == NULL)
	{
		b->oom = true;
		return NULL;
	}
	*nlen = vn_normalize(word, len, norm);
	return norm;
}

bool
vn_lexbuild_add_word(VnLexBuilder *b, const char *word, size_t len,
					 bool learned, uint32_t count)
{
	char	   *norm;
	int			nlen;
	uint64_t	keys[VN_MAX_WORD_SYLLABLES];
	uint64_t	fkeys[VN_MAX_WORD_SYLLABLES];
	int			n;
	bool		ok = false;

	norm = builder_normalize(b, word, len, &nlen);
	if (norm == NULL)
		return false;
	if (nlen > 0 && word_chars_ok(norm, nlen))
	{
		n = word_key(norm, nlen, false, keys);
		if (n > 0 && word_key(norm, nlen, true, fkeys) == n)
		{
			if (add_keys(b, keys, n, false, learned, count) &&
				add_keys(b, fkeys, n, true, learned, count) &&
				collect_syllables(b, norm, nlen) &&
				(!b->iy_spellings ||
				 add_iy_spellings(b, norm, nlen, learned, count)))
			{
				b->nwords++;
				ok = true;
			}
			else
				b->oom = true;
		}
	}
	free(norm);
	return ok;
}

bool
vn_lexbuild_add_name(VnLexBuilder *b, const char *word, size_t len)
{
	char	   *norm;
	int			nlen;
	uint64_t	fkeys[VN_MAX_WORD_SYLLABLES];
	int			n;
	uint32_t   *v = NULL;

	norm = builder_normalize(b, word, len, &nlen);
	if (norm == NULL)
		return false;
	n = nlen > 0 ? word_key(norm, nlen, true, fkeys) : 0;
	if (n > 0)
		v = map_find(&b->words, fkeys[n - 1]);
	if (v == NULL || !(*v & (VN_LEX_F_V74K | VN_LEX_F_LEARNED)))
	{
		free(norm);
		return false;
	}
	*v |= VN_LEX_F_NAME;

	/* and its folded syllables written together (vn_fold never grows) */
	{
		char	   *joined = malloc(nlen);
		int			flen,
					jlen = 0;
		bool		isnew;

		if (joined == NULL)
		{
			free(norm);
			b->oom = true;
			return false;
		}
		flen = vn_fold(norm, nlen, joined);
		for (int i = 0; i < flen; i++)
			if (joined[i] != ' ')
				joined[jlen++] = joined[i];
		v = map_slot(&b->words, joined_key(joined, jlen), &isnew);
		free(joined);
		free(norm);
		if (v == NULL)
		{
			b->oom = true;
			return false;
		}
		*v |= VN_LEX_F_NAME;
	}
	return true;
}

/*
 * Normalize a pair of syllables into norm (VN_NORM_BOUND(256) bytes) and
 * compute its keys, exact or folded; false unless it is two syllables of
 * letters.
 */
static bool
pair_keys(const char *pair, size_t len, bool fold, char *norm, int *nlen,
		  uint64_t *keys)
{
	if (len == 0 || len > 256)
		return false;
	*nlen = vn_normalize(pair, len, norm);
	return *nlen > 0 && word_chars_ok(norm, *nlen) &&
		word_key(norm, *nlen, fold, keys) == 2;
}

/*
 * The entry of the last of n keys (a pair's, a name's), created if need
 * be, with prefix_bit set on the others so that the word spans walk on to
 * it; NULL if out of memory (b->oom set).
 */
static uint32_t *
prefixed_slot(VnLexBuilder *b, const uint64_t *keys, int n,
			  uint32_t prefix_bit)
{
	uint32_t   *v = NULL;

	for (int i = 0; i < n; i++)
	{
		bool		isnew;

		if ((v = map_slot(&b->words, keys[i], &isnew)) == NULL)
		{
			b->oom = true;
			return NULL;
		}
		if (i < n - 1)
			*v |= prefix_bit;
	}
	return v;
}

bool
vn_lexbuild_add_pair(VnLexBuilder *b, const char *pair, size_t len,
					 uint32_t joined, uint32_t total)
{
	char		norm[VN_NORM_BOUND(256)];
	int			nlen;
	uint64_t	keys[VN_MAX_WORD_SYLLABLES];
	uint32_t   *v;
	uint32_t	jb,
				tb;

	if (b == NULL || total == 0 || joined > total ||
		!pair_keys(pair, len, false, norm, &nlen, keys))
		return false;
	if ((v = prefixed_slot(b, keys, 2, VN_LEX_PREFIX)) == NULL)
		return false;
	if (!collect_syllables(b, norm, nlen))
	{
		b->oom = true;
		return false;
	}
	jb = 1 + (joined * 8) / (total + 1);
	tb = count_bucket(total);
	*v = (*v & ~(0xFFu << VN_LEX_JOIN_SHIFT)) | jb << VN_LEX_JOIN_SHIFT |
		tb << VN_LEX_SEEN_SHIFT;
	return true;
}

bool
vn_lexbuild_add_folded_join(VnLexBuilder *b, const char *pair, size_t len)
{
	char		norm[VN_NORM_BOUND(256)];
	int			nlen;
	uint64_t	keys[VN_MAX_WORD_SYLLABLES];
	uint32_t   *v;

	if (b == NULL || !pair_keys(pair, len, true, norm, &nlen, keys))
		return false;
	v = map_find(&b->words, keys[1]);
	if (v == NULL || !(*v & (VN_LEX_F_V74K | VN_LEX_F_LEARNED)))
		return false;
	*v |= VN_LEX_F_JOIN;
	return true;
}

bool
vn_lexbuild_add_name_join(VnLexBuilder *b, const char *pair, size_t len,
						  bool fold)
{
	char		norm[VN_NORM_BOUND(256)];
	int			nlen;
	uint64_t	keys[VN_MAX_WORD_SYLLABLES];
	uint32_t   *v;

	if (b == NULL || !pair_keys(pair, len, fold, norm, &nlen, keys))
		return false;
	if ((v = prefixed_slot(b, keys, 2,
						   fold ? VN_LEX_F_PREFIX : VN_LEX_PREFIX)) == NULL)
		return false;
	*v |= fold ? VN_LEX_F_NAMEJOIN : VN_LEX_NAMEJOIN;
	return true;
}

bool
vn_lexbuild_add_name_word(VnLexBuilder *b, const char *name, size_t len,
						  bool fold)
{
	char		norm[VN_NORM_BOUND(256)];
	int			nlen,
				n;
	uint64_t	keys[VN_MAX_WORD_SYLLABLES];
	uint32_t   *v;

	if (b == NULL || len == 0 || len > 256)
		return false;
	nlen = vn_normalize(name, len, norm);
	if (nlen <= 0 || !word_chars_ok(norm, nlen))
		return false;
	n = word_key(norm, nlen, fold, keys);
	if (n < 2 || n > VN_SEG_MAXSPAN)
		return false;
	v = prefixed_slot(b, keys, n, fold ? VN_LEX_F_PREFIX : VN_LEX_PREFIX);
	if (v == NULL)
		return false;
	*v |= fold ? VN_LEX_F_NAMEWORD : VN_LEX_NAMEWORD;

	/* the folded form of an exact name, for a text that is only the name */
	if (!fold)
	{
		word_key(norm, nlen, true, keys);
		if ((v = prefixed_slot(b, keys, n, VN_LEX_F_PREFIX)) == NULL)
			return false;
		*v |= VN_LEX_F_NAMEFOLD;
	}

	/*
	 * Word spans only walk into a foreign syllable ("real madrid") that is
	 * marked as part of such a name, so that English text costs few
	 * lookups.
	 */
	for (int i = 0; i < nlen;)
	{
		char		fbuf[VN_NORM_BOUND(256)];
		int			s = i,
					fl;
		uint64_t	k;

		while (i < nlen && norm[i] != ' ')
			i++;
		fl = vn_fold(norm + s, i - s, fbuf);
		if (!vn_is_viet_syllable(fbuf, fl) &&
			word_key(norm + s, i - s, fold, &k) == 1)
		{
			bool		isnew;

			if ((v = map_slot(&b->words, k, &isnew)) == NULL)
			{
				b->oom = true;
				return false;
			}
			*v |= VN_LEX_NAMEPART;
		}
		while (i < nlen && norm[i] == ' ')
			i++;
	}
	return true;
}

void
vn_lexbuild_add_weight(VnLexBuilder *b, uint64_t key, float w)
{
	bool		isnew;
	uint32_t   *v;

	if (b == NULL || w == 0.0f || !isfinite(w))
		return;
	v = map_slot(&b->wts, key, &isnew);
	if (v == NULL)
	{
		b->oom = true;
		return;
	}
	memcpy(v, &w, sizeof(w));
}

static uint32_t
table_slots(size_t n)
{
	uint32_t	s = 16;

	/*
	 * Load factor at most 0.75: short probe chains for absent keys (most
	 * are stopped by the filters before), and the word table of Viet74K
	 * with the learned words and joins (0.71) in 2 MB rather than 4.
	 */
	while ((size_t) s * 3 < n * 4)
		s *= 2;
	return s;
}

static void
table_fill(uint32_t *tab, uint32_t nslots, const BuildMap *m)
{
	uint32_t	mask = nslots - 1;

	for (size_t i = 0; i < m->cap; i++)
	{
		uint64_t	key = m->keys[i];
		uint32_t	j;

		if (key == 0)
			continue;
		j = (uint32_t) key & mask;
		while (tab[2 * (size_t) j] != 0)
			j = (j + 1) & mask;
		tab[2 * (size_t) j] = key_fp(key);
		tab[2 * (size_t) j + 1] = m->vals[i];
	}
}

/* filter of every key of a map (map_slot stores key 0 as 1) */
static void
bloom_fill(uint64_t *bloom, uint32_t nwords, const BuildMap *m)
{
	for (size_t i = 0; i < m->cap; i++)
	{
		uint64_t	key = m->keys[i];

		if (key != 0)
			*(uint64_t *) bloom_word(bloom, nwords, key) |= bloom_mask(key);
	}
}

static float
dense_weight(void *arg, uint64_t key)
{
	return vn_lexicon_weight((const VnLexicon *) arg, key);
}

/*
 * s with its first n letters in upper case (all of them if n < 0), the
 * rest copied; -1 if one of those is not a lowercase Vietnamese letter.
 */
static int
upper_letters(const char *s, int len, int n, char *out)
{
	int			i = 0,
				olen = 0;

	for (; i < len && n != 0; n--)
	{
		int32_t		cp;
		int			k = vn_utf8_decode((const unsigned char *) s + i, len - i, &cp);
		VnLetter	l;

		if (k <= 0 || cp < 0 || !vn_letter_decompose(cp, &l) || l.upper)
			return -1;
		l.upper = true;
		if ((cp = vn_letter_compose(&l)) < 0)
			return -1;
		olen += vn_utf8_encode(cp, out + olen);
		i += k;
	}
	memcpy(out + olen, s + i, len - i);
	return olen + len - i;
}

/*
 * s (normalized) with its tone mark on another vowel, where that spelling
 * normalizes back to s ("hoà" for "hòa", "thuỷ" for "thủy"): the older
 * tone placement text still has.  Returns its length, or -1 if none is
 * left after the one at *from (start *from at 0).
 */
static int
tone_variant(const char *s, int len, int *from, char *out)
{
	VnLetter	l[16];
	int			nl = 0,
				tone = -1;

	for (int i = 0; i < len && nl < 16;)
	{
		int32_t		cp;
		int			n = vn_utf8_decode((const unsigned char *) s + i, len - i, &cp);

		if (n <= 0 || cp < 0 || !vn_letter_decompose(cp, &l[nl]))
			return -1;
		if (l[nl].tone != VN_TONE_NONE)
			tone = nl;
		nl++;
		i += n;
	}
	if (tone < 0 || nl >= 16)
		return -1;
	for (int j = *from; j < nl; j++)
	{
		VnLetter	v[16];
		int			olen = 0;
		char		norm[VN_NORM_BOUND(64)];
		bool		ok = true;

		if (j == tone || !strchr("aeiouy", l[j].base))
			continue;
		memcpy(v, l, sizeof(VnLetter) * nl);
		v[j].tone = v[tone].tone;
		v[tone].tone = VN_TONE_NONE;
		for (int k = 0; k < nl && ok; k++)
		{
			int32_t		cp = vn_letter_compose(&v[k]);

			if (cp < 0)
				ok = false;
			else
				olen += vn_utf8_encode(cp, out + olen);
		}
		*from = j + 1;
		if (ok && olen <= 64 && vn_normalize(out, olen, norm) == len &&
			memcmp(norm, s, len) == 0)
			return olen;
	}
	*from = nl;
	return -1;
}

/*
 * Append the syllable records to a finished image (its header in *h):
 * for each syllable collected, its record in each spelling: lowercase,
 * capitalised or in capitals, with or without diacritics, in either tone
 * placement, computed over the image itself.  Returns the new image (the
 * old one is freed or reused), NULL if out of memory.
 */
static unsigned char *
add_syllable_records(VnLexBuilder *b, unsigned char *img, VnLexHeader *h)
{
	size_t		recsize = vn_seg_syllable_record_size();
	size_t		nsyl = b->syls.n;
	unsigned char *recs = malloc(12 * nsyl * recsize + 1);
	BuildMap	bymap;
	uint32_t	nrecs = 0,
				nslots;
	bool		oom = false;
	VnLexicon  *lex;
	char		err[256];
	size_t		off,
				total;
	unsigned char *nimg;

	memset(&bymap, 0, sizeof(bymap));
	memcpy(img, h, sizeof(*h));
	lex = vn_lexicon_from_buffer(img, h->total_size, err, sizeof(err));
	if (recs == NULL || lex == NULL)
	{
		free(recs);
		vn_lexicon_close(lex);
		return NULL;
	}
	for (size_t i = 0; i < b->syls.cap; i++)
	{
		const char *syl;
		int			slen;
		char		v[12][VN_NORM_BOUND(256)];
		int			vlen[12];
		int			nv = 0,
					from = 0;

		if (b->syls.keys[i] == 0)
			continue;
		syl = b->sylbuf + b->syls.vals[i] + 1;
		slen = (unsigned char) b->sylbuf[b->syls.vals[i]];
		if (slen > 64)
			continue;			/* longer than any cached spelling */
		/* as normalized, in the other tone placements, folded */
		memcpy(v[nv], syl, slen);
		vlen[nv++] = slen;
		while (nv < 3 && (vlen[nv] = tone_variant(syl, slen, &from, v[nv])) > 0)
			nv++;
		vlen[nv] = vn_fold(syl, slen, v[nv]);
		nv++;
		/* and each capitalised and in capitals */
		for (int k = 0, n = nv; k < n; k++)
		{
			vlen[nv] = vlen[k] > 0 ? upper_letters(v[k], vlen[k], 1, v[nv]) : -1;
			nv++;
			vlen[nv] = vlen[k] > 0 ? upper_letters(v[k], vlen[k], -1, v[nv]) : -1;
			nv++;
		}
		for (int k = 0; k < nv; k++)
		{
			uint64_t	hash;
			uint32_t   *slot;
			bool		isnew;

			if (vlen[k] <= 0 ||
				!vn_seg_syllable_record(lex, v[k], vlen[k],
										recs + nrecs * recsize, &hash))
				continue;
			/* spellings that hash alike (folded = exact) are stored once */
			if ((slot = map_slot(&bymap, hash, &isnew)) == NULL)
			{
				oom = true;
				break;
			}
			if (!isnew)
				continue;
			*slot = nrecs++;
		}
	}
	vn_lexicon_close(lex);
	if (oom || nrecs == 0)
	{
		free(bymap.keys);
		free(bymap.vals);
		free(recs);
		return oom ? NULL : img;
	}

	nslots = table_slots(nrecs);
	off = (h->total_size + 63) / 64 * 64;
	total = sbloom_offset(off, nslots, nrecs, recsize) + (size_t) bloom_words(nrecs) * 8;
	nimg = total <= UINT32_MAX ? realloc(img, total) : NULL;
	if (nimg != NULL)
	{
		memset(nimg + h->total_size, 0, total - h->total_size);
		table_fill((uint32_t *) (nimg + off), nslots, &bymap);
		memcpy(nimg + off + (size_t) nslots * 8, recs, (size_t) nrecs * recsize);
		bloom_fill((uint64_t *) (nimg + sbloom_offset(off, nslots, nrecs, recsize)),
				   bloom_words(nrecs), &bymap);
		h->syl_off = (uint32_t) off;
		h->syl_nslots = nslots;
		h->syl_nrecs = nrecs;
		h->syl_recsize = (uint32_t) recsize;
		h->total_size = total;
		h->checksum = lex_checksum(nimg + VN_LEX_HEADER_SIZE,
								   total - VN_LEX_HEADER_SIZE);
		memcpy(nimg, h, sizeof(*h));
	}
	free(bymap.keys);
	free(bymap.vals);
	free(recs);
	return nimg;
}

void *
vn_lexbuild_finish(VnLexBuilder *b, size_t *len)
{
	VnLexHeader h;
	uint32_t	wslots,
				tslots;
	size_t		total;
	unsigned char *img;

	if (b == NULL || b->oom)
		return NULL;
	wslots = table_slots(b->words.n);
	tslots = b->wts.n ? table_slots(b->wts.n) : 0;
	if ((uint64_t) wslots * 8 + (uint64_t) tslots * 8 > UINT32_MAX / 2)
		return NULL;

	memset(&h, 0, sizeof(h));
	memcpy(h.magic, VN_LEX_MAGIC, 8);
	h.format = VN_LEX_FORMAT;
	h.feature_version = VN_SEG_FEATURE_VERSION;
	h.nwords = b->nwords;
	h.words_off = VN_LEX_HEADER_SIZE;
	h.words_nslots = wslots;
	h.wts_off = tslots ? VN_LEX_HEADER_SIZE + wslots * 8 : 0;
	h.wts_nslots = tslots;
	h.nweights = (uint32_t) b->wts.n;
	h.dense_off = tslots ? h.wts_off + tslots * 8 : 0;
	total = wbloom_offset(&h) + (size_t) wbloom_words(wslots) * 8;
	if (total > UINT32_MAX)
		return NULL;
	h.total_size = total;
	img = calloc(1, total);
	if (img == NULL)
		return NULL;

	table_fill((uint32_t *) (img + h.words_off), wslots, &b->words);
	bloom_fill((uint64_t *) (img + wbloom_offset(&h)), wbloom_words(wslots),
			   &b->words);
	if (tslots)
	{
		VnLexicon	tmp;

		table_fill((uint32_t *) (img + h.wts_off), tslots, &b->wts);

		/*
		 * Dense weights come from the finished table through the same
		 * lookup the tokenizer would do, so they are the same floats.
		 */
		memset(&tmp, 0, sizeof(tmp));
		tmp.wts = (const uint32_t *) (img + h.wts_off);
		tmp.tmask = tslots - 1;
		vn_seg_dense_fill((float *) (img + h.dense_off), dense_weight, &tmp);

		bloom_fill((uint64_t *) (img + bloom_offset(h.dense_off)),
				   bloom_words(b->wts.n), &b->wts);
	}
	h.checksum = lex_checksum(img + VN_LEX_HEADER_SIZE,
							  total - VN_LEX_HEADER_SIZE);
	memcpy(img, &h, sizeof(h));
	if (tslots && b->syls.n > 0)
	{
		unsigned char *nimg = add_syllable_records(b, img, &h);

		if (nimg == NULL)
		{
			free(img);
			return NULL;
		}
		img = nimg;
		total = h.total_size;
	}
	*len = total;
	return img;
}
