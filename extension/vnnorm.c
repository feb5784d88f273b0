/*-------------------------------------------------------------------------
 *
 * vnnorm.c
 *	  Vietnamese letters, normalization and diacritic folding.
 *
 * Normalized text is NFC, case-folded and has one tone placement per
 * syllable, so "Hoà", "hòa" and "HOÀ" (NFC or NFD) become the same bytes.
 * ICU does the Unicode work (NFC, full case folding) whenever the text has
 * anything beyond ASCII and precomposed Vietnamese letters; for the common
 * case a table walk gives the same result without converting to UTF-16.
 *
 *-------------------------------------------------------------------------
 */
#include "vncore.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

typedef struct VnLetterEntry
{
	int32_t		cp;
	char		base;
	uint8_t		mod;
	uint8_t		tone;
	bool		upper;
} VnLetterEntry;

/* Every non-ASCII letter of the Vietnamese alphabet, sorted by code point. */
static const VnLetterEntry vn_letters[] = {
	{0x00C0, 'a', 0, 1, true},	/* À */
	{0x00C1, 'a', 0, 2, true},	/* Á */
	{0x00C2, 'a', 2, 0, true},	/* Â */
	{0x00C3, 'a', 0, 4, true},	/* Ã */
	{0x00C8, 'e', 0, 1, true},	/* È */
	{0x00C9, 'e', 0, 2, true},	/* É */
	{0x00CA, 'e', 2, 0, true},	/* Ê */
	{0x00CC, 'i', 0, 1, true},	/* Ì */
	{0x00CD, 'i', 0, 2, true},	/* Í */
	{0x00D2, 'o', 0, 1, true},	/* Ò */
	{0x00D3, 'o', 0, 2, true},	/* Ó */
	{0x00D4, 'o', 2, 0, true},	/* Ô */
	{0x00D5, 'o', 0, 4, true},	/* Õ */
	{0x00D9, 'u', 0, 1, true},	/* Ù */
	{0x00DA, 'u', 0, 2, true},	/* Ú */
	{0x00DD, 'y', 0, 2, true},	/* Ý */
	{0x00E0, 'a', 0, 1, false},	/* à */
	{0x00E1, 'a', 0, 2, false},	/* á */
	{0x00E2, 'a', 2, 0, false},	/* â */
	{0x00E3, 'a', 0, 4, false},	/* ã */
	{0x00E8, 'e', 0, 1, false},	/* è */
	{0x00E9, 'e', 0, 2, false},	/* é */
	{0x00EA, 'e', 2, 0, false},	/* ê */
	{0x00EC, 'i', 0, 1, false},	/* ì */
	{0x00ED, 'i', 0, 2, false},	/* í */
	{0x00F2, 'o', 0, 1, false},	/* ò */
	{0x00F3, 'o', 0, 2, false},	/* ó */
	{0x00F4, 'o', 2, 0, false},	/* ô */
	{0x00F5, 'o', 0, 4, false},	/* õ */
	{0x00F9, 'u', 0, 1, false},	/* ù */
	{0x00FA, 'u', 0, 2, false},	/* ú */
	{0x00FD, 'y', 0, 2, false},	/* ý */
	{0x0102, 'a', 1, 0, true},	/* Ă */
	{0x0103, 'a', 1, 0, false},	/* ă */
	{0x0110, 'd', 4, 0, true},	/* Đ */
	{0x0111, 'd', 4, 0, false},	/* đ */
	{0x0128, 'i', 0, 4, true},	/* Ĩ */
	{0x0129, 'i', 0, 4, false},	/* ĩ */
	{0x0168, 'u', 0, 4, true},	/* Ũ */
	{0x0169, 'u', 0, 4, false},	/* ũ */
	{0x01A0, 'o', 3, 0, true},	/* Ơ */
	{0x01A1, 'o', 3, 0, false},	/* ơ */
	{0x01AF, 'u', 3, 0, true},	/* Ư */
	{0x01B0, 'u', 3, 0, false},	/* ư */
	{0x1EA0, 'a', 0, 5, true},	/* Ạ */
	{0x1EA1, 'a', 0, 5, false},	/* ạ */
	{0x1EA2, 'a', 0, 3, true},	/* Ả */
	{0x1EA3, 'a', 0, 3, false},	/* ả */
	{0x1EA4, 'a', 2, 2, true},	/* Ấ */
	{0x1EA5, 'a', 2, 2, false},	/* ấ */
	{0x1EA6, 'a', 2, 1, true},	/* Ầ */
	{0x1EA7, 'a', 2, 1, false},	/* ầ */
	{0x1EA8, 'a', 2, 3, true},	/* Ẩ */
	{0x1EA9, 'a', 2, 3, false},	/* ẩ */
	{0x1EAA, 'a', 2, 4, true},	/* Ẫ */
	{0x1EAB, 'a', 2, 4, false},	/* ẫ */
	{0x1EAC, 'a', 2, 5, true},	/* Ậ */
	{0x1EAD, 'a', 2, 5, false},	/* ậ */
	{0x1EAE, 'a', 1, 2, true},	/* Ắ */
	{0x1EAF, 'a', 1, 2, false},	/* ắ */
	{0x1EB0, 'a', 1, 1, true},	/* Ằ */
	{0x1EB1, 'a', 1, 1, false},	/* ằ */
	{0x1EB2, 'a', 1, 3, true},	/* Ẳ */
	{0x1EB3, 'a', 1, 3, false},	/* ẳ */
	{0x1EB4, 'a', 1, 4, true},	/* Ẵ */
	{0x1EB5, 'a', 1, 4, false},	/* ẵ */
	{0x1EB6, 'a', 1, 5, true},	/* Ặ */
	{0x1EB7, 'a', 1, 5, false},	/* ặ */
	{0x1EB8, 'e', 0, 5, true},	/* Ẹ */
	{0x1EB9, 'e', 0, 5, false},	/* ẹ */
	{0x1EBA, 'e', 0, 3, true},	/* Ẻ */
	{0x1EBB, 'e', 0, 3, false},	/* ẻ */
	{0x1EBC, 'e', 0, 4, true},	/* Ẽ */
	{0x1EBD, 'e', 0, 4, false},	/* ẽ */
	{0x1EBE, 'e', 2, 2, true},	/* Ế */
	{0x1EBF, 'e', 2, 2, false},	/* ế */
	{0x1EC0, 'e', 2, 1, true},	/* Ề */
	{0x1EC1, 'e', 2, 1, false},	/* ề */
	{0x1EC2, 'e', 2, 3, true},	/* Ể */
	{0x1EC3, 'e', 2, 3, false},	/* ể */
	{0x1EC4, 'e', 2, 4, true},	/* Ễ */
	{0x1EC5, 'e', 2, 4, false},	/* ễ */
	{0x1EC6, 'e', 2, 5, true},	/* Ệ */
	{0x1EC7, 'e', 2, 5, false},	/* ệ */
	{0x1EC8, 'i', 0, 3, true},	/* Ỉ */
	{0x1EC9, 'i', 0, 3, false},	/* ỉ */
	{0x1ECA, 'i', 0, 5, true},	/* Ị */
	{0x1ECB, 'i', 0, 5, false},	/* ị */
	{0x1ECC, 'o', 0, 5, true},	/* Ọ */
	{0x1ECD, 'o', 0, 5, false},	/* ọ */
	{0x1ECE, 'o', 0, 3, true},	/* Ỏ */
	{0x1ECF, 'o', 0, 3, false},	/* ỏ */
	{0x1ED0, 'o', 2, 2, true},	/* Ố */
	{0x1ED1, 'o', 2, 2, false},	/* ố */
	{0x1ED2, 'o', 2, 1, true},	/* Ồ */
	{0x1ED3, 'o', 2, 1, false},	/* ồ */
	{0x1ED4, 'o', 2, 3, true},	/* Ổ */
	{0x1ED5, 'o', 2, 3, false},	/* ổ */
	{0x1ED6, 'o', 2, 4, true},	/* Ỗ */
	{0x1ED7, 'o', 2, 4, false},	/* ỗ */
	{0x1ED8, 'o', 2, 5, true},	/* Ộ */
	{0x1ED9, 'o', 2, 5, false},	/* ộ */
	{0x1EDA, 'o', 3, 2, true},	/* Ớ */
	{0x1EDB, 'o', 3, 2, false},	/* ớ */
	{0x1EDC, 'o', 3, 1, true},	/* Ờ */
	{0x1EDD, 'o', 3, 1, false},	/* ờ */
	{0x1EDE, 'o', 3, 3, true},	/* Ở */
	{0x1EDF, 'o', 3, 3, false},	/* ở */
	{0x1EE0, 'o', 3, 4, true},	/* Ỡ */
	{0x1EE1, 'o', 3, 4, false},	/* ỡ */
	{0x1EE2, 'o', 3, 5, true},	/* Ợ */
	{0x1EE3, 'o', 3, 5, false},	/* ợ */
	{0x1EE4, 'u', 0, 5, true},	/* Ụ */
	{0x1EE5, 'u', 0, 5, false},	/* ụ */
	{0x1EE6, 'u', 0, 3, true},	/* Ủ */
	{0x1EE7, 'u', 0, 3, false},	/* ủ */
	{0x1EE8, 'u', 3, 2, true},	/* Ứ */
	{0x1EE9, 'u', 3, 2, false},	/* ứ */
	{0x1EEA, 'u', 3, 1, true},	/* Ừ */
	{0x1EEB, 'u', 3, 1, false},	/* ừ */
	{0x1EEC, 'u', 3, 3, true},	/* Ử */
	{0x1EED, 'u', 3, 3, false},	/* ử */
	{0x1EEE, 'u', 3, 4, true},	/* Ữ */
	{0x1EEF, 'u', 3, 4, false},	/* ữ */
	{0x1EF0, 'u', 3, 5, true},	/* Ự */
	{0x1EF1, 'u', 3, 5, false},	/* ự */
	{0x1EF2, 'y', 0, 1, true},	/* Ỳ */
	{0x1EF3, 'y', 0, 1, false},	/* ỳ */
	{0x1EF4, 'y', 0, 5, true},	/* Ỵ */
	{0x1EF5, 'y', 0, 5, false},	/* ỵ */
	{0x1EF6, 'y', 0, 3, true},	/* Ỷ */
	{0x1EF7, 'y', 0, 3, false},	/* ỷ */
	{0x1EF8, 'y', 0, 4, true},	/* Ỹ */
	{0x1EF9, 'y', 0, 4, false},	/* ỹ */
};

