"""The message catalog: every user-facing sentence, in Vietnamese and English.

Messages are keyed by diagnostic code (Y… loading, S… schema, R… plan rules,
C… criteria and catalogs, U… administrative units, T… templates) or by a
CLI key, and filled from named parameters. Vietnamese is the default;
English is chosen with `--lang en` or `NTM_LANG=en`. No other module
builds a user-facing sentence.
"""

from __future__ import annotations

import os
import string
from typing import Any

MESSAGES: dict[str, dict[str, str]] = {
    # Loading (Y)
    "Y001": {"vi": "Không đọc được tệp: {reason}", "en": "Cannot read the file: {reason}"},
    "Y002": {
        "vi": "Tệp không mã hóa UTF-8 ({encoding}); hãy lưu lại dưới dạng UTF-8",
        "en": "The file is not UTF-8 ({encoding}); save it again as UTF-8",
    },
    "Y003": {"vi": "Tệp nhị phân, không phải YAML", "en": "Binary file, not YAML"},
    "Y004": {"vi": "Tệp rỗng", "en": "Empty file"},
    "Y005": {"vi": "Lỗi cú pháp YAML: {problem}", "en": "YAML syntax error: {problem}"},
    "Y006": {
        "vi": "Khóa '{key}' bị lặp (đã có ở dòng {first_line})",
        "en": "Duplicate key '{key}' (first at line {first_line})",
    },
    "Y007": {
        "vi": "Thẻ YAML '{tag}' không được phép (tệp kế hoạch chỉ chứa dữ liệu)",
        "en": "YAML tag '{tag}' is not allowed (plan files hold data only)",
    },
    "Y008": {
        "vi": "Tài liệu quá lớn hoặc alias lồng nhau quá sâu (giới hạn {limit})",
        "en": "Document too large or aliases nested too deep (limit {limit})",
    },
    "Y009": {"vi": "Khóa phải là một giá trị đơn", "en": "A mapping key must be a scalar"},
    "Y010": {
        "vi": "Có ký tự tab trong phần thụt lề; YAML chỉ cho phép dấu cách ({problem})",
        "en": "Tab in indentation; YAML allows spaces only ({problem})",
    },
    "Y011": {"vi": "Tệp kế hoạch phải là một bảng khóa: giá trị", "en": "A plan file must be a mapping"},
    "Y012": {"vi": "Không tìm thấy tệp hoặc thư mục", "en": "No such file or folder"},
    "Y013": {"vi": "Bỏ qua vòng lặp liên kết thư mục", "en": "Skipped a directory symlink loop"},
    "Y014": {"vi": "Không tìm thấy tệp kế hoạch (.yaml) nào", "en": "No plan files (.yaml) found"},
    "Y015": {"vi": "Số {value} quá lớn hoặc quá nhỏ để đọc chính xác", "en": "The number {value} is too large or too small to read exactly"},
    "Y016": {
        "vi": "Alias '*{alias}' làm tài liệu phình quá lớn: khi thay mọi alias bằng nội dung của nó, tài liệu vượt "
              "giới hạn của tệp này ({nodes} nút, {limit} ký tự); hãy viết thẳng giá trị thay vì lặp lại qua alias",
        "en": "Alias '*{alias}' blows the document up: with every alias replaced by its content, the document exceeds "
              "this file's limits ({nodes} nodes, {limit} characters); write the values out instead of repeating them through aliases",
    },
    # Usage (U): the command line was asked something it cannot do
    "U001": {"vi": "--format: '{value}' không hợp lệ ({choices})", "en": "--format: '{value}' is not valid ({choices})"},
    "U002": {"vi": "Không tìm thấy kế hoạch '{ref}' trong {plans} (gần giống: {close})",
             "en": "No plan '{ref}' in {plans} (closest: {close})"},
    "U003": {"vi": "--charts cần matplotlib: pip install 'ntm[charts]'", "en": "--charts needs matplotlib: pip install 'ntm[charts]'"},
    "U004": {"vi": "Không có tệp {path}", "en": "No such file: {path}"},
    "U005": {"vi": "--changed cần git, nhưng không tìm thấy lệnh git", "en": "--changed needs git, which is not installed"},
    "U006": {"vi": "--changed: git báo lỗi: {detail}", "en": "--changed: git failed: {detail}"},
    "U007": {"vi": "--changed: không có mốc git '{base}'", "en": "--changed: unknown git revision '{base}'"},
    "U008": {"vi": "--changed: không biết so sánh với mốc nào (nhánh không có upstream, không có origin/HEAD, main "
                   "hay master); hãy ghi --base, ví dụ --base origin/main",
             "en": "--changed: nothing to compare with (no upstream branch, no origin/HEAD, main or master); "
                   "give --base, e.g. --base origin/main"},
    "U009": {"vi": "--changed: bản sao git nông (shallow clone) thiếu lịch sử để so sánh với '{base}'; hãy lấy đủ lịch "
                   "sử: git fetch --unshallow origin (GitHub Actions: actions/checkout với fetch-depth: 0)",
             "en": "--changed: this shallow clone lacks the history to compare with '{base}'; fetch it: "
                   "git fetch --unshallow origin (GitHub Actions: actions/checkout with fetch-depth: 0)"},
    "U010": {"vi": "--changed: '{base}' và HEAD không có lịch sử chung", "en": "--changed: '{base}' and HEAD share no history"},
    "U011": {"vi": "--lang: '{value}' không hợp lệ (vi | en)", "en": "--lang: '{value}' is not valid (vi | en)"},
    "U030": {"vi": "--unit: không có đơn vị hay kế hoạch '{value}' trong các tệp đã đọc (gần giống: {close})",
             "en": "--unit: no unit or plan '{value}' in the files read (closest: {close})"},
    "U031": {"vi": "--unit: không có đơn vị hay kế hoạch '{value}' trong các tệp đã đọc; hãy ghi mã không dấu của "
                   "tên đơn vị (ví dụ tan-yen hoặc bac-giang/tan-yen) hoặc mã kế hoạch",
             "en": "--unit: no unit or plan '{value}' in the files read; give an unaccented slug of a unit's name "
                   "(such as tan-yen or bac-giang/tan-yen) or a plan's slug"},
    "U032": {"vi": "--standard không đúng: '{value}' (gần giống: {close}); các chuẩn: {choices}",
             "en": "Unknown --standard '{value}' (closest: {close}); standards: {choices}"},
    # Internal (X): ntm itself stopped; X001 (a rule that failed) is registered by ntm.rules
    "X002": {"vi": "đã dừng theo yêu cầu (Ctrl-C); không tệp nào bị ghi dở",
             "en": "stopped on request (Ctrl-C); no file was left half-written"},
    "X003": {"vi": "lỗi đọc/ghi: {reason} ({file})", "en": "read/write error: {reason} ({file})"},
    "X004": {"vi": "lỗi nội bộ không mong muốn; chi tiết đã ghi vào {log}. Hãy gửi tệp này cho nhóm phát triển.",
             "en": "unexpected internal error; the details are in {log}. Please send this file to the developers."},
    # Criteria and catalogs (C): what `ntm criteria` cannot answer (C101-C117 are catalog lint, ntm.catalog_lint)
    "C120": {"vi": "Không có bộ tiêu chí '{set}' (có: {known})", "en": "No criteria set '{set}' (available: {known})"},
    "C121": {"vi": "Vùng '{value}' không có trong bộ {set} (có: {known})",
             "en": "Region '{value}' is not one of {set} (available: {known})"},
    "C122": {"vi": "Nhóm xã '{value}' không có trong bộ {set} (có: {known})",
             "en": "Commune group '{value}' is not one of {set} (available: {known})"},
    "C123": {"vi": "Bộ {set} không chia ngưỡng theo {dim} nên {option} không có tác dụng; {hint}",
             "en": "{set} does not vary its thresholds by {dim}, so {option} has no effect; {hint}"},
    "C124": {"vi": "Năm {year} nằm ngoài giai đoạn {period} của bộ {set}{hint}",
             "en": "{year} is outside the period {period} of {set}{hint}"},
    "C125": {"vi": "Tệp bộ tiêu chí {set} không đọc được: {detail}", "en": "The criteria file {set} cannot be read: {detail}"},
    # Schema (S)
    "S000": {"vi": "Giá trị không hợp lệ tại '{field}' ({type})", "en": "Invalid value at '{field}' ({type})"},
    "S001": {"vi": "Thiếu trường bắt buộc '{field}'", "en": "Missing required field '{field}'"},
    "S002": {"vi": "Trường không được biết '{field}' (lỗi chính tả?)", "en": "Unknown field '{field}' (a typo?)"},
    "S003": {"vi": "Sai kiểu dữ liệu tại '{field}': {value}", "en": "Wrong type at '{field}': {value}"},
    "S004": {
        "vi": "Giá trị '{value}' tại '{field}' không thuộc danh sách cho phép: {expected}",
        "en": "'{value}' at '{field}' is not one of: {expected}",
    },
    "S005": {"vi": "Ngày không hợp lệ tại '{field}': {value}", "en": "Invalid date at '{field}': {value}"},
    "S006": {
        "vi": "Số ngoài phạm vi cho phép tại '{field}': {value} (giới hạn {bound})",
        "en": "Number out of range at '{field}': {value} (bound {bound})",
    },
    "S007": {
        "vi": "Giá trị '{value}' tại '{field}' sai định dạng",
        "en": "'{value}' at '{field}' has the wrong format",
    },
    "S008": {"vi": "Giá trị không hợp lệ tại '{field}': {reason}", "en": "Invalid value at '{field}': {reason}"},
    "S010": {
        "vi": "Số không hữu hạn tại '{field}': {value} (.inf, .nan không được dùng)",
        "en": "Number is not finite at '{field}': {value} (.inf, .nan are not allowed)",
    },
    "S009": {"vi": "'{field}' không được để trống", "en": "'{field}' must not be empty"},
}

