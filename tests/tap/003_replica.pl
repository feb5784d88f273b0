# Copyright (c) 2026, vietnamese_fts authors
#
# 003_replica.pl
#	A streaming replica built from a base backup must answer every
#	Vietnamese search like its primary: the same ids (through its
#	replayed GIN index and by sequential scan), the same to_tsvector,
#	ts_rank and ts_headline output, and the same segmentation.  User
#	words added on the primary reach sessions that were already open on
#	the standby, through the invalidations replayed from WAL.

use strict;
use warnings;

use File::Basename qw(dirname);
use File::Spec;
use FindBin;
use lib $FindBin::RealBin;
use VnFts;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $primary = vn_node('primary', allows_streaming => 1);
$primary->start;

$primary->safe_psql(
	'postgres', 'CREATE EXTENSION vietnamese_fts;'
	  . vn_gen_text_sql() . vn_articles_sql() . q{
INSERT INTO articles (title, body)
	SELECT gen_text(6), gen_text(100 + i % 150) FROM generate_series(1, 200) i;
});

$primary->backup('base');
my $standby = PostgreSQL::Test::Cluster->new('standby');
$standby->init_from_backup($primary, 'base', has_streaming => 1);
$standby->start;

# A standby session opened before anything below happens.
my $old_session = $standby->background_psql('postgres');
my $before = $old_session->query_safe(
	q{SELECT vietnamese_segment('uống cà phê muối')});
is($before, 'uống cà_phê muối',
	'before the user word, the standby segments cà phê muối in two');

# More articles after the backup: these arrive by streaming only.
$primary->safe_psql('postgres',
	q{INSERT INTO articles (title, body)
	  SELECT gen_text(6), gen_text(50 + i % 300) FROM generate_series(1, 800) i});

# The hand-written sample articles too, when the source tree is at hand.
# absolute: the server reads it, from its own working directory
my $tsv = File::Spec->rel2abs(dirname(__FILE__) . '/../data/articles.tsv');
SKIP:
{
	skip "tests/data/articles.tsv not found next to the test", 1
	  unless -r $tsv;
	$primary->safe_psql(
		'postgres', qq{
CREATE TEMP TABLE sample (id int, category text, title text, body text);
COPY sample FROM '$tsv' WITH (FORMAT text, HEADER);
INSERT INTO articles (title, body) SELECT title, body FROM sample ORDER BY id;
});
	pass('sample articles loaded');
}

# User words and a synonym added on the primary.
$primary->safe_psql('postgres',
	q{SELECT vietnamese_add_word('cà phê muối');
	  SELECT vietnamese_add_synonym('HCMC', 'Thành phố Hồ Chí Minh')});

$primary->wait_for_catchup($standby, 'replay');

is( $standby->safe_psql('postgres', 'SELECT count(*) FROM articles'),
	$primary->safe_psql('postgres', 'SELECT count(*) FROM articles'),
	'standby has every article');

my @queries = (
	q{plainto_tsquery('vietnamese', 'Việt Nam')},
	q{plainto_tsquery('vietnamese', 'viet nam')},
	q{plainto_tsquery('vietnamese', 'hòa bình')},
	q{phraseto_tsquery('vietnamese', 'giá xăng dầu')},
	q{plainto_tsquery('vietnamese', 'TP.HCM')},
	q{plainto_tsquery('vietnamese', 'HCMC')},
	q{plainto_tsquery('vietnamese', 'Đảng')},
	q{plainto_tsquery('vietnamese', 'dang')},
	q{websearch_to_tsquery('vietnamese', 'bóng đá -"đội tuyển"')},
	q{to_tsquery('vietnamese', 'kinh:* | ngân:*')},
	q{plainto_tsquery('vietnamese', 'sổ đỏ')},
	q{plainto_tsquery('vietnamese', '中文')});

for my $q (@queries)
{
	my $ids =
	  "SELECT coalesce(string_agg(id::text, ',' ORDER BY id), '') FROM articles WHERE tsv @@ $q";
	my $p = $primary->safe_psql('postgres', $ids);
	isnt($p, '', "$q matches rows on the primary");
	is($standby->safe_psql('postgres', "SET enable_seqscan = off; $ids"),
		$p, "$q: standby GIN ids == primary ids");
	is( $standby->safe_psql(
			'postgres',
			"SET enable_indexscan = off; SET enable_bitmapscan = off; $ids"),
		$p,
		"$q: standby seq-scan ids == primary ids");

	my $out = qq{
SELECT string_agg(id || ' ' || ts_rank(tsv, q) || ' ' || ts_rank_cd(tsv, q) || ' ' ||
				  ts_headline('vietnamese', body, q), E'\\n' ORDER BY id)
  FROM articles, $q AS q WHERE tsv @@ q};
	is($standby->safe_psql('postgres', $out),
		$primary->safe_psql('postgres', $out),
		"$q: ts_rank, ts_rank_cd and ts_headline identical");
}

my $all = q{
SELECT md5(string_agg(to_tsvector('vietnamese', body)::text || vietnamese_segment(title) ||
					  vietnamese_unaccent(title), '|' ORDER BY id))
  FROM articles};
is($standby->safe_psql('postgres', $all),
	$primary->safe_psql('postgres', $all),
	'to_tsvector, vietnamese_segment and vietnamese_unaccent identical for every article');

# The old standby session sees the user word added on the primary.
is( $old_session->query_safe(q{SELECT vietnamese_segment('uống cà phê muối')}),
	$primary->safe_psql('postgres', q{SELECT vietnamese_segment('uống cà phê muối')}),
	'standby session opened before the change segments like the primary');
is($old_session->query_safe(q{SELECT vietnamese_segment('uống cà phê muối')}),
	'uống cà_phê_muối', 'the new user word is kept whole on the standby');
like(
	$old_session->query_safe(
		q{SELECT to_tsvector('vietnamese', 'HCMC')::text}),
	qr/'thanh_pho_ho_chi_minh=thành_phố_hồ_chí_minh':1/,
	'the synonym reaches the old standby session');
$old_session->quit;

$primary->stop;
$standby->stop;
for my $node ($primary, $standby)
{
	unlike(slurp_file($node->logfile),
		qr/server process .* was terminated|terminated by signal|PANIC|TRAP:/,
		$node->name . ': no crashed backend in the log');
}

done_testing();