#define VN_NLETTERS (sizeof(vn_letters) / sizeof(vn_letters[0]))

/* U+1EA0..U+1EF9 are all letters, in order, from this entry on */
#define VN_FIRST_EXT 44

/*
 * Direct-indexed tables, so that decomposing and composing a letter (done
 * for every letter normalized) costs one load instead of a search.  They
 * were generated from vn_letters above and must be kept in step with it
 * (a code point's index, and each lowercase entry's [base][mod][tone]).
 */
/* vn_letters index + 1 for U+00C0..U+01B0 (0: not a letter) */
static const uint8_t vn_latin_index[0x1B0 - 0xC0 + 1] = {
	1, 2, 3, 4, 0, 0, 0, 0, 5, 6, 7, 0, 8, 9, 0, 0,
	0, 0, 10, 11, 12, 13, 0, 0, 0, 14, 15, 0, 0, 16, 0, 0,
	17, 18, 19, 20, 0, 0, 0, 0, 21, 22, 23, 0, 24, 25, 0, 0,
	0, 0, 26, 27, 28, 29, 0, 0, 0, 30, 31, 0, 0, 32, 0, 0,
	0, 0, 33, 34, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	35, 36, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 37, 38, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 39, 40, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	41, 42, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 43,
	44,
};

/*
 * Lowercase precomposed letters by [base][mod][tone], bases in the order
 * of compose_row(); 0 = no such letter.
 */
