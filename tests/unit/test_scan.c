/*-------------------------------------------------------------------------
 *
 * test_scan.c
 *	  TAP tests for the scanner (extension/vnscan.c).
 *
 * Usage: test_scan [MB]   (MB = size of each adversarial input, default 4)
 *
 * Each case scans a whole input and compares the non-space units with the
 * expected kind, exact bytes and flags; every scan also checks that the
 * units tile the input.  Inputs are copied to a heap buffer of their exact
 * length, so valgrind or ASan catch any read past the end.  The long
 * adversarial inputs at the end would take hours with a scanner that
 * re-reads runs, so finishing them (with the right unit count) is the
 * linear-time check.
 *
 *-------------------------------------------------------------------------
 */
#include "vncore.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Exp
{
	int			kind;
	const char *text;
	int			flags;
} Exp;

#define LET		VN_UNIT_LETTERS
#define CODE	VN_TOK_CODE
#define NUM		VN_TOK_NUMBER
#define DATE	VN_TOK_DATE
#define TIME	VN_TOK_TIME
#define PCT		VN_TOK_PERCENT
#define URL		VN_TOK_URL
#define MAIL	VN_TOK_EMAIL
#define TAG		VN_TOK_TAG
#define SCR		VN_TOK_SCRIPT
#define SPC		VN_TOK_SPACE
#define PUN		VN_TOK_PUNCT

#define CAP		VN_UF_CAP
#define ALL		VN_UF_ALLCAP
#define MRK		VN_UF_MARKED
#define NFD		VN_UF_NONNFC
#define NL		VN_UF_NEWLINE
#define END		VN_UF_SENTEND

static const char *
kind_name(int kind)
{
	static const char *const names[] = {"?", "WORD", "SYLLABLE", "NAME",
		"FOREIGN", "ACRONYM", "CODE", "NUMBER", "DATE", "TIME", "PERCENT",
	"URL", "EMAIL", "TAG", "SCRIPT", "SPACE", "PUNCT"};

	if (kind == VN_UNIT_LETTERS)
		return "LETTERS";
	if (kind >= 0 && kind <= VN_TOK_LAST)
		return names[kind];
	return "??";
}

/*
 * Scan buf[0..len) completely.  Returns false (and says why) if the units
 * do not tile the input, or a unit is malformed.  Stores up to max units.
 */
static bool
scan_all(const char *buf, size_t len, VnUnit *units, size_t max,
		 size_t *nunits)
{
	size_t		pos = 0;
	size_t		n = 0;

	while (pos < len)
	{
		VnUnit		u,
					ref;
		size_t		r;

		memset(&u, 0xAB, sizeof(u));
		r = vn_scan_unit(buf, len, pos, &u);
		if (r == 0 || r != u.len || u.start != pos || u.len > len - pos)
		{
			printf("# bad unit at %zu: returned %zu, start %zu, len %zu\n",
				   pos, r, u.start, u.len);
			return false;
		}
		/* the fast path must give what the general rules give */
		memset(&ref, 0xCD, sizeof(ref));
		vn_scan_unit_reference(buf, len, pos, &ref);
		if (ref.start != u.start || ref.len != u.len ||
			ref.kind != u.kind || ref.flags != u.flags)
		{
			printf("# unit at %zu: %s len %zu flags %x, the general rules "
				   "give %s len %zu flags %x\n", pos, kind_name(u.kind),
				   u.len, u.flags, kind_name(ref.kind), ref.len, ref.flags);
			return false;
		}
		if (u.kind != VN_UNIT_LETTERS && (u.kind < VN_TOK_CODE ||
										  u.kind > VN_TOK_LAST))
		{
			printf("# bad kind %d at %zu\n", u.kind, pos);
			return false;
		}
		/* flags belong to their kinds */
		if ((u.kind != VN_UNIT_LETTERS &&
			 (u.flags & (CAP | ALL | MRK | NFD))) ||
			(u.kind != SPC && (u.flags & NL)) ||
			(u.kind != PUN && (u.flags & END)) ||
			(u.flags & ~(CAP | ALL | MRK | NFD | NL | END)))
		{
			printf("# flags %x on %s at %zu\n", u.flags, kind_name(u.kind),
				   pos);
			return false;
		}
		/* only one-byte PUNCT units may hold ill-formed UTF-8 */
		if (!vn_utf8_valid(buf + pos, u.len) &&
			!(u.kind == PUN && u.len == 1))
		{
			printf("# ill-formed bytes in %s unit at %zu\n",
				   kind_name(u.kind), pos);
			return false;
		}
		if (n < max)
			units[n] = u;
		n++;
		pos += u.len;
	}
	*nunits = n;
	return true;
}

static void
check(const char *input, const Exp *exp, size_t nexp)
{
	size_t		len = strlen(input);
	char	   *buf = malloc(len ? len : 1);
	VnUnit		units[256];
	size_t		nunits,
				i,
				k = 0;
	bool		good;
	char		desc[200];

	memcpy(buf, input, len);
	good = scan_all(buf, len, units, 256, &nunits);
	for (i = 0; good && i < nunits && i < 256; i++)
	{
		const VnUnit *u = &units[i];

		if (u->kind == SPC && !(k < nexp && exp[k].kind == SPC))
			continue;
		if (k >= nexp || u->kind != exp[k].kind ||
			u->len != strlen(exp[k].text) ||
			memcmp(buf + u->start, exp[k].text, u->len) != 0 ||
			u->flags != exp[k].flags)
		{
			printf("# unit %zu: got %s '%.*s' flags %x", i,
				   kind_name(u->kind), (int) u->len, buf + u->start,
				   u->flags);
			if (k < nexp)
				printf(", want %s '%s' flags %x", kind_name(exp[k].kind),
					   exp[k].text, exp[k].flags);
			printf("\n");
			good = false;
		}
		k++;
	}
	if (good && k != nexp)
	{
		printf("# got %zu units, want %zu\n", k, nexp);
		good = false;
	}
	snprintf(desc, sizeof(desc), "scan \"%.60s\"", input);
	for (i = 0; desc[i]; i++)
		if (desc[i] == '\n' || desc[i] == '\r' || desc[i] == '#')
			desc[i] = ' ';
	ok(good, "%s", desc);
	free(buf);
}

#define CHECK(input, ...) \
	do { \
		static const Exp e_[] = {__VA_ARGS__}; \
		check(input, e_, sizeof(e_) / sizeof(e_[0])); \
	} while (0)

