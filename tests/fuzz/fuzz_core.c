/*-------------------------------------------------------------------------
 *
 * fuzz_core.c
 *	  libFuzzer harness over the Vietnamese text core.
 *
 * Every input is treated as raw text (any bytes, not NUL-terminated) and
 * driven through each public entry point of the core, with the properties
 * the rest of the extension relies on checked by FUZZ_CHECK, which aborts
 * so that libFuzzer records a crash:
 *
 *	- UTF-8: decoding tiles the input, agrees with vn_utf8_valid() and
 *	  re-encodes to the same bytes; vn_space_at() stays inside its buffer;
 *	- vn_normalize(): stays within VN_NORM_BOUND (the buffer is allocated
 *	  to exactly that size, so AddressSanitizer sees any overrun), produces
 *	  valid UTF-8, is idempotent, and gives the same bytes as
 *	  vn_normalize_reference() (the general code without the fast path);
 *	- vn_fold(): never grows, is idempotent, and changes the text (always
 *	  making it shorter) exactly when vn_has_marks() says so;
 *	- vn_code_joined(): shorter than its input, without joiners;
 *	- vn_date_parts(): at most VN_DATE_MAX_PARTS parts of at most 5 bytes;
 *	- vn_number_canonical(): never longer than its input, of digits, ',',
 *	  'h' and '%' only, and its own spelling; vn_date_canonical() the same
 *	  with digits, '/' and '-', and the same parts as its input;
 *	- vn_iy_variant(): at most one byte longer, valid UTF-8, and
 *	  vn_yi_variant() gives the input back;
 *	- vn_scan_unit(): units tile the input, each at least one byte, and
 *	  are the units vn_scan_unit_reference() (no fast path) gives;
 *	- vn_measure_number_len(): a count of leading digits, short of the end;
 *	- vn_lexicon_joined_name() on the input's letters a-z: within its
 *	  buffer, and the input again once its spaces are taken out, cut into
 *	  2 to VN_JOINED_NAME_MAX Vietnamese syllables;
 *	- vn_lexicon_joined_word() on the input's letters once normalized: the
 *	  same, the pieces read as Vietnamese syllables once folded;
 *	- the tokenizer, with no lexicon, with the lexicon named by VN_LEXICON
 *	  (loaded once), with user words taken from the input's lines, and with
 *	  a hook that checks the VnSegRun API and its Viterbi decoder: tokens
 *	  tile the input exactly, have valid types and syllable counts, and on
 *	  valid UTF-8 input each token is valid UTF-8 on its own (PostgreSQL
 *	  would otherwise store garbage lexemes);
 *	- the tokenizer with the lexicon's syllable records and without them
 *	  (vn_lexicon_without_records): the same tokens.
 *
 * The text is copied into a buffer of exactly its size first, so reading
 * one byte past the end is caught.
 *
 * Build and run: make fuzz FUZZ_SECONDS=60 (see the Makefile).
 *
 *-------------------------------------------------------------------------
 */
#include "vncore.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_CHECK(cond) \
	do { \
		if (!(cond)) \
		{ \
			fprintf(stderr, "fuzz_core.c:%d: check failed: %s\n", \
					__LINE__, #cond); \
			abort(); \
		} \
	} while (0)

#ifndef FUZZ_NORM_IDEMPOTENT
#define FUZZ_NORM_IDEMPOTENT 1
#endif

int			LLVMFuzzerInitialize(int *argc, char ***argv);
int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * The lexicon is read-only once loaded, so keeping it across inputs does not
 * let one input influence the next.
 */
static VnLexicon *fuzz_lex = NULL;
static VnLexicon *fuzz_bare = NULL;	/* fuzz_lex without syllable records */

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *path = getenv("VN_LEXICON");

	if (path != NULL && path[0] != '\0')
	{
		char		errbuf[512];

		fuzz_lex = vn_lexicon_open(path, errbuf, sizeof(errbuf));
		if (fuzz_lex == NULL)
		{
			fprintf(stderr, "fuzz_core: %s\n", errbuf);
			exit(1);
		}
		fuzz_bare = vn_lexicon_without_records(fuzz_lex);
		FUZZ_CHECK(fuzz_bare != NULL);
		fprintf(stderr, "fuzz_core: lexicon %s, %zu words, model %s\n",
				path, vn_lexicon_nwords(fuzz_lex),
				vn_lexicon_has_model(fuzz_lex) ? "yes" : "no");
	}
	else
		fprintf(stderr, "fuzz_core: VN_LEXICON not set, tokenizing without a lexicon\n");
	return 0;
}

