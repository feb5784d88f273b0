# Copyright (c) 2026, vietnamese_fts authors
#
# 004_user_words.pl
#	User words and synonyms change while other sessions search.
#	- pgbench clients parse and search in a loop while one session adds,
#	  changes and removes user words and synonyms (each change its own
#	  transaction, some rolled back): no client sees an error or warning;
#	- sessions opened before a change see it after the commit without
#	  reconnecting (vietnamese_segment, to_tsvector and a statement
#	  prepared before it), never see a rolled-back change, and see a
#	  removal;
#	- invalid entries fail with a clear ERROR.

use strict;
use warnings;

use IPC::Run;
use Time::HiRes qw(time sleep);
use FindBin;
use lib $FindBin::RealBin;
use VnFts;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $duration = $ENV{VN_TAP_DURATION} // 15;

my $node = vn_node('userwords');
$node->start;

$node->safe_psql(
	'postgres', q{
CREATE EXTENSION vietnamese_fts;
CREATE TABLE docs (
	id serial PRIMARY KEY,
	body text NOT NULL,
	tsv tsvector GENERATED ALWAYS AS (to_tsvector('vietnamese', body)) STORED
);
CREATE INDEX ON docs USING gin (tsv);
INSERT INTO docs (body)
SELECT (ARRAY['Quán mới bán cà phê muối và trà sữa trân châu ở Huế.',
			  'Người dân HCMC đi xe đạp điện, ăn thanh long ruột đỏ.',
			  'Thành phố Hồ Chí Minh có nhiều quán cà phê.',
			  'BHXH chi trả bảo hiểm xã hội cho người lao động.'])[1 + i % 4] || ' ' || i
  FROM generate_series(1, 400) i;
});

# The phrases the test turns into user words; the model alone splits them.
my %phrase = (
	'cà phê muối' => 'uống cà phê muối',
	'trà sữa trân châu' => 'một ly trà sữa trân châu',
	'xe đạp điện' => 'mua xe đạp điện mới',);

my @old = map { $node->background_psql('postgres') } 1 .. 3;

sub seg
{
	my ($session, $text) = @_;
	$text =~ s/'/''/g;
	return $session->query_safe("SELECT vietnamese_segment('$text')");
}

for my $w (sort keys %phrase)
{
	(my $joined = $w) =~ s/ /_/g;
	my $before = seg($old[0], $phrase{$w});
	unlike($before, qr/\Q$joined\E/, "before: '$w' is not one word ($before)");
}

# Each old session also holds a plan whose tsquery is folded from a constant.
for my $s (@old)
{
	$s->query_safe(q{PREPARE hcmc AS SELECT plainto_tsquery('vietnamese', 'HCMC')});
	unlike($s->query_safe('EXECUTE hcmc'), qr/thành_phố/,
		'before: the prepared query does not expand HCMC');
}

# Searchers: parse, segment and search in a loop.
my $bench_script = $node->basedir . '/searchers.sql';
append_to_file(
	$bench_script, q{
SELECT vietnamese_segment('Người dân uống cà phê muối, mua xe đạp điện và trà sữa trân châu ở HCMC');
SELECT count(*) FROM docs WHERE tsv @@ plainto_tsquery('vietnamese', 'cà phê muối');
SELECT count(*) FROM docs WHERE to_tsvector('vietnamese', body) @@ plainto_tsquery('vietnamese', 'HCMC');
SELECT ts_headline('vietnamese', body, plainto_tsquery('vietnamese', 'BHXH')) FROM docs WHERE id % 50 = 1;
});
my ($bout, $berr) = ('', '');
my $bench = IPC::Run::start(
	[
		'pgbench', '--no-vacuum', '--client=4', '--jobs=2',
		"--time=$duration", '--file', $bench_script,
		'--failures-detailed', $node->connstr('postgres')
	],
	'>', \$bout, '2>', \$berr);

# Meanwhile: a stream of changes, each its own transaction.
my @syl = qw(lúa mì xanh đỏ vàng hồng trắng đen gạo nếp tẻ bánh canh bún
  phở chả nem cuốn sen hồ tây bắc nam);
srand(4);
my @generated;
my $t0 = time;
my $changes = 0;
my $change_errors = 0;
while (time - $t0 < $duration - 3)
{
	my $w = join ' ', map { $syl[ int(rand(@syl)) ] } 1 .. 2 + int(rand(3));
	my ($ret, $out, $err) =
	  $node->psql('postgres', "SELECT vietnamese_add_word('$w')");
	$change_errors++ if $ret != 0;
	push @generated, $w;
	$node->psql('postgres',
		"BEGIN; SELECT vietnamese_add_word('bánh mì chảo'); ROLLBACK");
	if (@generated % 5 == 0)
	{
		($ret, $out, $err) = $node->psql('postgres',
			"SELECT vietnamese_remove_word('$generated[0]')");
		$change_errors++ if $ret != 0;
		shift @generated;
	}
	($ret, $out, $err) = $node->psql('postgres',
		"SELECT vietnamese_add_synonym('BHXH', 'bảo hiểm xã hội')");
	$change_errors++ if $ret != 0;
	$changes += 4;
	sleep 0.05;
}
is($change_errors, 0, "$changes changes to user words made without error");