static const uint16_t vn_compose_table[7][5][6] = {
	{							/* a */
		{0x0000, 0x00E0, 0x00E1, 0x1EA3, 0x00E3, 0x1EA1},
		{0x0103, 0x1EB1, 0x1EAF, 0x1EB3, 0x1EB5, 0x1EB7},
		{0x00E2, 0x1EA7, 0x1EA5, 0x1EA9, 0x1EAB, 0x1EAD},
		{0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000},
		{0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000},
	},
	{							/* d */
		{0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000},
		{0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000},
		{0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000},
		{0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000},
		{0x0111, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000},
	},
	{							/* e */
		{0x0000, 0x00E8, 0x00E9, 0x1EBB, 0x1EBD, 0x1EB9},
		{0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000},
		{0x00EA, 0x1EC1, 0x1EBF, 0x1EC3, 0x1EC5, 0x1EC7},
		{0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000},
		{0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000},
	},
	{							/* i */
		{0x0000, 0x00EC, 0x00ED, 0x1EC9, 0x0129, 0x1ECB},
		{0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000},
		{0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000},
		{0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000},
		{0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000},
	},
	{							/* o */
		{0x0000, 0x00F2, 0x00F3, 0x1ECF, 0x00F5, 0x1ECD},
		{0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000},
		{0x00F4, 0x1ED3, 0x1ED1, 0x1ED5, 0x1ED7, 0x1ED9},
		{0x01A1, 0x1EDD, 0x1EDB, 0x1EDF, 0x1EE1, 0x1EE3},
		{0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000},
	},
	{							/* u */
		{0x0000, 0x00F9, 0x00FA, 0x1EE7, 0x0169, 0x1EE5},
		{0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000},
		{0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000},
		{0x01B0, 0x1EEB, 0x1EE9, 0x1EED, 0x1EEF, 0x1EF1},
		{0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000},
	},
	{							/* y */
		{0x0000, 0x1EF3, 0x00FD, 0x1EF7, 0x1EF9, 0x1EF5},
		{0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000},
		{0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000},
		{0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000},
		{0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000},
	},
};

static inline int
compose_row(char base)
{
	switch (base)
	{
		case 'a':
			return 0;
		case 'd':
			return 1;
		case 'e':
			return 2;
		case 'i':
			return 3;
		case 'o':
			return 4;
		case 'u':
			return 5;
		case 'y':
			return 6;
		default:
			return -1;
	}
}

/* lowercase precomposed form, or -1 */
static inline int32_t
lookup_compose(char base, int mod, int tone)
{
	int			row = compose_row(base);

	if (row < 0 || mod < 0 || mod > 4 || tone < 0 || tone > 5 ||
		vn_compose_table[row][mod][tone] == 0)
		return -1;
	return vn_compose_table[row][mod][tone];
}

