"""Vietnamese words the benchmark corpus is made of: places, people, criteria, tasks, prose.

Provinces are the 63 provinces of 2021-2025 (named as the official register
names them) with their socio-economic region (QĐ 318/QĐ-TTg); districts and
communes come from the register itself (see `generate.register_districts`),
while village (thôn) names, which no register lists, are built from syllables. Task
templates follow the Hùng Mỹ 2024 plan (seed S3): what, unit, a quantity range
with its decimal places, the indicator served and who is responsible. Prose
sentences are the stock phrases of real KẾ HOẠCH documents.
"""

from __future__ import annotations

from typing import NamedTuple

PROVINCES = [
    ("Hà Giang", "TDMNPB"), ("Cao Bằng", "TDMNPB"), ("Bắc Kạn", "TDMNPB"), ("Tuyên Quang", "TDMNPB"),
    ("Lào Cai", "TDMNPB"), ("Yên Bái", "TDMNPB"), ("Thái Nguyên", "TDMNPB"), ("Lạng Sơn", "TDMNPB"),
    ("Bắc Giang", "TDMNPB"), ("Phú Thọ", "TDMNPB"), ("Điện Biên", "TDMNPB"), ("Lai Châu", "TDMNPB"),
    ("Sơn La", "TDMNPB"), ("Hòa Bình", "TDMNPB"),
    ("Hà Nội", "DBSH"), ("Vĩnh Phúc", "DBSH"), ("Bắc Ninh", "DBSH"), ("Quảng Ninh", "DBSH"),
    ("Hải Dương", "DBSH"), ("Hải Phòng", "DBSH"), ("Hưng Yên", "DBSH"), ("Thái Bình", "DBSH"),
    ("Hà Nam", "DBSH"), ("Nam Định", "DBSH"), ("Ninh Bình", "DBSH"),
    ("Thanh Hóa", "BTB"), ("Nghệ An", "BTB"), ("Hà Tĩnh", "BTB"), ("Quảng Bình", "BTB"),
    ("Quảng Trị", "BTB"), ("Huế", "BTB"),
    ("Đà Nẵng", "DHNTB"), ("Quảng Nam", "DHNTB"), ("Quảng Ngãi", "DHNTB"), ("Bình Định", "DHNTB"),
    ("Phú Yên", "DHNTB"), ("Khánh Hòa", "DHNTB"), ("Ninh Thuận", "DHNTB"), ("Bình Thuận", "DHNTB"),
    ("Kon Tum", "TN"), ("Gia Lai", "TN"), ("Đắk Lắk", "TN"), ("Đắk Nông", "TN"), ("Lâm Đồng", "TN"),
    ("Bình Phước", "DNB"), ("Tây Ninh", "DNB"), ("Bình Dương", "DNB"), ("Đồng Nai", "DNB"),
    ("Bà Rịa - Vũng Tàu", "DNB"), ("Hồ Chí Minh", "DNB"),
    ("Long An", "DBSCL"), ("Tiền Giang", "DBSCL"), ("Bến Tre", "DBSCL"), ("Trà Vinh", "DBSCL"),
    ("Vĩnh Long", "DBSCL"), ("Đồng Tháp", "DBSCL"), ("An Giang", "DBSCL"), ("Kiên Giang", "DBSCL"),
    ("Cần Thơ", "DBSCL"), ("Hậu Giang", "DBSCL"), ("Sóc Trăng", "DBSCL"), ("Bạc Liêu", "DBSCL"),
    ("Cà Mau", "DBSCL"),
]
MOUNTAIN_REGIONS = frozenset({"TDMNPB", "TN"})

VILLAGE_FIRST_MOUNTAIN = ["Nà", "Nặm", "Khuổi", "Bản", "Pác", "Khau", "Cốc", "Phiêng", "Lũng", "Nậm", "Nà Lừa", "Khun"]
VILLAGE_SECOND_MOUNTAIN = [
    "Khện", "Kép", "Lôm", "Bường", "Tạo", "Phéc", "Liềm", "Khảm", "Mo", "Cáy", "Pồng", "Luông", "Đin",
    "Thẳm", "Thắng", "Vài", "Búng", "Đon", "Héo", "Chang",
]
VILLAGE_LOWLAND = [
    "Đông", "Đoài", "Nam", "Bắc", "Trung", "Thượng", "Hạ", "Đình", "Chùa", "Giữa", "Tiền", "Hậu", "Đồng Tâm",
    "Tân Lập", "Hòa Bình", "Quyết Tiến", "Thống Nhất", "Đoàn Kết", "Tiền Phong", "Bình Minh", "Ngâu", "Rõm",
    "Bàu", "Dõm", "Cao Bình", "Hùng Cường", "Hùng Dũng",
]