# Reasons raised by model validators (S008), by key.
REASONS: dict[str, dict[str, str]] = {
    "figure_of_without_count": {"vi": "có 'of' mà thiếu 'count'", "en": "'of' without 'count'"},
    "figure_zero_total": {"vi": "tổng số ('of') bằng 0", "en": "the total ('of') is zero"},
    "figure_empty": {"vi": "số liệu không có giá trị nào", "en": "the figure has no value"},
    "unit_name_missing": {
        "vi": "đơn vị thiếu tên (ghi 'note' nếu văn bản không nêu tên)",
        "en": "the unit has no name (write a 'note' if the document names none)",
    },
    "unit_province_with_district": {"vi": "đơn vị cấp tỉnh không có huyện", "en": "a province has no district"},
    "period_reversed": {"vi": "năm kết thúc trước năm bắt đầu", "en": "the period ends before it starts"},
}

STANDARD_LABELS = {
    "xa_ntm": ("xã nông thôn mới", "NTM commune"),
    "xa_nang_cao": ("xã nông thôn mới nâng cao", "advanced NTM commune"),
    "xa_kieu_mau": ("xã nông thôn mới kiểu mẫu", "model NTM commune"),
    "thon_ntm": ("thôn nông thôn mới", "NTM village"),
    "thon_kieu_mau": ("thôn nông thôn mới kiểu mẫu", "model NTM village"),
    "huyen_ntm": ("huyện nông thôn mới", "NTM district"),
    "huyen_nang_cao": ("huyện nông thôn mới nâng cao", "advanced NTM district"),
    "tinh_hoan_thanh": ("tỉnh hoàn thành nhiệm vụ xây dựng nông thôn mới", "province completing NTM"),
}


