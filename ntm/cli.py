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

from ntm.cli_scaffold import STATE, NtmCommand, NtmGroup
from ntm.diagnostics import ExitCode
from ntm.messages import cli_word
from ntm.model.vocab import Standard

app = typer.Typer(
    name="ntm",
    cls=NtmGroup,
    help="Kế hoạch nông thôn mới dưới dạng dữ liệu: kiểm tra, tổng hợp, in văn bản.\n\n"
    "Mỗi lệnh có hướng dẫn riêng: ntm LỆNH --help.\n\n"
    "\b\nVí dụ:\n  ntm validate plans/\n  ntm report --year 2024 plans/",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

# Codes meaning "could not read or write a file" rather than "the plan is wrong": exit 2.
IO_CODES = {"Y001", "Y012", "I009", "N001", "N002", "N003", "N007"}


def _show_version(value: bool) -> None:
    if value:
        import ntm

        typer.echo(f"ntm {ntm.__version__}")
        raise typer.Exit()


def _choices(*values: str):
    """Shell completion of an option's fixed values (`--format`)."""
    def complete(incomplete: str) -> list[str]:
        return [v for v in values if v.startswith(incomplete)]

    return complete


def _complete_slug(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion of a plan slug: the plan files under --plans (default plans/)."""
    plans = Path(ctx.params.get("plans") or "plans")
    slugs = sorted({p.stem for p in plans.rglob("*.yaml")}) if plans.is_dir() else []
    return [slug for slug in slugs if slug.startswith(incomplete)]


def _format_option(default: str, *values: str, what: str = "Định dạng kết quả", more: str = ""):
    """`--format/-f` with its values in the help and in shell completion."""
    return typer.Option(default, "--format", "-f", metavar="ĐỊNH_DẠNG", help=f"{what}: {' | '.join(values)}{more}.",
                        autocompletion=_choices(*values))


# Every command accepts these three too (ntm.cli_scaffold copies them), before or after its name.
@app.callback()
def _options(
    lang: Optional[str] = typer.Option(None, "--lang", metavar="NGÔN_NGỮ", help=cli_word("lang_option")),
    quiet: bool = typer.Option(False, "--quiet", "-q", help=cli_word("quiet_option")),
    verbose: bool = typer.Option(False, "--verbose", "-v", help=cli_word("verbose_option")),
    version: bool = typer.Option(False, "--version", is_eager=True, callback=_show_version,
                                 help=cli_word("version_option")),
) -> None:
    """Kế hoạch nông thôn mới dưới dạng dữ liệu: kiểm tra, tổng hợp, in văn bản."""


@app.command(cls=NtmCommand)
def validate(
    paths: List[Path] = typer.Argument(..., metavar="ĐƯỜNG_DẪN", help="Tệp hoặc thư mục kế hoạch (duyệt đệ quy)."),
    format: str = _format_option("text", "text", "json", "github", "junit", "auto", what="Cách in các phát hiện",
                                 more=" (auto: github khi chạy trong GitHub Actions, nơi khác text)"),
    strict: bool = typer.Option(False, "--strict", help="Cảnh báo cũng làm lệnh thất bại (mã thoát 1)."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", metavar="SỐ",
                                       help="Số tiến trình chạy song song (mặc định: số lõi CPU)."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Không dùng bộ nhớ đệm kết quả."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="TỆP",
                                          help="Ghi các phát hiện vào tệp này thay vì in ra màn hình."),
    changed: bool = typer.Option(False, "--changed", help="Chỉ kiểm tra các tệp đã thay đổi so với --base (git), "
                                 "cùng các quy tắc liên tệp liên quan đến chúng."),
    base: Optional[str] = typer.Option(None, "--base", metavar="MỐC_GIT", help="Mốc git để --changed so sánh, ví dụ "
                                       "origin/main, tại điểm chung của mốc và HEAD (như git diff MỐC_GIT...). "
                                       "Mặc định: nhánh upstream, origin/HEAD, main hoặc master."),
) -> None:
    """Kiểm tra các tệp kế hoạch.

    Kiểm tra từng tệp và thư mục được nêu (thư mục thì duyệt đệ quy, kể cả các bộ tiêu chí riêng trong catalogs/
    của kho kế hoạch). Mỗi phát hiện có mã quy tắc, mức độ, vị trí (tệp:dòng:cột) và đường dẫn YAML. Mã thoát:
    0 không có lỗi, 1 có lỗi (có --strict thì cả cảnh báo), 2 sai cách dùng hoặc không đọc, ghi được tệp.

    \b
    Ví dụ:
      ntm validate plans/
      ntm validate plans/ --format github --changed --base main
    """
    from ntm.reporters import REPORTERS, pick
    from ntm.validate import validate_paths

    if format not in REPORTERS and format != "auto":
        _usage_code("U001", value=format, choices="text | json | github | junit | auto")
    only = _changed_files(base) if changed else None
    cache = None if no_cache else _open_cache()
    with _progress("Kiểm tra" if STATE["lang"] == "vi" else "Checking") as progress:
        result = validate_paths(paths, jobs=jobs, cache=cache, progress=progress, changed=only)
    text = pick(format)(result.files, result.diagnostics, STATE["lang"], show_infos=STATE["verbose"])
    _emit(text, output)

    raise typer.Exit(_exit_for(result, strict))


def _changed_files(base: Optional[str]) -> frozenset:
    from ntm.changed import ChangedError, changed_files

    try:
        changes = changed_files(base)
    except ChangedError as exc:
        _usage_code(exc.code, **exc.params)
    if not STATE["quiet"]:
        typer.echo("ntm: " + cli_word("changed_against", STATE["lang"], base=changes.base, commit=changes.merge_base[:10]),
                   err=True)
    return changes.files


def _exit_for(result, strict: bool) -> int:
    from ntm.diagnostics import exit_code_for

    io_codes = {"Y001", "Y012"}
    if result.diagnostics and all(d.code in io_codes for d in result.diagnostics if d.severity.value == "error") \
            and any(d.code in io_codes for d in result.diagnostics):
        return ExitCode.USAGE_OR_IO
    return exit_code_for(result.diagnostics, strict)


@app.command(cls=NtmCommand)
def rules(
    format: str = _format_option("text", "text", "json", "md"),
    examples: bool = typer.Option(False, "--examples", help="In cả ví dụ đạt và ví dụ không đạt của mỗi quy tắc."),
) -> None:
    """Liệt kê các quy tắc kiểm tra của ntm.

    Mỗi quy tắc: mã, mức độ, điều nó kiểm tra và cách xử lý khi thiếu giá trị; --examples in thêm một kế hoạch
    đạt và một kế hoạch không đạt quy tắc đó.

    \b
    Ví dụ:
      ntm rules
      ntm rules --examples --format md
    """
    from ntm.rule_catalog import render_rules

    _emit(render_rules(format, STATE["lang"], examples), None)


@app.command(cls=NtmCommand)
def schema(
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="TỆP",
                                          help="Tệp cần ghi JSON Schema (mặc định: in ra màn hình)."),
) -> None:
    """In JSON Schema của tệp kế hoạch.

    Trình soạn thảo (yaml-language-server) và check-jsonschema dùng nó để gợi ý các trường kèm mô tả tiếng Việt
    và từ chối ngay khi gõ những gì ntm validate từ chối.

    \b
    Ví dụ:
      ntm schema --output schema/plan.schema.json
    """
    from ntm.schema import schema_text

    text = schema_text()
    if output is None:
        typer.echo(text, nl=False)
    else:
        _emit(text.rstrip("\n"), output)


@app.command(cls=NtmCommand)
def criteria(
    set_id: Optional[str] = typer.Option(None, "--set", metavar="BỘ_TIÊU_CHÍ", help="Mã bộ tiêu chí (xem ntm "
                                         "criteria --list) hoặc đường dẫn tệp .yaml. Mặc định: bộ tiêu chí xã nông "
                                         "thôn mới có hiệu lực hôm nay (--list ghi rõ bộ nào), hoặc khi có --year thì "
                                         "bộ có giai đoạn chứa năm đó."),
    region: Optional[str] = typer.Option(None, "--region", metavar="VÙNG",
                                         help="Vùng (các bộ đến năm 2025): TDMNPB, DBSH, BTB, DHNTB, TN, DNB, DBSCL."),
    group: Optional[str] = typer.Option(None, "--group", metavar="NHÓM",
                                        help="Nhóm xã (bộ 2026–2030): nhom-1, nhom-2, nhom-3."),
    year: Optional[int] = typer.Option(None, "--year", metavar="NĂM", help="Năm cần xem ngưỡng (thu nhập, chuẩn "
                                       "nghèo thay đổi theo năm)."),
    list_sets: bool = typer.Option(False, "--list", help="Liệt kê các bộ tiêu chí có sẵn: mã, giai đoạn, ngày có "
                                   "hiệu lực, tên (--format json cho máy đọc)."),
    format: str = _format_option("text", "text", "json"),
) -> None:
    """Xem một bộ tiêu chí và các ngưỡng của nó.

    Mã, tên tiêu chí và chỉ tiêu, ngưỡng theo vùng, nhóm xã và năm, nguồn pháp lý, độ tin cậy. Không có --set:
    bộ tiêu chí xã nông thôn mới có hiệu lực hôm nay, hoặc bộ có giai đoạn chứa năm --year.

    \b
    Ví dụ:
      ntm criteria --list
      ntm criteria --set xa-ntm-2016-2020 --region TDMNPB --year 2020
    """
    from ntm.catalog_index import commune_set
    from ntm.catalog_table import catalog_header, catalog_rows, check_query

    if list_sets:
        _list_criteria_sets(format)
        return
    catalog = _criteria_set(set_id or commune_set(year))
    problems = check_query(catalog, region, group, year)
    if problems:
        code, params = problems[0]
        _usage_code(code, **params)
    rows = catalog_rows(catalog, region=region, group=group, year=year)
    if format == "json":
        from ntm.jsonshape import json_document

        _emit(json_document("ntm-criteria", {"set": set_id or catalog.id, "region": region, "group": group,
                                             "year": year, "rows": rows}), None)
    else:
        from ntm.status_view import criteria_text

        header = catalog_header(catalog, region, group, year)
        terminal = sys.stdout.isatty()
        _emit(criteria_text(rows, header, STATE["lang"], fit_terminal=terminal,
                            color=terminal and not os.environ.get("NO_COLOR")), None)


def _list_criteria_sets(format: str) -> None:
    from ntm.catalog_index import catalog_index, commune_set, index_items, index_text, today

    entries, day = catalog_index(), today()
    default = commune_set(on=day, entries=entries)
    if format == "json":
        from ntm.jsonshape import json_document

        _emit(json_document("ntm-criteria-sets", index_items(entries, default, day)), None)
    else:
        import shutil

        width = shutil.get_terminal_size((120, 40)).columns if sys.stdout.isatty() else None
        _emit(index_text(entries, default, day, STATE["lang"], width), None)


def _criteria_set(set_id: str):
    """A shipped set by id, or a catalog or overlay file by path (a repository's catalogs/…yaml)."""
    from ntm.catalog import CatalogError, available_catalogs, load_catalog, load_catalog_file

    path = Path(set_id)
    try:
        if set_id.endswith(".yaml") and path.is_file():
            return load_catalog_file(path)
        if set_id in available_catalogs():
            return load_catalog(set_id)
    except CatalogError as exc:
        from ntm.catalog_lint import lint_catalog

        problems = lint_catalog(path) if path.is_file() else []
        detail = (problems[0].message if STATE["lang"] == "vi" else problems[0].message_en) if problems else str(exc)
        _usage_code("C125", set=set_id, detail=detail.splitlines()[0])
    _usage_code("C120", set=set_id, known=", ".join(available_catalogs()))


@app.command(cls=NtmCommand)
def status(
    ref: str = typer.Argument(..., metavar="MÃ_KẾ_HOẠCH", help="Mã kế hoạch (slug, tên tệp bỏ .yaml) hoặc đường dẫn "
                              "tệp.", autocompletion=_complete_slug),
    year: Optional[int] = typer.Option(None, "--year", metavar="NĂM", help="Chỉ xem các đánh giá của năm này."),
    format: str = _format_option("text", "text", "json"),
    plans: Path = typer.Option(Path("plans"), "--plans", metavar="THƯ_MỤC", help="Thư mục kế hoạch để tìm mã kế hoạch."),
) -> None:
    """Xem tình trạng từng tiêu chí của một đơn vị.

    Mỗi kết luận (đạt, không đạt, không kiểm chứng được) kèm lý do; kế hoạch của huyện, tỉnh cho các điều kiện
    của huyện, tỉnh (QĐ 320, QĐ 321).

    \b
    Ví dụ:
      ntm status hung-my
      ntm status tan-yen --format json
    """
    from ntm.criteria import plan_area_status, plan_status, why_no_status
    from ntm.status_view import status_text

    loaded = _load_one(ref, plans)
    statuses = [s for s in plan_status(loaded.plan, loaded.file) if year is None or s.year == year]
    units = [_official_unit(loaded.plan, s) for s in statuses]
    area = plan_area_status(loaded.plan, loaded.file, year, statuses)
    empty = why_no_status(loaded.plan, year, statuses)
    if format == "json":
        text = _status_json(statuses, units, area, empty)
    else:
        text = status_text(statuses, units, STATE["lang"], area, empty)
    _emit(text, None)


def _status_json(statuses, units, area, empty) -> str:
    from ntm.jsonshape import json_document
    from ntm.status_view import status_items

    return json_document("ntm-status", {"statuses": status_items(statuses, units, area, empty)})


@app.command(cls=NtmCommand)
def render(
    refs: List[str] = typer.Argument(..., metavar="MÃ_KẾ_HOẠCH", help="Mã kế hoạch (slug) hoặc đường dẫn tệp; ghi "
                                     "được nhiều.", autocompletion=_complete_slug),
    format: str = _format_option("docx", "docx", "md", "html", "pdf", what="Định dạng văn bản"),
    output: Path = typer.Option(Path("."), "--output", "-o", metavar="THƯ_MỤC", show_default=False,
                                help="Thư mục ghi văn bản (mặc định: thư mục hiện tại)."),
    templates: Optional[Path] = typer.Option(None, "--templates", metavar="THƯ_MỤC", help="Thư mục mẫu văn bản riêng "
                                             "(của tỉnh), được tìm trước các mẫu có sẵn."),
    plans: Path = typer.Option(Path("plans"), "--plans", metavar="THƯ_MỤC", help="Thư mục kế hoạch để tìm mã kế hoạch."),
) -> None:
    """In kế hoạch thành văn bản theo thể thức Nghị định 30/2020/NĐ-CP.

    Mỗi kế hoạch thành một tệp trong thư mục --output; pdf cần LibreOffice.

    \b
    Ví dụ:
      ntm render hung-my --format docx --output out/
    """
    from ntm.diagnostics import worst_exit_code
    from ntm.render import render_plan

    codes = []
    for ref in refs:
        loaded = _load_one(ref, plans)
        result = render_plan(loaded, format, output, templates)
        _print_diagnostics([loaded.file], result.diagnostics)
        for path in result.paths:
            if not STATE["quiet"]:
                typer.echo(str(path))
        codes.append(result.exit_code)
    raise typer.Exit(worst_exit_code(codes))


REPORT_LEVELS = ("xa", "huyen", "tinh", "thon")  # ntm.report.build.LEVELS (a test keeps them equal)


@app.command(cls=NtmCommand)
def report(
    paths: List[Path] = typer.Argument(..., metavar="ĐƯỜNG_DẪN", help="Tệp hoặc thư mục kế hoạch (duyệt đệ quy)."),
    year: int = typer.Option(..., "--year", metavar="NĂM", help="Năm báo cáo."),
    format: str = _format_option("text", "text", "json", "csv", "md", "xlsx"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="ĐƯỜNG_DẪN",
                                          help="Tệp cần ghi (json, md, xlsx) hoặc thư mục (csv)."),
    charts: Optional[Path] = typer.Option(None, "--charts", metavar="THƯ_MỤC",
                                          help="Thư mục ghi biểu đồ PNG (cần matplotlib)."),
    unit: Optional[str] = typer.Option(None, "--unit", metavar="ĐƠN_VỊ", help="Chỉ đơn vị này và các đơn vị trực "
                                       "thuộc: tên viết không dấu (tan-yen, bac-giang/tan-yen) hoặc mã kế hoạch."),
    level: Optional[str] = typer.Option(None, "--level", metavar="CẤP",
                                        help=f"Chỉ các đơn vị một cấp: {' | '.join(REPORT_LEVELS)}."),
    standard: Optional[str] = typer.Option(None, "--standard", metavar="CHUẨN", help="Chỉ một chuẩn: "
                                           f"{' | '.join(s.value for s in Standard)} (viết xa-ntm cũng được)."),
    as_of_units: Optional[int] = typer.Option(None, "--as-of-units", metavar="NĂM", help="2025: cộng theo đơn vị "
                                              "hành chính sau sắp xếp năm 2025."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", metavar="SỐ",
                                       help="Số tiến trình chạy song song (mặc định: số lõi CPU)."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Không dùng bộ nhớ đệm kết quả."),
) -> None:
    """Tổng hợp cả cây kế hoạch cho một năm.

    Ma trận tiêu chí, các đơn vị đến hạn đạt chuẩn trong năm, chỉ tiêu so với lộ trình, nguồn vốn theo nguồn và
    theo nhóm cộng dồn xã → huyện → tỉnh (từ năm 2026: xã → tỉnh), và những chỗ còn thiếu.

    \b
    Ví dụ:
      ntm report --year 2024 plans/
      ntm report --year 2024 plans/ --format xlsx --output bao-cao-2024.xlsx
    """
    from ntm.diagnostics import exit_code_for
    from ntm.report import ReportError, build_report, open_cache, write_report

    try:
        with _progress("Tổng hợp" if STATE["lang"] == "vi" else "Collecting") as progress:
            built = build_report(paths, year, unit=unit, level=level, standard=standard, as_of_units=as_of_units,
                                 jobs=jobs, cache=None if no_cache else open_cache(), progress=progress)
        text = write_report(built, format, output, STATE["lang"])
    except ReportError as exc:
        _usage(exc.message(STATE["lang"]))
    if text is not None:
        typer.echo(text)
    elif not STATE["quiet"]:
        typer.echo(str(output), err=True)
    if charts is not None:
        for path in _write_charts(built, charts):
            if not STATE["quiet"]:
                typer.echo(str(path), err=True)
    raise typer.Exit(exit_code_for(built.diagnostics))


def _write_charts(built, folder: Path) -> list:
    try:
        from ntm.report import write_charts

        return write_charts(built, folder, STATE["lang"])
    except ImportError:
        _usage_code("U003")


@app.command(cls=NtmCommand)
def fmt(
    paths: List[Path] = typer.Argument(..., metavar="ĐƯỜNG_DẪN", help="Tệp hoặc thư mục kế hoạch (duyệt đệ quy)."),
    check: bool = typer.Option(False, "--check", help="Chỉ kiểm tra, không ghi; tệp chưa đúng cách trình bày chuẩn "
                               "là lỗi (mã thoát 1)."),
) -> None:
    """Đưa tệp kế hoạch về một cách trình bày chuẩn.

    Giữ nguyên chú thích và mọi giá trị; --check chỉ kiểm tra, không ghi gì (cho CI).

    \b
    Ví dụ:
      ntm fmt plans/
      ntm fmt --check plans/
    """
    from ntm.diagnostics import exit_code_for
    from ntm.fmt import format_paths

    result = format_paths(paths, check=check)
    _print_diagnostics(sorted({d.file for d in result.diagnostics}), result.diagnostics)
    if not check and not STATE["quiet"]:
        for file in result.changed:
            typer.echo(file)
    raise typer.Exit(exit_code_for(result.diagnostics))


@app.command(cls=NtmCommand)
def new(
    slug: str = typer.Argument(..., metavar="MÃ_KẾ_HOẠCH", help="Mã của kế hoạch mới, cũng là tên tệp, ví dụ "
                               "hung-my-2025."),
    level: Optional[str] = typer.Option(None, "--level", metavar="CẤP", help="Cấp: xa | huyen | tinh | thon (mặc "
                                        "định xa; có --from thì theo kế hoạch cũ)."),
    year: int = typer.Option(..., "--year", metavar="NĂM", help="Năm của kế hoạch mới."),
    from_plans: Optional[List[str]] = typer.Option(None, "--from", metavar="MÃ_KẾ_HOẠCH", autocompletion=_complete_slug,
                                                   help="Kế hoạch năm trước để kế thừa (mã hoặc đường dẫn); lặp lại "
                                                   "--from cho các xã cũ đã sáp nhập thành một xã."),
    plans: Path = typer.Option(Path("plans"), "--plans", metavar="THƯ_MỤC", help="Thư mục kế hoạch: tệp mới được ghi "
                               "vào đây (có --from thì ghi cạnh kế hoạch cũ)."),
    force: bool = typer.Option(False, "--force", help="Vẫn ghi khi phần kế thừa không còn hợp lệ, để sửa tay."),
) -> None:
    """Tạo kế hoạch mới, trống hoặc kế thừa kế hoạch năm trước.

    Kế thừa đơn vị, cơ quan, nơi nhận và chữ ký, không kế thừa những gì gắn với ngày tháng của năm cũ, và in ra
    những gì không kế thừa; lặp lại --from cho các xã cũ đã sáp nhập thành một xã năm 2025.

    \b
    Ví dụ:
      ntm new tan-my-2028 --year 2028 --from tan-my-2027
      ntm new xa-moi-2027 --year 2027 --level xa
    """
    from ntm.scaffold import NewPlanRefused, create_plan

    previous = [_find(ref, plans) for ref in from_plans or []]
    try:
        created = create_plan(slug, level, year, previous, plans, force=force)
    except NewPlanRefused as exc:
        _print_diagnostics(sorted({d.file for d in exc.diagnostics}), exc.diagnostics)
        raise typer.Exit(worst_code(exc.diagnostics))
    if not STATE["quiet"]:
        _print_diagnostics([str(created.path)], created.notes)
        if created.schema_written is not None:
            typer.echo(str(created.schema_written), err=True)
    typer.echo(str(created.path))


@app.command(cls=NtmCommand)
def export(
    ref: str = typer.Argument(..., metavar="MÃ_KẾ_HOẠCH", help="Mã kế hoạch (slug, tên tệp bỏ .yaml) hoặc đường dẫn "
                              "tệp.", autocompletion=_complete_slug),
    format: str = _format_option("xlsx", "xlsx", "csv", what="Định dạng bảng tính"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="ĐƯỜNG_DẪN", help="Tệp .xlsx hoặc thư mục "
                                          "csv cần ghi (mặc định: hung-my.xlsx hoặc hung-my-csv/ cho kế hoạch hung-my)."),
    plans: Path = typer.Option(Path("plans"), "--plans", metavar="THƯ_MỤC", help="Thư mục kế hoạch để tìm mã kế hoạch."),
) -> None:
    """Xuất chỉ tiêu, nhiệm vụ và nguồn vốn ra bảng tính để điền.

    Điền xong, ntm import ghi bảng tính trở lại kế hoạch.

    \b
    Ví dụ:
      ntm export hung-my --format xlsx --output hung-my.xlsx
    """
    from ntm.spreadsheet import export_plan

    if format not in ("xlsx", "csv"):
        _usage_code("U001", value=format, choices="xlsx | csv")
    path = _find(ref, plans)
    target = output or Path(f"{path.stem}.xlsx" if format == "xlsx" else f"{path.stem}-csv")
    result = export_plan(path, format, target)
    _print_diagnostics([str(path)], result.diagnostics)
    for written in result.paths:
        if not STATE["quiet"]:
            typer.echo(str(written))
    raise typer.Exit(worst_code(result.diagnostics))


@app.command(name="import", cls=NtmCommand)
def import_(
    sheet: Path = typer.Argument(..., metavar="BẢNG_TÍNH", help="Bảng tính đã điền: tệp .xlsx, tệp .csv hoặc thư "
                                 "mục csv."),
    into: str = typer.Option(..., "--into", metavar="MÃ_KẾ_HOẠCH", help="Kế hoạch cần ghi vào (mã hoặc đường dẫn).",
                             autocompletion=_complete_slug),
    plans: Path = typer.Option(Path("plans"), "--plans", metavar="THƯ_MỤC", help="Thư mục kế hoạch để tìm mã kế hoạch."),
) -> None:
    """Ghi bảng tính đã điền vào tệp kế hoạch.

    Giữ nguyên chú thích và bố cục; nếu kết quả không hợp lệ thì từ chối và không thay đổi gì.

    \b
    Ví dụ:
      ntm import hung-my.xlsx --into hung-my
    """
    from ntm.spreadsheet import import_plan

    if not sheet.exists():
        _usage_code("U004", path=str(sheet))
    path = _find(into, plans)
    result = import_plan(sheet, path)
    _print_diagnostics(sorted({d.file for d in result.diagnostics}), result.diagnostics)
    if not STATE["quiet"]:
        for change in result.changes:
            typer.echo(change)
    raise typer.Exit(worst_code(result.diagnostics))


def worst_code(diagnostics: list) -> int:
    """Exit code of a writing command: 2 when a file could not be read or written, else the usual."""
    from ntm.diagnostics import exit_code_for

    if any(d.code in IO_CODES and d.severity.value == "error" for d in diagnostics):
        return ExitCode.USAGE_OR_IO
    return exit_code_for(diagnostics)


def _find(ref: str, plans: Path) -> Path:
    from ntm.locate import NotFound, find_plan

    try:
        return find_plan(ref, plans)
    except NotFound as exc:
        close = ", ".join(exc.suggestions) or "—"
        _usage_code("U002", ref=ref, plans=str(plans), close=close)


def _load_one(ref: str, plans: Path):
    from ntm.loader import load_plan

    loaded = load_plan(_find(ref, plans))
    if loaded.plan is None:
        _print_diagnostics([loaded.file], loaded.diagnostics)
        raise typer.Exit(ExitCode.FINDINGS)
    return loaded


def _print_diagnostics(files: list, diagnostics: list) -> None:
    """Findings of a writing command, on stderr, in the user's language."""
    if not diagnostics:
        return
    from ntm.reporters import text as text_report

    typer.echo(text_report(files, diagnostics, STATE["lang"], summary=False), err=True)


def _progress(label: str):
    from ntm.progress import FileProgress

    return FileProgress(label, enabled=not STATE["quiet"])


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


def _usage_code(code: str, **params) -> None:
    """A usage error in the user's language, from the one message catalog."""
    from ntm.messages import render_message

    _usage(render_message(code, params, STATE["lang"]))


def _usage(message: str) -> None:
    typer.echo(f"ntm: {message}", err=True)
    raise typer.Exit(ExitCode.USAGE_OR_IO)


def main() -> None:
    """Console entry point: no traceback ever reaches the user."""
    from ntm.parallel import tune_gc

    tune_gc()
    try:
        app()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        _stop("X002", 130)
    except OSError as exc:
        _stop("X003", ExitCode.USAGE_OR_IO, reason=exc.strerror or str(exc), file=exc.filename or "")
    except Exception:  # noqa: BLE001 - the last line of defence
        _stop("X004", ExitCode.USAGE_OR_IO, log=_write_crash_log())


def _stop(code: str, exit_code: int, **params) -> None:
    from ntm.messages import render_message

    typer.echo(f"ntm: {render_message(code, params, STATE['lang'])}", err=True)
    sys.exit(exit_code)


def _write_crash_log() -> str:
    import tempfile
    import traceback

    fd, path = tempfile.mkstemp(prefix="ntm-crash-", suffix=".log")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        traceback.print_exc(file=handle)
    return path


if __name__ == "__main__":
    main()
