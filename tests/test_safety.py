"""The safety net (transformer/safety.py) fed bad outputs: each of its checks refuses the output it is
there for, and a correct refactoring passes them all. The pipeline leaves a file unchanged when the
net refuses what the composer wrote."""

from __future__ import annotations

import pytest

import transformer
from transformer.compose import Change, Composer
from transformer.safety import check

BEFORE = """\
# the app, built and run in one stage
FROM python:3.11
ARG GITHUB_TOKEN
ENV APP_ENV=prod
WORKDIR /app
RUN make
LABEL team=web
EXPOSE 8000
VOLUME /data
HEALTHCHECK CMD curl -f localhost
STOPSIGNAL SIGQUIT
USER 1000
ENTRYPOINT ["tini", "--"]
CMD ["app"]
"""

BUILDER = BEFORE.replace("FROM python:3.11\n", "FROM python:3.11 AS builder\n")
RUNNER = """
FROM python:3.11-slim AS runner
ENV APP_ENV=prod
WORKDIR /app
COPY --from=builder /app /app
LABEL team=web
EXPOSE 8000
VOLUME /data
HEALTHCHECK CMD curl -f localhost
STOPSIGNAL SIGQUIT
USER 1000
ENTRYPOINT ["tini", "--"]
CMD ["app"]
"""
GOOD = BUILDER + RUNNER


def problems(after: str, before: str = BEFORE, runtime_user: str | None = None) -> list[str]:
    return check(transformer.parse(before), transformer.parse(after), runtime_user=runtime_user)


def runner_changed(old: str, new: str) -> str:
    assert RUNNER.count(old) == 1, old
    return BUILDER + RUNNER.replace(old, new)


def test_a_correct_refactoring_passes() -> None:
    assert problems(GOOD) == []


@pytest.mark.parametrize(("old", "new", "problem"), [
    ('CMD ["app"]\n', "", "the runtime's CMD differs from the original's"),
    ('ENTRYPOINT ["tini", "--"]\n', 'ENTRYPOINT ["app"]\n', "the runtime's ENTRYPOINT differs"),
    ("HEALTHCHECK CMD curl -f localhost\n", "", "the runtime's HEALTHCHECK differs"),
    ("STOPSIGNAL SIGQUIT\n", "", "the runtime's STOPSIGNAL differs"),
    ('CMD ["app"]\n', 'SHELL ["/bin/bash", "-c"]\nCMD ["app"]\n', "the runtime's SHELL differs"),
    ("LABEL team=web\n", "LABEL team=api\n", "the runtime's LABEL instructions differ"),
    ("VOLUME /data\n", "", "the runtime's VOLUME instructions differ"),
    ("EXPOSE 8000\n", "EXPOSE 8001\n", "the runtime's EXPOSE instructions differ"),
    ("WORKDIR /app\n", "WORKDIR /srv\n", "the runtime's WORKDIR differs from the original's"),
    ("ENV APP_ENV=prod\n", "", "the runtime does not set ENV APP_ENV as the original does"),
    ("ENV APP_ENV=prod\n", "ENV APP_ENV=dev\n", "the runtime does not set ENV APP_ENV as the original does"),
    ("USER 1000\n", "", "the runtime runs as root where the original ran as 1000"),
    ("USER 1000\n", "USER 1001\n", "the runtime's USER is 1001, the original's 1000"),
    ("ENV APP_ENV=prod\n", "ENV APP_ENV=prod\nARG GITHUB_TOKEN\n",
     "ARG GITHUB_TOKEN reaches the runtime stage, which does not use it (it looks like a secret)"),
    ("ENV APP_ENV=prod\n", "ENV APP_ENV=prod\nARG VERSION\n",
     "ARG VERSION reaches the runtime stage, which does not use it"),
    ("COPY --from=builder", "COPY --from=runner", "COPY --from=runner in stage 1 names no earlier stage"),
    ("COPY --from=builder", "COPY --from=1", "COPY --from=1 in stage 1 names no earlier stage"),
    ("COPY --from=builder /app /app", 'COPY --from=builder "/app" /app',
     "COPY --from=builder in stage 1 has a path with quotes, blanks or escapes"),
    ("FROM python:3.11-slim AS runner", "FROM python:3.11-slim AS builder", "the stage name builder is used twice"),
])
def test_the_runtime_stage_checks_refuse_what_they_are_for(old: str, new: str, problem: str) -> None:
    found = problems(runner_changed(old, new))
    assert any(p.startswith(problem) for p in found), found


