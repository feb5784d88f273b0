#!/bin/sh
#
# lexicon_file.sh
#	What happens when the installed compiled lexicon
#	($(pg_config --sharedir)/tsearch_data/vietnamese.lex) is missing,
#	empty, truncated, corrupted or not a lexicon at all: a fresh
#	connection's to_tsvector('vietnamese', ...) must fail with an ERROR
#	that names the file, and no backend may crash.  The file is always
#	restored (atomically, by rename) when the script exits.
#
#	Needs write access to the tsearch_data directory, so the runner runs
#	it as root; the server itself runs as user postgres in a temporary
#	cluster.  Do not run it while other tests use the installed lexicon.
#	Prints TAP; exits non-zero if any check fails.
#
#	Usage: sh tests/tap/lexicon_file.sh
#
# Copyright (c) 2026, vietnamese_fts authors

set -u

PORT=${VN_LEX_TEST_PORT:-54329}
. "$(dirname "$0")/rootlib.sh"
LEX=$TSDATA/vietnamese.lex

BACKUP=$WORK/vietnamese.lex.orig
cp -p "$LEX" "$BACKUP" || { echo "Bail out! could not back up $LEX"; exit 1; }

cleanup()
{
	# restore by rename, so no running backend's mapping is truncated
	if [ -f "$BACKUP" ]; then
		cp -p "$BACKUP" "$LEX.restore.$$" && mv -f "$LEX.restore.$$" "$LEX"
	fi
	stop_cluster
	rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 2' INT TERM HUP

start_cluster
Q="SELECT to_tsvector('vietnamese', 'Đảng Cộng sản Việt Nam')"
GOOD=$(psql_run "$Q" 2>&1)
case $GOOD in
	*cộng_sản*) ok "baseline: the installed lexicon works ($GOOD)" ;;
	*) notok "baseline: the installed lexicon works ($GOOD)" ;;
esac

# Install a replacement atomically; $1 = file to install
install_lex()
{
	cp "$1" "$LEX.test.$$" && chmod 644 "$LEX.test.$$" && mv -f "$LEX.test.$$" "$LEX"
}

# Check that a fresh connection fails cleanly; $1 = label, $2 = expected
# fragment of the message besides the file name.
expect_error()
{
	out=$(psql_run "$Q" 2>&1)
	rc=$?
	if [ $rc -ne 0 ] && echo "$out" | grep -q "ERROR: .*could not load the Vietnamese lexicon" &&
		echo "$out" | grep -q "vietnamese.lex" && echo "$out" | grep -q -- "$2"; then
		ok "$1: ERROR naming the file ($(echo "$out" | head -1))"
	else
		notok "$1: expected an ERROR naming vietnamese.lex and '$2', got rc=$rc: $out"
	fi
}

SIZE=$(wc -c <"$BACKUP")

rm -f "$LEX"
expect_error "removed" "No such file"

: >"$WORK/empty"
install_lex "$WORK/empty"
expect_error "empty file" "truncated"

head -c $((SIZE / 2)) "$BACKUP" >"$WORK/half"
install_lex "$WORK/half"
expect_error "truncated to half" "truncated"

head -c 63 "$BACKUP" >"$WORK/short"
install_lex "$WORK/short"
expect_error "shorter than the header" "truncated"

# flip one byte in the middle: only the checksum can notice
cp "$BACKUP" "$WORK/flipped"
MID=$((SIZE / 2 + 3))
orig=$(od -An -tu1 -j $MID -N1 "$BACKUP" | tr -d ' ')
new=$(( (orig + 1) % 256 ))
printf "$(printf '\\%03o' $new)" | dd of="$WORK/flipped" bs=1 seek=$MID conv=notrunc 2>/dev/null
install_lex "$WORK/flipped"
expect_error "one byte changed" "checksum"

# padded: the size no longer matches the header
cp "$BACKUP" "$WORK/padded"
head -c 8 /dev/zero >>"$WORK/padded"
install_lex "$WORK/padded"
expect_error "padded by 8 bytes" "padded"

# not a lexicon at all
head -c 4096 /dev/urandom >"$WORK/random"
install_lex "$WORK/random"
expect_error "random bytes" "magic"
printf 'đây không phải là từ điển\n' >"$WORK/text"
install_lex "$WORK/text"
expect_error "a text file" "truncated"

# a directory in its place
rm -f "$LEX"
mkdir "$LEX"
out=$(psql_run "$Q" 2>&1)
if [ $? -ne 0 ] && echo "$out" | grep -q "ERROR: .*vietnamese.lex"; then
	ok "a directory in its place: ERROR ($(echo "$out" | head -1))"
else
	notok "a directory in its place: expected an ERROR, got: $out"
fi
rmdir "$LEX"

# restored: works again, same output as before
install_lex "$BACKUP"
check_eq "restored: a fresh connection gives the original output" \
	"$(psql_run "$Q" 2>&1)" "$GOOD"

# No backend crashed through all of this.
check_server_log

# Optional, known problem: the lexicon is mmap()ed, so truncating the
# installed file IN PLACE (cp over it, truncate, an editor) makes every
# backend that mapped it die of SIGBUS on its next lookup, and the
# postmaster then restarts all sessions.  Replacing it by rename (make
# install, mv) is safe.  This also hits backends of any other cluster using
# the same installation, so it only runs with VN_LEX_TEST_INPLACE=1, after
# the checks above, and is reported as TODO.
if [ "${VN_LEX_TEST_INPLACE:-0}" = 1 ]; then
	# the session maps the lexicon, sleeps while we truncate, then parses
	( printf '%s;\n\\! sleep 3\n' "$Q"
	  printf "SELECT to_tsvector('vietnamese', 'người dân thành phố uống cà phê sữa đá ở quán vỉa hè bên đường phố tấp nập');\n" ) |
		$AS "$BINDIR/psql" -X -At -h "$WORK" -p "$PORT" -d postgres >"$WORK/inplace.out" 2>&1 &
	sleep 1.5
	truncate -s 65536 "$LEX"
	wait
	out=$(cat "$WORK/inplace.out")
	install_lex "$BACKUP"
	if grep -q "terminated by signal" "$WORK/server.log"; then
		echo "not ok $((n + 1)) - open session survives in-place truncation of the lexicon # TODO mmap: SIGBUS, $(grep -o 'terminated by signal [0-9]*: [A-Za-z ]*' "$WORK/server.log" | head -1)"
	else
		echo "ok $((n + 1)) - open session survives in-place truncation of the lexicon ($(echo "$out" | tail -1))"
	fi
	n=$((n + 1))
fi

finish
