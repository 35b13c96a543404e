"""``COPY requirements.txt /srv/app/``, then a RUN that sets up that file (``chmod 644 /srv/app/requirements.txt``)
with the install, then ``COPY . /srv/app``: the runtime left out the first COPY (the second brings the same files)
but repeated the setup where the file was not there yet, so its `chmod` stopped the runtime's build. A COPY whose
files a setup the runtime repeats before the later COPY names stays; one with no such setup between is still left
out."""

from __future__ import annotations

from conftest import runner_stage

from transformer import refactor

FILE = """FROM python:3.11
WORKDIR /srv/app
COPY requirements.txt /srv/app/
RUN {setup}pip install -r requirements.txt
COPY . /srv/app
CMD ["python", "app.py"]
"""


def test_the_copy_stays_before_the_setup_of_its_file() -> None:
    runner = runner_stage(FILE.format(setup="chmod 644 /srv/app/requirements.txt && "))
    copy = runner.index("COPY requirements.txt /srv/app/\n")
    assert copy < runner.index("RUN chmod 644 /srv/app/requirements.txt"), runner


def test_the_copy_stays_for_a_setup_under_tmp_too() -> None:
    text = FILE.replace("/srv/app", "/tmp/app").format(setup="chmod 644 /tmp/app/requirements.txt && ")
    runner = runner_stage(text)
    assert runner.index("COPY requirements.txt /tmp/app/\n") < runner.index("RUN chmod 644"), runner


def test_without_setup_between_the_first_copy_is_left_out() -> None:
    runner = runner_stage(FILE.format(setup=""))
    assert "COPY requirements.txt" not in runner, runner


# the whole context copied twice into one folder, a requirements file and pip between them (read26 38b4e3ab): the
# runtime, which installs nothing there, needs only the second; a RUN it repeats between them keeps both
WHOLE_TWICE = ("FROM python:3.11\nWORKDIR /app\nCOPY . /app\nCOPY requirements.txt /app/requirements.txt\n"
               "RUN pip install -r requirements.txt\n{between}COPY . /app\nCMD [\"python\", \"manage.py\"]\n")


def test_the_whole_context_copied_again_is_copied_once() -> None:
    result = refactor(WHOLE_TWICE.format(between=""))
    assert result.changed, result.skipped
    runtime = result.text.partition("AS runner")[2]
    assert runtime.count("COPY . /app\n") == 1
    assert "the runtime does not repeat the COPY at line 3: the COPY at line 6 brings the same files" in \
        " ".join(c.message for c in result.changes)


def test_a_run_the_runtime_repeats_between_keeps_both() -> None:
    result = refactor(WHOLE_TWICE.format(between="RUN useradd -m web\n"))
    assert result.changed, result.skipped
    assert result.text.partition("AS runner")[2].count("COPY . /app\n") == 2
