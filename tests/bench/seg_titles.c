/*-------------------------------------------------------------------------
 *
 * seg_titles.c
 *	  Segment news titles with diacritics and write them in the gold
 *	  format, so that seg_accuracy -s can measure how much of the same
 *	  segmentation the tokenizer finds once the diacritics are gone.
 *
 * Usage: seg_titles [-l] [-f first-line] lexicon.lex news.tsv
 *
 * news.tsv is id<TAB>title<TAB>body per line.  For every line from
 * first-line on (default 1) whose title has a diacritic and no '_', prints
 * the title's tokens separated by one space, the syllables of a word
 * joined by '_' (spaces, zero-width characters and the like are dropped).
 * -l writes each token normalized (lowercase), as queries are typed.
 *
 *-------------------------------------------------------------------------
 */
#include "vncore.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void
put_token(const char *t, size_t len, bool lower)
{
	char		buf[VN_NORM_BOUND(1024)];
	int			n = (int) len;

	if (lower && len <= 1024 && (n = vn_normalize(t, len, buf)) >= 0)
		t = buf;
	else
		n = (int) len;
	for (int i = 0; i < n;)
	{
		int			s = vn_space_at(t + i, n - i);

		if (s > 0)
		{
			while (i < n && (s = vn_space_at(t + i, n - i)) > 0)
				i += s;
			if (i < n)
				putchar('_');
			continue;
		}
		putchar(t[i++]);
	}
}

int
main(int argc, char **argv)
{
	bool		lower = false;
	long		first = 1,
				lineno = 0;
	int			c;
	char		err[512];
	VnLexicon  *lex;
	VnTokenizer *tz;
	FILE	   *f;
	char	   *line = NULL;
	size_t		cap = 0;
	ssize_t		n;

	while ((c = getopt(argc, argv, "lf:")) != -1)
	{
		if (c == 'l')
			lower = true;
		else if (c == 'f')
			first = atol(optarg);
		else
			return 1;
	}
	if (argc - optind != 2)
	{
		fprintf(stderr, "usage: seg_titles [-l] [-f first-line] lexicon.lex news.tsv\n");
		return 1;
	}
	lex = vn_lexicon_open(argv[optind], err, sizeof(err));
	if (lex == NULL)
	{
		fprintf(stderr, "seg_titles: %s\n", err);
		return 1;
	}
	f = fopen(argv[optind + 1], "r");
	if (f == NULL)
	{
		perror(argv[optind + 1]);
		return 1;
	}
	tz = malloc(vn_tokenizer_size());
	vn_tokenizer_init(tz, lex, NULL, "", 0);
	while ((n = getline(&line, &cap, f)) >= 0)
	{
		char	   *title = strchr(line, '\t'),
				   *end;
		char		norm[VN_NORM_BOUND(2048)];
		int			nl;
		VnToken		tok;
		bool		any = false;

		if (++lineno < first || title == NULL)
			continue;
		title++;
		end = strchr(title, '\t');
		if (end == NULL || end == title || end - title > 2048 ||
			memchr(title, '_', end - title) != NULL)
			continue;
		/* only titles with diacritics: the others have nothing to lose */
		nl = vn_normalize(title, end - title, norm);
		if (nl <= 0 || !vn_has_marks(norm, nl))
			continue;
		vn_tokenizer_reset(tz, title, end - title);
		while (vn_tokenizer_next(tz, &tok))
		{
			if (tok.type == VN_TOK_SPACE)
				continue;
			if (any)
				putchar(' ');
			put_token(title + tok.start, tok.len, lower);
			any = true;
		}
		if (any)
			putchar('\n');
	}
	fclose(f);
	free(tz);
	vn_lexicon_close(lex);
	return 0;
}
