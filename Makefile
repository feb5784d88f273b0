# Makefile for vietnamese_fts (PGXS)
#
#   make                      build the module and the compiled lexicon
#   make install              install into the PostgreSQL found by pg_config
#   make installcheck         pg_regress tests against a running server
#   make unit                 core unit tests (no PostgreSQL needed)
#   make unit-sanitize        the same under AddressSanitizer + UBSan
#   make fuzz                 a short libFuzzer run over the core
#
# The base word list (Viet74K.txt from the MIT-licensed npm package
# @vntk/dictionary) is fetched with npm and checked against a pinned
# SHA-512; build offline from a local copy with LEXICON=/path/to/words.txt.

EXTENSION = vietnamese_fts
MODULE_big = vietnamese_fts

CORE_SRCS = extension/vnutf8.c extension/vnnorm.c extension/vnscan.c \
	extension/vnlexicon.c extension/vnsegment.c
GLUE_SRCS = extension/vietnamese_fts.c extension/vnparser.c \
	extension/vndict.c extension/vnuser.c extension/vnheadline.c \
	extension/vnwebsearch.c
OBJS = $(CORE_SRCS:.c=.o) $(GLUE_SRCS:.c=.o)
PGFILEDESC = "vietnamese_fts - Vietnamese full-text search"

DATA = extension/vietnamese_fts--0.1.0.sql extension/vietnamese_fts--0.1.0--0.2.0.sql \
	extension/vietnamese_fts--0.2.0--0.3.0.sql extension/vietnamese_fts--0.3.0--0.4.0.sql \
	extension/vietnamese_fts--0.4.0--0.5.0.sql extension/vietnamese_fts--0.5.0--0.6.0.sql \
	extension/vietnamese_fts--0.6.0--0.7.0.sql extension/vietnamese_fts--0.7.0--0.8.0.sql
DATA_TSEARCH = extension/data/vietnamese.stop build/vietnamese.lex

REGRESS = setup parser dictionary matching headline userwords layout hostile security websearch
REGRESS_OPTS = --encoding=UTF8 --no-locale

ICU_CFLAGS := $(shell pkg-config --cflags icu-uc icu-i18n 2>/dev/null)
ICU_LIBS := $(shell pkg-config --libs icu-uc icu-i18n 2>/dev/null || echo -licui18n -licuuc -licudata) -lm

PG_CPPFLAGS = -Iextension $(ICU_CFLAGS)
PG_CFLAGS = -Wall -Werror
SHLIB_LINK = $(ICU_LIBS)
EXTRA_CLEAN = build

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# PGXS knows nothing of our headers
$(OBJS) $(OBJS:.o=.bc): extension/vncore.h extension/vietnamese_fts.h

# ---------------------------------------------------------------------------
# The compiled lexicon
# ---------------------------------------------------------------------------

