"""A program that runs compilers at request time (an online IDE, a code runner) keeps them in the runtime: the
tool reads the app's JavaScript for the programs it spawns through child_process, as it reads the app's Python for
subprocess, and keeps the package the file installs for a command of a family (javac of openjdk-17-jdk-headless,
where the release's data name default-jdk-headless). Found by rp10 end to end: khangdang12324/DoAnChuyenNganh-BackEnd
(server.js: gcc, g++, javac, go run) and AniketChavan1836/fastapi-code-engine-by-aniket (executor.py: g++, javac)
lost them, and answered "not found" where the original compiled."""

from __future__ import annotations

import pytest
from conftest import stages

from transformer.jssource import programs_spawned

NODE = """FROM node:18-bullseye
RUN apt-get update && apt-get install -y python3 g++ gcc make openjdk-17-jdk golang-go
WORKDIR /app
COPY package*.json ./
RUN npm install
COPY . .
EXPOSE 3000
CMD ["node", "server.js"]
"""
SERVER = """const express = require('express');
const { exec } = require('child_process');
app.post('/run', (req, res) => {
  const compiler = language === 'c' ? 'gcc' : 'g++';
  let cmd = `cd "${tempDir}" && ${compiler} "${fileName}" -o "${outName}"`;
  if (language === 'java') cmd = `cd "${javaDir}" && javac Main.java && java Main`;
  if (language === 'go') cmd = `go run "${filePath}"`;
  exec(cmd, (err, out) => res.json({ out }));
});
"""
PACKAGE = '{"dependencies": {"express": "4"}}'


def _installs(runtime: str) -> list[str]:
    line = next(x for x in runtime.splitlines() if "apt-get install" in x)
    return line.split("--no-install-recommends ")[1].split(" &&")[0].split()


def test_an_online_ide_keeps_the_compilers_its_javascript_runs() -> None:
    _, runtime = stages(NODE, {"server.js": SERVER, "package.json": PACKAGE})
    installed = _installs(runtime)
    assert {"gcc", "g++", "openjdk-17-jdk", "golang-go"} <= set(installed), runtime
    assert "make" not in installed and "openjdk-17-jre" not in installed


def test_javascript_that_spawns_nothing_leaves_the_compilers_in_the_builder() -> None:
    quiet = SERVER.replace("const { exec } = require('child_process');\n", "").replace("exec(cmd", "log(cmd")
    _, runtime = stages(NODE, {"server.js": quiet, "package.json": PACKAGE})
    installed = _installs(runtime)
    assert "gcc" not in installed and "golang-go" not in installed and "openjdk-17-jre" in installed, runtime


def test_a_code_runner_in_python_keeps_the_jdk_it_installs_for_javac() -> None:
    text = ("FROM python:3.11-slim\nRUN apt-get update && apt-get install -y --no-install-recommends gcc g++ "
            "openjdk-17-jdk-headless && rm -rf /var/lib/apt/lists/*\nWORKDIR /app\nCOPY . /app\n"
            "RUN pip install --no-cache-dir -r requirements.txt\n"
            'CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000"]\n')
    executor = ("import subprocess\n\ndef run(cpp, exe, java_file):\n    subprocess.run(['g++', cpp, '-o', exe])\n"
                "    subprocess.run(['javac', java_file])\n")
    _, runtime = stages(text, {"app/executor.py": executor, "app/__init__.py": "", "requirements.txt": "fastapi\n"})
    installed = _installs(runtime)
    assert "openjdk-17-jdk-headless" in installed and "g++" in installed, runtime
    assert "gcc" not in installed and "openjdk-17-jre-headless" not in installed


@pytest.mark.parametrize(("source", "programs"), [
    ("const cp = require('child_process');\ncp.execSync('make -C build && ./build/app');", {"make"}),
    ("import { spawn } from 'node:child_process';\nspawn(\"javac\", [file]);", {"javac"}),
    ("const { execFile } = require(\"child_process\");\nexecFile(`/usr/bin/gcc`, args);", {"gcc"}),
    ("console.log('gcc'); const t = `make ${x}`;", set()),  # no child_process: nothing is spawned
])
def test_the_programs_a_module_spawns(source: str, programs: set[str]) -> None:
    assert programs <= set(programs_spawned(source))
    assert bool(programs_spawned(source)) == bool(programs)


def test_reading_a_module_is_linear() -> None:
    import time

    text = "require('child_process');\n" + "`" + "a \\" * 50_000 + "\n" + "exec('" + "x" * 50_000
    start = time.perf_counter()
    programs_spawned(text)
    assert time.perf_counter() - start < 2
