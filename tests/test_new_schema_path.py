"""The `$schema=` path `ntm new` writes always resolves (issue 15.2).

Inside a plans repository it points at the repository's schema/plan.schema.json; anywhere else
(ntm installed from a wheel, plans in a folder of their own) it writes plan.schema.json beside the
plans and points at that, never into site-packages.
"""

import json
from pathlib import Path

from ntm.scaffold import MODELINE, create_plan, schema_location
from ntm.schema import schema_text

REPO = Path(__file__).resolve().parents[1]


def schema_of(path: Path) -> Path:
    """The file a new plan's modeline points at, resolved from the plan's folder."""
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith(MODELINE)
    return (path.parent / first.removeprefix(MODELINE)).resolve()


def test_inside_a_repository_the_repositorys_schema(tmp_path):
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "plan.schema.json").write_text(schema_text(), encoding="utf-8")
    (tmp_path / "plans" / "tuyen-quang").mkdir(parents=True)
    created = create_plan("xa-moi", "xa", 2027, plans_dir=tmp_path / "plans" / "tuyen-quang")
    assert created.path.read_text(encoding="utf-8").startswith(f"{MODELINE}../../schema/plan.schema.json\n")
    assert schema_of(created.path) == (tmp_path / "schema" / "plan.schema.json").resolve()
    assert created.schema_written is None and not (tmp_path / "plans" / "plan.schema.json").exists()


def test_without_a_repository_schema_it_writes_one_beside_the_plans(tmp_path):
    plans = tmp_path / "plans"
    created = create_plan("xa-moi", "xa", 2027, plans_dir=plans)
    assert created.path.read_text(encoding="utf-8").startswith(f"{MODELINE}plan.schema.json\n")
    assert created.schema_written == (plans / "plan.schema.json").resolve()
    assert json.loads((plans / "plan.schema.json").read_text(encoding="utf-8"))["title"] == "Kế hoạch nông thôn mới (ntm)"
    assert schema_of(created.path) == created.schema_written


def test_a_plan_in_a_province_folder_points_up_to_the_schema_beside_the_plans(tmp_path):
    plans = tmp_path / "plans"
    (plans / "tuyen-quang").mkdir(parents=True)
    (plans / "tuyen-quang" / "hung-my.yaml").write_bytes((REPO / "plans" / "tuyen-quang" / "hung-my.yaml").read_bytes())
    created = create_plan("hung-my-2025", None, 2025, plans / "tuyen-quang" / "hung-my.yaml", plans)
    assert created.path.read_text(encoding="utf-8").startswith(f"{MODELINE}../plan.schema.json\n")
    assert schema_of(created.path) == (plans / "plan.schema.json").resolve()


def test_the_schema_beside_the_plans_is_written_once_and_refreshed_when_stale(tmp_path):
    plans = tmp_path / "plans"
    assert create_plan("xa-mot", "xa", 2027, plans_dir=plans).schema_written is not None
    assert create_plan("xa-hai", "xa", 2027, plans_dir=plans).schema_written is None  # current: left alone
    (plans / "plan.schema.json").write_text("{}\n", encoding="utf-8")
    assert create_plan("xa-ba", "xa", 2027, plans_dir=plans).schema_written is not None
    assert (plans / "plan.schema.json").read_text(encoding="utf-8") == schema_text()


def test_the_location_never_depends_on_where_ntm_is_installed(tmp_path, monkeypatch):
    """The old fallback was the package's parent folder: site-packages/schema/, which does not exist."""
    import ntm.scaffold

    monkeypatch.setattr(ntm.scaffold, "__file__", str(tmp_path / "site-packages" / "ntm" / "scaffold.py"))
    target = tmp_path / "plans" / "x.yaml"
    assert schema_location(target, tmp_path / "plans") == ((tmp_path / "plans" / "plan.schema.json").resolve(), True)


def test_installed_from_the_wheel_the_path_resolves(tmp_path, installed_ntm):
    """ntm from its wheel, `ntm new` outside any repository: the modeline resolves, and not into the package."""
    work = tmp_path / "elsewhere"
    work.mkdir()
    done = installed_ntm.run(["new", "xa-moi-2027", "--year", "2027", "--level", "xa"], work, tmp_path / ".c")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(str(installed_ntm.site))  # the installed copy, not this checkout
    schema = schema_of(work / "plans" / "xa-moi-2027.yaml")
    assert schema == (work / "plans" / "plan.schema.json").resolve() and schema.is_file()
    assert installed_ntm.site not in schema.parents
