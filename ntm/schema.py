"""`ntm schema`: the JSON Schema of plan files, for editors and CI peers.

Generated from the Pydantic models, it must refuse whatever the model refuses: a plan an editor
shows green passes `ntm validate`. Pydantic's own output is looser than the model (a decimal may be
any string, a date is only a `format`, dictionary keys and the models' cross-field checks go
unsaid), so `_PlanSchema` says each kind of value as ntm reads it (numbers are YAML numbers, not
quoted and not NaN; dates are real days written YYYY-MM-DD; keys are of the key's type) and the
models add their cross-field checks through `json_schema_extra` (see `ntm.model.schema_rules`).
Where the lax model also takes another spelling (a quoted number, "yes" for true, a code not in
quotes, a date with a time), the schema asks for the written form: an editor may flag what ntm
lets pass, never the other way round. Out of a JSON Schema's sight: a number of more than 28
digits, which ntm refuses, and a year key written as an exponent (`2.024e3:`), which
yaml-language-server reads as 2024.

The dialect is draft-07, which every yaml-language-server release checks (2019-09 and 2020-12 only
since 1.20), written so that it means the same under 2020-12. Every property has a Vietnamese
description (the models' `Field(description=…)`); definitions, enumerated values
(`enumDescriptions`) and patterns (`patternErrorMessage`, which yaml-language-server shows instead
of the regular expression) get theirs here.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from pydantic.json_schema import GenerateJsonSchema
from pydantic_core import core_schema

SCHEMA_COMMENT = "# yaml-language-server: $schema={path}"
DIALECT = "http://json-schema.org/draft-07/schema#"
TITLE = "Kế hoạch nông thôn mới (ntm)"
DESCRIPTION = ("Một tệp kế hoạch nông thôn mới của ntm: đơn vị, văn bản, hiện trạng tiêu chí, nhiệm vụ, "
               "nguồn vốn, lộ trình. Kiểm tra đầy đủ bằng lệnh: ntm validate.")

# YYYY-MM-DD of a day that exists (leap years included), year 0001-9999: what the model reads as a date.
DATE_PATTERN = (
    r"^(?!0000)(?:[0-9]{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
    r"|02-(?:0[1-9]|1[0-9]|2[0-8]))|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)$"
)
# NaN compares false with every bound, so it passes any range; it is the one number that is
# both above 0 and below 0 by those comparisons, and this refuses it (in Python and JavaScript).
NOT_NAN = {"not": {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 0}}
DATE = {"type": "string", "format": "date", "pattern": DATE_PATTERN}
ANNOTATIONS = {"title", "description", "default", "examples", "enumDescriptions", "patternErrorMessage", "$comment"}

# What a clerk reads instead of the regular expression when a value does not match it
# (yaml-language-server shows `patternErrorMessage`; other tools ignore it).
PATTERN_WORDS = {
    DATE_PATTERN: "Ngày phải có thật trong lịch và viết YYYY-MM-DD, ví dụ 2024-02-22.",
    r"^[a-z0-9]+(-[a-z0-9]+)*$": "Mã kế hoạch chỉ gồm chữ thường không dấu, chữ số và dấu gạch nối, ví dụ hung-my.",
    r"^[0-9]+(\.[0-9]+)*$": "Mã tiêu chí, chỉ tiêu là các số cách nhau bằng dấu chấm, trong ngoặc kép, ví dụ \"17.8\".",
    r"^[0-9]*/[0-9A-Za-zĐđ&.\-]+$": "Số, ký hiệu văn bản viết dạng số/ký hiệu, ví dụ 05/KH-BCĐ.",
    "^(triệu đồng|tr\\.đồng|tr\\.đ|tỷ đồng|nghìn đồng|đồng)$":
        "Đơn vị tiền là một trong: triệu đồng, tr.đồng, tr.đ, tỷ đồng, nghìn đồng, đồng.",
    r"^[a-z0-9_]+$": "Mã nguồn vốn chỉ gồm chữ thường không dấu, chữ số và dấu gạch dưới, ví dụ ngan_sach_xa.",
}

# Vietnamese title and description of every definition (models and enumerations).
DEFINITIONS = {
    "Amount": ("Số tiền", "Số tiền kèm đơn vị và cách hiểu (đúng bằng, khoảng, trên…)."),
    "Date": ("Ngày", "Một ngày có thật trong lịch, viết YYYY-MM-DD, ví dụ 2024-02-22."),
    "Assessment": ("Đánh giá tiêu chí", "Hiện trạng các tiêu chí của một đơn vị tại một thời điểm."),
    "Authority": ("Thẩm quyền ký", "Một dòng thẩm quyền ký, ví dụ TM. BAN CHỈ ĐẠO XÃ."),
    "AuthorityForm": ("Hình thức ký", "Hình thức ghi trước thẩm quyền ký."),
    "CommuneGroup": ("Nhóm xã", "Nhóm xã theo QĐ 51/2025/QĐ-TTg (giai đoạn 2026-2030)."),
    "CriterionStatus": ("Tình trạng tiêu chí", "Tình trạng một tiêu chí như văn bản ghi."),
    "Declared": ("Số tiêu chí khai báo", "Số tiêu chí đạt, chưa đạt và tổng số như văn bản ghi (\"đạt 16/19\")."),
    "Document": ("Văn bản", "Thể thức văn bản theo Nghị định 30/2020/NĐ-CP."),
    "DocumentKind": ("Loại văn bản", "Tên loại văn bản viết tắt theo Phụ lục III Nghị định 30/2020/NĐ-CP."),
    "Duty": ("Nhiệm vụ của cơ quan", "Nhiệm vụ giao cho một cơ quan, đơn vị."),
    "Figure": ("Số liệu", "Một con số như văn bản ghi: số đếm trên tổng số, tỷ lệ, giá trị kèm đơn vị, hoặc có/không."),
    "Frequency": ("Kỳ báo cáo", "Tần suất kiểm tra, báo cáo."),
    "Funding": ("Nguồn vốn", "Kinh phí thực hiện theo nguồn, kèm tổng như văn bản ghi."),
    "FundingLine": ("Dòng vốn", "Một dòng vốn: mã nguồn và số tiền."),
    "Goal": ("Mục tiêu", "Một mục tiêu định lượng không đếm theo đơn vị (thu nhập, tỷ lệ bao phủ…)."),
    "IndicatorStatus": ("Tình trạng chỉ tiêu", "Tình trạng, số liệu hiện trạng và mức phấn đấu của một chỉ tiêu."),
    "LegalBasis": ("Văn bản viện dẫn", "Một dòng căn cứ hoặc viện dẫn văn bản khác."),
    "Level": ("Cấp đơn vị", "Cấp của đơn vị hành chính."),
    "Milestone": ("Bước lộ trình", "Các đơn vị đạt một chuẩn trong một năm."),
    "Monitoring": ("Chế độ báo cáo", "Kiểm tra, báo cáo: kỳ báo cáo, hạn, nơi gửi."),
    "Period": ("Giai đoạn", "Năm bắt đầu và năm kết thúc của kế hoạch."),
    "Qualifier": ("Cách hiểu con số", "Con số đúng bằng, khoảng, trên, ít nhất… như văn bản ghi."),
    "Recognition": ("Công nhận đạt chuẩn", "Một lần được công nhận đạt chuẩn: chuẩn, năm, quyết định."),
    "Region": ("Vùng kinh tế - xã hội", "Vùng kinh tế - xã hội theo QĐ 318/QĐ-TTg (giai đoạn 2021-2025)."),
    "Section": ("Phần văn bản", "Một phần văn bản: tiêu đề, nội dung Markdown và các phần con."),
    "SectionKey": ("Khóa phần văn bản", "Phần văn bản tự do mà nội dung thuộc về."),
    "Signature": ("Chữ ký", "Khối chữ ký: thẩm quyền, chức vụ, họ tên người ký."),
    "SponsorRole": ("Vai trò đỡ đầu", "Đỡ đầu hay phụ trách."),
    "SponsoredUnit": ("Xã được đỡ đầu", "Một xã được đỡ đầu hoặc phụ trách."),
    "Sponsorship": ("Đỡ đầu", "Việc đỡ đầu, phụ trách xã của một cơ quan, tổ chức."),
    "Standard": ("Chuẩn", "Chuẩn mà một đơn vị đạt hoặc phấn đấu đạt."),
    "Status": ("Tình trạng", "Đạt, chưa đạt hay chưa rõ."),
    "Target": ("Chỉ tiêu", "Một chỉ tiêu đếm theo số đơn vị, có thể chia theo năm."),
    "Task": ("Nhiệm vụ", "Một nhiệm vụ, công việc phục vụ một tiêu chí hoặc chỉ tiêu."),
    "TaskPart": ("Phần khối lượng", "Một phần của khối lượng nhiệm vụ."),
    "Unit": ("Đơn vị hành chính", "Đơn vị mà kế hoạch nói về: cấp, tên, huyện, tỉnh, vùng hoặc nhóm xã."),
    "UnitRef": ("Đơn vị được nêu", "Một đơn vị khác được nêu trong kế hoạch: xã trong lộ trình, xã được đỡ đầu."),
}

# What each enumerated value means, shown beside it when an editor completes the value.
ENUM_WORDS = {
    "AuthorityForm": {"TM": "Thay mặt (TM.)", "KT": "Ký thay (KT.)", "Q": "Quyền (Q.)", "TL": "Thừa lệnh (TL.)",
                      "TUQ": "Thừa ủy quyền (TUQ.)"},
    "CommuneGroup": {"nhom-1": "Xã nhóm 1", "nhom-2": "Xã nhóm 2", "nhom-3": "Xã nhóm 3"},
    "DocumentKind": {"KH": "Kế hoạch", "CT": "Chỉ thị", "CTr": "Chương trình", "BC": "Báo cáo", "QĐ": "Quyết định",
                     "NQ": "Nghị quyết", "TB": "Thông báo", "HD": "Hướng dẫn", "ĐA": "Đề án",
                     "tin": "Tin bài đăng trên trang tin"},
    "Frequency": {"weekly": "Hằng tuần", "monthly": "Hằng tháng", "quarterly": "Hằng quý", "half_yearly": "6 tháng",
                  "nine_monthly": "9 tháng", "yearly": "Hằng năm", "ad_hoc": "Đột xuất", "once": "Một lần"},
    "Level": {"tinh": "Tỉnh", "huyen": "Huyện", "xa": "Xã", "thon": "Thôn"},
    "Qualifier": {"exact": "Đúng bằng", "about": "Khoảng", "at_least": "Ít nhất", "over": "Trên",
                  "at_most": "Nhiều nhất", "under": "Dưới"},
    "Region": {"TDMNPB": "Trung du và miền núi phía Bắc", "DBSH": "Đồng bằng sông Hồng", "BTB": "Bắc Trung Bộ",
               "DHNTB": "Duyên hải Nam Trung Bộ", "TN": "Tây Nguyên", "DNB": "Đông Nam Bộ",
               "DBSCL": "Đồng bằng sông Cửu Long"},
    "SectionKey": {"preamble": "Mở đầu", "purpose": "Mục đích", "requirements": "Yêu cầu",
                   "results": "Kết quả thực hiện", "objectives": "Mục tiêu", "tasks": "Nhiệm vụ",
                   "solutions": "Giải pháp thực hiện", "organisation": "Tổ chức thực hiện",
                   "reporting": "Chế độ kiểm tra, báo cáo", "closing": "Phần kết"},
    "SponsorRole": {"sponsored": "Đỡ đầu", "supervised": "Phụ trách"},
    "Standard": {"xa_ntm": "Xã đạt chuẩn nông thôn mới", "xa_nang_cao": "Xã nông thôn mới nâng cao",
                 "xa_kieu_mau": "Xã nông thôn mới kiểu mẫu", "thon_ntm": "Thôn đạt chuẩn nông thôn mới",
                 "thon_kieu_mau": "Thôn nông thôn mới kiểu mẫu", "huyen_ntm": "Huyện đạt chuẩn nông thôn mới",
                 "huyen_nang_cao": "Huyện nông thôn mới nâng cao",
                 "tinh_hoan_thanh": "Tỉnh hoàn thành nhiệm vụ xây dựng nông thôn mới"},
    "Status": {"met": "Đạt", "not_met": "Chưa đạt", "unknown": "Chưa rõ"},
}


class _PlanSchema(GenerateJsonSchema):
    """Pydantic's generator, saying numbers, dates and keys as strictly as ntm reads them."""

    def decimal_schema(self, schema: core_schema.DecimalSchema) -> dict[str, Any]:
        json_schema: dict[str, Any] = {"type": "number"}
        for core_key, json_key in self.ValidationsMapping.numeric.items():
            if core_key in schema:
                json_schema[json_key] = _plain_number(schema[core_key])
        if schema.get("max_digits") is not None:  # |x| < 10^(digits before the point), as a JSON number (a double)
            limit = float(10 ** (schema["max_digits"] - (schema.get("decimal_places") or 0)))
            json_schema.setdefault("exclusiveMaximum", limit)
            if "minimum" not in json_schema and "exclusiveMinimum" not in json_schema:
                json_schema["exclusiveMinimum"] = -limit
        if not schema.get("allow_inf_nan"):
            json_schema.update(NOT_NAN)
        return json_schema

    def date_schema(self, schema: core_schema.DateSchema) -> dict[str, Any]:
        return dict(DATE)  # made a reference to the `Date` definition by `plan_schema`

    def dict_schema(self, schema: core_schema.DictSchema) -> dict[str, Any]:
        json_schema: dict[str, Any] = {"type": "object"}
        values = self.generate_inner(schema["values_schema"]) if "values_schema" in schema else {}
        json_schema["additionalProperties"] = {k: v for k, v in values.items() if k != "title"} or True
        if "keys_schema" in schema:
            names = _key_names(self.generate_inner(schema["keys_schema"]))
            if names:
                json_schema["propertyNames"] = names
        self.update_with_validations(json_schema, schema, self.ValidationsMapping.object)
        return json_schema

    def chain_schema(self, schema: core_schema.ChainSchema) -> dict[str, Any]:
        """Every step must hold: a code is turned into text, then matched against its pattern.

        (Pydantic describes only the first step, which would drop the pattern.)"""
        merged: dict[str, Any] = {}
        for step in schema["steps"]:
            for key, value in self.generate_inner(step).items():
                if merged.setdefault(key, value) != value:
                    return {"allOf": [self.generate_inner(step) for step in schema["steps"]]}
        return merged

    def field_title_should_be_set(self, schema) -> bool:
        return False  # a field's name is its key; the Vietnamese words are in its description


