/*
 * test_norm.c
 *	  Unit tests for normalization and folding (vnnorm.c).
 */
#include "vncore.h"
#include "tap.h"

#include <stdlib.h>

/*
 * vn_normalize() takes a fast path for ASCII and precomposed Vietnamese
 * letters; vn_normalize_reference() always takes the general one.  Both
 * must give the same bytes for every input.  Returns true if they do.
 */
static bool
same_as_reference(const char *in, size_t len)
{
	char		fast[4096],
				ref[4096];
	char	   *copy;
	int			n1,
				n2;
	bool		same;

	if (VN_NORM_BOUND(len) > sizeof(fast))
		return false;
	/* exactly len bytes, so that the sanitizers catch a read past the end */
	copy = malloc(len + (len == 0));
	memcpy(copy, in, len);
	n1 = vn_normalize(copy, len, fast);
	n2 = vn_normalize_reference(copy, len, ref);
	free(copy);
	same = n1 == n2 && (n1 < 0 || memcmp(fast, ref, n1) == 0);
	if (!same)
		printf("#   differs for '%.*s' (%d vs %d bytes)\n", (int) len, in, n1, n2);
	return same;
}

/*
 * vn_fold() as its contract states it, one decoded character at a time:
 * vn_fold() decodes our letters inline and must give the same bytes.
 */
static int
fold_simple(const char *in, size_t len, char *out)
{
	size_t		i = 0,
				o = 0;

	while (i < len)
	{
		int32_t		cp;
		int			clen = vn_utf8_decode((const unsigned char *) in + i, len - i, &cp);
		VnLetter	l;

		if (cp >= 0x80 && vn_letter_decompose(cp, &l))
			out[o++] = l.upper ? l.base - 'a' + 'A' : l.base;
		else if (cp >= 0x300 && cp <= 0x36F &&
				 o > 0 && ((out[o - 1] >= 'a' && out[o - 1] <= 'z') ||
						   (out[o - 1] >= 'A' && out[o - 1] <= 'Z')))
			;					/* a combining mark on a letter */
		else
			o += vn_fold(in + i, clen, out + o);	/* one character alone */
		i += clen;
	}
	return (int) o;
}

static bool
fold_as_simple(const char *in, size_t len)
{
	char		a[4096],
				b[4096];
	char	   *copy;
	int			n1,
				n2;

	if (len > sizeof(a))
		return false;
	copy = malloc(len + (len == 0));
	memcpy(copy, in, len);
	n1 = vn_fold(copy, len, a);
	n2 = fold_simple(copy, len, b);
	free(copy);
	if (n1 == n2 && memcmp(a, b, n1) == 0)
		return true;
	printf("#   fold differs for '%.*s'\n", (int) len, in);
	return false;
}

/* only ASCII and precomposed Vietnamese letters: what the fast path takes */
static bool
fast_path_text(const char *in, size_t len)
{
	size_t		i = 0;

	while (i < len)
	{
		int32_t		cp;
		VnLetter	l;

		i += vn_utf8_decode((const unsigned char *) in + i, len - i, &cp);
		if (cp < 0 || (cp >= 0x80 && !vn_letter_decompose(cp, &l)))
			return false;
	}
	return true;
}

/*
 * The text with the tone mark of its one toned letter put on letter number
 * `which` instead (when that gives a letter).  Returns 0 if the text has no
 * tone mark or fewer letters than that.
 */
