"""Files of the build context a RUN deletes (``COPY . /app`` ... ``pip install -r requirements.txt && rm -rf .git
tests``, honeytail's ``git clean -f && rm -rf .git``, 157c39c3): the runtime repeats the context COPY, so it
repeats the deletion too; it kept what the original deletes (the repository's history, a settings file removed
so that the defaults apply). Only ``rm -f``, which a file the build made instead of the context cannot stop."""

from __future__ import annotations

from conftest import NODE_APP_FILES, runner_stage

APP = """\
FROM python:3.11
WORKDIR /app
COPY . /app
RUN pip install -r requirements.txt && {rm}
CMD ["python", "app.py"]
"""


def test_the_runtime_deletes_the_context_files_the_run_deletes() -> None:
    runtime = runner_stage(APP.format(rm="rm -rf .git tests"))
    assert runtime.index("COPY . /app") < runtime.index("rm -rf .git tests"), runtime


def test_an_absolute_path_too() -> None:
    runtime = runner_stage(APP.format(rm="rm -f /app/settings_local.py"))
    assert runtime.index("COPY . /app") < runtime.index("rm -f /app/settings_local.py"), runtime


def test_an_rm_without_force_is_not_repeated() -> None:
    runtime = runner_stage(APP.format(rm="rm settings_local.py"))
    assert "rm settings_local.py" not in runtime, runtime


def test_an_rm_without_force_of_a_file_the_context_holds_is_repeated() -> None:
    """The context shows the file is there (`COPY . /app` brings conf/local.py): the rm cannot fail in the runtime,
    which copies it too; dropped, the runtime kept a settings file the original deletes (hunt: engine repro
    `local.py exists: True` before, False now, as the original)."""
    files = {"requirements.txt": "flask\n", "app.py": "print(1)\n", "conf/local.py": "DEBUG = True\n"}
    runtime = runner_stage(APP.format(rm="rm ./conf/local.py"), files)
    assert runtime.index("COPY . /app") < runtime.index("RUN rm -f ./conf/local.py"), runtime  # (-f: see below)
    made = runner_stage(APP.format(rm="rm ./conf/other.py"), files)  # not in the context: a build step made it
    assert "rm ./conf/other.py" not in made, made


NODE = """\
FROM node:18
WORKDIR /usr/src/app
COPY . .
{runs}
CMD ["node", "index.js"]
"""


def test_a_context_folder_deleted_and_made_again_is_deleted_before_the_builders_copy() -> None:
    """27b0494b: ``rm -rf node_modules`` then ``npm install``: the runtime copies the builder's node_modules over the
    context's, which a COPY merges (the context's modules the install did not make again stayed); the runtime
    deletes the context's first."""
    for runs in ("RUN rm -rf node_modules\nRUN npm install", "RUN rm -rf node_modules && npm install"):
        runtime = runner_stage(NODE.format(runs=runs), NODE_APP_FILES)  # (a package.json without install scripts)
        assert runtime.index("COPY . .") < runtime.index("RUN rm -rf node_modules") \
            < runtime.index("COPY --from=builder /usr/src/app/node_modules"), runtime


def test_a_virtual_environment_deleted_and_made_again_too() -> None:
    """6e218023: ``rm -rf env && virtualenv env && pip install``, after ``COPY ./ /app``."""
    runtime = runner_stage("FROM python:3.11\nCOPY . /app\nWORKDIR /app\n"
                           "RUN rm -rf env && python -m venv env && env/bin/pip install -r requirements.txt\n"
                           'CMD ["env/bin/python", "app.py"]\n')
    assert runtime.index("COPY . /app") < runtime.index("rm -rf env") < runtime.index("COPY --from=builder /app/env"), \
        runtime


def test_a_build_output_deleted_is_not() -> None:
    """The installed modules deleted after the install (a cleanup of what the build made) are not the context's."""
    runtime = runner_stage(NODE.format(runs="RUN npm install && npm run build && rm -rf node_modules/.cache"),
                           NODE_APP_FILES)
    assert "rm -rf" not in runtime, runtime


def test_an_rm_without_force_of_a_compiled_program_s_sources_is_not_repeated() -> None:
    """adv-s37: the runtime of a Go program does not copy its sources again; `rm -r cmd/tool` repeated there failed
    (`rm: cannot remove`), and a RUN kept the runtime off distroless. A repeated rm of context files gets -f
    where the runtime may not copy them (a site serve serves: no context copy at all)."""
    files = {"go.mod": "module x\n", "main.go": "package main\n", "cmd/tool/main.go": "package main\n"}
    text = "FROM golang:1.19\nWORKDIR /src\nCOPY . .\nRUN rm -r cmd/tool\nRUN go build -o /usr/local/bin/app .\n" \
        "CMD [\"app\"]\n"
    runtime = runner_stage(text, files)
    assert "rm " not in runtime and "distroless" in runtime, runtime


MANIFESTS_FIRST = """\
FROM node:18
WORKDIR /app
COPY {copied} ./
RUN rm -rf node_modules && npm cache clean --force
RUN npm install
COPY . .
CMD ["node", "index.js"]
"""


def test_a_folder_the_copies_before_could_not_bring_is_not_deleted_again() -> None:
    """rp26native simple-stat: ``COPY package*.json ./`` then ``rm -rf node_modules`` in the WORKDIR the file made:
    nothing was there to delete, and the runtime, which makes that folder anew, had repeated `rm -rf node_modules`
    before its copy of the builder's."""
    for copied in ("package*.json", "package.json package-lock.json"):
        runtime = runner_stage(MANIFESTS_FIRST.format(copied=copied), NODE_APP_FILES)
        assert "rm -rf" not in runtime and "COPY --from=builder /app/node_modules" in runtime, runtime


def test_a_folder_a_copy_before_may_bring_is_still_deleted_again() -> None:
    """A copy of a folder (``COPY . ./``, ``COPY src/ ./``) may bring node_modules: the runtime deletes the context's
    before it copies the builder's, as before."""
    for copied in (".", "src/"):
        runtime = runner_stage(MANIFESTS_FIRST.format(copied=copied), NODE_APP_FILES)
        assert runtime.index("RUN rm -rf node_modules") < runtime.index("COPY --from=builder /app/node_modules"), \
            runtime