/* deterministic xorshift PRNG */
static uint64_t
next_rand(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static void
test_letters(void)
{
	CHECK("nhà", {LET, "nhà", MRK});
	CHECK("Việt Nam", {LET, "Việt", CAP | MRK}, {LET, "Nam", CAP});
	CHECK("TTXVN", {LET, "TTXVN", CAP | ALL});
	CHECK("ĐẮK LẮK", {LET, "ĐẮK", CAP | ALL | MRK}, {LET, "LẮK", CAP | ALL | MRK});
	CHECK("Đ", {LET, "Đ", CAP | MRK});
	CHECK("đi", {LET, "đi", MRK});
	CHECK("A", {LET, "A", CAP});
	CHECK("iPhone", {LET, "iPhone", 0});
	CHECK("Medvedev", {LET, "Medvedev", CAP});
	CHECK("señor Müller naïve", {LET, "señor", 0}, {LET, "Müller", CAP},
		  {LET, "naïve", 0});
	CHECK("ÑANDÚ", {LET, "ÑANDÚ", CAP | ALL | MRK});
	CHECK("Straße", {LET, "Straße", CAP});
	/* NFD: letter + combining marks stay one run */
	CHECK("Vie\xcc\xa3\xcc\x82t", {LET, "Vie\xcc\xa3\xcc\x82t", CAP | MRK | NFD});
	CHECK("hoa\xcc\x80 bi\xcc\x80nh", {LET, "hoa\xcc\x80", MRK | NFD},
		  {LET, "bi\xcc\x80nh", MRK | NFD});
	CHECK("e\xcc\x88", {LET, "e\xcc\x88", NFD});
	CHECK("a\xe2\x83\x9d", {LET, "a\xe2\x83\x9d", NFD});
	/* apostrophe between letters joins */
	CHECK("O'Neill", {LET, "O'Neill", CAP});
	CHECK("don\xe2\x80\x99t", {LET, "don\xe2\x80\x99t", 0});
	CHECK("'Hà Nội'", {PUN, "'", 0}, {LET, "Hà", CAP | MRK},
		  {LET, "Nội", CAP | MRK}, {PUN, "'", 0});
	CHECK("a' b", {LET, "a", 0}, {PUN, "'", 0}, {LET, "b", 0});
	CHECK("a'1", {LET, "a", 0}, {PUN, "'", 0}, {NUM, "1", 0});
	/* a soft hyphen between letters is inside the word, elsewhere punctuation */
	CHECK("Dakh\xc2\xadlia", {LET, "Dakh\xc2\xadlia", CAP | NFD});
	CHECK("ba\xc2\xad \xc2\xadx", {LET, "ba", 0}, {PUN, "\xc2\xad", 0},
		  {PUN, "\xc2\xad", 0}, {LET, "x", 0});
	/* Vietnamese hyphenated place names split */
	CHECK("Bà Rịa-Vũng Tàu", {LET, "Bà", CAP | MRK}, {LET, "Rịa", CAP | MRK},
		  {PUN, "-", 0}, {LET, "Vũng", CAP | MRK}, {LET, "Tàu", CAP | MRK});
	CHECK("BÀ RỊA-VŨNG TÀU", {LET, "BÀ", CAP | ALL | MRK},
		  {LET, "RỊA", CAP | ALL | MRK}, {PUN, "-", 0},
		  {LET, "VŨNG", CAP | ALL | MRK}, {LET, "TÀU", CAP | ALL | MRK});
	CHECK("Hà Nội-Hải Phòng", {LET, "Hà", CAP | MRK}, {LET, "Nội", CAP | MRK},
		  {PUN, "-", 0}, {LET, "Hải", CAP | MRK}, {LET, "Phòng", CAP | MRK});
	CHECK("km/h", {LET, "km", 0}, {PUN, "/", 0}, {LET, "h", 0});
	CHECK("user_name", {LET, "user", 0}, {PUN, "_", 0}, {LET, "name", 0});
	CHECK("2020.Tuy", {NUM, "2020", 0}, {PUN, ".", END}, {LET, "Tuy", CAP});
	CHECK("Mỹ.Tổng", {LET, "Mỹ", CAP | MRK}, {PUN, ".", END},
		  {LET, "Tổng", CAP | MRK});
	/* the dot of an abbreviation glued to the next word ends no sentence */
	CHECK("Q.Hoàn", {LET, "Q", CAP}, {PUN, ".", 0}, {LET, "Hoàn", CAP | MRK});
	CHECK("Tp.Thủ", {LET, "Tp", CAP}, {PUN, ".", 0}, {LET, "Thủ", CAP | MRK});
	CHECK("(P.Bến", {PUN, "(", 0}, {LET, "P", CAP}, {PUN, ".", 0},
		  {LET, "Bến", CAP | MRK});
	CHECK("EUR.Ông", {LET, "EUR", CAP | ALL}, {PUN, ".", END},
		  {LET, "Ông", CAP | MRK});
	CHECK("aQ.Hoàn", {LET, "aQ", 0}, {PUN, ".", END}, {LET, "Hoàn", CAP | MRK});
	CHECK("Q. Hoàn", {LET, "Q", CAP}, {PUN, ".", END}, {SPC, " ", 0},
		  {LET, "Hoàn", CAP | MRK});
	CHECK("Q..Hoàn", {LET, "Q", CAP}, {PUN, "..", END}, {LET, "Hoàn", CAP | MRK});
	CHECK("ﬁ", {LET, "ﬁ", 0});
}

static void
test_codes(void)
{
	CHECK("IMCWP-17", {CODE, "IMCWP-17", 0});
	CHECK("COVID-19", {CODE, "COVID-19", 0});
	CHECK("Covid-19.", {CODE, "Covid-19", 0}, {PUN, ".", END});
	CHECK("U23", {CODE, "U23", 0});
	CHECK("TP.HCM", {CODE, "TP.HCM", 0});
	CHECK("A320neo", {CODE, "A320neo", 0});
	CHECK("5G", {CODE, "5G", 0});
	CHECK("F-16", {CODE, "F-16", 0});
	CHECK("H5N1", {CODE, "H5N1", 0});
	CHECK("v1.2.3", {CODE, "v1.2.3", 0});
	CHECK("ABC_DEF", {CODE, "ABC_DEF", 0});
	CHECK("15/2020/NĐ-CP", {CODE, "15/2020/NĐ-CP", 0});
	CHECK("ĐBSCL-2", {CODE, "ĐBSCL-2", 0});
	CHECK("EU-ASEAN", {CODE, "EU-ASEAN", 0});
	CHECK("ASEAN-Nhật", {LET, "ASEAN", CAP | ALL}, {PUN, "-", 0},
		  {LET, "Nhật", CAP | MRK});
	CHECK("100km", {CODE, "100km", 0});
	/* hyphenated words without marks, age groups, districts */
	CHECK("Wi-Fi", {CODE, "Wi-Fi", 0});
	CHECK("e-mail,", {CODE, "e-mail", 0}, {PUN, ",", 0});
	CHECK("Jae-in", {CODE, "Jae-in", 0});
	CHECK("Xin-ga-po", {CODE, "Xin-ga-po", 0});
	CHECK("SARS-CoV-2", {CODE, "SARS-CoV-2", 0});
	CHECK("U.23", {CODE, "U.23", 0});
	CHECK("Q.10", {CODE, "Q.10", 0});
	CHECK("u.23 q.1", {CODE, "u.23", 0}, {SPC, " ", 0}, {CODE, "q.1", 0});
	CHECK("abc.23", {LET, "abc", 0}, {PUN, ".", END}, {NUM, "23", 0});
	/* dotted abbreviations in lowercase or mixed case */
	CHECK("tp.hcm", {CODE, "tp.hcm", 0});
	CHECK("Tp.HCM,", {CODE, "Tp.HCM", 0}, {PUN, ",", 0});
	CHECK("pgs.ts", {CODE, "pgs.ts", 0});
	CHECK("nay.The", {LET, "nay", 0}, {PUN, ".", END}, {LET, "The", CAP});
	CHECK("V.League", {CODE, "V.League", 0});
	CHECK("N.Minh", {LET, "N", CAP}, {PUN, ".", 0}, {LET, "Minh", CAP});
	CHECK("Nam-Cuba", {LET, "Nam", CAP}, {PUN, "-", 0}, {LET, "Cuba", CAP});
	CHECK("VOV-Trung", {LET, "VOV", CAP | ALL}, {PUN, "-", 0},
		  {LET, "Trung", CAP});
	/* lowercase too: a query ("pu-tin"), a loanword ("xi-lanh") */
	CHECK("pu-tin", {CODE, "pu-tin", 0});
	CHECK("xi-lanh,", {CODE, "xi-lanh", 0}, {PUN, ",", 0});
	CHECK("Ba Ria-Vung", {LET, "Ba", CAP}, {SPC, " ", 0}, {LET, "Ria", CAP},
		  {PUN, "-", 0}, {LET, "Vung", CAP});
	CHECK("tế-xã", {LET, "tế", MRK}, {PUN, "-", 0}, {LET, "xã", MRK});
	CHECK("Đan-Mạch", {LET, "Đan", CAP | MRK}, {PUN, "-", 0},
		  {LET, "Mạch", CAP | MRK});
	CHECK("and/or", {LET, "and", 0}, {PUN, "/", 0}, {LET, "or", 0});
	CHECK("GD-ĐT", {CODE, "GD-ĐT", 0});
	CHECK("đồng/m2", {LET, "đồng", MRK}, {PUN, "/", 0}, {CODE, "m2", 0});
	CHECK("Nội-2", {LET, "Nội", CAP | MRK}, {PUN, "-", 0}, {NUM, "2", 0});
	CHECK("AFP/TTXVN", {CODE, "AFP/TTXVN", 0});
	CHECK("326/UBND-ĐT", {CODE, "326/UBND-ĐT", 0});
	CHECK("Su-30MK2", {CODE, "Su-30MK2", 0});
	CHECK("COVID--19", {LET, "COVID", CAP | ALL}, {PUN, "--", 0},
		  {NUM, "19", 0});
	CHECK("F-", {LET, "F", CAP}, {PUN, "-", 0});
	CHECK("1.5G", {NUM, "1.5", 0}, {LET, "G", CAP});
	CHECK("50.000đ/kg", {NUM, "50.000", 0}, {LET, "đ", MRK}, {PUN, "/", 0},
		  {LET, "kg", 0});
	CHECK("v1.2.3a", {CODE, "v1.2.3a", 0});
}

/*
 * A rewriting of normalized text (vn_code_joined, vn_number_canonical):
 * want is the result, or NULL for none (-1).  A result is rewritten no
 * further.
 */
typedef int (*Rewrite) (const char *s, int len, char *out);

static void
check_rewrite(Rewrite fn, const char *name, const char *s, const char *want)
{
	char		out[64];
	char		again[64];
	int			n = fn(s, strlen(s), out);

	if (want == NULL)
		ok(n == -1, "%s(\"%s\"): none (got %d)", name, s, n);
	else
	{
		is_str(out, n < 0 ? 0 : (size_t) n, want, "%s(\"%s\")", name, s);
		if (n > 0)
			ok(fn(out, n, again) == -1, "%s(\"%s\") is final", name, want);
	}
}

/* the joined form of a code: what the dictionary indexes besides it */
#define check_joined(s, want) check_rewrite(vn_code_joined, "vn_code_joined", s, want)

static void
test_code_joined(void)
{
	check_joined("covid-19", "covid19");
	check_joined("tp.hcm", "tphcm");
	check_joined("15/2020/nđ-cp", "152020nđcp");
	check_joined("a_b-c.d/e", "abcde");
	check_joined("covid19", NULL);		/* no joiner: nothing to join */
	check_joined("1.000.000", NULL);	/* no letter: a number */
	check_joined("30/10", NULL);
	check_joined("-covid", NULL);		/* joiners only between parts */
	check_joined("covid-", NULL);
	check_joined("covid--19", NULL);
	check_joined("tp hcm", NULL);		/* a space ends a code */
	check_joined("https://a.vn", NULL);
	check_joined("a@b.vn", NULL);
	check_joined("TP.HCM", NULL);		/* normalized text only */
	check_joined("", NULL);
}

/* the one spelling of a number or a time, or NULL for "as written" */
#define check_canonical(s, want) \
	check_rewrite(vn_number_canonical, "vn_number_canonical", s, want)

#define check_date_canonical(s, want) \
	check_rewrite(vn_date_canonical, "vn_date_canonical", s, want)

static void
test_date_canonical(void)
{
	check_date_canonical("01/10", "1/10");
	check_date_canonical("30-10-2026", "30/10/2026");
	check_date_canonical("30.10.2026", "30/10/2026");
	check_date_canonical("2026-10-30", "30/10/2026");
	check_date_canonical("2026.01.05", "5/1/2026");
	check_date_canonical("30/04/05", "30/4/05");	/* a two-digit year as written */
	check_date_canonical("19-25/01", "19-25/1");
	check_date_canonical("30/10-01/11/2026", "30/10-1/11/2026");
	check_date_canonical("09/2026", "9/2026");
	check_date_canonical("30/10", NULL);	/* already the one spelling */
	check_date_canonical("30/10/2026", NULL);
	check_date_canonical("19-25/1", NULL);
	check_date_canonical("32/10", NULL);	/* no date */
	check_date_canonical("30/13", NULL);
	check_date_canonical("1.000.000", NULL);
	check_date_canonical("30/10/", NULL);
	check_date_canonical("", NULL);
}

/* a number glued to its unit: the number's length, on the token as written */
static void
test_measure(void)
{
	static const struct
	{
		const char *s;
		int			want;
	}			cases[] = {
		{"100km", 3}, {"50m2", 2}, {"500g", 3}, {"20GB", 2}, {"5kWh", 1},
		{"1m", 1}, {"30USD", 2},
		{"5G", -1}, {"4K", -1}, {"3D", -1},	/* names of things, not units */
		{"100KM", -1}, {"20gb", -1},	/* units only in their own case */
		{"100kmh", -1}, {"km100", -1}, {"100", -1}, {"km", -1}, {"", -1},
		{"1234567890km", -1},	/* ten digits: no measure */
		{"2,5kg", -1},			/* the scanner splits a decimal from its unit */
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		int			n = vn_measure_number_len(cases[i].s, strlen(cases[i].s));

		ok(n == cases[i].want, "vn_measure_number_len(\"%s\") = %d (got %d)",
		   cases[i].s, cases[i].want, n);
	}
}

static void
test_number_canonical(void)
{
	check_canonical("1.000.000", "1000000");
	check_canonical("1.000", "1000");
	check_canonical("12.500.000,75", "12500000,75");
	check_canonical("1,000,000.25", "1000000,25");
	check_canonical("3.5", "3,5");
	check_canonical("0.25%", "0,25%");
	check_canonical("1.0005", "1,0005");	/* four digits: a decimal part */
	check_canonical("14:30", "14h30");
	check_canonical("14g30", "14h30");
	check_canonical("08:05", "8h05");
	check_canonical("8h00", "8h");
	check_canonical("24:00", "24h");
	check_canonical("3,5", NULL);		/* already the one spelling */
	check_canonical("3,5%", NULL);
	check_canonical("1000000", NULL);
	check_canonical("14h30", NULL);
	check_canonical("9h", NULL);
	check_canonical("1,500", NULL);		/* 1.5 or 1500: as written */
	check_canonical("1,500,000", NULL);
	check_canonical("0912.345.678", NULL);	/* a phone number */
	check_canonical("192.168.1.1", NULL);
	check_canonical("6.2.2017", NULL);	/* a date */
	check_canonical("1.000.00", NULL);
	check_canonical("1.000.", NULL);
	check_canonical(".5", NULL);
	check_canonical("25:00", NULL);
	check_canonical("14:60", NULL);
	check_canonical("14:30:05", NULL);
	check_canonical("14h3", NULL);
	check_canonical("%", NULL);
	check_canonical("", NULL);
}

/* the parts of a date, joined by spaces, or "-" for no date */
static void
check_date_parts(const char *date, const char *want)
{
	VnDatePart	parts[VN_DATE_MAX_PARTS];
	char		got[64] = "";
	int			n = vn_date_parts(date, strlen(date), parts);

	if (n == 0)
		strcpy(got, "-");
	for (int i = 0; i < n; i++)
	{
		if (i > 0)
			strcat(got, " ");
		strcat(got, parts[i].text);
		ok(parts[i].len == (int) strlen(parts[i].text),
		   "vn_date_parts(\"%s\"): part %d has its length", date, i);
	}
	is_str(got, strlen(got), want, "vn_date_parts(\"%s\")", date);
}

static void
test_date_parts(void)
{
	check_date_parts("30/10", "30/10");
	check_date_parts("01/10", "1/10");
	check_date_parts("30/10/2026", "2026 30/10");
	check_date_parts("01/02/2026", "2026 1/2");
	check_date_parts("30/4/75", "30/4");	/* two-digit years are no part */
	check_date_parts("10/2026", "2026");
	check_date_parts("19-25/1", "19/1 25/1");
	check_date_parts("19-25/1/2026", "2026 19/1 25/1");
	check_date_parts("30/10-1/11", "30/10 1/11");
	check_date_parts("30/12/2025-2/1/2026", "2025 2026 30/12 2/1");
	check_date_parts("2026-10-30", "2026 30/10");
	check_date_parts("2026/10/30", "2026 30/10");
	check_date_parts("2026.10.30", "2026 30/10");
	check_date_parts("30-10-2026", "2026 30/10");
	check_date_parts("30.10.2026", "2026 30/10");
	check_date_parts("1.000.000", "-");
	check_date_parts("3,5", "-");
	check_date_parts("32/10", "-");
	check_date_parts("30/13", "-");
	check_date_parts("30/10/", "-");
	check_date_parts("/30/10", "-");
	check_date_parts("30//10", "-");
	check_date_parts("2026", "-");
	check_date_parts("30/10/2026/1", "-");
	check_date_parts("1/1/1/1/1/1/1", "-");
	check_date_parts("12345/1", "-");
	check_date_parts("", "-");
}

static void
test_numbers(void)
{
	CHECK("2026", {NUM, "2026", 0});
	CHECK("năm 2026.", {LET, "năm", MRK}, {NUM, "2026", 0}, {PUN, ".", END});
	CHECK("1.000.000", {NUM, "1.000.000", 0});
	CHECK("25.000 đồng", {NUM, "25.000", 0}, {LET, "đồng", MRK});
	CHECK("3,5", {NUM, "3,5", 0});
	CHECK("1,000,000", {NUM, "1,000,000", 0});
	CHECK("3.5", {NUM, "3.5", 0});
	CHECK("1.000,5", {NUM, "1.000,5", 0});
	CHECK("1,000.25", {NUM, "1,000.25", 0});
	CHECK("0,125", {NUM, "0,125", 0});
	CHECK("1234.5678", {NUM, "1234.5678", 0});
	/* more dotted groups: phone numbers, addresses, sections */
	CHECK("1.1.1", {NUM, "1.1.1", 0});
	CHECK("1.000.00", {NUM, "1.000.00", 0});
	CHECK("0912.345.678", {NUM, "0912.345.678", 0});
	CHECK("192.168.1.1.", {NUM, "192.168.1.1", 0}, {PUN, ".", END});
	CHECK("Điều 7.1.1 và", {LET, "Điều", CAP | MRK}, {NUM, "7.1.1", 0},
		  {LET, "và", MRK});
	CHECK("3,5,7", {NUM, "3,5", 0}, {PUN, ",", 0}, {NUM, "7", 0});
	CHECK("12,", {NUM, "12", 0}, {PUN, ",", 0});
	CHECK("3,5kg", {NUM, "3,5", 0}, {LET, "kg", 0});
	CHECK("1.000đ", {NUM, "1.000", 0}, {LET, "đ", MRK});
	CHECK("-5", {PUN, "-", 0}, {NUM, "5", 0});
	CHECK("12345678901234567890", {NUM, "12345678901234567890", 0});
	CHECK("2025-2026", {NUM, "2025", 0}, {PUN, "-", 0}, {NUM, "2026", 0});
	CHECK("3,5%", {PCT, "3,5%", 0});
	CHECK("50%.", {PCT, "50%", 0}, {PUN, ".", END});
	CHECK("1.000.000%", {PCT, "1.000.000%", 0});
	CHECK("100 %", {NUM, "100", 0}, {PUN, "%", 0});
	CHECK("%5", {PUN, "%", 0}, {NUM, "5", 0});
}

static void
test_dates_times(void)
{
	CHECK("30/10", {DATE, "30/10", 0});
	CHECK("24/2/2026", {DATE, "24/2/2026", 0});
	CHECK("24/2/26", {DATE, "24/2/26", 0});
	CHECK("19-25/1", {DATE, "19-25/1", 0});
	CHECK("19-25/1/2026", {DATE, "19-25/1/2026", 0});
	CHECK("30/10-1/11", {DATE, "30/10-1/11", 0});
	CHECK("30/10-1/11/2025", {DATE, "30/10-1/11/2025", 0});
	CHECK("30/10/2025-1/11/2025", {DATE, "30/10/2025-1/11/2025", 0});
	CHECK("2026-02-24", {DATE, "2026-02-24", 0});
	CHECK("2026/02/24", {DATE, "2026/02/24", 0});
	CHECK("10/2025", {DATE, "10/2025", 0});
	CHECK("24-2-2026", {DATE, "24-2-2026", 0});
	CHECK("24.12.2026.", {DATE, "24.12.2026", 0}, {PUN, ".", END});
	CHECK("1987.05.22", {DATE, "1987.05.22", 0});
	CHECK("1987.13.22", {NUM, "1987.13.22", 0});
	CHECK("ngày 2/9.", {LET, "ngày", MRK}, {DATE, "2/9", 0}, {PUN, ".", END});
	CHECK("32/10", {NUM, "32", 0}, {PUN, "/", 0}, {NUM, "10", 0});
	CHECK("0/5", {NUM, "0", 0}, {PUN, "/", 0}, {NUM, "5", 0});
	CHECK("13/2025", {NUM, "13", 0}, {PUN, "/", 0}, {NUM, "2025", 0});
	CHECK("30/13", {NUM, "30", 0}, {PUN, "/", 0}, {NUM, "13", 0});
	CHECK("2026-13-01", {NUM, "2026", 0}, {PUN, "-", 0}, {NUM, "13", 0},
		  {PUN, "-", 0}, {NUM, "01", 0});
	CHECK("24/2/202", {DATE, "24/2", 0}, {PUN, "/", 0}, {NUM, "202", 0});
	CHECK("1/2/3/4/5/6/7/8", {DATE, "1/2", 0}, {PUN, "/", 0},
		  {DATE, "3/4", 0}, {PUN, "/", 0}, {DATE, "5/6", 0}, {PUN, "/", 0},
		  {DATE, "7/8", 0});

	CHECK("14h30", {TIME, "14h30", 0});
	CHECK("14h", {TIME, "14h", 0});
	CHECK("8g30", {TIME, "8g30", 0});
	CHECK("14:30", {TIME, "14:30", 0});
	CHECK("14:30:05", {TIME, "14:30:05", 0});
	CHECK("lúc 9h-10h30", {LET, "lúc", MRK}, {TIME, "9h", 0}, {PUN, "-", 0},
		  {TIME, "10h30", 0});
	CHECK("8g", {CODE, "8g", 0});
	CHECK("25h", {CODE, "25h", 0});
	CHECK("14h60", {CODE, "14h60", 0});
	CHECK("14:60", {NUM, "14", 0}, {PUN, ":", 0}, {NUM, "60", 0});
	CHECK("14:3", {NUM, "14", 0}, {PUN, ":", 0}, {NUM, "3", 0});
	CHECK("14:30:05:07", {TIME, "14:30:05", 0}, {PUN, ":", 0},
		  {NUM, "07", 0});
	CHECK("14:30.", {TIME, "14:30", 0}, {PUN, ".", END});
}

static void
test_url_email_tag(void)
{
	CHECK("https://vnexpress.net/a-b-123.html, xem",
		  {URL, "https://vnexpress.net/a-b-123.html", 0}, {PUN, ",", 0},
		  {LET, "xem", 0});
	CHECK("http://x.vn/?q=1&r=2.", {URL, "http://x.vn/?q=1&r=2", 0},
		  {PUN, ".", END});
	CHECK("(http://x.vn/a_(b))", {PUN, "(", 0},
		  {URL, "http://x.vn/a_(b)", 0}, {PUN, ")", 0});
	CHECK("(http://x.vn)", {PUN, "(", 0}, {URL, "http://x.vn", 0},
		  {PUN, ")", 0});
	CHECK("www.x.vn/abc.", {URL, "www.x.vn/abc", 0}, {PUN, ".", END});
	CHECK("HTTPS://X.VN", {URL, "HTTPS://X.VN", 0});
	CHECK("https://vi.wikipedia.org/wiki/Việt_Nam",
		  {URL, "https://vi.wikipedia.org/wiki/Việt_Nam", 0});
	CHECK("“https://x.vn”", {PUN, "“", 0}, {URL, "https://x.vn", 0},
		  {PUN, "”", 0});
	CHECK("http://", {LET, "http", 0}, {PUN, ":", 0}, {PUN, "/", 0},
		  {PUN, "/", 0});
	CHECK("http://.", {LET, "http", 0}, {PUN, ":", 0}, {PUN, "/", 0},
		  {PUN, "/", 0}, {PUN, ".", END});
	CHECK("awww.x", {LET, "awww", 0}, {PUN, ".", END}, {LET, "x", 0});
	/* bare host names: lowercase labels ending in a known top-level domain */
	CHECK("xem vnexpress.net.", {LET, "xem", 0}, {SPC, " ", 0},
		  {URL, "vnexpress.net", 0}, {PUN, ".", END});
	CHECK("moh.gov.vn/tin-tuc?id=1", {URL, "moh.gov.vn/tin-tuc?id=1", 0});
	CHECK("TP.HCM", {CODE, "TP.HCM", 0});
	CHECK("tp.hcm", {CODE, "tp.hcm", 0});
	CHECK("nay.vn", {URL, "nay.vn", 0});
	CHECK("nay.xyzw", {LET, "nay", 0}, {PUN, ".", END}, {LET, "xyzw", 0});
	CHECK("3.5", {NUM, "3.5", 0});
	CHECK("a.b@example.com.vn", {MAIL, "a.b@example.com.vn", 0});
	CHECK("ban.doc@example.vn.", {MAIL, "ban.doc@example.vn", 0},
		  {PUN, ".", END});
	CHECK("<x_y+z@mail-1.example.org>", {PUN, "<", 0},
		  {MAIL, "x_y+z@mail-1.example.org", 0}, {PUN, ">", 0});
	CHECK("x@y", {LET, "x", 0}, {PUN, "@", 0}, {LET, "y", 0});
	CHECK("abc@def.c", {LET, "abc", 0}, {PUN, "@", 0}, {CODE, "def.c", 0});
	CHECK("ba@anh.c", {LET, "ba", 0}, {PUN, "@", 0}, {LET, "anh", 0},
		  {PUN, ".", END}, {LET, "c", 0});
	CHECK("a.@b.vn", {LET, "a", 0}, {PUN, ".", END}, {TAG, "@b", 0},
		  {PUN, ".", END}, {LET, "vn", 0});
	CHECK("#bầucử", {TAG, "#bầucử", 0});
	CHECK("@user_1 chào", {TAG, "@user_1", 0}, {LET, "chào", MRK});
	CHECK("#1", {PUN, "#", 0}, {NUM, "1", 0});
	CHECK("C#", {LET, "C", CAP}, {PUN, "#", 0});
	CHECK("a#b", {LET, "a", 0}, {PUN, "#", 0}, {LET, "b", 0});
	CHECK("(#tag)", {PUN, "(", 0}, {TAG, "#tag", 0}, {PUN, ")", 0});
	/* a stray mark right after the sign does not begin a tag; inside, it stays */
	CHECK("#\xcc\x81" "a", {PUN, "#", 0}, {PUN, "\xcc\x81", 0}, {LET, "a", 0});
	CHECK("#a\xcc\x81" "b", {TAG, "#a\xcc\x81" "b", 0});
	CHECK("##", {PUN, "##", 0});
}

static void
test_scripts_space_punct(void)
{
	CHECK("中文 ไทย Привет Ελλάδα مرحبا 한국어",
		  {SCR, "中文", 0}, {SCR, "ไทย", 0}, {SCR, "Привет", 0},
		  {SCR, "Ελλάδα", 0}, {SCR, "مرحبا", 0}, {SCR, "한국어", 0});
	CHECK("ภาษาไทย", {SCR, "ภาษาไทย", 0});
	CHECK("日本語のテキスト", {SCR, "日本語", 0}, {SCR, "の", 0},
		  {SCR, "テキスト", 0});
	CHECK("Москва2026", {SCR, "Москва", 0}, {NUM, "2026", 0});
	CHECK("2026年", {NUM, "2026", 0}, {SCR, "年", 0});
	CHECK("Putin(Путин)", {LET, "Putin", CAP}, {PUN, "(", 0},
		  {SCR, "Путин", 0}, {PUN, ")", 0});

	CHECK("a \t b", {LET, "a", 0}, {SPC, " \t ", 0}, {LET, "b", 0});
	CHECK("a\nb", {LET, "a", 0}, {SPC, "\n", NL}, {LET, "b", 0});
	CHECK("a \r\n\r\n b", {LET, "a", 0}, {SPC, " \r\n\r\n ", NL},
		  {LET, "b", 0});
	CHECK("a\xe2\x80\x8b" "b", {LET, "a", 0}, {SPC, "\xe2\x80\x8b", 0},
		  {LET, "b", 0});
	CHECK("a\xc2\xa0\xe2\x80\x83\xef\xbb\xbf" "b", {LET, "a", 0},
		  {SPC, "\xc2\xa0\xe2\x80\x83\xef\xbb\xbf", 0}, {LET, "b", 0});
	CHECK("a\xe2\x80\xa8" "b", {LET, "a", 0}, {SPC, "\xe2\x80\xa8", NL},
		  {LET, "b", 0});
	CHECK("a\xe2\x81\xa0\xe2\x80\x8c\xe2\x80\x8d" "b", {LET, "a", 0},
		  {SPC, "\xe2\x81\xa0\xe2\x80\x8c\xe2\x80\x8d", 0}, {LET, "b", 0});

	CHECK("Chào… ?\?! ... ; : ,", {LET, "Chào", CAP | MRK}, {PUN, "…", END},
		  {PUN, "?\?!", END}, {PUN, "...", END}, {PUN, ";", 0},
		  {PUN, ":", 0}, {PUN, ",", 0});
	CHECK("Hết!", {LET, "Hết", CAP | MRK}, {PUN, "!", END});
	CHECK("((a))", {PUN, "(", 0}, {PUN, "(", 0}, {LET, "a", 0},
		  {PUN, ")", 0}, {PUN, ")", 0});
	CHECK("-----", {PUN, "-----", 0});
	CHECK("a — b", {LET, "a", 0}, {PUN, "—", 0}, {LET, "b", 0});
	CHECK("«»", {PUN, "«", 0}, {PUN, "»", 0});
	CHECK("$€", {PUN, "$", 0}, {PUN, "€", 0});
	CHECK("中文。", {SCR, "中文", 0}, {PUN, "。", END});
	/* emoji sequences */
	CHECK("👍🏽", {PUN, "👍🏽", 0});
	CHECK("👨‍👩‍👧", {PUN, "👨‍👩‍👧", 0});
	CHECK("🇻🇳🇻🇳", {PUN, "🇻🇳", 0}, {PUN, "🇻🇳", 0});
	CHECK("❤️a", {PUN, "❤️", 0}, {LET, "a", 0});
	CHECK("😀😀", {PUN, "😀", 0}, {PUN, "😀", 0});
	CHECK("😀\xe2\x80\x8d", {PUN, "😀", 0}, {SPC, "\xe2\x80\x8d", 0});
	/* invalid bytes: one unit each */
	CHECK("a\xff\xfe" "b", {LET, "a", 0}, {PUN, "\xff", 0}, {PUN, "\xfe", 0},
		  {LET, "b", 0});
	CHECK("Vi\xe1\xbb" "t", {LET, "Vi", CAP}, {PUN, "\xe1", 0},
		  {PUN, "\xbb", 0}, {LET, "t", 0});
	CHECK("\xc0\xaf", {PUN, "\xc0", 0}, {PUN, "\xaf", 0});
	CHECK("\xed\xa0\x80", {PUN, "\xed", 0}, {PUN, "\xa0", 0},
		  {PUN, "\x80", 0});
	CHECK("\x01\x7f", {PUN, "\x01", 0}, {PUN, "\x7f", 0});
	/* lone combining marks: one unit per run */
	CHECK("\xcc\x81", {PUN, "\xcc\x81", 0});
	CHECK(" \xcc\x81\xcc\x80.", {PUN, "\xcc\x81\xcc\x80", 0},
		  {PUN, ".", END});
	CHECK("1\xcc\x81", {NUM, "1", 0}, {PUN, "\xcc\x81", 0});
	CHECK("\xef\xb8\x8f", {PUN, "\xef\xb8\x8f", 0});
}

/* One-line sentences, as the segmenter will see them. */
static void
test_sentences(void)
{
	CHECK("Ngày 24/2/2026, TTXVN đưa tin: giá vàng tăng 3,5% lên 80.500.000 đồng/lượng lúc 14h30.",
		  {LET, "Ngày", CAP | MRK}, {DATE, "24/2/2026", 0}, {PUN, ",", 0},
		  {LET, "TTXVN", CAP | ALL}, {LET, "đưa", MRK}, {LET, "tin", 0},
		  {PUN, ":", 0}, {LET, "giá", MRK}, {LET, "vàng", MRK},
		  {LET, "tăng", MRK}, {PCT, "3,5%", 0}, {LET, "lên", MRK},
		  {NUM, "80.500.000", 0}, {LET, "đồng", MRK}, {PUN, "/", 0},
		  {LET, "lượng", MRK}, {LET, "lúc", MRK}, {TIME, "14h30", 0},
		  {PUN, ".", END});
	CHECK("Đội U23 Việt Nam (TP.HCM) thắng 2-1!",
		  {LET, "Đội", CAP | MRK}, {CODE, "U23", 0},
		  {LET, "Việt", CAP | MRK}, {LET, "Nam", CAP}, {PUN, "(", 0},
		  {CODE, "TP.HCM", 0}, {PUN, ")", 0}, {LET, "thắng", MRK},
		  {NUM, "2", 0}, {PUN, "-", 0}, {NUM, "1", 0}, {PUN, "!", END});
	CHECK("Liên hệ: ban.doc@example.vn hoặc https://example.vn/lien-he.",
		  {LET, "Liên", CAP | MRK}, {LET, "hệ", MRK}, {PUN, ":", 0},
		  {MAIL, "ban.doc@example.vn", 0}, {LET, "hoặc", MRK},
		  {URL, "https://example.vn/lien-he", 0}, {PUN, ".", END});
}

/* Random inputs: the units must tile the input whatever the bytes. */
static void
test_tiling(void)
{
	static const char *const frags[] = {
		"a", "Việt", "Ệ", "e\xcc\x81", "\xcc\x81", "1", "23", ".", ",",
		"-", "/", ":", "_", "'", "%", "#", "@", "h", "g", "http://",
		"www.", " ", "\n", "\xe2\x80\x8b", "中", "Ж", "😀", "\xe2\x80\x8d",
		"\xef\xb8\x8f", "🇻", "\xff", "\xe1\xbb", "\xf0\x9f", "(", ")",
		"…", "?", "TP", "x.y@z.vn", "2026", "/10", "14h30", "ภา",
		/* the fast path's edges: letters it reads, bytes that end it */
		"Đà", "ĐẠI", "ỹ", "ư", "\xe1\xba\x80", "\xc3\x97", "ñ", "\xc6\xbf",
		"\xe1\xbb\xba", "\t", "\r\n", "\"", "[", "]", ";", "!", "+", "\xc2\xa0",
		"  ",
	};
	uint64_t	state = 0x2545F4914F6CDD1DULL;
	int			r;
	int			bad = 0;
	size_t		total_units = 0;

	/* uniformly random bytes */
	for (r = 0; r < 3000; r++)
	{
		size_t		len = 1 + next_rand(&state) % 300;
		char	   *buf = malloc(len);
		size_t		i,
					n;

		for (i = 0; i < len; i++)
			buf[i] = (char) (next_rand(&state) >> 24);
		if (!scan_all(buf, len, NULL, 0, &n))
			bad++;
		total_units += n;
		free(buf);
	}
	ok(bad == 0 && total_units > 3000,
	   "3000 random byte strings are tiled by valid units");

	/* random mixes of fragments that trigger every rule */
	bad = 0;
	for (r = 0; r < 20000; r++)
	{
		char		tmp[1024];
		size_t		len = 0;
		int			nf = 1 + next_rand(&state) % 40;
		char	   *buf;
		size_t		n;

		while (nf-- > 0)
		{
			const char *f = frags[next_rand(&state) %
								  (sizeof(frags) / sizeof(frags[0]))];

			memcpy(tmp + len, f, strlen(f));
			len += strlen(f);
		}
		buf = malloc(len);
		memcpy(buf, tmp, len);
		if (!scan_all(buf, len, NULL, 0, &n))
			bad++;

		/* a cut anywhere (mid-character, mid-URL...) must tile too */
		if (len > 1 && !scan_all(buf, len / 2, NULL, 0, &n))
			bad++;
		free(buf);
	}
	ok(bad == 0, "20000 random fragment mixes (and their halves) are tiled");
}

/* Scan a big buffer built from a repeated pattern; return the unit count. */
static size_t
scan_big(const char *head, const char *pat, const char *tail, size_t size,
		 bool *tiled, VnUnit *first, size_t nfirst)
{
	size_t		hl = strlen(head),
				pl = strlen(pat),
				tl = strlen(tail);
	size_t		reps = (size - hl - tl) / pl;
	size_t		len = hl + reps * pl + tl;
	char	   *buf = malloc(len);
	size_t		i,
				n;

	memcpy(buf, head, hl);
	for (i = 0; i < reps; i++)
		memcpy(buf + hl + i * pl, pat, pl);
	memcpy(buf + hl + reps * pl, tail, tl);
	*tiled = scan_all(buf, len, first, nfirst, &n);
	free(buf);
	return n;
}

#define BIG(desc, head, pat, tail, want_units) \
	do { \
		bool tiled_; \
		size_t reps_ = (size - strlen(head) - strlen(tail)) / strlen(pat); \
		size_t n_ = scan_big(head, pat, tail, size, &tiled_, first, 4); \
		size_t w_ = (want_units); \
		if (n_ != w_) \
			printf("# %zu units, want %zu\n", n_, w_); \
		ok(tiled_ && n_ == w_, "%s", desc); \
		(void) reps_; \
	} while (0)

/*
 * Units for a run of pat repeated to fill size bytes that the scanner cuts
 * into chunks of at least 1024 bytes (VN_RUN_MAX), whole characters each.
 */
static size_t
run_units(size_t size, const char *pat, size_t charlen)
{
	size_t		total = (size / strlen(pat)) * strlen(pat);
	size_t		chunk = ((1024 + charlen - 1) / charlen) * charlen;

	return (total + chunk - 1) / chunk;
}

/* units for k items taken two at a time, with a separator unit between */
static size_t
pairs(size_t k)
{
	return (k % 2 == 0) ? k - 1 : k;
}

/* same, three at a time (times "12:12:12" ":" ...) */
static size_t
triples(size_t k)
{
	return (k % 3 == 0) ? 2 * (k / 3) - 1 : 2 * (k / 3) + 1;
}

static void
test_linear(size_t size)
{
	VnUnit		first[4];

	/* long runs that are one unit */
	BIG("long letter run is one unit", "", "a", "", 1);
	ok(first[0].kind == LET, "long letter run is LETTERS");
	BIG("long capital code chain is one unit", "", "A.", "A", 1);
	ok(first[0].kind == CODE, "long capital chain is CODE");
	BIG("long digit-letter chain is one unit", "", "a-1-", "a", 1);
	BIG("long thousands number is one unit", "1", ".000", "", 1);
	ok(first[0].kind == NUM, "long thousands number is NUMBER");
	BIG("long decimal is one unit", "3,", "5", "", 1);
	BIG("long apostrophe word is one unit", "", "a'", "a", 1);
	BIG("10^n combining marks alone: chunks of 1024 bytes", "", "\xcc\x81", "",
		run_units(size, "\xcc\x81", 2));
	ok(first[0].kind == PUN, "lone combining marks are PUNCT");
	BIG("letter + 10^n combining marks is one unit", "a", "\xcc\x81", "", 1);
	ok(first[0].kind == LET && first[0].flags == (MRK | NFD),
	   "letter + marks is LETTERS, marked, non-NFC");
	BIG("long URL is one unit", "http://x.vn/", "a/", "", 1);
	BIG("repeated schemes are one URL", "", "http://", "x", 1);
	BIG("long whitespace run: chunks of 1024 bytes", "", " \n", "",
		run_units(size, " \n", 1));
	BIG("long ZWJ emoji chain is one unit", "😀", "\xe2\x80\x8d😀", "", 1);
	BIG("long CJK run: chunks of 1026 bytes", "", "中", "",
		run_units(size, "中", 3));
	BIG("long ellipsis run: chunks of 1024 bytes", "", ".", "",
		run_units(size, ".", 1));
	BIG("long hashtag is one unit", "#", "ab", "", 1);
	BIG("URL followed by long punctuation", "http://x.vn", ".,", "", 1 + 2 * reps_);

	/*
	 * Patterns that make a backtracking scanner re-read the rest of the
	 * run from every position.  pairs(k) is the unit count when k items
	 * joined by a separator are taken two at a time ("1.1" "." "1.1" ...).
	 */
	BIG("1.1.1.1... is one unit", "", "1.", "1", 1);
	ok(first[0].kind == NUM, "1.1.1.1... is NUMBER");
	BIG("1,1,1,1... stays linear", "", "1,", "1", pairs(reps_ + 1));
	BIG("1/1/1/1... stays linear", "", "1/", "1", pairs(reps_ + 1));
	ok(first[0].kind == DATE && first[0].len == 3, "1/1/1/1... starts with DATE 1/1");
	BIG("1/2-1/2-... stays linear", "", "1/2-", "1/2", pairs(reps_ + 1));
	BIG("12:12:12:... stays linear", "", "12:", "12", triples(reps_ + 1));
	ok(first[0].kind == TIME && first[0].len == 8, "12:12:12:... starts with TIME");
	BIG("a.a.a.a... stays linear", "", "a.", "a", 2 * reps_ + 1);
	BIG("a-a-a-a... stays linear", "", "a-", "a", 1);
	ok(first[0].kind == CODE, "a-a-a-a... is one code, as any hyphenated word without marks");
	BIG("Rịa-Vũng-... stays linear", "", "Rịa-Vũng-", "Tàu", 4 * reps_ + 1);
	BIG("1-1-1-... stays linear", "", "1-", "1", 2 * reps_ + 1);
	BIG("a@a@a@... stays linear", "", "a@", "a", 2 * reps_ + 1);
	BIG("a.a@a.a@... stays linear", "", "a.a@", "a.a", 4 * reps_ + 3);
	BIG("@@@@... stays linear", "", "@", "", reps_);
	BIG("#a#a#a... stays linear", "", "#a", "", 1 + 2 * (reps_ - 1));
	BIG("long digits then .x stays linear", "", "1", ".x", 3);
	BIG("aaaa...@ (no domain) stays linear", "", "a", "@", 2);
	BIG("'a'a... stays linear", "", "'a", "", 2);
	BIG("a1.a1.a1... is one code", "", "a1.", "a1", 1);
	BIG("www.www.www... is one URL", "", "www.", "x", 1);
	BIG("1a-1a-1a... is one code", "", "1a-", "1a", 1);
	BIG("9h9h9h... is one code", "", "9h", "", 1);
	BIG("bad bytes are one unit each", "", "\xe1\xbb", "", 2 * reps_);
}

int
main(int argc, char **argv)
{
	size_t		mb = (argc > 1) ? (size_t) atoi(argv[1]) : 4;

	if (mb == 0)
		mb = 4;
	test_letters();
	test_codes();
	test_code_joined();
	test_measure();
	test_number_canonical();
	test_date_canonical();
	test_date_parts();
	test_numbers();
	test_dates_times();
	test_url_email_tag();
	test_scripts_space_punct();
	test_sentences();
	test_tiling();
	test_linear(mb << 20);

	return tap_done();
}
