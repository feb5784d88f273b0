/*-------------------------------------------------------------------------
 *
 * vnuser.c
 *	  User words and synonyms from the vietnamese_user_words table.
 *
 * Each backend keeps a copy of the table: a core VnUserLex for the
 * segmenter and a sorted alias -> canonical array for the dictionary.  A
 * statement trigger on the table sends a relcache invalidation for it at
 * commit, which every backend receives at its next transaction start; our
 * relcache callback only marks the copy stale, and the next parse reloads
 * it.  So a change reaches every session, old ones included, with no
 * reconnect and no shared memory.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/table.h"
#include "access/xact.h"
#include "catalog/indexing.h"
#include "catalog/pg_extension.h"
#include "catalog/namespace.h"
#include "catalog/pg_namespace.h"
#include "commands/extension.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"

#include <unicode/ucasemap.h>

#include "vietnamese_fts.h"

typedef struct VnSynonym
{
	char	   *alias;			/* normalized */
	char	   *canonical;		/* normalized */
	bool		joined;			/* alias is a code's joined form */
} VnSynonym;

typedef struct VnUserCache
{
	bool		valid;
	Oid			relid;			/* the table, or InvalidOid if none */
	int			active;			/* parses using ulex right now */
	VnUserLex  *ulex;			/* malloc'd by the core */
	uint64		generation;		/* bumped at every reload */
	VnSynonym  *synonyms;		/* in cxt, sorted by alias */
	int			nsynonyms;
	MemoryContext cxt;
} VnUserCache;

/* per-backend cache; nothing here is shared between processes */
static VnUserCache cache;

static void
vn_user_relcache_cb(Datum arg, Oid relid)
{
	/* with no table yet, any new relation may be it */
	if (relid == InvalidOid || relid == cache.relid || cache.relid == InvalidOid)
		cache.valid = false;
}

/* A parse interrupted by an error never calls its end function. */
static void
vn_user_xact_cb(XactEvent event, void *arg)
{
	if (event == XACT_EVENT_ABORT || event == XACT_EVENT_PARALLEL_ABORT)
		cache.active = 0;
}

void
vnfts_user_init(void)
{
	CacheRegisterRelcacheCallback(vn_user_relcache_cb, (Datum) 0);
	RegisterXactCallback(vn_user_xact_cb, NULL);
}

/* get_extension_schema() is not exported before PostgreSQL 16 */
static Oid
vn_extension_schema(Oid extoid)
{
	Relation	rel;
	ScanKeyData key;
	SysScanDesc scan;
	HeapTuple	tup;
	Oid			result = InvalidOid;

	rel = table_open(ExtensionRelationId, AccessShareLock);
	ScanKeyInit(&key, Anum_pg_extension_oid, BTEqualStrategyNumber,
				F_OIDEQ, ObjectIdGetDatum(extoid));
	scan = systable_beginscan(rel, ExtensionOidIndexId, true, NULL, 1, &key);
	tup = systable_getnext(scan);
	if (HeapTupleIsValid(tup))
		result = ((Form_pg_extension) GETSTRUCT(tup))->extnamespace;
	systable_endscan(scan);
	table_close(rel, AccessShareLock);
	return result;
}

static Oid
vn_user_table_oid(void)
{
	Oid			extoid = get_extension_oid("vietnamese_fts", true);
	Oid			nspoid;

	if (!OidIsValid(extoid))
		return InvalidOid;
	nspoid = vn_extension_schema(extoid);
	if (!OidIsValid(nspoid))
		return InvalidOid;
	return get_relname_relid("vietnamese_user_words", nspoid);
}

/* by alias; a word the user gave before a joined form of another */
static int
vn_synonym_cmp(const void *a, const void *b)
{
	const VnSynonym *x = a;
	const VnSynonym *y = b;
	int			c = strcmp(x->alias, y->alias);

	if (c != 0)
		return c;
	if (x->joined != y->joined)
		return x->joined ? 1 : -1;
	return strcmp(x->canonical, y->canonical);
}