/* malloc that never returns NULL for size 0, so ASan bounds stay exact */
static void *
xmalloc(size_t n)
{
	void	   *p = malloc(n ? n : 1);

	FUZZ_CHECK(p != NULL);
	return p;
}

static void
check_utf8(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *) s;
	size_t		i = 0;
	bool		allgood = true;

	while (i < len)
	{
		int32_t		cp;
		int			n = vn_utf8_decode(p + i, len - i, &cp);
		int			sl = vn_space_at(s + i, len - i);

		FUZZ_CHECK(n >= 1 && n <= 4 && (size_t) n <= len - i);
		FUZZ_CHECK(sl >= 0 && (size_t) sl <= len - i);
		if (cp < 0)
		{
			FUZZ_CHECK(n == 1);
			allgood = false;
		}
		else
		{
			char		enc[4];

			FUZZ_CHECK(cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF));
			FUZZ_CHECK(vn_utf8_encode(cp, enc) == n);
			FUZZ_CHECK(memcmp(enc, s + i, n) == 0);
			/* a space is always whole characters */
			if (sl > 0)
				FUZZ_CHECK(sl >= n);
		}
		i += n;
	}
	FUZZ_CHECK(i == len);
	FUZZ_CHECK(vn_utf8_valid(s, len) == allgood);
}

/* Normalize into an exactly-sized buffer; returns malloc'd text or NULL. */
static char *
normalize(const char *s, size_t len, int *outlen)
{
	char	   *out = xmalloc(VN_NORM_BOUND(len));
	int			n = vn_normalize(s, len, out);

	if (n < 0)
	{
		free(out);
		return NULL;
	}
	FUZZ_CHECK((size_t) n <= VN_NORM_BOUND(len));
	*outlen = n;
	return out;
}

