"""The frame around the commands as a user meets it: the language, help, usage errors,
`--version`, shell completion and the head of every JSON output.

Vietnamese is the default; `--lang en` (before or after the command name) or `NTM_LANG=en`
switches every word of the frame, Typer's own included, to English.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from typer.main import get_command
from typer.testing import CliRunner

import ntm
from ntm.cli import app
from ntm.cli_scaffold import COMMON_OPTIONS
from ntm.messages import HELP_EN, METAVARS

REPO = Path(__file__).resolve().parents[1]
NTM = Path(sys.executable).with_name("ntm")


def run(*args, env=None):
    return CliRunner().invoke(app, [str(a) for a in args], env=env)


def command_names() -> list[str]:
    return sorted(c.name or c.callback.__name__ for c in app.registered_commands)


def commands() -> dict:
    """ntm itself (under "") and each of its commands, as Click objects with their parameters."""
    group = get_command(app)
    return {"": group, **group.commands}


LANGS = {"vi": {}, "en": {"NTM_LANG": "en"}}
# the options every command shares and Click's own: their help is in CLI_WORDS, not in HELP_EN
SHARED = {*COMMON_OPTIONS, "help", "version", "install_completion", "show_completion"}


def help_of(name: str, lang: str, columns: int = 80) -> str:
    result = run(*([name] if name else []), "--help", env={**LANGS[lang], "COLUMNS": str(columns)})
    assert result.exit_code == 0, result.output
    return result.output


def takes_a_value(param) -> bool:
    return not getattr(param, "is_flag", False)


# --- language -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", command_names())
def test_every_command_accepts_lang_quiet_and_verbose_after_its_name(name):
    result = run(name, "--lang", "en", "-q", "--verbose", "--help")
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Usage: ntm {name} [OPTIONS]")
    assert "--lang" in result.output and "Show this message and exit." in result.output


def test_validate_with_lang_after_the_command_speaks_english(repo):
    result = run("validate", "plans", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "warning R303 Task 'Xây dựng 01 cổng chào tại Trung tâm xã' serves no criterion" in result.output
    assert "Checked 5 files: 0 errors, 3 warnings, 11 notes (not shown; add --verbose to see them)." in result.output


@pytest.mark.parametrize("args, env, expected", [
    (["validate", "plans"], {}, "Đã kiểm tra 5 tệp"),
    (["--lang", "en", "validate", "plans"], {}, "Checked 5 files"),
    (["validate", "plans", "--lang=en"], {}, "Checked 5 files"),
    (["validate", "plans"], {"NTM_LANG": "en"}, "Checked 5 files"),
    (["validate", "plans", "--lang", "vi"], {"NTM_LANG": "en"}, "Đã kiểm tra 5 tệp"),
], ids=["default", "before", "after-equals", "env", "option-beats-env"])
def test_the_language_comes_from_the_line_then_the_environment(repo, args, env, expected):
    result = run(*args, env=env)
    assert expected in result.output


def test_an_unknown_language_is_a_usage_error():
    result = run("validate", "plans", "--lang", "fr")
    assert result.exit_code == 2
    assert "Lỗi: --lang: 'fr' không hợp lệ (vi | en)" in result.output


# --- help -----------------------------------------------------------------------------------


def test_help_is_vietnamese_by_default():
    result = run("validate", "--help")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "Cách dùng: ntm validate [TÙY_CHỌN] ĐƯỜNG_DẪN…"
    assert "Đối số:" in lines and "Tùy chọn:" in lines
    assert "[mặc định: text]" in result.output and "[bắt buộc]" in result.output
    assert "--help                  Hiện hướng dẫn này rồi thoát." in result.output
    for english in ("Usage:", "Options", "Arguments", "Show this message", "[default:", "[required]"):
        assert english not in result.output


def test_the_app_help_is_vietnamese_by_default_and_english_on_request():
    vi = run("--help").output
    assert vi.startswith("Cách dùng: ntm [TÙY_CHỌN] LỆNH [ĐỐI_SỐ]…")
    assert "\nLệnh:\n" in vi and "Cài gợi ý tự hoàn thành lệnh" in vi and "In phiên bản ntm rồi thoát." in vi
    en = run("--help", env={"NTM_LANG": "en"}).output
    assert en.startswith("Usage: ntm [OPTIONS] COMMAND [ARGS]…")
    assert "\nCommands:\n" in en and "Install completion for the current shell." in en
    assert "Language of the messages: vi (the default) or en" in en


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", ["", *command_names()])
def test_help_names_what_to_type_never_a_python_type(name, lang):
    text = help_of(name, lang)
    names = [p.name for p in commands()[name].params]
    for python in ("<str>", "<int>", "<path>", "list[", *(f"{{{n}}}" for n in names)):
        assert python not in text, python
    assert "..." not in text.splitlines()[0]


@pytest.mark.parametrize("name, vi, en", [
    ("validate", "Cách dùng: ntm validate [TÙY_CHỌN] ĐƯỜNG_DẪN…", "Usage: ntm validate [OPTIONS] PATH…"),
    ("render", "Cách dùng: ntm render [TÙY_CHỌN] MÃ_KẾ_HOẠCH…", "Usage: ntm render [OPTIONS] SLUG…"),
    ("status", "Cách dùng: ntm status [TÙY_CHỌN] MÃ_KẾ_HOẠCH", "Usage: ntm status [OPTIONS] SLUG"),
    ("import", "Cách dùng: ntm import [TÙY_CHỌN] BẢNG_TÍNH", "Usage: ntm import [OPTIONS] SHEET"),
    ("criteria", "Cách dùng: ntm criteria [TÙY_CHỌN]", "Usage: ntm criteria [OPTIONS]"),
])
def test_the_usage_line_says_what_to_type_in_the_users_language(name, vi, en):
    assert help_of(name, "vi").splitlines()[0] == vi
    assert help_of(name, "en").splitlines()[0] == en


def test_report_help_names_each_value_in_vietnamese_then_in_english():
    vi, en = help_of("report", "vi"), help_of("report", "en")
    for row in ("--year NĂM", "-f, --format ĐỊNH_DẠNG", "-o, --output ĐƯỜNG_DẪN", "--charts THƯ_MỤC", "--unit ĐƠN_VỊ",
                "--level CẤP", "--standard CHUẨN", "--as-of-units NĂM", "-j, --jobs SỐ", "--lang NGÔN_NGỮ"):
        assert f"  {row} " in vi, row
    for row in ("--year YEAR", "-f, --format FORMAT", "-o, --output PATH", "--charts FOLDER", "--unit UNIT",
                "--level LEVEL", "--standard STANDARD", "--as-of-units YEAR", "-j, --jobs N", "--lang LANG"):
        assert f"  {row} " in en, row
    assert "\n  ĐƯỜNG_DẪN…  Tệp hoặc thư mục kế hoạch (duyệt đệ quy).  [bắt buộc]\n" in vi
    assert "\n  PATH…  Plan files or folders (searched recursively).  [required]\n" in en


def test_every_value_is_named_from_one_vocabulary_in_both_languages():
    """Each argument and option that takes a value declares a word of METAVARS; the English help shows its English."""
    used = set()
    for name, command in commands().items():
        english = help_of(name, "en")
        for param in filter(takes_a_value, command.params):
            assert param.metavar in METAVARS, (name, param.name, param.metavar)
            assert METAVARS[param.metavar] in english, (name, param.name)
            used.add(param.metavar)
    assert used == set(METAVARS), "METAVARS names a word no parameter uses"


def test_every_command_and_parameter_has_its_english_help_and_nothing_else_has():
    declared = {name: {p.name for p in command.params} - SHARED for name, command in commands().items()}
    assert {name: set(texts) - {""} for name, texts in HELP_EN.items()} == declared
    assert all(texts.get("") for texts in HELP_EN.values())


VALUE_LISTS = re.compile(r"\w[\w-]*(?: \| \w[\w-]*)+")  # "text | json | md"


def test_the_english_help_lists_the_same_values_as_the_vietnamese():
    for name, command in commands().items():
        for param in command.params:
            if param.name in HELP_EN[name]:
                assert VALUE_LISTS.findall(HELP_EN[name][param.name]) == VALUE_LISTS.findall(param.help), param.name


def vietnamese_words(text: str) -> list[str]:
    """Words with Vietnamese letters, but for the names of legal documents (NĐ-CP, QĐ) an English text keeps."""
    words = re.findall(r"\w[\w-]*", text)
    return [w for w in words if w not in ("NĐ-CP", "QĐ") and any(unicodedata.decomposition(c) or c in "đĐ" for c in w)]


@pytest.mark.parametrize("name", ["", *command_names()])
def test_english_help_is_english_throughout(name):
    assert vietnamese_words(help_of(name, "en")) == []


@pytest.mark.parametrize("name", ["", *command_names()])
def test_vietnamese_help_has_no_english_frame(name):
    text = help_of(name, "vi")
    for english in ("Usage:", "Options:", "Arguments:", "Commands:", "Show this message", "[default:", "[required]",
                    "Example"):
        assert english not in text


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", ["", *command_names()])
def test_help_is_wrapped_between_words_never_inside_one(name, lang):
    """No "hung-\\nmy.xlsx" and no "[mặc\\n định: plans]": a word, and the bracket after a help, stay on one line."""
    lines = help_of(name, lang).splitlines()
    assert [line for line in lines if re.search(r"\w-$", line)] == []
    assert [line for line in lines if line.count("[") != line.count("]")] == []


def test_the_command_list_shows_each_summary_whole():
    for lang in LANGS:
        listed = help_of("", lang).split("\n\n")[-1]
        assert "..." not in listed and len(listed.splitlines()) == len(command_names()) + 1


def test_help_without_a_command_goes_to_stderr_with_exit_2():
    result = run()
    assert result.exit_code == 2
    assert result.stderr.startswith("Cách dùng: ntm [TÙY_CHỌN] LỆNH [ĐỐI_SỐ]…")


# --- usage errors ---------------------------------------------------------------------------


@pytest.mark.parametrize("args, vi, en", [
    (["validate", "plans", "--lang-x"], "Lỗi: Không có tùy chọn --lang-x (có phải ý bạn là --lang?)",
     "Error: No such option: --lang-x (did you mean --lang?)"),
    (["valdate", "plans"], "Lỗi: Không có lệnh 'valdate'. (có phải ý bạn là 'validate'?)",
     "Error: No such command 'valdate'. (did you mean 'validate'?)"),
    (["report", "plans"], "Lỗi: Thiếu tùy chọn '--year'.", "Error: Missing option '--year'."),
    (["render"], "Lỗi: Thiếu đối số 'MÃ_KẾ_HOẠCH'.", "Error: Missing argument 'SLUG'."),
    (["report", "plans", "--year", "hai"], "Lỗi: Giá trị không hợp lệ cho '--year': 'hai' không phải là số nguyên",
     "Error: Invalid value for '--year': 'hai' is not a whole number"),
    (["validate", "plans", "--jobs"], "Lỗi: Tùy chọn '--jobs' cần một giá trị.", "Error: Option '--jobs' needs a value."),
    (["validate", "plans", "--strict=yes"], "Lỗi: Tùy chọn '--strict' không nhận giá trị.",
     "Error: Option '--strict' does not take a value."),
    (["status", "hung-my", "tan-yen"], "Lỗi: Thừa đối số: tan-yen", "Error: Unexpected extra arguments: tan-yen"),
    (["-q"], "Lỗi: Thiếu tên lệnh.", "Error: Missing command."),
], ids=["option", "command", "missing-option", "missing-argument", "not-a-number", "no-value", "flag-value",
        "extra-argument", "no-command"])
def test_usage_errors_in_both_languages_exit_2(args, vi, en):
    result = run(*args)
    assert result.exit_code == 2
    assert vi in result.stderr
    assert "Error" not in result.stderr and "Usage" not in result.stderr
    english = run("--lang", "en", *args)
    assert english.exit_code == 2
    assert en in english.stderr


def test_a_usage_error_shows_the_usage_line_and_where_help_is():
    result = run("validate", "plans", "--nope")
    assert result.stderr.splitlines()[:3] == [
        "Cách dùng: ntm validate [TÙY_CHỌN] ĐƯỜNG_DẪN…",
        "Xem 'ntm validate --help' để biết cách dùng.",
        "",
    ]


# --- version, completion ----------------------------------------------------------------------


def test_version():
    result = run("--version")
    assert result.exit_code == 0
    assert result.output == f"ntm {ntm.__version__}\n"


def complete(words: str, cwd: Path) -> list[str]:
    """What bash completion offers after `words` (the way the script installed by --install-completion asks)."""
    env = {**os.environ, "_NTM_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(len(words.split(" ")) - 1)}
    done = subprocess.run([str(NTM)], cwd=cwd, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_completion_of_format_values():
    assert complete("ntm validate --format ", REPO) == ["text", "json", "github", "junit", "auto"]
    assert complete("ntm report -f c", REPO) == ["csv"]
    assert complete("ntm render --format ", REPO) == ["docx", "md", "html", "pdf"]


def test_completion_of_plan_slugs(repo):
    assert complete("ntm render h", repo) == ["hoi-ccb-quang-tri", "hung-my"]
    assert complete("ntm status ", repo) == ["chi-thi-06-2021", "hoi-ccb-quang-tri", "hung-my", "tan-my-2027", "tan-yen"]
    assert complete("ntm export --plans plans/bac-giang ", repo) == ["tan-yen"]
    assert complete("ntm new hung-my-2025 --from hu", repo) == ["hung-my"]
    assert complete("ntm import hm.xlsx --into t", repo) == ["tan-my-2027", "tan-yen"]


# --- JSON heads -------------------------------------------------------------------------------


@pytest.mark.parametrize("args, kind", [
    (["validate", "plans", "--format", "json"], "ntm-validate"),
    (["status", "hung-my", "--format", "json"], "ntm-status"),
    (["rules", "--format", "json"], "ntm-rules"),
    (["criteria", "--format", "json"], "ntm-criteria"),
])
def test_every_json_output_names_its_kind_shape_version_and_ntm_version(repo, args, kind):
    result = run(*args)
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert (document["kind"], document["version"], document["ntm_version"]) == (kind, 1, ntm.__version__)


def test_status_json_holds_hung_my_19_of_19(repo):
    document = json.loads(run("status", "hung-my", "--format", "json").stdout)
    assert [(s["unit"], s["met"], s["total"]) for s in document["statuses"]] == [("Hùng Mỹ", 19, 19)]


def test_rules_json_lists_every_rule():
    from ntm.rules import all_rules

    document = json.loads(run("rules", "--format", "json").stdout)
    assert [r["code"] for r in document["rules"]] == [r.code for r in all_rules()]


def test_criteria_json_carries_the_question_with_the_rows():
    document = json.loads(run("criteria", "--region", "TDMNPB", "--year", "2024", "--format", "json").stdout)
    assert (document["set"], document["region"], document["year"]) == ("xa-ntm-2021-2025", "TDMNPB", 2024)
    assert document["rows"] and {"criterion", "indicator", "name"} <= set(document["rows"][0])


# --- the last line of defence -------------------------------------------------------------------


def test_an_internal_error_is_one_line_in_the_users_language(tmp_path):
    script = ("import sys, ntm.validate as v; from ntm.cli import main\n"
              "def broken(*a, **k): raise RuntimeError('a bug')\n"
              "v.validate_paths = broken; sys.argv = ['ntm', 'validate', sys.argv[1], '--lang', 'en']; main()")
    done = subprocess.run([sys.executable, "-c", script, str(REPO / "plans")], capture_output=True, text=True,
                          env={**os.environ, "NTM_CACHE_DIR": str(tmp_path), "TMPDIR": str(tmp_path)})
    assert done.returncode == 2
    assert done.stderr.startswith("ntm: unexpected internal error; the details are in ")
    assert len(done.stderr.splitlines()) == 1 and "Traceback" not in done.stderr
    log = Path(done.stderr.split("the details are in ")[1].split(". Please")[0])
    assert "RuntimeError: a bug" in log.read_text(encoding="utf-8")
