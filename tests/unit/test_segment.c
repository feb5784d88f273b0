/*
 * test_segment.c
 *	  Unit tests for the tokenizer (vnsegment.c): coverage without gaps,
 *	  token types, long input, user words; grouping with the real model
 *	  when VN_LEXICON names a compiled lexicon (skipped otherwise).
 */
#include "vncore.h"
#include "tap.h"

#include <stdlib.h>

#define MAXTOK 65536

static VnToken toks[MAXTOK];

/* Tokenize; returns the count, or -1 if tokens do not tile the text. */
static int
tokenize(const VnLexicon *lex, const VnUserLex *ulex, const char *text,
		 size_t len)
{
	VnTokenizer *tz = malloc(vn_tokenizer_size());
	VnToken		t;
	size_t		pos = 0;
	int			n = 0;
	bool		good = true;

	vn_tokenizer_init(tz, lex, ulex, text, len);
	while (vn_tokenizer_next(tz, &t))
	{
		if (t.start != pos || t.len == 0 || t.type < 1 || t.type > VN_TOK_LAST ||
			t.nsyl < 0 || t.nsyl > VN_MAX_WORD_SYLLABLES)
			good = false;
		pos = t.start + t.len;
		if (n < MAXTOK)
			toks[n] = t;
		n++;
	}
	free(tz);
	return (good && pos == len) ? n : -1;
}

/* "Đảng|Cộng sản|Việt Nam": the non-space tokens joined with '|' */
static char *
show(const char *text, int n)
{
	static char buf[4096];
	size_t		o = 0;

	buf[0] = '\0';
	for (int i = 0; i < n && i < MAXTOK; i++)
	{
		if (toks[i].type == VN_TOK_SPACE)
			continue;
		if (o > 0 && o < sizeof(buf) - 1)
			buf[o++] = '|';
		if (o + toks[i].len < sizeof(buf) - 1)
		{
			memcpy(buf + o, text + toks[i].start, toks[i].len);
			o += toks[i].len;
		}
	}
	buf[o] = '\0';
	return buf;
}

static int
type_of(const char *text, int n, const char *word)
{
	for (int i = 0; i < n && i < MAXTOK; i++)
		if (toks[i].len == strlen(word) && memcmp(text + toks[i].start, word, toks[i].len) == 0)
			return toks[i].type;
	return -1;
}

static void
check_seg(const VnLexicon *lex, const VnUserLex *ulex, const char *text,
		  const char *want, const char *name)
{
	int			n = tokenize(lex, ulex, text, strlen(text));
	const char *got = n < 0 ? "(gap)" : show(text, n);

	is_str(got, strlen(got), want, "%s: %s", name, text);
}

/* reference decoder: every feature by its hashed key (what training uses) */
static float
ref_weight(void *arg, uint64_t key)
{
	return vn_lexicon_weight((const VnLexicon *) arg, key);
}

static void
ref_hook(void *arg, const VnSegRun *run, uint8_t *tags)
{
	vn_segrun_decode(run, ref_weight, arg, tags);
}

/*
 * A random text of Vietnamese syllables (marked, unmarked, capitalised),
 * foreign words and punctuation, windows of all lengths; returns its length.
 */
static size_t
random_text(unsigned *seedp, char *buf)
{
	static const char *const syl[] = {
		"của", "và", "các", "có", "là", "người", "trong", "được", "cho", "không",
		"những", "với", "đã", "một", "năm", "này", "nhà", "nước", "công", "ty",
		"thành", "phố", "Hà", "Nội", "Việt", "Nam", "chính", "phủ", "kinh", "tế",
		"phát", "triển", "doanh", "nghiệp", "học", "sinh", "bộ", "trưởng", "Tổng",
		"Bí", "thư", "Tô", "Lâm", "đại", "hội", "Đảng", "Cộng", "sản", "quốc", "gia",
		"hoà", "bình", "thuỷ", "lợi", "ngân", "hàng", "thị", "trường", "chứng",
		"khoán", "cua", "va", "cac", "co", "nguoi", "trong", "duoc", "nha", "nuoc",
		"cong", "thanh", "pho", "viet", "kinh", "te", "Medvedev", "Krông", "Pa",
		"ASEAN", "TTXVN", "Jơ", "Rai", "Stephen", "Mills", "ĐẢNG", "CỘNG", "SẢN"
	};
	static const char *const seps[] = {
		" ", " ", " ", " ", " ", " ", " ", " ", ". ", ", ", "\n", " (", ") ",
		": ", " \xe2\x80\x9c", "\xe2\x80\x9d ", " 2026 ", " 3,5% "
	};
	const int	nsyl = sizeof(syl) / sizeof(syl[0]),
				nseps = sizeof(seps) / sizeof(seps[0]);
	unsigned	seed = *seedp;
	size_t		o = 0,
				target;

	seed = seed * 1103515245 + 12345;
	target = 1 + (seed >> 8) % 3000;
	while (o < target)
	{
		const char *p,
				   *q;

		seed = seed * 1103515245 + 12345;
		p = syl[(seed >> 16) % nsyl];
		/* mostly runs of syllables, windows of all lengths */
		q = (seed >> 4) % 4 ? " " : seps[(seed >> 6) % nseps];
		if (o + strlen(p) + strlen(q) > 8000)
			break;
		memcpy(buf + o, p, strlen(p));
		o += strlen(p);
		memcpy(buf + o, q, strlen(q));
		o += strlen(q);
	}
	*seedp = seed;
	return o;
}

/*
 * The next random text (random_text) into buf, *len its length, and its
 * tokens by tokenize() into ref.  Returns their count, or -1 if the
 * tokens do not tile the text or are too many to keep.
 */