static void
check_normalize_fold(const char *text, size_t len)
{
	char	   *norm,
			   *norm2,
			   *fold,
			   *fold2;
	int			nlen,
				nlen2,
				flen,
				flen2;

	norm = normalize(text, len, &nlen);
	if (norm == NULL)
		return;					/* ICU failure is reported, not a bug here */
	FUZZ_CHECK(vn_utf8_valid(norm, nlen));

	/* the fast path must not change a byte of what the general code gives */
	norm2 = xmalloc(VN_NORM_BOUND(len));
	nlen2 = vn_normalize_reference(text, len, norm2);
	FUZZ_CHECK(nlen2 == nlen && memcmp(norm, norm2, nlen) == 0);
	free(norm2);

	/*
	 * Normalizing normalized text changes nothing.  Build with
	 * -DFUZZ_NORM_IDEMPOTENT=0 to look for other faults while a known
	 * idempotence bug is open.
	 */
	norm2 = normalize(norm, nlen, &nlen2);
	FUZZ_CHECK(norm2 != NULL);
#if FUZZ_NORM_IDEMPOTENT
	FUZZ_CHECK(nlen2 == nlen && memcmp(norm, norm2, nlen) == 0);
#endif

	fold = xmalloc(nlen);
	flen = vn_fold(norm, nlen, fold);
	FUZZ_CHECK(flen >= 0 && flen <= nlen);
	FUZZ_CHECK(vn_utf8_valid(fold, flen));
	/* has_marks is "vn_fold changes it", and every change shortens it */
	FUZZ_CHECK(vn_has_marks(norm, nlen) ==
			   (flen != nlen || memcmp(norm, fold, nlen) != 0));
	FUZZ_CHECK(vn_has_marks(norm, nlen) == (flen < nlen));

	fold2 = xmalloc(flen);
	flen2 = vn_fold(fold, flen, fold2);
	FUZZ_CHECK(flen2 == flen && memcmp(fold, fold2, flen) == 0);
	FUZZ_CHECK(!vn_has_marks(fold, flen));

	/*
	 * The joined form of a code is shorter than the code (it drops at least
	 * one joiner) and holds no joiner; the buffer is exactly nlen bytes.
	 */
	if (nlen > 0)
	{
		char	   *joined = xmalloc(nlen);
		int			jlen = vn_code_joined(norm, nlen, joined);

		FUZZ_CHECK(jlen == -1 || (jlen > 0 && jlen < nlen));
		for (int i = 0; i < jlen; i++)
			FUZZ_CHECK(!vn_is_code_joiner((unsigned char) joined[i]));
		free(joined);
	}

	/* the y spelling of an i syllable: at most one byte longer, valid */
	{
		char	   *iy = xmalloc(nlen + 1);
		int			ilen = vn_iy_variant(norm, nlen, iy);

		FUZZ_CHECK(ilen == -1 || (ilen >= nlen && ilen <= nlen + 1 &&
								  vn_utf8_valid(iy, ilen)));
		if (ilen > 0)
		{
			/* and back: vn_yi_variant() undoes it */
			char	   *back = xmalloc(ilen);
			int			blen = vn_yi_variant(iy, ilen, back);

			FUZZ_CHECK(blen == nlen && memcmp(back, norm, nlen) == 0);
			free(back);
		}
		free(iy);
	}

	/* the one spelling of a number or time: no longer, and final */
	if (nlen > 0)
	{
		char	   *canon = xmalloc(nlen);
		char	   *again = xmalloc(nlen);
		int			clen = vn_number_canonical(norm, nlen, canon);

		FUZZ_CHECK(clen == -1 || (clen > 0 && clen <= nlen));
		for (int i = 0; i < clen; i++)
			FUZZ_CHECK((canon[i] >= '0' && canon[i] <= '9') ||
					   canon[i] == ',' || canon[i] == 'h' || canon[i] == '%');
		if (clen > 0)
			FUZZ_CHECK(vn_number_canonical(canon, clen, again) == -1);
		free(again);
		free(canon);
	}
	{
		char	   *canon = xmalloc(nlen + 1);
		char	   *again = xmalloc(nlen + 1);
		int			clen = vn_date_canonical(norm, nlen, canon);

		FUZZ_CHECK(clen == -1 || (clen > 0 && clen <= nlen));
		for (int i = 0; i < clen; i++)
			FUZZ_CHECK((canon[i] >= '0' && canon[i] <= '9') ||
					   canon[i] == '/' || canon[i] == '-');
		if (clen > 0)
		{
			VnDatePart	p1[VN_DATE_MAX_PARTS],
						p2[VN_DATE_MAX_PARTS];
			int			n1 = vn_date_parts(norm, nlen, p1),
						n2 = vn_date_parts(canon, clen, p2);

			FUZZ_CHECK(vn_date_canonical(canon, clen, again) == -1);
			FUZZ_CHECK(n1 == n2);
			for (int i = 0; i < n1 && i < n2; i++)
				FUZZ_CHECK(strcmp(p1[i].text, p2[i].text) == 0);
		}
		free(again);
		free(canon);
	}

	/* a date's parts fit their array and are "d/m" or a year */
	{
		VnDatePart	parts[VN_DATE_MAX_PARTS];
		int			np = vn_date_parts(norm, nlen, parts);

		FUZZ_CHECK(np >= 0 && np <= VN_DATE_MAX_PARTS);
		for (int i = 0; i < np; i++)
			FUZZ_CHECK(parts[i].len > 0 && parts[i].len <= 5 &&
					   parts[i].len == (int) strlen(parts[i].text));
	}

	free(norm);
	free(norm2);
	free(fold);
	free(fold2);
}

