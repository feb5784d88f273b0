/*-------------------------------------------------------------------------
 *
 * vnheadline.c
 *	  ts_headline() support for the Vietnamese text search parser.
 *
 * PostgreSQL's ts_headline() splits the document with our parser, marks
 * every token whose lexemes match a query operand, and then asks this
 * function which tokens to show and which to highlight.  generateHeadline()
 * prints the tokens we flag "in", wrapping the "selected" ones in
 * StartSel/StopSel and putting FragmentDelimiter between runs of "in"
 * tokens.
 *
 * The default parser's prsd_headline() cannot be reused: it hard-wires the
 * default parser's token type numbers (12 is whitespace, 13 is replaced by
 * a space, 5/15/16/17 are hidden), which mean other things for us and would
 * drop or rewrite text.  So this file has its own, simpler rules:
 *
 *	- Text inside a fragment is printed exactly as written: spaces,
 *	  punctuation, case and diacritics are never replaced or skipped.  A
 *	  multi-syllable word ("Cộng sản") is one token, so it is highlighted
 *	  whole.
 *	- Length is counted in words as written: a token of N syllables counts
 *	  N, whitespace and punctuation count nothing.
 *	- A fragment is the window of at most MaxWords words that covers the
 *	  most distinct query operands (ties: more matching tokens, then the
 *	  earliest), found with two pointers, widened with context on both
 *	  sides up to MaxWords words and then trimmed: it starts with a word
 *	  (or an opening mark attached to one), ends with a word or a closing
 *	  mark, and does not start or end with a short word (ShortWord
 *	  characters or fewer) unless that word matches or the fragment would
 *	  drop below MinWords.
 *	- With MaxFragments > 0, candidate windows anchored at every match
 *	  (both forward and backward) are ranked the same way and taken
 *	  greedily while they do not touch a window already taken.
 *	- Operands under an odd number of NOT operators, and the diacritic-free
 *	  companions of operands typed with diacritics, neither highlight a
 *	  token nor attract fragments (see hl_ignored_items()).
 *
 * Everything is linear in the number of tokens, except sorting the
 * candidate windows for MaxFragments > 0 (n log n).  All memory comes from
 * the caller's memory context.
 *
 * IDENTIFICATION
 *	  extension/vnheadline.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "tsearch/ts_public.h"
#include "tsearch/ts_utils.h"
#include "commands/defrem.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "miscadmin.h"

#include "vncore.h"

PG_FUNCTION_INFO_V1(vnfts_headline);

/* Options, with PostgreSQL's names and defaults. */
typedef struct HlOptions
{
	int32		maxwords;
	int32		minwords;
	int32		shortword;
	int32		maxfragments;
	bool		highlightall;
} HlOptions;

/* One token of the document (a words[] entry that is not a repeated copy). */
typedef struct HlToken
{
	int32		entry;			/* index of its entry in prs->words */
	int32		nentries;		/* 1 + number of repeated copies after it */
	int32		nwords;			/* words it counts for; 0 = space or punct */
	bool		match;			/* matches an operand that is not ignored */
} HlToken;

/* A window of the document between two matching tokens. */
typedef struct HlWindow
{
	int32		first;			/* token index of its first match */
	int32		last;			/* token index of its last match */
	int32		ndistinct;		/* distinct query operands it covers */
	int32		nmatch;			/* matching tokens in it */
} HlWindow;

/* Per-call working state; nothing outlives the call. */
typedef struct HlState
{
	HeadlineParsedText *prs;
	TSQuery		query;
	const HlOptions *opts;
	bool	   *ignored;		/* per query item: see hl_ignored_items() */
	int32	   *opcount;		/* per query item: occurrences in the window */
	HlToken    *toks;
	int32		ntoks;
	int32	   *wordsbefore;	/* ntoks + 1 prefix sums of nwords */
	int32	   *matches;		/* token indexes of matching tokens */
	int32		nmatches;
} HlState;