bool
vn_letter_decompose(int32_t cp, VnLetter *l)
{
	size_t		lo;

	if (cp < 0x80)
	{
		if (cp >= 'a' && cp <= 'z')
		{
			l->base = (char) cp;
			l->upper = false;
		}
		else if (cp >= 'A' && cp <= 'Z')
		{
			l->base = (char) (cp - 'A' + 'a');
			l->upper = true;
		}
		else
			return false;
		l->mod = VN_MOD_NONE;
		l->tone = VN_TONE_NONE;
		return true;
	}
	if (cp >= 0xC0 && cp <= 0x1B0)
	{
		if (vn_latin_index[cp - 0xC0] == 0)
			return false;
		lo = vn_latin_index[cp - 0xC0] - 1;
	}
	else if (cp >= 0x1EA0 && cp <= 0x1EF9)
		lo = VN_FIRST_EXT + (size_t) (cp - 0x1EA0);
	else
		return false;
	l->base = vn_letters[lo].base;
	l->mod = vn_letters[lo].mod;
	l->tone = vn_letters[lo].tone;
	l->upper = vn_letters[lo].upper;
	return true;
}

int32_t
vn_letter_compose(const VnLetter *l)
{
	int32_t		cp;

	if (l->mod == VN_MOD_NONE && l->tone == VN_TONE_NONE)
	{
		if (l->base < 'a' || l->base > 'z')
			return -1;
		return l->upper ? l->base - 'a' + 'A' : l->base;
	}
	cp = lookup_compose(l->base, l->mod, l->tone);
	if (cp < 0)
		return -1;
	/* every uppercase form in the table sits just below its lowercase one */
	if (l->upper)
		cp = (cp >= 0xE0 && cp <= 0xFE) ? cp - 0x20 : cp - 1;
	return cp;
}

static inline bool
is_vowel(char base)
{
	return base == 'a' || base == 'e' || base == 'i' || base == 'o' ||
		base == 'u' || base == 'y';
}

/*
 * Where the tone mark of a syllable belongs.  This is the traditional
 * placement that most news text uses: hòa, khỏe, thủy (mark on the first
 * vowel of an open oa/oe/uy), but hoàn, thuyết.  Returns -1 when the letters
 * do not look like one syllable, in which case nothing is moved.
 */
static int
tone_target(const VnLetter *s, int n)
{
	int			v0 = 0,
				v1,
				i,
				target = -1;

	while (v0 < n && !is_vowel(s[v0].base))
		v0++;
	if (v0 >= n)
		return -1;

	/* "qu" and "gi" + vowel: the u/i belongs to the initial consonant */
	if (v0 > 0 && v0 + 1 < n && is_vowel(s[v0 + 1].base) &&
		((s[v0 - 1].base == 'q' && s[v0].base == 'u') ||
		 (s[v0 - 1].base == 'g' && s[v0].base == 'i' && v0 == 1)))
		v0++;

	v1 = v0;
	while (v1 + 1 < n && is_vowel(s[v1 + 1].base))
		v1++;
	/* anything after the final consonant means this is no syllable */
	for (i = v1 + 1; i < n; i++)
		if (is_vowel(s[i].base))
			return -1;
	if (v1 - v0 >= 3)
		return -1;

	/* a modified vowel (ă â ê ô ơ ư) takes the mark; in ươ it is the ơ */
	for (i = v0; i <= v1; i++)
		if (s[i].mod != VN_MOD_NONE)
			target = i;
	if (target >= 0)
		return target;
	if (v0 == v1)
		return v0;
	if (v1 + 1 < n)				/* closed syllable: last vowel */
		return v1;
	if (v1 - v0 == 1)			/* open, two vowels: first */
		return v0;
	return v0 + 1;				/* open, three vowels: middle */
}

/*
 * Lowercase a run of letters and put its tone mark in the canonical place.
 * Returns bytes written.
 */
static size_t
emit_syllable(VnLetter *s, int n, char *out, bool move_tone)
{
	size_t		o = 0;
	int			i,
				toned = -1,
				ntoned = 0;

	for (i = 0; i < n; i++)
	{
		s[i].upper = false;
		if (s[i].tone != VN_TONE_NONE)
		{
			toned = i;
			ntoned++;
		}
	}
	if (move_tone && ntoned == 1 && n <= 8)
	{
		int			target = tone_target(s, n);

		if (target >= 0 && target != toned)
		{
			VnLetter	moved = s[target];

			moved.tone = s[toned].tone;
			/* only move when the result is a real letter (not e.g. "đ") */
			if (vn_letter_compose(&moved) >= 0)
			{
				s[target].tone = s[toned].tone;
				s[toned].tone = VN_TONE_NONE;
			}
		}
	}
	for (i = 0; i < n; i++)
		o += vn_utf8_encode(vn_letter_compose(&s[i]), out + o);
	return o;
}

