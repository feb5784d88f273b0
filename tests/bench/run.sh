#!/bin/bash
#
# tests/bench/run.sh
#	  Run the vietnamese_fts benchmark suite: our text search configuration
#	  and the built-in simple one, side by side, in one run.  Nothing here is
#	  pass/fail; it prints tables of times, sizes, ratios and ranking quality.
#
#	  Use a throwaway cluster, e.g. (as root):
#	    pg_virtualenv -t -v 15 bash tests/bench/run.sh [options]
#	  pg_virtualenv sets the PG* variables psql reads; any other server works
#	  too if PGHOST/PGPORT/PGUSER point at it (a superuser: CREATE EXTENSION).
#
#	  Options:
#	    --quick          10% of the news corpus, 100 of the 500 questions
#	    --config NAME    configuration to compare (default: vietnamese, from
#	                     CREATE EXTENSION vietnamese_fts; when that cannot be
#	                     installed, simple_unaccent stands in and it says so)
#	    --data DIR       shared data directory (default: ../shared next to
#	                     the repository, or $VNFTS_BENCH_DATA)
#	    --only LIST      comma-separated subset of:
#	                     throughput,gin,search,coldstart,memory,retrieval
#	    --reps N         repetitions for throughput and GIN builds (default 3)
#	    --qreps N        timed runs per search query (default 5)
#	    --query-config C also search and rank with the queries and questions
#	                     parsed by configuration C (e.g. vietnamese_query),
#	                     against the same tables and passages as ours
#	    --tsv-storage S  storage of the tsvector column in gin/search tables:
#	                     extended (PostgreSQL's default), main (compressed
#	                     in the row; see the README's tuning notes) or
#	                     external
#	    --conns N        connections for cold start and memory (default 20)
#	    --jobs N         concurrent sessions for the ranking (default: cores)
#	    --db NAME        database to (re)create (default vnfts_bench)
#	    --log FILE       also write the report here (default /tmp/vnfts-bench-<time>.log)
#
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)

QUICK=0
CONFIG=""
DATA=${VNFTS_BENCH_DATA:-$repo/../shared}
ONLY="throughput,gin,search,coldstart,memory,retrieval"
REPS=3
QREPS=5
STORAGE=extended
QCFG=""
CONNS=20
JOBS=$(nproc 2> /dev/null || echo 2)
DB=vnfts_bench
LOG=/tmp/vnfts-bench-$(date +%Y%m%d-%H%M%S).log

usage()
{
	sed -n '/^#	  Options:/,/^set -euo/p' "$0" | sed -e '$d' -e 's/^#//'
	exit "${1:-0}"
}

while [ $# -gt 0 ]; do
	case "$1" in
		--quick) QUICK=1 ;;
		--config) CONFIG=$2; shift ;;
		--data) DATA=$2; shift ;;
		--only) ONLY=$2; shift ;;
		--reps) REPS=$2; shift ;;
		--qreps) QREPS=$2; shift ;;
		--conns) CONNS=$2; shift ;;
		--jobs) JOBS=$2; shift ;;
		--tsv-storage) STORAGE=$2; shift ;;
		--query-config) QCFG=$2; shift ;;
		--db) DB=$2; shift ;;
		--log) LOG=$2; shift ;;
		-h|--help) usage 0 ;;
		*) echo "unknown option: $1" >&2; usage 1 ;;
	esac
	shift
done

case $STORAGE in
	extended | main | external) ;;
	*) echo "--tsv-storage: extended, main or external, not '$STORAGE'" >&2; exit 1 ;;
esac

want()
{
	case ",$ONLY," in *",$1,"*) return 0 ;; esac
	return 1
}
# search uses the tables gin builds
if want search && ! want gin; then
	ONLY="$ONLY,gin"
fi

exec > >(tee "$LOG") 2>&1

PSQL=(psql -X -q -v ON_ERROR_STOP=1 -d "$DB")
t_start=$(date +%s)

