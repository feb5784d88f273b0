#!/bin/sh
# How much of its segmentation text keeps once typed without diacritics:
# the titles of the news articles that tools/vn_foldjoins did not read
# (lines 30,174 on of the shared corpus) are segmented as written, the
# result taken as gold, and word F1 measured on the same titles with their
# diacritics stripped, as written and lowercased (as queries are typed),
# and lowercased with their diacritics.
#
#   tests/bench/seg_fold_agreement.sh     (from the repository root)
#   SHARED=... VN_LEXICON=... (default build/vietnamese.lex)
set -e
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SHARED=${SHARED:-$ROOT/../shared}
LEX=${VN_LEXICON:-$ROOT/build/vietnamese.lex}
NEWS=$SHARED/corpus/news.tsv.gz
FIRST=${FIRST:-30174}
if [ ! -f "$NEWS" ] || [ ! -f "$LEX" ]; then
	echo "SKIP: $NEWS or $LEX not found (set SHARED=... VN_LEXICON=...)"
	exit 0
fi
CC=${CC:-gcc}
CFLAGS="-O2 -Wall -Wextra -Wno-unused-parameter -Werror -std=gnu99 $(pkg-config --cflags icu-uc icu-i18n) -I$ROOT/extension"
LIBS="$(pkg-config --libs icu-uc icu-i18n) -lm"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
CORE="$ROOT/extension/vnutf8.c $ROOT/extension/vnnorm.c $ROOT/extension/vnscan.c $ROOT/extension/vnlexicon.c $ROOT/extension/vnsegment.c"
for t in seg_accuracy seg_titles; do
	$CC $CFLAGS -o "$TMP/$t" "$ROOT/tests/bench/$t.c" $CORE $LIBS
done
gunzip -c "$NEWS" > "$TMP/news.tsv"
"$TMP/seg_titles" -f "$FIRST" "$LEX" "$TMP/news.tsv" > "$TMP/titles.txt"
"$TMP/seg_titles" -l -f "$FIRST" "$LEX" "$TMP/news.tsv" > "$TMP/titles-lower.txt"
echo "titles from line $FIRST: $(wc -l < "$TMP/titles.txt")"
printf "as written:  "
"$TMP/seg_accuracy" -s "$LEX" "$TMP/titles.txt" | sed 's/^[^:]*: //'
printf "lowercased:  "
"$TMP/seg_accuracy" -s "$LEX" "$TMP/titles-lower.txt" | sed 's/^[^:]*: //'
printf "lowercased, with diacritics:  "
"$TMP/seg_accuracy" "$LEX" "$TMP/titles-lower.txt" | sed 's/^[^:]*: //'