/*
 * Arrays proportional to the number of tokens.  PostgreSQL's own words[]
 * array can approach 1 GB on huge documents, and ours are not much smaller
 * per token, so allow huge allocations instead of failing where the core
 * code did not.
 */
static inline void *
hl_alloc(Size size, bool zero)
{
	return palloc_extended(size,
						   MCXT_ALLOC_HUGE | (zero ? MCXT_ALLOC_ZERO : 0));
}

/* Words in tokens a..b (inclusive). */
static inline int32
hl_span_words(const HlState *st, int32 a, int32 b)
{
	return st->wordsbefore[b + 1] - st->wordsbefore[a];
}

/*
 * Query item index of the operand an entry matches, or -1 if it matches
 * none (or only an ignored one).
 */
static inline int32
hl_entry_operand(const HlState *st, const HeadlineWordEntry *w)
{
	ptrdiff_t	idx;

	if (w->item == NULL)
		return -1;
	idx = (const QueryItem *) w->item - GETQUERY(st->query);
	if (idx < 0 || idx >= st->query->size || st->ignored[idx])
		return -1;
	return (int32) idx;
}

/* A query operand, its diacritic-free form and its AND group. */
typedef struct HlOperand
{
	int32		item;			/* index in the query */
	int32		group;			/* topmost item reachable through ANDs only */
	bool		prefix;
	bool		marked;			/* folding changes it */
	int			foldlen;
	char	   *fold;
} HlOperand;

static int
hl_operand_cmp(const void *a, const void *b)
{
	const HlOperand *x = (const HlOperand *) a;
	const HlOperand *y = (const HlOperand *) b;
	int			c;

	if (x->group != y->group)
		return x->group < y->group ? -1 : 1;
	if (x->prefix != y->prefix)
		return x->prefix ? 1 : -1;
	c = memcmp(x->fold, y->fold, Min(x->foldlen, y->foldlen));
	if (c != 0)
		return c;
	return (x->foldlen > y->foldlen) - (x->foldlen < y->foldlen);
}

/*
 * Query items that must not make a token a match:
 *
 * - operands under an odd number of NOT operators: the query asks for
 *   their absence;
 * - folded companions.  For a query word typed with diacritics ("bán") the
 *   dictionary emits the exact and the diacritic-free form AND-ed together
 *   ('bán' & 'ban'), so only a document token carrying both matches it.  A
 *   token that only has the bare form ("bàn", "ban") must not be
 *   highlighted, so an unmarked operand that is the folded form of a
 *   marked operand in the same AND group is ignored; tokens that really
 *   match carry the marked operand too.  A word typed without diacritics
 *   has no marked partner and matches every variant.
 *
 * Items are stored in prefix order: an operator's right operand follows it
 * and its left operand is "left" items further on, so every item comes
 * after its parent and forward passes propagate NOT parity and AND groups.
 * Finding companions sorts the operands: n log n in the query size.
 */