def standard_label(value, lang: str | None = None):
    """The standard's name; without `lang`, a {vi, en} pair that messages localise late."""
    key = getattr(value, "value", value)
    vi, en = STANDARD_LABELS.get(key, (key, key))
    if lang is None:
        return {"vi": vi, "en": en}
    return en if lang == "en" else vi


def grouped_count(number: int) -> dict[str, str]:
    """A count for a message, its thousands grouped as each language writes them (100.756; 100,756)."""
    from ntm.vnformat import format_number

    return {"vi": format_number(number), "en": f"{number:,}"}


SEVERITY_WORDS = {
    "vi": {"error": "lỗi", "warning": "cảnh báo", "info": "thông tin"},
    "en": {"error": "error", "warning": "warning", "info": "info"},
}


# The command line's own words around ntm's help texts and usage errors (Typer/Click print
# them in English only), as (Vietnamese, English); see ntm.cli_scaffold.
CLI_WORDS = {
    # help layout
    "usage": ("Cách dùng:", "Usage:"),
    "options_metavar": ("[TÙY_CHỌN]", "[OPTIONS]"),
    "command_metavar": ("LỆNH [ĐỐI_SỐ]…", "COMMAND [ARGS]…"),
    "heading_options": ("Tùy chọn", "Options"),
    "heading_arguments": ("Đối số", "Arguments"),
    "heading_commands": ("Lệnh", "Commands"),
    "help_option": ("Hiện hướng dẫn này rồi thoát.", "Show this message and exit."),
    "install_completion": ("Cài gợi ý tự hoàn thành lệnh (phím Tab) cho shell đang dùng.",
                           "Install completion for the current shell."),
    "show_completion": ("In đoạn mã gợi ý tự hoàn thành lệnh của shell đang dùng, để chép hoặc tự cài.",
                        "Show completion for the current shell, to copy it or customize the installation."),
    "version_option": ("In phiên bản ntm rồi thoát.", "Show the version of ntm and exit."),
    "lang_option": ("Ngôn ngữ thông báo: vi (mặc định) hoặc en; biến môi trường NTM_LANG cũng chọn được.",
                    "Language of the messages: vi (the default) or en; the NTM_LANG variable chooses it too."),
    "quiet_option": ("Chỉ in các phát hiện.", "Print the findings only."),
    "verbose_option": ("In thêm chi tiết, cả các phát hiện mức thông tin.", "Print more detail, info findings too."),
    "extra_default": ("mặc định", "default"),
    "extra_required": ("bắt buộc", "required"),
    "extra_env_var": ("biến môi trường", "env var"),
    # usage errors
    "error": ("Lỗi: {message}", "Error: {message}"),
    "try_help": ("Xem '{command} {option}' để biết cách dùng.", "Try '{command} {option}' for help."),
    "no_such_option": ("Không có tùy chọn {name}", "No such option: {name}"),
    "did_you_mean": ("(có phải ý bạn là {names}?)", "(did you mean {names}?)"),
    "no_such_command": ("Không có lệnh '{name}'.", "No such command '{name}'."),
    "missing_command": ("Thiếu tên lệnh.", "Missing command."),
    "missing_argument": ("Thiếu đối số {name}.", "Missing argument {name}."),
    "missing_option": ("Thiếu tùy chọn {name}.", "Missing option {name}."),
    "missing_parameter": ("Thiếu tham số {name}.", "Missing parameter {name}."),
    "invalid_value": ("Giá trị không hợp lệ cho {name}: {reason}", "Invalid value for {name}: {reason}"),
    "not_an_integer": ("'{value}' không phải là số nguyên", "'{value}' is not a whole number"),
    "not_a_number": ("'{value}' không phải là số", "'{value}' is not a number"),
    "needs_value": ("Tùy chọn {name} cần một giá trị.", "Option {name} needs a value."),
    "takes_no_value": ("Tùy chọn {name} không nhận giá trị.", "Option {name} does not take a value."),
    "extra_arguments": ("Thừa đối số: {args}", "Unexpected extra arguments: {args}"),
    "aborted": ("Đã hủy.", "Aborted."),
    # notes
    "changed_against": ("--changed: so với {base} (điểm chung {commit})", "--changed: compared with {base} (merge base {commit})"),
    "summary_columns": ("| vị trí | mức | mã | nội dung |", "| location | severity | code | message |"),
    "summary_by_rule": ("| mã | mức | số phát hiện |", "| code | severity | findings |"),
    "summary_more": ("Còn {count} phát hiện không hiện ở đây vì tóm tắt của GitHub giới hạn 1 MiB mỗi bước; chạy "
                     "`ntm validate` để xem đủ. Theo quy tắc:",
                     "{count} more findings are not shown, as GitHub limits a step summary to 1 MiB; run "
                     "`ntm validate` to see them all. By rule:"),
    "infos_hidden": (" (không hiện; thêm --verbose để xem)", " (not shown; add --verbose to see them)"),
}


