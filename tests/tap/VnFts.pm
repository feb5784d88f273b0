# Copyright (c) 2026, vietnamese_fts authors
#
# VnFts.pm
#	What the vietnamese_fts TAP tests share: where pg_regress is, a UTF8
#	cluster, a vocabulary that hits every token type, and SQL for a
#	generated-text function and the articles table.

package VnFts;

use strict;
use warnings;

# Cluster->init runs pg_regress --config-auth; outside a source tree, use
# the copy that postgresql-server-dev installs with PGXS.  This must run
# before PostgreSQL::Test::Cluster is loaded.
BEGIN
{
	if (!defined $ENV{PG_REGRESS})
	{
		my $pgxs = `pg_config --pgxs`;
		chomp $pgxs;
		$pgxs =~ s{src/makefiles/pgxs\.mk$}{};
		$ENV{PG_REGRESS} = "${pgxs}src/test/regress/pg_regress";
	}
}

use Exporter 'import';
use PostgreSQL::Test::Cluster;

our @EXPORT = qw(vn_node vn_gen_text_sql vn_articles_sql @VN_VOCAB);

# Words, names, codes, numbers, dates and spellings with and without
# diacritics, so generated text hits every token type.
our @VN_VOCAB = (
	'Việt Nam', 'Hà Nội', 'TP.HCM', 'Thành phố Hồ Chí Minh', 'Quốc hội',
	'Chính phủ', 'kinh tế', 'xã hội', 'bóng đá', 'đội tuyển', 'U23',
	'hòa bình', 'hoà bình', 'thủy sản', 'thuỷ sản', 'giá xăng dầu',
	'lãi suất', 'ngân hàng', 'thị trường chứng khoán', 'doanh nghiệp',
	'người dân', 'nhà nước', 'sức khỏe', 'sức khoẻ', 'bệnh viện', 'Bộ Y tế',
	'COVID-19', 'WHO', 'ASEAN', 'trí tuệ nhân tạo', 'AI', 'Samsung',
	'mạng xã hội', 'điện thoại', 'thời tiết', 'mưa lớn', 'bão', 'Huế',
	'Đà Nẵng', 'văn hóa', 'lễ hội', 'du lịch', 'học sinh', 'giáo dục',
	'nong nghiep', 'khong dau', 'viet nam', 'tăng', 'giảm', 'của', 'và',
	'những', 'được', 'trong', 'năm', 'ngày', '3,5%', '25.000 đồng',
	'1.000.000', '30/10', '24/2/2026', '14h30', 'IMCWP-17', 'TTXVN',
	'Medvedev', 'Istanbul', 'Thổ Nhĩ Kỳ', '中文', 'Россия', '👍', ',', '.',
	'-', '(', ')', 'https://example.vn/tin-tuc', 'ban.doc@example.vn',
	'#bầucử', 'Đảng', 'đăng', 'đang', 'cửa', 'cua', 'bán', 'bàn', 'bạn',
	'Phở Thìn', 'sổ đỏ');

# A new UTF8 cluster (not started, so callers can add settings first).
sub vn_node
{
	my ($name, %params) = @_;
	my $node = PostgreSQL::Test::Cluster->new($name);

	$node->init(%params, extra => [ '--encoding=UTF8', '--locale=C' ]);
	return $node;
}

# gen_text(n): n words drawn at random from the vocabulary.
sub vn_gen_text_sql
{
	my $array = 'ARRAY['
	  . join(',', map { my $w = $_; $w =~ s/'/''/g; "'$w'" } @VN_VOCAB) . ']';
	my $n = scalar @VN_VOCAB;

	return qq{
CREATE FUNCTION gen_text(nwords int) RETURNS text
LANGUAGE sql VOLATILE AS \$\$
	SELECT string_agg(($array)[1 + floor(random() * $n)::int], ' ')
	FROM generate_series(1, nwords)
\$\$;
};
}

# The articles table the README recommends: weighted title and body in a
# stored generated column, with a GIN index.
sub vn_articles_sql
{
	return q{
CREATE TABLE articles (
	id bigserial PRIMARY KEY,
	title text NOT NULL,
	body text NOT NULL,
	tsv tsvector GENERATED ALWAYS AS
		(setweight(to_tsvector('vietnamese', title), 'A') ||
		 setweight(to_tsvector('vietnamese', body), 'B')) STORED
);
CREATE INDEX articles_tsv_idx ON articles USING gin (tsv);
};
}

1;