/*
 * The table walk: letters of the Vietnamese alphabet are lowercased and get
 * canonical tone placement, eth becomes đ and the other apostrophes ', and
 * everything else is copied.  Input must already be NFC apart from those
 * letters.
 */
#define MAX_RUN 16

/* a combining diacritical mark (U+0300-U+036F: tones, accents, ...) */
static inline bool
is_latin_mark(int32_t cp)
{
	return cp >= 0x300 && cp <= 0x36F;
}

/*
 * A Vietnamese combining mark left over after NFC, following a run of
 * letters.  Keyboards and converters sometimes type a mark twice ("Sơ̛n",
 * "thị̣", "Ướ́c") or a second tone over the first ("miể̃n"); news text has
 * such words.  A mark the syllable already carries is dropped, and a tone
 * over another tone replaces it (the later one in NFC order wins, as when
 * retyping a tone), so the word reads as the syllable it is.  Returns
 * false for marks to keep as they are (a tone where the syllable has none
 * could not be composed, so it sits on a consonant: not Vietnamese).
 */
static bool
absorb_mark(VnLetter *run, int nrun, int32_t cp)
{
	int			tone = VN_TONE_NONE,
				mod = VN_MOD_NONE;

	switch (cp)
	{
		case 0x300:
			tone = VN_TONE_GRAVE;
			break;
		case 0x301:
			tone = VN_TONE_ACUTE;
			break;
		case 0x303:
			tone = VN_TONE_TILDE;
			break;
		case 0x309:
			tone = VN_TONE_HOOK;
			break;
		case 0x323:
			tone = VN_TONE_DOT;
			break;
		case 0x302:
			mod = VN_MOD_CIRC;
			break;
		case 0x306:
			mod = VN_MOD_BREVE;
			break;
		case 0x31B:
			mod = VN_MOD_HORN;
			break;
		default:
			return false;
	}
	for (int k = nrun - 1; k >= 0; k--)
	{
		if (mod != VN_MOD_NONE && run[k].mod == mod)
			return true;
		if (tone != VN_TONE_NONE && run[k].tone != VN_TONE_NONE)
		{
			VnLetter	l = run[k];

			l.tone = tone;
			if (vn_letter_compose(&l) < 0)
				return false;
			run[k].tone = tone;
			return true;
		}
	}
	return false;
}

/*
 * The combining marks at *pos, all absorbed into the run, or none: taking
 * some away could leave one that composes with the letter ("h" + acute +
 * diaeresis is NFC, "h" + diaeresis is not), and the result would no
 * longer be NFC.  Advances *pos past them and returns true if absorbed.
 */
static bool
absorb_marks(VnLetter *run, int nrun, const unsigned char *p, size_t len,
			 size_t *pos)
{
	VnLetter	trial[MAX_RUN];
	size_t		i = *pos;

	memcpy(trial, run, sizeof(VnLetter) * nrun);
	while (i < len)
	{
		int32_t		cp;
		int			clen = vn_utf8_decode(p + i, len - i, &cp);

		if (cp < 0 || u_getCombiningClass(cp) == 0)
			break;
		if (!absorb_mark(trial, nrun, cp))
			return false;
		i += clen;
	}
	if (i == *pos)
		return false;
	memcpy(run, trial, sizeof(VnLetter) * nrun);
	*pos = i;
	return true;
}

static size_t
canonicalize(const char *in, size_t len, char *out)
{
	const unsigned char *p = (const unsigned char *) in;
	size_t		i = 0,
				o = 0;
	VnLetter	run[MAX_RUN];
	int			nrun = 0;

	while (i < len)
	{
		int32_t		cp;
		int			clen = vn_utf8_decode(p + i, len - i, &cp);
		VnLetter	l;

		/* eth, which old fonts and keyboards put for đ ("Ðảng") */
		if (cp == 0xF0)
			cp = 0x111;
		if (cp >= 0 && vn_letter_decompose(cp, &l))
		{
			if (nrun == MAX_RUN)
			{
				/* too long for a syllable: flush as is, keep going */
				for (int k = 0; k < nrun; k++)
				{
					run[k].upper = false;
					o += vn_utf8_encode(vn_letter_compose(&run[k]), out + o);
				}
				nrun = 0;
			}
			run[nrun++] = l;
			i += clen;
			continue;
		}
		/* only a mark of the block absorb_mark() knows can start a run */
		if (nrun > 0 && is_latin_mark(cp) &&
			absorb_marks(run, nrun, p, len, &i))
			continue;
		if (nrun > 0)
		{
			/*
			 * A combining mark that NFC could not compose (e.g. a hook on a
			 * consonant) belongs to the last letter: moving the tone would
			 * make the pair composable and the result no longer NFC.
			 */
			bool		mark_follows = cp >= 0x300 &&
				(u_charType(cp) == U_NON_SPACING_MARK ||
				 u_charType(cp) == U_COMBINING_SPACING_MARK ||
				 u_charType(cp) == U_ENCLOSING_MARK);

			o += emit_syllable(run, nrun, out + o, !mark_follows);
			nrun = 0;
		}
		if (cp == 0x2019 || cp == 0x02BC)
			out[o++] = '\'';	/* one apostrophe: "M’gar" = "M'gar" */
		else if (cp >= 0)
		{
			memcpy(out + o, in + i, clen);
			o += clen;
		}
		i += clen;
	}
	if (nrun > 0)
		o += emit_syllable(run, nrun, out + o, true);
	return o;
}

