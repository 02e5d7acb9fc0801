"""`ntm validate` as a user runs it: exit codes, formats, broken folders, no tracebacks."""

import json
import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from ntm.cli import app
from ntm.rules.examples import MINIMAL_PLAN

runner = CliRunner()


def run(*args, env=None):
    return runner.invoke(app, list(args), env=env or {"NTM_CACHE_DIR": os.environ.get("NTM_TEST_CACHE", "/tmp/ntm-test-cache")})


def write(folder: Path, name: str, content) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_clean_plan_exits_0(tmp_path):
    write(tmp_path, "vi-du.yaml", MINIMAL_PLAN)
    result = run("validate", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert "Đã kiểm tra 1 tệp: 0 lỗi" in result.output


def test_findings_exit_1_and_name_the_line(tmp_path):
    plan = MINIMAL_PLAN + "funding:\n  total: 100\n  lines:\n    - {source: ngan_sach_tinh, amount: 90}\n"
    write(tmp_path, "vi-du.yaml", plan)
    result = run("validate", str(tmp_path / "vi-du.yaml"))
    assert result.exit_code == 1
    assert f"{tmp_path / 'vi-du.yaml'}:8:10: lỗi R101" in result.output


def test_english_on_request(tmp_path):
    write(tmp_path, "vi-du.yaml", MINIMAL_PLAN + "extra: 1\n")
    result = run("--lang", "en", "validate", str(tmp_path))
    assert "Unknown field 'extra'" in result.output and result.exit_code == 1


def test_warnings_fail_only_with_strict(tmp_path):
    write(tmp_path, "vi-du.yaml", MINIMAL_PLAN + "tasks:\n  - {what: Xây dựng cổng chào}\n")
    assert run("validate", str(tmp_path)).exit_code == 0
    assert run("validate", "--strict", str(tmp_path)).exit_code == 1


def test_missing_path_is_an_io_error_exit_2(tmp_path):
    result = run("validate", str(tmp_path / "khong-co"))
    assert result.exit_code == 2


def test_unknown_format_is_a_usage_error(tmp_path):
    assert run("validate", "--format", "xml", str(tmp_path)).exit_code == 2


def test_json_output_is_what_the_core_returns(tmp_path):
    write(tmp_path, "vi-du.yaml", MINIMAL_PLAN + "extra: 1\n")
    payload = json.loads(run("validate", "--format", "json", str(tmp_path)).output)
    from ntm.validate import validate_paths

    core = validate_paths([tmp_path])
    assert (payload["kind"], payload["version"]) == ("ntm-validate", 1)
    assert payload["diagnostics"] == [d.to_dict("vi") for d in core.diagnostics]
    assert payload["summary"] == {"error": 1, "warning": 0, "info": 0}


BROKEN = {
    "malformed.yaml": "a: [1, 2\nb: 3\n",
    "tabs.yaml": "schema_version: 1\n\tslug: x\n",
    "wrong-types.yaml": MINIMAL_PLAN.replace("start: 2024", "start: hai nghìn"),
    "missing-fields.yaml": "schema_version: 1\nslug: missing-fields\n",
    "empty.yaml": "",
    "binary.yaml": bytes(range(256)),
    "utf16.yaml": MINIMAL_PLAN.encode("utf-16"),
    "list.yaml": "- 1\n- 2\n",
    "bad-date.yaml": MINIMAL_PLAN.replace("2024-02-22", "2024-02-30"),
    "python-tag.yaml": "a: !!python/object/apply:os.system ['echo pwned']\n",
}


def test_a_folder_of_broken_files_gives_diagnostics_not_tracebacks(tmp_path):
    for name, content in BROKEN.items():
        write(tmp_path, name, content)
    result = subprocess.run([sys.executable, "-m", "ntm.cli", "validate", str(tmp_path)],
                            capture_output=True, text=True, env={**os.environ, "NTM_CACHE_DIR": str(tmp_path / ".c")})
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "pwned" not in result.stdout
    for name in BROKEN:
        assert f"{tmp_path / name}" in result.stdout, name


def test_the_summary_counts_the_infos_it_does_not_show(repo):
    from ntm.validate import validate_paths

    found = [d.severity.value for d in validate_paths([repo / "plans"]).diagnostics]
    infos, warnings = found.count("info"), found.count("warning")
    assert infos >= 10  # Hùng Mỹ's unconfirmed thresholds (R701) and the merged units (R801)
    counted = f"Đã kiểm tra 5 tệp: 0 lỗi, {warnings} cảnh báo, {infos} thông tin"
    hidden = run("validate", "plans")
    assert hidden.output.endswith(f"{counted} (không hiện; thêm --verbose để xem).\n")
    assert ": thông tin " not in hidden.output
    for verbose in (["validate", "plans", "--verbose"], ["-v", "validate", "plans"]):
        shown = run(*verbose)
        assert shown.output.endswith(f"{counted}.\n")
        assert shown.output.count(": thông tin ") == infos


def test_the_english_summary_says_file_and_error_in_the_singular(tmp_path):
    plan = MINIMAL_PLAN + "funding:\n  total: 100\n  lines:\n    - {source: ngan_sach_tinh, amount: 90}\n"
    write(tmp_path, "vi-du.yaml", plan)
    result = run("validate", str(tmp_path), "--lang", "en")
    assert result.output.endswith("Checked 1 file: 1 error, 0 warnings, 0 notes.\n")


def test_a_value_outside_its_list_names_the_choices_in_the_users_language(tmp_path):
    plan = MINIMAL_PLAN.replace("region: TDMNPB}", "region: TDMNPX}")
    write(tmp_path, "vi-du.yaml", plan)
    vi = run("validate", str(tmp_path)).output
    assert "Giá trị 'TDMNPX' tại 'region' không thuộc danh sách cho phép: 'TDMNPB', 'DBSH', 'BTB', 'DHNTB', " \
           "'TN', 'DNB' hoặc 'DBSCL'" in vi
    en = run("validate", str(tmp_path), "--lang", "en").output
    assert "'TDMNPX' at 'region' is not one of: 'TDMNPB', 'DBSH', 'BTB', 'DHNTB', 'TN', 'DNB' or 'DBSCL'" in en