# A failed benchmark is reported and the others still run.
nfailed=0
failed()
{
	echo "*** FAILED: $1 (see the error above)"
	nfailed=$((nfailed + 1))
}

stage()
{
	echo
	echo "-- $1 ($(date +%T), $(($(date +%s) - t_start)) s into the run)"
}

if ! psql -X -At -d postgres -c "SELECT 1" > /dev/null 2>&1; then
	echo "ERROR: cannot connect with psql; run under pg_virtualenv or set PGHOST/PGPORT/PGUSER." >&2
	exit 1
fi

echo "vietnamese_fts benchmarks, $(date '+%Y-%m-%d %H:%M %Z')"
echo "machine: $(uname -srm); $(grep -m1 'model name' /proc/cpuinfo 2> /dev/null | sed 's/.*: //'); $(nproc) cores; $(awk '/MemTotal/ { printf "%.1f GB RAM", $2 / 1048576 }' /proc/meminfo)"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "server: $(psql -X -At -d postgres -c 'SELECT version()')"
echo "shared_buffers: $(psql -X -At -d postgres -c 'SHOW shared_buffers'); tsvector column storage: $STORAGE"
[ $QUICK = 1 ] && echo "mode: --quick (10% of the corpus, 100 questions): not comparable with full runs"

PGOPTIONS="-c client_min_messages=warning" psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
"${PSQL[@]}" -f "$here/setup.sql"

# Which configuration is "ours"?
avail=$(psql -X -At -d "$DB" -c "SELECT count(*) FROM pg_available_extensions WHERE name = 'vietnamese_fts'")
ext_msg=""
if [ "$avail" = 1 ]; then
	if ! ext_msg=$(psql -X -q -v ON_ERROR_STOP=1 -d "$DB" -c "CREATE EXTENSION vietnamese_fts" 2>&1); then
		ext_msg="CREATE EXTENSION failed: $ext_msg"
	fi
else
	ext_msg="extension vietnamese_fts is not installed on this server (make install first)"
fi
has_cfg()
{
	[ "$(psql -X -At -d "$DB" -c "SELECT count(*) FROM pg_ts_config WHERE cfgname = '$1'")" = 1 ]
}
if [ -n "$CONFIG" ]; then
	OURS=$CONFIG
	if ! has_cfg "$OURS"; then
		echo "ERROR: configuration $OURS does not exist. $ext_msg" >&2
		exit 1
	fi
elif has_cfg vietnamese; then
	OURS=vietnamese
else
	OURS=simple_unaccent
	echo
	echo "*** vietnamese_fts: SKIPPED: $ext_msg"
	echo "*** The 'ours' side of every table below is simple_unaccent, a stand-in."
fi
echo "configurations compared: simple vs $OURS"


if psql -X -q -d "$DB" -c "CREATE EXTENSION rum" > /dev/null 2>&1; then
	:
else
	echo "rum: not installable (apt-get install postgresql-15-rum); the RUM part of search is skipped"
fi

# Data
news=$DATA/corpus/news.tsv.gz
passages=$DATA/retrieval/covid-passages.tsv
questions=$DATA/retrieval/covid-queries-dev.tsv
have_news=0
have_ret=0
if want throughput || want gin; then
	if [ -r "$news" ]; then
		stage "loading $news"
		"${PSQL[@]}" -c "CREATE TABLE news (rn bigint GENERATED ALWAYS AS IDENTITY, id text, title text, body text)"
		gunzip -c "$news" | awk -v q=$QUICK 'q == 0 || NR % 10 == 1' |
			"${PSQL[@]}" -c "\\copy news (id, title, body) FROM pstdin WITH (FORMAT csv, DELIMITER E'\\t', QUOTE E'\\x01', FORCE_NOT_NULL (title, body))"
		"${PSQL[@]}" -c "VACUUM ANALYZE news"
		psql -X -At -d "$DB" -c "SELECT 'news: ' || count(*) || ' articles, ' || round(sum(octet_length(title) + octet_length(body) + 1) / 1e6, 1) || ' MB' FROM news"
		have_news=1
	else
		echo "SKIPPED throughput, gin, search: $news not found (--data DIR)"
	fi
