"""Writes the static hostile-input corpus of tests/hostile/ (run once; the files are committed).

Each file is a plan as it arrives from many hands: Word habits, Windows
encodings, copy-paste, and a few made to hurt. `CASES` in tests/test_hostile.py
says what each must produce. Run: python tests/hostile/make_corpus.py
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
HUNG_MY = (HERE.parents[1] / "plans" / "tuyen-quang" / "hung-my.yaml").read_text(encoding="utf-8")

GOOD = """\
schema_version: 1
slug: {slug}
unit: {{level: xa, name: Hùng Mỹ, district: Chiêm Hóa, province: Tuyên Quang, region: TDMNPB}}
criteria_set: xa-ntm-2021-2025
period: {{start: 2024, end: 2024}}
document: {{kind: KH, title: Kế hoạch xây dựng nông thôn mới năm 2024, date: 2024-02-22}}
funding:
  total: 215.5
  lines:
    - {{source: ngan_sach_tinh, amount: 135.0}}
    - {{source: ctmtqg_ntm, amount: {amount}}}
"""


def good(slug: str, amount: str = "80.5") -> str:
    return GOOD.format(slug=slug, amount=amount)


def bomb() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghij"):
        prev = "abcdefghij"[i]
        lines.append(f"{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]")
    return "\n".join(lines) + "\n"


SENTENCE = "Tuyên truyền vận động nhân dân thực hiện Quy định quản lý quy hoạch chung xã Hùng Mỹ đến năm 2030. "


def amplified(anchor_chars: int, aliases: int, shape: str = "text") -> str:
    """Hùng Mỹ with one large anchored value reused by `aliases` more tasks (issue 14.1).

    `shape` "text": the first task's `what` is a string of about `anchor_chars` characters
    and every added task's `what` is an alias of it; "mapping": a whole task (its `what` of
    that size) is anchored and the added tasks are aliases of the task itself. Without a bound
    on the expanded size such a file validates clean and every writer multiplies it.
    """
    text = (SENTENCE * (anchor_chars // len(SENTENCE) + 1))[:anchor_chars].strip()
    if shape == "text":
        first = f'  - criterion: "1"\n    what: &big "{text}"\n'
        added = '  - {criterion: "1", what: *big}\n' * aliases
    else:
        first = f'  - &task\n    criterion: "1"\n    what: "{text}"\n'
        added = "  - *task\n" * aliases
    return HUNG_MY.replace("tasks:\n", "tasks:\n" + first + added, 1)


FILES: dict[str, bytes] = {
    # syntax and structure
    "malformed.yaml": good("malformed").replace("title: Kế hoạch", "title: [Kế hoạch").encode(),
    "tabs.yaml": good("tabs").replace("    - {source: ctmtqg", "\t- {source: ctmtqg").encode(),
    "duplicate-keys.yaml": good("duplicate-keys").replace("criteria_set:", "slug: lap-lai\ncriteria_set:").encode(),
    "python-tag.yaml": ("!!python/object/apply:os.system ['echo pwned']\n").encode(),
    "python-tag-inside.yaml": good("python-tag-inside").replace("amount: 135.0", "amount: !!python/object/apply:os.getcwd []").encode(),
    "alias-bomb.yaml": bomb().encode(),
    "alias-amplified-text.yaml": amplified(20_000, 300).encode(),
    "alias-amplified-mapping.yaml": amplified(20_000, 300, "mapping").encode(),
    "not-a-mapping.yaml": "- một\n- hai\n".encode(),
    "empty.yaml": b"",
    "only-comments.yaml": "# chỉ có chú thích\n".encode(),
    "binary.yaml": bytes(range(256)) * 8,
    # encodings
    "windows-1258.yaml": good("windows-1258").encode("cp1258", errors="replace"),
    "utf-16.yaml": good("utf-16").encode("utf-16"),
    "utf-16be-no-bom.yaml": good("utf-16be-no-bom").encode("utf-16-be"),
    "latin1-garbage.yaml": "slug: x\ntitle: caf\xe9\n".encode("latin-1"),
    # numbers and dates the model must refuse
    "amount-1e400.yaml": good("amount-1e400", "1e400").encode(),
    "amount-negative.yaml": good("amount-negative", "-80.5").encode(),
    "amount-huge.yaml": good("amount-huge", "9" * 60).encode(),
    "amount-nan.yaml": good("amount-nan", ".nan").encode(),
    "amount-inf.yaml": good("amount-inf", ".inf").encode(),
    "amount-text.yaml": good("amount-text", "tám mươi").encode(),
    "date-2024-02-30.yaml": good("date-2024-02-30").replace("date: 2024-02-22", "date: 2024-02-30").encode(),
    "year-99999.yaml": good("year-99999").replace("end: 2024", "end: 99999").encode(),
    # text that must be printed as text, never run (on a whole plan, so that it renders)
    "html-and-jinja.yaml": HUNG_MY.replace(
        "title: Thực hiện Chương trình",
        "title: Kế hoạch <script>alert(1)</script> & {{ 7*7 }} {% raw %} ${x} ]]> Thực hiện Chương trình", 1).encode(),
    "control-chars.yaml": HUNG_MY.replace(
        "title: Thực hiện Chương trình", 'title: "Kế\\x01 hoạch\\x1b[31m Thực hiện Chương trình', 1)
    .replace("tỉnh Tuyên Quang\n  # `text`", 'tỉnh Tuyên Quang"\n  # `text`', 1).encode(),
    # harmless habits: these must load and equal the shipped plan
    "bom.yaml": b"\xef\xbb\xbf" + HUNG_MY.encode(),
    "crlf.yaml": HUNG_MY.replace("\n", "\r\n").encode(),
    "nfd.yaml": unicodedata.normalize("NFD", HUNG_MY).encode(),
}


def main() -> None:
    for name, data in FILES.items():
        (HERE / name).write_bytes(data)
    print(f"{len(FILES)} files written to {HERE}")


if __name__ == "__main__":
    main()
