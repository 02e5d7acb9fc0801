"""The T codes: every problem `ntm render` reports, registered with their Vietnamese and English text.

T001-T003 and T005-T008 are template problems (a field the template needs,
a syntax error, no template for the document kind, malformed markup, a
template that fails while running); T004 says LibreOffice is missing for
PDF; T009-T011 are usage and I/O problems; T006 warns about a section title
that carries a hand-written number; T013 says a plan that is not filled in
was printed as a draft (DỰ THẢO), T014 that a PDF took letters from a second
font family, T015 that a local government issuer's parent body was not
printed. `USAGE_OR_IO` lists the codes that make the command exit 2 (usage
or I/O) instead of 1.
"""

from __future__ import annotations

from ntm.messages import register

USAGE_OR_IO = frozenset({"T004", "T009", "T010", "T011"})

_MESSAGES = {
    "T001": (
        "Mẫu văn bản cần trường '{field}' nhưng tệp kế hoạch không có (mẫu {template}, dòng {template_line}); hãy bổ sung trường này vào tệp kế hoạch",
        "The template needs the field '{field}' but the plan file has none (template {template}, line {template_line}); add it to the plan file",
    ),
    "T002": (
        "Lỗi cú pháp trong mẫu {template}, dòng {template_line}: {problem}",
        "Syntax error in template {template}, line {template_line}: {problem}",
    ),
    "T003": (
        "Không có mẫu văn bản cho loại '{kind}' (tìm trong: {dirs}; các loại có mẫu: {available})",
        "No template for the document kind '{kind}' (looked in: {dirs}; kinds with a template: {available})",
    ),
    "T004": (
        "Chưa cài LibreOffice nên không xuất được PDF. Cài đặt: sudo apt-get install libreoffice-writer fonts-liberation2 "
        "(Debian, Ubuntu) hoặc tải tại https://www.libreoffice.org, rồi chạy lại lệnh; "
        "có thể dùng --format docx để lấy tệp Word",
        "LibreOffice is not installed, so no PDF can be made. Install it: sudo apt-get install libreoffice-writer fonts-liberation2 "
        "(Debian, Ubuntu) or from https://www.libreoffice.org, then run again; --format docx gives a Word file",
    ),
    "T005": (
        "Mẫu {template} tạo ra văn bản có cấu trúc không hợp lệ: {problem}",
        "Template {template} produced an invalid document structure: {problem}",
    ),
    "T006": (
        "Tiêu đề mục '{title}' đã có số thứ tự viết tay; ntm tự đánh số các mục, hãy bỏ số khỏi tiêu đề",
        "The section title '{title}' carries a hand-written number; ntm numbers sections itself, remove it from the title",
    ),
    "T007": (
        "LibreOffice không chuyển được văn bản sang PDF: {problem}",
        "LibreOffice could not convert the document to PDF: {problem}",
    ),
    "T008": (
        "Mẫu {template} gặp lỗi khi chạy (dòng {template_line}): {problem}",
        "Template {template} failed while running (line {template_line}): {problem}",
    ),
    "T009": (
        "Không có thư mục mẫu văn bản '{dir}'",
        "No template folder '{dir}'",
    ),
    "T010": (
        "Định dạng '{format}' không được hỗ trợ; chọn một trong: {formats}",
        "Unsupported format '{format}'; choose one of: {formats}",
    ),
    "T011": (
        "Không ghi được tệp {target}: {reason}",
        "Cannot write {target}: {reason}",
    ),
    "T012": (
        "Tệp kế hoạch có lỗi nên chưa in được văn bản; hãy sửa các lỗi trên (ntm validate) rồi chạy lại",
        "The plan file has errors, so no document was rendered; fix them (ntm validate) and run again",
    ),
    "T014": (
        "Tệp PDF dùng nhiều họ phông ({families}): phông chính thiếu một số chữ tiếng Việt (ố, ạ, ợ, ữ…) nên "
        "LibreOffice lấy chữ từ phông khác, chép chữ ra sẽ bị tách. Cài phông đủ chữ tiếng Việt: sudo apt-get "
        "install fonts-liberation2 (Debian, Ubuntu) hoặc Times New Roman, rồi in lại",
        "The PDF uses several font families ({families}): the main font lacks some Vietnamese letters (ố, ạ, ợ, ữ…), "
        "so LibreOffice took them from another font and copied text comes out split. Install a font with every "
        "Vietnamese letter: sudo apt-get install fonts-liberation2 (Debian, Ubuntu) or Times New Roman, then render again",
    ),
    "T013": (
        "Kế hoạch chưa điền đủ ({count} chỗ, xem các cảnh báo R901) nên văn bản được in thành DỰ THẢO, có chữ DỰ THẢO "
        "ở đầu mỗi trang; điền đủ rồi in lại để có bản trình ký",
        "The plan is not filled in ({count} places, see the R901 warnings), so the document is printed as a draft, "
        "DỰ THẢO at the top of every page; fill it in and render again for the copy to sign",
    ),
    "T015": (
        "'{issuer}' là cơ quan chính quyền địa phương, không có cơ quan chủ quản (Nghị định 30/2020/NĐ-CP): "
        "dòng '{parent}' không được in ở phần tên cơ quan; hãy xóa document.parent_body",
        "'{issuer}' is a local government body and has no parent body (Decree 30/2020/NĐ-CP): "
        "'{parent}' is not printed in the letterhead; remove document.parent_body",
    ),
}

for _code, (_vi, _en) in _MESSAGES.items():
    register(_code, _vi, _en)
