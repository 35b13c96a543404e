"""A source checkout works before installation: ``import transformer`` from the repository root.

The grammar stays in the top-level grammar/ folder; pyproject.toml maps it to
``transformer.grammar`` in the wheel, and the package finds it by itself in a checkout.
The check runs on a copy of transformer/ and grammar/, in a Python that does not see
this environment's (editable) installation of msrefactor: ``-S`` skips site-packages'
.pth files, and PYTHONPATH gives the dependencies alone.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ("import transformer; "
          "print(transformer.refactor('FROM python:3.11\\nRUN pip install x\\nCMD [\"python\", \"app.py\"]\\n')"
          ".text, end='')")


def test_import_from_a_checkout_before_installation(tmp_path: Path) -> None:
    checkout = tmp_path / "checkout"
    for folder in ("transformer", "grammar"):
        shutil.copytree(ROOT / folder, checkout / folder, ignore=shutil.ignore_patterns("__pycache__"))
    deps = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sorted(deps))}
    p = subprocess.run([sys.executable, "-S", "-c", "import sys; import lark, click; "
                        "assert not any('__editable__' in str(f) for f in sys.meta_path); " + SCRIPT],
                       cwd=checkout, env=env, capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    assert p.stdout.startswith("FROM python:3.11 AS builder\n"), p.stdout
    assert "AS runner" in p.stdout
