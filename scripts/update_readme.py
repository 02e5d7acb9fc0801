"""Regenerate the README's generated blocks from the code (like `cog`).

Blocks sit between `<!-- NAME -->` and `<!-- /NAME -->` markers:
`rules` is `ntm rules --format md`; `validate-output` is a real run of
`ntm validate plans/`. `tests/test_docs.py` fails when a block is stale.
Run: .venv/bin/python scripts/update_readme.py
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"


def rules_block() -> str:
    from ntm.rule_catalog import render_rules

    return render_rules("md", "vi", False)


def validate_block() -> str:
    env = {**os.environ, "NTM_CACHE_DIR": "/tmp/ntm-readme-cache", "NTM_LANG": "vi"}
    run = subprocess.run([sys.executable, "-m", "ntm.cli", "validate", "plans/"], cwd=ROOT,
                         capture_output=True, text=True, env=env)
    return f"```text\n$ ntm validate plans/\n{run.stdout.rstrip()}\n```"


BLOCKS = {"rules": rules_block, "validate-output": validate_block}


def replace_block(text: str, name: str, body: str) -> str:
    pattern = re.compile(rf"(<!-- {name} -->\n).*?(\n<!-- /{name} -->)", re.S)
    if not pattern.search(text):
        raise SystemExit(f"README has no block {name}")
    return pattern.sub(lambda m: m.group(1) + body + m.group(2), text)


def render(text: str) -> str:
    for name, make in BLOCKS.items():
        text = replace_block(text, name, make())
    return text


if __name__ == "__main__":
    README.write_text(render(README.read_text(encoding="utf-8")), encoding="utf-8")