static bool *
hl_ignored_items(TSQuery query)
{
	QueryItem  *items = GETQUERY(query);
	char	   *operands = GETOPERAND(query);
	int32		size = query->size;
	bool	   *ignored = palloc0(sizeof(bool) * Max(size, 1));
	int32	   *group = palloc(sizeof(int32) * Max(size, 1));
	HlOperand  *ops = palloc(sizeof(HlOperand) * Max(size, 1));
	int32		nops = 0;

	for (int32 i = 0; i < size; i++)
		group[i] = i;

	for (int32 i = 0; i < size; i++)
	{
		QueryOperator *op;
		bool		child;
		int32		children[2];
		int			nchildren = 0;

		if (items[i].type != QI_OPR)
			continue;
		op = &items[i].qoperator;
		child = ignored[i] != (op->oper == OP_NOT);
		if (i + 1 < size)
			children[nchildren++] = i + 1;
		if (op->oper != OP_NOT && op->left > 0 && i + (int64) op->left < size)
			children[nchildren++] = i + op->left;
		for (int c = 0; c < nchildren; c++)
		{
			ignored[children[c]] = child;
			if (op->oper == OP_AND)
				group[children[c]] = group[i];
		}
	}

	for (int32 i = 0; i < size; i++)
	{
		QueryOperand *qo = &items[i].qoperand;
		HlOperand  *o;

		if (items[i].type != QI_VAL || ignored[i])
			continue;
		o = &ops[nops++];
		o->item = i;
		o->group = group[i];
		o->prefix = qo->prefix;
		o->fold = palloc(qo->length + 1);
		o->foldlen = vn_fold(operands + qo->distance, qo->length, o->fold);
		o->marked = o->foldlen != qo->length ||
			memcmp(o->fold, operands + qo->distance, qo->length) != 0;
	}

	qsort(ops, nops, sizeof(HlOperand), hl_operand_cmp);
	for (int32 i = 0; i < nops;)
	{
		int32		j = i;
		bool		anymarked = false;

		while (j < nops && hl_operand_cmp(&ops[i], &ops[j]) == 0)
			anymarked |= ops[j++].marked;
		if (anymarked)
		{
			for (int32 k = i; k < j; k++)
			{
				if (!ops[k].marked)
					ignored[ops[k].item] = true;
			}
		}
		i = j;
	}

	for (int32 i = 0; i < nops; i++)
		pfree(ops[i].fold);
	pfree(ops);
	pfree(group);
	return ignored;
}

/*
 * Length in bytes of the space character at s[0], or 0 if there is none.
 * ASCII whitespace and U+00A0 (no-break space) can separate the syllables
 * of a word.
 */
static inline int
hl_space_len(const unsigned char *s, int n)
{
	if (s[0] == ' ' || s[0] == '\t' || s[0] == '\n' || s[0] == '\r' ||
		s[0] == '\v' || s[0] == '\f')
		return 1;
	if (n >= 2 && s[0] == 0xC2 && s[1] == 0xA0)
		return 2;
	return 0;
}

/* How many words a token counts for. */
static int32
hl_token_words(const HeadlineWordEntry *w)
{
	const unsigned char *s = (const unsigned char *) w->word;
	int			n = w->len;
	int32		count = 1;
	bool		inspace = false;
	bool		seenword = false;
	int			i = 0;

	switch (w->type)
	{
		case VN_TOK_SPACE:
		case VN_TOK_PUNCT:
			return 0;
		case VN_TOK_WORD:
		case VN_TOK_NAME:
			break;
		default:
			return 1;
	}

	/* one word, plus one per run of spaces between syllables */
	while (i < n)
	{
		int			sp = hl_space_len(s + i, n - i);

		if (sp > 0)
		{
			inspace = true;
			i += sp;
			continue;
		}
		if (inspace && seenword)
			count++;
		inspace = false;
		seenword = true;
		i++;
	}
	return count;
}

/*
 * Punctuation that may end a fragment (closing = true: . ! ? ) ] } " ' %
 * … ” ’ ») or start one (closing = false: ( [ { " ' “ ‘ «).
 */
static bool
hl_edge_punct(const HeadlineWordEntry *w, bool closing)
{
	const unsigned char *s = (const unsigned char *) w->word;
	int			n = w->len;

	if (w->type != VN_TOK_PUNCT || n < 1)
		return false;
	if (s[0] == '"' || s[0] == '\'')
		return true;
	if (closing ? (s[0] == '.' || s[0] == '!' || s[0] == '?' || s[0] == ')' ||
				   s[0] == ']' || s[0] == '}' || s[0] == '%') :
		(s[0] == '(' || s[0] == '[' || s[0] == '{'))
		return true;
	/* U+2026 U+201D U+2019 U+00BB, or U+201C U+2018 U+00AB */
	if (n >= 3 && s[0] == 0xE2 && s[1] == 0x80)
		return closing ? (s[2] == 0xA6 || s[2] == 0x9D || s[2] == 0x99) :
			(s[2] == 0x9C || s[2] == 0x98);
	if (n >= 2 && s[0] == 0xC2)
		return s[1] == (closing ? 0xBB : 0xAB);
	return false;
}