FAMILY = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Ma",
    "Hà", "Nông", "Triệu", "Lương", "Đinh", "Trịnh", "Phan", "Quan", "Lò", "Vi",
]
MIDDLE_MALE = ["Văn", "Đình", "Đức", "Minh", "Hữu", "Xuân", "Quang", "Thanh", "Công", "Ngọc"]
MIDDLE_FEMALE = ["Thị", "Thu", "Thanh", "Ngọc", "Hồng", "Kim"]
GIVEN_MALE = [
    "Sắc", "Hùng", "Dũng", "Tuấn", "Thắng", "Bình", "Hải", "Cường", "Long", "Quân", "Toàn", "Huy", "Khánh",
    "Tùng", "Sơn", "Phúc", "Hiếu", "Trọng",
]
GIVEN_FEMALE = ["Lan", "Hương", "Hoa", "Mai", "Hằng", "Nga", "Thảo", "Huyền", "Linh", "Yến", "Duyên", "Nhung"]

# The 19 criteria of QĐ 318/QĐ-TTg, and the short names documents write (seed S3).
CRITERIA = {
    "1": "Quy hoạch", "2": "Giao thông", "3": "Thủy lợi và phòng, chống thiên tai", "4": "Điện",
    "5": "Trường học", "6": "Cơ sở vật chất văn hóa", "7": "Cơ sở hạ tầng thương mại nông thôn",
    "8": "Thông tin và Truyền thông", "9": "Nhà ở dân cư", "10": "Thu nhập", "11": "Nghèo đa chiều",
    "12": "Lao động", "13": "Tổ chức sản xuất và phát triển kinh tế nông thôn", "14": "Giáo dục và Đào tạo",
    "15": "Y tế", "16": "Văn hóa", "17": "Môi trường và an toàn thực phẩm",
    "18": "Hệ thống chính trị và tiếp cận pháp luật", "19": "Quốc phòng và An ninh",
}
CRITERIA_AS_WRITTEN = {"3": "Thủy lợi và phòng chống thiên tai", "8": "Thông tin, truyền thông", "11": "Hộ nghèo đa chiều"}
HARD_CRITERIA = ["2", "6", "9", "10", "11", "12", "13", "17"]

# The 9 criteria of huyện NTM, QĐ 320/QĐ-TTg.
DISTRICT_CRITERIA = {
    "1": "Quy hoạch", "2": "Giao thông", "3": "Thủy lợi và phòng, chống thiên tai", "4": "Điện",
    "5": "Y tế - Văn hóa - Giáo dục", "6": "Kinh tế", "7": "Môi trường", "8": "Chất lượng môi trường sống",
    "9": "Hệ thống chính trị - An ninh trật tự - Hành chính công",
}

# Nine funding lines of a commune plan, as Hùng Mỹ 2024 writes them, with typical amounts (triệu đồng).
COMMUNE_FUNDING = [
    ("ctmtqg_ntm", "Vốn CTMTQG XD NTM", 50, 900),
    ("ctmtqg_dtts", "Vốn CTMTQG phát triển KTXH vùng DTTS và miền núi", 800, 4500),
    ("ctmtqg_gnbv", "Vốn CT MTQG giảm nghèo bền vững", 200, 1200),
    ("ngan_sach_tinh", "Ngân sách tỉnh", 80, 900),
    ("ngan_sach_huyen", "Ngân sách huyện", 400, 2500),
    ("von_tin_dung", "Vốn Tín dụng", 100, 800),
    ("von_doanh_nghiep", "Vốn Doanh nghiệp", 200, 2500),
    ("nhan_dan_dong_gop", "Vốn đóng góp của nhân dân", 100, 900),
    ("xa_hoi_hoa", "Vốn xã hội hóa khác", 20, 300),
]
DISTRICT_FUNDING = [
    ("ngan_sach_trung_uong", "Ngân sách Trung ương", 40_000, 250_000),
    ("ngan_sach_tinh", "Ngân sách tỉnh", 20_000, 150_000),
    ("ngan_sach_huyen", "Ngân sách huyện", 30_000, 200_000),
    ("ngan_sach_xa", "Ngân sách cấp xã", 5_000, 60_000),
    ("von_long_ghep", "Vốn lồng ghép các chương trình, dự án", 20_000, 120_000),
    ("von_tin_dung", "Vốn tín dụng", 10_000, 90_000),
    ("von_doanh_nghiep", "Vốn doanh nghiệp, hợp tác xã", 10_000, 80_000),
    ("nhan_dan_dong_gop", "Vốn đóng góp của nhân dân", 10_000, 70_000),
    ("xa_hoi_hoa", "Vốn huy động xã hội hóa khác", 1_000, 20_000),
]


