/*-------------------------------------------------------------------------
 *
 * seg_digest.c
 *	  Digest of the tokenizer's token stream over real news text, to check
 *	  that a speed change leaves the output identical.
 *
 * Usage: seg_digest lexicon.lex news.tsv [max-docs]
 *
 * news.tsv is id<TAB>title<TAB>body per line.  Every title and body is
 * tokenized (titles through vn_tokenizer_reset on one tokenizer, bodies
 * with a fresh vn_tokenizer_init, the two ways the glue uses it), and each
 * token's start, length, type and syllable count goes into a 64-bit
 * digest.  Prints the document and token counts and the digest; compare
 * it before and after a change.
 *
 * Build:
 *	  gcc -O2 -std=gnu99 -Iextension $(pkg-config --cflags icu-uc icu-i18n) \
 *		  -o build/seg_digest tests/bench/seg_digest.c extension/vnutf8.c \
 *		  extension/vnnorm.c extension/vnscan.c extension/vnlexicon.c \
 *		  extension/vnsegment.c $(pkg-config --libs icu-uc icu-i18n) -lm
 *
 *-------------------------------------------------------------------------
 */
#include "vncore.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t
digest_text(VnTokenizer *tz, const char *s, size_t n, uint64_t h,
			unsigned long *ntok)
{
	VnToken		tok;

	while (vn_tokenizer_next(tz, &tok))
	{
		h = vn_hash_mix(h ^ (tok.start * UINT64_C(0x100000001b3) +
							 tok.len * 4099 + tok.type * 131 + tok.nsyl));
		(*ntok)++;
	}
	return h;
}

int
main(int argc, char **argv)
{
	char		err[512];
	VnLexicon  *lex;
	FILE	   *f;
	char	   *line = NULL;
	size_t		cap = 0;
	ssize_t		n;
	long		maxdocs,
				ndoc = 0;
	unsigned long ntok = 0;
	uint64_t	h = 1;
	VnTokenizer *tz = malloc(vn_tokenizer_size());
	VnTokenizer *tt = malloc(vn_tokenizer_size());

	if (argc < 3)
	{
		fprintf(stderr, "usage: seg_digest lexicon.lex news.tsv [max-docs]\n");
		return 2;
	}
	maxdocs = argc > 3 ? atol(argv[3]) : 1000000;
	lex = vn_lexicon_open(argv[1], err, sizeof(err));
	if (lex == NULL)
	{
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	f = fopen(argv[2], "r");
	if (f == NULL)
	{
		perror(argv[2]);
		return 1;
	}
	vn_tokenizer_init(tt, lex, NULL, "", 0);
	while (ndoc < maxdocs && (n = getline(&line, &cap, f)) >= 0)
	{
		char	   *title = strchr(line, '\t'),
				   *body;

		if (title == NULL || (body = strchr(title + 1, '\t')) == NULL)
			continue;
		title++;
		body++;
		n -= body - line;
		while (n > 0 && (body[n - 1] == '\n' || body[n - 1] == '\r'))
			n--;
		vn_tokenizer_reset(tt, title, body - 1 - title);
		h = digest_text(tt, title, body - 1 - title, h, &ntok);
		vn_tokenizer_init(tz, lex, NULL, body, n);
		h = digest_text(tz, body, n, h, &ntok);
		ndoc++;
	}
	fclose(f);
	free(line);
	printf("%ld documents, %lu tokens, digest %016llx\n", ndoc, ntok,
		   (unsigned long long) h);
	vn_lexicon_close(lex);
	free(tz);
	free(tt);
	return 0;
}