/* Add to the core set, complaining in a way the user understands. */
static void
vn_user_add(VnUserLex *ulex, const char *word)
{
	const char *err;

	/* one token already stays whole; only multi-syllable words need help */
	if (strchr(word, ' ') == NULL)
		return;
	err = vn_userlex_add(ulex, word, strlen(word));

	if (err != NULL)
		ereport(WARNING,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("ignoring Vietnamese user word \"%s\": %s", word, err)));
}

static void
vn_user_reload(void)
{
	Oid			relid = vn_user_table_oid();
	VnUserLex  *ulex = NULL;
	StringInfoData sql;
	uint64		i;

	if (cache.cxt == NULL)
		cache.cxt = AllocSetContextCreate(TopMemoryContext,
										  "vietnamese_fts user words",
										  ALLOCSET_SMALL_SIZES);
	MemoryContextReset(cache.cxt);
	cache.generation++;
	cache.synonyms = NULL;
	cache.nsynonyms = 0;
	if (cache.ulex != NULL)
	{
		vn_userlex_free(cache.ulex);
		cache.ulex = NULL;
	}
	cache.relid = relid;

	if (!OidIsValid(relid))
	{
		/* no table (yet); the relcache callback tells us when one appears */
		cache.valid = true;
		return;
	}

	initStringInfo(&sql);
	appendStringInfo(&sql, "SELECT word, canonical FROM %s.%s",
					 quote_identifier(get_namespace_name(get_rel_namespace(relid))),
					 quote_identifier(get_rel_name(relid)));

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (SPI_execute(sql.data, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not read Vietnamese user words");

	ulex = vn_userlex_create();
	if (ulex == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_OUT_OF_MEMORY),
				 errmsg("out of memory")));
	PG_TRY();
	{
		MemoryContext old = MemoryContextSwitchTo(cache.cxt);

		/* room for a joined form of every alias that is a code */
		if (SPI_processed > 0)
			cache.synonyms = palloc(sizeof(VnSynonym) * 2 * SPI_processed);
		MemoryContextSwitchTo(old);

		for (i = 0; i < SPI_processed; i++)
		{
			HeapTuple	tup = SPI_tuptable->vals[i];
			TupleDesc	desc = SPI_tuptable->tupdesc;
			char	   *word = SPI_getvalue(tup, desc, 1);
			char	   *canon = SPI_getvalue(tup, desc, 2);

			if (word == NULL)
				continue;
			vn_user_add(ulex, word);
			if (canon != NULL)
			{
				VnSynonym  *syn = &cache.synonyms[cache.nsynonyms++];
				int			len;
				char	   *joined;

				vn_user_add(ulex, canon);
				syn->alias = MemoryContextStrdup(cache.cxt,
												 vnfts_normalize_cstring(word));
				syn->canonical = MemoryContextStrdup(cache.cxt,
													 vnfts_normalize_cstring(canon));
				syn->joined = false;

				/* "tp.hcm" is also found as "tphcm", as indexed */
				len = strlen(syn->alias);
				joined = palloc(len + 1);
				len = vn_code_joined(syn->alias, len, joined);
				if (len >= 0)
				{
					VnSynonym  *j = &cache.synonyms[cache.nsynonyms++];

					joined[len] = '\0';
					j->alias = MemoryContextStrdup(cache.cxt, joined);
					j->canonical = syn->canonical;
					j->joined = true;
				}
				pfree(joined);
			}
		}
	}
	PG_CATCH();
	{
		vn_userlex_free(ulex);
		PG_RE_THROW();
	}
	PG_END_TRY();
	SPI_finish();

	if (cache.nsynonyms > 1)
	{
		int			n = 1;

		qsort(cache.synonyms, cache.nsynonyms, sizeof(VnSynonym),
			  vn_synonym_cmp);
		/* one entry per alias: the word given, else the first joined form */
		for (int k = 1; k < cache.nsynonyms; k++)
		{
			if (strcmp(cache.synonyms[k].alias,
					   cache.synonyms[n - 1].alias) != 0)
				cache.synonyms[n++] = cache.synonyms[k];
		}
		cache.nsynonyms = n;
	}
	cache.ulex = ulex;
	cache.valid = true;
}

