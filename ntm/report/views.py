"""The views of `ntm report`: their names, columns, kinds and headers.

This module owns the shape every output format shares. A view is a table
with stable English snake_case column names (what csv and json carry), a
kind per column (how each format writes the value: money as an exact
decimal, a standard as its Vietnamese name…), Vietnamese and English
headers and titles, and the labels of coded values. It also registers the
report's sentences in `ntm.messages`, the one catalog of user-facing text.
Nothing here imports pandas.
"""

from __future__ import annotations

from dataclasses import dataclass

from ntm.messages import register
from ntm.model.vocab import Standard

# Column kinds: how each writer shows a value (see outputs.human_cell / machine_cell).
TEXT, INT, YEAR, MONEY, PERCENT, BOOL, DATE = "text", "int", "year", "money", "percent", "bool", "date"
STANDARD, STANDARDS, STATUS, CODES, PLAIN = "standard", "standards", "status", "codes", "plain"
ENUMS = ("level", "phasing_basis", "target_basis", "funding_basis", "budget_level", "qualifier", "disagreement", "severity")
NUMERIC = (INT, YEAR, MONEY, PERCENT)


@dataclass(frozen=True)
class Column:
    key: str
    kind: str
    vi: str
    en: str
    optional: bool = False  # human formats drop it when every value is empty
    brief: bool = True  # shown in the terminal table
    width: int = 14  # xlsx column width, in characters
    human: bool = True  # False: only csv and json carry it (human formats say it in a heading)

    def header(self, lang: str) -> str:
        return self.en if lang == "en" else self.vi


@dataclass(frozen=True)
class View:
    name: str
    vi: str
    en: str
    sheet: str
    columns: tuple[Column, ...]
    totals: tuple[str, ...] = ()  # money columns the human formats total in a last row
    dynamic: bool = False  # the criteria matrix adds one status column per criterion code

    def title(self, lang: str, year: int) -> str:
        return (self.en if lang == "en" else self.vi).format(year=year)

    def keys(self) -> list[str]:
        return [c.key for c in self.columns]


def _c(key: str, kind: str, vi: str, en: str, **extra) -> Column:
    return Column(key, kind, vi, en, **extra)


def _place(brief_level: bool = False) -> tuple[Column, ...]:
    return (
        _c("level", "level", "Cấp", "Level", brief=brief_level, width=8),
        _c("district", TEXT, "Huyện", "District", optional=True, width=16),
        _c("province", TEXT, "Tỉnh", "Province", width=16),
        _c("commune_2025", TEXT, "Xã từ 01/7/2025", "Commune from 1 Jul 2025", optional=True, width=18),
        _c("province_2025", TEXT, "Tỉnh từ 01/7/2025", "Province from 1 Jul 2025", optional=True, width=18),
    )


PLAN = _c("plan", TEXT, "Kế hoạch", "Plan", width=22)
UNIT = _c("unit", TEXT, "Đơn vị", "Unit", width=20)
AMOUNT = _c("amount", MONEY, "Số tiền (triệu đồng)", "Amount (million VND)", width=18)