static int
random_reference(const VnLexicon *lex, unsigned *seed, char *buf,
				 size_t *len, VnToken *ref)
{
	int			n;

	*len = random_text(seed, buf);
	n = tokenize(lex, NULL, buf, *len);
	if (n < 0 || n > MAXTOK)
		return -1;
	memcpy(ref, toks, n * sizeof(VnToken));
	return n;
}

/*
 * The run-time decoder takes weights from the syllable cache, the dense
 * tables, a memo and a filtered batch lookup; it must tag every window as
 * vn_segrun_decode() does with one lookup per feature key.  Over random
 * texts (random_text); returns how many of ntexts differ, *ntok the tokens.
 */
static int
decoder_differs(const VnLexicon *lex, int ntexts, unsigned seed, long *ntok)
{
	VnTokenizer *tz = malloc(vn_tokenizer_size());
	char	   *buf = malloc(8192);
	VnToken	   *ref = malloc(MAXTOK * sizeof(VnToken));
	int			bad = 0;

	*ntok = 0;
	for (int t = 0; t < ntexts; t++)
	{
		size_t		o;
		int			n = random_reference(lex, &seed, buf, &o, ref),
					m = 0;
		VnToken		tk;
		bool		same = true;

		if (n < 0)
		{
			bad++;
			continue;
		}
		vn_tokenizer_init(tz, lex, NULL, buf, o);
		vn_tokenizer_set_hook(tz, ref_hook, (void *) lex);
		while (vn_tokenizer_next(tz, &tk))
		{
			if (m >= n || tk.start != ref[m].start || tk.len != ref[m].len ||
				tk.type != ref[m].type || tk.nsyl != ref[m].nsyl)
				same = false;
			m++;
		}
		if (!same || m != n)
			bad++;
		*ntok += n;
	}
	free(tz);
	free(buf);
	free(ref);
	return bad;
}

/* a hook that digests every feature key of every window, then decodes */
typedef struct FeatureDigest
{
	const VnLexicon *lex;
	uint64_t	digest;
} FeatureDigest;

static void
digest_hook(void *arg, const VnSegRun *run, uint8_t *tags)
{
	FeatureDigest *fd = arg;
	int			n = vn_segrun_length(run);
	uint64_t	keys[256];

	for (int i = 1; i < n; i++)
	{
		int			nk = vn_segrun_features(run, i, keys);

		for (int k = 0; k < nk; k++)
			fd->digest = vn_hash_mix(fd->digest ^ keys[k]);
	}
	for (int j = 0; j < n; j++)
		for (int L = 1; L <= VN_SEG_MAXSPAN && j + L <= n; L++)
		{
			int			nk = vn_segrun_span_features(run, j, L, keys);

			for (int k = 0; k < nk; k++)
				fd->digest = vn_hash_mix(fd->digest ^ keys[k] ^ (uint64_t) L);
		}
	vn_segrun_decode(run, ref_weight, (void *) fd->lex, tags);
}

/*
 * The lexicon's syllable records stand for what the tokenizer computes and
 * caches itself: with and without them (vn_lexicon_without_records), the
 * same texts must give the same tokens and every window the same feature
 * keys.  Returns how many of ntexts differ.
 */
static int
records_differ(const VnLexicon *lex, int ntexts, unsigned seed, long *ntok)
{
	VnLexicon  *bare = vn_lexicon_without_records(lex);
	VnTokenizer *tz = malloc(vn_tokenizer_size());
	char	   *buf = malloc(8192);
	VnToken	   *ref = malloc(MAXTOK * sizeof(VnToken));
	int			bad = 0;

	*ntok = 0;
	for (int t = 0; t < ntexts; t++)
	{
		size_t		o;
		int			n = random_reference(lex, &seed, buf, &o, ref),
					m;
		FeatureDigest fd[2];

		if (n < 0)
		{
			bad++;
			continue;
		}
		m = tokenize(bare, NULL, buf, o);
		*ntok += n;
		if (m != n || memcmp(ref, toks, n * sizeof(VnToken)) != 0)
		{
			bad++;
			continue;
		}
		for (int v = 0; v < 2; v++)
		{
			VnToken		tk;

			fd[v].lex = lex;
			fd[v].digest = 0;
			vn_tokenizer_init(tz, v == 0 ? lex : bare, NULL, buf, o);
			vn_tokenizer_set_hook(tz, digest_hook, &fd[v]);
			while (vn_tokenizer_next(tz, &tk))
				;
		}
		if (fd[0].digest != fd[1].digest)
			bad++;
	}
	vn_lexicon_close(bare);
	free(tz);
	free(buf);
	free(ref);
	return bad;
}

/* a hook that writes down the forced tags of the first window */
static void
forced_hook(void *arg, const VnSegRun *run, uint8_t *tags)
{
	char	   *out = arg;
	int			n = vn_segrun_length(run);

	if (out[0] == '\0')
	{
		for (int i = 0; i < n; i++)
			out[i] = "-01"[vn_segrun_forced(run, i) + 1];
		out[n] = '\0';
	}
	for (int i = 0; i < n; i++)
		tags[i] = 1;
}

static const char *
forced_tags(const VnLexicon *lex, const char *text, bool plain_rule)
{
	static char out[VN_SEG_WINDOW + 1];
	VnTokenizer *tz = malloc(vn_tokenizer_size());
	VnToken		tok;

	out[0] = '\0';
	vn_tokenizer_init(tz, lex, NULL, text, strlen(text));
	vn_tokenizer_set_hook(tz, forced_hook, out);
	if (!plain_rule)
		vn_tokenizer_set_plain_rule(tz, false);
	while (vn_tokenizer_next(tz, &tok))
		;
	free(tz);
	return out;
}

/*
 * One tokenizer set up once and restarted with vn_tokenizer_reset() on
 * ntexts random texts (some abandoned halfway first) must give the same
 * tokens as a fresh vn_tokenizer_init() on each.  Returns the number of
 * texts that differed; *ntok gets the number of tokens compared.
 */
