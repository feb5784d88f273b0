#!/bin/sh
# Model selection on held-out TRAINING data (never on dev.txt): every
# 10th line of train.txt + train-extra.txt (offset FOLD, default 0) is
# held out, the trainer learns from the rest, and word F1 is measured on
# the held-out lines, with and without diacritics.
#
#   tests/bench/seg_heldout.sh [epochs] [fold]   (from the repository root)
#   SHARED=... VIET74K=... TRAIN_OPTS="..." as in seg_accuracy.sh
#
# HOLDOUT=train holds out lines of train.txt only (the treebank whose
# convention defines a word here; train-extra.txt, from another project,
# splits and joins some words differently) and trains on the rest of it
# plus all of train-extra.txt, in that order, so that vn_train's -c
# (in TRAIN_OPTS) applies to the training part of train.txt.
set -e
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SHARED=${SHARED:-$ROOT/../shared}
VIET74K=${VIET74K:-/tmp/vntk/package/data/Viet74K.txt}
EPOCHS=${1:-6}
FOLD=${2:-0}
if [ ! -f "$SHARED/seg/train.txt" ] || [ ! -f "$VIET74K" ]; then
	echo "SKIP: gold data or word list not found (set SHARED=... VIET74K=...)"
	exit 0
fi
CC=${CC:-gcc}
CFLAGS="$EXTRA_CFLAGS -O2 -g -Wall -Wextra -Wno-unused-parameter -Werror -std=gnu99 $(pkg-config --cflags icu-uc icu-i18n) -I$ROOT/extension"
LIBS="$(pkg-config --libs icu-uc icu-i18n) -lm"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
CORE="${SCAN_DIR:-$ROOT/extension}/vnutf8.c $ROOT/extension/vnnorm.c ${SCAN_DIR:-$ROOT/extension}/vnscan.c $ROOT/extension/vnlexicon.c $ROOT/extension/vnsegment.c"
for t in seg_accuracy; do
	$CC $CFLAGS -o "$TMP/$t" "$ROOT/tests/bench/$t.c" $CORE $LIBS
done
for t in vn_lexcompile vn_train; do
	$CC $CFLAGS -o "$TMP/$t" "$ROOT/extension/tools/$t.c" $CORE $LIBS
done
if [ "${HOLDOUT:-all}" = train ]; then
	grep -v '^[[:space:]]*$' "$SHARED/seg/train.txt" |
		awk -v f="$FOLD" -v tr="$TMP/tr.txt" -v ho="$TMP/ho.txt" \
			'{ if (NR % 10 == f) print > ho; else print > tr }'
	grep -v '^[[:space:]]*$' "$SHARED/seg/train-extra.txt" > "$TMP/tr2.txt"
else
	cat "$SHARED/seg/train.txt" "$SHARED/seg/train-extra.txt" | grep -v '^[[:space:]]*$' |
		awk -v f="$FOLD" -v tr="$TMP/tr.txt" -v ho="$TMP/ho.txt" \
			'{ if (NR % 10 == f) print > ho; else print > tr }'
	: > "$TMP/tr2.txt"
fi
mkdir "$TMP/model"
"$TMP/vn_train" -e "$EPOCHS" $TRAIN_OPTS -w "$VIET74K" -o "$TMP/model" "$TMP/tr.txt" "$TMP/tr2.txt" 2>/dev/null
"$TMP/vn_lexcompile" -o "$TMP/lex" -m "$TMP/model" "$VIET74K" extension/data/vietnamese.words 2>/dev/null
echo "epochs $EPOCHS fold $FOLD $(wc -l < "$TMP/model/weights.txt") weights"
"$TMP/seg_accuracy" "$TMP/lex" "$TMP/ho.txt" | sed 's/^[^:]*: //'
"$TMP/seg_accuracy" -s "$TMP/lex" "$TMP/ho.txt" | sed 's/^[^:]*: //'