class TaskTemplate(NamedTuple):
    """One kind of task: `shape` is plain (no quantity), single, parts (split by village or label) or subset."""

    criterion: str
    indicator: str | None
    what: str
    unit: str | None = None
    low: int = 1
    high: int = 1
    places: int = 0
    shape: str = "plain"
    responsible: str = "Ban Chỉ đạo xã"
    labels: tuple[str, ...] = ()


COMMUNE_TASKS = [
    TaskTemplate("1", "1.2", "Tuyên truyền, vận động nhân dân thực hiện Quy định quản lý quy hoạch chung xã {xa} đến năm 2030",
                 responsible="Công chức Địa chính - Xây dựng"),
    TaskTemplate("2", "2.1", "Lắp đặt biển báo chỉ dẫn giao thông đường bộ tại các ngã ba đường trục xã", "biển", 4, 12,
                 shape="single", responsible="Công chức Địa chính - Xây dựng"),
    TaskTemplate("2", "2.2", "Bê tông hóa đường trục thôn {thon}", "km", 30, 250, 2, "single", "Công chức Địa chính - Xây dựng"),
    TaskTemplate("2", "2.3", "Chỉnh trang, phát quang đường ngõ xóm", "km", 10, 60, 1, "parts", "Trưởng các thôn"),
    TaskTemplate("2", "2.4", "Bê tông hóa đường trục chính nội đồng", "km", 50, 300, 2, "parts", "Công chức Địa chính - Xây dựng"),
    TaskTemplate("3", "3.1", "Nạo vét, tu sửa kênh mương, phai chứa nước phục vụ sản xuất", "km", 10, 80, 1, "parts",
                 "Ban quản lý công trình thủy lợi xã"),
    TaskTemplate("3", "3.2", "Xây dựng kế hoạch hiệp đồng ứng phó các tình huống thiên tai năm {year}",
                 responsible="Ban Chỉ huy Quân sự xã"),
    TaskTemplate("4", "4.1", "Đề nghị Điện lực xây dựng mới trạm biến áp tại thôn {thon}", "trạm", 1, 2, shape="single",
                 responsible="Công chức Địa chính - Xây dựng"),
    TaskTemplate("4", "4.2", "Nâng cấp tuyến dây 0,4kV bảo đảm nhu cầu sử dụng điện của nhân dân", "km", 10, 50, 1, "parts",
                 "Công chức Địa chính - Xây dựng"),
    TaskTemplate("5", "5", "Xây dựng mới nhà ăn bán trú Trường PTDTBT THCS {xa}", "công trình", 1, 1, shape="single",
                 responsible="Trường PTDTBT THCS {xa}"),
    TaskTemplate("5", "5", "Sửa chữa, nâng cấp phòng học Trường Mầm non {xa}", "phòng", 2, 6, shape="single",
                 responsible="Trường Mầm non {xa}"),
    TaskTemplate("6", "6.1", "Mua sắm trang thiết bị phục vụ hoạt động văn hóa, văn nghệ, thể thao của Trung tâm văn hóa - thể thao xã",
                 "bộ", 1, 3, shape="single", responsible="Công chức Văn hóa - Xã hội"),
    TaskTemplate("6", "6.3", "Hoàn thành xây dựng sân thể thao thôn", "sân", 2, 7, shape="villages",
                 responsible="Công chức Văn hóa - Xã hội"),
    TaskTemplate("7", "7", "Cải tạo, sửa chữa chợ trung tâm xã {xa}", "công trình", 1, 1, shape="single",
                 responsible="Công chức Tài chính - Kế toán"),
    TaskTemplate("8", "8.3", "Lắp đặt thêm loa truyền thanh ở các thôn địa bàn rộng", "chiếc", 4, 9, shape="villages",
                 responsible="Công chức Văn hóa - Xã hội"),
    TaskTemplate("8", "8.4", "Ứng dụng phần mềm quản lý văn bản và điều hành tại UBND xã", responsible="Văn phòng UBND xã"),
    TaskTemplate("9", "9.2", "Vận động hộ làm nhà ở đạt chuẩn", "hộ", 8, 30, shape="subset",
                 responsible="Công chức Địa chính - Xây dựng", labels=("hỗ trợ hộ nghèo làm nhà",)),
    TaskTemplate("10", "10", "Gieo trồng lúa hai vụ", "ha", 1500, 6000, 1, "single", "Công chức Địa chính - Nông nghiệp"),
    TaskTemplate("10", "10", "Trồng ngô, lạc và rau màu các loại", "ha", 500, 3500, 1, "labels",
                 "Công chức Địa chính - Nông nghiệp", ("ngô", "lạc", "rau màu")),
    TaskTemplate("10", "10", "Trồng rừng sản xuất trên đất rừng sản xuất theo quy định", "ha", 200, 1500, 1, "single",
                 "Công chức Địa chính - Nông nghiệp"),
    TaskTemplate("10", "10", "Phát triển đàn gia cầm", "con", 20000, 90000, shape="single", responsible="Hội Nông dân xã"),
    TaskTemplate("11", "11", "Giảm hộ nghèo đa chiều", "hộ", 10, 45, shape="labels",
                 responsible="Công chức Lao động - Thương binh và Xã hội", labels=("hộ nghèo", "hộ cận nghèo")),
    TaskTemplate("12", "12.2", "Đào tạo nghề cho lao động nông thôn", "người", 30, 120, shape="subset",
                 responsible="Công chức Lao động - Thương binh và Xã hội", labels=("lao động nữ",)),
    TaskTemplate("13", "13.1", "Duy trì, củng cố hoạt động của Hợp tác xã Nông lâm nghiệp và dịch vụ {xa}",
                 responsible="Hội Nông dân xã"),
    TaskTemplate("13", "13.2", "Phát triển vùng nguyên liệu mía liên kết với nhà máy đường", "ha", 500, 4000, 2, "single",
                 "Hội Nông dân xã"),
    TaskTemplate("13", "13.2", "Phát triển vùng dưa chuột, ớt liên kết tiêu thụ với hợp tác xã", "ha", 50, 300, 1, "labels",
                 "Hội Nông dân xã", ("dưa chuột", "ớt")),
    TaskTemplate("14", "14.1", "Duy trì phổ cập giáo dục mầm non cho trẻ em 5 tuổi, phổ cập giáo dục tiểu học và trung học cơ sở mức độ 3",
                 responsible="Công chức Văn hóa - Xã hội"),
    TaskTemplate("15", "15.1", "Vận động người dân tham gia bảo hiểm y tế", "người", 100, 600, shape="single",
                 responsible="Trạm Y tế xã"),
    TaskTemplate("16", "16", "Xây dựng thôn đạt tiêu chuẩn văn hóa", "thôn", 1, 4, shape="villages",
                 responsible="Ban Công tác Mặt trận các thôn"),
    TaskTemplate("17", "17.1", "Củng cố hoạt động của Ban quản lý công trình cấp nước tập trung thôn {thon}",
                 responsible="Trưởng thôn {thon}"),
    TaskTemplate("17", "17.3", "Duy trì tổ tự quản vệ sinh môi trường, dọn dẹp đường làng ngõ xóm 01 lần/tháng",
                 responsible="Hội Liên hiệp Phụ nữ xã"),
    TaskTemplate("17", "17.5", "Đầu tư xây dựng mới nghĩa trang thôn {thon} theo quy hoạch", "công trình", 1, 1,
                 shape="single", responsible="Công chức Địa chính - Xây dựng"),
    TaskTemplate("17", "17.8", "Vận động hộ xây dựng nhà tiêu hợp vệ sinh", "hộ", 0, 0, shape="target",
                 responsible="Trạm Y tế xã"),
    TaskTemplate("17", "17.8", "Vận động hộ xây dựng nhà tắm hợp vệ sinh", "hộ", 0, 0, shape="target",
                 responsible="Trạm Y tế xã"),
    TaskTemplate("17", "17.8", "Vận động hộ thực hiện 3 sạch", "hộ", 0, 0, shape="target", responsible="Hội Liên hiệp Phụ nữ xã"),
    TaskTemplate("17", "17.8", "Vận động hộ chăn nuôi làm chuồng gia súc hợp vệ sinh", "hộ", 0, 0, shape="target",
                 responsible="Hội Nông dân xã"),
    TaskTemplate("18", "18.1", "Cử cán bộ, công chức xã và thôn tham gia các lớp bồi dưỡng nâng cao năng lực", "lượt người",
                 10, 40, shape="single", responsible="Văn phòng UBND xã"),
    TaskTemplate("18", "18.5", "Tuyên truyền về bình đẳng giới trên hệ thống loa truyền thanh xã", "chuyên mục", 24, 24,
                 shape="single", responsible="Hội Liên hiệp Phụ nữ xã"),
    TaskTemplate("18", "18.4", "Xây dựng kế hoạch tuyên truyền, phổ biến pháp luật và trợ giúp pháp lý cho nhân dân năm {year}",
                 responsible="Công chức Tư pháp - Hộ tịch"),
    TaskTemplate("19", "19.1", "Xây dựng lực lượng dân quân vững mạnh, rộng khắp; hoàn thành các chỉ tiêu quốc phòng",
                 responsible="Ban Chỉ huy Quân sự xã"),
    TaskTemplate("19", "19.2", "Lắp đặt camera an ninh tại các vị trí trọng điểm của thôn", "chiếc", 4, 12, shape="villages",
                 responsible="Công an xã"),
]
# Templates that can serve several villages, so a plan may list them more than once.
REPEATABLE = ("2.2", "4.1", "17.1", "17.5")

