# Copyright (c) 2026, vietnamese_fts authors
#
# 008_dump_restore.pl
#	A database with user words, synonyms and a generated tsvector column
#	survives pg_dump and restore.
#	- restored the README's way (user words between schema and data, the
#	  rest with -j 2): the user words are there, every stored tsvector is
#	  the one the source has and the one to_tsvector gives now, and the
#	  GIN index finds what the source finds;
#	- restored from a plain-text dump: the user words are there, the rows
#	  loaded before them miss them (why the README says to recompute) while
#	  the expression index, built after all data, is right, and after the
#	  README's UPDATE everything matches again.

use strict;
use warnings;

use FindBin;
use lib $FindBin::RealBin;
use VnFts;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $node = vn_node('dump');
$node->start;
my $tmp = PostgreSQL::Test::Utils::tempdir;

$node->safe_psql('postgres', 'CREATE DATABASE mydb');
$node->safe_psql('mydb', 'CREATE EXTENSION vietnamese_fts');
$node->safe_psql('mydb', vn_gen_text_sql());
$node->safe_psql('mydb', vn_articles_sql());
$node->safe_psql(
	'mydb', q{
SELECT vietnamese_add_word('sổ đỏ');
SELECT vietnamese_add_word('Phở Thìn');
SELECT vietnamese_add_synonym('VN', 'Việt Nam');
SELECT vietnamese_add_synonym('TP.HCM', 'thành phố Hồ Chí Minh');
SELECT setseed(0.8);
INSERT INTO articles (title, body)
SELECT gen_text(6), gen_text(60) FROM generate_series(1, 300);
INSERT INTO articles (title, body) VALUES
	('Tin VN', 'Người dân VN mua sổ đỏ ở TP.HCM.'),
	('Ẩm thực', 'Phở Thìn mở quán mới.');
CREATE INDEX articles_body_idx ON articles USING gin (to_tsvector('vietnamese', body));
});

# rows whose stored tsvector is not what the generated expression gives now
my $stale = q{
SELECT count(*) FROM articles
 WHERE tsv IS DISTINCT FROM
	   setweight(to_tsvector('vietnamese', title), 'A') ||
	   setweight(to_tsvector('vietnamese', body), 'B')};
my $words = q{
SELECT string_agg(word || '=' || coalesce(canonical, ''), ', ' ORDER BY word)
  FROM vietnamese_user_words};
my $digest = q{SELECT md5(string_agg(tsv::text, '|' ORDER BY id)) FROM articles};
my @queries = ('Việt Nam', 'viet nam', 'thành phố Hồ Chí Minh', 'sổ đỏ',
	'so do', 'Phở Thìn');

# matching rows per query, through the GIN index on the stored column, or
# through the expression index on the body
sub counts
{
	my ($db, $expr) = @_;
	my $doc = $expr ? q{to_tsvector('vietnamese', body)} : 'tsv';
	return join ',', map {
		$node->safe_psql($db,
			"SET enable_seqscan = off; SELECT count(*) FROM articles WHERE $doc @@ plainto_tsquery('vietnamese', '$_')"
		  )
	} @queries;
}

my $src_words = $node->safe_psql('mydb', $words);
my $src_digest = $node->safe_psql('mydb', $digest);
my $src_counts = counts('mydb');
my $src_expr = counts('mydb', 1);
like($src_words, qr/^phở thìn=, sổ đỏ=, tp\.hcm=thành phố hồ chí minh, vn=việt nam$/,
	'source has the user words');
unlike($src_counts, qr/(^|,)0(,|$)/, "every query finds rows in the source ($src_counts)");

# --- custom-format dump, restored as the README says
my $dump = "$tmp/app.dump";
$node->command_ok([ 'pg_dump', '-Fc', '-f', $dump, 'mydb' ], 'pg_dump -Fc');
$node->command_ok([ 'createdb', 'newdb' ], 'createdb newdb');
$node->command_ok(
	[
		'bash', '-c', qq{set -eo pipefail; cd '$tmp'
pg_restore -d newdb --section=pre-data app.dump
pg_restore -d newdb --data-only --table=vietnamese_user_words app.dump
pg_restore -l app.dump | grep -v 'TABLE DATA .* vietnamese_user_words ' > rest.list
pg_restore -d newdb -L rest.list --section=data --section=post-data -j 2 app.dump}
	],
	'restore the README way');
is($node->safe_psql('newdb', $words), $src_words, 'user words restored');
is($node->safe_psql('newdb', $stale), '0',
	'every restored row has the tsvector to_tsvector gives now');
is($node->safe_psql('newdb', $digest), $src_digest,
	'restored tsvectors are the source tsvectors');
is(counts('newdb'), $src_counts, 'the restored GIN index finds what the source finds');
is(counts('newdb', 1), $src_expr, 'and so does the restored expression index');

# --- plain-text dump: rows come back before the user words
my $plain = "$tmp/app.sql";
$node->command_ok([ 'pg_dump', '-f', $plain, 'mydb' ], 'pg_dump, plain text');
$node->command_ok([ 'createdb', 'plaindb' ], 'createdb plaindb');
$node->command_ok(
	[ 'psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', 'plaindb', '-f', $plain ],
	'plain dump loads');
is($node->safe_psql('plaindb', $words), $src_words, 'user words in the plain restore');
cmp_ok($node->safe_psql('plaindb', $stale), '>', 0,
	'plain restore: rows loaded before the user words miss them');
is(counts('plaindb', 1), $src_expr,
	'plain restore: the expression index, built after all data, is right');
$node->safe_psql('plaindb', 'UPDATE articles SET body = body');
is($node->safe_psql('plaindb', $stale), '0', 'after the README\'s UPDATE no row is stale');
is($node->safe_psql('plaindb', $digest), $src_digest,
	'and the tsvectors are the source tsvectors');
is(counts('plaindb'), $src_counts, 'and the index finds what the source finds');

$node->stop;
done_testing();