VIEWS: tuple[View, ...] = (
    View("criteria", "Ma trận tiêu chí (số liệu mới nhất đến hết năm {year})", "Criteria matrix (latest data up to {year})",
         "Tiêu chí", (
             UNIT, *_place(), PLAN,
             _c("criteria_set", TEXT, "Bộ tiêu chí", "Criteria set", brief=False, width=24),
             _c("base_set", TEXT, "Bộ tiêu chí quốc gia", "National criteria set", human=False),
             _c("criteria_period", TEXT, "Giai đoạn của bộ tiêu chí", "Criteria period", human=False),
             _c("stale", BOOL, "Số liệu cũ", "Stale", brief=False, width=8),
             _c("data_year", YEAR, "Năm số liệu", "Data year", width=8),
             _c("as_of", DATE, "Số liệu đến ngày", "Data as of", brief=False, width=12),
             _c("score", TEXT, "Đạt", "Met", width=8),
             _c("met", INT, "Số tiêu chí đạt", "Criteria met", brief=False, width=10),
             _c("total", INT, "Tổng số tiêu chí", "Criteria in set", brief=False, width=10),
             _c("declared_met", INT, "Văn bản ghi đạt", "Declared met", brief=False, width=10),
             _c("standard", STANDARD, "Chuẩn đủ tiêu chí", "Standard met", width=22),
             _c("recognised", STANDARDS, "Đã được công nhận", "Recognised", brief=False, width=22),
             _c("target_standard", STANDARD, "Chuẩn phấn đấu", "Target standard", width=22),
             _c("target_year", YEAR, "Năm phấn đấu", "Target year", width=8),
             _c("unmet", CODES, "Tiêu chí chưa đạt", "Unmet criteria", brief=False, width=20),
             _c("unknown", CODES, "Tiêu chí chưa rõ", "Unknown criteria", brief=False, width=20),
         ), dynamic=True),
    View("phasing", "Phân kỳ đạt chuẩn năm {year}", "Phasing for {year}", "Phân kỳ", (
        _c("year", YEAR, "Năm", "Year", width=8),
        _c("standard", STANDARD, "Chuẩn", "Standard", width=24),
        UNIT,
        _c("count", INT, "Số đơn vị", "Units", width=9),
        _c("level", "level", "Cấp", "Level", brief=False, width=8),
        _c("commune", TEXT, "Xã", "Commune", optional=True, width=16),
        *_place()[1:], PLAN,
        _c("basis", "phasing_basis", "Căn cứ", "Basis", width=22),
    )),
    View("roadmap", "Lộ trình đạt chuẩn theo năm (cả giai đoạn của các kế hoạch)", "Roadmap by year (whole plan periods)",
         "Lộ trình", (
             _c("year", YEAR, "Năm", "Year", width=8),
             _c("standard", STANDARD, "Chuẩn", "Standard", width=28),
             _c("count", INT, "Số đơn vị", "Units", width=10),
             _c("named", INT, "Trong đó nêu tên", "Named", width=10),
             _c("plans", INT, "Số kế hoạch", "Plans", width=10),
         )),
    View("targets", "Chỉ tiêu so với phân kỳ (năm {year} và cả giai đoạn)", "Targets against phasing ({year} and whole period)",
         "Chỉ tiêu", (
             UNIT, *_place(), PLAN,
             _c("standard", STANDARD, "Chuẩn", "Standard", width=24),
             _c("what", TEXT, "Nội dung chỉ tiêu", "Target as written", brief=False, width=40),
             _c("year", YEAR, "Đến năm", "Year", width=8),
             _c("basis", "target_basis", "Cách tính", "Basis", width=12),
             _c("qualifier", "qualifier", "Mức", "Qualifier", brief=False, width=10),
             _c("target", INT, "Chỉ tiêu", "Target", width=9),
             _c("of", INT, "Trên tổng số", "Out of", brief=False, width=9),
             _c("percent", PERCENT, "Tỷ lệ", "Percent", width=9),
             _c("planned_own", INT, "Tự phân kỳ", "Own phasing", width=10),
             _c("difference_own", INT, "Chênh (tự phân kỳ)", "Difference (own)", width=10),
             _c("planned_below", INT, "Cấp dưới phân kỳ", "Phased below", width=10),
             _c("plans_below", INT, "Số KH cấp dưới", "Plans below", width=10),
             _c("difference_below", INT, "Chênh (cấp dưới)", "Difference (below)", width=10),
         )),
    View("funding_lines", "Kinh phí theo nguồn của từng kế hoạch", "Funding by source for each plan", "Nguồn vốn từng KH", (
        UNIT, *_place(), PLAN,
        _c("period", TEXT, "Giai đoạn", "Period", width=10),
        _c("basis", "funding_basis", "Phạm vi", "Basis", width=10),
        _c("source", TEXT, "Mã nguồn", "Source key", brief=False, width=22),
        _c("source_label", TEXT, "Nguồn vốn", "Source", width=40),
        _c("line_label", TEXT, "Văn bản ghi", "As written", brief=False, width=36),
        _c("group", TEXT, "Nhóm", "Group", brief=False, width=12),
        _c("budget_level", "budget_level", "Cấp ngân sách", "Budget level", brief=False, width=12),
        _c("aggregate", BOOL, "Dòng tổng hợp", "Aggregate line", brief=False, width=10),
        _c("counted", BOOL, "Được cộng", "Counted", width=9),
        AMOUNT,
    )),
    View("funding_units", "Tổng kinh phí của từng kế hoạch", "Funding total of each plan", "Kinh phí từng KH", (
        UNIT, *_place(), PLAN,
        _c("period", TEXT, "Giai đoạn", "Period", width=10),
        _c("basis", "funding_basis", "Phạm vi", "Basis", width=10),
        _c("sources", INT, "Số nguồn", "Sources", width=8),
        _c("computed_total", MONEY, "Cộng các nguồn (triệu đồng)", "Sum of lines (million VND)", width=18),
        _c("stated_total", MONEY, "Tổng văn bản ghi (triệu đồng)", "Stated total (million VND)", width=18),
        _c("difference", MONEY, "Chênh lệch", "Difference", width=14),
    )),
    View("funding_sources", "Kinh phí năm {year} theo nguồn vốn", "Funding for {year} by source", "Theo nguồn vốn", (
        _c("source", TEXT, "Mã nguồn", "Source key", brief=False, width=22),
        _c("source_label", TEXT, "Nguồn vốn", "Source", width=44),
        _c("group", TEXT, "Nhóm", "Group", brief=False, width=12),
        _c("budget_level", "budget_level", "Cấp ngân sách", "Budget level", brief=False, width=12),
        _c("plans", INT, "Số kế hoạch", "Plans", width=10),
        AMOUNT,
    ), totals=("amount",)),
    View("funding_groups", "Kinh phí năm {year} theo nhóm nguồn", "Funding for {year} by group", "Theo nhóm nguồn", (
        _c("group", TEXT, "Mã nhóm", "Group key", brief=False, width=12),
        _c("budget_level", "budget_level", "Cấp ngân sách", "Budget level", brief=False, width=12),
        _c("label", TEXT, "Nhóm nguồn", "Group", width=44),
        _c("plans", INT, "Số kế hoạch", "Plans", width=10),
        AMOUNT,
    ), totals=("amount",)),
    View("funding_rollup", "Kinh phí năm {year} tổng hợp theo địa bàn", "Funding for {year} rolled up by area", "Theo địa bàn", (
        _c("level", "level", "Cấp", "Level", width=8),
        UNIT,
        _c("province", TEXT, "Tỉnh", "Province", width=16),
        _c("commune_plans", INT, "Số KH xã", "Commune plans", width=9),
        _c("communes_total", MONEY, "Cộng KH các xã (triệu đồng)", "Commune plans (million VND)", width=18),
        _c("district_plans", INT, "Số KH huyện", "District plans", optional=True, width=9),
        _c("districts_total", MONEY, "Cộng KH các huyện (triệu đồng)", "District plans (million VND)", optional=True,
           width=18),
        _c("own_total", MONEY, "KH của chính đơn vị (triệu đồng)", "Own plan (million VND)", width=18),
        _c("own_stated_total", MONEY, "Tổng ghi trong KH đơn vị", "Own plan, stated", width=18),
    )),
    View("gaps_criteria", "Tiêu chí chưa đạt nhiều nhất", "Criteria most often unmet", "Tiêu chí chưa đạt", (
        _c("criteria_set", TEXT, "Bộ tiêu chí", "Criteria set", width=24),
        _c("code", TEXT, "Tiêu chí", "Criterion", width=8),
        _c("name", TEXT, "Tên tiêu chí", "Name", width=40),
        _c("unmet", INT, "Số đơn vị chưa đạt", "Units not meeting it", width=10),
        _c("unknown", INT, "Số đơn vị chưa rõ", "Units unknown", width=10),
        _c("assessed", INT, "Số đơn vị được đánh giá", "Units assessed", width=10),
        _c("unmet_percent", PERCENT, "Tỷ lệ chưa đạt", "Share unmet", width=10),
    )),
    View("gaps_units", "Đơn vị còn xa chuẩn phấn đấu", "Units furthest from their target standard", "Đơn vị còn thiếu", (
        UNIT, *_place(), PLAN,
        _c("criteria_set", TEXT, "Bộ tiêu chí", "Criteria set", brief=False, width=24),
        _c("score", TEXT, "Đạt", "Met", width=8),
        _c("met", INT, "Số tiêu chí đạt", "Criteria met", brief=False, width=10),
        _c("total", INT, "Tổng số tiêu chí", "Criteria in set", brief=False, width=10),
        _c("missing", INT, "Còn thiếu", "Missing", width=9),
        _c("target_standard", STANDARD, "Chuẩn phấn đấu", "Target standard", width=22),
        _c("target_year", YEAR, "Năm phấn đấu", "Target year", width=8),
        _c("unmet", CODES, "Tiêu chí chưa đạt", "Unmet criteria", width=22),
        _c("unknown", CODES, "Tiêu chí chưa rõ", "Unknown criteria", brief=False, width=20),
    )),
    View("disagreements", "Chỗ các kế hoạch không khớp nhau", "Where plans disagree", "Không khớp", (
        _c("kind", "disagreement", "Loại", "Kind", width=30),
        UNIT,
        _c("level", "level", "Cấp", "Level", brief=False, width=8),
        _c("district", TEXT, "Huyện", "District", width=16),
        _c("province", TEXT, "Tỉnh", "Province", width=16),
        _c("standard", STANDARD, "Chuẩn", "Standard", width=22),
        _c("year", YEAR, "Năm", "Year", width=8),
        PLAN,
        _c("value", PLAIN, "Giá trị", "Value", width=12),
        _c("other_plan", TEXT, "Đối chiếu với", "Compared with", width=22),
        _c("other_value", PLAIN, "Giá trị đối chiếu", "Other value", width=12),
    )),
    View("skipped", "Bỏ qua khi tổng hợp (tệp lỗi, đánh giá không có bộ tiêu chí)", "Left out (broken files, unknown criteria sets)",
         "Bỏ qua", (
        _c("file", TEXT, "Tệp", "File", width=40),
        _c("line", INT, "Dòng", "Line", width=6),
        _c("code", TEXT, "Mã", "Code", width=6),
        _c("severity", "severity", "Mức", "Severity", width=8),
        _c("message", TEXT, "Nội dung", "Message", width=60),
    )),
)