# What to type, as help and usage lines name it. Every argument and option of ntm.cli that takes a value
# declares one of these Vietnamese words as its metavar; --lang en shows the English. An argument that
# takes several values shows "…" after it (ĐƯỜNG_DẪN…).
METAVARS = {
    "ĐƯỜNG_DẪN": "PATH",  # a file or a folder
    "TỆP": "FILE",
    "THƯ_MỤC": "FOLDER",
    "BẢNG_TÍNH": "SHEET",  # a spreadsheet: .xlsx, .csv or a folder of csv
    "MÃ_KẾ_HOẠCH": "SLUG",  # a plan's slug (or its file)
    "NĂM": "YEAR",
    "SỐ": "N",
    "ĐỊNH_DẠNG": "FORMAT",
    "NGÔN_NGỮ": "LANG",
    "MỐC_GIT": "REF",
    "BỘ_TIÊU_CHÍ": "SET",
    "VÙNG": "REGION",
    "NHÓM": "GROUP",
    "CẤP": "LEVEL",
    "CHUẨN": "STANDARD",
    "ĐƠN_VỊ": "UNIT",
}

# The English help of the command line: for each command (by its name; "" is `ntm` itself) its
# docstring under "" and each parameter's help under the parameter's name. The Vietnamese stands where
# the command is declared (ntm.cli); the options every command shares are in CLI_WORDS. A line "\b"
# starts a paragraph Click never re-wraps: the examples.
HELP_EN: dict[str, dict[str, str]] = {
    "": {
        "": "New Rural Development (NTM) plans as data: check them, sum them up, print the documents.\n\n"
            "Each command has its own help: ntm COMMAND --help.\n\n"
            "\b\nExamples:\n  ntm validate plans/\n  ntm report --year 2024 plans/",
    },
    "validate": {
        "": "Check plan files.\n\n"
            "Checks each file and folder given (folders recursively, the plans repository's own criteria sets "
            "in catalogs/ too). Each finding has a rule code, a severity, its place (file:line:column) and its "
            "YAML path. Exit code: 0 no errors, 1 errors (warnings too with --strict), 2 a usage error or a "
            "file that cannot be read or written.\n\n"
            "\b\nExamples:\n  ntm validate plans/\n  ntm validate plans/ --format github --changed --base main",
        "paths": "Plan files or folders (searched recursively).",
        "format": "How to print the findings: text | json | github | junit | auto (auto: github inside GitHub "
                  "Actions, text elsewhere).",
        "strict": "Warnings fail the run too (exit code 1).",
        "jobs": "Number of processes working in parallel (default: the number of CPU cores).",
        "no_cache": "Do not use the result cache.",
        "output": "Write the findings to this file instead of the screen.",
        "changed": "Check only the files changed since --base (git), with the cross-file rules that concern them.",
        "base": "The git revision --changed compares with, e.g. origin/main, at its merge base with HEAD (as "
                "git diff REF...). Default: the upstream branch, origin/HEAD, main or master.",
    },
    "rules": {
        "": "List the rules ntm checks.\n\n"
            "For each rule: its code, severity, what it checks and what it does when a value is missing; "
            "--examples adds a plan that passes it and one that fails it.\n\n"
            "\b\nExamples:\n  ntm rules\n  ntm rules --examples --format md",
        "format": "Output format: text | json | md.",
        "examples": "Print each rule's passing and failing example too.",
    },
    "schema": {
        "": "Print the JSON Schema of plan files.\n\n"
            "Editors (yaml-language-server) and check-jsonschema use it to offer the fields with their "
            "Vietnamese descriptions and to refuse, as you type, what ntm validate refuses.\n\n"
            "\b\nExample:\n  ntm schema --output schema/plan.schema.json",
        "output": "The file to write the schema to (default: print it).",
    },
    "criteria": {
        "": "Show a criteria set and its thresholds.\n\n"
            "Codes, names of criteria and indicators, thresholds by region, commune group and year, legal "
            "source, confidence. Without --set: the national set of NTM communes in force today, or the one "
            "whose period holds --year.\n\n"
            "\b\nExamples:\n  ntm criteria --list\n  ntm criteria --set xa-ntm-2016-2020 --region TDMNPB --year 2020",
        "set_id": "A set's id (see ntm criteria --list) or the path of a .yaml file. Default: the set of NTM "
                  "communes in force today (--list names it), or with --year the one whose period holds that "
                  "year.",
        "region": "Region (sets up to 2025): TDMNPB, DBSH, BTB, DHNTB, TN, DNB, DBSCL.",
        "group": "Commune group (the 2026–2030 set): nhom-1, nhom-2, nhom-3.",
        "year": "The year whose thresholds to show (incomes and poverty lines change by year).",
        "list_sets": "List the shipped criteria sets: id, period, the day each came into force, title (--format "
                     "json for scripts).",
        "format": "Output format: text | json.",
    },
    "status": {
        "": "Show a unit's status, criterion by criterion.\n\n"
            "Each verdict (met, not met, cannot verify) comes with its reason; a district's or province's "
            "plan gives the area's conditions (QĐ 320, QĐ 321).\n\n"
            "\b\nExamples:\n  ntm status hung-my\n  ntm status tan-yen --format json",
        "ref": "The plan's slug (its file name without .yaml) or its file path.",
        "year": "Only the assessments of this year.",
        "format": "Output format: text | json.",
        "plans": "The plans folder to look the slug up in.",
    },
    "render": {
        "": "Print plans as documents in the layout of Decree 30/2020/NĐ-CP.\n\n"
            "One file per plan in the --output folder; pdf needs LibreOffice.\n\n"
            "\b\nExample:\n  ntm render hung-my --format docx --output out/",
        "refs": "Plan slugs or file paths; several allowed.",
        "format": "Document format: docx | md | html | pdf.",
        "output": "The folder to write the documents to (default: the current folder).",
        "templates": "A folder of your own templates (a province's), looked in before the built-in ones.",
        "plans": "The plans folder to look the slugs up in.",
    },
    "report": {
        "": "Sum up a whole tree of plans for one year.\n\n"
            "The criteria matrix, the units due to reach a standard this year, targets against the phasing, "
            "money by source and by group rolled up commune → district → province (commune → province from "
            "2026), and the gaps.\n\n"
            "\b\nExamples:\n  ntm report --year 2024 plans/\n"
            "  ntm report --year 2024 plans/ --format xlsx --output bao-cao-2024.xlsx",
        "paths": "Plan files or folders (searched recursively).",
        "year": "The report's year.",
        "format": "Output format: text | json | csv | md | xlsx.",
        "output": "The file to write (json, md, xlsx) or the folder (csv).",
        "charts": "A folder to write PNG charts to (needs matplotlib).",
        "unit": "Only this unit and the units under it: its unaccented name (tan-yen, bac-giang/tan-yen) or a "
                "plan's slug.",
        "level": "Only the units of one level: xa | huyen | tinh | thon.",
        "standard": "Only the standard: xa_ntm | xa_nang_cao | xa_kieu_mau | thon_ntm | thon_kieu_mau | huyen_ntm | "
                    "huyen_nang_cao | tinh_hoan_thanh (xa-ntm is accepted too).",
        "as_of_units": "2025: add up by the administrative units after the 2025 reorganisation.",
        "jobs": "Number of processes working in parallel (default: the number of CPU cores).",
        "no_cache": "Do not use the result cache.",
    },
    "fmt": {
        "": "Rewrite plan files in one canonical layout.\n\n"
            "Comments and values stay as they are; --check only checks and writes nothing (for CI).\n\n"
            "\b\nExamples:\n  ntm fmt plans/\n  ntm fmt --check plans/",
        "paths": "Plan files or folders (searched recursively).",
        "check": "Check only, write nothing; a file not in the canonical layout is an error (exit code 1).",
    },
    "new": {
        "": "Create a new plan, empty or carried over from last year's.\n\n"
            "Carries the unit, the agencies, the recipients and the signature, nothing dated from the old "
            "year, and prints what it did not carry; repeat --from for the former communes merged into one "
            "in 2025.\n\n"
            "\b\nExamples:\n  ntm new tan-my-2028 --year 2028 --from tan-my-2027\n"
            "  ntm new xa-moi-2027 --year 2027 --level xa",
        "slug": "The new plan's slug, also its file name, e.g. hung-my-2025.",
        "level": "Level: xa | huyen | tinh | thon (default xa; with --from, the old plan's).",
        "year": "The new plan's year.",
        "from_plans": "Last year's plan to carry over (slug or path); repeat --from for the former communes "
                      "merged into one.",
        "plans": "The plans folder: the new file goes here (beside the old plan with --from).",
        "force": "Write even when what was carried over no longer validates, to mend it by hand.",
    },
    "export": {
        "": "Export indicators, tasks and funding as sheets to fill in.\n\n"
            "Once filled in, ntm import writes them back into the plan.\n\n"
            "\b\nExample:\n  ntm export hung-my --format xlsx --output hung-my.xlsx",
        "ref": "The plan's slug (its file name without .yaml) or its file path.",
        "format": "Spreadsheet format: xlsx | csv.",
        "output": "The .xlsx file or the csv folder to write (default: hung-my.xlsx or hung-my-csv/ for the "
                  "plan hung-my).",
        "plans": "The plans folder to look the slug up in.",
    },
    "import": {
        "": "Write a filled-in spreadsheet back into its plan file.\n\n"
            "Comments and layout stay; refuses, changing nothing, anything that would not validate.\n\n"
            "\b\nExample:\n  ntm import hung-my.xlsx --into hung-my",
        "sheet": "The filled-in spreadsheet: a .xlsx file, a .csv file or a csv folder.",
        "into": "The plan to write into (slug or path).",
        "plans": "The plans folder to look the slug up in.",
    },
}