VNTK_PKG = @vntk/dictionary@1.0.0
VNTK_TGZ = build/vntk-dictionary-1.0.0.tgz
VNTK_SHA512 = 293e5bf290e353da4dae405f3b0cfa48952b0b055cd51dd978553b02b6b8c5a3595cc50c508edd0fd768dd0c53f999a86c151b05de8e255093a4ff3de00c1fc5
LEXICON ?= build/Viet74K.txt
MODEL_FILES = $(wildcard extension/data/model/*)
# our own additions to the base word list (see the file)
EXTRA_WORDS = extension/data/vietnamese.words

HOST_CC ?= $(CC)
HOST_CFLAGS = -O2 -g -Wall -Wextra -Wno-unused-parameter -Werror -std=gnu99 \
	-Iextension $(ICU_CFLAGS)
CORE_HDRS = extension/vncore.h

all: build/vietnamese.lex

$(VNTK_TGZ):
	@mkdir -p build
	cd build && npm pack --silent $(VNTK_PKG) > /dev/null
	@echo "$(VNTK_SHA512)  $@" | sha512sum -c --quiet - || \
		{ echo "$@: SHA-512 does not match the pinned value" >&2; rm -f $@; exit 1; }

build/Viet74K.txt: $(VNTK_TGZ)
	tar -xzOf $< package/data/Viet74K.txt > $@.tmp
	mv $@.tmp $@

build/vn_lexcompile: extension/tools/vn_lexcompile.c $(CORE_SRCS) $(CORE_HDRS)
	@mkdir -p build
	$(HOST_CC) $(HOST_CFLAGS) -o $@ $< $(CORE_SRCS) $(ICU_LIBS)

# the segmenter's trainer: a developer tool, not run by the build
build/vn_train: extension/tools/vn_train.c $(CORE_SRCS) $(CORE_HDRS)
	@mkdir -p build
	$(HOST_CC) $(HOST_CFLAGS) -o $@ $< $(CORE_SRCS) $(ICU_LIBS)

# the pairs and names to keep whole without diacritics or in lowercase: a
# developer tool too
build/vn_foldjoins: extension/tools/vn_foldjoins.c $(CORE_SRCS) $(CORE_HDRS)
	@mkdir -p build
	$(HOST_CC) $(HOST_CFLAGS) -o $@ $< $(CORE_SRCS) $(ICU_LIBS)

# the core tokenizer's speed on news text (tests/bench/seg_speed.c)
build/seg_speed: tests/bench/seg_speed.c $(CORE_SRCS) $(CORE_HDRS)
	@mkdir -p build
	$(HOST_CC) $(HOST_CFLAGS) -o $@ $< $(CORE_SRCS) $(ICU_LIBS)

build/vietnamese.lex: build/vn_lexcompile $(LEXICON) $(EXTRA_WORDS) $(MODEL_FILES)
	build/vn_lexcompile -o $@.tmp -m extension/data/model $(LEXICON) $(EXTRA_WORDS)
	mv $@.tmp $@

# ---------------------------------------------------------------------------
# Core tests without PostgreSQL
# ---------------------------------------------------------------------------

UNIT_TESTS = $(patsubst tests/unit/%.c,build/unit/%,$(wildcard tests/unit/test_*.c))
UNIT_SAN_TESTS = $(patsubst tests/unit/%.c,build/unit-san/%,$(wildcard tests/unit/test_*.c))
SAN_CC ?= clang
SAN_FLAGS = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
	-fno-sanitize-recover=all

build/unit/%: tests/unit/%.c $(CORE_SRCS) $(CORE_HDRS)
	@mkdir -p build/unit
	$(HOST_CC) $(HOST_CFLAGS) -Itests/unit -o $@ $< $(CORE_SRCS) $(ICU_LIBS)

build/unit-san/%: tests/unit/%.c $(CORE_SRCS) $(CORE_HDRS)
	@mkdir -p build/unit-san
	$(SAN_CC) $(HOST_CFLAGS) $(SAN_FLAGS) -Itests/unit -o $@ $< $(CORE_SRCS) $(ICU_LIBS)

unit: $(UNIT_TESTS) build/vietnamese.lex
	@set -e; for t in $(UNIT_TESTS); do echo "# $$t"; VN_LEXICON=build/vietnamese.lex $$t; done

unit-sanitize: $(UNIT_SAN_TESTS) build/vietnamese.lex
	@set -e; for t in $(UNIT_SAN_TESTS); do echo "# $$t"; \
		VN_LEXICON=build/vietnamese.lex ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 $$t; done

FUZZ_SECONDS ?= 60

build/fuzz_core: tests/fuzz/fuzz_core.c $(CORE_SRCS) $(CORE_HDRS)
	@mkdir -p build
	clang $(HOST_CFLAGS) -fsanitize=fuzzer,address,undefined -o $@ $< $(CORE_SRCS) $(ICU_LIBS)

fuzz: build/fuzz_core build/vietnamese.lex
	@mkdir -p build/fuzz-corpus
	VN_LEXICON=build/vietnamese.lex build/fuzz_core -max_total_time=$(FUZZ_SECONDS) \
		-max_len=4096 -print_final_stats=1 -artifact_prefix=build/ \
		build/fuzz-corpus tests/fuzz/seeds

.PHONY: unit unit-sanitize fuzz
