"""The `ntm` command line: parse arguments, call the core, print.

Each command is a few lines over one core function; heavy modules (pandas,
python-docx, charts) are imported inside the commands that need them, so
`ntm --help` and `ntm validate` start fast. `main()` is the console entry
point: it turns any unexpected exception into one line naming a log file
(never a traceback) and keeps the exit-code contract: 0 clean, 1 findings,
2 usage or I/O error.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import List, Optional

import typer

from ntm.diagnostics import ExitCode

app = typer.Typer(
    name="ntm",
    help="Kế hoạch nông thôn mới dưới dạng dữ liệu: kiểm tra, tổng hợp, in văn bản.\n\n"
    "Ví dụ: ntm validate plans/",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

STATE = {"lang": "vi", "quiet": False, "verbose": False}


@app.callback()
def _options(
    lang: Optional[str] = typer.Option(None, "--lang", help="Ngôn ngữ thông báo: vi (mặc định) hoặc en."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Chỉ in các phát hiện."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="In thêm chi tiết."),
) -> None:
    """Kế hoạch nông thôn mới dưới dạng dữ liệu: kiểm tra, tổng hợp, in văn bản."""
    from ntm.messages import default_lang

    chosen = lang or default_lang()
    if chosen not in ("vi", "en"):
        raise typer.BadParameter("vi | en", param_hint="--lang")
    STATE.update(lang=chosen, quiet=quiet, verbose=verbose)


@app.command()
def validate(
    paths: List[Path] = typer.Argument(..., help="Tệp hoặc thư mục kế hoạch (duyệt đệ quy)."),
    format: str = typer.Option("text", "--format", "-f", help="text | json | github | junit | auto"),
    strict: bool = typer.Option(False, "--strict", help="Cảnh báo cũng làm lệnh thất bại (mã 1)."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", help="Số tiến trình song song (mặc định: số lõi)."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Không dùng bộ nhớ đệm kết quả."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Ghi kết quả vào tệp thay vì màn hình."),
) -> None:
    """Kiểm tra các tệp kế hoạch.

    Ví dụ: ntm validate plans/ --format github
    """
    from ntm.reporters import REPORTERS, pick
    from ntm.validate import validate_paths

    if format not in REPORTERS and format != "auto":
        _usage(f"--format: {format} (text | json | github | junit | auto)")
    cache = None if no_cache else _open_cache()
    result = validate_paths(paths, jobs=jobs, cache=cache)
    shown = [d for d in result.diagnostics if STATE["verbose"] or d.severity.value != "info" or format != "text"]
    text = pick(format)(result.files, shown, STATE["lang"])
    _emit(text, output)

    raise typer.Exit(_exit_for(result, strict))


def _exit_for(result, strict: bool) -> int:
    from ntm.diagnostics import exit_code_for

    io_codes = {"Y001", "Y012"}
    if result.diagnostics and all(d.code in io_codes for d in result.diagnostics if d.severity.value == "error") \
            and any(d.code in io_codes for d in result.diagnostics):
        return ExitCode.USAGE_OR_IO
    return exit_code_for(result.diagnostics, strict)


@app.command()
def rules(
    format: str = typer.Option("text", "--format", "-f", help="text | json | md"),
    examples: bool = typer.Option(False, "--examples", help="In cả ví dụ đạt và không đạt."),
) -> None:
    """Liệt kê các quy tắc kiểm tra: mã, mức độ, nội dung.

    Ví dụ: ntm rules --examples
    """
    from ntm.rule_catalog import render_rules

    _emit(render_rules(format, STATE["lang"], examples), None)


@app.command()
def schema(
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Tệp JSON Schema cần ghi (mặc định: in ra màn hình)."),
) -> None:
    """In JSON Schema của tệp kế hoạch, để trình soạn thảo gợi ý và kiểm tra khi gõ.

    Ví dụ: ntm schema --output schema/plan.schema.json
    """
    from ntm.schema import schema_text

    text = schema_text()
    if output is None:
        typer.echo(text, nl=False)
    else:
        _emit(text.rstrip("\n"), output)


@app.command()
def criteria(
    set_id: str = typer.Option("xa-ntm-2021-2025", "--set", help="Bộ tiêu chí (ntm criteria --list để xem các bộ)."),
    region: Optional[str] = typer.Option(None, "--region", help="Vùng: TDMNPB, DBSH, BTB, DHNTB, TN, DNB, DBSCL."),
    group: Optional[str] = typer.Option(None, "--group", help="Nhóm xã (bộ 2026-2030): nhom-1, nhom-2, nhom-3."),
    year: Optional[int] = typer.Option(None, "--year", help="Năm (ngưỡng thu nhập thay đổi theo năm)."),
    list_sets: bool = typer.Option(False, "--list", help="Liệt kê các bộ tiêu chí có sẵn."),
    format: str = typer.Option("text", "--format", "-f", help="text | json"),
) -> None:
    """Xem bộ tiêu chí: mã, tên, ngưỡng, nguồn, độ tin cậy.

    Ví dụ: ntm criteria --set xa-ntm-2021-2025 --region TDMNPB --year 2024
    """
    from ntm.catalog import CatalogError, available_catalogs, catalog_rows, load_catalog

    if list_sets:
        _emit("\n".join(available_catalogs()), None)
        return
    try:
        rows = catalog_rows(load_catalog(set_id), region=region, group=group, year=year)
    except (CatalogError, ValueError, KeyError) as exc:
        _usage(str(exc))
    if format == "json":
        import json

        _emit(json.dumps(rows, ensure_ascii=False, indent=2, default=str), None)
    else:
        from ntm.status_view import criteria_text

        _emit(criteria_text(rows, STATE["lang"]), None)


@app.command()
def status(
    ref: str = typer.Argument(..., help="Mã kế hoạch (slug) hoặc đường dẫn tệp."),
    year: Optional[int] = typer.Option(None, "--year", help="Chỉ xem các đánh giá của năm này."),
    format: str = typer.Option("text", "--format", "-f", help="text | json"),
    plans: Path = typer.Option(Path("plans"), "--plans", help="Thư mục kế hoạch."),
) -> None:
    """Tình trạng từng tiêu chí của đơn vị, kèm lý do của mỗi kết luận.

    Ví dụ: ntm status hung-my --format json
    """
    from ntm.criteria import plan_status
    from ntm.status_view import status_json, status_text

    loaded = _load_one(ref, plans)
    statuses = [s for s in plan_status(loaded.plan, loaded.file) if year is None or s.year == year]
    units = [_official_unit(loaded.plan, s) for s in statuses]
    text = status_json(statuses, units) if format == "json" else status_text(statuses, units, STATE["lang"])
    _emit(text, None)


def _load_one(ref: str, plans: Path):
    from ntm.loader import load_plan
    from ntm.locate import NotFound, find_plan

    try:
        path = find_plan(ref, plans)
    except NotFound as exc:
        hint = f" (gần giống: {', '.join(exc.suggestions)})" if exc.suggestions else ""
        _usage(f"không tìm thấy kế hoạch '{ref}' trong {plans}{hint}")
    loaded = load_plan(path)
    if loaded.plan is None:
        from ntm.reporters import text as text_report

        typer.echo(text_report([loaded.file], loaded.diagnostics, STATE["lang"]), err=True)
        raise typer.Exit(ExitCode.FINDINGS)
    return loaded


def _official_unit(plan, status):
    from ntm.unit_check import describe_unit

    return describe_unit(plan, status.assessment_index, STATE["lang"])


def _open_cache():
    from ntm.cache import ResultCache

    return ResultCache.default()


def _emit(text: str, output: Optional[Path]) -> None:
    if output is None:
        typer.echo(text)
        return
    from ntm.safeio import atomic_write_text

    atomic_write_text(output, text + "\n")


def _usage(message: str) -> None:
    typer.echo(f"ntm: {message}", err=True)
    raise typer.Exit(ExitCode.USAGE_OR_IO)


def main() -> None:
    """Console entry point: no traceback ever reaches the user."""
    try:
        app()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        typer.echo("ntm: đã dừng theo yêu cầu (Ctrl-C).", err=True)
        sys.exit(130)
    except OSError as exc:
        typer.echo(f"ntm: lỗi đọc/ghi: {exc.strerror or exc} ({exc.filename or ''})", err=True)
        sys.exit(ExitCode.USAGE_OR_IO)
    except Exception:  # noqa: BLE001 - the last line of defence
        log = _write_crash_log()
        typer.echo(f"ntm: lỗi nội bộ không mong muốn; chi tiết đã ghi vào {log}. Hãy gửi tệp này cho nhóm phát triển.", err=True)
        sys.exit(ExitCode.USAGE_OR_IO)


def _write_crash_log() -> str:
    import tempfile
    import traceback

    fd, path = tempfile.mkstemp(prefix="ntm-crash-", suffix=".log")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        traceback.print_exc(file=handle)
    return path


if __name__ == "__main__":
    main()