/* Only ASCII and precomposed Vietnamese letters: no ICU needed. */
static bool
needs_icu(const char *in, size_t len)
{
	const unsigned char *p = (const unsigned char *) in;
	size_t		i = 0;

	while (i < len)
	{
		int32_t		cp;
		VnLetter	l;

		if (p[i] < 0x80)
		{
			i++;
			continue;
		}
		i += vn_utf8_decode(p + i, len - i, &cp);
		if (cp < 0 || !vn_letter_decompose(cp, &l))
			return true;
	}
	return false;
}

/*
 * NFC, full case folding, NFC again (folding can undo composition), back
 * to UTF-8.  Returns a malloc'd buffer and its length, or NULL.
 */
static char *
icu_fold(const char *in, size_t len, int32_t *outlen)
{
	UErrorCode	status = U_ZERO_ERROR;
	const UNormalizer2 *nfc = unorm2_getNFCInstance(&status);
	int32_t		ucap;
	UChar	   *a = NULL,
			   *b = NULL;
	char	   *out = NULL;
	int32_t		alen,
				blen;

	if (U_FAILURE(status) || len > INT32_MAX / 16)
		return NULL;
	/* NFC and case folding each expand UTF-16 by at most a factor of 3 */
	ucap = (int32_t) (len * 3 + 16);
	a = malloc(ucap * sizeof(UChar));
	b = malloc(ucap * sizeof(UChar));
	if (a == NULL || b == NULL)
		goto done;

	u_strFromUTF8WithSub(a, ucap, &alen, in, (int32_t) len, 0xFFFD, NULL,
						 &status);
	if (U_FAILURE(status))
		goto done;
	/* soft hyphens are invisible: "Dakh\u00ADlia" is "dakhlia" */
	blen = 0;
	for (int32_t i = 0; i < alen; i++)
		if (a[i] != 0xAD)
			a[blen++] = a[i];
	alen = blen;
	blen = unorm2_normalize(nfc, a, alen, b, ucap, &status);
	if (U_FAILURE(status))
		goto done;
	alen = u_strFoldCase(a, ucap, b, blen, U_FOLD_CASE_DEFAULT, &status);
	if (U_FAILURE(status))
		goto done;
	blen = unorm2_normalize(nfc, a, alen, b, ucap, &status);
	if (U_FAILURE(status))
		goto done;
	out = malloc((size_t) blen * 3 + 1);
	if (out == NULL)
		goto done;
	u_strToUTF8WithSub(out, blen * 3 + 1, outlen, b, blen, 0xFFFD, NULL,
					   &status);
	if (U_FAILURE(status))
	{
		free(out);
		out = NULL;
	}

done:
	free(a);
	free(b);
	return out;
}

/*
 * The fast path of vn_normalize() for what nearly all text is: ASCII and
 * precomposed Vietnamese letters.  It does what canonicalize() does for
 * such text (needs_icu() is false for it), in one pass: each letter is
 * written at once in lowercase, copied when it already is, and a run of
 * letters is rewritten only when its tone mark has to move.  Returns -1,
 * having written garbage, as soon as it meets anything else (another
 * character, a combining mark, invalid UTF-8): the caller then takes the
 * general path.  A run always ends at an ASCII non-letter or at the end of
 * the text here, never before a combining mark, so tones may always move.
 */
static inline bool
is_ascii_letter(unsigned char c)
{
	c |= 0x20;					/* A-Z -> a-z; no other byte lands there */
	return c >= 'a' && c <= 'z';
}

/*
 * The precomposed Vietnamese letter at p (n > 0 bytes, p[0] >= 0x80): its
 * byte length, with its table entry in *e, or 0 if there is none there.
 * Decodes only the two blocks our letters live in, U+00C0..U+01BF (lead
 * bytes C3..C6) and U+1E80..U+1EFF (E1 BA, E1 BB); no overlong form,
 * surrogate or out-of-range value can start with those bytes.
 */