static int
reset_differs(const VnLexicon *lex, const VnUserLex *ulex, int ntexts,
			  unsigned seed, long *ntok)
{
	static const char *const pieces[] = {
		"xin", "chào", "Hà", "Nội", "hòa", "bình", "hoà", "HÒA", "BÌNH", "thế",
		"giới", "Đảng", "Cộng", "sản", "cộng", "việt", "Việt", "Nam", "nam",
		"dang", "cong", "san", "viet", "hoa", "binh", "Medvedev", "TTXVN",
		"nghiêng", "người", "dân", "thành", "phố", "Hồ", "Chí", "Minh", "123",
		"25.000", "COVID-19", "Tô", "Lâm", "tổng", "bí", "thư", "\xff", "\xcc\x81"
	};
	static const char *const seps[] = {
		" ", " ", " ", " ", " ", " ", ". ", ", ", "\n", "  ", " (", ") ", "\xc2\xa0",
		"; ", "! ", " \xe2\x80\x9c", "\xe2\x80\x9d "
	};
	const int	npieces = sizeof(pieces) / sizeof(pieces[0]),
				nseps = sizeof(seps) / sizeof(seps[0]);
	VnTokenizer *tz = malloc(vn_tokenizer_size());
	char	   *buf = malloc(8192);
	VnToken	   *ref = malloc(MAXTOK * sizeof(VnToken));
	int			bad = 0;

	*ntok = 0;
	vn_tokenizer_init(tz, lex, ulex, "", 0);
	for (int t = 0; t < ntexts; t++)
	{
		size_t		o = 0,
					target;
		int			n,
					m = 0;
		VnToken		tk;
		bool		same = true;

		seed = seed * 1103515245 + 12345;
		/* mostly short texts (titles), some of a few windows */
		target = (seed >> 16) % 8 == 0 ? 1 + (seed >> 8) % 7000 : 1 + (seed >> 8) % 200;
		while (o < target)
		{
			const char *p,
					   *q;

			seed = seed * 1103515245 + 12345;
			p = pieces[(seed >> 16) % npieces];
			q = seps[(seed >> 4) % nseps];
			if (o + strlen(p) + strlen(q) > 8000)
				break;
			memcpy(buf + o, p, strlen(p));
			o += strlen(p);
			memcpy(buf + o, q, strlen(q));
			o += strlen(q);
		}
		n = tokenize(lex, ulex, buf, o);
		if (n < 0 || n > MAXTOK)
		{
			bad++;
			continue;
		}
		memcpy(ref, toks, n * sizeof(VnToken));

		if (t % 3 == 1)
		{
			/* abandon the text after a few tokens: reset must drop the rest */
			vn_tokenizer_reset(tz, buf, o);
			for (int k = 0; k < 5 && vn_tokenizer_next(tz, &tk); k++)
				;
		}
		vn_tokenizer_reset(tz, buf, o);
		while (vn_tokenizer_next(tz, &tk))
		{
			if (m >= n || tk.start != ref[m].start || tk.len != ref[m].len ||
				tk.type != ref[m].type || tk.nsyl != ref[m].nsyl)
				same = false;
			m++;
		}
		if (!same || m != n)
			bad++;
		*ntok += n;
	}
	free(ref);
	free(buf);
	free(tz);
	return bad;
}

/*
 * vn_is_viet_syllable() as it was first written: every onset, nucleus and
 * coda of the spelling tried in turn.  The function now tests membership
 * directly; both must accept the same strings.
 */
static const char *const ref_onsets[] = {
	"ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b",
	"c", "d", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", ""
};
static const char *const ref_nuclei[] = {
	"ieu", "yeu", "oai", "oay", "oeo", "uay", "uoi", "uou", "uya", "uye",
	"uyu", "uai", "oao", "ai", "ao", "au", "ay", "eo", "eu", "ia", "ie", "iu",
	"oa", "oe", "oi", "oo", "ua", "ue", "ui", "uo", "uu", "uy", "ya", "ye",
	"yu", "ea", "a", "e", "i", "o", "u", "y"
};
static const char *const ref_codas[] = {
	"", "c", "ch", "m", "n", "ng", "nh", "p", "t", "i", "o", "u", "y"
};

#define NREF(a) ((int) (sizeof(a) / sizeof((a)[0])))

static bool
ref_rhyme(const char *s, size_t n)
{
	for (int v = 0; v < NREF(ref_nuclei); v++)
	{
		size_t		vl = strlen(ref_nuclei[v]);

		if (vl > n || memcmp(s, ref_nuclei[v], vl) != 0)
			continue;
		for (int c = 0; c < NREF(ref_codas); c++)
			if (vl + strlen(ref_codas[c]) == n &&
				memcmp(s + vl, ref_codas[c], n - vl) == 0)
				return true;
	}
	return false;
}

static bool
ref_is_viet_syllable(const char *s, size_t n)
{
	if (n == 0 || n > 7)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] < 'a' || s[i] > 'z' || strchr("fjwz", s[i]))
			return false;
	for (int o = 0; o < NREF(ref_onsets); o++)
	{
		size_t		ol = strlen(ref_onsets[o]);

		if (ol > n || memcmp(s, ref_onsets[o], ol) != 0)
			continue;
		if (ol == n)
		{
			if (ol == 2 && s[0] == 'g' && s[1] == 'i')
				return true;
			continue;
		}
		if (ref_rhyme(s + ol, n - ol))
			return true;
	}
	return false;
}

/*
 * Compare on every string of up to 4 letters of a-z and some others, and on
 * every onset + nucleus + coda with each letter in turn replaced.  Returns
 * the number of strings checked; *bad counts disagreements.
 */