def test_an_arg_in_the_environment_of_a_repeated_run_is_used() -> None:
    # the runtime repeats a RUN that saw ARG MODEL_URL in its environment: its program may read it
    before = BEFORE.replace('CMD ["app"]', 'ARG MODEL_URL\nRUN python fetch.py\nCMD ["app"]')
    assert before != BEFORE
    after = runner_changed('CMD ["app"]', 'ARG MODEL_URL\nRUN python fetch.py\nCMD ["app"]')
    assert problems(after, before) == []
    # a RUN the original ran before the ARG, or not at all, does not read it
    assert "ARG MODEL_URL reaches the runtime stage, which does not use it" in problems(after)


def test_a_lost_comment_is_refused() -> None:
    found = problems(GOOD.replace("# the app, built and run in one stage\n", ""))
    assert found == ["the result lost 1 comment line(s) of the original: # the app, built and run in one stage"]
    assert problems(GOOD.replace("FROM python:3.11-slim", "# the runtime\nFROM python:3.11-slim")) == []


def test_a_stage_that_starts_from_a_later_one_is_refused() -> None:
    after = "FROM runner AS base\nRUN true\n" + GOOD
    assert "stage 0 starts from a later stage" in problems(after)
    # a stage named as its own image (FROM node AS node) names the image, not a later stage
    assert problems(GOOD.replace("FROM python:3.11-slim AS runner", "FROM runner AS runner")) == []


def test_results_with_no_stage_or_one_stage_are_refused() -> None:
    assert problems("ARG ONLY=1\n") == ["the result has no stage"]
    assert problems(BEFORE) == ["the result is not multi-stage"]


def test_the_configured_runtime_user_is_accepted() -> None:
    before = BEFORE.replace("USER 1000\n", "")
    after = runner_changed("USER 1000\n", "USER app\n").replace("USER 1000\n", "")
    assert problems(after, before) == ["the runtime's USER is app, the original's unset"]
    assert problems(after, before, runtime_user="app") == []


def test_an_arg_the_runtime_uses_may_reach_it() -> None:
    after = runner_changed("ENV APP_ENV=prod\n", "ENV APP_ENV=prod\nARG VERSION\nENV APP_VERSION=${VERSION}\n")
    assert problems(after) == []
    after = runner_changed("ENV APP_ENV=prod\n", "ENV APP_ENV=prod\nARG A\nARG B=${A}/x\nENV C=$B\n")
    assert problems(after) == []


def test_a_multi_stage_original_is_checked_for_its_stages_only() -> None:
    """The runtime of a file that had stages already is not compared with its first stage."""
    before = BUILDER + RUNNER
    after = runner_changed('CMD ["app"]\n', "")
    assert problems(after, before) == []
    assert problems(after.replace("COPY --from=builder", "COPY --from=9"), before) == [
        "COPY --from=9 in stage 1 names no earlier stage"]


