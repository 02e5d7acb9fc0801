"""The benchmark corpus (bench/generate.py): deterministic for a seed, clean where it should be,
broken exactly where it says, and written in YAML that loads back to the same data."""

import datetime as dt
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from ntm.validate import validate_paths
from ntm.yamlio import load_text

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

import generate  # noqa: E402
import yamlout  # noqa: E402


@pytest.fixture
def two_districts(monkeypatch):
    """The register cut to its first two rural districts, so a small corpus also holds 2023 plans."""
    rows = generate.register_rows()
    codes = sorted({r[4] for r in rows})[:2]
    monkeypatch.setattr(generate, "register_rows", lambda: [r for r in rows if r[4] in codes])


def findings(path: Path) -> dict[str, list[str]]:
    """Error and warning codes by file name."""
    result = validate_paths([path], jobs=1, cache=None)
    found: dict[str, list[str]] = {}
    for d in result.diagnostics:
        if d.severity.value in ("error", "warning"):
            found.setdefault(Path(d.file).name, []).append(d.code)
    return found


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path):
    first = generate.generate(tmp_path / "a", 30, seed=7, jobs=1)
    again = generate.generate(tmp_path / "b", 30, seed=7, jobs=1)
    other = generate.generate(tmp_path / "c", 30, seed=8, jobs=1)
    assert first["digest"] == again["digest"] != other["digest"]
    names = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.yaml"))
    assert names == sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*.yaml"))
    assert all((tmp_path / "a" / n).read_bytes() == (tmp_path / "b" / n).read_bytes() for n in names)


def test_generated_plans_validate_clean(tmp_path, two_districts):
    manifest = generate.generate(tmp_path, 60, jobs=1)
    assert manifest["district_plans"] == 2 and set(manifest["commune_plans"]) == {"2024", "2023"}
    assert len(list((tmp_path / "plans").rglob("*.yaml"))) == 60
    assert findings(tmp_path / "plans") == {}


def test_plans_have_the_shape_of_a_real_plan(tmp_path):
    generate.generate(tmp_path, 20, jobs=1)
    for path in (tmp_path / "plans").rglob("*.yaml"):
        data = load_text(path.read_text(encoding="utf-8")).data
        assert 440 <= path.read_text(encoding="utf-8").count("\n") <= 540, path
        if data["unit"]["level"] == "xa":
            assert len(data["assessments"][0]["criteria"]) == 19
            assert 30 <= len(data["tasks"]) <= 50
            assert len(data["funding"]["lines"]) == 9
            assert sum(Decimal(str(line["amount"])) for line in data["funding"]["lines"]) == data["funding"]["total"]
        else:
            assert data["phasing"] and data["targets"]


def test_broken_files_fail_with_their_codes_only(tmp_path):
    manifest = generate.generate(tmp_path, 20, jobs=1)
    expected = {Path(name).name: codes for name, codes in manifest["broken"].items()}
    assert findings(tmp_path / "broken") == expected
    assert sorted(code for codes in expected.values() for code in codes) == ["R101", "R201", "Y005", "Y006"]


def test_yaml_writer_round_trips_tricky_values():
    data = yamlout.Commented({
        "code": "17.10", "yes": "yes", "date_text": "2024-02-22", "date": dt.date(2024, 2, 22),
        "colon": "Lưu: VT", "hash": "#1", "quote": 'Phong trào "Chung sức"', "dash": "- gạch",
        "amount": Decimal("8321.70"), "count": 1413, "flag": True,
        "long": " ".join(["Căn cứ Quyết định số 318/QĐ-TTg ngày 08/3/2022"] * 6),
        "paragraphs": "Đoạn một.\n\nĐoạn hai: có dấu hai chấm.",
        "criteria": {"1": {"status": "met", "as_written": "Quy hoạch"}},
        "sources": ["ngan_sach_tinh", "a, b"],
        "tasks": [yamlout.Commented({"criterion": "2", "what": "Bê tông hóa"}, above=("Tiêu chí số 2",))],
    }, above=("Tệp thử",))
    text = yamlout.dump(data)
    loaded = load_text(text).data
    assert loaded.pop("date") == "2024-02-22" and data.pop("date")
    assert loaded == data
    assert "# Tiêu chí số 2" in text and "long: >-" in text and "paragraphs: |-" in text
