"""An app the image runs from its own git checkout, copied with its .git folder, may run git on it at run time: it
updates itself with `git pull` or reads its version with git (jessfraz/dockerfiles' couchpotato, sickbeard and
plexpy: Tautulli). The runtime keeps the git the file installs, or installs it where the slim image has none;
before, Alpine's git, build-only, stayed in the builder with the `git clone`."""

from __future__ import annotations

from conftest import runner_stage

from transformer import refactor


def reasons(text: str) -> str:
    return "\n".join(str(c) for c in refactor(text).changes)

SICKBEARD = """FROM alpine:3.18
RUN apk add --no-cache ca-certificates gcc git libffi-dev musl-dev python3 python3-dev py3-pip
RUN pip install cheetah3 cffi
RUN git clone https://github.com/junalmeida/Sick-Beard.git /usr/src/sickbeard
WORKDIR /usr/src/sickbeard
ENTRYPOINT [ "python3", "SickBeard.py" ]
CMD [ "--datadir", "/data" ]
"""

WHY = ("the runtime keeps git, a build tool: SickBeard.py (run by the ENTRYPOINT from the git work tree "
       "/usr/src/sickbeard, which the runtime copies with its .git folder: an app kept as a checkout may update itself "
       "with `git pull` or read its version with git) runs `git`")


def test_alpine_keeps_the_git_the_file_installs() -> None:
    assert runner_stage(SICKBEARD) == """FROM alpine:3.18 AS runner
RUN apk add --no-cache ca-certificates git libffi python3 py3-pip
ENV VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"
COPY --from=builder /opt/venv /opt/venv
COPY --from=builder /usr/src/sickbeard /usr/src/sickbeard
WORKDIR /usr/src/sickbeard
ENTRYPOINT [ "python3", "SickBeard.py" ]
CMD [ "--datadir", "/data" ]
"""
    assert WHY in reasons(SICKBEARD)


def test_without_its_git_folder_the_checkout_needs_no_git() -> None:
    text = SICKBEARD.replace("/usr/src/sickbeard\n", "/usr/src/sickbeard && rm -rf /usr/src/sickbeard/.git\n", 1)
    assert runner_stage(text).startswith("FROM alpine:3.18 AS runner\nRUN apk add --no-cache ca-certificates libffi "
                                         "python3 py3-pip\n")


def test_a_program_the_build_made_in_the_checkout_is_no_checkout_s_app() -> None:
    text = """FROM alpine:3.18
RUN apk add --no-cache git make gcc musl-dev
RUN git clone https://github.com/example/tool.git /src/tool
WORKDIR /src/tool
RUN make
CMD ["/src/tool/bin/tool", "check"]
"""
    assert "git" not in runner_stage(text).split("\n", 2)[1]


def test_the_slim_image_gets_git_for_the_cmd_s_checkout() -> None:
    text = """FROM python:3.11
RUN git clone --depth 1 https://github.com/Tautulli/Tautulli.git /opt/tautulli
WORKDIR /opt/tautulli
RUN pip install -r requirements.txt
CMD python Tautulli.py --datadir /data
"""
    runner = runner_stage(text)
    assert runner.startswith("FROM python:3.11-slim AS runner\nRUN apt-get update && apt-get install -y "
                             "--no-install-recommends git && rm -rf /var/lib/apt/lists/*\n")
    assert "the runtime installs git: Tautulli.py (run by the CMD from the git work tree /opt/tautulli" \
        in reasons(text)


def test_an_entrypoint_interpreter_runs_the_cmd_s_script() -> None:
    text = SICKBEARD.replace('ENTRYPOINT [ "python3", "SickBeard.py" ]\nCMD [ "--datadir", "/data" ]',
                             'ENTRYPOINT ["python3", "-u"]\nCMD ["SickBeard.py", "--datadir", "/data"]')
    assert "ca-certificates git libffi python3" in runner_stage(text)