def test_the_pipeline_leaves_the_file_unchanged_when_the_net_refuses(monkeypatch: pytest.MonkeyPatch) -> None:
    """A composer that loses the CMD: refactor() returns the original, with the net's reason."""
    text = ("FROM python:3.11\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n"
            "CMD [\"python\", \"app.py\"]\n")
    assert transformer.refactor(text).changed
    compose = Composer.compose

    def losing_the_cmd(self: Composer) -> tuple[str, list[Change]]:
        new_text, changes = compose(self)
        return new_text.replace('CMD ["python", "app.py"]\n', ""), changes

    monkeypatch.setattr(Composer, "compose", losing_the_cmd)
    result = transformer.refactor(text)
    assert not result.changed and result.text == text
    assert result.skipped == ("the result would not be safe: the runtime's CMD differs from the "
                              "original's")


PATH_BEFORE = BEFORE.replace("ENV APP_ENV=prod\n", "ENV APP_ENV=prod\nENV PATH=\"/opt/app/bin:$PATH\"\n")


@pytest.mark.parametrize(("runtime_env", "safe"), [
    ('ENV PATH="/opt/app/bin:$PATH"\nENV VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"\n', True),
    ('ENV VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"\nENV PATH="/opt/app/bin:$PATH"\n', True),
    ('ENV PATH="/opt/app/bin:$PATH"\n', True),
    ('ENV VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"\n', False),  # /opt/app/bin fell off
    ('ENV PATH="$PATH:/opt/app/bin"\n', False),  # the file's folder after the image's commands
    ('ENV PATH=/opt/app/bin:/usr/bin:/bin\n', False),  # the image's PATH replaced
    ('ENV PATH="/opt/app/bin:$PATH"\nENV PATH="$HOME/bin:$PATH"\n', False),  # a folder not known in advance
])
def test_the_runtime_s_path_keeps_the_original_s_folders_in_order(runtime_env: str, safe: bool) -> None:
    """The runtime's PATH, evaluated as BuildKit does, holds the original's folders in their order; the tool's
    environments may only add absolute folders of their own (a venv's bin, before or after the file's)."""
    after = PATH_BEFORE.replace("FROM python:3.11\n", "FROM python:3.11 AS builder\n") + \
        RUNNER.replace("ENV APP_ENV=prod\n", "ENV APP_ENV=prod\n" + runtime_env)
    found = [p for p in problems(after, PATH_BEFORE) if "PATH" in p]
    assert (found == []) is safe, found


def test_the_same_path_text_after_the_venv_s_is_checked_for_what_it_means() -> None:
    """Found by atheris: ``ENV PATH=/opt/app/bin$PATH`` glues the image's first folder to the file's; written
    after the venv's ENV, the same text glues the venv's bin instead, so the first folder is another."""
    before = BEFORE.replace("ENV APP_ENV=prod\n", "ENV APP_ENV=prod\nENV PATH=/opt/app/bin$PATH\n")
    venv = 'ENV VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"\n'
    after = before.replace("FROM python:3.11\n", "FROM python:3.11 AS builder\n") + \
        RUNNER.replace("ENV APP_ENV=prod\n", venv + "ENV APP_ENV=prod\nENV PATH=/opt/app/bin$PATH\n")
    assert "the runtime's PATH does not hold the original's folders in their order" in problems(after, before)


def test_a_path_that_names_a_variable_of_the_base_image_is_evaluated_with_it() -> None:
    """Dev file 586d5c2f: ``ENV PATH ${GOPATH}/bin:$PATH`` on golang, whose image sets GOPATH=/go; the Debian
    runtime writes ENV GOPATH=/go itself. Both PATHs start with /go/bin. Unknown, the variable would compare as
    text: /go/bin against $GOPATH/bin."""
    env = "ENV PATH ${GOPATH}/bin:$PATH\n"
    before = BEFORE.replace("FROM python:3.11\n", "FROM golang:1.21\n").replace("ENV APP_ENV=prod\n",
                                                                              "ENV APP_ENV=prod\n" + env)
    after = before.replace("FROM golang:1.21\n", "FROM golang:1.21 AS builder\n") + RUNNER.replace(
        "FROM python:3.11-slim AS runner\nENV APP_ENV=prod\n",
        "FROM debian:bookworm-slim AS runner\nENV GOPATH=/go\nENV APP_ENV=prod\n" + env)
    assert [p for p in problems(after, before) if "PATH" in p] == []
    assert [p for p in problems(after.replace("GOPATH=/go", "GOPATH=/srv"), before) if "PATH" in p] != []