static void
check_scan(const char *text, size_t len)
{
	size_t		pos = 0;

	while (pos < len)
	{
		VnUnit		u,
					ref;
		size_t		n;

		memset(&u, 0x7f, sizeof(u));
		n = vn_scan_unit(text, len, pos, &u);
		FUZZ_CHECK(n > 0 && n <= len - pos);
		FUZZ_CHECK(u.start == pos && u.len == n);
		memset(&ref, 0x3c, sizeof(ref));
		FUZZ_CHECK(vn_scan_unit_reference(text, len, pos, &ref) == n);
		FUZZ_CHECK(ref.start == u.start && ref.len == u.len &&
				   ref.kind == u.kind && ref.flags == u.flags);
		FUZZ_CHECK((u.kind >= 1 && u.kind <= VN_TOK_LAST) ||
				   u.kind == VN_UNIT_LETTERS);
		FUZZ_CHECK(u.kind != VN_TOK_WORD && u.kind != VN_TOK_SYLLABLE &&
				   u.kind != VN_TOK_NAME);
		pos += n;
	}
	FUZZ_CHECK(pos == len);
}

/* ---- a hook that checks the VnSegRun API ---- */

typedef struct HookState
{
	size_t		textlen;
	size_t		lastend;		/* runs come in text order */
	int			calls;
} HookState;

/* deterministic pseudo-random weight in [-1, 1) for a feature key */
static float
fake_weight(void *arg, uint64_t key)
{
	return (float) (vn_hash_mix(key) >> 40) / (float) (1 << 23) - 1.0f;
}

static void
check_hook(void *arg, const VnSegRun *run, uint8_t *tags)
{
	HookState  *hs = (HookState *) arg;
	int			n = vn_segrun_length(run);
	uint64_t	keys[VN_SEG_MAXFEAT];
	int			wordlen = 0;

	hs->calls++;
	FUZZ_CHECK(n >= 1 && n <= VN_SEG_WINDOW);
	FUZZ_CHECK(vn_segrun_forced(run, 0) == 1);
	for (int i = 0; i < n; i++)
	{
		size_t		st = vn_segrun_start(run, i);
		int			f = vn_segrun_forced(run, i);

		FUZZ_CHECK(st < hs->textlen);
		FUZZ_CHECK(i == 0 ? st >= hs->lastend : st > vn_segrun_start(run, i - 1));
		FUZZ_CHECK(f >= -1 && f <= 1);
		if (i >= 1)
		{
			int			nk = vn_segrun_features(run, i, keys);

			FUZZ_CHECK(nk >= 1 && nk <= VN_SEG_MAXFEAT);
		}
	}
	hs->lastend = vn_segrun_start(run, n - 1) + 1;
	(void) vn_segrun_transition(run, 0, 1);

	memset(tags, 0xAA, n);
	vn_segrun_decode(run, fake_weight, NULL, tags);
	FUZZ_CHECK(tags[0] == 1);
	for (int i = 0; i < n; i++)
	{
		int			f = vn_segrun_forced(run, i);

		FUZZ_CHECK(tags[i] == 0 || tags[i] == 1);
		if (f >= 0)
			FUZZ_CHECK(tags[i] == f);
		wordlen = tags[i] ? 1 : wordlen + 1;
		FUZZ_CHECK(wordlen <= VN_MAX_WORD_SYLLABLES);
	}
	/* the tokenizer then queues the words these tags describe */
}

/*
 * Tokenizers kept from input to input and restarted with
 * vn_tokenizer_reset(), as the PostgreSQL glue does: this also checks that
 * the syllable cache carried over from earlier inputs never changes a
 * result, and saves allocating and clearing the large state every time.
 */
static VnTokenizer *persistent_tz[2];