/*
 * Is token t a short word that may be dropped from the left (atleft) or
 * right edge of a fragment?  Words at the very start or end of the text
 * stay: nothing was cut there.
 */
static bool
hl_droppable_short(const HlState *st, int32 t, bool atleft)
{
	const HlToken *tok = &st->toks[t];
	const HeadlineWordEntry *w = &st->prs->words[tok->entry];

	if (tok->match || tok->nwords == 0)
		return false;
	if (atleft ? st->wordsbefore[t] == 0 :
		st->wordsbefore[t + 1] == st->wordsbefore[st->ntoks])
		return false;
	return pg_mbstrlen_with_len(w->word, w->len) <= st->opts->shortword;
}

/* Add (delta 1) or remove (delta -1) token t's operands from the window. */
static void
hl_window_count(HlState *st, int32 t, int delta, int32 *ndistinct)
{
	const HlToken *tok = &st->toks[t];

	for (int32 j = tok->entry; j < tok->entry + tok->nentries; j++)
	{
		int32		op = hl_entry_operand(st, &st->prs->words[j]);

		if (op < 0)
			continue;
		if (delta > 0)
		{
			if (st->opcount[op]++ == 0)
				(*ndistinct)++;
		}
		else
		{
			if (--st->opcount[op] == 0)
				(*ndistinct)--;
		}
	}
}

/*
 * Windows anchored at each match: forward (from the match to the last match
 * that keeps the span within MaxWords words) or backward.  A single token
 * longer than MaxWords still makes a window of its own.  Writes nmatches
 * windows to out.  Two pointers: each match enters and leaves once.
 */
static void
hl_anchored_windows(HlState *st, bool forward, HlWindow *out)
{
	const int32 *m = st->matches;
	int32		nm = st->nmatches;
	int32		maxwords = st->opts->maxwords;
	int32		ndistinct = 0;

	if (forward)
	{
		int32		hi = 0;

		for (int32 lo = 0; lo < nm; lo++)
		{
			CHECK_FOR_INTERRUPTS();
			while (hi < nm &&
				   (hi == lo || hl_span_words(st, m[lo], m[hi]) <= maxwords))
				hl_window_count(st, m[hi++], 1, &ndistinct);
			out[lo].first = m[lo];
			out[lo].last = m[hi - 1];
			out[lo].ndistinct = ndistinct;
			out[lo].nmatch = hi - lo;
			hl_window_count(st, m[lo], -1, &ndistinct);
		}
	}
	else
	{
		int32		lo = nm - 1;

		for (int32 hi = nm - 1; hi >= 0; hi--)
		{
			CHECK_FOR_INTERRUPTS();
			while (lo >= 0 &&
				   (lo == hi || hl_span_words(st, m[lo], m[hi]) <= maxwords))
				hl_window_count(st, m[lo--], 1, &ndistinct);
			out[hi].first = m[lo + 1];
			out[hi].last = m[hi];
			out[hi].ndistinct = ndistinct;
			out[hi].nmatch = hi - lo;
			hl_window_count(st, m[hi], -1, &ndistinct);
		}
	}
}

/* Better windows first: more operands, more matches, earlier, shorter. */
static int
hl_window_cmp(const void *a, const void *b)
{
	const HlWindow *x = (const HlWindow *) a;
	const HlWindow *y = (const HlWindow *) b;

	if (x->ndistinct != y->ndistinct)
		return x->ndistinct > y->ndistinct ? -1 : 1;
	if (x->nmatch != y->nmatch)
		return x->nmatch > y->nmatch ? -1 : 1;
	if (x->first != y->first)
		return x->first < y->first ? -1 : 1;
	if (x->last != y->last)
		return x->last < y->last ? -1 : 1;
	return 0;
}

