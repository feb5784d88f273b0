/* extension/vietnamese_fts--0.4.0--0.5.0.sql */

-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION vietnamese_fts UPDATE TO '0.5.0'" to load this file. \quit

--
-- A starter list of the abbreviations that Vietnamese news writes far more
-- often than their full form (HLV for huấn luyện viên, UBND for ủy ban nhân
-- dân), entered as user synonyms on request: each makes the abbreviation
-- and its full form find each other.  Not done by default, because every
-- abbreviation in a document then also indexes its full form (a larger
-- index) and stored rows must be recomputed to match.  Only abbreviations
-- with one common meaning are listed; entries the user already has are
-- left as they are.  Returns the number of entries added.
--
CREATE FUNCTION @extschema@.vietnamese_add_common_abbreviations()
RETURNS integer
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
AS $$
	WITH a(word, canonical) AS (VALUES
		('TP.HCM', 'thành phố Hồ Chí Minh'),
		('VN', 'Việt Nam'),
		('ĐBSCL', 'đồng bằng sông Cửu Long'),
		('UBND', 'ủy ban nhân dân'),
		('HĐND', 'hội đồng nhân dân'),
		('TAND', 'tòa án nhân dân'),
		('VKSND', 'viện kiểm sát nhân dân'),
		('CAND', 'công an nhân dân'),
		('QĐND', 'quân đội nhân dân'),
		('MTTQ', 'Mặt trận Tổ quốc'),
		('ĐBQH', 'đại biểu Quốc hội'),
		('UBTVQH', 'Ủy ban Thường vụ Quốc hội'),
		('TTXVN', 'Thông tấn xã Việt Nam'),
		('LHQ', 'Liên Hợp Quốc'),
		('CQĐT', 'cơ quan điều tra'),
		('CSGT', 'cảnh sát giao thông'),
		('GTVT', 'giao thông vận tải'),
		('TNGT', 'tai nạn giao thông'),
		('ATGT', 'an toàn giao thông'),
		('ATTP', 'an toàn thực phẩm'),
		('PCCC', 'phòng cháy chữa cháy'),
		('THPT', 'trung học phổ thông'),
		('THCS', 'trung học cơ sở'),
		('ĐHQG', 'Đại học Quốc gia'),
		('SGK', 'sách giáo khoa'),
		('BHXH', 'bảo hiểm xã hội'),
		('BHYT', 'bảo hiểm y tế'),
		('CNTT', 'công nghệ thông tin'),
		('BĐS', 'bất động sản'),
		('NHNN', 'Ngân hàng Nhà nước'),
		('DNNN', 'doanh nghiệp nhà nước'),
		('TTCK', 'thị trường chứng khoán'),
		('KCN', 'khu công nghiệp'),
		('HTX', 'hợp tác xã'),
		('CTCP', 'công ty cổ phần'),
		('TNHH', 'trách nhiệm hữu hạn'),
		('NXB', 'nhà xuất bản'),
		('HLV', 'huấn luyện viên'),
		('CLB', 'câu lạc bộ'),
		('CĐV', 'cổ động viên'),
		('VĐV', 'vận động viên'),
		('ĐTQG', 'đội tuyển quốc gia'),
		('GS', 'giáo sư'),
		('PGS', 'phó giáo sư'),
		('ThS', 'thạc sĩ'),
		('KTS', 'kiến trúc sư'),
		('NSND', 'nghệ sĩ nhân dân'),
		('NSƯT', 'nghệ sĩ ưu tú')
	), ins AS (
		INSERT INTO @extschema@.vietnamese_user_words (word, canonical)
		SELECT word, canonical FROM a
		ON CONFLICT (word) DO NOTHING
		RETURNING 1
	)
	SELECT count(*)::integer FROM ins;
$$;

COMMENT ON FUNCTION @extschema@.vietnamese_add_common_abbreviations() IS
'Add common news abbreviations (UBND, HLV, CSGT, ...) as synonyms of their full form; returns how many were added';
