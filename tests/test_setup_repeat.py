"""Environment setup inside a build RUN (folders, links, modes, users) is repeated in the runtime."""

from __future__ import annotations

from transformer import refactor

HEAD = "FROM python:3.11\nWORKDIR /app\nCOPY requirements.txt .\n"
TAIL = "CMD [\"python\", \"main.py\"]\n"
# the image's site-packages, where the installs go in a stage that also installs with --user (no venv)
SITE = "/usr/local/lib/python3.11/site-packages"


def test_setup_stays_in_its_place() -> None:
    """Setup that needs nothing the build made runs where the original ran it: the same RUN, without
    the build step."""
    result = refactor(HEAD + "RUN pip install -r requirements.txt && mkdir /data && chmod 777 /data\n" + TAIL)
    runner = result.text.split("AS runner")[1]
    assert "RUN mkdir /data && chmod 777 /data\n" in runner
    assert runner.index("RUN mkdir /data") < runner.index("COPY --from=builder")


def test_setup_that_needs_the_artifacts_comes_after_the_copies() -> None:
    result = refactor(HEAD + "RUN pip install -r requirements.txt && chown -R nobody /opt/venv\n"
                      + TAIL)
    runner = result.text.split("AS runner")[1]
    assert "RUN chown -R nobody /opt/venv\n" in runner
    assert runner.index("COPY --from=builder") < runner.index("RUN chown")


def test_what_a_copied_folder_carries_is_not_repeated() -> None:
    """`mkdir -p out` inside /app, which the runtime copies whole, needs no second run."""
    result = refactor("FROM golang:1.19\nWORKDIR /src\nCOPY . .\n"
                      "RUN mkdir -p /out && go build -o /out/app . && chmod 755 /out/app\n"
                      "ENTRYPOINT [\"/out/app\"]\n")
    assert result.changed, result.skipped
    assert "RUN" not in result.text.split("AS runner")[1]


def test_echo_to_the_log_is_not_setup() -> None:
    result = refactor(HEAD + "RUN pip install -r requirements.txt && echo installed\n" + TAIL)
    assert "echo" not in result.text.split("AS runner")[1]
    redirected = refactor(HEAD + "RUN pip install -r requirements.txt && echo 1 > /etc/app.flag\n" + TAIL)
    assert "RUN echo 1 > /etc/app.flag" in redirected.text.split("AS runner")[1]


def test_setup_after_cd_is_left_alone() -> None:
    after_cd = refactor(HEAD + "RUN pip install -r requirements.txt && cd /usr/src/build && mkdir data\n" + TAIL)
    assert not after_cd.changed and "after a `cd`" in (after_cd.skipped or "")


def test_setup_after_cd_to_a_folder_every_image_has_keeps_the_cd() -> None:
    after_cd = refactor(HEAD + "RUN pip install -r requirements.txt && cd /srv && mkdir data\n" + TAIL)
    assert "RUN cd /srv && mkdir data\n" in after_cd.text.split("AS runner")[1]


def test_a_condition_of_setup_alone_is_repeated_whole() -> None:
    result = refactor(HEAD + "RUN pip install -r requirements.txt && if true; then mkdir /d; fi\n" + TAIL)
    assert "RUN if true; then mkdir /d; fi\n" in result.text.split("AS runner")[1]


def test_a_condition_mixing_build_and_setup_is_left_alone() -> None:
    result = refactor(HEAD + "RUN if true; then pip install -r requirements.txt && mkdir /d; fi\n" + TAIL)
    assert not result.changed and "pipe, condition or loop" in (result.skipped or "")


def test_setup_needing_the_artifacts_runs_as_the_user_it_ran_as() -> None:
    """The setup ran as root before the last build (as app): after the copies the runtime switches to root
    for it (by its id, as hadolint's DL3066 wants of a USER the tool writes), and back."""
    text = (HEAD + f"RUN pip install -r requirements.txt && chown -R nobody {SITE}\n"
            "RUN useradd app\nUSER app\nRUN pip install --user -r requirements.txt\n" + TAIL)
    runner = refactor(text).text.split("AS runner")[1]
    assert f"USER 0\nRUN chown -R nobody {SITE}\nUSER app\n" in runner
    assert runner.index("COPY --from=builder --chown=app /home/app/.local") < runner.index("USER 0")


def test_the_user_restored_after_root_setup_is_written_as_the_original_wrote_it() -> None:
    """``USER $USER`` (an ARG) comes back as ``USER $USER``: the runtime's USER reads as the original's, where
    the resolved name alone made the safety check refuse the whole rewrite."""
    text = (HEAD + f"ARG USER=app\nRUN pip install -r requirements.txt && chown -R nobody {SITE}\n"
            "RUN useradd $USER\nUSER $USER\nRUN pip install --user -r requirements.txt\n" + TAIL)
    result = refactor(text)
    assert result.changed, result.skipped
    assert f"USER 0\nRUN chown -R nobody {SITE}\nUSER $USER\n" in result.text.split("AS runner")[1]


def test_setup_repeated_after_the_copies_leaves_the_comment_lines_inside_it_to_the_builder() -> None:
    """A comment line inside the RUN stays with the original in the builder: written again in the runtime's
    repeat, it would appear twice in the file."""
    text = (HEAD + f"RUN pip install -r requirements.txt && chown -R nobody {SITE} \\\n    # and its commands\n"
            "    && chown -R daemon /usr/local/bin\nRUN useradd app\nUSER app\n"
            "RUN pip install --user -r requirements.txt\n" + TAIL)
    result = refactor(text)
    assert result.changed, result.skipped
    assert result.text.count("# and its commands") == 1
    assert f"USER 0\nRUN chown -R nobody {SITE} \\\n    && chown -R daemon /usr/local/bin\nUSER app\n" in \
        result.text.split("AS runner")[1]