static int
hl_window_pos_cmp(const void *a, const void *b)
{
	const HlWindow *x = (const HlWindow *) a;
	const HlWindow *y = (const HlWindow *) b;

	return (x->first > y->first) - (x->first < y->first);
}

/*
 * Widen the fragment *pa..*pb by up to budget words on one side, not past
 * token limit.  Spaces and punctuation cost no words, so the number of
 * tokens taken is capped too: a long run of symbols must not turn into a
 * huge headline.  Returns the words added.
 */
static int64
hl_widen(const HlState *st, int32 *pos, int32 limit, int64 budget, bool left)
{
	int32		p = *pos;
	int64		used = 0;
	int64		steps = 0;
	int64		maxsteps = budget * 4 + 4;

	while ((left ? p > limit : p < limit) && steps < maxsteps)
	{
		int32		next = left ? p - 1 : p + 1;
		int32		w = st->toks[next].nwords;

		if (used + w > budget)
			break;
		used += w;
		p = next;
		steps++;
	}
	*pos = p;
	return used;
}

/*
 * Widen a..b towards target words, half of the context on each side when
 * the text allows, staying within tokens lo..hi.
 */
static void
hl_widen_balanced(const HlState *st, int32 *pa, int32 *pb, int32 lo, int32 hi,
				  int32 target)
{
	int64		budget = (int64) target - hl_span_words(st, *pa, *pb);
	int64		left;
	int64		right;

	if (budget < 0)
		budget = 0;
	left = hl_widen(st, pa, lo, budget / 2, true);
	right = hl_widen(st, pb, hi, budget - left, false);
	if (left + right < budget)
		hl_widen(st, pa, lo, budget - left - right, true);
}

/*
 * Trim the edges of fragment a..b: no leading whitespace or punctuation
 * other than an opening mark attached to the next word ("(cccc", "“Tô"),
 * no trailing whitespace or punctuation other than closing marks, and no
 * non-matching short word at either edge (with its attached mark) as long
 * as at least MinWords words remain.  Matching tokens are never trimmed.
 */
static void
hl_trim(const HlState *st, int32 *pa, int32 *pb)
{
	const HlToken *toks = st->toks;
	HeadlineWordEntry *words = st->prs->words;
	int32		a = *pa;
	int32		b = *pb;
	int32		minwords = st->opts->minwords;

	for (;;)
	{
		bool		progress = false;
		int32		w;

		while (a <= b && !toks[a].match && toks[a].nwords == 0 &&
			   !(a < b && toks[a + 1].nwords > 0 &&
				 hl_edge_punct(&words[toks[a].entry], false)))
			a++;
		while (a <= b && !toks[b].match && toks[b].nwords == 0 &&
			   !hl_edge_punct(&words[toks[b].entry], true))
			b--;
		if (a > b)
			break;

		/* the edge word, behind an attached mark if there is one */
		w = (toks[a].nwords == 0 && !toks[a].match) ? a + 1 : a;
		if (w < b && hl_droppable_short(st, w, true) &&
			hl_span_words(st, a, b) - toks[w].nwords >= minwords)
		{
			a = w + 1;
			progress = true;
		}
		w = (toks[b].nwords == 0 && !toks[b].match && b - 1 >= a &&
			 toks[b - 1].nwords > 0) ? b - 1 : b;
		if (w > a && hl_droppable_short(st, w, false) &&
			hl_span_words(st, a, b) - toks[w].nwords >= minwords)
		{
			b = w - 1;
			progress = true;
		}
		if (!progress)
			break;
	}
	*pa = a;
	*pb = b;
}