def plan_schema() -> dict:
    """The JSON Schema of a plan file, draft-07."""
    from ntm.model import Plan

    generated = Plan.model_json_schema(schema_generator=_PlanSchema, ref_template="#/definitions/{model}")
    definitions = {**generated.pop("$defs"), "Date": dict(DATE)}  # named below, so not replaced by a reference
    for name, definition in definitions.items():
        _name_definition(name, definition)
    generated.pop("title", None)
    schema = {"$schema": DIALECT, "title": TITLE, "description": DESCRIPTION, **generated,
              "definitions": dict(sorted(definitions.items()))}
    return _bottom_up(schema, _for_editors)


def schema_text() -> str:
    return _dump(plan_schema(), 0) + "\n"


def _name_definition(name: str, definition: dict) -> None:
    title, description = DEFINITIONS[name]
    definition["title"], definition["description"] = title, description
    if "enum" in definition:
        words = ENUM_WORDS[name]
        definition["enumDescriptions"] = [words[value] for value in definition["enum"]]


def _key_names(keys: dict) -> dict | None:
    """`propertyNames` for a dictionary's key type.

    check-jsonschema hands every key over as text; yaml-language-server keeps a key's YAML
    type, and checks a `pattern` only on text keys. So integer keys are text matching the
    range or an integer within it, and text keys must be text (an unquoted `2:` is a number).
    """
    if keys.get("type") == "integer":
        low, high = keys["minimum"], keys["maximum"]
        words = f"Số nguyên từ {low} đến {high}, không có dấu hay số 0 ở đầu."
        return {"anyOf": [{"type": "string", "pattern": int_range_pattern(low, high), "patternErrorMessage": words},
                          {"type": "integer", "minimum": low, "maximum": high}]}
    names = {k: v for k, v in keys.items() if k != "title"}
    return names if set(names) - {"type"} else None


