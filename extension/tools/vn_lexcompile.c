/*-------------------------------------------------------------------------
 *
 * vn_lexcompile.c
 *	  Build the compiled lexicon (vietnamese.lex) at package build time.
 *
 * Usage:
 *	  vn_lexcompile -o vietnamese.lex [-m modeldir] wordlist [wordlist ...]
 *
 * Each word list has one word per line (syllables separated by spaces;
 * entries with digits, hyphens or other punctuation are skipped, since the
 * scanner never yields them as one letter run); lines starting with '#'
 * are comments.  modeldir holds what tools/vn_train wrote: learned.txt
 * ("word<TAB>count<TAB>capitalised"; a word written with every syllable
 * capitalised at least 4 times in 5 is a name), pairs.txt
 * ("syl syl<TAB>joined<TAB>seen"), weights.txt ("hexkey weight") and,
 * optionally, folded_joins.txt, name_joins.txt and name_words.txt (from
 * tools/vn_foldjoins).
 * Without -m the lexicon has no model and the tokenizer makes every
 * syllable a word.
 *
 * Copyright (c) 2026, vietnamese_fts authors
 *
 *-------------------------------------------------------------------------
 */
#include "vncore.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static FILE *
open_or_die(const char *path, const char *mode)
{
	FILE	   *f = fopen(path, mode);

	if (f == NULL)
	{
		fprintf(stderr, "vn_lexcompile: could not open \"%s\": ", path);
		perror(NULL);
		exit(1);
	}
	return f;
}

static size_t
chomp(char *line, size_t n)
{
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		n--;
	line[n] = '\0';
	return n;
}

/*
 * Mark the pairs (or names) listed in an optional file ("syl syl<TAB>...";
 * '#' lines are comments) with add; returns how many it took.
 */
static long
read_pairs(const char *path, VnLexBuilder *b,
		   bool (*add) (VnLexBuilder *b, const char *pair, size_t len))
{
	FILE	   *f = fopen(path, "r");
	char	   *line = NULL;
	size_t		cap = 0;
	ssize_t		n;
	long		taken = 0;

	if (f == NULL)
		return 0;
	while ((n = getline(&line, &cap, f)) >= 0)
	{
		char	   *tab;

		n = chomp(line, n);
		if (line[0] == '#' || (tab = strchr(line, '\t')) == NULL)
			continue;
		if (add(b, line, tab - line))
			taken++;
	}
	free(line);
	fclose(f);
	return taken;
}

/*
 * A line of name_words.txt (tools/vn_foldjoins -w): "name<TAB>e|f<TAB>...",
 * the name in lowercase (e) or folded (f); len is up to the tab.
 */
static bool
add_name_word(VnLexBuilder *b, const char *line, size_t len)
{
	char		kind = line[len + 1];

	if (kind != 'e' && kind != 'f')
		return false;
	return vn_lexbuild_add_name_word(b, line, len, kind == 'f');
}

/* A line of name_joins.txt (tools/vn_foldjoins -c), in the same form. */
static bool
add_name_join(VnLexBuilder *b, const char *line, size_t len)
{
	char		kind = line[len + 1];

	if (kind != 'e' && kind != 'f')
		return false;
	return vn_lexbuild_add_name_join(b, line, len, kind == 'f');
}

