/*
 * test_norm.c
 *	  Unit tests for normalization and folding (vnnorm.c).
 */
#include "vncore.h"
#include "tap.h"

#include <stdlib.h>

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
	check_norm("qúy", "quý");
	check_norm("quý", "quý");
	check_norm("hoa\xcc\x80", "hòa");	/* NFD, old placement */
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
	/* a mark NFC cannot compose stays on its letter: normalizing is idempotent */
	check_norm("ie\xcc\xa3\xcc\x81", "i\xe1\xba\xb9\xcc\x81");
	{
		const char *in = "ie\xcc\xa3\xcc\x81";
		char		once[64],
					twice[64];
		int			n1 = vn_normalize(in, strlen(in), once);
		int			n2 = vn_normalize(once, n1, twice);

		ok(n1 == n2 && memcmp(once, twice, n1) == 0, "normalize(normalize(x)) == normalize(x)");
	}
	/* not syllables: left alone apart from case */
	check_norm("Medvedev", "medvedev");
	check_norm("IMCWP-17", "imcwp-17");
	check_norm("1.000.000", "1.000.000");
	check_norm("", "");

	/* folding */
	check_fold("Đảng Cộng sản", "dang cong san");
	check_fold("thuỷ", "thuy");
	check_fold("Nguyễn Thị Ánh", "nguyen thi anh");
	ok(vn_has_marks("của", strlen("của")), "của has marks");
	ok(!vn_has_marks("cua", 3), "cua has none");

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
	return tap_done();
}