/*
 * The user words for a parse that starts now.  The set is only rebuilt
 * when no parse is using it, so a tokenizer never sees it freed.
 */
const VnUserLex *
vnfts_user_lexicon_acquire(uint64 *generation)
{
	if (!cache.valid && cache.active == 0)
		vn_user_reload();
	cache.active++;
	*generation = cache.generation;
	return cache.ulex;
}

void
vnfts_user_lexicon_release(void)
{
	if (cache.active > 0)
		cache.active--;
}

static const char *
vn_synonym_find(const char *alias)
{
	int			lo = 0,
				hi = cache.nsynonyms - 1;

	while (lo <= hi)
	{
		int			mid = (lo + hi) / 2;
		int			c = strcmp(alias, cache.synonyms[mid].alias);

		if (c == 0)
			return cache.synonyms[mid].canonical;
		if (c < 0)
			hi = mid - 1;
		else
			lo = mid + 1;
	}
	return NULL;
}

/*
 * The canonical form for a normalized alias, or NULL.  A code is also
 * looked up written without its joiners, so that "TP.HCM" and "TP-HCM"
 * find the synonym given for "TPHCM" (and the alias table holds "tphcm"
 * for one given as "TP.HCM").
 */
const char *
vnfts_user_synonym(const char *norm, int len)
{
	const char *canon;
	char		buf[64];
	char	   *joined;
	int			jlen;

	/* ts_lexize() reaches us without a parse; refresh here too */
	if (!cache.valid && cache.active == 0)
		vn_user_reload();
	if (cache.nsynonyms == 0)
		return NULL;
	canon = vn_synonym_find(norm);
	if (canon != NULL)
		return canon;
	joined = len < (int) sizeof(buf) ? buf : palloc(len + 1);
	jlen = vn_code_joined(norm, len, joined);
	if (jlen >= 0)
	{
		joined[jlen] = '\0';
		canon = vn_synonym_find(joined);
	}
	if (joined != buf)
		pfree(joined);
	return canon;
}

/*
 * Normalize an entry and collapse its inner spaces, so that every spelling
 * of a word is one key.
 */
static char *
vn_user_key(const char *in)
{
	char	   *norm = vnfts_normalize_cstring(in);
	char	   *out = palloc(strlen(norm) + 1);
	char	   *o = out;
	const char *p = norm;
	const char *end = norm + strlen(norm);
	bool		space = false;

	while (p < end)
	{
		int			sl = vn_space_at(p, end - p);

		if (sl > 0 || *p == '\n' || *p == '\r')
		{
			space = (o != out);
			p += sl > 0 ? sl : 1;
			continue;
		}
		if (space)
			*o++ = ' ';
		space = false;
		*o++ = *p++;
	}
	*o = '\0';
	return out;
}

/* The text without leading and trailing white space (palloc'd). */
static char *
vn_trim(const char *s)
{
	const char *end = s + strlen(s);

	while (*s && (vn_space_at(s, end - s) > 0 || *s == '\n' || *s == '\r'))
		s += Max(vn_space_at(s, end - s), 1);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' ||
					   end[-1] == '\n' || end[-1] == '\r'))
		end--;
	return pnstrdup(s, end - s);
}

/*
 * How the parser sees an entry as typed: is it one token (a code such as
 * "TP.HCM", an acronym, a syllable), does it hold anything but words
 * (punctuation, symbols, emoji), and which is its first token that is not
 * made of letters (a number, code, date, ...: the segmenter never joins
 * those with syllables), or NULL; pass not_letters = NULL not to ask.
 */