DISTRICT_TASKS = [
    TaskTemplate("1", "1.1", "Rà soát, điều chỉnh quy hoạch xây dựng vùng huyện {huyen} đến năm 2030",
                 responsible="Phòng Kinh tế và Hạ tầng"),
    TaskTemplate("2", "2.1", "Nâng cấp, mở rộng đường huyện", "km", 200, 900, 2, "communes", "Ban Quản lý dự án đầu tư xây dựng huyện"),
    TaskTemplate("2", "2.2", "Cứng hóa đường trục xã, liên xã", "km", 300, 1500, 2, "communes", "UBND các xã"),
    TaskTemplate("3", "3.1", "Kiên cố hóa kênh mương nội đồng", "km", 100, 800, 1, "communes", "Phòng Nông nghiệp và PTNT"),
    TaskTemplate("3", "3.2", "Nâng cấp hồ chứa, đập dâng bảo đảm an toàn mùa mưa lũ", "công trình", 2, 6, shape="communes",
                 responsible="Phòng Nông nghiệp và PTNT"),
    TaskTemplate("4", "4.1", "Cải tạo, nâng cấp lưới điện nông thôn", "km", 100, 600, 1, "communes", "Điện lực huyện"),
    TaskTemplate("5", "5.1", "Xây dựng phòng học các trường đạt chuẩn quốc gia", "phòng", 6, 30, shape="communes",
                 responsible="Phòng Giáo dục và Đào tạo"),
    TaskTemplate("5", "5.2", "Nâng cấp trạm y tế xã đạt Bộ tiêu chí quốc gia về y tế", "trạm", 2, 6, shape="communes",
                 responsible="Trung tâm Y tế huyện"),
    TaskTemplate("5", "5.3", "Xây dựng nhà văn hóa thôn đạt chuẩn", "nhà", 4, 16, shape="communes",
                 responsible="Phòng Văn hóa và Thông tin"),
    TaskTemplate("6", "6.1", "Phát triển sản phẩm OCOP đạt từ 3 sao trở lên", "sản phẩm", 4, 14, shape="communes",
                 responsible="Phòng Nông nghiệp và PTNT"),
    TaskTemplate("6", "6.2", "Thành lập mới hợp tác xã nông nghiệp", "hợp tác xã", 3, 10, shape="communes",
                 responsible="Phòng Tài chính - Kế hoạch"),
    TaskTemplate("7", "7.1", "Xây dựng điểm tập kết, trung chuyển chất thải rắn sinh hoạt", "điểm", 3, 12, shape="communes",
                 responsible="Phòng Tài nguyên và Môi trường"),
    TaskTemplate("8", "8.1", "Trồng cây xanh nơi công cộng, tuyến đường hoa nông thôn mới", "km", 50, 300, 1, "communes",
                 "Hội Liên hiệp Phụ nữ huyện"),
    TaskTemplate("8", "8.2", "Xây dựng công trình cấp nước sinh hoạt tập trung", "công trình", 2, 6, shape="communes",
                 responsible="Phòng Nông nghiệp và PTNT"),
    TaskTemplate("9", "9.1", "Tổ chức bồi dưỡng kiến thức xây dựng nông thôn mới cho cán bộ xã, thôn", "lớp", 4, 12,
                 shape="single", responsible="Văn phòng Điều phối nông thôn mới huyện"),
    TaskTemplate("9", "9.2", "Duy trì mô hình camera an ninh ở khu dân cư", "mô hình", 3, 12, shape="communes",
                 responsible="Công an huyện"),
]
DISTRICT_REPEATABLE = ("2.1", "2.2", "3.1", "5.1", "5.3", "6.1", "8.1")

