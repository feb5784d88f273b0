#!/bin/sh
# Word segmentation accuracy on the gold dev set, with and without
# diacritics.  Builds the core and (unless VN_LEXICON names one) the
# lexicon from VIET74K + extension/data/model into a temporary directory.
#
#   tests/bench/seg_accuracy.sh            (from the repository root)
#   SHARED=/path/to/shared VIET74K=/path/Viet74K.txt tests/bench/seg_accuracy.sh
set -e
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SHARED=${SHARED:-$ROOT/../shared}
VIET74K=${VIET74K:-/tmp/vntk/package/data/Viet74K.txt}
DEV=$SHARED/seg/dev.txt
if [ ! -f "$DEV" ]; then
	echo "SKIP: gold data $DEV not found (set SHARED=...)"
	exit 0
fi
CC=${CC:-gcc}
CFLAGS="-O2 -g -Wall -Wextra -Wno-unused-parameter -Werror -std=gnu99 $(pkg-config --cflags icu-uc icu-i18n) -I$ROOT/extension"
LIBS="$(pkg-config --libs icu-uc icu-i18n) -lm"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
CORE="$ROOT/extension/vnutf8.c $ROOT/extension/vnnorm.c $ROOT/extension/vnscan.c $ROOT/extension/vnlexicon.c $ROOT/extension/vnsegment.c"
$CC $CFLAGS -o "$TMP/seg_accuracy" "$ROOT/tests/bench/seg_accuracy.c" $CORE $LIBS
LEX=${VN_LEXICON:-}
if [ -z "$LEX" ]; then
	if [ ! -f "$VIET74K" ]; then
		echo "SKIP: word list $VIET74K not found (set VIET74K=... or VN_LEXICON=...)"
		exit 0
	fi
	$CC $CFLAGS -o "$TMP/vn_lexcompile" "$ROOT/extension/tools/vn_lexcompile.c" $CORE $LIBS
	LEX=$TMP/vietnamese.lex
	"$TMP/vn_lexcompile" -o "$LEX" -m "$ROOT/extension/data/model" "$VIET74K"
fi
echo "baseline (every syllable a word):"
"$TMP/seg_accuracy" -n "$LEX" "$DEV"
echo "segmenter:"
"$TMP/seg_accuracy" "$LEX" "$DEV"
"$TMP/seg_accuracy" -s "$LEX" "$DEV"
