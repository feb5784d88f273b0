#!/bin/sh
#
# stop_file.sh
#	A user's own stop list (StopWords = name, read from
#	$(pg_config --sharedir)/tsearch_data/name.stop, as for every tsearch
#	dictionary): its words, a code on it and the parts of codes.  A code on
#	the list goes whole, parts included; a listed word is no code's part;
#	the installed vietnamese list no longer applies.  The test list is
#	installed under a name of its own and removed when the script exits.
#
#	Needs write access to the tsearch_data directory, so the runner runs
#	it as root; the server runs as user postgres in a temporary cluster.
#	Prints TAP; exits non-zero if any check fails.
#
#	Usage: sh tests/tap/stop_file.sh
#
# Copyright (c) 2026, vietnamese_fts authors

set -u

PORT=${VN_STOP_TEST_PORT:-54328}
. "$(dirname "$0")/rootlib.sh"
NAME=vn_test_stop_$$
STOP=$TSDATA/$NAME.stop

cleanup()
{
	rm -f "$STOP"
	stop_cluster
	rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 2' INT TERM HUP

# one word per line, as readstoplist() wants; written in NFC lower case,
# with one entry in upper case to show the list is lowercased on reading
printf 'covid-19\ntp\nhôm_nay\nÔNG\n' >"$STOP.tmp" && chmod 644 "$STOP.tmp" && mv "$STOP.tmp" "$STOP" ||
	{ echo "Bail out! could not write $STOP"; exit 1; }

start_cluster
psql_run "CREATE TEXT SEARCH DICTIONARY own_dict (TEMPLATE = vietnamese_template, StopWords = $NAME);
CREATE TEXT SEARCH CONFIGURATION own (COPY = vietnamese);
ALTER TEXT SEARCH CONFIGURATION own ALTER MAPPING REPLACE vietnamese_dict WITH own_dict" >"$WORK/create.log" 2>&1 ||
	{ echo "Bail out! could not create a dictionary with StopWords = $NAME: $(cat "$WORK/create.log")"; exit 1; }

# $1 = label, $2 = text, $3 = expected to_tsvector('own', text)
expect()
{
	check_eq "$1" "$(psql_run "SELECT to_tsvector('own', '$2')" 2>&1)" "$3"
}

expect "a code on the list goes whole, parts included" "COVID-19" ""
expect "the same code in mixed case inside a sentence keeps its position" \
	"Dịch Covid-19 lan" "'dich':1 'dịch':1 'lan':3"
expect "a listed word is no part of a code" "TP.HCM" "'hcm':1 'tp.hcm':1 'tphcm':1"
expect "a listed compound goes with its syllables" "hôm nay" ""
expect "a listed word written in upper case in the file" "ông" ""
expect "the installed vietnamese list does not apply" "của" "'cua':1 'của':1"
expect "a code not on the list keeps its parts" "COVID-20" \
	"'20':1 'covid':1 'covid-20':1 'covid20':1"

# so a query for a part no longer finds the text
check_eq "the listed code's parts are not in the document" \
	"$(psql_run "SELECT to_tsvector('own', 'COVID-19 lan') @@ plainto_tsquery('own', 'covid')" 2>&1)" f

# the default configuration is untouched by the user's list
check_eq "vietnamese keeps its own list" \
	"$(psql_run "SELECT to_tsvector('vietnamese', 'COVID-19')" 2>&1)" \
	"'19':1 'covid':1 'covid-19':1 'covid19':1"

check_server_log
finish