DEADLINES = ["Quý I/{year}", "Quý II/{year}", "Quý III/{year}", "Quý IV/{year}", "Tháng 6/{year}", "Tháng 9/{year}",
             "Năm {year}"]

PURPOSE = [
    "Kế hoạch thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới năm {year} là cơ sở để Ban Chỉ đạo xã "
    "tổ chức thực hiện các nhiệm vụ xây dựng nông thôn mới năm {year}.",
    "Duy trì và nâng cao chất lượng các tiêu chí xã nông thôn mới; phấn đấu hoàn thành các tiêu chí còn thiếu, "
    "từng bước xây dựng xã {xa} đạt chuẩn nông thôn mới nâng cao.",
    "Nâng cao đời sống vật chất, tinh thần của người dân; giữ vững an ninh chính trị, trật tự an toàn xã hội trên địa bàn.",
]
REQUIREMENTS = [
    "Công tác chỉ đạo, điều hành phải bảo đảm nguyên tắc tập trung dân chủ, được sự thống nhất, đồng tình ủng hộ của nhân dân.",
    "Tổ chức tuyên truyền, vận động về công tác xây dựng nông thôn mới năm {year} đến từng thôn, bản và người dân để tổ chức thực hiện.",
    "Sử dụng hiệu quả nguồn vốn các chương trình, dự án đầu tư vào xã; lồng ghép các nguồn lực, huy động sự đóng góp của doanh "
    "nghiệp và nhân dân.",
    "Các thành viên Ban Chỉ đạo, cán bộ, công chức xã được phân công phụ trách tiêu chí phải xây dựng kế hoạch chi tiết, "
    "xác định nhiệm vụ trọng tâm, trọng điểm để tổ chức thực hiện.",
]
SOLUTIONS = [
    ("Công tác lãnh đạo, chỉ đạo",
     "Chính quyền địa phương và các tổ chức chính trị - xã hội tập trung lãnh đạo thực hiện hoàn thành các nội dung tiêu chí theo kế hoạch đã đề ra.\n"
     "Giao nhiệm vụ cụ thể cho từng thành viên Ban Chỉ đạo xã phụ trách các tiêu chí, phụ trách địa bàn thôn, khu dân cư, hộ gia đình."),
    ("Công tác thông tin, tuyên truyền",
     "Ủy ban Mặt trận Tổ quốc và các đoàn thể tăng cường tuyên truyền trong cán bộ, đảng viên và nhân dân về ý nghĩa, tầm quan trọng, "
     "nội dung, cách làm trong xây dựng nông thôn mới.\n"
     "Kịp thời biểu dương, khen thưởng những gương điển hình trong phong trào thi đua \"Chung sức xây dựng nông thôn mới\"."),
    ("Quản lý nguồn lực, vốn",
     "Quản lý và sử dụng có hiệu quả nguồn vốn hỗ trợ từ ngân sách nhà nước và huy động các nguồn lực xã hội hóa.\n"
     "Kêu gọi con em xa quê thành đạt hỗ trợ thêm nguồn kinh phí cho xã nhà, góp sức duy trì và nâng cao chất lượng xã nông thôn mới."),
    ("Đối với các thôn",
     "Các chi bộ xây dựng nghị quyết chuyên đề về xây dựng nông thôn mới theo từng quý; các thôn xây dựng kế hoạch cụ thể để tổ chức thực hiện.\n"
     "Hằng tháng báo cáo tiến độ thực hiện về Ban Chỉ đạo xây dựng nông thôn mới xã theo quy định."),
]
ORGANISATION = [
    "Ban Chỉ đạo nông thôn mới xã phân công nhiệm vụ cụ thể cho các thành viên, các tổ chức chính trị - xã hội, cán bộ, "
    "công chức xã phụ trách các chỉ tiêu, tiêu chí; kiểm tra, đôn đốc, hoàn thành báo cáo đánh giá trong quý IV năm {year}.",
    "Các thành viên Ban Chỉ đạo căn cứ nội dung được phân công xây dựng kế hoạch công tác chi tiết từng tháng, từng tuần "
    "để các thôn thực hiện; định kỳ hằng tuần, tháng, quý báo cáo tiến độ.",
    "Công chức Địa chính - Xây dựng tổng hợp kết quả thực hiện, báo cáo Ban Chỉ đạo xã và cấp trên theo quy định.",
]
DUTY_BODIES = [
    ("Công chức Địa chính - Xây dựng", "Phụ trách các tiêu chí quy hoạch, giao thông, điện, nhà ở dân cư; tổng hợp báo cáo.",
     ["1", "2", "4", "9"]),
    ("Công chức Văn hóa - Xã hội", "Phụ trách các tiêu chí cơ sở vật chất văn hóa, thông tin và truyền thông, giáo dục, văn hóa.",
     ["6", "8", "14", "16"]),
    ("Công chức Lao động - Thương binh và Xã hội", "Phụ trách các tiêu chí hộ nghèo đa chiều và lao động.", ["11", "12"]),
    ("Hội Nông dân xã", "Vận động hội viên phát triển sản xuất, liên kết chuỗi giá trị, xây dựng chuồng trại hợp vệ sinh.",
     ["10", "13"]),
    ("Trạm Y tế xã", "Phụ trách tiêu chí y tế và chỉ tiêu nhà tiêu, nhà tắm hợp vệ sinh.", ["15", "17"]),
    ("Hội Liên hiệp Phụ nữ xã", "Vận động hội viên thực hiện 3 sạch, bình đẳng giới, giữ gìn cảnh quan môi trường.", ["17", "18"]),
    ("Ban Chỉ huy Quân sự xã", "Phụ trách tiêu chí quốc phòng; phòng, chống thiên tai.", ["3", "19"]),
    ("Công an xã", "Bảo đảm an ninh, trật tự xã hội; vận hành camera an ninh ở các thôn.", ["19"]),
]
DISTRICT_DUTY_BODIES = [
    ("Phòng Nông nghiệp và PTNT", "Cơ quan thường trực Ban Chỉ đạo huyện; tham mưu tổng hợp, theo dõi tiến độ.", ["3", "6"]),
    ("Phòng Kinh tế và Hạ tầng", "Phụ trách các tiêu chí quy hoạch, giao thông, điện.", ["1", "2", "4"]),
    ("Phòng Tài chính - Kế hoạch", "Cân đối, phân bổ vốn thực hiện chương trình hằng năm.", []),
    ("Phòng Tài nguyên và Môi trường", "Phụ trách các tiêu chí môi trường và chất lượng môi trường sống.", ["7", "8"]),
    ("Phòng Văn hóa và Thông tin", "Phụ trách nội dung văn hóa, thông tin và truyền thông.", ["5"]),
    ("Phòng Giáo dục và Đào tạo", "Phụ trách nội dung giáo dục trong tiêu chí số 5.", ["5"]),
    ("Công an huyện", "Phụ trách nội dung an ninh trật tự trong tiêu chí số 9.", ["9"]),
    ("UBND các xã", "Xây dựng kế hoạch năm, huy động nguồn lực, tổ chức thực hiện trên địa bàn.", []),
]
RECIPIENTS = [
    "UBND huyện {huyen}", "Ban Chỉ đạo NTM huyện", "Phòng Nông nghiệp và PTNT", "TT. Đảng ủy - TT. HĐND xã", "VP UBND xã",
    "Thành viên Ban Chỉ đạo, Ban quản lý XD NTM xã", "Các thôn trên địa bàn xã",
]
DISTRICT_RECIPIENTS = [
    "UBND tỉnh {tinh}", "Văn phòng Điều phối nông thôn mới tỉnh", "Sở Nông nghiệp và PTNT", "TT. Huyện ủy",
    "TT. HĐND huyện", "Chủ tịch, các Phó Chủ tịch UBND huyện", "Các cơ quan, đơn vị thuộc huyện", "UBND các xã",
]

