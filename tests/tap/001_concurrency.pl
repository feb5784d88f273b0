# Copyright (c) 2026, vietnamese_fts authors
#
# 001_concurrency.pl
#	8 clients insert generated Vietnamese articles into a table with a
#	STORED generated tsvector column and a GIN index, and search it, for
#	over 30 seconds.  Afterwards the GIN index and a sequential scan must
#	give the same ids for every query, every stored tsvector must equal a
#	fresh to_tsvector() of its text, and the server log must show no
#	crashed backend.

use strict;
use warnings;

use FindBin;
use lib $FindBin::RealBin;
use VnFts;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $duration = $ENV{VN_TAP_DURATION} // 32;

my $node = vn_node('concurrency');
$node->append_conf('postgresql.conf', "max_connections = 30\n");
$node->start;

$node->safe_psql(
	'postgres', 'CREATE EXTENSION vietnamese_fts;'
	  . vn_gen_text_sql() . vn_articles_sql() . q{
CREATE TABLE queries (id int PRIMARY KEY, q text NOT NULL);
});

# Queries: diacritic-exact, diacritic-free, compounds, phrases, prefixes,
# codes, numbers, negation.
my @queries = (
	q{to_tsquery('vietnamese', 'việt & nam')},
	q{plainto_tsquery('vietnamese', 'Việt Nam')},
	q{plainto_tsquery('vietnamese', 'viet nam')},
	q{phraseto_tsquery('vietnamese', 'đội tuyển')},
	q{plainto_tsquery('vietnamese', 'hòa bình')},
	q{plainto_tsquery('vietnamese', 'hoa binh')},
	q{plainto_tsquery('vietnamese', 'thuỷ sản')},
	q{plainto_tsquery('vietnamese', 'TP.HCM')},
	q{plainto_tsquery('vietnamese', 'COVID-19')},
	q{plainto_tsquery('vietnamese', 'Đảng')},
	q{plainto_tsquery('vietnamese', 'dang')},
	q{plainto_tsquery('vietnamese', 'cua')},
	q{plainto_tsquery('vietnamese', '3,5%')},
	q{plainto_tsquery('vietnamese', 'trí tuệ nhân tạo')},
	q{websearch_to_tsquery('vietnamese', '"giá xăng" -bão')},
	q{websearch_to_tsquery('vietnamese', 'bóng đá or lãi suất')},
	q{to_tsquery('vietnamese', 'kinh:*')},
	q{to_tsquery('vietnamese', 'medvedev | istanbul')},
	q{plainto_tsquery('vietnamese', '中文')},
	q{plainto_tsquery('vietnamese', 'khoẻ')});

# Store each query as its tsquery value (text form), so that the clients
# and the checks below use exactly the same query.
for my $id (1 .. scalar @queries)
{
	$node->safe_psql('postgres',
		"INSERT INTO queries SELECT $id, ($queries[$id - 1])::text");
}

my $nq = scalar @queries;
my %scripts = (
	'001_insert@4' => q{
INSERT INTO articles (title, body) VALUES (gen_text(8), gen_text(150 + (random() * 250)::int));
},
	'001_search@3' => qq{
\\set qid random(1, $nq)
SELECT count(*) FROM articles WHERE tsv @@ (SELECT q::tsquery FROM queries WHERE id = :qid);
},
	'001_rank@1' => q{
SELECT id, ts_rank(tsv, q), ts_headline('vietnamese', body, q)
  FROM articles, plainto_tsquery('vietnamese', (SELECT gen_text(2))) q
 WHERE tsv @@ q ORDER BY ts_rank(tsv, q) DESC LIMIT 5;
},
	'001_parse@1' => q{
SELECT vietnamese_segment(gen_text(60)), to_tsvector('vietnamese', gen_text(60)),
       vietnamese_unaccent(gen_text(20)), vietnamese_normalize(gen_text(20));
});

# A random two-word query may be all stopwords; that NOTICE is not a fault.
{
	local $ENV{PGOPTIONS} = '-c client_min_messages=warning';

	$node->pgbench(
		"--no-vacuum --client=8 --jobs=2 --time=$duration --failures-detailed",
		0,
		[
			qr{number of clients: 8},
			qr{number of failed transactions: 0 \(0\.000%\)},
			qr{number of transactions actually processed: [1-9]}
		],
		[qr{^$}],
		"8 clients insert and search for $duration s",
		\%scripts);
}

my $rows = $node->safe_psql('postgres', 'SELECT count(*) FROM articles');
cmp_ok($rows, '>', 100, "clients inserted $rows articles");

# Every stored tsvector is what to_tsvector gives now, in one session.
is( $node->safe_psql(
		'postgres', q{
SELECT count(*) FROM articles
 WHERE tsv IS DISTINCT FROM
	   setweight(to_tsvector('vietnamese', title), 'A') ||
	   setweight(to_tsvector('vietnamese', body), 'B')}),
	'0',
	'stored tsvectors equal a fresh to_tsvector of the same text');

# Index scan and sequential scan agree, and the plans are the ones meant.
my $nonempty = 0;
for my $id (1 .. $nq)
{
	my $tsq = $node->safe_psql('postgres', "SELECT q FROM queries WHERE id = $id");
	$tsq =~ s/'/''/g;
	my $sql = "SELECT coalesce(string_agg(id::text, ',' ORDER BY id), '') FROM articles WHERE tsv @@ '$tsq'::tsquery";
	my $idx = $node->safe_psql('postgres', "SET enable_seqscan = off; $sql");
	my $seq = $node->safe_psql('postgres',
		"SET enable_indexscan = off; SET enable_bitmapscan = off; $sql");
	is($idx, $seq, "query $id ($queries[$id - 1]): GIN ids == seq scan ids");
	$nonempty++ if $idx ne '';

	if ($id == 1)
	{
		like(
			$node->safe_psql('postgres',
				"SET enable_seqscan = off; EXPLAIN $sql"),
			qr/Bitmap Index Scan on articles_tsv_idx/,
			'enable_seqscan=off uses the GIN index');
		like(
			$node->safe_psql('postgres',
				"SET enable_indexscan = off; SET enable_bitmapscan = off; EXPLAIN $sql"),
			qr/Seq Scan on articles/,
			'with index scans off the plan is a sequential scan');
	}
}
cmp_ok($nonempty, '>=', $nq - 2, "$nonempty of $nq queries match something");

# The GIN pending list merged into the tree gives the same answers.
$node->safe_psql('postgres', "SELECT gin_clean_pending_list('articles_tsv_idx')");
my $sql = q{SELECT count(*) FROM articles WHERE tsv @@ plainto_tsquery('vietnamese', 'Việt Nam')};
is( $node->safe_psql('postgres', "SET enable_seqscan = off; $sql"),
	$node->safe_psql('postgres', "SET enable_bitmapscan = off; $sql"),
	'after gin_clean_pending_list the index still agrees');

$node->stop;
my $log = slurp_file($node->logfile);
unlike($log, qr/server process .* was terminated|terminated by signal|PANIC|TRAP:/,
	'server log shows no crashed backend');

done_testing();
