#!/bin/bash
# tests/check.sh: build, install and run every test of vietnamese_fts:
# core unit tests (plain and under ASan+UBSan), a short fuzz run, pg_regress
# in a throwaway cluster, and the TAP tests.  Ends with "N passed, N failed"
# and exits non-zero if anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

sh tests/setup.sh || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }

PGBIN=/usr/lib/postgresql/15/bin
export PG_CONFIG=$PGBIN/pg_config
passed=0
failed=0
skipped=0
failures=()

record() {					# record NAME STATUS
	if [ "$2" -eq 0 ]; then
		passed=$((passed + 1))
		echo "--- pass: $1"
	else
		failed=$((failed + 1))
		failures+=("$1")
		echo "--- FAIL: $1"
	fi
}

# 1. core unit tests, each binary is one test
echo "=== core unit tests"
make -s build/vietnamese.lex || record "build lexicon" 1
for src in tests/unit/test_*.c; do
	t=$(basename "$src" .c)
	make -s "build/unit/$t" && VN_LEXICON=build/vietnamese.lex "build/unit/$t" > "build/unit/$t.log" 2>&1
	st=$?
	grep -E "^not ok|^# " "build/unit/$t.log" | head -20
	record "unit/$t" $st
done

# 2. the same under AddressSanitizer + UndefinedBehaviorSanitizer
echo "=== core unit tests under ASan+UBSan"
for src in tests/unit/test_*.c; do
	t=$(basename "$src" .c)
	make -s "build/unit-san/$t" &&
		VN_LEXICON=build/vietnamese.lex ASAN_OPTIONS=detect_leaks=1 \
		UBSAN_OPTIONS=print_stacktrace=1 "build/unit-san/$t" > "build/unit-san/$t.log" 2>&1
	st=$?
	grep -E "^not ok|ERROR|runtime error" "build/unit-san/$t.log" | head -20
	record "sanitize/$t" $st
done

# 3. a short fuzz run of the core (the README documents a long one)
if [ -f tests/fuzz/fuzz_core.c ]; then
	echo "=== fuzz (${FUZZ_SECONDS:-60} s)"
	make -s fuzz FUZZ_SECONDS="${FUZZ_SECONDS:-60}" > build/fuzz.log 2>&1
	st=$?
	grep -E "stat::number_of_executed_units|ERROR|SUMMARY" build/fuzz.log
	record "fuzz/fuzz_core" $st
fi

# 3b. segmentation accuracy on the gold dev set, when ../shared is present:
# word F1 must stay at or above issue 3's target (95.5%), and the
# diacritic-stripped score must not regress (93.72%; 93.63% with folded
# joins counted in all their occurrences, 93.48% with that and the first of
# two folded joins in a row kept whole, 93.22% without the folded joins)
SEG_F1_FLOOR=${SEG_F1_FLOOR:-95.5}
SEG_F1_STRIPPED_FLOOR=${SEG_F1_STRIPPED_FLOOR:-93.65}
if [ -f ../shared/seg/dev.txt ]; then
	echo "=== segmentation accuracy (floors: $SEG_F1_FLOOR, stripped $SEG_F1_STRIPPED_FLOOR)"
	VN_LEXICON=build/vietnamese.lex sh tests/bench/seg_accuracy.sh > build/seg_accuracy.log 2>&1
	st=$?
	cat build/seg_accuracy.log | grep "F1"
	f1=$(grep -v "stripped" build/seg_accuracy.log | grep "F1" | tail -1 | sed 's/.*F1 \([0-9.]*\)%.*/\1/')
	f1s=$(grep "stripped" build/seg_accuracy.log | sed 's/.*F1 \([0-9.]*\)%.*/\1/')
	awk -v a="$f1" -v b="$SEG_F1_FLOOR" 'BEGIN { exit !(a != "" && a + 0 >= b + 0) }' || st=1
	record "accuracy/dev-f1 ($f1 >= $SEG_F1_FLOOR)" $st
	st=0
	awk -v a="$f1s" -v b="$SEG_F1_STRIPPED_FLOOR" 'BEGIN { exit !(a != "" && a + 0 >= b + 0) }' || st=1
	record "accuracy/dev-f1-stripped ($f1s >= $SEG_F1_STRIPPED_FLOOR)" $st
else
	echo "=== segmentation accuracy: ../shared/seg/dev.txt not present, not run"
fi

