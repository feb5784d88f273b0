#!/bin/bash
#
# tests/bench/ab_build.sh
#	  Compare two builds of the module in one cluster: the installed one and
#	  an older vietnamese_fts.so kept aside.  Checks that both give the same
#	  bytes (to_tsvector of every document, the tsquery functions and
#	  ts_lexize over the words of the first lines) and times
#	  sum(length(to_tsvector(cfg, doc))) for simple, the old build and the
#	  installed one, interleaved, each timed query in a fresh backend that
#	  loads only one of the two builds.
#
#	  Usage (keep the old build first: cp vietnamese_fts.so /tmp/old.so):
#	    make install
#	    pg_virtualenv -t -v 15 bash tests/bench/ab_build.sh OLD_SO TEXT_FILE [REPS]
#	  TEXT_FILE holds one document per line (for instance the bodies of
#	  ../shared/corpus/news.tsv.gz: zcat ... | cut -f3 | head -2300).
#	  Exits 1 if the outputs differ.
#
set -euo pipefail

OLD=${1:?usage: ab_build.sh OLD_SO TEXT_FILE [REPS]}
TEXT=${2:?usage: ab_build.sh OLD_SO TEXT_FILE [REPS]}
REPS=${3:-3}

# the server loads the old build by absolute path: give it its own copy
OLDCOPY=$(mktemp /tmp/vnfts_old_XXXXXX.so)
trap 'rm -f "$OLDCOPY"' EXIT
install -m 755 "$OLD" "$OLDCOPY"

psql -qX -v ON_ERROR_STOP=1 <<SQL
create extension vietnamese_fts;
-- the old build's parser, template, dictionary and configuration
create function o_start(internal, integer) returns internal
	as '$OLDCOPY', 'vnfts_prsstart' language c strict;
create function o_next(internal, internal, internal) returns internal
	as '$OLDCOPY', 'vnfts_prsgettoken' language c strict;
create function o_end(internal) returns void
	as '$OLDCOPY', 'vnfts_prsend' language c strict;
create function o_lextype(internal) returns internal
	as '$OLDCOPY', 'vnfts_prslextype' language c strict;
create text search parser o_parser
	(start = o_start, gettoken = o_next, end = o_end, lextypes = o_lextype);
create function o_init(internal) returns internal
	as '$OLDCOPY', 'vnfts_dict_init' language c strict;
create function o_lexize(internal, internal, internal, internal) returns internal
	as '$OLDCOPY', 'vnfts_dict_lexize' language c strict;
create text search template o_template (init = o_init, lexize = o_lexize);
-- with the options of the installed dictionary (stop words, layout, ...)
do \$\$ begin
	execute format('create text search dictionary o_dict (template = o_template, %s)',
				   (select dictinitoption from pg_ts_dict
					where dictname = 'vietnamese_dict'));
end \$\$;
create text search configuration o_vn (parser = o_parser);
alter text search configuration o_vn add mapping for word, syllable, name,
	"foreign", acronym, code, number, "date", "time", percent, url, email,
	tag, script with o_dict;
create table t(id serial, b text);
SQL
# backslashes would be COPY escapes
psql -qX -v ON_ERROR_STOP=1 -c "\\copy t(b) from program 'sed \"s/\\\\\\\\/\\\\\\\\\\\\\\\\/g\" $TEXT'"
psql -qX -c "vacuum analyze t"

# Same bytes?  Each configuration in its own backend.
digest() {
	local cfg=$1 dict=$2
	psql -AtX -v ON_ERROR_STOP=1 <<SQL
select md5(string_agg(to_tsvector('$cfg', b)::text, '|' order by id)) from t;
select md5(string_agg(concat_ws('|', plainto_tsquery('$cfg', b),
		websearch_to_tsquery('$cfg', b), phraseto_tsquery('$cfg', b)),
		'|' order by id))
	from (select id, left(b, 300) as b from t where id <= 300) s;
select md5(string_agg(ts_lexize('$dict', w)::text, '|' order by w collate "C"))
	from (select distinct w from t, regexp_split_to_table(b, '[^[:alnum:]]+') w
		  where id <= 300 and w <> '') s;
SQL
}
old=$(digest o_vn o_dict | paste -sd' ')
new=$(digest vietnamese vietnamese_dict | paste -sd' ')
echo "digest old: $old"
echo "digest new: $new"
same=yes
[ "$old" = "$new" ] || same=no
echo "same output: $same"

timeq() {
	psql -AtX -c "select to_tsvector('$1', 'Xin chào Việt Nam')" -c '\timing on' \
		-c "select sum(length(to_tsvector('$1', b))) from t" |
		awk '/^Time:/ {print $2}'
}
for r in $(seq "$REPS"); do
	for c in simple o_vn vietnamese; do
		echo "$c $(timeq $c)"
	done
done | awk '
	{ t[$1] += $2; n[$1]++; all[$1] = all[$1] " " $2 }
	END {
		printf "simple      mean %7.0f ms [%s ]\n", t["simple"] / n["simple"], all["simple"]
		printf "old build   mean %7.0f ms [%s ]\n", t["o_vn"] / n["o_vn"], all["o_vn"]
		printf "new build   mean %7.0f ms [%s ]\n", t["vietnamese"] / n["vietnamese"], all["vietnamese"]
		printf "old/simple %.3f  new/simple %.3f  new/old %.3f\n",
			t["o_vn"] / t["simple"], t["vietnamese"] / t["simple"], t["vietnamese"] / t["o_vn"]
	}'
[ "$same" = yes ]