VIEW_BY_NAME = {v.name: v for v in VIEWS}
VIEW_NAMES = tuple(VIEW_BY_NAME)
MATRIX_PREFIX = "c"

LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "level": {"xa": ("xã", "commune"), "huyen": ("huyện", "district"), "tinh": ("tỉnh", "province"), "thon": ("thôn", "village")},
    "status": {"met": ("đạt", "met"), "not_met": ("chưa đạt", "not met"), "unknown": ("chưa rõ", "unknown")},
    "phasing_basis": {"named": ("nêu tên trong lộ trình", "named in the phasing"),
                      "counted": ("số lượng theo năm của chỉ tiêu", "yearly count of a target")},
    "target_basis": {"year": ("trong năm", "in the year"), "cumulative": ("lũy kế", "cumulative")},
    "funding_basis": {"year": ("năm", "year"), "period": ("cả giai đoạn", "whole period")},
    "budget_level": {"trung_uong": ("trung ương", "central"), "tinh": ("tỉnh", "province"),
                     "huyen": ("huyện", "district"), "xa": ("xã", "commune")},
    "qualifier": {"exact": ("", ""), "about": ("khoảng", "about"), "at_least": ("ít nhất", "at least"),
                  "over": ("trên", "over"), "at_most": ("tối đa", "at most"), "under": ("dưới", "under")},
    "severity": {"error": ("lỗi", "error"), "warning": ("cảnh báo", "warning"), "info": ("thông tin", "info")},
    "disagreement": {
        "criteria_count": ("hai kế hoạch đánh giá khác nhau", "two plans assess differently"),
        "declared_count": ("số tiêu chí ghi khác số tính được", "declared count differs from computed"),
        "phasing_year": ("hai kế hoạch phân kỳ khác năm", "two plans phase in different years"),
        "target_own": ("chỉ tiêu khác lộ trình của chính kế hoạch", "target differs from own phasing"),
        "target_below": ("chỉ tiêu khác tổng phân kỳ cấp dưới", "target differs from phasing below"),
        "funding_total": ("tổng kinh phí ghi khác tổng các nguồn", "stated total differs from lines"),
        "aggregate_parts": ("dòng tổng hợp khác tổng các dòng chi tiết", "aggregate line differs from its parts"),
    },
}