def int_range_pattern(low: int, high: int) -> str:
    """A pattern for the decimal integers low..high written without sign or leading zeros."""
    parts: list[str] = []
    while low <= high:
        top = min(high, 10 ** len(str(low)) - 1)  # split where the number of digits changes
        parts += _same_length(str(low), str(top))
        low = top + 1
    return "^(?:" + "|".join(parts) + ")$"


def _same_length(low: str, high: str) -> list[str]:
    if low == high:
        return [low]
    rest = len(low) - 1
    if low[1:] == "0" * rest and high[1:] == "9" * rest:
        return [f"[{low[0]}-{high[0]}]" + "[0-9]" * rest]
    if low[0] == high[0]:
        return [low[0] + tail for tail in _same_length(low[1:], high[1:])]
    parts = [low[0] + tail for tail in _same_length(low[1:], "9" * rest)]
    if int(high[0]) - int(low[0]) > 1:
        parts.append(f"[{int(low[0]) + 1}-{int(high[0]) - 1}]" + "[0-9]" * rest)
    return parts + [high[0] + tail for tail in _same_length("0" * rest, high[1:])]


def _plain_number(value: Any) -> int | float:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _bottom_up(node: Any, change) -> Any:
    """`change` applied to every object of the schema, innermost first."""
    if isinstance(node, list):
        return [_bottom_up(item, change) for item in node]
    if isinstance(node, dict):
        return change({key: _bottom_up(value, change) for key, value in node.items()})
    return node


