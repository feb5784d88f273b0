/*-------------------------------------------------------------------------
 *
 * seg_speed.c
 *	  Tokenizer throughput on real news text, next to the scanner alone.
 *
 * Usage: seg_speed lexicon.lex news.tsv [max-MB]
 *
 * news.tsv is id<TAB>title<TAB>body per line (gunzip the shared corpus to
 * a temporary file first).  Each body is tokenized as one document, the
 * way to_tsvector sees it.  Prints MB/s (of input bytes) for: the scanner
 * alone; the tokenizer without a lexicon (units and syllables, no
 * segmentation), set up for every document and reused; the tokenizer
 * with the lexicon's word spans but every syllable a word (a segmentation
 * hook that skips the model); and the full tokenizer set up with
 * vn_tokenizer_init for every document and reused with
 * vn_tokenizer_reset (what the glue does within a backend, so the
 * syllable cache stays warm); last, the same without the lexicon's
 * syllable records (vn_lexicon_without_records), every syllable computed
 * and cached by the tokenizer itself.  The reused rows, read one after the
 * other, show what each stage costs.  The rows without a lexicon have no
 * records either, so their syllables all go through the tokenizer's own
 * cache, which is small since the records came.
 *
 * Times are CPU time of this process (CLOCK_PROCESS_CPUTIME_ID), not wall
 * time: on a shared, loaded machine wall time mostly measures the other
 * processes.  Compare the tokenizer figures with the scanner's from the
 * same run.
 *
 * Build and run (from the repository root):
 *	  make build/seg_speed
 *	  gunzip -c ../shared/corpus/news.tsv.gz > /tmp/news.tsv
 *	  build/seg_speed build/vietnamese.lex /tmp/news.tsv 40
 *
 *-------------------------------------------------------------------------
 */
#include "vncore.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* a segmentation hook that makes every syllable a word, skipping the model */
static void
every_syllable(void *arg, const VnSegRun *run, uint8_t *tags)
{
	for (int i = 0; i < vn_segrun_length(run); i++)
		tags[i] = 1;
}

int
main(int argc, char **argv)
{
	char		err[512];
	VnLexicon  *lex;
	FILE	   *f;
	char	   *line = NULL;
	size_t		cap = 0,
				max,
				total = 0;
	ssize_t		n;
	char	   *buf;
	size_t	   *doc;			/* start offsets, ndoc + 1 entries */
	size_t		ndoc = 0,
				capdoc = 1024;
	VnTokenizer *tz = malloc(vn_tokenizer_size());
	VnLexicon  *bare;
	double		t0,
				t;
	unsigned long ntok = 0,
				nunit = 0,
				nword = 0;

	if (argc < 3)
	{
		fprintf(stderr, "usage: seg_speed lexicon.lex news.tsv [max-MB]\n");
		return 2;
	}
	max = (argc > 3 ? atol(argv[3]) : 40) * 1024 * 1024;
	t0 = now();
	lex = vn_lexicon_open(argv[1], err, sizeof(err));
	if (lex == NULL)
	{
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	printf("lexicon open: %.3f ms, %zu words\n", (now() - t0) * 1000,
		   vn_lexicon_nwords(lex));
	f = fopen(argv[2], "r");
	if (f == NULL)
	{
		perror(argv[2]);
		return 1;
	}
	buf = malloc(max + 65536);
	doc = malloc(capdoc * sizeof(size_t));
	while (total < max && (n = getline(&line, &cap, f)) >= 0)
	{
		char	   *body = strchr(line, '\t');

		if (body)
			body = strchr(body + 1, '\t');
		if (body == NULL)
			continue;
		body++;
		n -= body - line;
		while (n > 0 && (body[n - 1] == '\n' || body[n - 1] == '\r'))
			n--;
		if (n == 0 || total + n > max)
			continue;
		if (ndoc + 2 > capdoc)
			doc = realloc(doc, (capdoc *= 2) * sizeof(size_t));
		doc[ndoc++] = total;
		memcpy(buf + total, body, n);
		total += n;
	}
	doc[ndoc] = total;
	fclose(f);
	free(line);
	printf("%zu documents, %.1f MB of body text\n", ndoc, total / 1048576.0);

	t0 = now();
	for (size_t d = 0; d < ndoc; d++)
	{
		size_t		len = doc[d + 1] - doc[d],
					pos = 0;
		VnUnit		u;

		while (pos < len)
		{
			pos += vn_scan_unit(buf + doc[d], len, pos, &u);
			nunit++;
		}
	}
	t = now() - t0;
	printf("scanner alone:             %7.1f MB/s  (%lu units)\n",
		   total / 1048576.0 / t, nunit);

	bare = vn_lexicon_without_records(lex);
	for (int pass = 0; pass < 6; pass++)
	{
		static const char *const name[] = {
			"no lexicon:", "no lex, reset:", "spans, reset:", "lexicon:",
		"lex, reset:", "no records:"};
		const VnLexicon *l = pass == 5 ? bare : pass >= 2 ? lex : NULL;
		bool		reuse = (pass == 1 || pass == 2 || pass >= 4);

		ntok = nword = 0;
		t0 = now();
		for (size_t d = 0; d < ndoc; d++)
		{
			VnToken		tok;

			if (reuse && d > 0)
				vn_tokenizer_reset(tz, buf + doc[d], doc[d + 1] - doc[d]);
			else
			{
				vn_tokenizer_init(tz, l, NULL, buf + doc[d], doc[d + 1] - doc[d]);
				if (pass == 2)
					vn_tokenizer_set_hook(tz, every_syllable, NULL);
			}
			while (vn_tokenizer_next(tz, &tok))
			{
				ntok++;
				if (tok.nsyl > 1)
					nword++;
			}
		}
		t = now() - t0;
		printf("tokenizer, %-15s %7.1f MB/s  (%lu tokens, %lu multi-syllable)\n",
			   name[pass], total / 1048576.0 / t, ntok, nword);
	}
	vn_lexicon_close(bare);
	vn_lexicon_close(lex);
	free(buf);
	free(doc);
	free(tz);
	return 0;
}
