/* extension/vietnamese_fts--0.5.0--0.6.0.sql */

-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION vietnamese_fts UPDATE TO '0.6.0'" to load this file. \quit

--
-- More abbreviations for vietnamese_add_common_abbreviations(), each with
-- one common meaning in the news corpus (occurrences there): TP 9,745,
-- DN 2,632, PV 2,227, GD-ĐT 945, Cty 892, TN-MT 183, DNNVV 144, BQL 102,
-- UBKT 100, NƠXH 91, GTGT 69, NĐT 57, XHCN 30, TTCP 27.  Left out: SN
-- (sinh năm or số nhà).  Databases that called the function before get
-- the new entries by calling it again; what they have is kept.
--
CREATE OR REPLACE FUNCTION @extschema@.vietnamese_add_common_abbreviations()
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
		('NSƯT', 'nghệ sĩ ưu tú'),
		-- added in 0.6.0
		('TP', 'thành phố'),
		('Cty', 'công ty'),
		('DN', 'doanh nghiệp'),
		('DNNVV', 'doanh nghiệp nhỏ và vừa'),
		('NĐT', 'nhà đầu tư'),
		('PV', 'phóng viên'),
		('GD-ĐT', 'giáo dục đào tạo'),
		('TN-MT', 'tài nguyên môi trường'),
		('NƠXH', 'nhà ở xã hội'),
		('BQL', 'ban quản lý'),
		('UBKT', 'ủy ban kiểm tra'),
		('GTGT', 'giá trị gia tăng'),
		('XHCN', 'xã hội chủ nghĩa'),
		('TTCP', 'Thanh tra Chính phủ')
	), ins AS (
		INSERT INTO @extschema@.vietnamese_user_words (word, canonical)
		SELECT word, canonical FROM a
		ON CONFLICT (word) DO NOTHING
		RETURNING 1
	)
	SELECT count(*)::integer FROM ins;
$$;