static long
syllable_shape_differs(int *bad)
{
	static const char alpha[] = "abcdefghijklmnopqrstuvwxyzA0-";
	int			na = (int) strlen(alpha);
	long		checked = 0;
	char		buf[16];

	*bad = 0;
	for (int len = 0; len <= 4; len++)
	{
		long		total = 1;

		for (int i = 0; i < len; i++)
			total *= na;
		for (long v = 0; v < total; v++)
		{
			long		x = v;

			for (int i = 0; i < len; i++, x /= na)
				buf[i] = alpha[x % na];
			if (vn_is_viet_syllable(buf, len) != ref_is_viet_syllable(buf, len))
			{
				if ((*bad)++ < 5)
					printf("# differs on '%.*s'\n", len, buf);
			}
			checked++;
		}
	}
	for (int o = 0; o < NREF(ref_onsets); o++)
		for (int v = 0; v < NREF(ref_nuclei); v++)
			for (int c = 0; c < NREF(ref_codas); c++)
			{
				int			len = snprintf(buf, sizeof(buf), "%s%s%s", ref_onsets[o],
										   ref_nuclei[v], ref_codas[c]);

				for (int i = -1; i < len; i++)
					for (int k = 0; k < (i < 0 ? 1 : na); k++)
					{
						char		save = i < 0 ? 0 : buf[i];

						if (i >= 0)
							buf[i] = alpha[k];
						if (vn_is_viet_syllable(buf, len) !=
							ref_is_viet_syllable(buf, len))
						{
							if ((*bad)++ < 5)
								printf("# differs on '%.*s'\n", len, buf);
						}
						checked++;
						if (i >= 0)
							buf[i] = save;
					}
			}
	return checked;
}

static int	tiny_joins;			/* folded joins the tiny lexicon took */
static int	tiny_name_joins;	/* and name joins */
static int	tiny_name_words;	/* and names of several syllables */

static VnLexicon *
tiny_lexicon(void **img)
{
	VnLexBuilder *b = vn_lexbuild_create();
	size_t		len;
	char		err[256];
	const char *w[] = {"cộng sản", "việt nam", "hoà bình", "xin chào",
	"bóng đá", "đội tuyển", "năm tháng", "chứng minh", "thủ phạm", NULL};
	const char *j[] = {"bong da", "doi tuyen", "viet nam", "nam thang",
	"chung minh", NULL};

	for (int i = 0; w[i]; i++)
		vn_lexbuild_add_word(b, w[i], strlen(w[i]), false, 0);
	/* as the gold text would have them: one pair seldom joined, one mostly */
	vn_lexbuild_add_pair(b, "hoà bình", strlen("hoà bình"), 1, 20);
	vn_lexbuild_add_pair(b, "cộng sản", strlen("cộng sản"), 19, 20);
	/* as folded_joins.txt would have them */
	for (int i = 0; j[i]; i++)
		tiny_joins += vn_lexbuild_add_folded_join(b, j[i], strlen(j[i]));
	tiny_joins += vn_lexbuild_add_folded_join(b, "xin loi", strlen("xin loi"));
	tiny_joins += vn_lexbuild_add_folded_join(b, "cong", strlen("cong"));
	/* as name_joins.txt would have them */
	tiny_name_joins += vn_lexbuild_add_name_join(b, "Thổ Nhĩ", strlen("Thổ Nhĩ"), true);
	tiny_name_joins += vn_lexbuild_add_name_join(b, "tho", strlen("tho"), true);
	/* lowercase pairs, whose folded pairs are not listed */
	tiny_name_joins += vn_lexbuild_add_name_join(b, "biên hòa", strlen("biên hòa"), false);
	tiny_name_joins += vn_lexbuild_add_name_join(b, "bao thanh", strlen("bao thanh"), false);
	/* as name_words.txt would have them: lowercase (false) or folded */
	tiny_name_words += vn_lexbuild_add_name_word(b, "phạm minh chính", strlen("phạm minh chính"), false);
	tiny_name_words += vn_lexbuild_add_name_word(b, "pham minh chinh", strlen("pham minh chinh"), true);
	tiny_name_words += vn_lexbuild_add_name_word(b, "minh anh", strlen("minh anh"), false);
	tiny_name_words += vn_lexbuild_add_name_word(b, "minh anh", strlen("minh anh"), true);
	tiny_name_words += vn_lexbuild_add_name_word(b, "phạm", strlen("phạm"), false);
	tiny_name_words += vn_lexbuild_add_name_word(b, "a b c d e", strlen("a b c d e"), true);
	/* names with foreign syllables, and one that begins with a Vietnamese one */
	tiny_name_words += vn_lexbuild_add_name_word(b, "real madrid", strlen("real madrid"), false);
	tiny_name_words += vn_lexbuild_add_name_word(b, "real madrid", strlen("real madrid"), true);
	tiny_name_words += vn_lexbuild_add_name_word(b, "sea games", strlen("sea games"), false);
	/* a name listed only with its diacritics */
	tiny_name_words += vn_lexbuild_add_name_word(b, "tô lâm", strlen("tô lâm"), false);
	*img = vn_lexbuild_finish(b, &len);
	vn_lexbuild_free(b);
	return vn_lexicon_from_buffer(*img, len, err, sizeof(err));
}

