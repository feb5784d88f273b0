#!/bin/bash
#
# tests/bench/memory.sh DB OURS [N]
#	  Per-backend memory: for each group (no text search, simple, ours),
#	  open N connections that each ran one to_tsvector and then sit idle
#	  in pg_sleep, and read /proc/<pid>/smaps_rollup of their backends:
#	  Private_Clean + Private_Dirty (memory only that backend holds) and Pss
#	  (its share of everything it maps, shared pages split between users).
#	  Groups run one after the other so each sees the same neighbours.
#	  When a table news(body) is there (run.sh loads one), two more groups
#	  first index its first 500 articles, so that the tokenizer's syllable
#	  cache and the lexicon pages a backend touches are in the figure.
#	  Needs the server on this machine and permission to read its /proc
#	  entries (root, or the server's OS user); otherwise says SKIPPED.
#
set -euo pipefail

DB=${1:?usage: memory.sh DB OURS [N]}
OURS=${2:?usage: memory.sh DB OURS [N]}
N=${3:-20}

TEXT='Thủ tướng Nguyễn Xuân Phúc chủ trì phiên họp Chính phủ thường kỳ tháng 3 tại Hà Nội, bàn về giá xăng dầu và tăng trưởng kinh tế.'

echo
echo "== 4b. Memory per backend ($N idle connections per group, after one to_tsvector; kB) =="

# a long-lived server process to test access with
pid=$(psql -X -At -d "$DB" -c "SELECT pid FROM pg_stat_activity WHERE backend_type = 'checkpointer'")
if ! [ -r "/proc/$pid/smaps_rollup" ] || ! grep -q postgres "/proc/$pid/comm" 2>/dev/null; then
	echo "SKIPPED: cannot read /proc/<backend pid>/smaps_rollup (server not on this machine, or no permission)"
	exit 0
fi

tmp=$(mktemp -d)
clients=()
cleanup()
{
	psql -X -At -d "$DB" -c "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name LIKE 'vnbench_mem_%'" > /dev/null 2>&1 || true
	for c in "${clients[@]}"; do
		wait "$c" 2> /dev/null || true
	done
	clients=()
}
trap 'cleanup; rm -rf "$tmp"' EXIT

measure()
{
	local tag=$1 stmt=$2 i n pids
	for ((i = 1; i <= N; i++)); do
		PGAPPNAME="vnbench_mem_$tag" psql -X -q -d "$DB" -c "$stmt" -c "SELECT pg_sleep(300)" > /dev/null 2>&1 &
		clients+=($!)
	done
	# wait until all N sit in pg_sleep, i.e. have run the statement
	for ((i = 0; i < 300; i++)); do
		n=$(psql -X -At -d "$DB" -c "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'vnbench_mem_$tag' AND query LIKE '%pg_sleep%' AND state = 'active'")
		[ "$n" -ge "$N" ] && break
		sleep 0.1
	done
	pids=$(psql -X -At -d "$DB" -c "SELECT pid FROM pg_stat_activity WHERE application_name = 'vnbench_mem_$tag'")
	for p in $pids; do
		awk '/^Private_Clean:/ { pc = $2 } /^Private_Dirty:/ { pd = $2 } /^Pss:/ { pss = $2 }
			END { print pc + pd, pss }' "/proc/$p/smaps_rollup"
	done > "$tmp/$tag"
	psql -X -At -d "$DB" -c "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = 'vnbench_mem_$tag'" > /dev/null
	cleanup
}

measure none "SELECT 1"
measure simple "SELECT length(to_tsvector('simple', '$TEXT'))"
measure ours "SELECT length(to_tsvector('$OURS', '$TEXT'))"
have_news=$(psql -X -At -d "$DB" -c "SELECT to_regclass('news') IS NOT NULL")
if [ "$have_news" = t ]; then
	NEWS="FROM (SELECT body FROM news LIMIT 500) s"
	measure simple_news "SELECT sum(length(to_tsvector('simple', body))) $NEWS"
	measure ours_news "SELECT sum(length(to_tsvector('$OURS', body))) $NEWS"
fi

avg()
{
	awk -v k="$2" '{ s += $k; n++ } END { if (n) printf "%.0f", s / n; else print "n/a" }' "$1"
}

printf '%-22s %9s %14s %10s\n' group backends "private (avg)" "Pss (avg)"
printf '%-22s %9s %14s %10s\n' "no text search" "$(wc -l < "$tmp/none")" "$(avg "$tmp/none" 1)" "$(avg "$tmp/none" 2)"
printf '%-22s %9s %14s %10s\n' simple "$(wc -l < "$tmp/simple")" "$(avg "$tmp/simple" 1)" "$(avg "$tmp/simple" 2)"
printf '%-22s %9s %14s %10s\n' "$OURS" "$(wc -l < "$tmp/ours")" "$(avg "$tmp/ours" 1)" "$(avg "$tmp/ours" 2)"
printf '%-22s %9s %14s %10s\n' "ours - simple" "" \
	"$(awk -v a="$(avg "$tmp/ours" 1)" -v b="$(avg "$tmp/simple" 1)" 'BEGIN { printf "%+d", a - b }')" \
	"$(awk -v a="$(avg "$tmp/ours" 2)" -v b="$(avg "$tmp/simple" 2)" 'BEGIN { printf "%+d", a - b }')"
if [ "$have_news" = t ]; then
	echo "after indexing 500 news articles each:"
	printf '%-22s %9s %14s %10s\n' simple "$(wc -l < "$tmp/simple_news")" "$(avg "$tmp/simple_news" 1)" "$(avg "$tmp/simple_news" 2)"
	printf '%-22s %9s %14s %10s\n' "$OURS" "$(wc -l < "$tmp/ours_news")" "$(avg "$tmp/ours_news" 1)" "$(avg "$tmp/ours_news" 2)"
	printf '%-22s %9s %14s %10s\n' "ours - simple" "" \
		"$(awk -v a="$(avg "$tmp/ours_news" 1)" -v b="$(avg "$tmp/simple_news" 1)" 'BEGIN { printf "%+d", a - b }')" \
		"$(awk -v a="$(avg "$tmp/ours_news" 2)" -v b="$(avg "$tmp/simple_news" 2)" 'BEGIN { printf "%+d", a - b }')"
fi
