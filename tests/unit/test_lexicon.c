/*
 * test_lexicon.c
 *	  Unit tests for the compiled lexicon (vnlexicon.c): building, opening,
 *	  rejecting damaged files, exact and folded lookup.
 *
 * Builds its own small lexicon from a word list written here, so it needs
 * neither Viet74K nor a trained model.
 */
#include "vncore.h"
#include "tap.h"

#include <stdlib.h>
#include <unistd.h>

static const char *words[] = {
	"hoà bình", "thuỷ điện", "Đảng", "cộng sản", "Việt Nam", "Đảng Cộng sản Việt Nam",
	"ba", "bà", "a-ba-giua", "số 3", "xin chào", NULL
};

static char tmpdir[] = "/tmp/vnlexXXXXXX";

static char *
write_file(const char *name, const void *buf, size_t len)
{
	static char path[256];
	FILE	   *f;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	f = fopen(path, "wb");
	if (f)
	{
		fwrite(buf, 1, len, f);
		fclose(f);
	}
	return path;
}

static bool
has(const VnLexicon *lex, const char *w, bool fold)
{
	char		norm[VN_NORM_BOUND(256)];
	int			n = vn_normalize(w, strlen(w), norm);

	return n > 0 && vn_lexicon_has_word(lex, norm, n, fold);
}

static void
expect_error(const char *name, const void *buf, size_t len, const char *what)
{
	char		err[512] = "";
	char	   *path = write_file(name, buf, len);
	VnLexicon  *lex = vn_lexicon_open(path, err, sizeof(err));

	ok(lex == NULL && strstr(err, path) != NULL && strstr(err, what) != NULL,
	   "%s file rejected with a message naming it", name);
	if (lex != NULL || strstr(err, what) == NULL)
		printf("#   message: %s\n", err);
	vn_lexicon_close(lex);
	unlink(path);
}

typedef int (*SplitFn) (const VnLexicon *lex, const char *s, size_t len,
						char *out);

/* a split (vn_lexicon_joined_name or _word) as a string, "-" for none */
static const char *
split_str(SplitFn fn, const VnLexicon *lex, const char *s)
{
	static char out[128];
	int			n = fn(lex, s, strlen(s), out);

	if (n < 0)
		return "-";
	out[n] = '\0';
	return out;
}

static const char *
joined(const VnLexicon *lex, const char *s)
{
	return split_str(vn_lexicon_joined_name, lex, s);
}