/* Put tokens a..b in the headline, highlighting the matches. */
static void
hl_mark(HlState *st, int32 a, int32 b)
{
	for (int32 t = a; t <= b; t++)
	{
		HeadlineWordEntry *w = &st->prs->words[st->toks[t].entry];

		w->in = 1;
		if (st->toks[t].match)
			w->selected = 1;
	}
}

/*
 * No match: the first MinWords words, carried on past short words (up to
 * MaxWords) so the fragment does not stop on one.
 */
static void
hl_fragment_nomatch(HlState *st)
{
	int32		b = -1;
	int64		words = 0;
	int64		steps = 0;
	int32		a = 0;

	if (st->ntoks == 0)
		return;
	while (b + 1 < st->ntoks && words < st->opts->minwords)
	{
		CHECK_FOR_INTERRUPTS();
		words += st->toks[++b].nwords;
	}
	if (b < 0)
		return;
	while (b + 1 < st->ntoks && steps++ < 64 &&
		   (st->toks[b].nwords == 0 || hl_droppable_short(st, b, false)) &&
		   words + st->toks[b + 1].nwords <= st->opts->maxwords)
		words += st->toks[++b].nwords;
	hl_trim(st, &a, &b);
	if (a <= b)
		hl_mark(st, a, b);
}

/* MaxFragments = 0: the single best window. */
static void
hl_fragment_single(HlState *st)
{
	HlWindow   *win = hl_alloc(sizeof(HlWindow) * st->nmatches, false);
	int32		best = 0;
	int32		a;
	int32		b;

	hl_anchored_windows(st, true, win);
	for (int32 i = 1; i < st->nmatches; i++)
	{
		if (hl_window_cmp(&win[i], &win[best]) < 0)
			best = i;
	}
	a = win[best].first;
	b = win[best].last;
	hl_widen_balanced(st, &a, &b, 0, st->ntoks - 1, st->opts->maxwords);
	hl_trim(st, &a, &b);
	hl_mark(st, a, b);
	pfree(win);
}

/*
 * Fenwick tree over token positions, to count windows already taken that
 * start (or end) at or before a position in O(log n).
 */
static void
hl_bit_add(int32 *bit, int32 n, int32 pos)
{
	for (int32 i = pos + 1; i <= n; i += i & (-i))
		bit[i]++;
}

static int32
hl_bit_sum(const int32 *bit, int32 n, int32 pos)
{
	int32		s = 0;

	if (pos >= n)
		pos = n - 1;
	for (int32 i = pos + 1; i > 0; i -= i & (-i))
		s += bit[i];
	return s;
}

/*
 * MaxFragments > 0: take the best windows greedily, skipping any that
 * overlaps or touches one already taken (touching fragments would print as
 * one), then widen each with context without reaching its neighbours.
 */