static size_t
retone(const char *in, size_t len, int which, char *out)
{
	size_t		i = 0,
				o = 0;
	int			tone = 0,
				idx = 0;
	bool		placed = false;

	while (i < len)
	{
		int32_t		cp;
		VnLetter	l;

		i += vn_utf8_decode((const unsigned char *) in + i, len - i, &cp);
		if (cp >= 0 && vn_letter_decompose(cp, &l) && l.tone != VN_TONE_NONE)
			tone = l.tone;
	}
	if (tone == 0)
		return 0;
	i = 0;
	while (i < len)
	{
		int32_t		cp;
		int			cl = vn_utf8_decode((const unsigned char *) in + i, len - i, &cp);
		VnLetter	l;

		if (cp < 0)
			cp = 0xFFFD;
		else if (vn_letter_decompose(cp, &l))
		{
			l.tone = idx++ == which ? tone : VN_TONE_NONE;
			if (vn_letter_compose(&l) >= 0)
			{
				cp = vn_letter_compose(&l);
				placed |= l.tone != VN_TONE_NONE;
			}
		}
		o += vn_utf8_encode(cp, out + o);
		i += cl;
	}
	return placed ? o : 0;
}

/* deterministic generator (xorshift), so a failure can be reproduced */
static uint64_t rng_state = UINT64_C(0x9e3779b97f4a7c15);

static uint32_t
rng(uint32_t n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (uint32_t) (rng_state % n);
}

/* append one random piece of text: letters above all, and every trap */
static size_t
random_piece(char *out)
{
	static const char *const traps[] = {
		" ", " ", "-", ".", "_", "1", "9", "\t", "\n", "@", "[", "`", "{",
		"\xcc\x80", "\xcc\x81", "\xcc\x83", "\xcc\x89", "\xcc\xa3",	/* tones, combining */
		"\xcc\x82", "\xcc\x86", "\xcc\x9b",	/* circumflex, breve, horn */
		"\xc2\xa0", "\xe2\x80\x8b", "\xef\xbb\xbf",	/* spaces */
		"\xc3\x9f", "\xc3\xb1", "\xc3\x87", "\xc5\x93", "\xc6\xa2",	/* ß ñ Ç œ Ƣ */
		"\xc6\xb1", "\xc6\xbf", "\xc7\x80", "\xc2\xbf",	/* Ʊ ƿ ǀ ¿ */
		"\xc4\xb0", "\xe1\xba\x9e", "\xe1\xba\x9b", "\xe1\xbb\xba",	/* İ ẞ ẛ Ỻ */
		"\xe1\xb8\x80", "\xef\xac\x80", "\xd0\x9c", "\xe4\xb8\xad",	/* Ḁ ﬀ М 中 */
		"\xf0\x9f\x98\x80",	/* emoji */
		"\xff", "\xc3", "\xe1", "\xe1\xba", "\xe1\xbb", "\x80", "\xbb",	/* invalid, truncated */
		"\xc0\xa0", "\xed\xa0\x80", "\xf4\x90\x80\x80",	/* overlong, surrogate, too big */
	};
	uint32_t	r = rng(100);

	if (r < 45)
	{
		/* a Vietnamese letter or an ASCII one, either case */
		static const char *const vowels = "aeiouyAEIOUY";
		int32_t		cp;
		VnLetter	l;

		if (rng(2) == 0)
		{
			out[0] = rng(2) ? vowels[rng(12)] : (char) ('a' + rng(26));
			return 1;
		}
		do
			cp = rng(2) ? 0xC0 + (int32_t) rng(0x1B0 - 0xC0 + 1) :
				0x1EA0 + (int32_t) rng(0x5A);
		while (!vn_letter_decompose(cp, &l));
		return vn_utf8_encode(cp, out);
	}
	if (r < 75)
	{
		/* syllable-like: consonant, vowels with one tone somewhere */
		static const char *const syl[] = {
			"hoa", "HOA", "khoe", "thuy", "uy", "tuy", "quy", "qua", "gia",
			"giu", "nguoi", "muoi", "hoai", "khuyu", "huyen", "oa", "oe",
			"uye", "yeu", "ieu", "uou", "oai", "gi", "qu"
		};
		static const char *const tones[] = {
			"\xcc\x80", "\xcc\x81", "\xcc\x83", "\xcc\x89", "\xcc\xa3"
		};
		const char *s = syl[rng(sizeof(syl) / sizeof(syl[0]))];
		size_t		n = strlen(s),
					at = rng(n + 1),
					o = 0;
		char		nfd[64];
		char		nfc[64];
		int			m;

		/* put a combining tone after letter `at` and compose it with NFC */
		memcpy(nfd, s, at);
		o = at;
		if (at > 0)
		{
			const char *t = tones[rng(5)];

			memcpy(nfd + o, t, strlen(t));
			o += strlen(t);
		}
		memcpy(nfd + o, s + at, n - at);
		o += n - at;
		if (rng(3) == 0)
		{
			memcpy(out, nfd, o);	/* left in NFD */
			return o;
		}
		/* precomposed, through the reference path (NFC) */
		m = vn_normalize_reference(nfd, o, nfc);
		if (m < 0)
			m = 0;
		memcpy(out, nfc, m);
		if (m > 0 && rng(2) == 0)
			out[0] = (out[0] >= 'a' && out[0] <= 'z') ? out[0] - 32 : out[0];
		return m;
	}
	{
		const char *t = traps[rng(sizeof(traps) / sizeof(traps[0]))];

		memcpy(out, t, strlen(t));
		return strlen(t);
	}
}