def cli_word(key: str, lang: str = "vi", **params: Any) -> str:
    """One of CLI_WORDS in `lang`, filled from `params`."""
    vi, en = CLI_WORDS[key]
    return string.Formatter().vformat(en if lang == "en" else vi, (), _Lenient(params))


def cli_metavar(word: str, lang: str = "vi") -> str:
    """A metavar of METAVARS (as ntm.cli declares it, in Vietnamese) in `lang`."""
    return METAVARS.get(word, word) if lang == "en" else word


class _Lenient(dict):
    def __missing__(self, key: str) -> str:
        return "?"


def register(code: str, vi: str, en: str) -> None:
    """Rules and subsystems add their messages here at import time."""
    MESSAGES[code] = {"vi": vi, "en": en}


def default_lang() -> str:
    return "en" if os.environ.get("NTM_LANG", "").lower().startswith("en") else "vi"


def render_message(code: str, params: dict[str, Any], lang: str = "vi") -> str:
    templates = MESSAGES.get(code)
    if templates is None:
        _load_rule_messages()
        templates = MESSAGES.get(code, {"vi": code, "en": code})
    values = _Lenient({k: _localise(k, v, lang) for k, v in params.items()})
    return string.Formatter().vformat(templates.get(lang, templates["vi"]), (), values)


def _localise(key: str, value: Any, lang: str) -> Any:
    if isinstance(value, dict) and "vi" in value:
        return value.get(lang, value["vi"])
    if key == "reason" and isinstance(value, str):
        reason = value.removeprefix("Value error, ")
        if reason in REASONS:
            return REASONS[reason][lang]
    return value


def _load_rule_messages() -> None:
    """Rule modules register their messages; make sure they are imported."""
    import ntm.rules  # noqa: F401


def severity_word(severity: str, lang: str = "vi") -> str:
    return SEVERITY_WORDS[lang][severity]