static void
vn_entry_tokens(const char *text, bool *single, bool *has_punct,
				char **not_letters)
{
	VnTokenizer *tz = palloc(vn_tokenizer_size());
	VnToken		tok;
	int			ncontent = 0;
	size_t		len = strlen(text);

	*single = false;
	*has_punct = false;
	if (not_letters)
		*not_letters = NULL;
	vn_tokenizer_init(tz, vnfts_lexicon(), NULL, text, len);
	while (vn_tokenizer_next(tz, &tok))
	{
		if (tok.type == VN_TOK_PUNCT)
			*has_punct = true;
		else if (tok.type != VN_TOK_SPACE)
		{
			ncontent++;
			*single = (ncontent == 1 && tok.start == 0 && tok.len == len);
			if (not_letters && *not_letters == NULL &&
				tok.type != VN_TOK_WORD && tok.type != VN_TOK_SYLLABLE &&
				tok.type != VN_TOK_NAME && tok.type != VN_TOK_FOREIGN &&
				tok.type != VN_TOK_ACRONYM)
				*not_letters = pnstrdup(text + tok.start, tok.len);
		}
	}
	if (ncontent != 1)
		*single = false;
	pfree(tz);
}

/* The text in upper case (palloc'd), locale-independent, or NULL. */
static char *
vn_upper(const char *s)
{
	UErrorCode	status = U_ZERO_ERROR;
	UCaseMap   *csm = ucasemap_open("", 0, &status);
	int32_t		len = (int32_t) strlen(s);
	int32_t		cap = len + 1;
	int32_t		need = 0;
	char	   *out = palloc(cap);

	if (U_SUCCESS(status))
		need = ucasemap_utf8ToUpper(csm, out, cap, s, len, &status);
	if (status == U_BUFFER_OVERFLOW_ERROR)
	{
		/* a few letters grow in upper case ("ß" is "SS") */
		status = U_ZERO_ERROR;
		cap = need + 1;
		out = repalloc(out, cap);
		ucasemap_utf8ToUpper(csm, out, cap, s, len, &status);
	}
	ucasemap_close(csm);
	if (U_FAILURE(status) || status == U_STRING_NOT_TERMINATED_WARNING)
		return NULL;
	return out;
}

static void
vn_user_validate(const char *what, const char *as_typed, const char *key)
{
	VnUserLex  *probe;
	const char *err;
	bool		single,
				has_punct;
	char	   *not_letters;

	if (key[0] == '\0')
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("Vietnamese user %s must not be empty", what)));

	/*
	 * The parser sees the text as typed: "TP.HCM" is a code, "tp.hcm" is
	 * not.  Entries are matched without regard to case and stored in lower
	 * case, so a text whose upper case is one clean token is that token;
	 * this also lets the stored rows go back in (pg_restore, UPDATE).
	 */
	vn_entry_tokens(as_typed, &single, &has_punct, &not_letters);
	if (has_punct || !single)
	{
		char	   *upper = vn_upper(as_typed);
		bool		usingle,
					upunct;

		if (upper != NULL)
		{
			vn_entry_tokens(upper, &usingle, &upunct, NULL);
			if (usingle && !upunct)
			{
				single = true;
				has_punct = false;
			}
			pfree(upper);
		}
	}
	if (has_punct)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid Vietnamese user %s \"%s\": it contains punctuation or symbols",
						what, as_typed),
				 errhint("A user word is one token such as 'TP.HCM' or 'COVID-19', or 2 to %d syllables separated by spaces, such as 'sổ đỏ'.",
						 VN_MAX_WORD_SYLLABLES)));
	if (strchr(key, ' ') == NULL && single)
		return;
	if (not_letters != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid Vietnamese user %s \"%s\": \"%s\" is not a word of letters",
						what, as_typed, not_letters),
				 errdetail("Numbers, codes and dates are tokens of their own; the parser never joins them with syllables into one word."),
				 errhint("A user word is one token such as 'TP.HCM' or 'COVID-19', or 2 to %d syllables separated by spaces, such as 'sổ đỏ'.",
						 VN_MAX_WORD_SYLLABLES)));
	probe = vn_userlex_create();
	if (probe == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_OUT_OF_MEMORY),
				 errmsg("out of memory")));
	err = vn_userlex_add(probe, key, strlen(key));
	vn_userlex_free(probe);
	if (err != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid Vietnamese user %s \"%s\": %s", what, key, err),
				 errhint("A user word is one token such as 'TP.HCM' or 'COVID-19', or 2 to %d syllables separated by spaces, such as 'sổ đỏ'.",
						 VN_MAX_WORD_SYLLABLES)));
}