BOOL_WORDS = {"vi": ("có", "không"), "en": ("yes", "no")}
STATUS_SYMBOLS = {"met": "✓", "not_met": "✗", "unknown": "?"}
UNNAMED = {"vi": "(không nêu tên)", "en": "(unnamed)"}
STANDARD_KEYS = tuple(s.value for s in Standard)
STANDARD_RANK = {key: rank for rank, key in enumerate(STANDARD_KEYS)}
GROUP_ORDER = ("ngan_sach", "ctmtqg", "long_ghep", "tin_dung", "doanh_nghiep", "nhan_dan", "xa_hoi_hoa", "khac")
BUDGET_LEVEL_ORDER = ("trung_uong", "tinh", "huyen", "xa")


def label(enum: str, value, lang: str = "vi") -> str:
    """The Vietnamese (or English) word for a coded value; the code itself when unknown."""
    if value is None:
        return ""
    pair = LABELS.get(enum, {}).get(value)
    if pair is None:
        return str(value)
    return pair[1] if lang == "en" else pair[0]


def matrix_key(code: str) -> str:
    return f"{MATRIX_PREFIX}{code}"


def matrix_column(code: str) -> Column:
    return Column(matrix_key(code), STATUS, f"TC{code}", f"C{code}", width=5)


# The report's sentences (ntm.messages is the one catalog of user-facing text).
register("P001", "Không tổng hợp được kế hoạch này: {reason}", "Could not summarise this plan: {reason}")
register("P002", "Đánh giá của {unit} theo bộ tiêu chí '{criteria_set}' không tìm thấy bộ tiêu chí: không đưa vào báo cáo",
         "The assessment of {unit} under '{criteria_set}' has no known criteria set: left out of the report")
