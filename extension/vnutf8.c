/*-------------------------------------------------------------------------
 *
 * vnutf8.c
 *	  Strict UTF-8 decoding and encoding for the Vietnamese text core.
 *
 * Text reaches the parser as raw bytes with a length: it is not
 * NUL-terminated and may hold anything, so the decoder never reads past the
 * bytes it is given and rejects every ill-formed sequence the Unicode
 * standard rejects (overlong forms, surrogates, code points above U+10FFFF,
 * truncated sequences, stray continuation bytes).  A rejected sequence
 * counts as one bad byte, so a caller that skips it resynchronises on the
 * very next byte and never swallows a valid character that follows.
 *
 *-------------------------------------------------------------------------
 */
#include "vncore.h"

/*
 * Decode one code point at s (n bytes available).  Returns the number of
 * bytes used (1..4) and stores the code point in *cp, or returns 1 and
 * stores -1 when the bytes at s do not start a well-formed sequence.
 */
int
vn_utf8_decode(const unsigned char *s, size_t n, int32_t *cp)
{
	unsigned char c;
	unsigned char lo = 0x80,
				hi = 0xBF;		/* allowed range of the second byte */
	int			need;
	int32_t		v;
	int			i;

	if (n == 0)
	{
		*cp = -1;
		return 1;
	}

	c = s[0];
	if (c < 0x80)
	{
		*cp = c;
		return 1;
	}

	/*
	 * The second-byte ranges below are those of Table 3-7 of the Unicode
	 * standard: they exclude overlong forms (E0, F0), surrogates (ED) and
	 * values above U+10FFFF (F4) without decoding first.
	 */
	if (c >= 0xC2 && c <= 0xDF)
	{
		need = 1;
		v = c & 0x1F;
	}
	else if (c >= 0xE0 && c <= 0xEF)
	{
		need = 2;
		v = c & 0x0F;
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;
	}
	else if (c >= 0xF0 && c <= 0xF4)
	{
		need = 3;
		v = c & 0x07;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
	}
	else
	{
		/* continuation byte, C0/C1 (always overlong) or F5..FF */
		*cp = -1;
		return 1;
	}

	if (n < (size_t) need + 1)
	{
		*cp = -1;
		return 1;
	}
	if (s[1] < lo || s[1] > hi)
	{
		*cp = -1;
		return 1;
	}
	for (i = 1; i <= need; i++)
	{
		if ((s[i] & 0xC0) != 0x80)
		{
			*cp = -1;
			return 1;
		}
		v = (v << 6) | (s[i] & 0x3F);
	}
	*cp = v;
	return need + 1;
}

/*
 * Encode cp as UTF-8 into out (room for 4 bytes) and return the length.
 * A value that is not a Unicode scalar value (negative, a surrogate, or
 * above U+10FFFF) is written as U+FFFD, so the output is always valid
 * UTF-8 whatever the caller passes.
 */
int
vn_utf8_encode(int32_t cp, char *out)
{
	unsigned char *o = (unsigned char *) out;

	if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = 0xFFFD;

	if (cp < 0x80)
	{
		o[0] = (unsigned char) cp;
		return 1;
	}
	if (cp < 0x800)
	{
		o[0] = (unsigned char) (0xC0 | (cp >> 6));
		o[1] = (unsigned char) (0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000)
	{
		o[0] = (unsigned char) (0xE0 | (cp >> 12));
		o[1] = (unsigned char) (0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char) (0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char) (0xF0 | (cp >> 18));
	o[1] = (unsigned char) (0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char) (0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char) (0x80 | (cp & 0x3F));
	return 4;
}

/* true if all n bytes at s are well-formed UTF-8 */
bool
vn_utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *) s;
	size_t		i = 0;

	while (i < n)
	{
		int32_t		cp;

		/* ASCII needs no decoding; most Vietnamese text is half ASCII */
		if (p[i] < 0x80)
		{
			i++;
			continue;
		}
		i += vn_utf8_decode(p + i, n - i, &cp);
		if (cp < 0)
			return false;
	}
	return true;
}
