/*-------------------------------------------------------------------------
 *
 * vietnamese_fts.h
 *	  Declarations shared by the PostgreSQL glue of vietnamese_fts.
 *
 *-------------------------------------------------------------------------
 */
#ifndef VIETNAMESE_FTS_H
#define VIETNAMESE_FTS_H

#include "vncore.h"

/* vietnamese_fts.c */
extern void vnfts_check_encoding(void);
extern const VnLexicon *vnfts_lexicon(void);
extern VnTokenizer *vnfts_tokenizer_start(const char *text, size_t len);
extern void vnfts_tokenizer_finish(VnTokenizer *tz);
extern char *vnfts_normalize_cstring(const char *s);
extern char *vnfts_normalize(const char *s, int len, int *outlen);

/* vnuser.c */
extern void vnfts_user_init(void);
extern const VnUserLex *vnfts_user_lexicon_acquire(uint64 *generation);
extern void vnfts_user_lexicon_release(void);
extern const char *vnfts_user_synonym(const char *norm, int len);

#endif							/* VIETNAMESE_FTS_H */
