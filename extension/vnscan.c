/*-------------------------------------------------------------------------
 *
 * vnscan.c
 *	  Cut raw UTF-8 text into scanner units, without any lexicon.
 *
 * vn_scan_unit() looks at the text from one byte offset and returns the
 * unit that starts there: a run of Latin letters (later grouped into
 * Vietnamese words by the segmenter), or a final token such as a number,
 * date, time, code, URL, e-mail address, tag, other-script word, space or
 * punctuation.  Units tile the input: every call consumes at least one byte
 * and the next unit starts where the previous one ended.
 *
 * The scanner keeps no state between calls, so linear total time has to
 * come from each call: the work of one call is proportional to the length
 * of the unit it returns plus a bounded look-ahead.  Every rule is written
 * so that what it reads beyond the end of the unit it returns is either a
 * constant number of bytes or one segment that the next calls read again
 * only a constant number of times (never a whole run re-read from each
 * position inside it).  The places where that matters are marked.
 *
 * Decisions worth knowing:
 *	- Letters joined by an apostrophe (' or U+2019) stay one LETTERS run
 *	  when a Latin letter is on both sides: "O'Neill", "l'Oréal".
 *	- A hyphen, dot, underscore or slash joins two segments into a CODE
 *	  only when one side has a digit ("COVID-19", "F-16") or both sides
 *	  are all-capital letters without Vietnamese vowel marks ("TP.HCM");
 *	  for a dot, both sides need a digit (in a code that already has a
 *	  letter: "v1.2.3", but "1.000đ" is a number and a unit) or both must
 *	  be capitals, so "2020.Tuy" (a missing space) stays apart.  A
 *	  segment with a tone or vowel mark looks Vietnamese and never joins
 *	  ("RỊA-VŨNG", "đồng/m2", "Nội-2"); Đ alone does not count, as
 *	  acronyms such as "NĐ-CP" and "GD-ĐT" use it.
 *	- Digits-only chains are never codes: "2025-2026" is NUMBER, PUNCT,
 *	  NUMBER unless a date or time rule takes it.
 *	- "14h", "14h30" and "8g30" are TIME; a bare "8g" is not (it is as
 *	  often 8 grams), and neither is an hour above 24.
 *	- VN_UF_SENTEND marks runs of . ! ? … (and their CJK and fullwidth
 *	  forms).  A semicolon or colon does not end a sentence, nor does a
 *	  single dot with a letter right after it ("Q.Hoàn Kiếm").
 *
 *-------------------------------------------------------------------------
 */
#include "vncore.h"

#include <stdio.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/uscript.h>

/* Bounds on look-ahead that the grammar needs (see the rules below). */
#define EMAIL_LOCAL_MAX		64	/* RFC 5321 limit on the part before @ */
#define EMAIL_DOMAIN_MAX	253 /* RFC 1035 limit on a domain name */
#define DATE_MAX_GROUPS		6	/* longest date pattern: d/m/y-d/m/y */
#define CHAIN_MAX_DIGIT_SEGS 4	/* digit segments before a code's letter */

typedef const unsigned char *Text;

/* What one segment (run of Latin letters, marks and ASCII digits) holds. */
typedef struct Segment
{
	size_t		start;
	size_t		end;			/* offset just past the segment */
	int			nletters;
	int			nupper;
	bool		has_digit;
	bool		first_upper;	/* first letter is uppercase */
	bool		marked;			/* Vietnamese diacritic, đ included */
	bool		vowel_marked;	/* tone or vowel modifier (not đ) */
	bool		nonnfc;			/* combining marks or a soft hyphen */
	bool		ascii;			/* ASCII letters and digits only */
} Segment;

