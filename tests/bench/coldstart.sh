#!/bin/bash
#
# tests/bench/coldstart.sh DB OURS [N]
#	  Cold start: N new connections per configuration (interleaved), each
#	  running its first to_tsvector.  Reports, as medians over the
#	  connections:
#	    connect->result: server time from backend start to the end of the
#	                     first to_tsvector (pg_stat_activity.backend_start)
#	    first call:      time of that first to_tsvector statement alone
#	    client wall:     psql start to exit, as a client would see it
#	  and ours minus simple: what loading our parser and dictionaries costs
#	  each new backend.  Uses the PG* environment like psql.
#
set -euo pipefail

DB=${1:?usage: coldstart.sh DB OURS [N]}
OURS=${2:?usage: coldstart.sh DB OURS [N]}
N=${3:-20}

TEXT='Thủ tướng Nguyễn Xuân Phúc chủ trì phiên họp Chính phủ thường kỳ tháng 3 tại Hà Nội, bàn về giá xăng dầu và tăng trưởng kinh tế.'
STAMP="SELECT round((1000 * extract(epoch FROM clock_timestamp() - backend_start))::numeric, 3) FROM pg_stat_activity WHERE pid = pg_backend_pid()"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

now_ms()
{
	local ns
	ns=$(date +%s%N)
	echo "$((ns / 1000))" | awk '{ printf "%.3f", $1 / 1000 }'
}

for ((i = 1; i <= N; i++)); do
	for cfg in simple "$OURS"; do
		t0=$(now_ms)
		out=$(psql -X -At -d "$DB" \
			-c "$STAMP" \
			-c "SELECT length(to_tsvector('$cfg', '$TEXT'))" \
			-c "$STAMP")
		t1=$(now_ms)
		# out: stamp before, lexeme count, stamp after
		echo "$out" | awk -v t0="$t0" -v t1="$t1" 'NR == 1 { a = $1 } NR == 3 { b = $1 }
			END { printf "%.3f %.3f %.3f\n", b, b - a, t1 - t0 }' >> "$tmp/$cfg"
	done
done

med()
{
	# median of column $2 of file $1
	cut -d' ' -f"$2" "$1" | sort -g | awk '{ v[NR] = $1 }
		END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

echo
echo "== 4a. Cold start: first to_tsvector on a new connection (median of $N connections, ms) =="
printf '%-18s %16s %12s %12s\n' config "connect->result" "first call" "client wall"
for cfg in simple "$OURS"; do
	printf '%-18s %16s %12s %12s\n' "$cfg" "$(med "$tmp/$cfg" 1)" "$(med "$tmp/$cfg" 2)" "$(med "$tmp/$cfg" 3)"
done
declare -a d
for k in 1 2 3; do
	a=$(med "$tmp/$OURS" "$k")
	b=$(med "$tmp/simple" "$k")
	d[k]=$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%+.3f", a - b }')
done
printf '%-18s %16s %12s %12s\n' "ours - simple" "${d[1]}" "${d[2]}" "${d[3]}"