# The real words, committed while the searchers still run.
$node->safe_psql('postgres',
	join('', map { "SELECT vietnamese_add_word('$_');" } sort keys %phrase)
	  . "SELECT vietnamese_add_synonym('HCMC', 'Thành phố Hồ Chí Minh');");

$bench->finish;
like($bout, qr/number of failed transactions: 0 \(0\.000%\)/,
	'searchers: no failed transaction');
like($bout, qr/number of transactions actually processed: [1-9]/,
	'searchers ran');
unlike($berr, qr/ERROR|WARNING|FATAL/, 'searchers: no error or warning');

# Every old session now sees every change, without reconnecting.
for my $i (0 .. $#old)
{
	my $s = $old[$i];
	for my $w (sort keys %phrase)
	{
		(my $joined = $w) =~ s/ /_/g;
		like(seg($s, $phrase{$w}), qr/\Q$joined\E/,
			"old session $i: '$w' is now one word");
	}
	like(
		$s->query_safe(q{SELECT to_tsvector('vietnamese', 'uống cà phê muối')}),
		qr/'ca_phe_muoi=cà_phê_muối':2/, "old session $i: to_tsvector has the compound");
	like(
		$s->query_safe(q{SELECT to_tsvector('vietnamese', 'HCMC')}),
		qr/'thanh_pho_ho_chi_minh=thành_phố_hồ_chí_minh':1/,
		"old session $i: HCMC expands to its canonical form");
	like($s->query_safe('EXECUTE hcmc'), qr/'thanh_pho_ho_chi_minh=thành_phố_hồ_chí_minh'/,
		"old session $i: the statement prepared before the change is replanned");
	is( $s->query_safe(
			q{SELECT count(*) FROM docs WHERE to_tsvector('vietnamese', body) @@ plainto_tsquery('vietnamese', 'HCMC')}
		),
		'200',
		"old session $i: HCMC finds the documents that spell it out, and itself");
	my $last = $generated[-1];
	(my $joined = $last) =~ s/ /_/g;
	like(seg($s, "có $last ở đây"), qr/\Q$joined\E/,
		"old session $i: generated word '$last' is kept whole");
	unlike(seg($s, 'ăn bánh mì chảo'), qr/bánh_mì_chảo/,
		"old session $i: the rolled-back word is not used");
}

# A removal reaches old sessions too.
$node->safe_psql('postgres', q{SELECT vietnamese_remove_word('cà phê muối')});
for my $i (0 .. $#old)
{
	unlike(seg($old[$i], 'uống cà phê muối'), qr/cà_phê_muối/,
		"old session $i: removed word is split again");
}
$_->quit for @old;

is( $node->safe_psql(
		'postgres',
		q{SELECT count(*) FROM vietnamese_user_words WHERE word = 'bánh mì chảo'}),
	'0',
	'rolled-back word is not in the table');

# Invalid entries: a clear ERROR each.
my @invalid = (
	[ q{vietnamese_add_word('')}, qr/ERROR:  Vietnamese user word must not be empty/ ],
	[ q{vietnamese_add_word(' 	 ')}, qr/ERROR:  Vietnamese user word must not be empty/ ],
	[ q{vietnamese_add_word(NULL)}, qr/ERROR:  Vietnamese user word must not be null/ ],
	[
		q{vietnamese_add_word('một hai ba bốn năm sáu bảy tám chín')},
		qr/ERROR:  invalid Vietnamese user word .*more than 8 syllables/
	],
	[ q{vietnamese_add_word('!!!')}, qr/ERROR:  invalid Vietnamese user word "!!!"/ ],
	[ q{vietnamese_add_word('...  ,,,')}, qr/ERROR:  invalid Vietnamese user word/ ],
	[ q{vietnamese_add_word('👍 👍')}, qr/ERROR:  invalid Vietnamese user word/ ],
	[ q{vietnamese_add_word('👍')}, qr/ERROR:  invalid Vietnamese user word/ ],
	[ q{vietnamese_add_word('« … »')}, qr/ERROR:  invalid Vietnamese user word/ ],
	[
		q{vietnamese_add_synonym('BHXH', '')},
		qr/ERROR:  Vietnamese user synonym target must not be empty/
	],
	[
		q{vietnamese_add_word('iPhone 15')},
		qr/ERROR:  invalid Vietnamese user word "iPhone 15": "15" is not a word of letters/
	],
	[
		q{vietnamese_add_synonym('QL1A', 'quốc lộ 1A')},
		qr/ERROR:  invalid Vietnamese user synonym target "quốc lộ 1A": "1A" is not a word of letters/
	],
	[
		q{vietnamese_add_synonym('xe máy', 'Xe  Máy')},
		qr/ERROR:  Vietnamese user word "xe máy" cannot be a synonym of itself/
	]);
for my $case (@invalid)
{
	my ($call, $re) = @$case;
	my ($ret, $out, $err) = $node->psql('postgres', "SELECT $call");
	isnt($ret, 0, "$call fails");
	like($err, $re, "$call: clear message");
}
is( $node->safe_psql(
		'postgres',
		q{SELECT count(*) FROM vietnamese_user_words WHERE word IN ('', '!!!', 'xe máy')}),
	'0',
	'no invalid row was stored');

$node->stop;
unlike(slurp_file($node->logfile),
	qr/server process .* was terminated|terminated by signal|PANIC|TRAP:/,
	'no crashed backend in the log');

done_testing();