static inline bool
is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static inline bool
is_ascii_alpha(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline bool
is_ascii_alnum(unsigned char c)
{
	return is_digit(c) || is_ascii_alpha(c);
}

/* Decode the character at t[pos] (pos < len); ASCII without a call. */
static inline int
decode_at(Text t, size_t len, size_t pos, int32_t *cp)
{
	if (t[pos] < 0x80)
	{
		*cp = t[pos];
		return 1;
	}
	return vn_utf8_decode(t + pos, len - pos, cp);
}

/*
 * The character that ends just before pos, or -1 if there is none or the
 * bytes there are not one well-formed character.
 */
static int32_t
prev_char(Text t, size_t pos)
{
	size_t		back;

	if (pos == 0)
		return -1;
	if (t[pos - 1] < 0x80)
		return t[pos - 1];
	for (back = 1; back <= 4 && back <= pos; back++)
	{
		if ((t[pos - back] & 0xC0) != 0x80)
		{
			int32_t		cp;
			int			n = vn_utf8_decode(t + pos - back, back, &cp);

			return (n == (int) back && cp >= 0) ? cp : -1;
		}
	}
	return -1;
}

static inline UScriptCode
script_of(int32_t cp)
{
	UErrorCode	err = U_ZERO_ERROR;
	UScriptCode sc = uscript_getScript(cp, &err);

	return U_FAILURE(err) ? USCRIPT_UNKNOWN : sc;
}

/* any combining mark (general category M) */
static inline bool
is_mark(int32_t cp)
{
	if (cp >= 0x0300 && cp <= 0x036F)
		return true;
	if (cp < 0x0483)
		return false;
	return (U_GET_GC_MASK(cp) & U_GC_M_MASK) != 0;
}

/* combining marks that write a Vietnamese tone or vowel modifier (NFD) */
static inline bool
is_vn_mark(int32_t cp)
{
	switch (cp)
	{
		case 0x0300:			/* grave */
		case 0x0301:			/* acute */
		case 0x0302:			/* circumflex */
		case 0x0303:			/* tilde */
		case 0x0306:			/* breve */
		case 0x0309:			/* hook above */
		case 0x031B:			/* horn */
		case 0x0323:			/* dot below */
		case 0x0340:			/* deprecated grave tone mark */
		case 0x0341:			/* deprecated acute tone mark */
			return true;
		default:
			return false;
	}
}

/*
 * Is cp a Latin letter?  If so, report its case and whether it carries a
 * Vietnamese diacritic.  Vietnamese letters come from the table in
 * vnnorm.c; other Latin letters (ñ, ü, ø, ß...) from ICU.
 */
static bool
latin_letter(int32_t cp, bool *upper, bool *marked, bool *vowel_marked)
{
	VnLetter	l;

	if (cp < 0x80)
	{
		if (!is_ascii_alpha((unsigned char) cp))
			return false;
		*upper = (cp <= 'Z');
		*marked = *vowel_marked = false;
		return true;
	}
	if (vn_letter_decompose(cp, &l))
	{
		*upper = l.upper;
		*marked = (l.mod != VN_MOD_NONE || l.tone != VN_TONE_NONE);
		*vowel_marked = (l.tone != VN_TONE_NONE ||
						 (l.mod != VN_MOD_NONE && l.mod != VN_MOD_STROKE));
		return true;
	}
	if (!u_isalpha(cp) || script_of(cp) != USCRIPT_LATIN)
		return false;
	*upper = u_isupper(cp);
	*marked = *vowel_marked = false;
	return true;
}

static inline bool
is_latin_letter(int32_t cp)
{
	bool		u,
				m,
				v;

	return latin_letter(cp, &u, &m, &v);
}

static inline bool
is_apostrophe(int32_t cp)
{
	return cp == '\'' || cp == 0x2019 || cp == 0x02BC;
}

/* White_Space characters and the zero-width characters that act as one */
static inline bool
is_space(int32_t cp)
{
	if (cp < 0x80)
		return cp == ' ' || (cp >= '\t' && cp <= '\r');
	if (cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 ||
		cp == 0xFEFF)
		return true;
	return u_isUWhiteSpace(cp);
}

static inline bool
is_line_break(int32_t cp)
{
	return (cp >= '\n' && cp <= '\r') || cp == 0x85 ||
		cp == 0x2028 || cp == 0x2029;
}

static inline bool
is_sentence_end(int32_t cp)
{
	switch (cp)
	{
		case '.':
		case '!':
		case '?':
		case 0x2026:			/* … */
		case 0x203C:			/* ‼ */
		case 0x2047:			/* ⁇ */
		case 0x2048:			/* ⁈ */
		case 0x2049:			/* ⁉ */
		case 0x3002:			/* ideographic full stop */
		case 0xFF01:			/* fullwidth ! */
		case 0xFF0E:			/* fullwidth . */
		case 0xFF1F:			/* fullwidth ? */
			return true;
		default:
			return false;
	}
}

/*
 * Is the dot at t[pos] the dot of an abbreviated place or title glued to
 * the next word ("Q.Hoàn Kiếm", "TP.Hà Tĩnh", "Tp.Thủ Đức", "C.Ronaldo")
 * rather than a sentence end with its space missing ("năm 2020.Tuy",
 * "của Mỹ.Tổng")?  One or two ASCII letters, the first upper case, right
 * before it, and a letter right after it.  In the news corpus the most
 * frequent such dots are "TP.Hà", "V.League", "TP.Đà", "Q.Bình",
 * "C.Ronaldo": abbreviations.
 */
static bool
abbreviation_dot(Text t, size_t len, size_t pos)
{
	size_t		b = pos;
	int32_t		cp;

	while (b > 0 && pos - b < 3 && is_ascii_alpha(t[b - 1]))
		b--;
	if (b == pos || pos - b > 2 || !(t[b] >= 'A' && t[b] <= 'Z'))
		return false;
	/* a longer word, a digit or any non-ASCII letter before it: not one */
	if (b > 0 && (is_ascii_alnum(t[b - 1]) || t[b - 1] >= 0x80))
		return false;
	if (pos + 1 >= len)
		return false;
	decode_at(t, len, pos + 1, &cp);
	return cp >= 0 && is_latin_letter(cp);
}

/* Does a segment start at pos (a Latin letter or an ASCII digit)? */
static inline bool
segment_starts(Text t, size_t len, size_t pos)
{
	int32_t		cp;

	if (pos >= len)
		return false;
	if (t[pos] < 0x80)
		return is_ascii_alnum(t[pos]);
	decode_at(t, len, pos, &cp);
	return cp >= 0 && is_latin_letter(cp);
}

/*
 * Read the segment at pos: Latin letters with the combining marks that
 * follow them, ASCII digits, and apostrophes between two letters.  Linear
 * in the segment's length, whatever its content (10,000 marks after one
 * letter are read once).
 */
static void
scan_segment(Text t, size_t len, size_t pos, Segment *seg)
{
	size_t		p = pos;
	bool		after_letter = false;

	seg->start = pos;
	seg->nletters = seg->nupper = 0;
	seg->has_digit = seg->first_upper = false;
	seg->marked = seg->vowel_marked = seg->nonnfc = false;
	seg->ascii = true;

	while (p < len)
	{
		unsigned char c = t[p];
		int32_t		cp;
		int			n;
		bool		upper,
					marked,
					vmarked;

		/* ASCII letters and digits, most of any text, without calls */
		if (is_digit(c))
		{
			seg->has_digit = true;
			after_letter = false;
			p++;
			continue;
		}
		if (is_ascii_alpha(c))
		{
			upper = (c <= 'Z');
			if (seg->nletters == 0)
				seg->first_upper = upper;
			seg->nletters++;
			seg->nupper += upper;
			after_letter = true;
			p++;
			continue;
		}
		if (c < 0x80 && c != '\'')
			break;
		seg->ascii = false;
		n = decode_at(t, len, p, &cp);
		if (cp < 0)
			break;
		if (latin_letter(cp, &upper, &marked, &vmarked))
		{
			if (seg->nletters == 0)
				seg->first_upper = upper;
			seg->nletters++;
			seg->nupper += upper;
			seg->marked |= marked;
			seg->vowel_marked |= vmarked;
			after_letter = true;
		}
		else if (after_letter && is_mark(cp))
		{
			seg->nonnfc = true;
			if (is_vn_mark(cp))
				seg->marked = seg->vowel_marked = true;
		}
		else if (after_letter && cp == 0xAD && p + n < len)
		{
			int32_t		next;

			/* a soft hyphen is an invisible break hint inside a word */
			decode_at(t, len, p + n, &next);
			if (next < 0 || !is_latin_letter(next))
				break;
			seg->nonnfc = true;
			after_letter = false;
		}
		else if (after_letter && is_apostrophe(cp) && p + n < len)
		{
			int32_t		next;

			decode_at(t, len, p + n, &next);
			if (next < 0 || !is_latin_letter(next))
				break;
			after_letter = false;
		}
		else
			break;
		p += n;
	}
	seg->end = p;
}

static inline bool
segment_is_caps(const Segment *s)
{
	return s->nletters > 0 && !s->has_digit && s->nupper == s->nletters &&
		!s->vowel_marked;
}

/* Is segment s ASCII letters shaped like a Vietnamese syllable ("Nam", "xa")? */
static bool
segment_is_viet(Text t, const Segment *s)
{
	char		buf[8];
	size_t		n = s->end - s->start;

	if (!s->ascii || s->has_digit || n == 0 || n > sizeof(buf))
		return false;
	for (size_t i = 0; i < n; i++)
	{
		unsigned char c = t[s->start + i];

		buf[i] = (char) ((c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c);
	}
	return vn_is_viet_syllable(buf, n);
}

/*
 * May connector c join segments a and b into one code?  A dot between
 * digits joins only inside a code that already has a letter ("v1.2.3"):
 * when the chain so far is a number, the dot belongs to the number and
 * what follows is a unit ("1.000đ", "2.5km").
 */
static bool
joins(Text t, const Segment *a, const Segment *b, unsigned char c,
	  bool letter)
{
	bool		va,
				vb;

	/* a Vietnamese syllable is a word, not part of a code ("đồng/m2") */
	if (a->vowel_marked || b->vowel_marked)
		return false;
	if (segment_is_caps(a) && segment_is_caps(b))
		return true;
	if (c == '.')
	{
		if (letter && a->has_digit && b->has_digit)
			return true;
		/*
		 * An age group or a district and its number: "U.23", "Q.1"; also
		 * typed in lowercase, as in a query ("u.23"), if short.
		 */
		if (b->nletters == 0 &&
			(segment_is_caps(a) ||
			 (a->ascii && !a->has_digit && a->nupper == 0 && a->nletters <= 2)))
			return true;

		/*
		 * A dotted abbreviation in lowercase or mixed case, as typed in a
		 * query or written "Tp.HCM": short letter groups that are not
		 * Vietnamese syllables ("tp.hcm", "pgs.ts"; "nay.The" is a missing
		 * space).
		 */
		if (a->ascii && b->ascii && !a->has_digit && !b->has_digit &&
			a->nletters >= 1 && a->nletters <= 3 &&
			b->nletters >= 1 && b->nletters <= 4 &&
			!segment_is_viet(t, a) && !segment_is_viet(t, b))
			return true;

		/*
		 * An initial and a foreign name: "V.League".  Not an initial and a
		 * Vietnamese given name, "N.Minh", which is two words.
		 */
		return a->nletters == 1 && a->nupper == 1 && !a->has_digit &&
			b->first_upper && b->ascii && !b->has_digit &&
			!segment_is_viet(t, b);
	}
	if (a->has_digit || b->has_digit)
		return true;

	/*
	 * Hyphenated words without diacritics: "Wi-Fi", "e-mail", "Jae-in",
	 * "Cu-ba", "Xin-ga-po", and typed in lowercase too, as in a query
	 * ("pu-tin") or a loanword ("xi-lanh", "ca-bin").  But a hyphen between
	 * two names, where one is a Vietnamese syllable, joins two words
	 * ("Việt Nam-Cuba", "VOV-Trung bộ", "Ba Ria-Vung Tau").
	 */
	if (c != '-' || !a->ascii || !b->ascii)
		return false;
	va = segment_is_viet(t, a);
	vb = segment_is_viet(t, b);
	if ((va || vb) && a->first_upper && b->first_upper)
		return false;
	return true;
}

/*
 * Extend the segment `first' (which starts at pos) into a chain of
 * segments joined by - . _ / as a code.  Returns the chain's end and
 * whether it holds a letter; *nseg counts its segments.
 *
 * Linearity: the segment after a refused connector is read here and read
 * again by the unit that starts there, so each segment is read a bounded
 * number of times.  A chain of digit segments ("1.1.1.1...") can only
 * become a code if a letter comes later; it is abandoned after
 * CHAIN_MAX_DIGIT_SEGS segments so that every position in a long run of
 * numbers does not read the rest of the run.
 */
static size_t
scan_chain(Text t, size_t len, const Segment *first, int *nseg,
		   bool *has_letter)
{
	Segment		cur;
	size_t		end = first->end;

	*nseg = 1;
	*has_letter = first->nletters > 0;
	if (end + 1 >= len || !vn_is_code_joiner(t[end]))
		return end;
	cur = *first;
	while (end + 1 < len)
	{
		unsigned char c = t[end];
		Segment		next;

		if (!vn_is_code_joiner(c))
			break;
		if (!segment_starts(t, len, end + 1))
			break;
		if (!*has_letter && *nseg >= CHAIN_MAX_DIGIT_SEGS)
			break;
		scan_segment(t, len, end + 1, &next);
		if (!joins(t, &cur, &next, c, *has_letter))
			break;
		end = next.end;
		(*nseg)++;
		*has_letter |= next.nletters > 0;
		cur = next;
	}
	return end;
}

/* Count ASCII digits at p, but no more than cap. */
static inline size_t
count_digits(Text t, size_t len, size_t p, size_t cap)
{
	size_t		n = 0;

	while (p + n < len && n < cap && is_digit(t[p + n]))
		n++;
	return n;
}

/* Is t[p] a separator among seps, followed by a digit? */
static inline bool
sep_digit(Text t, size_t len, size_t p, const char *seps)
{
	const char *s;

	if (p + 1 >= len || !is_digit(t[p + 1]))
		return false;
	for (s = seps; *s; s++)
		if (t[p] == (unsigned char) *s)
			return true;
	return false;
}

/*
 * A number starting with n1 digits at pos: "2026", "1.000.000", "3,5",
 * "1,000,000.25", "1.000,5", "3.5".  A separator joins thousands only
 * when the first group has at most 3 digits and every later group exactly
 * 3; otherwise it is a decimal point.  Only the kind matters to the
 * caller, so "1.000" need not be told from "1,5".  Reads at most 4 digits
 * past the returned end.
 */
static size_t
scan_number(Text t, size_t len, size_t pos, size_t n1)
{
	size_t		p = pos + n1;
	unsigned char sep;

	if (!sep_digit(t, len, p, ".,"))
		return p;
	sep = t[p];
	if (n1 <= 3 && count_digits(t, len, p + 1, 4) == 3)
	{
		p += 4;
		while (p + 1 < len && t[p] == sep &&
			   count_digits(t, len, p + 1, 4) == 3)
			p += 4;
		/* a decimal part after the other separator */
		if (sep_digit(t, len, p, ".,") && t[p] != sep)
			return p + 1 + count_digits(t, len, p + 1, SIZE_MAX);
	}
	else
		p += 1 + count_digits(t, len, p + 1, SIZE_MAX);

	/*
	 * More groups after dots, neither thousands nor a decimal part: a phone
	 * number "0912.345.678", an address "192.168.1.1", a section "7.1.1".
	 * One token, found as written; a dot there never ends a sentence.
	 */
	if (sep == '.')
		while (sep_digit(t, len, p, "."))
			p += 1 + count_digits(t, len, p + 1, SIZE_MAX);
	return p;
}

typedef struct DateGroup
{
	size_t		end;			/* offset just past the group */
	int			ndigits;		/* > 4 means too long to be a date part */
	int			value;
	unsigned char sep;			/* separator after the group, or 0 */
} DateGroup;

/*
 * Does group g fit the date field type?
 *	D day (1-2 digits, 1..31)    M month (1-2 digits, 1..12)
 *	Y year (2 or 4 digits)       I year (4 digits)
 *	O month (2 digits, 01..12)   A day (2 digits, 01..31)
 */
static bool
date_field_ok(const DateGroup *g, char type)
{
	switch (type)
	{
		case 'D':
			return g->ndigits <= 2 && g->value >= 1 && g->value <= 31;
		case 'M':
			return g->ndigits <= 2 && g->value >= 1 && g->value <= 12;
		case 'Y':
			return g->ndigits == 2 || g->ndigits == 4;
		case 'I':
			return g->ndigits == 4;
		case 'O':
			return g->ndigits == 2 && g->value >= 1 && g->value <= 12;
		case 'A':
			return g->ndigits == 2 && g->value >= 1 && g->value <= 31;
	}
	return false;
}

/*
 * Date patterns: field types alternating with the separator between them.
 * Vietnamese writes day/month[/year]; ranges share the month ("19-25/1") or
 * not ("30/10-1/11"); ISO dates and d-m-yyyy / d.m.yyyy also occur.
 */
static const char *const date_patterns[] = {
	"D/M",
	"D/M/Y",
	"M/I",
	"D-D/M",
	"D-D/M/Y",
	"D/M-D/M",
	"D/M-D/M/Y",
	"D/M/Y-D/M/Y",
	"I-O-A",
	"I/O/A",
	"D-M-I",
	"D.M.I",
	"I.O.A",
};

/*
 * The longest date starting with n1 digits at pos, or pos if none.  Reads
 * at most DATE_MAX_GROUPS groups of at most 5 digits each.
 */
static size_t
scan_date(Text t, size_t len, size_t pos, size_t n1)
{
	DateGroup	g[DATE_MAX_GROUPS];
	int			ng = 0;
	size_t		p = pos;
	size_t		ndig = n1;
	size_t		best = pos;
	size_t		i;

	if (n1 > 4)
		return pos;
	for (;;)
	{
		size_t		k;

		g[ng].ndigits = (int) ndig;
		g[ng].value = 0;
		for (k = 0; k < ndig && k < 4; k++)
			g[ng].value = g[ng].value * 10 + (t[p + k] - '0');
		g[ng].end = p + ndig;
		g[ng].sep = 0;
		ng++;
		p += ndig;
		if (ndig > 4 || ng == DATE_MAX_GROUPS || !sep_digit(t, len, p, "/-."))
			break;
		g[ng - 1].sep = t[p];
		p++;
		ndig = count_digits(t, len, p, 5);
	}

	for (i = 0; i < sizeof(date_patterns) / sizeof(date_patterns[0]); i++)
	{
		const char *pat = date_patterns[i];
		int			k = 0;

		for (;;)
		{
			if (k >= ng || !date_field_ok(&g[k], pat[0]))
				break;
			if (pat[1] == '\0')
			{
				if (g[k].end > best)
					best = g[k].end;
				break;
			}
			if (g[k].sep != (unsigned char) pat[1])
				break;
			pat += 2;
			k++;
		}
	}
	return best;
}

/* one "d/m" or "yyyy" part, unless the same text is there already */
static int
date_part_add(VnDatePart *parts, int n, int a, int b)
{
	VnDatePart	p;

	if (b < 0)
		p.len = snprintf(p.text, sizeof(p.text), "%04d", a);	/* a year */
	else
		p.len = snprintf(p.text, sizeof(p.text), "%d/%d", a, b);
	for (int i = 0; i < n; i++)
		if (strcmp(parts[i].text, p.text) == 0)
			return n;
	parts[n] = p;
	return n + 1;
}

/*
 * The groups of a whole date token s (1 to 4 digits each, joined by single
 * / - .) and the pattern that takes them all: returns the pattern, or NULL
 * if s is no date; *ng is the number of groups.
 */
static const char *
date_match(const char *s, int len, DateGroup *g, int *ng)
{
	Text		t = (Text) s;
	size_t		p = 0;

	*ng = 0;
	for (;;)
	{
		size_t		nd = count_digits(t, len, p, 5);

		if (nd == 0 || nd > 4 || *ng == DATE_MAX_GROUPS)
			return NULL;
		g[*ng].ndigits = (int) nd;
		g[*ng].value = 0;
		for (size_t k = 0; k < nd; k++)
			g[*ng].value = g[*ng].value * 10 + (t[p + k] - '0');
		g[*ng].end = p + nd;
		g[*ng].sep = 0;
		p += nd;
		(*ng)++;
		if (p == (size_t) len)
			break;
		if (!sep_digit(t, len, p, "/-."))
			return NULL;
		g[*ng - 1].sep = t[p++];
	}
	for (size_t i = 0; i < sizeof(date_patterns) / sizeof(date_patterns[0]); i++)
	{
		const char *pat = date_patterns[i];
		int			k;

		for (k = 0; k < *ng; k++, pat += 2)
		{
			if (!date_field_ok(&g[k], pat[0]) ||
				(k < *ng - 1) != (pat[1] != '\0') ||
				(k < *ng - 1 && g[k].sep != (unsigned char) pat[1]))
				break;
		}
		if (k == *ng)
			return date_patterns[i];
	}
	return NULL;
}

int
vn_date_parts(const char *s, int len, VnDatePart *parts)
{
	DateGroup	g[DATE_MAX_GROUPS];
	int			ng,
				n = 0,
				day[2],			/* no pattern has more than two */
				mon[2],
				nday = 0,
				nmon = 0;
	const char *pat = date_match(s, len, g, &ng);

	if (pat == NULL)
		return 0;
	for (int k = 0; k < ng; k++, pat += 2)
	{
		if (pat[0] == 'D' || pat[0] == 'A')
			day[nday++] = g[k].value;
		else if (pat[0] == 'M' || pat[0] == 'O')
			mon[nmon++] = g[k].value;
		else if (g[k].ndigits == 4)
			n = date_part_add(parts, n, g[k].value, -1);
	}
	/* "19-25/1": two days share the month */
	for (int k = 0; k < nday && nmon > 0; k++)
		n = date_part_add(parts, n, day[k], mon[nmon == nday ? k : nmon - 1]);
	return n;
}

int
vn_date_canonical(const char *s, int len, char *out)
{
	DateGroup	g[DATE_MAX_GROUPS];
	int			ng,
				n = 0;
	const char *pat = date_match(s, len, g, &ng);

	if (pat == NULL)
		return -1;
	if (pat[0] == 'I' && ng == 3)
	{
		/* year first (ISO): day, month, year */
		n = snprintf(out, len + 1, "%d/%d/%04d", g[2].value, g[1].value,
					 g[0].value);
	}
	else
	{
		/* "30-10-2026", "30.10.2026": one date, written with '/' */
		bool		slashes = strcmp(pat, "D-M-I") == 0 ||
			strcmp(pat, "D.M.I") == 0;

		/* the same order, days and months without leading zeros */
		for (int k = 0; k < ng; k++)
		{
			if (pat[2 * k] == 'Y' || pat[2 * k] == 'I')
				n += snprintf(out + n, len + 1 - n, "%0*d", g[k].ndigits,
							  g[k].value);
			else
				n += snprintf(out + n, len + 1 - n, "%d", g[k].value);
			if (k < ng - 1)
				out[n++] = slashes ? '/' : (char) g[k].sep;
		}
	}
	if (n < 0 || n > len || (n == len && memcmp(s, out, n) == 0))
		return -1;
	return n;
}

/* "14:30", "14:30:05" starting with n1 digits at pos, or pos if none */
static size_t
scan_clock(Text t, size_t len, size_t pos, size_t n1)
{
	size_t		p = pos + n1;
	int			hour;
	int			field;

	if (n1 > 2)
		return pos;
	hour = (n1 == 1) ? t[pos] - '0' : (t[pos] - '0') * 10 + t[pos + 1] - '0';
	if (hour > 24)
		return pos;
	for (field = 0; field < 2; field++)
	{
		if (p + 2 >= len || t[p] != ':' ||
			count_digits(t, len, p + 1, 3) != 2 || t[p + 1] > '5')
			break;
		p += 3;
	}
	return (field == 0) ? pos : p;
}

/* Is the segment t[pos..end) a time written "14h", "14h30" or "8g30"? */
static bool
segment_is_time(Text t, size_t pos, size_t end)
{
	size_t		n = end - pos;
	size_t		h = 0;
	int			hour = 0;

	while (h < n && h < 3 && is_digit(t[pos + h]))
		hour = hour * 10 + (t[pos + (h++)] - '0');
	if (h == 0 || h > 2 || hour > 24 || (t[pos + h] != 'h' && t[pos + h] != 'g'))
		return false;
	if (n == h + 1)
		return t[pos + h] == 'h';
	return n == h + 3 && is_digit(t[pos + h + 1]) && t[pos + h + 1] <= '5' &&
		is_digit(t[pos + h + 2]);
}

/* top-level domains that make "name.tld" a web address without "www." */
static const char *const bare_tlds[] = {
	"vn", "com", "net", "org", "edu", "gov", "info", "biz", "io", "asia",
	"tv", "me", "co", "app", "dev", "news", "online", "uk", "us", "de", "fr",
	"jp", "cn", "kr", "ru", "au", "ca", "sg", "th", "la", "kh"
};

#define DOMAIN_MAX 253			/* longest DNS name */

static inline bool
is_lower_alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/*
 * A bare host name at pos: lowercase ASCII labels joined by dots, ending in
 * a known top-level domain ("vnexpress.net", "moh.gov.vn").  Lowercase only,
 * so "TP.HCM" stays a code.  Returns the end of the host, or pos.  Reads at
 * most DOMAIN_MAX + 1 bytes, so a failed attempt costs a bounded amount.
 */
static size_t
scan_bare_host(Text t, size_t len, size_t pos)
{
	size_t		p = pos,
				last = pos,
				lastend = pos;
	int			labels = 0;
	bool		letter = false;
	int32_t		prev = prev_char(t, pos);
	size_t		i;

	if (prev >= 0 && (u_isalnum(prev) || prev == '.' || prev == '@' ||
					  prev == '/'))
		return pos;
	for (;;)
	{
		size_t		start = p;

		while (p < len && p - pos <= DOMAIN_MAX &&
			   (is_lower_alnum(t[p]) || (t[p] == '-' && p > start)))
		{
			letter |= (t[p] >= 'a' && t[p] <= 'z');
			p++;
		}
		if (p == start || t[p - 1] == '-' || p - pos > DOMAIN_MAX)
			return pos;
		labels++;
		last = start;
		lastend = p;
		if (p + 1 < len && t[p] == '.' && is_lower_alnum(t[p + 1]))
		{
			p++;
			continue;
		}
		break;
	}
	if (labels < 2 || !letter)
		return pos;
	/* followed by a letter, digit or "@": part of something else */
	if (p < len && (is_ascii_alnum(t[p]) || t[p] == '@' || t[p] >= 0x80))
		return pos;
	for (i = 0; i < sizeof(bare_tlds) / sizeof(bare_tlds[0]); i++)
		if (strlen(bare_tlds[i]) == lastend - last &&
			memcmp(t + last, bare_tlds[i], lastend - last) == 0)
			return p;
	return pos;
}

/*
 * URL at pos: "http://", "https://", "ftp://" or "www." followed by
 * something, up to whitespace or a character that cannot be in a URL.
 * Trailing punctuation is left out, and a closing parenthesis too unless
 * the URL opened one.  Returns the end, or pos if there is no URL.  Every
 * byte read is part of the URL or of the punctuation trimmed off its end,
 * and that punctuation never starts a URL again.
 */
static size_t
scan_url(Text t, size_t len, size_t pos)
{
	static const char *const schemes[] = {"http://", "https://", "ftp://",
	"www."};
	size_t		body = 0;
	size_t		p;
	size_t		i;
	int			open = 0;

	for (i = 0; i < sizeof(schemes) / sizeof(schemes[0]) && body == 0; i++)
	{
		const char *s = schemes[i];
		size_t		k = 0;

		while (s[k] && pos + k < len &&
			   (t[pos + k] | 0x20) == (unsigned char) s[k])
			k++;
		if (s[k] == '\0')
			body = pos + k;
	}
	if (body == 0)
	{
		/* "vnexpress.net", "moh.gov.vn/tin-tuc": the host, then a path */
		size_t		host = scan_bare_host(t, len, pos);

		if (host == pos)
			return pos;
		if (host >= len || t[host] != '/')
			return host;
		body = pos;
	}
	/* "www." needs a word boundary before it ("awww.x" is not a URL) */
	if ((t[pos] | 0x20) == 'w')
	{
		int32_t		prev = prev_char(t, pos);

		if (prev >= 0 && (u_isalnum(prev) || prev == '.'))
			return pos;
	}

	p = body;
	while (p < len)
	{
		int32_t		cp;
		int			n = decode_at(t, len, p, &cp);

		if (cp < 0)
			break;
		if (cp < 0x80)
		{
			if (cp <= ' ' || cp == 0x7F || cp == '"' || cp == '<' ||
				cp == '>' || cp == '`' || cp == '{' || cp == '}' ||
				cp == '|' || cp == '\\' || cp == '^')
				break;
			if (cp == '(')
				open++;
			else if (cp == ')')
				open--;
		}
		else if (!u_isalnum(cp) && !is_mark(cp))
			break;
		p += n;
	}
	/* trim trailing punctuation; bounded by what the loop above read */
	while (p > body)
	{
		unsigned char c = t[p - 1];

		if (c == ')' && open >= 0)
			break;
		if (c != '.' && c != ',' && c != ';' && c != ':' && c != '!' &&
			c != '?' && c != '\'' && c != ')' && c != ']' && c != '*')
			break;
		if (c == ')')
			open++;
		p--;
	}
	/* the host must start with a letter or digit */
	if (p == body || !segment_starts(t, len, body))
		return pos;
	return p;
}

static inline bool
is_email_local(unsigned char c)
{
	return is_ascii_alnum(c) || c == '.' || c == '_' || c == '%' ||
		c == '+' || c == '-';
}

/*
 * E-mail address at pos: ASCII local part, @, a domain of at least two
 * dot-separated labels whose last one has 2+ letters.  Tried only where
 * the local part could begin (the previous byte cannot be part of one),
 * and the look-ahead is bounded by the RFC length limits, so failed
 * attempts cost O(1) per call.  Returns the end, or pos.
 */
static size_t
scan_email(Text t, size_t len, size_t pos)
{
	size_t		p = pos;
	size_t		dom,
				end = 0;
	int			labels = 0;

	if (pos > 0 && is_email_local(t[pos - 1]))
		return pos;
	while (p < len && p - pos < EMAIL_LOCAL_MAX && is_email_local(t[p]))
		p++;
	if (p == pos || p >= len || t[p] != '@' || t[p - 1] == '.')
		return pos;
	dom = ++p;
	for (;;)
	{
		size_t		lab = p;
		bool		alpha = true;

		while (p < len && p - dom < EMAIL_DOMAIN_MAX &&
			   (is_ascii_alnum(t[p]) || t[p] == '-'))
		{
			alpha &= is_ascii_alpha(t[p]);
			p++;
		}
		if (p == lab || t[lab] == '-' || t[p - 1] == '-')
			break;
		labels++;
		if (labels >= 2 && alpha && p - lab >= 2)
			end = p;
		if (p + 1 >= len || t[p] != '.' || !is_ascii_alnum(t[p + 1]))
			break;
		p++;
	}
	return end ? end : pos;
}

/* letters, digits, underscore or marks: what a #tag or @mention holds */
static inline bool
is_tag_char(int32_t cp)
{
	if (cp < 0x80)
		return is_ascii_alnum((unsigned char) cp) || cp == '_';
	return u_isalnum(cp) || is_mark(cp);
}

/*
 * "#tag" or "@user" at pos (t[pos] is # or @): not glued to a word before
 * it, at least one letter after it, and no combining mark right after the
 * sign (a stray mark there would begin the tag's text).  Returns the end,
 * or pos.
 */
static size_t
scan_tag(Text t, size_t len, size_t pos)
{
	int32_t		prev = prev_char(t, pos);
	size_t		p = pos + 1;
	bool		letter = false;

	if (prev >= 0 && is_tag_char(prev))
		return pos;
	while (p < len)
	{
		int32_t		cp;
		int			n = decode_at(t, len, p, &cp);

		if (cp < 0 || !is_tag_char(cp) || (p == pos + 1 && is_mark(cp)))
			break;
		if (cp < 0x80 ? is_ascii_alpha((unsigned char) cp) : u_isalpha(cp))
			letter = true;
		p += n;
	}
	return letter ? p : pos;
}

/* Is cp a letter or digit of a script other than Latin? */
static inline bool
other_script_start(int32_t cp, UScriptCode *sc)
{
	if (!u_isalpha(cp) && !u_isdigit(cp))
		return false;
	*sc = script_of(cp);
	return *sc != USCRIPT_LATIN && *sc != USCRIPT_COMMON &&
		*sc != USCRIPT_INHERITED && *sc != USCRIPT_UNKNOWN;
}

/*
 * An emoji and what attaches to it: variation selectors, skin tones,
 * keycap, tag characters, and further emoji joined by ZWJ.  A pair of
 * regional indicators is one flag.
 */
static size_t
scan_emoji(Text t, size_t len, size_t pos, int32_t first, int n)
{
	size_t		p = pos + n;

	if (u_hasBinaryProperty(first, UCHAR_REGIONAL_INDICATOR))
	{
		int32_t		cp;

		if (p < len)
		{
			n = decode_at(t, len, p, &cp);
			if (cp >= 0 && u_hasBinaryProperty(cp, UCHAR_REGIONAL_INDICATOR))
				p += n;
		}
		return p;
	}
	while (p < len)
	{
		int32_t		cp;

		n = decode_at(t, len, p, &cp);
		if (cp == 0xFE0E || cp == 0xFE0F || cp == 0x20E3 ||
			(cp >= 0x1F3FB && cp <= 0x1F3FF) ||
			(cp >= 0xE0020 && cp <= 0xE007F))
			p += n;
		else if (cp == 0x200D && p + n < len)
		{
			int32_t		next;
			int			m = decode_at(t, len, p + n, &next);

			if (next < 0 ||
				!u_hasBinaryProperty(next, UCHAR_EXTENDED_PICTOGRAPHIC))
				break;
			p += n + m;
		}
		else
			break;
	}
	return p;
}

static inline size_t
finish(VnUnit *unit, size_t pos, size_t end, int kind, int flags)
{
	unit->start = pos;
	unit->len = end - pos;
	unit->kind = kind;
	unit->flags = flags;
	return end - pos;
}

/*
 * Units that start with a Latin letter or an ASCII digit: letters,
 * numbers, dates, times, percentages and codes.  The first segment is
 * always part of the unit, so reading it is never wasted.
 */
static size_t
scan_word(Text t, size_t len, size_t pos, VnUnit *unit)
{
	Segment		seg;
	size_t		end,
				chain_end;
	int			nseg;
	bool		chain_letter;

	scan_segment(t, len, pos, &seg);

	if (seg.nletters == 0)
	{
		size_t		n1 = seg.end - pos;
		size_t		best;
		size_t		e;
		int			kind = VN_TOK_NUMBER;

		best = scan_number(t, len, pos, n1);
		if (best < len && t[best] == '%')
		{
			best++;
			kind = VN_TOK_PERCENT;
		}
		if ((e = scan_date(t, len, pos, n1)) >= best && e > pos + n1)
		{
			best = e;
			kind = VN_TOK_DATE;
		}
		if ((e = scan_clock(t, len, pos, n1)) >= best && e > pos + n1)
		{
			best = e;
			kind = VN_TOK_TIME;
		}
		chain_end = scan_chain(t, len, &seg, &nseg, &chain_letter);
		if (chain_letter && chain_end > best)
		{
			best = chain_end;
			kind = VN_TOK_CODE;
		}
		return finish(unit, pos, best, kind, 0);
	}

	if (seg.has_digit)
	{
		if (segment_is_time(t, pos, seg.end))
			return finish(unit, pos, seg.end, VN_TOK_TIME, 0);
		end = scan_chain(t, len, &seg, &nseg, &chain_letter);
		return finish(unit, pos, end, VN_TOK_CODE, 0);
	}

	end = scan_chain(t, len, &seg, &nseg, &chain_letter);
	if (nseg > 1)
		return finish(unit, pos, end, VN_TOK_CODE, 0);
	return finish(unit, pos, seg.end, VN_UNIT_LETTERS,
				  (seg.first_upper ? VN_UF_CAP : 0) |
				  (seg.nletters >= 2 && seg.nupper == seg.nletters ?
				   VN_UF_ALLCAP : 0) |
				  (seg.marked ? VN_UF_MARKED : 0) |
				  (seg.nonnfc ? VN_UF_NONNFC : 0));
}

/*
 * Runs of spaces, marks, punctuation and other scripts are cut into units
 * of at most this many bytes (plus one character): PostgreSQL drops tokens
 * of 2047 bytes or more, also from ts_headline output, and a run that long
 * carries nothing worth one token.
 */
#define VN_RUN_MAX 1024

/*
 * The shape of a code in normalized text ("covid-19", "tp.hcm"), which the
 * dictionary indexes by its parts and joined: any byte of a multibyte
 * character counts as a letter, as normalized text holds no upper case.
 */
int
vn_code_joined(const char *s, int len, char *out)
{
	int			n = 0,
				start = 0,
				njoin = 0;
	bool		letter = false;

	for (int i = 0; i < len; i++)
	{
		unsigned char c = (unsigned char) s[i];

		if (vn_is_code_joiner(c))
		{
			if (i == start)
				return -1;		/* leading or doubled joiner */
			njoin++;
			start = i + 1;
			continue;
		}
		if ((c >= 'a' && c <= 'z') || c >= 0x80)
			letter = true;
		else if (!(c >= '0' && c <= '9'))
			return -1;
		out[n++] = (char) c;
	}
	if (njoin == 0 || start == len || !letter)
		return -1;
	return n;
}

/*
 * Units of measurement, as news writes them glued to a number, each only
 * in its own case: lowercase g and m are units, "5G" and "4K" are not.
 */
static const char *const measure_units[] = {
	"km", "m", "cm", "mm", "km2", "m2", "m3", "ha", "kg", "g", "mg", "ml",
	"l", "kW", "kWh", "MW", "GW", "W", "V", "GB", "MB", "TB", "USD", NULL
};

int
vn_measure_number_len(const char *s, int len)
{
	int			n = (int) count_digits((Text) s, len, 0, 10);

	/* ten digits and more (a phone number, an id) are no measure */
	if (n == 0 || n > 9 || n == len)
		return -1;
	for (int i = 0; measure_units[i] != NULL; i++)
	{
		int			ulen = strlen(measure_units[i]);

		if (ulen == len - n && memcmp(s + n, measure_units[i], ulen) == 0)
			return n;
	}
	return -1;
}

/*
 * "14:30", "14h30", "14g30", "8h" -> "14h30", "8h"; -1 if s is no time
 * with hours and minutes as the scanner reads them (segment_is_time,
 * scan_clock without seconds).
 */
static int
time_canonical(const char *s, int len, char *out)
{
	Text		t = (Text) s;
	int			nh = (int) count_digits(t, len, 0, 3);
	int			hour,
				min = 0,
				n = 0;

	if (nh < 1 || nh > 2 || nh == len ||
		!(segment_is_time(t, 0, len) ||
		  (len == nh + 3 && scan_clock(t, len, 0, nh) == (size_t) len)))
		return -1;
	hour = nh == 1 ? s[0] - '0' : (s[0] - '0') * 10 + s[1] - '0';
	if (len == nh + 3)
		min = (s[nh + 1] - '0') * 10 + s[nh + 2] - '0';
	if (hour >= 10)
		out[n++] = (char) ('0' + hour / 10);
	out[n++] = (char) ('0' + hour % 10);
	out[n++] = 'h';
	if (min > 0)
	{
		out[n++] = (char) ('0' + min / 10);
		out[n++] = (char) ('0' + min % 10);
	}
	return n;
}

int
vn_number_canonical(const char *s, int len, char *out)
{
	Text		t = (Text) s;
	int			i,
				g,
				n = 0;
	char		thou = 0;		/* separator between thousands, if any */
	char		dec = 0;		/* decimal separator, if any */
	bool		pct;

	if (len <= 0)
		return -1;
	if ((n = time_canonical(s, len, out)) >= 0)
		return (n == len && memcmp(s, out, n) == 0) ? -1 : n;
	pct = s[len - 1] == '%';
	if (pct)
		len--;
	g = (int) count_digits(t, len, 0, len);
	if (g == 0)
		return -1;
	i = g;

	/* groups of thousands: "1.000.000", "1,000,000" */
	if (g <= 3 && i < len && (s[i] == '.' || s[i] == ',') &&
		count_digits(t, len, i + 1, 4) == 3)
	{
		char		sep = s[i];

		while (i < len && s[i] == sep && count_digits(t, len, i + 1, 4) == 3)
			i += 4;
		thou = sep;
	}
	/* one decimal part, after the other separator */
	if (i < len && (s[i] == '.' || s[i] == ',') && s[i] != thou)
	{
		int			d = (int) count_digits(t, len, i + 1, len);

		if (d == 0 || i + 1 + d != len)
			return -1;
		dec = s[i];
		i += 1 + d;
	}
	if (i != len)
		return -1;
	/* a comma between thousands alone is ambiguous: as written */
	if (thou == ',' && dec == 0)
		return -1;
	if (thou == 0 && dec != '.')
		return -1;
	for (i = 0, n = 0; i < len; i++)
	{
		if (s[i] == thou)
			continue;
		out[n++] = (s[i] == dec) ? ',' : s[i];
	}
	if (pct)
		out[n++] = '%';
	return n;
}

/*
 * Bytes that may end a plain word (scan_fast): whitespace and punctuation
 * that no rule of scan_word, scan_url or scan_email reads on from a run of
 * letters.  Not digits, the apostrophe, the code joiners - . _ /, nor
 * : @ % + (URL schemes, e-mail local parts); but a dot or colon with
 * whitespace or the end of the text after it (a sentence's end, "nói:")
 * joins nothing and starts no address.
 */
static inline bool
plain_word_end(unsigned char c)
{
	switch (c)
	{
		case ' ':
		case '\t':
		case '\n':
		case '\v':
		case '\f':
		case '\r':
		case ',':
		case ';':
		case '!':
		case '?':
		case '"':
		case '(':
		case ')':
		case '[':
		case ']':
			return true;
		default:
			return false;
	}
}

/*
 * The two commonest units of running text, without the general rules: a
 * single ASCII space before a printable ASCII character or a Latin letter
 * (one space in nine of news comes before đ, ư, ở and the like), and a
 * run of ASCII and precomposed Vietnamese letters that ends the text or
 * ends at a plain_word_end() byte.  What the general rules make of those
 * is known in advance (a SPACE; a LETTERS unit with the flags scan_word
 * would give it), and reaching them costs several times more: every
 * letter run is first tried as a URL and as an e-mail address.  Anything
 * else returns 0 and takes the general path (vn_scan_unit_reference).
 */
static inline size_t
scan_fast(Text t, size_t len, size_t pos, VnUnit *unit)
{
	size_t		p = pos;
	int			nletters = 0,
				nupper = 0,
				flags = 0;

	if (t[pos] == ' ')
	{
		/* next: printable ASCII, U+00C0 .. U+01BF or U+1E80 .. U+1EFF */
		if (pos + 1 < len && ((t[pos + 1] > ' ' && t[pos + 1] < 0x80) ||
							  (t[pos + 1] >= 0xC3 && t[pos + 1] <= 0xC6) ||
							  (t[pos + 1] == 0xE1 && pos + 2 < len &&
							   (t[pos + 2] == 0xBA || t[pos + 2] == 0xBB))))
			return finish(unit, pos, pos + 1, VN_TOK_SPACE, 0);
		return 0;
	}
	while (p < len)
	{
		unsigned char c = t[p];
		VnLetter	l;

		if (is_ascii_alpha(c))
		{
			l.upper = (c <= 'Z');
			p++;
		}
		else
		{
			int32_t		cp = 0;
			int			clen = 0;

			/* two-byte letters (U+00C0 .. U+01BF) and U+1E80 .. U+1EFF */
			if (c >= 0xC3 && c <= 0xC6 && p + 1 < len &&
				(t[p + 1] & 0xC0) == 0x80)
			{
				cp = (c & 0x1F) << 6 | (t[p + 1] & 0x3F);
				clen = 2;
			}
			else if (c == 0xE1 && p + 2 < len &&
					 (t[p + 1] == 0xBA || t[p + 1] == 0xBB) &&
					 (t[p + 2] & 0xC0) == 0x80)
			{
				cp = 0x1000 | (t[p + 1] & 0x3F) << 6 | (t[p + 2] & 0x3F);
				clen = 3;
			}
			else if (nletters > 0 &&
					 (plain_word_end(c) ||
					  ((c == '.' || c == ':') &&
					   (p + 1 == len || t[p + 1] == ' ' ||
						(t[p + 1] >= '\t' && t[p + 1] <= '\r')))))
				break;
			/* Vietnamese letters only: the others take the general rules */
			if (clen == 0 || !vn_letter_decompose(cp, &l))
				return 0;
			if (l.mod != VN_MOD_NONE || l.tone != VN_TONE_NONE)
				flags |= VN_UF_MARKED;
			p += clen;
		}
		if (nletters == 0 && l.upper)
			flags |= VN_UF_CAP;
		nletters++;
		nupper += l.upper;
	}
	if (nletters >= 2 && nupper == nletters)
		flags |= VN_UF_ALLCAP;
	return finish(unit, pos, p, VN_UNIT_LETTERS, flags);
}

/*
 * Scan the unit that starts at text[pos] (pos < len).  Always consumes at
 * least one byte; invalid UTF-8 bytes come out as one VN_TOK_PUNCT unit
 * each.  Returns the unit's length.
 */
size_t
vn_scan_unit(const char *text, size_t len, size_t pos, VnUnit *unit)
{
	size_t		n = scan_fast((Text) text, len, pos, unit);

	return n > 0 ? n : vn_scan_unit_reference(text, len, pos, unit);
}

/* vn_scan_unit() without its fast path (for tests) */
size_t
vn_scan_unit_reference(const char *text, size_t len, size_t pos, VnUnit *unit)
{
	Text		t = (Text) text;
	int32_t		cp;
	int			n;
	size_t		p,
				e;
	UScriptCode sc;

	n = decode_at(t, len, pos, &cp);
	if (cp < 0)
		return finish(unit, pos, pos + 1, VN_TOK_PUNCT, 0);

	if (is_space(cp))
	{
		int			flags = 0;

		p = pos;
		while (p < len && p - pos < VN_RUN_MAX)
		{
			n = decode_at(t, len, p, &cp);
			if (cp < 0 || !is_space(cp))
				break;
			if (is_line_break(cp))
				flags = VN_UF_NEWLINE;
			p += n;
		}
		return finish(unit, pos, p, VN_TOK_SPACE, flags);
	}

	if (cp < 0x80 && is_ascii_alnum((unsigned char) cp))
	{
		if ((e = scan_url(t, len, pos)) > pos)
			return finish(unit, pos, e, VN_TOK_URL, 0);
		if ((e = scan_email(t, len, pos)) > pos)
			return finish(unit, pos, e, VN_TOK_EMAIL, 0);
		return scan_word(t, len, pos, unit);
	}
	if (cp >= 0x80 && is_latin_letter(cp))
		return scan_word(t, len, pos, unit);

	if ((cp == '#' || cp == '@') && (e = scan_tag(t, len, pos)) > pos)
		return finish(unit, pos, e, VN_TOK_TAG, 0);

	/* combining marks with no letter before them: one unit per run */
	if (is_mark(cp))
	{
		p = pos + n;
		while (p < len && p - pos < VN_RUN_MAX)
		{
			n = decode_at(t, len, p, &cp);
			if (cp < 0 || !is_mark(cp))
				break;
			p += n;
		}
		return finish(unit, pos, p, VN_TOK_PUNCT, 0);
	}

	if (is_sentence_end(cp))
	{
		p = pos + n;
		while (p < len && p - pos < VN_RUN_MAX)
		{
			n = decode_at(t, len, p, &cp);
			if (cp < 0 || !is_sentence_end(cp))
				break;
			p += n;
		}
		if (p == pos + 1 && t[pos] == '.' && abbreviation_dot(t, len, pos))
			return finish(unit, pos, p, VN_TOK_PUNCT, 0);
		return finish(unit, pos, p, VN_TOK_PUNCT, VN_UF_SENTEND);
	}

	/* rules and separators drawn with one repeated character: "-----" */
	if (cp == '-' || cp == '=' || cp == '*' || cp == '~' || cp == '_' ||
		cp == '#' || cp == '+')
	{
		p = pos + 1;
		while (p < len && t[p] == t[pos] && p - pos < VN_RUN_MAX)
			p++;
		return finish(unit, pos, p, VN_TOK_PUNCT, 0);
	}

	if (cp >= 0x80 && other_script_start(cp, &sc))
	{
		p = pos + n;
		while (p < len && p - pos < VN_RUN_MAX)
		{
			UScriptCode nsc;

			n = decode_at(t, len, p, &cp);
			if (cp < 0)
				break;
			if (!is_mark(cp))
			{
				/* ASCII (digits, Latin) starts a unit of its own */
				if (cp < 0x80 || (!u_isalpha(cp) && !u_isdigit(cp)))
					break;
				nsc = script_of(cp);
				if (nsc != sc && nsc != USCRIPT_COMMON &&
					nsc != USCRIPT_INHERITED)
					break;
			}
			p += n;
		}
		return finish(unit, pos, p, VN_TOK_SCRIPT, 0);
	}

	if (cp >= 0x80 &&
		(u_hasBinaryProperty(cp, UCHAR_EXTENDED_PICTOGRAPHIC) ||
		 u_hasBinaryProperty(cp, UCHAR_REGIONAL_INDICATOR)))
		return finish(unit, pos, scan_emoji(t, len, pos, cp, n),
					  VN_TOK_PUNCT, 0);

	return finish(unit, pos, pos + n, VN_TOK_PUNCT, 0);
}