def test_every_problem_is_listed_in_one_order() -> None:
    """Pinned before check() was split (passes before and after): the problems, each worded as it was, in the
    order the checks run (stages, comments, then the runtime against the original)."""
    after = ("FROM builder AS first\nRUN true\n" + BUILDER.replace("# the app, built and run in one stage\n", "")
             + RUNNER.replace("COPY --from=builder /app /app", 'COPY --from=builder "/app" /app\nCOPY --from=7 /x /x')
             .replace("AS runner", "AS builder").replace('CMD ["app"]', 'CMD ["other"]')
             .replace("LABEL team=web", "LABEL team=api").replace("WORKDIR /app", "WORKDIR /srv")
             .replace("ENV APP_ENV=prod", "ENV APP_ENV=dev\nARG API_KEY").replace("USER 1000", "USER root"))
    assert problems(after) == [
        "stage 0 starts from a later stage",
        "COPY --from=builder in stage 2 names no earlier stage",  # the stage that copies is named builder too
        "COPY --from=builder in stage 2 has a path with quotes, blanks or escapes: \"/app\"",
        "COPY --from=7 in stage 2 names no earlier stage",
        "the stage name builder is used twice",
        "the result lost 1 comment line(s) of the original: # the app, built and run in one stage",
        "the runtime's CMD differs from the original's",
        "the runtime's LABEL instructions differ from the original's",
        "the runtime's WORKDIR differs from the original's",
        "the runtime does not set ENV APP_ENV as the original does",
        "the runtime runs as root where the original ran as 1000",
        "the runtime's USER is root, the original's 1000",
        "ARG API_KEY reaches the runtime stage, which does not use it (it looks like a secret)",
    ]


def test_an_arg_the_original_left_unused_after_its_runs_may_reach_the_runtime() -> None:
    """`ARG DEFAULT_PORT 3000` declares DEFAULT_PORT and an ARG named 3000, after every RUN (modern 038, a Rails
    app): the original used 3000 nowhere, and the runtime keeps the line as it was; a secret declared before a RUN,
    whose programs may read it, still counts as the build's (the parametrized case above)."""
    before = BEFORE.replace('CMD ["app"]', 'ARG DEFAULT_PORT 3000\nEXPOSE ${DEFAULT_PORT}\nCMD ["app"]')
    after = runner_changed('CMD ["app"]', 'ARG DEFAULT_PORT 3000\nEXPOSE ${DEFAULT_PORT}\nCMD ["app"]')
    assert problems(after, before) == []
    # one the original used (a RUN after it) and the runtime does not is still refused
    used = BEFORE.replace("RUN make\n", "ARG LEVEL\nRUN make LEVEL=$LEVEL\n")
    assert any(p.startswith("ARG LEVEL reaches the runtime stage") for p in problems(
        runner_changed('CMD ["app"]', 'ARG LEVEL\nCMD ["app"]'), used))


def test_a_rails_file_with_a_two_name_arg_is_rewritten() -> None:
    text = ("FROM ruby:3.2.2\nRUN apt-get update -qq && apt-get install -y build-essential libpq-dev\n"
            "WORKDIR /app\nCOPY Gemfile* ./\nRUN bundle install\nCOPY . ./\nARG DEFAULT_PORT 3000\n"
            "EXPOSE ${DEFAULT_PORT}\nCMD rails server -e production\n")
    result = transformer.refactor(text)
    assert result.changed, result.skipped
    runtime = result.text.partition(" AS runner")[2]
    assert "ARG DEFAULT_PORT 3000\n" in runtime and "EXPOSE ${DEFAULT_PORT}\n" in runtime
