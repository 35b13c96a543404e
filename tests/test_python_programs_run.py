"""The programs the app's own Python code runs (subprocess, os.system), read in the build context: a tool of the
full image the slim runtime lacks is installed there, as for a CMD or a script that runs it. A real project built
end to end (rp4: elekto, whose meta.py runs `subprocess.run([self.git, 'pull', ...])` with `self.git =
'/usr/bin/git'`): the python:3.11-slim-bookworm runtime had no git (FileNotFoundError). Engine:
fixtures/apps/py-app-runs-git."""

from __future__ import annotations

import pytest
from conftest import context_of

from transformer import refactor
from transformer.pysource import programs_called

FILE = "FROM python:3.11\nWORKDIR /srv\nCOPY . .\nRUN pip install -r requirements.txt\nCMD [\"python\", \"app.py\"]\n"


@pytest.mark.parametrize(("source", "programs"), [
    ("import subprocess\nsubprocess.run(['git', 'pull'], check=True)\n", ("git",)),
    ("import subprocess\nclass R:\n    git = '/usr/bin/git'\n    def f(self):\n"
     "        subprocess.run([self.git, 'pull'])\n", ("git",)),
    ("import os\nos.system('curl -s http://x/ > /tmp/y')\n", ("curl",)),
    ("from subprocess import check_output\ncheck_output(['ffmpeg', '-i', 'a'])\n", ("ffmpeg",)),
    ("def run(x):\n    pass\nrun(['git'])\n", ()),  # not subprocess's
    ("import subprocess\nsubprocess.run(cmd)\n", ()),  # a command line the code builds
    ("x = '/usr/bin/git'\n", ()),  # a module that runs nothing
])
def test_the_programs_a_module_runs(source: str, programs: tuple[str, ...]) -> None:
    assert programs_called(source) == programs


def test_a_tool_the_app_runs_is_installed_in_the_slim_runtime() -> None:
    files = {"requirements.txt": "flask\n", "app.py": "import subprocess\nsubprocess.run(['git', 'pull'])\n"}
    result = refactor(FILE, read_context=context_of(files))
    runner = result.text.split("\nFROM ")[-1]
    assert "python:3.11-slim" in runner and "apt-get install -y --no-install-recommends git" in runner, runner


def test_tests_and_dependencies_of_the_context_are_not_read() -> None:
    files = {"requirements.txt": "flask\n", "app.py": "print('hi')\n",
             "tests/test_x.py": "import subprocess\nsubprocess.run(['git', 'init'])\n"}
    runner = refactor(FILE, read_context=context_of(files)).text.split("\nFROM ")[-1]
    assert "git" not in runner, runner