/* names typed as one word without diacritics */
static void
test_joined_names(void)
{
	VnLexBuilder *b = vn_lexbuild_create();
	static const char *names[] = {"Hà Nội", "Hồ Chí Minh", "Đà Nẵng", "Đàn Ang", NULL};
	void	   *img;
	size_t		len;
	char		err[512];
	VnLexicon  *lex;

	for (int i = 0; names[i]; i++)
		vn_lexbuild_add_word(b, names[i], strlen(names[i]), true,
							 strcmp(names[i], "Đà Nẵng") == 0 ? 30 : 2);
	vn_lexbuild_add_word(b, "hòn đá", strlen("hòn đá"), true, 9);
	vn_lexbuild_add_word(b, "Sài Gòn", strlen("Sài Gòn"), true, 9);
	vn_lexbuild_add_word(b, "hà nội mới", strlen("hà nội mới"), true, 1);
	for (int i = 0; names[i]; i++)
		ok(vn_lexbuild_add_name(b, names[i], strlen(names[i])),
		   "%s marked as a name", names[i]);
	ok(!vn_lexbuild_add_name(b, "Hải Phòng", strlen("Hải Phòng")),
	   "a word never added is not marked");
	ok(!vn_lexbuild_add_name(b, "Hà", strlen("Hà")),
	   "a prefix of a word is not marked");
	img = vn_lexbuild_finish(b, &len);
	vn_lexbuild_free(b);
	lex = vn_lexicon_from_buffer(img, len, err, sizeof(err));
	ok(lex != NULL, "lexicon with names opens");

	ok(strcmp(joined(lex, "hanoi"), "ha noi") == 0, "hanoi -> ha noi");
	ok(strcmp(joined(lex, "hochiminh"), "ho chi minh") == 0, "hochiminh -> ho chi minh");
	ok(strcmp(joined(lex, "danang"), "da nang") == 0,
	   "danang -> da nang, the more frequent of two names (%s)", joined(lex, "danang"));
	ok(strcmp(joined(lex, "honda"), "-") == 0, "honda: hòn đá is a word, not a name");
	ok(strcmp(joined(lex, "saigon"), "-") == 0, "saigon: not marked as a name here");
	ok(strcmp(joined(lex, "hanoimoi"), "-") == 0, "a name followed by more letters");
	ok(strcmp(joined(lex, "hano"), "-") == 0, "a name cut short");
	ok(strcmp(joined(lex, "Hanoi"), "-") == 0 && strcmp(joined(lex, "ha noi"), "-") == 0,
	   "only lowercase a-z");
	ok(strcmp(joined(lex, ""), "-") == 0 && strcmp(joined(lex, "h"), "-") == 0,
	   "empty and one letter");
	ok(strcmp(joined(lex, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"), "-") == 0,
	   "too long to be a name");
	ok(strcmp(joined(NULL, "hanoi"), "-") == 0, "no lexicon");
	vn_lexicon_close(lex);
	free(img);
}

static const char *
joined_word(const VnLexicon *lex, const char *s)
{
	return split_str(vn_lexicon_joined_word, lex, s);
}

/* words of several syllables written together with their diacritics */
static void
test_joined_words(void)
{
	VnLexBuilder *b = vn_lexbuild_create();
	static const char *words[] = {"ô tô", "đô la", "bê tông", "cà phê", "xi măng", NULL};
	void	   *img;
	size_t		len;
	char		err[512];
	VnLexicon  *lex;

	for (int i = 0; words[i]; i++)
		vn_lexbuild_add_word(b, words[i], strlen(words[i]), false, 0);
	vn_lexbuild_add_word(b, "chị", strlen("chị"), false, 0);
	img = vn_lexbuild_finish(b, &len);
	vn_lexbuild_free(b);
	lex = vn_lexicon_from_buffer(img, len, err, sizeof(err));
	ok(lex != NULL, "lexicon with words opens");

	ok(strcmp(joined_word(lex, "ôtô"), "ô tô") == 0, "ôtô -> ô tô (%s)", joined_word(lex, "ôtô"));
	ok(strcmp(joined_word(lex, "đôla"), "đô la") == 0, "đôla -> đô la");
	ok(strcmp(joined_word(lex, "bêtông"), "bê tông") == 0, "bêtông -> bê tông");
	ok(strcmp(joined_word(lex, "càphê"), "cà phê") == 0, "càphê -> cà phê");
	ok(strcmp(joined_word(lex, "ximăng"), "xi măng") == 0, "ximăng -> xi măng");
	ok(strcmp(joined_word(lex, "oto"), "-") == 0, "no marks: not this rule");
	ok(strcmp(joined_word(lex, "ôtôs"), "-") == 0, "a word followed by more letters");
	ok(strcmp(joined_word(lex, "chịt"), "-") == 0, "a typo that is no word");
	ok(strcmp(joined_word(lex, "tông"), "-") == 0, "a syllable stays one");
	ok(strcmp(joined_word(lex, "ô tô"), "-") == 0 && strcmp(joined_word(lex, "ôtô1"), "-") == 0,
	   "letters only");
	ok(strcmp(joined_word(lex, "ồồồồồồồồồồồồồồồồồồồồồồồồồồồồồồồồồồồồồồồồồồồồồồ"), "-") == 0,
	   "too long");
	ok(strcmp(joined_word(NULL, "ôtô"), "-") == 0, "no lexicon");
	vn_lexicon_close(lex);
	free(img);
}

int
main(void)
{
	VnLexBuilder *b = vn_lexbuild_create();
	int			added = 0;
	void	   *img;
	size_t		len;
	char		err[512];
	VnLexicon  *lex;
	char	   *copy;
	char	   *path;

	if (mkdtemp(tmpdir) == NULL)
	{
		perror("mkdtemp");
		return 1;
	}
	for (int i = 0; words[i]; i++)
		added += vn_lexbuild_add_word(b, words[i], strlen(words[i]), false, 0);
	ok(added == 9, "builder takes letter words, skips hyphen/digit entries (%d)", added);
	ok(vn_lexbuild_add_word(b, "a b c d e f g h i", 17, true, 1) == false,
	   "builder rejects words of more than %d syllables", VN_MAX_WORD_SYLLABLES);
	vn_lexbuild_add_word(b, "người dân", strlen("người dân"), true, 40);
	vn_lexbuild_add_weight(b, 12345, 0.5f);
	img = vn_lexbuild_finish(b, &len);
	vn_lexbuild_free(b);
	ok(img != NULL && len % 8 == 0, "image built (%zu bytes)", len);

	lex = vn_lexicon_from_buffer(img, len, err, sizeof(err));
	ok(lex != NULL, "image opens from a buffer");
	ok(lex && vn_lexicon_nwords(lex) == 10, "word count");
	ok(lex && vn_lexicon_has_model(lex) && vn_lexicon_weight(lex, 12345) == 0.5f &&
	   vn_lexicon_weight(lex, 54321) == 0.0f, "weights stored and looked up");

	/*
	 * A lexicon with a model stores the records of its syllables' spellings
	 * (lowercase, capitalised, all capitals, folded, either tone placement),
	 * equal to what the segmenter makes.
	 */
	if (lex)
	{
		static const char *const in[] = {"cộng", "Cộng", "CỘNG", "cong", "Cong",
		"CONG", "đảng", "Đảng", "ĐẢNG", "dang", "hoà", "hòa", "HOÀ", "dân", NULL};
		static const char *const out[] = {"chịt", "cỘng", "cọng", "Medvedev",
		"cộng sản", "", NULL};
		size_t		rs = vn_seg_syllable_record_size();
		char	   *rec = malloc(rs);
		int			found = 0,
					absent = 0,
					nin = 0,
					nout = 0;
		VnLexicon  *bare = vn_lexicon_without_records(lex);

		for (int i = 0; in[i]; i++, nin++)
		{
			uint64_t	h;
			const void *r = NULL;

			if (vn_seg_syllable_record(lex, in[i], strlen(in[i]), rec, &h))
				vn_lexicon_syllables(lex, &h, 1, &r);
			found += (r != NULL && memcmp(r, rec, rs) == 0);
			if (bare)
			{
				vn_lexicon_syllables(bare, &h, 1, &r);
				absent += (r == NULL);
			}
		}
		ok(found == nin, "records of the lexicon's syllables, as computed: %d of %d", found, nin);
		ok(absent == nin, "a view without records finds none: %d of %d", absent, nin);
		found = 0;
		for (int i = 0; out[i]; i++, nout++)
		{
			uint64_t	h;
			const void *r = NULL;

			if (vn_seg_syllable_record(lex, out[i], strlen(out[i]), rec, &h))
				vn_lexicon_syllables(lex, &h, 1, &r);
			found += (r != NULL);
		}
		ok(found == 0, "no records of other spellings or syllables: %d of %d", found, nout);
		ok(!vn_seg_syllable_record(lex, "cộng sản", strlen("cộng sản"), rec, &(uint64_t) {0}) &&
		   !vn_seg_syllable_record(lex, "covid-19", 8, rec, &(uint64_t) {0}) &&
		   !vn_seg_syllable_record(lex, "aaaaaaaaaaaaaaaaaaaaaaa", 23, rec, &(uint64_t) {0}),
		   "no record of what is not one cacheable letter unit");
		vn_lexicon_close(bare);
		free(rec);
	}
	vn_lexicon_close(lex);

	path = write_file("good.lex", img, len);
	lex = vn_lexicon_open(path, err, sizeof(err));
	ok(lex != NULL, "file opens with mmap");

	/* exact vs folded */
	ok(has(lex, "cộng sản", false), "exact: cộng sản");
	ok(!has(lex, "cong san", false), "exact: cong san is not there");
	ok(has(lex, "cong san", true), "folded: cong san");
	ok(has(lex, "CỘNG SẢN", false), "exact lookup after normalization is case-blind");
	ok(!has(lex, "cộng", false), "a prefix is not a word");
	ok(has(lex, "đảng cộng sản việt nam", false), "four-syllable word");
	ok(has(lex, "dang cong san viet nam", true), "four-syllable word, folded");
	ok(!has(lex, "đảng cộng sản việt", false), "its prefix is not a word");
	ok(has(lex, "ba", false) && has(lex, "bà", false) && !has(lex, "bá", false),
	   "ba/bà distinct exactly, bá absent");
	ok(has(lex, "ba", true) && has(lex, "bá", true), "ba/bà/bá meet when folded");

	/* tone placement: the list says hoà/thuỷ, text says hòa/thủy */
	ok(has(lex, "hòa bình", false), "hòa bình finds hoà bình");
	ok(has(lex, "hoà bình", false), "hoà bình finds hoà bình");
	ok(has(lex, "thủy điện", false), "thủy điện finds thuỷ điện");
	ok(has(lex, "người dân", false), "learned word");
	ok(!has(lex, "a-ba-giua", false) && !has(lex, "số 3", false), "skipped entries absent");
	ok(has(lex, "xin  chào", false), "extra spaces between syllables ignored");
	vn_lexicon_close(lex);
	unlink(path);

	/* damaged files */
	{
		char		missing[300];

		snprintf(missing, sizeof(missing), "%s/nonexistent.lex", tmpdir);
		lex = vn_lexicon_open(missing, err, sizeof(err));
		ok(lex == NULL && strstr(err, missing) != NULL, "missing file: %s", err);
	}
	expect_error("empty.lex", img, 0, "truncated");
	expect_error("short-header.lex", img, 40, "truncated");
	expect_error("truncated.lex", img, len / 2, "truncated");
	copy = malloc(len + 8);
	memcpy(copy, img, len);
	memset(copy + len, 0, 8);
	expect_error("padded.lex", copy, len + 8, "padded");
	copy[0] = 'X';
	expect_error("badmagic.lex", copy, len, "magic");
	memcpy(copy, img, len);
	copy[8] = 99;				/* format version */
	expect_error("badversion.lex", copy, len, "version");
	memcpy(copy, img, len);
	copy[12] = 99;				/* feature-set version */
	expect_error("badfeatures.lex", copy, len, "feature set");
	memcpy(copy, img, len);
	copy[len / 2] ^= 0x40;
	expect_error("corrupt.lex", copy, len, "checksum");
	memcpy(copy, img, len);
	copy[len - 1] ^= 1;
	expect_error("corrupt-end.lex", copy, len, "checksum");
	memcpy(copy, img, len);
	copy[44] = 0x7f;			/* words table size: not a power of two */
	expect_error("badtable.lex", copy, len, "out of bounds");
	memcpy(copy, img, len);
	copy[76] += 8;				/* syllable record size */
	expect_error("badrecsize.lex", copy, len, "syllable records");
	memcpy(copy, img, len);
	copy[72] = 0x7f;			/* syllable record count: past the end */
	copy[73] = 0x7f;
	expect_error("badrecs.lex", copy, len, "syllable records");

	/* many weights: the key filter never hides one; dense tables present */
	{
		uint64_t	x = 88172645463325252ULL;
		int			lost = 0,
					ghost = 0;

		b = vn_lexbuild_create();
		vn_lexbuild_add_word(b, "xin chào", 9, false, 0);
		for (int i = 0; i < 20000; i++)
		{
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			vn_lexbuild_add_weight(b, x, (float) (i % 97 + 1) / 8);
		}
		free(img);
		img = vn_lexbuild_finish(b, &len);
		vn_lexbuild_free(b);
		lex = vn_lexicon_from_buffer(img, len, err, sizeof(err));
		x = 88172645463325252ULL;
		for (int i = 0; lex && i < 20000; i++)
		{
			uint64_t	keys[2];
			float		w[2];

			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			keys[0] = x;
			keys[1] = x * 0x9E3779B97F4A7C15ULL + 1;	/* not added */
			vn_lexicon_weights(lex, keys, 2, w);
			if (vn_lexicon_weight(lex, x) != (float) (i % 97 + 1) / 8 || w[0] != (float) (i % 97 + 1) / 8)
				lost++;
			if (w[1] != 0.0f || vn_lexicon_weight(lex, keys[1]) != 0.0f)
				ghost++;
		}
		ok(lex && lost == 0 && ghost == 0,
		   "20000 weights found, single and batched (%d lost), absent keys 0 (%d not)", lost, ghost);
		ok(lex && vn_lexicon_dense(lex) != NULL, "a lexicon with a model has dense weights");
		vn_lexicon_close(lex);
	}

	/* words with i/y syllables get their other spellings, unless turned off */
	for (int on = 1; on >= 0; on--)
	{
		b = vn_lexbuild_create();
		vn_lexbuild_set_iy_spellings(b, on);
		vn_lexbuild_add_word(b, "bác sĩ", strlen("bác sĩ"), false, 0);
		vn_lexbuild_add_word(b, "tỷ lệ", strlen("tỷ lệ"), false, 0);
		vn_lexbuild_add_word(b, "vi phạm", strlen("vi phạm"), false, 0);
		free(img);
		img = vn_lexbuild_finish(b, &len);
		vn_lexbuild_free(b);
		lex = vn_lexicon_from_buffer(img, len, err, sizeof(err));
		ok(lex && has(lex, "bác sĩ", false) && has(lex, "tỷ lệ", false),
		   "i/y %s: the words as given", on ? "on" : "off");
		ok(lex && has(lex, "bác sỹ", false) == on && has(lex, "tỉ lệ", false) == on &&
		   has(lex, "ti le", true) == on,
		   "i/y %s: the other spellings %s", on ? "on" : "off", on ? "too" : "not");
		ok(lex && !has(lex, "vy phạm", false), "i/y %s: vi keeps its i", on ? "on" : "off");
		vn_lexicon_close(lex);
	}

	/* a file without a model */
	b = vn_lexbuild_create();
	vn_lexbuild_add_word(b, "xin chào", 9, false, 0);
	free(img);
	img = vn_lexbuild_finish(b, &len);
	vn_lexbuild_free(b);
	lex = vn_lexicon_from_buffer(img, len, err, sizeof(err));
	ok(lex && !vn_lexicon_has_model(lex) && vn_lexicon_weight(lex, 1) == 0.0f &&
	   vn_lexicon_dense(lex) == NULL, "lexicon without a model");
	vn_lexicon_close(lex);

	test_joined_names();
	test_joined_words();

	free(copy);
	free(img);
	rmdir(tmpdir);
	return tap_done();
}