fi
if want retrieval; then
	if [ -r "$passages" ] && [ -r "$questions" ]; then
		"${PSQL[@]}" -c "CREATE TABLE ret_passage (pid text PRIMARY KEY, body text)" \
			-c "CREATE TABLE ret_question (qid text PRIMARY KEY, question text, rel text)"
		"${PSQL[@]}" -c "\\copy ret_passage FROM '$passages' WITH (FORMAT csv, DELIMITER E'\\t', QUOTE E'\\x01', FORCE_NOT_NULL (body))"
		awk -v q=$QUICK 'q == 0 || NR % 5 == 1' "$questions" |
			"${PSQL[@]}" -c "\\copy ret_question FROM pstdin WITH (FORMAT csv, DELIMITER E'\\t', QUOTE E'\\x01')"
		have_ret=1
	else
		echo "SKIPPED retrieval: $passages or $questions not found (--data DIR)"
	fi
fi

if [ $have_news = 1 ] && want throughput; then
	stage "1. throughput"
	"${PSQL[@]}" -v ours="$OURS" -v reps="$REPS" -f "$here/throughput.sql" || failed "1. throughput"
fi
if [ $have_news = 1 ] && want gin; then
	stage "2. GIN build"
	"${PSQL[@]}" -v ours="$OURS" -v reps="$REPS" -v storage="$STORAGE" -f "$here/gin.sql" || failed "2. GIN build"
fi
if [ $have_news = 1 ] && want search; then
	stage "3. ranked search"
	"${PSQL[@]}" -c "CREATE TABLE bench_query (qno int GENERATED ALWAYS AS IDENTITY, query text)"
	grep -v -e '^#' -e '^[[:space:]]*$' "$here/queries.txt" |
		"${PSQL[@]}" -c "\\copy bench_query (query) FROM pstdin WITH (FORMAT csv, DELIMITER E'\\x02', QUOTE E'\\x01')"
	"${PSQL[@]}" -v ours="$OURS" -v qreps="$QREPS" -v qcfg="$QCFG" -f "$here/search.sql" || failed "3. ranked search"
fi
if want coldstart; then
	stage "4a. cold start"
	bash "$here/coldstart.sh" "$DB" "$OURS" "$CONNS" || failed "4a. cold start"
fi
if want memory; then
	stage "4b. memory"
	bash "$here/memory.sh" "$DB" "$OURS" "$CONNS" || failed "4b. memory"
fi
if [ $have_ret = 1 ]; then
	stage "5. ranking quality ($JOBS sessions)"
	cfgs=simple,simple_unaccent
	[ "$OURS" != simple ] && [ "$OURS" != simple_unaccent ] && cfgs="$cfgs,$OURS"
	[ -n "$QCFG" ] && cfgs="$cfgs,$OURS/$QCFG"
	"${PSQL[@]}" -v cfgs="$cfgs" -f "$here/retrieval.sql" || failed "5. ranking quality (prepare)"
	pids=()
	for ((k = 0; k < JOBS; k++)); do
		"${PSQL[@]}" -v part="$k" -v parts="$JOBS" -f "$here/retrieval_score.sql" &
		pids+=($!)
	done
	for p in "${pids[@]}"; do
		wait "$p" || failed "5. ranking quality (a ranking session)"
	done
	"${PSQL[@]}" -f "$here/retrieval_report.sql" || failed "5. ranking quality (report)"
fi

echo
[ $nfailed -gt 0 ] && echo "*** $nfailed benchmark(s) FAILED"
echo "done in $(($(date +%s) - t_start)) s; load average now: $(cut -d' ' -f1-3 /proc/loadavg); report saved to $LOG"
