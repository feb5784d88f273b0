/*-------------------------------------------------------------------------
 *
 * test_utf8.c
 *	  TAP tests for the UTF-8 layer (extension/vnutf8.c).
 *
 * The decoder is checked exhaustively against ICU's U8_NEXT on every
 * sequence of up to three bytes, and on all four-byte lead bytes with
 * every second and third byte, so any disagreement on what is well-formed
 * shows up.  Buffers are malloc'ed to their exact length, so running this
 * under valgrind or ASan also proves nothing reads past the end.
 *
 *-------------------------------------------------------------------------
 */
#include "vncore.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/utf8.h>

/* decode from a heap copy of exactly n bytes */
static int
decode_exact(const char *bytes, size_t n, int32_t *cp)
{
	unsigned char *buf = malloc(n ? n : 1);
	int			r;

	memcpy(buf, bytes, n);
	r = vn_utf8_decode(buf, n, cp);
	free(buf);
	return r;
}

static bool
decodes_to(const char *bytes, size_t n, int want_len, int32_t want_cp)
{
	int32_t		cp;
	int			r = decode_exact(bytes, n, &cp);

	if (r != want_len || cp != want_cp)
	{
		printf("# decode gave len %d cp %ld, want len %d cp %ld\n",
			   r, (long) cp, want_len, (long) want_cp);
		return false;
	}
	return true;
}

static bool
valid_exact(const char *bytes, size_t n)
{
	char	   *buf = malloc(n ? n : 1);
	bool		r;

	memcpy(buf, bytes, n);
	r = vn_utf8_valid(buf, n);
	free(buf);
	return r;
}

/*
 * Compare with ICU on the n bytes in s: same verdict, and for a
 * well-formed sequence the same code point and length.
 */
static bool
agrees_with_icu(const unsigned char *s, int n)
{
	int32_t		cp;
	int			r = vn_utf8_decode(s, (size_t) n, &cp);
	int32_t		i = 0;
	UChar32		c;

	U8_NEXT(s, i, n, c);
	if (c < 0)
		return cp == -1 && r == 1;
	return cp == c && r == i;
}