static void
check_tokens(const char *text, size_t len, const VnLexicon *lex,
			 const VnUserLex *ulex, bool hook)
{
	VnTokenizer *tz;
	VnTokenizer **keep = NULL;
	VnToken		tok;
	HookState	hs = {len, 0, 0};
	size_t		pos = 0;
	size_t		ntok = 0;
	bool		valid = vn_utf8_valid(text, len);

	if (ulex == NULL && !hook)
		keep = &persistent_tz[lex != NULL];
	if (keep != NULL && *keep != NULL)
	{
		tz = *keep;
		vn_tokenizer_reset(tz, text, len);
	}
	else
	{
		tz = xmalloc(vn_tokenizer_size());
		vn_tokenizer_init(tz, lex, ulex, text, len);
		if (keep != NULL)
			*keep = tz;
	}
	if (hook)
		vn_tokenizer_set_hook(tz, check_hook, &hs);
	while (vn_tokenizer_next(tz, &tok))
	{
		/* no gap, no overlap, inside the text */
		FUZZ_CHECK(tok.start == pos);
		FUZZ_CHECK(tok.len > 0 && tok.len <= len - pos);
		FUZZ_CHECK(tok.type >= 1 && tok.type <= VN_TOK_LAST);
		FUZZ_CHECK(tok.nsyl >= 0 && tok.nsyl <= VN_MAX_WORD_SYLLABLES);
		switch (tok.type)
		{
			case VN_TOK_WORD:
				FUZZ_CHECK(tok.nsyl >= 2);
				break;
			case VN_TOK_SYLLABLE:
				FUZZ_CHECK(tok.nsyl == 1);
				break;
			case VN_TOK_NAME:
				FUZZ_CHECK(tok.nsyl >= 1);
				break;
			default:
				break;
		}
		if (valid)
			FUZZ_CHECK(vn_utf8_valid(text + tok.start, tok.len));
		pos += tok.len;
		ntok++;
		FUZZ_CHECK(ntok <= len);
	}
	FUZZ_CHECK(pos == len);
	/* finished means finished */
	FUZZ_CHECK(!vn_tokenizer_next(tz, &tok));
	if (keep == NULL)
		free(tz);
}

/*
 * The syllable records stand for what the tokenizer computes itself: with
 * and without them, the same tokens.  Both tokenizers are kept across
 * inputs, as in check_tokens().
 */
static VnTokenizer *records_tz[2];

static void
check_records(const char *text, size_t len)
{
	VnToken		a,
				b;
	bool		more;

	for (int v = 0; v < 2; v++)
	{
		if (records_tz[v] == NULL)
		{
			records_tz[v] = xmalloc(vn_tokenizer_size());
			vn_tokenizer_init(records_tz[v], v ? fuzz_bare : fuzz_lex, NULL,
							  text, len);
		}
		else
			vn_tokenizer_reset(records_tz[v], text, len);
	}
	do
	{
		more = vn_tokenizer_next(records_tz[0], &a);
		FUZZ_CHECK(vn_tokenizer_next(records_tz[1], &b) == more);
		if (more)
			FUZZ_CHECK(a.start == b.start && a.len == b.len &&
					   a.type == b.type && a.nsyl == b.nsyl);
	} while (more);
}

/* Add each line of the input (up to 8) as a user word. */
static VnUserLex *
user_words(const char *text, size_t len, int *nadded)
{
	VnUserLex  *ulex = vn_userlex_create();
	size_t		pos = 0;
	int			lines = 0;

	FUZZ_CHECK(ulex != NULL);
	*nadded = 0;
	while (pos < len && lines < 8)
	{
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t		end = nl ? (size_t) (nl - text) : len;
		size_t		wl = end - pos;
		char	   *w = xmalloc(wl);
		const char *err;

		memcpy(w, text + pos, wl);
		err = vn_userlex_add(ulex, w, wl);
		if (err == NULL)
			(*nadded)++;
		else
			FUZZ_CHECK(err[0] != '\0');
		free(w);
		pos = end + 1;
		lines++;
	}
	return ulex;
}

/*
 * What vn_lexicon_joined_name() and vn_lexicon_joined_word() write for a
 * word of n bytes (olen bytes, or -1 for none): within the documented
 * size, the word again once the spaces are taken out, cut into 2 to
 * VN_JOINED_NAME_MAX pieces that read as Vietnamese syllables once folded.
 */
