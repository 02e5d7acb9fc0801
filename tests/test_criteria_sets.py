"""Which criteria set `ntm criteria` shows without --set, and `ntm criteria --list`.

Without --set the command shows the national set of NTM communes in force on the day it runs
(QĐ 51/2025/QĐ-TTg, xa-ntm-2026-2030, from 15/02/2026; QĐ 318/QĐ-TTg before), or with --year
the set whose period holds that year; both are read from the catalogs' periods and dates of
effect. `--list` prints every shipped set as a table, and as JSON for scripts.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest
from typer.testing import CliRunner

import ntm.catalog_index as catalog_index
from ntm.catalog import available_catalogs
from ntm.catalog_index import commune_set
from ntm.cli import app


def run(*args: str):
    return CliRunner().invoke(app, list(args))


@pytest.fixture
def on_day(monkeypatch):
    """Run as if today were the given day."""
    def set_day(day: dt.date) -> None:
        monkeypatch.setattr(catalog_index, "today", lambda: day)
    return set_day


@pytest.mark.parametrize("day, expected", [
    (dt.date(2024, 6, 1), "xa-ntm-2021-2025"),
    (dt.date(2026, 2, 14), "xa-ntm-2021-2025"),  # QĐ 51/2025 is signed but not yet in force
    (dt.date(2026, 2, 15), "xa-ntm-2026-2030"),
    (dt.date(2030, 12, 31), "xa-ntm-2026-2030"),
    (dt.date(2019, 1, 1), "xa-ntm-2016-2020"),
])
def test_without_set_the_command_shows_the_commune_set_in_force_that_day(on_day, day, expected):
    on_day(day)
    result = run("criteria", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["set"] == expected
    assert f"({expected}, " in run("criteria").output.splitlines()[0]


@pytest.mark.parametrize("args, expected", [
    (["--region", "TDMNPB", "--year", "2024"], "xa-ntm-2021-2025"),
    (["--region", "TDMNPB", "--year", "2020"], "xa-ntm-2016-2020"),
    (["--group", "nhom-2", "--year", "2027"], "xa-ntm-2026-2030"),
])
def test_with_year_the_default_is_the_set_whose_period_holds_it(on_day, args, expected):
    on_day(dt.date(2026, 12, 2))
    result = run("criteria", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["set"] == expected


def test_a_year_no_set_covers_gets_the_nearest_sets_own_answer():
    result = run("criteria", "--year", "2031")
    assert result.exit_code == 2
    assert result.output == "ntm: Năm 2031 nằm ngoài giai đoạn 2026–2030 của bộ xa-ntm-2026-2030\n"


def test_the_choice_follows_the_catalogs_not_a_list_of_ids():
    """A new national set (here 2031-2035, in force from 01/3/2031) takes over by its own period and date."""
    shipped = catalog_index.catalog_index()
    newer = dataclasses.replace(next(e for e in shipped if e.id == "xa-ntm-2026-2030"), id="xa-ntm-2031-2035",
                                start=2031, end=2035, in_effect_from=dt.date(2031, 3, 1))
    entries = [*shipped, newer]
    assert commune_set(on=dt.date(2031, 2, 28), entries=entries) == "xa-ntm-2026-2030"
    assert commune_set(on=dt.date(2031, 3, 1), entries=entries) == "xa-ntm-2031-2035"
    assert commune_set(2033, entries=entries) == "xa-ntm-2031-2035"
    assert commune_set(2033, entries=shipped) == "xa-ntm-2026-2030"


def test_overlays_and_other_tiers_are_never_the_default():
    national = catalog_index.national_commune_sets(catalog_index.catalog_index())
    assert [e.id for e in national] == ["xa-ntm-2016-2020", "xa-ntm-2021-2025", "xa-ntm-2026-2030"]


def test_the_help_says_what_the_default_is():
    text = " ".join(run("criteria", "--help").output.split())
    assert ("Mặc định: bộ tiêu chí xã nông thôn mới có hiệu lực hôm nay (--list ghi rõ bộ nào), hoặc khi có --year "
            "thì bộ có giai đoạn chứa năm đó.") in text
    english = " ".join(run("--lang", "en", "criteria", "--help").output.split())
    assert "Default: the set of NTM communes in force today (--list names it)" in english


def test_list_is_an_aligned_table_of_id_period_date_and_title(on_day):
    on_day(dt.date(2026, 12, 2))
    lines = run("criteria", "--list").output.splitlines()
    assert lines[0].split() == ["Mã", "Giai", "đoạn", "Hiệu", "lực", "từ", "Tên"]
    rows = {line.split()[0]: line for line in lines[2:-1]}
    assert list(rows) == available_catalogs()
    assert rows["xa-ntm-2026-2030"].split(None, 3) == [
        "xa-ntm-2026-2030", "2026–2030", "15/02/2026", "Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2026–2030"]
    assert rows["tuyen-quang-479-2022"].endswith("(bổ sung cho xa-ntm-2021-2025)")
    assert len({line.index(" 20") for line in rows.values()}) == 1  # the period column starts at one offset
    assert len({line.index(line.split()[3]) for line in rows.values()}) == 1  # and so do the titles
    assert lines[-1] == "Không có --set: xa-ntm-2026-2030, bộ tiêu chí xã nông thôn mới có hiệu lực hôm nay (02/12/2026)."


def test_list_in_english_and_as_json(on_day):
    on_day(dt.date(2025, 3, 1))
    english = run("--lang", "en", "criteria", "--list").output.splitlines()
    assert english[0].split() == ["Id", "Period", "In", "force", "from", "Title"]
    assert english[-1] == "Without --set: xa-ntm-2021-2025, the set of NTM communes in force today (01/3/2025)."
    document = json.loads(run("criteria", "--list", "--format", "json").output)
    assert (document["kind"], document["default"], document["today"]) == ("ntm-criteria-sets", "xa-ntm-2021-2025",
                                                                         "2025-03-01")
    assert [s["id"] for s in document["sets"]] == available_catalogs()
    assert next(s for s in document["sets"] if s["id"] == "xa-ntm-2026-2030") == {
        "id": "xa-ntm-2026-2030", "title": "Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2026–2030",
        "level": "xa", "tier": "xa_ntm", "period": {"start": 2026, "end": 2030}, "decision": "Quyết định 51/2025/QĐ-TTg",
        "in_effect_from": "2026-02-15", "extends": None, "province": None}