int
main(int argc, char **argv)
{
	const char *out = NULL,
			   *modeldir = NULL;
	VnLexBuilder *b;
	char	   *line = NULL;
	size_t		cap = 0;
	ssize_t		n;
	long		nread = 0,
				nskip = 0,
				nlearned = 0,
				nnames = 0,
				njoins = 0,
				nnamejoins = 0,
				nnamewords = 0,
				nweights = 0;
	void	   *img;
	size_t		len;
	FILE	   *f;
	char		path[4096];
	int			c;
	char		err[512];
	VnLexicon  *lex;

	while ((c = getopt(argc, argv, "o:m:")) != -1)
	{
		if (c == 'o')
			out = optarg;
		else if (c == 'm')
			modeldir = optarg;
		else
			goto usage;
	}
	if (out == NULL || optind >= argc)
		goto usage;

	b = vn_lexbuild_create();
	if (b == NULL)
		return 1;
	for (int i = optind; i < argc; i++)
	{
		f = open_or_die(argv[i], "r");
		while ((n = getline(&line, &cap, f)) >= 0)
		{
			n = chomp(line, n);
			if (n == 0 || line[0] == '#')
				continue;		/* blank, or a comment in our own lists */
			nread++;
			if (!vn_lexbuild_add_word(b, line, n, false, 0))
				nskip++;
		}
		fclose(f);
	}

	if (modeldir)
	{
		snprintf(path, sizeof(path), "%s/learned.txt", modeldir);
		f = open_or_die(path, "r");
		while ((n = getline(&line, &cap, f)) >= 0)
		{
			char	   *tab,
					   *end;
			unsigned long count,
						caps;

			n = chomp(line, n);
			tab = strchr(line, '\t');
			if (tab == NULL)
				continue;
			count = strtoul(tab + 1, &end, 10);
			caps = *end == '\t' ? strtoul(end + 1, NULL, 10) : 0;
			if (vn_lexbuild_add_word(b, line, tab - line, true, (uint32_t) count))
			{
				nlearned++;
				/* a name: written capitalised at least 4 times in 5 */
				if (caps > 0 && caps * 5 >= count * 4 &&
					vn_lexbuild_add_name(b, line, tab - line))
					nnames++;
			}
		}
		fclose(f);

		snprintf(path, sizeof(path), "%s/pairs.txt", modeldir);
		f = open_or_die(path, "r");
		while ((n = getline(&line, &cap, f)) >= 0)
		{
			char	   *tab;
			unsigned	j,
						t;

			n = chomp(line, n);
			tab = strchr(line, '\t');
			if (tab && sscanf(tab + 1, "%u\t%u", &j, &t) == 2)
				vn_lexbuild_add_pair(b, line, tab - line, j, t);
		}
		fclose(f);

		/*
		 * folded_joins.txt and name_joins.txt, written by tools/vn_foldjoins
		 * from news text: "syl syl<TAB>joined<TAB>seen" for the folded pairs
		 * that text with diacritics mostly keeps in one word, and those it
		 * mostly writes capitalised in one word (names); name_words.txt
		 * (-w), the names it nearly always writes capitalised.  Optional.
		 */
		snprintf(path, sizeof(path), "%s/folded_joins.txt", modeldir);
		njoins = read_pairs(path, b, vn_lexbuild_add_folded_join);
		snprintf(path, sizeof(path), "%s/name_joins.txt", modeldir);
		nnamejoins = read_pairs(path, b, add_name_join);
		snprintf(path, sizeof(path), "%s/name_words.txt", modeldir);
		nnamewords = read_pairs(path, b, add_name_word);

		snprintf(path, sizeof(path), "%s/weights.txt", modeldir);
		f = open_or_die(path, "r");
		while ((n = getline(&line, &cap, f)) >= 0)
		{
			unsigned long long key;
			float		w;

			if (line[0] == '#')
			{
				int			ver;

				if (sscanf(line, "# vietnamese_fts segmenter weights, feature set %d",
						   &ver) == 1 && ver != VN_SEG_FEATURE_VERSION)
				{
					fprintf(stderr, "vn_lexcompile: %s is for feature set %d, this code uses %d; retrain\n",
							path, ver, VN_SEG_FEATURE_VERSION);
					return 1;
				}
				continue;
			}
			if (sscanf(line, "%llx %f", &key, &w) == 2)
			{
				vn_lexbuild_add_weight(b, (uint64_t) key, w);
				nweights++;
			}
		}
		fclose(f);
	}
	free(line);

	img = vn_lexbuild_finish(b, &len);
	vn_lexbuild_free(b);
	if (img == NULL)
	{
		fprintf(stderr, "vn_lexcompile: out of memory\n");
		return 1;
	}
	/* check what we wrote opens */
	lex = vn_lexicon_from_buffer(img, len, err, sizeof(err));
	if (lex == NULL)
	{
		fprintf(stderr, "vn_lexcompile: built an invalid lexicon: %s\n", err);
		return 1;
	}
	vn_lexicon_close(lex);

	f = open_or_die(out, "wb");
	if (fwrite(img, 1, len, f) != len || fclose(f) != 0)
	{
		fprintf(stderr, "vn_lexcompile: could not write \"%s\"\n", out);
		return 1;
	}
	free(img);
	fprintf(stderr, "vn_lexcompile: %ld entries read, %ld skipped, %ld learned words (%ld names), %ld folded joins, %ld name joins, %ld name words, %ld weights; %zu bytes to %s\n",
			nread, nskip, nlearned, nnames, njoins, nnamejoins, nnamewords, nweights, len, out);
	return 0;

usage:
	fprintf(stderr, "usage: vn_lexcompile -o vietnamese.lex [-m modeldir] wordlist...\n");
	return 2;
}