# 3c. the same titles with and without diacritics: how much of the
# segmentation survives stripping them (95.73%; 95.33% with folded joins
# counted in all their occurrences, 93.56% without the folded joins of
# extension/data/model/folded_joins.txt), and lowercasing them as queries
# are typed (94.56% without diacritics, 98.49% with them; 93.21% and 97.36%
# without the foreign names of name_words.txt, 90.92% and 94.77% without
# any of its names)
SEG_FOLD_FLOOR=${SEG_FOLD_FLOOR:-95.5}
SEG_LOWER_FLOOR=${SEG_LOWER_FLOOR:-94.2}
SEG_LOWER_MARKED_FLOOR=${SEG_LOWER_MARKED_FLOOR:-98.2}
if [ -f ../shared/corpus/news.tsv.gz ]; then
	echo "=== segmentation kept without diacritics and in lowercase (floors: $SEG_FOLD_FLOOR, lowercase $SEG_LOWER_FLOOR, lowercase with diacritics $SEG_LOWER_MARKED_FLOOR)"
	VN_LEXICON=build/vietnamese.lex sh tests/bench/seg_fold_agreement.sh > build/seg_fold.log 2>&1
	fst=$?
	cat build/seg_fold.log
	# the row that starts with label, its F1 at or above floor
	fold_row() {
		st=$fst
		f1=$(grep "^$1:" build/seg_fold.log | sed 's/.*F1 \([0-9.]*\)%.*/\1/')
		awk -v a="$f1" -v b="$3" 'BEGIN { exit !(a != "" && a + 0 >= b + 0) }' || st=1
		record "accuracy/$2 ($f1 >= $3)" $st
	}
	fold_row "as written" titles-without-diacritics "$SEG_FOLD_FLOOR"
	fold_row "lowercased" titles-lowercase-without-diacritics "$SEG_LOWER_FLOOR"
	fold_row "lowercased, with diacritics" titles-lowercase "$SEG_LOWER_MARKED_FLOOR"
else
	echo "=== segmentation kept without diacritics and in lowercase: ../shared/corpus/news.tsv.gz not present, not run"
fi

# 4. pg_regress in a throwaway cluster; each test file is one test
echo "=== pg_regress"
pg_virtualenv -t -v 15 make -s installcheck > build/regress.log 2>&1
st=$?
grep -E "^(test| ) *[a-z_]+ +\.\.\. " build/regress.log || cat build/regress.log | tail -20
while read -r name; do record "regress/$name" 0; done < <(grep -E "\.\.\. ok" build/regress.log | awk '{print ($1=="test") ? $2 : $1}')
while read -r name; do record "regress/$name" 1; done < <(grep -E "\.\.\. FAILED" build/regress.log | awk '{print ($1=="test") ? $2 : $1}')
if [ $st -ne 0 ]; then
	[ -f regression.diffs ] && head -100 regression.diffs
	grep -qE "\.\.\. FAILED" build/regress.log || record "regress/run" 1
fi

# 5. TAP tests (PostgreSQL::Test::Cluster); initdb refuses root, so as root
# they run as the postgres user from a copy of tests/.
echo "=== TAP"
work=$(mktemp -d /tmp/vnfts-tap.XXXXXX)
cp -r tests/tap tests/data README.md "$work/"
tapenv=(env PERL5LIB=/usr/lib/postgresql/15/lib/pgxs/src/test/perl
	PATH="$PGBIN:$PATH" TESTDIR="$work" PG_REGRESS=/usr/lib/postgresql/15/lib/pgxs/src/test/regress/pg_regress)
if [ "$(id -u)" -eq 0 ]; then
	chown -R postgres: "$work"
	tapenv=(runuser -u postgres -- "${tapenv[@]}")
fi
for t in tests/tap/*.pl; do
	[ -e "$t" ] || continue
	name=$(basename "$t")
	(cd "$work" && "${tapenv[@]}" prove -v "tap/$name") > "build/tap-$name.log" 2>&1
	st=$?
	grep -E "^(not ok|# )" "build/tap-$name.log" | head -20
	tail -3 "build/tap-$name.log"
	if [ $st -eq 0 ] && grep -q "skipped:" "build/tap-$name.log"; then
		skipped=$((skipped + 1))
		echo "--- skipped: tap/$name ($(grep -o 'skipped:.*' "build/tap-$name.log" | head -1))"
		continue
	fi
	record "tap/$name" $st
done
# checks that need root: they replace or add files in tsearch_data
for t in tests/tap/*.sh; do
	[ -e "$t" ] || continue
	[ "$(basename "$t")" = rootlib.sh ] && continue		# sourced by the others
	bash "$t" > "build/tap-$(basename "$t").log" 2>&1
	st=$?
	grep -E "^not ok" "build/tap-$(basename "$t").log"
	record "tap/$(basename "$t")" $st
done
rm -rf "$work"

echo
if [ $failed -gt 0 ]; then
	printf 'failed: %s\n' "${failures[@]}"
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ $failed -eq 0 ]