int
main(void)
{
	char		buf[8];
	int			i;
	int32_t		cp;
	bool		all;
	unsigned long mismatches;

	/* ---- single known sequences ---- */
	ok(decodes_to("A", 1, 1, 'A'), "ASCII letter");
	ok(decodes_to("\0", 1, 1, 0), "NUL byte is a character");
	ok(decodes_to("\x7f", 1, 1, 0x7F), "DEL");
	ok(decodes_to("\xc3\xa0", 2, 2, 0xE0), "two-byte à");
	ok(decodes_to("\xc4\x91", 2, 2, 0x111), "two-byte đ");
	ok(decodes_to("\xe1\xbb\x87", 3, 3, 0x1EC7), "three-byte ệ");
	ok(decodes_to("\xe2\x80\xa6", 3, 3, 0x2026), "three-byte ellipsis");
	ok(decodes_to("\xef\xbb\xbf", 3, 3, 0xFEFF), "BOM");
	ok(decodes_to("\xf0\x9f\x91\x8d", 4, 4, 0x1F44D), "four-byte emoji");
	ok(decodes_to("\xf4\x8f\xbf\xbf", 4, 4, 0x10FFFF), "U+10FFFF");
	ok(decodes_to("\xe1\xbb\x87xyz", 6, 3, 0x1EC7),
	   "decode stops after one character");

	/* ---- ill-formed input: one bad byte each ---- */
	ok(decodes_to("\x80", 1, 1, -1), "lone continuation byte");
	ok(decodes_to("\xbf", 1, 1, -1), "lone continuation byte BF");
	ok(decodes_to("\xc0\xaf", 2, 1, -1), "overlong C0");
	ok(decodes_to("\xc1\xbf", 2, 1, -1), "overlong C1");
	ok(decodes_to("\xe0\x80\xaf", 3, 1, -1), "overlong three-byte");
	ok(decodes_to("\xe0\x9f\xbf", 3, 1, -1), "overlong three-byte upper");
	ok(decodes_to("\xf0\x80\x80\xaf", 4, 1, -1), "overlong four-byte");
	ok(decodes_to("\xf0\x8f\xbf\xbf", 4, 1, -1), "overlong four-byte upper");
	ok(decodes_to("\xed\xa0\x80", 3, 1, -1), "high surrogate D800");
	ok(decodes_to("\xed\xbf\xbf", 3, 1, -1), "low surrogate DFFF");
	ok(decodes_to("\xed\x9f\xbf", 3, 3, 0xD7FF), "U+D7FF just below surrogates");
	ok(decodes_to("\xf4\x90\x80\x80", 4, 1, -1), "above U+10FFFF");
	ok(decodes_to("\xf5\x80\x80\x80", 4, 1, -1), "lead byte F5");
	ok(decodes_to("\xff", 1, 1, -1), "byte FF");
	ok(decodes_to("\xfe", 1, 1, -1), "byte FE");
	ok(decodes_to("\xe1\xbb", 2, 1, -1), "truncated three-byte at end");
	ok(decodes_to("\xe1\xbb" "a", 3, 1, -1), "three-byte cut by ASCII");
	ok(decodes_to("\xf0\x9f\x91", 3, 1, -1), "truncated four-byte at end");
	ok(decodes_to("\xc3", 1, 1, -1), "truncated two-byte at end");
	ok(decodes_to("\xc3\xc3\xa0", 3, 1, -1), "two-byte cut by a lead byte");
	ok(decodes_to("\xe1\xbb\x87", 2, 1, -1),
	   "n limits the read even when more bytes exist");
	ok(decodes_to("", 0, 1, -1), "empty input is invalid, consumes 1");

	/* ---- encoder ---- */
	ok(vn_utf8_encode('a', buf) == 1 && buf[0] == 'a', "encode ASCII");
	ok(vn_utf8_encode(0x111, buf) == 2 && memcmp(buf, "\xc4\x91", 2) == 0,
	   "encode đ");
	ok(vn_utf8_encode(0x1EC7, buf) == 3 &&
	   memcmp(buf, "\xe1\xbb\x87", 3) == 0, "encode ệ");
	ok(vn_utf8_encode(0x1F44D, buf) == 4 &&
	   memcmp(buf, "\xf0\x9f\x91\x8d", 4) == 0, "encode emoji");
	ok(vn_utf8_encode(0xD800, buf) == 3 &&
	   memcmp(buf, "\xef\xbf\xbd", 3) == 0, "surrogate encodes as U+FFFD");
	ok(vn_utf8_encode(0x110000, buf) == 3 &&
	   memcmp(buf, "\xef\xbf\xbd", 3) == 0, "too large encodes as U+FFFD");
	ok(vn_utf8_encode(-1, buf) == 3 &&
	   memcmp(buf, "\xef\xbf\xbd", 3) == 0, "negative encodes as U+FFFD");

	/* every scalar value round-trips and agrees with ICU's encoder */
	all = true;
	for (cp = 0; cp <= 0x10FFFF; cp++)
	{
		int			n;
		int32_t		back;
		unsigned char ibuf[4];
		int32_t		ilen = 0;
		UBool		err = 0;

		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		n = vn_utf8_encode(cp, buf);
		U8_APPEND((uint8_t *) ibuf, ilen, 4, cp, err);
		if (err || n != ilen || memcmp(buf, ibuf, n) != 0 ||
			vn_utf8_decode((unsigned char *) buf, n, &back) != n ||
			back != cp || !vn_utf8_valid(buf, n))
		{
			printf("# round trip failed at U+%04lX\n", (long) cp);
			all = false;
			break;
		}
	}
	ok(all, "all 1,112,064 scalar values round-trip and match ICU");

	/* ---- exhaustive agreement with ICU ---- */
	mismatches = 0;
	for (i = 0; i < (1 << 24); i++)
	{
		unsigned char s[3] = {i >> 16, (i >> 8) & 0xFF, i & 0xFF};
		int			n;

		for (n = 1; n <= 3; n++)
			if (!agrees_with_icu(s, n))
				mismatches++;
	}
	ok(mismatches == 0, "every 1-3 byte sequence: same verdict as ICU");

	mismatches = 0;
	for (i = 0; i < (8 << 16); i++)
	{
		static const unsigned char last[] = {0x00, 0x41, 0x7F, 0x80, 0x8F,
		0x90, 0xBF, 0xC0, 0xF4, 0xFF};
		unsigned char s[4] = {0xF0 + (i >> 16), (i >> 8) & 0xFF, i & 0xFF, 0};
		size_t		k;

		for (k = 0; k < sizeof(last); k++)
		{
			s[3] = last[k];
			if (!agrees_with_icu(s, 4))
				mismatches++;
		}
	}
	ok(mismatches == 0, "four-byte sequences F0-F7: same verdict as ICU");

	/* ---- vn_utf8_valid ---- */
	ok(valid_exact("", 0), "empty string is valid");
	ok(valid_exact("Tiếng Việt", strlen("Tiếng Việt")), "Vietnamese is valid");
	ok(valid_exact("a\0b", 3), "embedded NUL is valid");
	ok(!valid_exact("Vi\xff" "t", 4), "stray FF is invalid");
	ok(!valid_exact("Vi\xe1\xbb", 4), "truncated at end is invalid");
	ok(!valid_exact("\xed\xa0\x80", 3), "surrogate is invalid");
	ok(valid_exact("\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd", 8),
	   "emoji with skin tone is valid");
	ok(!valid_exact("\xe1\xbb\x87", 2), "valid checks only n bytes");

	/* random buffers: vn_utf8_valid agrees with decoding with ICU */
	{
		uint64_t	state = 0x9E3779B97F4A7C15ULL;
		int			bad = 0;
		int			r;

		for (r = 0; r < 20000; r++)
		{
			unsigned char s[16];
			int			n = 1 + r % 16;
			int32_t		k = 0;
			bool		icu_ok = true;

			for (i = 0; i < n; i++)
			{
				state ^= state << 13;
				state ^= state >> 7;
				state ^= state << 17;
				/* bias towards bytes that form sequences */
				s[i] = (state & 3) ? 0x80 + (state >> 8) % 0x78 : state >> 24;
			}
			while (k < n)
			{
				UChar32		c;

				U8_NEXT(s, k, n, c);
				if (c < 0)
					icu_ok = false;
			}
			if (icu_ok != vn_utf8_valid((char *) s, n))
				bad++;
		}
		ok(bad == 0, "20,000 random buffers: valid agrees with ICU");
	}

	return tap_done();
}
