/*-------------------------------------------------------------------------
 *
 * seg_accuracy.c
 *	  Word segmentation accuracy against gold-segmented text.
 *
 * Usage: seg_accuracy [-s] [-v] lexicon.lex gold.txt
 *
 * Input for the tokenizer is each gold line with '_' turned into spaces
 * (-s: diacritics stripped first).  Words are compared as spans of
 * space-separated pieces; a predicted word boundary is a token starting
 * exactly where a piece starts (how the scanner cuts inside a piece, e.g.
 * "TP." into "TP" and ".", does not count).  Words made only of
 * punctuation are left out on both sides.  Prints precision, recall, F1.
 * -v prints the first errors.  -n uses no lexicon (every syllable a word).
 *
 *-------------------------------------------------------------------------
 */
#include "vncore.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAXP 4096

static bool
is_punct_piece(const char *s, size_t n)
{
	size_t		i = 0;

	while (i < n)
	{
		int32_t		cp;
		VnLetter	l;

		i += vn_utf8_decode((const unsigned char *) s + i, n - i, &cp);
		if ((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
			(cp >= 'A' && cp <= 'Z') || vn_letter_decompose(cp, &l) ||
			(cp >= 0xC0 && cp < 0x2000 && cp != 0xD7 && cp != 0xF7))
			return false;
	}
	return true;
}

int
main(int argc, char **argv)
{
	bool		strip = false,
				verbose = false,
				nolex = false;
	int			c;
	VnLexicon  *lex = NULL;
	char		err[512];
	FILE	   *f;
	char	   *line = NULL;
	size_t		cap = 0;
	ssize_t		n;
	long		tp = 0,
				np = 0,
				ng = 0,
				shown = 0;
	VnTokenizer *tz = malloc(vn_tokenizer_size());

	while ((c = getopt(argc, argv, "svn")) != -1)
	{
		if (c == 's')
			strip = true;
		else if (c == 'v')
			verbose = true;
		else if (c == 'n')
			nolex = true;
		else
			return 2;
	}
	if (optind + 2 != argc)
	{
		fprintf(stderr, "usage: seg_accuracy [-s] [-v] [-n] lexicon.lex gold.txt\n");
		return 2;
	}
	if (!nolex)
	{
		lex = vn_lexicon_open(argv[optind], err, sizeof(err));
		if (lex == NULL)
		{
			fprintf(stderr, "%s\n", err);
			return 1;
		}
	}
	f = fopen(argv[optind + 1], "r");
	if (f == NULL)
	{
		perror(argv[optind + 1]);
		return 1;
	}
	while ((n = getline(&line, &cap, f)) >= 0)
	{
		static size_t pstart[MAXP],
					pend[MAXP];
		static int	gword[MAXP];	/* gold word index of each piece */
		static bool pbound[MAXP],
					ppunct[MAXP];
		char	   *text;
		int			np_ = 0,
					nw = -1;
		size_t		i = 0,
					len;
		bool		joined = false;
		VnToken		tok;
		int			p;

		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			n--;
		if (n == 0)
			continue;
		text = malloc(n + 1);
		len = strip ? (size_t) vn_fold(line, n, text) : (memcpy(text, line, n), (size_t) n);
		/* pieces and gold words */
		while (i < len && np_ < MAXP)
		{
			size_t		s;

			while (i < len && text[i] == ' ')
				i++;
			if (i >= len)
				break;
			s = i;
			while (i < len && text[i] != ' ' && text[i] != '_')
				i++;
			if (!joined)
				nw++;
			joined = false;
			pstart[np_] = s;
			pend[np_] = i;
			gword[np_] = nw;
			ppunct[np_] = is_punct_piece(text + s, i - s);
			pbound[np_] = false;
			np_++;
			if (i < len && text[i] == '_')
			{
				text[i] = ' ';
				joined = true;
				i++;
			}
		}
		/* predicted boundaries */
		vn_tokenizer_init(tz, lex, NULL, text, len);
		p = 0;
		while (vn_tokenizer_next(tz, &tok))
		{
			while (p < np_ && pstart[p] < tok.start)
				p++;
			if (p < np_ && pstart[p] == tok.start)
				pbound[p] = true;
		}
		pbound[0] = true;
		/* compare spans */
		for (int a = 0; a < np_;)
		{
			int			b = a + 1;
			bool		punct = true;

			while (b < np_ && !pbound[b])
				b++;
			for (int k = a; k < b; k++)
				punct &= ppunct[k];
			if (!punct)
			{
				bool		gold_ok = (a == 0 || gword[a - 1] != gword[a]) &&
				(b == np_ || gword[b] != gword[b - 1]) &&
				gword[a] == gword[b - 1];

				np++;
				if (gold_ok)
					tp++;
				else if (verbose && shown < 300)
				{
					shown++;
					printf("pred [%.*s]\n", (int) (pend[b - 1] - pstart[a]), text + pstart[a]);
				}
			}
			a = b;
		}
		for (int a = 0; a < np_;)
		{
			int			b = a + 1;
			bool		punct = true;

			while (b < np_ && gword[b] == gword[a])
				b++;
			for (int k = a; k < b; k++)
				punct &= ppunct[k];
			if (!punct)
				ng++;
			a = b;
		}
		free(text);
	}
	fclose(f);
	free(line);
	{
		double		P = (double) tp / np,
					R = (double) tp / ng;

		printf("%s%s: words gold %ld predicted %ld correct %ld  P %.2f%% R %.2f%% F1 %.2f%%\n",
			   argv[optind + 1], strip ? " (diacritics stripped)" : "",
			   ng, np, tp, 100 * P, 100 * R, 200 * P * R / (P + R));
	}
	vn_lexicon_close(lex);
	free(tz);
	return 0;
}