int
main(void)
{
	void	   *img;
	VnLexicon  *tiny = tiny_lexicon(&img);
	VnUserLex  *ulex = vn_userlex_create();
	const char *t;
	int			n;
	char	   *env = getenv("VN_LEXICON");

	{
		int			bad;
		long		checked = syllable_shape_differs(&bad);

		ok(bad == 0 && checked > 2700000,
		   "syllable shapes as the onset/nucleus/coda tables have them: %d of %ld strings differ",
		   bad, checked);
		ok(vn_is_viet_syllable("nghieng", 7) && vn_is_viet_syllable("gi", 2) &&
		   vn_is_viet_syllable("quy", 3) && vn_is_viet_syllable("oa", 2) &&
		   !vn_is_viet_syllable("medvedev", 8) && !vn_is_viet_syllable("bl", 2) &&
		   !vn_is_viet_syllable("wa", 2) && !vn_is_viet_syllable("xyz", 3),
		   "syllable shapes: nghieng, gi, quy, oa; not medvedev, bl, wa, xyz");
	}

	/* no lexicon: every syllable its own token */
	check_seg(NULL, NULL, "Đảng Cộng sản Việt Nam", "Đảng|Cộng|sản|Việt|Nam", "no lexicon");
	t = "Đảng Cộng sản Việt Nam";
	n = tokenize(NULL, NULL, t, strlen(t));
	ok(n == 9 && toks[1].type == VN_TOK_SPACE, "syllables and spaces alternate");
	check_seg(tiny, NULL, t, "Đảng|Cộng|sản|Việt|Nam", "lexicon without a model");

	/* types */
	t = "Ông Medvedev đến TTXVN và ĐẢNG ở Istanbul, gặp Lâm.";
	n = tokenize(NULL, NULL, t, strlen(t));
	ok(n > 0, "coverage: mixed sentence");
	ok(type_of(t, n, "Medvedev") == VN_TOK_FOREIGN, "Medvedev is FOREIGN");
	ok(type_of(t, n, "Istanbul") == VN_TOK_FOREIGN, "Istanbul is FOREIGN");
	ok(type_of(t, n, "TTXVN") == VN_TOK_ACRONYM, "TTXVN is ACRONYM");
	ok(type_of(t, n, "ĐẢNG") == VN_TOK_SYLLABLE, "ĐẢNG (all caps Vietnamese) is a SYLLABLE");
	ok(type_of(t, n, "Lâm") == VN_TOK_NAME, "capitalised syllable mid-sentence is NAME");
	ok(type_of(t, n, "Ông") == VN_TOK_SYLLABLE, "sentence-initial capital is not a NAME");
	ok(type_of(t, n, ",") == VN_TOK_PUNCT && type_of(t, n, "đến") == VN_TOK_SYLLABLE,
	   "punctuation and plain syllables");

	/*
	 * Plain boundaries begin a word: no word crosses them and a lowercase
	 * Vietnamese syllable is on one side at least (xin chào | cộng sản |
	 * người | dân | Việt Nam | hoa binh | Medvedev | nói); a name (Việt
	 * Nam) or a word (xin chào, cộng sản) is left to the model.  In text
	 * with diacritics, a word only spelled without them (hoa binh) and a
	 * pair seldom joined in the gold text (hòa bình, 1 of 20) begin one
	 * too, not a pair often joined (cộng sản, 19 of 20).  Off for training.
	 */
	t = "xin chào cộng sản người dân Việt Nam hoa binh Medvedev nói";
	ok(strcmp(forced_tags(tiny, t, true), "1-1-111-1111") == 0,
	   "plain boundaries forced: %s", forced_tags(tiny, t, true));
	ok(strcmp(forced_tags(tiny, t, false), "1-----------") == 0,
	   "plain rule off: %s", forced_tags(tiny, t, false));
	t = "xin chào hòa bình";
	ok(strcmp(forced_tags(tiny, t, true), "1-11") == 0,
	   "a pair seldom joined begins a word: %s", forced_tags(tiny, t, true));
	ok(strcmp(forced_tags(tiny, t, false), "1---") == 0,
	   "pair rule off: %s", forced_tags(tiny, t, false));
	/* without diacritics, words that fold alike stay with the model */
	t = "xin chao cong san hoa binh nguoi dan";
	ok(strcmp(forced_tags(tiny, t, true), "1-1-1-11") == 0,
	   "unmarked text: folded words decided by the model: %s",
	   forced_tags(tiny, t, true));

	/*
	 * Without diacritics, pairs that text with diacritics mostly keeps in
	 * one word stay whole (0: may not begin a word), but two in a row
	 * (viet nam, nam thang) only if the three are a word, else the model
	 * chooses between them (-); not in text with
	 * diacritics, where the words are told apart as written, nor with the
	 * rule off.  Only folded words of the lexicon take the mark.
	 */
	ok(tiny_joins == 5, "folded joins: 5 of 7 taken (not xin loi, not one syllable): %d",
	   tiny_joins);
	t = "lich bong da doi tuyen viet nam thang";
	ok(strcmp(forced_tags(tiny, t, true), "110101--") == 0,
	   "unmarked text: folded joins kept whole: %s", forced_tags(tiny, t, true));
	ok(strcmp(forced_tags(tiny, t, false), "1-------") == 0,
	   "folded joins off with the plain rule: %s", forced_tags(tiny, t, false));
	t = "lịch bóng đá đội tuyển Việt Nam thắng";
	ok(strchr(forced_tags(tiny, t, true), '0') == NULL,
	   "marked text: no folded join: %s", forced_tags(tiny, t, true));

	/*
	 * A sentence's first two syllables, both capitalised, stay whole if
	 * they start a name inside sentences (Thổ Nhĩ), with or without
	 * diacritics; not in lowercase, not after a title (Ông), not inside a
	 * sentence (the model decides there), not with the rule off.
	 */
	ok(tiny_name_joins == 3, "name joins: 3 of 4 taken (not one syllable): %d",
	   tiny_name_joins);
	t = "Thổ Nhĩ Kỳ và";
	ok(strncmp(forced_tags(tiny, t, true), "10", 2) == 0,
	   "sentence-initial name kept whole: %s", forced_tags(tiny, t, true));
	t = "Tho Nhi Ky va";
	ok(strncmp(forced_tags(tiny, t, true), "10", 2) == 0,
	   "the same without diacritics: %s", forced_tags(tiny, t, true));
	ok(strncmp(forced_tags(tiny, t, false), "1-", 2) == 0,
	   "name joins off with the plain rule: %s", forced_tags(tiny, t, false));
	t = "thổ nhĩ kỳ và";
	ok(strncmp(forced_tags(tiny, t, true), "10", 2) != 0,
	   "not in lowercase: %s", forced_tags(tiny, t, true));
	t = "Ông Thổ Nhĩ Kỳ";
	ok(strchr(forced_tags(tiny, t, true), '0') == NULL,
	   "not after a title, nor inside the sentence: %s", forced_tags(tiny, t, true));

	/*
	 * A pair listed as written (Biên Hòa, whose folded pair news text also
	 * writes otherwise) counts in text with diacritics only, even where it
	 * has none of its own (Bao Thanh).
	 */
	t = "Biên Hòa mưa lớn";
	ok(strncmp(forced_tags(tiny, t, true), "10", 2) == 0,
	   "sentence-initial name listed as written: %s", forced_tags(tiny, t, true));
	t = "Bien Hoa mua lon";
	ok(strncmp(forced_tags(tiny, t, true), "10", 2) != 0,
	   "not without diacritics: %s", forced_tags(tiny, t, true));
	t = "Bao Thanh nói";
	ok(strncmp(forced_tags(tiny, t, true), "10", 2) == 0,
	   "a pair without marks, in text with them: %s", forced_tags(tiny, t, true));
	t = "Bao Thanh noi";
	ok(strncmp(forced_tags(tiny, t, true), "10", 2) != 0,
	   "not in text without them: %s", forced_tags(tiny, t, true));

	/*
	 * A name typed in lowercase stays whole where news text writes it as
	 * one capitalised name: its exact form in text with diacritics, its
	 * folded form without them; capitalised, only at the start of a
	 * sentence (inside one the model knows it by its capitals).  Not where
	 * a word crosses its end (chứng minh | anh), not with the rule off.
	 */
	ok(tiny_name_words == 8, "name words: 8 of 10 taken (not one syllable, not five): %d",
	   tiny_name_words);
	t = "ông phạm minh chính nói";
	ok(strcmp(forced_tags(tiny, t, true), "11001") == 0,
	   "lowercase name kept whole: %s", forced_tags(tiny, t, true));
	ok(strcmp(forced_tags(tiny, t, false), "1----") == 0,
	   "name words off with the plain rule: %s", forced_tags(tiny, t, false));
	t = "ong pham minh chinh noi";
	ok(strcmp(forced_tags(tiny, t, true), "11001") == 0,
	   "the same without diacritics: %s", forced_tags(tiny, t, true));
	t = "ông pham minh chinh nói";
	ok(strchr(forced_tags(tiny, t, true), '0') == NULL,
	   "text with diacritics takes only the exact form: %s", forced_tags(tiny, t, true));
	t = "ông Phạm Minh Chính nói";
	ok(strchr(forced_tags(tiny, t, true), '0') == NULL,
	   "capitalised inside a sentence: left to the model: %s", forced_tags(tiny, t, true));
	t = "Phạm Minh Chính nói";
	ok(strncmp(forced_tags(tiny, t, true), "100", 3) == 0,
	   "capitalised at the start of a sentence: kept whole: %s", forced_tags(tiny, t, true));
	t = "Phạm Minh Chinh nói";
	ok(strchr(forced_tags(tiny, t, true), '0') == NULL,
	   "not another name's spelling: %s", forced_tags(tiny, t, true));
	t = "minh anh nói";
	ok(strcmp(forced_tags(tiny, t, true), "101") == 0,
	   "a name of two syllables: %s", forced_tags(tiny, t, true));
	t = "chứng minh anh nói";
	ok(strchr(forced_tags(tiny, t, true), '0') == NULL,
	   "not where a word crosses its end: %s", forced_tags(tiny, t, true));

	/*
	 * Names with foreign syllables too, though word spans stop at foreign
	 * syllables for everything else.
	 */
	t = "đội real madrid thắng";
	ok(strcmp(forced_tags(tiny, t, true), "1101") == 0,
	   "lowercase foreign name kept whole: %s", forced_tags(tiny, t, true));
	t = "doi real madrid thang";
	ok(strcmp(forced_tags(tiny, t, true), "1101") == 0,
	   "the same without diacritics: %s", forced_tags(tiny, t, true));
	t = "tại sea games năm nay";
	ok(strcmp(forced_tags(tiny, t, true), "11011") == 0,
	   "one that begins with a Vietnamese syllable: %s", forced_tags(tiny, t, true));
	t = "Real Madrid thắng";
	ok(strncmp(forced_tags(tiny, t, true), "10", 2) == 0,
	   "capitalised at the start of a sentence: %s", forced_tags(tiny, t, true));
	t = "madrid real madrid";
	ok(strcmp(forced_tags(tiny, t, true), "110") == 0,
	   "only where the name is: %s", forced_tags(tiny, t, true));
	t = "the real people";
	ok(strchr(forced_tags(tiny, t, true), '0') == NULL,
	   "not in other text: %s", forced_tags(tiny, t, true));
	t = "đội real madrid thắng";
	ok(strcmp(forced_tags(tiny, t, false), "1---") == 0,
	   "off with the plain rule: %s", forced_tags(tiny, t, false));

	/*
	 * A name listed only with its diacritics is the name without them
	 * where it is the whole text (a query, a title), not in a sentence.
	 */
	t = "to lam";
	ok(strcmp(forced_tags(tiny, t, true), "10") == 0,
	   "a whole text of a folded name: %s", forced_tags(tiny, t, true));
	t = "To Lam";
	ok(strcmp(forced_tags(tiny, t, true), "10") == 0,
	   "the same capitalised: %s", forced_tags(tiny, t, true));
	t = "ong to lam noi";
	ok(strchr(forced_tags(tiny, t, true), '0') == NULL,
	   "not inside a sentence: %s", forced_tags(tiny, t, true));
	t = "To lam";
	ok(strchr(forced_tags(tiny, t, true), '0') == NULL,
	   "not in mixed case: %s", forced_tags(tiny, t, true));
	t = "to lam";
	ok(strcmp(forced_tags(tiny, t, false), "1-") == 0,
	   "off with the plain rule: %s", forced_tags(tiny, t, false));

	/*
	 * Without diacritics most syllables make some word with a neighbour
	 * (thu pham), so only a folded join stops a name (chung minh).
	 */
	t = "chung minh anh noi";
	ok(strcmp(forced_tags(tiny, t, true), "1011") == 0,
	   "unmarked: a folded join wins: %s", forced_tags(tiny, t, true));
	t = "thu pham minh chinh";
	ok(strcmp(forced_tags(tiny, t, true), "1100") == 0,
	   "unmarked: a folded word that is no join does not: %s", forced_tags(tiny, t, true));

	/* user words: kept whole, longest match, folded when the text is unmarked */
	ok(vn_userlex_add(ulex, "hoà bình", strlen("hoà bình")) == NULL, "user word added");
	ok(vn_userlex_add(ulex, "hòa bình thế giới", strlen("hòa bình thế giới")) == NULL,
	   "longer user word added");
	ok(vn_userlex_add(ulex, "", 0) != NULL, "empty user word rejected");
	ok(vn_userlex_add(ulex, "a-b", 3) != NULL, "user word with punctuation rejected");
	ok(vn_userlex_add(ulex, "a b c d e f g h i", 17) != NULL, "user word of 9 syllables rejected");
	{
		/* non-ASCII symbols, quotes, emoji and other scripts are not syllables */
		static const char *const bad[] = {
			"👍 👍", "« … »", "hòa 👍", "“hòa” bình", "hòa…", "bình —",
			"hòa €", "hòa ©", "漢字 hòa", "hòa\u00a0\u00bb", "¿ hòa"
		};
		static const char *const good[] = {
			"u23 việt nam", "năm 2026", "Hà\u00a0Nội", "ĐẢNG CỘNG SẢN", "covid19"
		};

		for (size_t k = 0; k < sizeof(bad) / sizeof(bad[0]); k++)
			ok(vn_userlex_add(ulex, bad[k], strlen(bad[k])) != NULL,
			   "user word of symbols rejected: %s", bad[k]);
		for (size_t k = 0; k < sizeof(good) / sizeof(good[0]); k++)
			ok(vn_userlex_add(ulex, good[k], strlen(good[k])) == NULL,
			   "user word of letters and digits accepted: %s", good[k]);
	}
	check_seg(NULL, ulex, "vì hòa bình và hoà bình", "vì|hòa bình|và|hoà bình", "user word, both tone placements");
	check_seg(NULL, ulex, "vì hòa bình thế giới", "vì|hòa bình thế giới", "longest user word wins");
	check_seg(NULL, ulex, "vi hoa binh", "vi|hoa binh", "user word in unmarked text");
	check_seg(NULL, ulex, "HÒA BÌNH", "HÒA BÌNH", "user word, any case");
	check_seg(tiny, ulex, "xin chào hòa bình", "xin|chào|hòa bình", "user word with a lexicon");

	/* restarting one tokenizer gives what fresh ones give */
	{
		long		ntok;
		int			bad;

		bad = reset_differs(NULL, NULL, 400, 7, &ntok);
		ok(bad == 0 && ntok > 10000, "reset = fresh init, no lexicon: %d of 400 texts differ, %ld tokens", bad, ntok);
		bad = reset_differs(tiny, ulex, 400, 8, &ntok);
		ok(bad == 0 && ntok > 10000, "reset = fresh init, lexicon and user words: %d of 400 texts differ, %ld tokens", bad, ntok);
	}

	/* NFD input: same tokens as NFC */
	{
		/* "Việt" in NFD: V i e + combining circumflex + combining dot below, t */
		const char nfd[] = "Vi" "e\xcc\x82\xcc\xa3" "t hoa\xcc\x80 bi\xcc\x80nh";

		n = tokenize(NULL, ulex, nfd, strlen(nfd));
		ok(n == 3 && toks[2].nsyl == 2, "NFD text: user word matched after normalization");
	}

	/* coverage on hostile input: random bytes and pieces */
	{
		const char *pieces[] = {"xin", " ", "chào", "  ", "\n", ".", ",", "Hà", "Nội",
			"\xff", "\xe1\xba", "123", "COVID-19", "\xcc\x81", "é", "Ư", "\t", "—",
			"https://a.vn/b", "nghiêng", "qu", "gi", "a", "Medvedev", NULL};
		int			np = 0;
		bool		all = true;
		unsigned	seed = 1;
		char	   *buf = malloc(4096);

		while (pieces[np])
			np++;
		for (int round = 0; round < 300; round++)
		{
			size_t		o = 0;

			while (o < 3000)
			{
				const char *p;

				seed = seed * 1103515245 + 12345;
				p = pieces[(seed >> 16) % np];
				memcpy(buf + o, p, strlen(p));
				o += strlen(p);
			}
			if (tokenize(NULL, NULL, buf, o) < 0 || tokenize(tiny, ulex, buf, o) < 0)
				all = false;
			for (size_t i = 0; i < o; i++)
			{
				seed = seed * 1103515245 + 12345;
				buf[i] = (char) (seed >> 16);
			}
			if (tokenize(tiny, ulex, buf, o) < 0)
				all = false;
		}
		ok(all, "tokens tile the text on 900 random inputs");
		free(buf);
	}

	/* long input without punctuation: windows are cut, nothing lost */
	{
		const char *unit = "xin chào ";
		size_t		ulen = strlen(unit),
					reps = 200000,
					len = reps * ulen;
		char	   *big = malloc(len);
		VnTokenizer *tz = malloc(vn_tokenizer_size());
		VnToken		tk;
		size_t		pos = 0,
					words = 0;
		bool		tiled = true;

		for (size_t i = 0; i < reps; i++)
			memcpy(big + i * ulen, unit, ulen);
		vn_tokenizer_init(tz, tiny, NULL, big, len);
		while (vn_tokenizer_next(tz, &tk))
		{
			if (tk.start != pos)
				tiled = false;
			pos = tk.start + tk.len;
			if (tk.type != VN_TOK_SPACE)
				words++;
		}
		ok(tiled && pos == len && words == 2 * reps, "2 MB run of syllables tiled (%zu words)", words);
		free(big);
		free(tz);
	}

	/* the real model */
	if (env == NULL)
	{
		for (int i = 0; i < 11; i++)
			printf("ok %d # skip VN_LEXICON not set\n", ++tap_n);
	}
	else
	{
		char		err[512];
		VnLexicon  *lex = vn_lexicon_open(env, err, sizeof(err));

		ok(lex != NULL, "open %s", env);
		if (lex)
		{
			const char nfd[] = "\xc4\x90" "a\xcc\x89ng Co\xcc\x82\xcc\xa3ng sa\xcc\x89n Vi" "e\xcc\x82\xcc\xa3t Nam";

			check_seg(lex, NULL, "Đảng Cộng sản Việt Nam", "Đảng|Cộng sản|Việt Nam", "model");
			check_seg(lex, NULL, "dang cong san viet nam", "dang|cong san|viet nam", "model, no diacritics");
			check_seg(lex, NULL, "ĐẢNG CỘNG SẢN VIỆT NAM", "ĐẢNG|CỘNG SẢN|VIỆT NAM", "model, all caps");
			check_seg(lex, NULL, nfd, "\xc4\x90" "a\xcc\x89ng|Co\xcc\x82\xcc\xa3ng sa\xcc\x89n|Vi" "e\xcc\x82\xcc\xa3t Nam", "model, NFD");
			check_seg(lex, NULL, "Chính phủ hoà giải", "Chính phủ|hoà giải", "model, old tone placement");
			t = "Tổng Bí thư Tô Lâm tiếp ông Medvedev.";
			n = tokenize(lex, NULL, t, strlen(t));
			ok(n > 0 && type_of(t, n, "Tô Lâm") == VN_TOK_NAME, "Tô Lâm is a NAME: %s", show(t, n));
			ok(n > 0 && type_of(t, n, "Medvedev") == VN_TOK_FOREIGN, "Medvedev stays FOREIGN");

			/*
			 * The tokenizer caches what it learns about each syllable; a
			 * paragraph repeated after thousands of other syllables (cache
			 * evictions) and in another case must segment the same way.
			 */
			{
				const char *para = "Hòa bình thế giới. Đảng Cộng sản Việt Nam lãnh đạo hoà giải; "
					"HÒA BÌNH và Hòa bình, hòa bình.\n";
				size_t		plen = strlen(para);
				char	   *buf = malloc(64 * plen + 64 * 2000);
				size_t		len = 0,
							starts[64];
				int			first_n = -1;
				bool		same = true;
				VnToken		ref[64];

				for (int c = 0; c < 64; c++)
				{
					starts[c] = len;
					memcpy(buf + len, para, plen);
					len += plen;
					/* filler: distinct letter runs between the copies */
					for (int k = 0; k < 300; k++)
					{
						static const char *const shapes[] = {
							"x%c%c%c ", "X%c%c%c ", "x\xc3\xa0%c%c ", "X\xc3\xa0%c%c%c ",
							"h\xc3\xb2%c%c "
						};
						int			v = c * 300 + k;

						len += sprintf(buf + len, shapes[v % 5], 'a' + v / 5 % 26,
									   'a' + v / 130 % 26, 'a' + v / 3380 % 26);
					}
					buf[len++] = '\n';
				}
				for (int c = 0; c < 64 && same; c++)
				{
					int			m = 0;

					n = tokenize(lex, NULL, buf + starts[c], plen);
					if (n <= 0 || n > 64)
						same = false;
					else if (c == 0)
					{
						first_n = n;
						memcpy(ref, toks, n * sizeof(VnToken));
					}
					else if (n != first_n)
						same = false;
					else
						for (m = 0; m < n; m++)
							if (toks[m].start != ref[m].start || toks[m].len != ref[m].len ||
								toks[m].type != ref[m].type)
								same = false;
				}
				/* now all in one text: each copy's tokens must match the lone copy */
				n = tokenize(lex, NULL, buf, len);
				if (n <= 0 || n > MAXTOK)
					same = false;
				else
				{
					for (int c = 0; c < 64 && same; c++)
					{
						int			k = 0;

						while (k < n && toks[k].start < starts[c])
							k++;
						for (int m = 0; m < first_n && same; m++)
							if (k + m >= n || toks[k + m].start - starts[c] != ref[m].start ||
								toks[k + m].len != ref[m].len || toks[k + m].type != ref[m].type)
								same = false;
					}
				}
				ok(same, "a paragraph repeated 64 times among 19,200 other syllables segments the same way every time");
				free(buf);
			}
			{
				long		ntok;
				int			bad = reset_differs(lex, ulex, 1000, 9, &ntok);

				ok(bad == 0 && ntok > 20000,
				   "reset = fresh init with the model: %d of 1000 texts differ, %ld tokens", bad, ntok);
				bad = decoder_differs(lex, 600, 11, &ntok);
				ok(bad == 0 && ntok > 200000,
				   "run-time decoder = key-by-key reference decoder: %d of 600 texts differ, %ld tokens",
				   bad, ntok);
				bad = records_differ(lex, 600, 13, &ntok);
				ok(bad == 0 && ntok > 200000,
				   "syllable records = computed syllables: %d of 600 texts differ, %ld tokens",
				   bad, ntok);
			}
			vn_lexicon_close(lex);
		}
	}

	vn_userlex_free(ulex);
	vn_lexicon_close(tiny);
	free(img);
	return tap_done();
}