static void
check_norm(const char *in, const char *want)
{
	char	   *out = malloc(VN_NORM_BOUND(strlen(in)));
	int			n = vn_normalize(in, strlen(in), out);

	is_str(out, n < 0 ? 0 : n, want, "normalize '%s'", in);
	free(out);
}

static void
check_fold(const char *in, const char *want)
{
	char	   *norm = malloc(VN_NORM_BOUND(strlen(in)));
	char	   *out = malloc(VN_NORM_BOUND(strlen(in)));
	int			n = vn_normalize(in, strlen(in), norm);
	int			m = vn_fold(norm, n, out);

	is_str(out, m, want, "fold '%s'", in);
	free(norm);
	free(out);
}

/* the y spelling of a syllable written with i, or "-" for none */
static void
check_iy(const char *in, const char *want)
{
	char		out[16];
	int			n = vn_iy_variant(in, strlen(in), out);

	if (n < 0)
		is_str("-", 1, want, "iy '%s'", in);
	else
	{
		ok(n <= (int) strlen(in) + 1, "iy '%s' fits len + 1", in);
		is_str(out, n, want, "iy '%s'", in);
	}
}

int
main(void)
{
	VnLetter	l;

	/* letter table */
	ok(vn_letter_decompose(0x1EAD, &l) && l.base == 'a' && l.mod == VN_MOD_CIRC &&
	   l.tone == VN_TONE_DOT && !l.upper, "ậ decomposes");
	ok(vn_letter_decompose(0x0110, &l) && l.base == 'd' && l.mod == VN_MOD_STROKE &&
	   l.upper, "Đ decomposes");
	ok(!vn_letter_decompose(0x00F1, &l), "ñ is not a Vietnamese letter");
	l.base = 'o';
	l.mod = VN_MOD_HORN;
	l.tone = VN_TONE_TILDE;
	l.upper = true;
	ok(vn_letter_compose(&l) == 0x1EE0, "compose Ỡ");

	/*
	 * The direct-indexed tables agree with each other: every letter they
	 * know (52 ASCII, 134 Vietnamese) composes back to itself.
	 */
	{
		int			nletters = 0,
					bad = 0;

		for (int32_t cp = 0; cp < 0x2000; cp++)
		{
			if (vn_letter_decompose(cp, &l))
			{
				nletters++;
				if (vn_letter_compose(&l) != cp)
					bad++;
			}
		}
		ok(nletters == 186 && bad == 0,
		   "letter tables round-trip (%d letters, %d bad)", nletters, bad);
	}

	/* case, NFC */
	check_norm("ĐẢNG CỘNG SẢN", "đảng cộng sản");
	check_norm("Vie\xcc\xa3\xcc\x82t Nam", "việt nam");	/* NFD, marks out of order */
	check_norm("Vi\xc3\xaa\xcc\xa3t", "việt");	/* ê + combining dot below */
	check_norm("Straße", "strasse");	/* full case folding */
	check_norm("МОСКВА", "москва");

	/* tone placement: oa, oe, uy open syllables take the mark on the first vowel */
	check_norm("hoà bình", "hòa bình");
	check_norm("HOÀ", "hòa");
	check_norm("khoẻ", "khỏe");
	check_norm("thuỷ", "thủy");
	check_norm("uỷ ban", "ủy ban");
	check_norm("tuỳ", "tùy");
	/* eth for đ, other apostrophes for ' */
	check_norm("\xc3\x90\xe1\xba\xa3ng", "đảng");	/* Ðảng */
	check_norm("\xc3\xb0i", "đi");			/* ði */
	check_norm("M\xe2\x80\x99gar", "m'gar");	/* M’gar */
	check_norm("H\xca\xbcleo", "h'leo");		/* Hʼleo */
	check_norm("\xe2\x80\x98x\xe2\x80\x99", "\xe2\x80\x98x'");	/* ‘ stays */
	check_norm("qúy", "quý");
	check_norm("quý", "quý");
	check_norm("hoa\xcc\x80", "hòa");	/* NFD, old placement */
	check_norm("Dakh\xc2\xadlia", "dakhlia");	/* soft hyphen */
	check_norm("Vi\xc2\xadệt", "việt");
	/* closed syllables and modified vowels keep theirs */
	check_norm("hoàn", "hoàn");
	check_norm("thuyết", "thuyết");
	check_norm("quỳnh", "quỳnh");
	check_norm("người", "người");
	check_norm("giữa", "giữa");
	check_norm("gìn giữ", "gìn giữ");
	check_norm("già", "già");
	check_norm("hoài", "hoài");
	check_norm("khuỷu", "khuỷu");
	check_norm("của", "của");
	check_norm("mùa", "mùa");
	/* wrong placements get fixed */
	check_norm("hoài", "hoài");
	check_norm("muà", "mùa");
	check_norm("ngươì", "người");
	/*
	 * A mark typed twice goes; a second tone replaces the first (news text
	 * has "Sơ̛n", "thị̣", "Ướ́c", "miể̃n").  A mark NFC cannot compose
	 * otherwise stays on its letter.  Normalizing is idempotent.
	 */
	check_norm("ie\xcc\xa3\xcc\x81", "íe");
	check_norm("S\xc6\xa1\xcc\x9bn", "sơn");
	check_norm("S\xc6\xa1n\xcc\x9b", "sơn");	/* typed again at the end */
	check_norm("n\xcc\x9b", "n\xcc\x9b");	/* no horn to merge with */
	check_norm("th\xe1\xbb\x8b\xcc\xa3", "thị");
	check_norm("\xc6\xaf\xe1\xbb\x9b\xcc\x81" "c", "ước");
	check_norm("li\xe1\xbb\x81\xcc\x80n", "liền");
	check_norm("mi\xe1\xbb\x83\xcc\x83n", "miễn");
	check_norm("L\xe1\xba\xa1ng\xcc\xa3", "lạng");
	check_norm("a\xcc\x81\xcc\x81\xcc\x81", "á");
	check_norm("ng\xcc\xa3", "ng\xcc\xa3");	/* no tone to merge with */
	check_norm("q\xcc\x88", "q\xcc\x88");	/* not a Vietnamese mark */
	/* the fuzzer's find: taking the acute away would leave h + diaeresis */
	check_norm("ho\314\200ahh\314\201\314\210", "hòahh\314\201\314\210");
	{
		static const char *const ins[] = {
			"ie\xcc\xa3\xcc\x81", "ho\314\200ahh\314\201\314\210",
			"th\xe1\xbb\x8b\xcc\xa3\xcc\x88", "S\xc6\xa1\xcc\x9b\xcc\x9bn"
		};

		for (int k = 0; k < (int) (sizeof(ins) / sizeof(ins[0])); k++)
		{
			char		once[64],
						twice[64];
			int			n1 = vn_normalize(ins[k], strlen(ins[k]), once);
			int			n2 = vn_normalize(once, n1, twice);

			ok(n1 == n2 && memcmp(once, twice, n1) == 0,
			   "normalize(normalize(x)) == normalize(x) for '%s'", ins[k]);
		}
	}
	/* not syllables: left alone apart from case */
	check_norm("Medvedev", "medvedev");
	check_norm("IMCWP-17", "imcwp-17");
	check_norm("1.000.000", "1.000.000");
	check_norm("", "");

	/* the fast path gives what the general one gives, for every letter */
	{
		int			bad = 0,
					total = 0;
		char		buf[64];

		for (int32_t cp = 0; cp < 0x2000; cp++)
		{
			VnLetter	l2;
			int			n;

			if (!vn_letter_decompose(cp, &l2))
				continue;
			n = vn_utf8_encode(cp, buf);
			/* alone, before and after ASCII letters, in a toneless pair */
			bad += !same_as_reference(buf, n);
			bad += !fold_as_simple(buf, n);
			memcpy(buf + n, "oa", 2);
			bad += !same_as_reference(buf, n + 2);
			memmove(buf + 2, buf, n + 2);
			memcpy(buf, "ho", 2);
			bad += !same_as_reference(buf, n + 4);
			total += 3;
		}
		ok(bad == 0, "fast path == general path for every letter (%d inputs, %d differ)",
		   total, bad);
	}

	/* ... and around the longest run of letters taken as one syllable */
	{
		static const char *const syl[] = {
			"hoà", "HOÀ", "thuỷ", "qúy", "ngươì", "khoẻ", "Đảng", "muà"
		};
		int			bad = 0,
					total = 0;

		for (int k = 0; k <= 40; k++)
			for (size_t j = 0; j < sizeof(syl) / sizeof(syl[0]); j++)
			{
				char		buf[128];

				memset(buf, k % 2 ? 'x' : 'X', k);
				strcpy(buf + k, syl[j]);
				bad += !same_as_reference(buf, strlen(buf));
				strcat(buf, "-");
				strcat(buf, syl[(j + 1) % 8]);
				bad += !same_as_reference(buf, strlen(buf));
				total += 2;
			}
		ok(bad == 0, "fast path == general path for long runs (%d inputs, %d differ)",
		   total, bad);
	}

	/* ... and for random text with every kind of trap in it */
	{
		int			bad = 0,
					fast = 0;
		const int	ntests = 300000;

		for (int t = 0; t < ntests; t++)
		{
			char		buf[512];
			size_t		len = 0;
			int			npieces = 1 + rng(t % 4 == 0 ? 40 : 6);

			for (int k = 0; k < npieces && len < 400; k++)
				len += random_piece(buf + len);
			bad += !same_as_reference(buf, len);
			bad += !fold_as_simple(buf, len);
			/* count how often the fast path is what got tested */
			fast += fast_path_text(buf, len);
			if (bad > 10)
				break;
		}
		ok(bad == 0, "fast path == general path, and vn_fold as specified, on %d random texts (%d differ)",
		   ntests, bad);
		ok(fast > ntests / 10, "many of them (%d) took the fast path", fast);
	}

	/*
	 * ... and for every word of the base word list: as written, in upper
	 * case, and with its tone mark moved to other letters (hoà, thuỷ)
	 */
	{
		const char *path = getenv("VN_WORDLIST");
		FILE	   *f = fopen(path ? path : "build/Viet74K.txt", "r");

		if (f == NULL)
			ok(true, "# SKIP no word list (build/Viet74K.txt)");
		else
		{
			char		line[1024];
			int			bad = 0,
						n = 0,
						inputs = 0;

			while (fgets(line, sizeof(line), f) && bad <= 10)
			{
				size_t		len = strcspn(line, "\r\n");
				char		buf[4096];
				size_t		m;

				bad += !same_as_reference(line, len);
				bad += !fold_as_simple(line, len);
				for (size_t k = 0; k < len; k++)
					buf[k] = (line[k] >= 'a' && line[k] <= 'z') ? line[k] - 32 : line[k];
				bad += !same_as_reference(buf, len);
				inputs += 2;
				for (int which = 0; which < 12; which++)
				{
					m = retone(line, len, which, buf);
					if (m == 0)
						continue;	/* that letter cannot carry it */
					bad += !same_as_reference(buf, m);
					inputs++;
				}
				n++;
			}
			fclose(f);
			ok(n > 70000 && bad == 0,
			   "fast path == general path on the %d words of the word list (%d inputs, %d differ)",
			   n, inputs, bad);
		}
	}

	/* folding */
	check_fold("Đảng Cộng sản", "dang cong san");
	check_fold("thuỷ", "thuy");
	check_fold("Nguyễn Thị Ánh", "nguyen thi anh");
	check_fold("ng\xcc\xa3 e\xcc\xa3\xcc\x81 q\xcc\x88", "ng e q");	/* left-over marks */
	check_fold("1\xcc\x81 \xcc\x81", "1\xcc\x81 \xcc\x81");	/* not on a letter */
	/* foreign names lose their accents too */
	check_fold("Özil François Erdoğan Modrić Løw Łódź Straße Æsir",
			   "ozil francois erdogan modric low lodz strasse æsir");
	check_fold("Москва × ÷", "москва × ÷");
	ok(vn_has_marks("của", strlen("của")), "của has marks");
	ok(!vn_has_marks("cua", 3), "cua has none");
	ok(vn_has_marks("ng\xcc\xa3", 4), "a mark left on a consonant counts");
	ok(vn_has_marks("özil", strlen("özil")), "a foreign accent counts");
	ok(!vn_has_marks("Москва", strlen("Москва")), "Cyrillic has none");

	/* spaces that may separate syllables */
	ok(vn_space_at(" ", 1) == 1, "ASCII space");
	ok(vn_space_at("\xc2\xa0", 2) == 2, "no-break space");
	ok(vn_space_at("a", 1) == 0, "letter is no space");
	ok(vn_space_at("\n", 1) == 0, "newline ends a run, not a space");

	/* invalid UTF-8 must not crash or read past the end */
	{
		char		bad[] = {'a', (char) 0xC3, (char) 0xFF, 'b', (char) 0xE1, (char) 0xBA};
		char		out[64];
		int			n = vn_normalize(bad, sizeof(bad), out);

		ok(n >= 2 && n <= (int) VN_NORM_BOUND(sizeof(bad)), "invalid UTF-8 survives (%d bytes)", n);
	}
	/* i and y spellings of one syllable */
	check_iy("tỉ", "tỷ");
	check_iy("sĩ", "sỹ");
	check_iy("kì", "kỳ");
	check_iy("lí", "lý");
	check_iy("mị", "mỵ");
	check_iy("hi", "hy");
	check_iy("qui", "quy");
	check_iy("quí", "quý");
	check_iy("tỷ", "-");		/* already y */
	check_iy("vi", "-");		/* "vi phạm" is never "vy" */
	check_iy("thi", "-");
	check_iy("khi", "-");
	check_iy("đi", "-");
	check_iy("i", "-");
	check_iy("tim", "-");		/* i is not the whole rhyme */
	check_iy("tia", "-");
	check_iy("ti-vi", "-");
	check_iy("", "-");
	check_iy("q", "-");

	return tap_done();
}