register("P010", "Năm báo cáo không hợp lệ: {value} (1945-2100)", "Invalid report year: {value} (1945-2100)")
register("P011", "--level phải là một trong {choices} (nhận được '{value}')", "--level must be one of {choices} (got '{value}')")
register("P012", "--standard không đúng: '{value}'; các chuẩn: {choices}", "Unknown --standard '{value}'; standards: {choices}")
register("P013", "--as-of-units chỉ nhận 2025 (nhận được '{value}')", "--as-of-units accepts only 2025 (got '{value}')")
register("P014", "--format phải là {choices} (nhận được '{value}')", "--format must be {choices} (got '{value}')")
register("P015", "Định dạng {format} không in ra màn hình: hãy cho --output {what}",
         "The {format} format is not printed: give --output {what}")
register("P016", "--unit không đúng: '{value}' (mã không dấu, ví dụ tan-yen hoặc bac-giang/tan-yen)",
         "Invalid --unit '{value}' (an unaccented slug such as tan-yen or bac-giang/tan-yen)")
register("report.title", "BÁO CÁO TỔNG HỢP XÂY DỰNG NÔNG THÔN MỚI NĂM {year}", "NEW RURAL DEVELOPMENT SUMMARY, {year}")
register("report.scope", "Tổng hợp {used} kế hoạch có giai đoạn chứa năm {year} (trong {files} tệp đọc được); bỏ qua {skipped} tệp lỗi.",
         "{used} plans whose period contains {year} (of {files} readable files); {skipped} broken files skipped.")
register("report.earlier", "Ma trận tiêu chí có thêm đánh giá gần nhất lấy từ {earlier} kế hoạch đã kết thúc trước năm {year}, "
         "cho các đơn vị không kế hoạch nào của năm đánh giá.",
         "The criteria matrix adds the latest assessment from {earlier} plans that ended before {year}, for units "
         "no plan of the year assesses.")
register("report.set", "{title} ({set})", "{title} ({set})")
register("report.stale", "Số liệu cũ, chỉ để tham khảo: giai đoạn {period} của bộ tiêu chí này đã kết thúc trước năm {year}; "
         "các đơn vị dưới đây không được tính ở mục {first} và {second}.",
         "Stale data, for reference only: this set's period {period} ended before {year}; these units are not "
         "counted in sections {first} and {second}.")
register("report.continued", "(tiếp)", "(continued)")
register("report.filters", "Lọc: {filters}", "Filters: {filters}")
register("report.units2025", "Đơn vị hành chính quy về đơn vị từ 01/7/2025.", "Units rolled up into those in force from 1 July 2025.")
register("report.empty", "Không có dữ liệu.", "No data.")
register("report.omitted", "… còn {count} dòng nữa; xem đầy đủ: --format xlsx, csv hoặc md.",
         "… {count} more rows; see them all with --format xlsx, csv or md.")
register("report.total", "Tổng cộng", "Total")
register("report.legend", "✓ đạt   ✗ chưa đạt   ? chưa rõ", "✓ met   ✗ not met   ? unknown")
register("chart.criteria.title", "Số tiêu chí đạt của từng đơn vị (đến hết năm {year})", "Criteria met per unit (up to {year})")
register("chart.criteria.hist", "Số đơn vị theo số tiêu chí đạt (đến hết năm {year})", "Units by criteria met (up to {year})")
register("chart.criteria.x", "Số tiêu chí đạt", "Criteria met")
register("chart.criteria.units", "Số đơn vị", "Units")
register("chart.funding.title", "Kinh phí năm {year} theo nguồn vốn (triệu đồng)", "Funding for {year} by source (million VND)")
register("chart.phasing.title", "Lộ trình đạt chuẩn theo năm và chuẩn", "Phasing by year and standard")
register("chart.phasing.xa", "Số xã", "Communes")
register("chart.phasing.thon", "Số thôn", "Villages")
register("chart.phasing.huyen", "Số huyện", "Districts")
register("chart.phasing.tinh", "Số tỉnh", "Provinces")
register("chart.criteria.stale", "(số liệu cũ: năm {year}, bộ tiêu chí {period})", "(stale: {year} data, {period} set)")
register("chart.phasing.x", "Năm", "Year")