PG_FUNCTION_INFO_V1(vnfts_user_words_check);
PG_FUNCTION_INFO_V1(vnfts_user_words_changed);

/* BEFORE INSERT OR UPDATE FOR EACH ROW: validate and normalize. */
Datum
vnfts_user_words_check(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	TupleDesc	desc;
	HeapTuple	tuple;
	int			attnums[2];
	Datum		values[2];
	bool		nulls[2];
	bool		isnull;
	Datum		d;
	char	   *word;

	if (!CALLED_AS_TRIGGER(fcinfo) ||
		!TRIGGER_FIRED_BEFORE(trigdata->tg_event) ||
		!TRIGGER_FIRED_FOR_ROW(trigdata->tg_event))
		elog(ERROR, "vietnamese_user_words_check must be a BEFORE ROW trigger");

	vnfts_check_encoding();
	tuple = TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event) ?
		trigdata->tg_newtuple : trigdata->tg_trigtuple;
	desc = trigdata->tg_relation->rd_att;

	attnums[0] = SPI_fnumber(desc, "word");
	attnums[1] = SPI_fnumber(desc, "canonical");
	if (attnums[0] <= 0 || attnums[1] <= 0)
		elog(ERROR, "vietnamese_user_words lacks the word or canonical column");

	d = heap_getattr(tuple, attnums[0], desc, &isnull);
	if (isnull)
		ereport(ERROR,
				(errcode(ERRCODE_NOT_NULL_VIOLATION),
				 errmsg("Vietnamese user word must not be null")));
	word = TextDatumGetCString(d);
	values[0] = CStringGetTextDatum(vn_user_key(word));
	nulls[0] = false;
	vn_user_validate("word", vn_trim(word), TextDatumGetCString(values[0]));

	d = heap_getattr(tuple, attnums[1], desc, &isnull);
	nulls[1] = isnull;
	values[1] = (Datum) 0;
	if (!isnull)
	{
		char	   *canon_typed = TextDatumGetCString(d);
		char	   *canon = vn_user_key(canon_typed);

		vn_user_validate("synonym target", vn_trim(canon_typed), canon);
		if (strcmp(canon, TextDatumGetCString(values[0])) == 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("Vietnamese user word \"%s\" cannot be a synonym of itself",
							canon)));
		values[1] = CStringGetTextDatum(canon);
	}

	tuple = heap_modify_tuple_by_cols(tuple, desc, 2, attnums, values, nulls);
	return PointerGetDatum(tuple);
}

/* AFTER ... FOR EACH STATEMENT: tell every backend at commit. */
Datum
vnfts_user_words_changed(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;

	if (!CALLED_AS_TRIGGER(fcinfo))
		elog(ERROR, "vietnamese_user_words_changed must be called as a trigger");

	CacheInvalidateRelcache(trigdata->tg_relation);

	/*
	 * A cached plan may hold a tsquery folded from a constant with the old
	 * words (a prepared statement, a PL/pgSQL query).  An invalidation of
	 * pg_namespace makes every backend reset its plan cache at our commit,
	 * as a DDL change would; user words change rarely, so replanning is
	 * cheap next to a stale result.
	 */
	CacheInvalidateCatalog(NamespaceRelationId);
	PG_RETURN_POINTER(NULL);
}
