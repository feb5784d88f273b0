/*
 * tap.h
 *	  Minimal TAP output for the core unit tests (read by prove and by
 *	  tests/check.sh).
 */
#ifndef VN_TAP_H
#define VN_TAP_H

#include <stdio.h>
#include <string.h>

static int	tap_n = 0;
static int	tap_failed = 0;

#define ok(cond, ...) \
	do { \
		tap_n++; \
		if (cond) \
			printf("ok %d - ", tap_n); \
		else \
		{ \
			tap_failed++; \
			printf("not ok %d - ", tap_n); \
		} \
		printf(__VA_ARGS__); \
		printf("\n"); \
	} while (0)

#define is_str(got, gotlen, want, ...) \
	do { \
		int _eq = ((size_t) (gotlen) == strlen(want) && \
				   memcmp((got), (want), strlen(want)) == 0); \
		ok(_eq, __VA_ARGS__); \
		if (!_eq) \
			printf("#   got: '%.*s'\n#  want: '%s'\n", (int) (gotlen), (got), (want)); \
	} while (0)

static int
tap_done(void)
{
	printf("1..%d\n", tap_n);
	if (tap_failed)
		printf("# %d of %d failed\n", tap_failed, tap_n);
	return tap_failed ? 1 : 0;
}

#endif