static void
check_split(const char *word, size_t n, const char *out, int olen)
{
	size_t		k = 0,
				start = 0;
	int			nsyl = 0;

	if (olen < 0)
		return;
	FUZZ_CHECK(olen > (int) n && olen <= (int) n + VN_JOINED_NAME_MAX - 1);
	for (int i = 0; i <= olen; i++)
	{
		char		fold[64];

		if (i < olen && out[i] != ' ')
		{
			FUZZ_CHECK(k < n && out[i] == word[k]);
			k++;
			continue;
		}
		FUZZ_CHECK(i > (int) start && i - start <= sizeof(fold));
		FUZZ_CHECK(vn_is_viet_syllable(fold, vn_fold(out + start, i - start, fold)));
		nsyl++;
		start = i + 1;
	}
	FUZZ_CHECK(k == n && nsyl >= 2 && nsyl <= VN_JOINED_NAME_MAX);
}

/*
 * A name typed as one word: run on the input's ASCII letters, lowercased,
 * so that the search itself is reached; the buffer is exactly the
 * documented size.
 */
static void
check_joined_name(const char *text, size_t size, const VnLexicon *lex)
{
	char	   *word = xmalloc(size + 1);
	char	   *out;
	size_t		n = 0;

	for (size_t i = 0; i < size; i++)
	{
		char		c = text[i];

		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if (c >= 'a' && c <= 'z')
			word[n++] = c;
	}
	out = xmalloc(n + VN_JOINED_NAME_MAX);
	check_split(word, n, out, vn_lexicon_joined_name(lex, word, n, out));
	free(out);
	free(word);
}

/*
 * A marked word written together: run on the input's lowercase letters
 * (a-z and Vietnamese letters) once normalized, so that the search is
 * reached; the output buffer is exactly the documented size.
 */
static void
check_joined_word(const char *text, size_t size, const VnLexicon *lex)
{
	char	   *norm;
	char	   *word;
	char	   *out;
	size_t		n = 0;
	int			nlen;

	if (!vn_utf8_valid(text, size))
		return;
	norm = xmalloc(VN_NORM_BOUND(size));
	word = xmalloc(VN_NORM_BOUND(size) + 1);
	nlen = vn_normalize(text, size, norm);
	for (int i = 0; i < nlen;)
	{
		int32_t		cp;
		int			clen = vn_utf8_decode((const unsigned char *) norm + i, nlen - i, &cp);
		VnLetter	l;

		if ((cp >= 'a' && cp <= 'z') || (cp >= 0x80 && vn_letter_decompose(cp, &l)))
		{
			memcpy(word + n, norm + i, clen);
			n += clen;
		}
		i += clen;
	}
	out = xmalloc(n + VN_JOINED_NAME_MAX);
	check_split(word, n, out, vn_lexicon_joined_word(lex, word, n, out));
	free(out);
	free(word);
	free(norm);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *text = xmalloc(size);
	VnUserLex  *ulex;
	int			nadded;

	memcpy(text, data, size);

	check_utf8(text, size);
	check_normalize_fold(text, size);

	/* a number glued to its unit: a number of digits inside the token */
	{
		int			n = vn_measure_number_len(text, size);

		FUZZ_CHECK(n == -1 || (n >= 1 && n <= 9 && (size_t) n < size));
		for (int i = 0; i < n; i++)
			FUZZ_CHECK(text[i] >= '0' && text[i] <= '9');
	}
	check_scan(text, size);

	check_tokens(text, size, NULL, NULL, false);
	if (fuzz_lex != NULL)
	{
		check_tokens(text, size, fuzz_lex, NULL, false);
		check_records(text, size);
		check_joined_name(text, size, fuzz_lex);
		check_joined_word(text, size, fuzz_lex);
	}

	ulex = user_words(text, size, &nadded);
	if (nadded > 0)
		check_tokens(text, size, fuzz_lex, ulex, false);
	check_tokens(text, size, fuzz_lex, ulex, true);
	vn_userlex_free(ulex);

	free(text);
	return 0;
}