static void
hl_fragment_multi(HlState *st)
{
	int32		nm = st->nmatches;
	int32		ncand = nm * 2;
	HlWindow   *cand = hl_alloc(sizeof(HlWindow) * ncand, false);
	int32		maxtake = Min(st->opts->maxfragments, ncand);
	HlWindow   *taken = hl_alloc(sizeof(HlWindow) * Max(maxtake, 1), false);
	int32		ntaken = 0;
	int32	   *startbit = hl_alloc(sizeof(int32) * (st->ntoks + 1), true);
	int32	   *endbit = hl_alloc(sizeof(int32) * (st->ntoks + 1), true);
	int32		prevend = -2;

	hl_anchored_windows(st, true, cand);
	hl_anchored_windows(st, false, cand + nm);
	qsort(cand, ncand, sizeof(HlWindow), hl_window_cmp);

	for (int32 i = 0; i < ncand && ntaken < maxtake; i++)
	{
		int32		lo = cand[i].first - 1;
		int32		hi = cand[i].last + 1;
		int32		overlapping;

		CHECK_FOR_INTERRUPTS();

		/*
		 * Taken windows are disjoint, so those meeting lo..hi are the ones
		 * starting at or before hi minus those ending before lo.
		 */
		overlapping = hl_bit_sum(startbit, st->ntoks, hi) -
			(lo > 0 ? hl_bit_sum(endbit, st->ntoks, lo - 1) : 0);
		if (overlapping > 0)
			continue;
		hl_bit_add(startbit, st->ntoks, cand[i].first);
		hl_bit_add(endbit, st->ntoks, cand[i].last);
		taken[ntaken++] = cand[i];
	}

	qsort(taken, ntaken, sizeof(HlWindow), hl_window_pos_cmp);
	for (int32 k = 0; k < ntaken; k++)
	{
		int32		a = taken[k].first;
		int32		b = taken[k].last;
		int32		lo = prevend + 2;
		int32		hi = (k + 1 < ntaken) ?
			taken[k + 1].first - 2 : st->ntoks - 1;

		hl_widen_balanced(st, &a, &b, lo, hi, st->opts->maxwords);
		hl_trim(st, &a, &b);
		hl_mark(st, a, b);
		prevend = b;
	}

	pfree(cand);
	pfree(taken);
	pfree(startbit);
	pfree(endbit);
}

/* Parse ts_headline's options into opts and prs's marker strings. */
static void
hl_parse_options(List *prsoptions, HlOptions *opts, HeadlineParsedText *prs)
{
	ListCell   *l;
	size_t		len;

	opts->maxwords = 35;
	opts->minwords = 15;
	opts->shortword = 3;
	opts->maxfragments = 0;
	opts->highlightall = false;
	prs->startsel = NULL;
	prs->stopsel = NULL;
	prs->fragdelim = NULL;

	foreach(l, prsoptions)
	{
		DefElem    *defel = (DefElem *) lfirst(l);
		char	   *val = defGetString(defel);

		if (pg_strcasecmp(defel->defname, "MaxWords") == 0)
			opts->maxwords = pg_strtoint32(val);
		else if (pg_strcasecmp(defel->defname, "MinWords") == 0)
			opts->minwords = pg_strtoint32(val);
		else if (pg_strcasecmp(defel->defname, "ShortWord") == 0)
			opts->shortword = pg_strtoint32(val);
		else if (pg_strcasecmp(defel->defname, "MaxFragments") == 0)
			opts->maxfragments = pg_strtoint32(val);
		else if (pg_strcasecmp(defel->defname, "StartSel") == 0)
			prs->startsel = pstrdup(val);
		else if (pg_strcasecmp(defel->defname, "StopSel") == 0)
			prs->stopsel = pstrdup(val);
		else if (pg_strcasecmp(defel->defname, "FragmentDelimiter") == 0)
			prs->fragdelim = pstrdup(val);
		else if (pg_strcasecmp(defel->defname, "HighlightAll") == 0)
			opts->highlightall = (pg_strcasecmp(val, "1") == 0 ||
								  pg_strcasecmp(val, "on") == 0 ||
								  pg_strcasecmp(val, "true") == 0 ||
								  pg_strcasecmp(val, "t") == 0 ||
								  pg_strcasecmp(val, "y") == 0 ||
								  pg_strcasecmp(val, "yes") == 0);
		else
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("unrecognized headline parameter: \"%s\"",
							defel->defname)));
	}

	if (!opts->highlightall)
	{
		if (opts->minwords >= opts->maxwords)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("MinWords should be less than MaxWords")));
		if (opts->minwords <= 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("MinWords should be positive")));
		if (opts->shortword < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("ShortWord should be >= 0")));
		if (opts->maxfragments < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("MaxFragments should be >= 0")));
	}

	if (prs->startsel == NULL)
		prs->startsel = pstrdup("<b>");
	if (prs->stopsel == NULL)
		prs->stopsel = pstrdup("</b>");
	if (prs->fragdelim == NULL)
		prs->fragdelim = pstrdup(" ... ");

	/* the lengths are int16 fields; a longer marker would be cut or worse */
	len = strlen(prs->startsel);
	if (len > PG_INT16_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("StartSel is too long")));
	prs->startsellen = (int16) len;
	len = strlen(prs->stopsel);
	if (len > PG_INT16_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("StopSel is too long")));
	prs->stopsellen = (int16) len;
	len = strlen(prs->fragdelim);
	if (len > PG_INT16_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("FragmentDelimiter is too long")));
	prs->fragdelimlen = (int16) len;
}