def _for_editors(node: dict) -> dict:
    """One object of the schema as editors best read it (and as draft-07 reads it)."""
    if node == DATE:  # every date names the one `Date` definition instead of repeating its pattern
        return {"$ref": "#/definitions/Date"}
    if isinstance(node.get("pattern"), str) and "patternErrorMessage" not in node:
        node["patternErrorMessage"] = PATTERN_WORDS[node["pattern"]]  # a pattern without words fails here
    if "$ref" in node and set(node) - ANNOTATIONS - {"$ref"}:  # draft-07 ignores whatever stands beside a $ref
        node["allOf"] = [{"$ref": node.pop("$ref")}, *node.get("allOf", [])]
    return node


def _dump(node: Any, indent: int, start: int = 0, width: int = 110) -> str:
    """JSON with two-space indents, each object or list on one line when it fits from `start`."""
    flat = json.dumps(node, ensure_ascii=False)
    if not isinstance(node, (dict, list)) or not node or start + len(flat) <= width:
        return flat
    pad = " " * (indent + 2)
    if isinstance(node, list):
        items = [pad + _dump(item, indent + 2, len(pad), width) for item in node]
        return "[\n" + ",\n".join(items) + "\n" + " " * indent + "]"
    items = []
    for key, value in node.items():
        prefix = pad + json.dumps(key, ensure_ascii=False) + ": "
        items.append(prefix + _dump(value, indent + 2, len(prefix), width))
    return "{\n" + ",\n".join(items) + "\n" + " " * indent + "}"