static inline int
letter_at(const unsigned char *p, size_t n, const VnLetterEntry **e)
{
	unsigned char c = p[0];

	if (c >= 0xC3 && c <= 0xC6 && n >= 2 && (p[1] & 0xC0) == 0x80)
	{
		int32_t		cp = ((c & 0x1F) << 6) | (p[1] & 0x3F);

		if (cp > 0x1B0 || vn_latin_index[cp - 0xC0] == 0)
			return 0;
		*e = &vn_letters[vn_latin_index[cp - 0xC0] - 1];
		return 2;
	}
	if (c == 0xE1 && n >= 3 && (p[1] == 0xBA || p[1] == 0xBB) &&
		(p[2] & 0xC0) == 0x80)
	{
		int32_t		cp = 0x1000 | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);

		if (cp < 0x1EA0 || cp > 0x1EF9)
			return 0;
		*e = &vn_letters[VN_FIRST_EXT + (cp - 0x1EA0)];
		return 3;
	}
	return 0;
}

static int
normalize_fast(const char *in, size_t len, char *out)
{
	const unsigned char *p = (const unsigned char *) in;
	size_t		i = 0,
				o = 0,
				ostart = 0;		/* output offset of run[0] */
	VnLetter	run[MAX_RUN];
	int			nrun = 0,
				ntoned = 0,
				toned = -1;

	for (;;)
	{
		unsigned char c;
		VnLetter   *l;

		/* a letter run ends here: move its tone mark if it must */
		if (nrun > 0 &&
			(i == len || (p[i] < 0x80 && !is_ascii_letter(p[i]))))
		{
			if (ntoned == 1 && nrun <= 8)
			{
				int			target = tone_target(run, nrun);

				if (target >= 0 && target != toned)
				{
					VnLetter	moved = run[target];

					moved.tone = run[toned].tone;
					if (vn_letter_compose(&moved) >= 0)
					{
						run[target].tone = run[toned].tone;
						run[toned].tone = VN_TONE_NONE;
						o = ostart;
						for (int k = 0; k < nrun; k++)
							o += vn_utf8_encode(vn_letter_compose(&run[k]),
												out + o);
					}
				}
			}
			nrun = 0;
		}
		if (i == len)
			break;

		c = p[i];
		if (c < 0x80)
		{
			char		lc = (char) (c | 0x20);

			if (lc < 'a' || lc > 'z')
			{
				out[o++] = (char) c;
				i++;
				continue;
			}
			/* too long for a syllable: what is written stays as is */
			if (nrun == MAX_RUN)
				nrun = 0;
			if (nrun == 0)
			{
				ostart = o;
				ntoned = 0;
			}
			l = &run[nrun++];
			l->base = lc;
			l->mod = VN_MOD_NONE;
			l->tone = VN_TONE_NONE;
			l->upper = false;
			out[o++] = lc;
			i++;
		}
		else
		{
			const VnLetterEntry *e;
			int			clen = letter_at(p + i, len - i, &e);

			if (clen == 0)
				return -1;
			if (nrun == MAX_RUN)
				nrun = 0;
			if (nrun == 0)
			{
				ostart = o;
				ntoned = 0;
			}
			l = &run[nrun];
			l->base = e->base;
			l->mod = e->mod;
			l->tone = e->tone;
			l->upper = false;
			if (l->tone != VN_TONE_NONE)
			{
				ntoned++;
				toned = nrun;
			}
			nrun++;
			if (e->upper)
				o += vn_utf8_encode(vn_letter_compose(l), out + o);
			else
			{
				memcpy(out + o, p + i, clen);
				o += clen;
			}
			i += clen;
		}
	}
	return (int) o;
}

int
vn_normalize(const char *in, size_t len, char *out)
{
	int			n = normalize_fast(in, len, out);

	if (n >= 0)
		return n;
	return vn_normalize_reference(in, len, out);
}

int
vn_normalize_reference(const char *in, size_t len, char *out)
{
	char	   *folded,
			   *canon;
	int32_t		flen;
	size_t		clen,
				cap = VN_NORM_BOUND(len);

	if (!needs_icu(in, len))
		return (int) canonicalize(in, len, out);

	folded = icu_fold(in, len, &flen);
	if (folded == NULL)
		return -1;
	/* moving a tone mark grows a syllable (2+ letters) by at most a byte */
	canon = malloc((size_t) flen * 2 + 1);
	if (canon == NULL)
	{
		free(folded);
		return -1;
	}
	clen = canonicalize(folded, flen, canon);
	free(folded);

	/* cannot happen for real text; cut at a character boundary if it does */
	if (clen > cap)
	{
		clen = cap;
		while (clen > 0 && (canon[clen] & 0xC0) == 0x80)
			clen--;
	}
	memcpy(out, canon, clen);
	free(canon);
	return (int) clen;
}

/*
 * The plain letter of a Latin letter with a diacritic that is not
 * Vietnamese ("ö" -> "o", "ç" -> "c", "ø" -> "o"), so that a foreign name
 * typed without its accents finds it ("ozil", "francois"), as Vietnamese
 * words do.  Returns it, or 0 for anything else.  One ASCII letter for a
 * letter of two or three bytes: folding shortens exactly the text it
 * changes, which the dictionary relies on (so no "ae" for "æ").
 */