DISTRICT_PURPOSE = [
    "Cụ thể hóa mục tiêu xây dựng nông thôn mới của Nghị quyết Đại hội đại biểu Đảng bộ huyện {huyen} nhiệm kỳ 2020 - 2025.",
    "Nâng cao chất lượng các tiêu chí xã, huyện nông thôn mới; xây dựng xã nông thôn mới nâng cao, xã nông thôn mới kiểu mẫu, "
    "thôn nông thôn mới kiểu mẫu.",
    "Đẩy nhanh tốc độ phát triển kinh tế - xã hội; đời sống vật chất, tinh thần của người dân được nâng lên.",
]
DISTRICT_REQUIREMENTS = [
    "Xây dựng nông thôn mới là nhiệm vụ chính trị trọng tâm của các cấp, các ngành, trong đó người dân là chủ thể trực tiếp.",
    "Phát huy nội lực của cộng đồng dân cư; các nội dung xây dựng nông thôn mới phải được người dân bàn bạc dân chủ, công khai.",
    "Có kế hoạch, lộ trình cụ thể; lồng ghép và sử dụng có hiệu quả các nguồn vốn; gắn với bảo vệ môi trường sinh thái.",
]
DISTRICT_SOLUTIONS = [
    ("Tuyên truyền, vận động",
     "Đổi mới nội dung, hình thức tuyên truyền; nhân rộng các mô hình, cách làm hay trong xây dựng nông thôn mới.\n"
     "Phát huy vai trò của Mặt trận Tổ quốc và các đoàn thể trong phong trào \"Chung sức xây dựng nông thôn mới\"."),
    ("Huy động và quản lý nguồn lực",
     "Ưu tiên bố trí ngân sách huyện cho các xã phấn đấu đạt chuẩn nâng cao, kiểu mẫu theo lộ trình.\n"
     "Lồng ghép các chương trình mục tiêu quốc gia, huy động doanh nghiệp và nhân dân tham gia đóng góp."),
    ("Phát triển sản xuất",
     "Phát triển vùng sản xuất hàng hóa tập trung gắn với liên kết chuỗi giá trị; nâng cao chất lượng sản phẩm OCOP.\n"
     "Củng cố, nâng cao hiệu quả hoạt động của các hợp tác xã nông nghiệp."),
    ("Kiểm tra, giám sát",
     "Ban Chỉ đạo huyện định kỳ kiểm tra, đôn đốc các xã; kịp thời tháo gỡ khó khăn, vướng mắc.\n"
     "Đánh giá, xếp loại kết quả thực hiện của các xã hằng năm làm căn cứ thi đua, khen thưởng."),
]
DISTRICT_ORGANISATION = [
    "Phòng Nông nghiệp và PTNT là cơ quan thường trực, tham mưu UBND huyện theo dõi, tổng hợp, báo cáo kết quả thực hiện.",
    "Các cơ quan, đơn vị được phân công phụ trách tiêu chí xây dựng kế hoạch chi tiết và hướng dẫn các xã thực hiện.",
    "UBND các xã xây dựng kế hoạch năm, tổ chức thực hiện và báo cáo kết quả về UBND huyện trước ngày 15 tháng 12 hằng năm.",
]
