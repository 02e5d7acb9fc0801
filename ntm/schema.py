"""`ntm schema`: the JSON Schema of the plan model, for editors and CI peers.

Generated from the Pydantic models, with a Vietnamese description added to
every property from `FIELD_DESCRIPTIONS` (one table, so the words are kept in
one place), and the `$id`/title editors show. Plans written by ntm start with
a `yaml-language-server: $schema=…` comment pointing at this file.
"""

from __future__ import annotations

import json

SCHEMA_COMMENT = "# yaml-language-server: $schema={path}"

FIELD_DESCRIPTIONS = {
    "schema_version": "Phiên bản định dạng tệp kế hoạch (hiện là 1).",
    "slug": "Mã ngắn của kế hoạch, trùng tên tệp, ví dụ hung-my.",
    "unit": "Đơn vị hành chính mà kế hoạch nói về.",
    "level": "Cấp đơn vị: tinh, huyen, xa, thon.",
    "name": "Tên đơn vị hoặc tên người, viết đủ dấu.",
    "district": "Huyện (trước 01/7/2025).",
    "province": "Tỉnh.",
    "region": "Vùng kinh tế - xã hội theo QĐ 318/QĐ-TTg (7 vùng).",
    "commune_group": "Nhóm xã theo QĐ 51/2025/QĐ-TTg (nhom-1, nhom-2, nhom-3).",
    "criteria_set": "Bộ tiêu chí áp dụng, ví dụ xa-ntm-2021-2025.",
    "overlay": "Bộ chỉ tiêu riêng của tỉnh (bổ sung bộ tiêu chí quốc gia).",
    "period": "Giai đoạn hoặc năm của kế hoạch.",
    "start": "Năm bắt đầu.",
    "end": "Năm kết thúc.",
    "baseline_as_of": "Ngày chốt hiện trạng (thường là cuối năm trước).",
    "document": "Thông tin văn bản theo Nghị định 30/2020/NĐ-CP.",
    "kind": "Loại văn bản: KH, CT, BC…",
    "number": "Số, ký hiệu văn bản, ví dụ 05/KH-BCĐ.",
    "issuer": "Cơ quan ban hành.",
    "parent_body": "Cơ quan chủ quản.",
    "place": "Địa danh ghi trước ngày tháng.",
    "date": "Ngày ban hành (YYYY-MM-DD).",
    "title": "Trích yếu hoặc tên gọi.",
    "legal_bases": "Các căn cứ pháp lý.",
    "recipients": "Nơi nhận.",
    "archive": "Dòng lưu trữ (Lưu: VT, …).",
    "signature": "Khối chữ ký: thẩm quyền (TM., KT., Q.), chức vụ, họ tên.",
    "recognitions": "Các lần được công nhận đạt chuẩn.",
    "standard": "Chuẩn: xa_ntm, xa_nang_cao, xa_kieu_mau, thon_ntm, thon_kieu_mau, huyen_ntm, huyen_nang_cao.",
    "year": "Năm.",
    "assessments": "Hiện trạng các tiêu chí của đơn vị tại một thời điểm.",
    "declared": "Số tiêu chí đạt/chưa đạt như văn bản ghi.",
    "criteria": "Tình trạng từng tiêu chí (met, not_met, unknown).",
    "indicators": "Số liệu đo được và chỉ tiêu của từng chỉ tiêu con.",
    "as_written": "Tên tiêu chí, chỉ tiêu như văn bản ghi.",
    "detail": "Câu dẫn chiếu biểu chi tiết như văn bản ghi, ví dụ (Chi tiết theo Biểu 05 kèm theo).",
    "measures": "Số liệu hiện trạng.",
    "targets": "Chỉ tiêu phấn đấu.",
    "count": "Số đếm (tử số).",
    "of": "Tổng số (mẫu số).",
    "percent": "Tỷ lệ phần trăm như văn bản ghi.",
    "value": "Giá trị số.",
    "qualifier": "Cách hiểu con số: exact, about (khoảng), at_least (ít nhất), over (trên), at_most, under (dưới).",
    "tasks": "Nhiệm vụ theo tiêu chí.",
    "criterion": "Mã tiêu chí mà nhiệm vụ phục vụ, ví dụ \"2\".",
    "indicator": "Mã chỉ tiêu, ví dụ \"17.8\".",
    "what": "Nội dung công việc.",
    "where": "Địa điểm.",
    "quantity": "Khối lượng.",
    "parts": "Các phần cộng lại bằng khối lượng.",
    "of_which": "Phần \"trong đó\" (không vượt khối lượng).",
    "sources": "Mã các nguồn vốn.",
    "amount": "Số tiền (mặc định triệu đồng).",
    "responsible": "Đơn vị, người chịu trách nhiệm.",
    "funding": "Nguồn vốn thực hiện.",
    "total": "Tổng như văn bản ghi.",
    "lines": "Các dòng nguồn vốn.",
    "source": "Mã nguồn vốn trong danh mục.",
    "phasing": "Lộ trình đạt chuẩn theo năm.",
    "units": "Các đơn vị.",
    "by_year": "Chia theo năm.",
    "goals": "Các mục tiêu định lượng khác.",
    "sponsorship": "Đỡ đầu, phụ trách xã.",
    "duties": "Phân công nhiệm vụ theo cơ quan.",
    "monitoring": "Kiểm tra, báo cáo định kỳ.",
    "sections": "Các phần văn bản tự do (Markdown).",
    "notes": "Ghi chú của người nhập liệu.",
    "note": "Ghi chú.",
}


def plan_schema() -> dict:
    from ntm.model import Plan

    schema = Plan.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Kế hoạch nông thôn mới (ntm)"
    _describe(schema)
    return schema


def _describe(node) -> None:
    if isinstance(node, dict):
        for name, prop in (node.get("properties") or {}).items():
            if isinstance(prop, dict) and name in FIELD_DESCRIPTIONS:
                prop.setdefault("description", FIELD_DESCRIPTIONS[name])
        for value in node.values():
            _describe(value)
    elif isinstance(node, list):
        for value in node:
            _describe(value)


def schema_text() -> str:
    return json.dumps(plan_schema(), ensure_ascii=False, indent=2) + "\n"