static char
latin_base(int32_t cp)
{
	static const int32_t special[][2] = {
		{0xD0, 'D'}, {0xD8, 'O'}, {0xF0, 'd'}, {0xF8, 'o'}, {0x126, 'H'},
		{0x127, 'h'}, {0x131, 'i'}, {0x141, 'L'}, {0x142, 'l'}, {0x166, 'T'},
		{0x167, 't'}
	};
	UErrorCode	status = U_ZERO_ERROR;
	const UNormalizer2 *nfd;
	UChar		d[8];
	int32_t		n;

	if (!((cp >= 0xC0 && cp <= 0x24F) || (cp >= 0x1E00 && cp <= 0x1EFF)) ||
		cp == 0xD7 || cp == 0xF7)
		return 0;
	for (int k = 0; k < (int) (sizeof(special) / sizeof(special[0])); k++)
		if (special[k][0] == cp)
			return (char) special[k][1];
	nfd = unorm2_getNFDInstance(&status);
	if (U_FAILURE(status))
		return 0;
	n = unorm2_getDecomposition(nfd, cp, d, 8, &status);
	if (U_FAILURE(status) || n < 2 || d[0] >= 0x80 ||
		!is_ascii_letter((unsigned char) d[0]))
		return 0;
	return (char) d[0];
}

int
vn_fold(const char *in, size_t len, char *out)
{
	const unsigned char *p = (const unsigned char *) in;
	size_t		i = 0,
				o = 0;

	while (i < len)
	{
		int32_t		cp;
		int			clen;
		char		base;
		VnLetter	l;
		const VnLetterEntry *e;

		/* ASCII and our letters without a call; the rest as it comes */
		if (p[i] < 0x80)
		{
			out[o++] = in[i++];
			continue;
		}
		clen = letter_at(p + i, len - i, &e);
		if (clen > 0)
		{
			out[o++] = e->upper ? e->base - 'a' + 'A' : e->base;
			i += clen;
			continue;
		}
		clen = vn_utf8_decode(p + i, len - i, &cp);
		if (cp >= 0x80 && vn_letter_decompose(cp, &l))
			out[o++] = l.upper ? l.base - 'a' + 'A' : l.base;
		else if (is_latin_mark(cp) && o > 0 && is_ascii_letter(out[o - 1]))
			;					/* a mark left on a letter goes with the rest */
		else if ((base = latin_base(cp)) != 0)
			out[o++] = base;
		else
		{
			memcpy(out + o, in + i, clen);
			o += clen;
		}
		i += clen;
	}
	return (int) o;
}

bool
vn_has_marks(const char *in, size_t len)
{
	const unsigned char *p = (const unsigned char *) in;
	size_t		i = 0;

	while (i < len)
	{
		int32_t		cp;
		int			clen;
		VnLetter	l;

		if (p[i] < 0x80)
		{
			i++;
			continue;
		}
		clen = vn_utf8_decode(p + i, len - i, &cp);
		if (cp >= 0 && vn_letter_decompose(cp, &l))
			return true;
		/* a mark left on a letter, or a foreign letter: vn_fold changes it */
		if (is_latin_mark(cp) && i > 0 && is_ascii_letter(p[i - 1]))
			return true;
		if (latin_base(cp) != 0)
			return true;
		i += clen;
	}
	return false;
}

int
vn_space_at(const char *s, size_t n)
{
	int32_t		cp;
	int			clen;

	if (n == 0)
		return 0;
	if (*s == ' ' || *s == '\t')
		return 1;
	if ((unsigned char) *s < 0x80)
		return 0;
	clen = vn_utf8_decode((const unsigned char *) s, n, &cp);
	if (cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200D) || cp == 0x202F ||
		cp == 0x205F || cp == 0x2060 || cp == 0x3000 || cp == 0xFEFF)
		return clen;
	return 0;
}

/* i with each tone, and y with the same tone, in UTF-8 (NFC) */
static const char *const ivowel[] = {"i", "í", "ì", "ỉ", "ĩ", "ị"};
static const char *const yvowel[] = {"y", "ý", "ỳ", "ỷ", "ỹ", "ỵ"};

/* the syllable with its from[] vowel written as to[], or -1 */
static int
iy_swap(const char *s, size_t len, char *out, const char *const *from,
		const char *const *to)
{
	size_t		onset = vn_iy_onset(s, len);

	if (onset == 0)
		return -1;
	for (int t = 0; t < 6; t++)
	{
		size_t		flen = strlen(from[t]);
		size_t		tlen = strlen(to[t]);

		if (len - onset == flen && memcmp(s + onset, from[t], flen) == 0)
		{
			memcpy(out, s, onset);
			memcpy(out + onset, to[t], tlen);
			return (int) (onset + tlen);
		}
	}
	return -1;
}

int
vn_iy_variant(const char *s, size_t len, char *out)
{
	return iy_swap(s, len, out, ivowel, yvowel);
}

int
vn_yi_variant(const char *s, size_t len, char *out)
{
	return iy_swap(s, len, out, yvowel, ivowel);
}