/*
 * Collect the document's tokens.  hlfinditem() appends the repeated copies
 * of an entry right after it, so a repeated entry belongs to the last
 * token seen.
 */
static void
hl_collect_tokens(HlState *st)
{
	HeadlineParsedText *prs = st->prs;
	int32		n = prs->curwords;

	st->toks = hl_alloc(sizeof(HlToken) * Max(n, 1), false);
	st->wordsbefore = hl_alloc(sizeof(int32) * (n + 1), false);
	st->matches = hl_alloc(sizeof(int32) * Max(n, 1), false);
	st->ntoks = 0;
	st->nmatches = 0;
	st->wordsbefore[0] = 0;

	for (int32 i = 0; i < n; i++)
	{
		HeadlineWordEntry *w = &prs->words[i];
		bool		match = hl_entry_operand(st, w) >= 0;
		HlToken    *tok;

		CHECK_FOR_INTERRUPTS();

		if (w->repeated)
		{
			if (st->ntoks == 0)
				continue;		/* cannot happen; ignore it */
			tok = &st->toks[st->ntoks - 1];
			tok->nentries++;
			if (match && !tok->match)
			{
				tok->match = true;
				st->matches[st->nmatches++] = st->ntoks - 1;
			}
			continue;
		}

		tok = &st->toks[st->ntoks];
		tok->entry = i;
		tok->nentries = 1;
		tok->nwords = hl_token_words(w);
		tok->match = match;
		if (match)
			st->matches[st->nmatches++] = st->ntoks;
		st->wordsbefore[st->ntoks + 1] = st->wordsbefore[st->ntoks] +
			tok->nwords;
		st->ntoks++;
	}
}

/*
 * vnfts_headline
 *		The parser's HEADLINE function.
 *
 * arg 0: HeadlineParsedText *, arg 1: List * of DefElem options,
 * arg 2: the TSQuery the entries' item pointers point into.
 */
Datum
vnfts_headline(PG_FUNCTION_ARGS)
{
	HeadlineParsedText *prs = (HeadlineParsedText *) PG_GETARG_POINTER(0);
	List	   *prsoptions = (List *) PG_GETARG_POINTER(1);

	/*
	 * Not PG_GETARG_TSQUERY: the item pointers point into the caller's copy
	 * of the query, and a detoasted copy would break the mapping.
	 */
	TSQuery		query = (TSQuery) PG_GETARG_POINTER(2);
	HlOptions	opts;
	HlState		st;

	hl_parse_options(prsoptions, &opts, prs);

	memset(&st, 0, sizeof(st));
	st.prs = prs;
	st.query = query;
	st.opts = &opts;
	st.ignored = hl_ignored_items(query);
	st.opcount = palloc0(sizeof(int32) * Max(query->size, 1));
	hl_collect_tokens(&st);

	if (opts.highlightall)
	{
		if (st.ntoks > 0)
			hl_mark(&st, 0, st.ntoks - 1);
	}
	else if (st.nmatches == 0)
		hl_fragment_nomatch(&st);
	else if (opts.maxfragments == 0)
		hl_fragment_single(&st);
	else
		hl_fragment_multi(&st);

	pfree(st.ignored);
	pfree(st.opcount);
	pfree(st.toks);
	pfree(st.wordsbefore);
	pfree(st.matches);

	PG_RETURN_POINTER(prs);
}
