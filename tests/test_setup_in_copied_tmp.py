"""A folder under /tmp that a COPY fills from the build context is no scratch: the runtime repeats the COPY, so it
must repeat the setup done on it too. wikimetrics' Dockerfile (`ENV temp_dir /tmp/wikimetrics`, `ADD . $temp_dir`,
`RUN chown -R www-data $temp_dir`) lost its chown: on a real engine the runtime's /tmp/wikimetrics and its files
were root's, the original's www-data's. A write under /tmp that no COPY filled stays scratch."""

from __future__ import annotations

from conftest import runner_stage

FILE = """FROM python:3.11
ENV temp_dir /tmp/app
WORKDIR $temp_dir
COPY requirements.txt ./
RUN pip install -r requirements.txt
COPY {source} {dest}
RUN {setup}
CMD ["python", "app.py"]
"""


def test_a_chown_of_a_folder_a_copy_fills_under_tmp_is_repeated() -> None:
    runner = runner_stage(FILE.format(source=".", dest="$temp_dir", setup="chown -R www-data $temp_dir"))
    copy = runner.index("COPY . $temp_dir")
    assert runner.index("RUN chown -R www-data $temp_dir") > copy, runner


def test_a_chmod_of_a_file_copied_into_tmp_is_repeated() -> None:
    runner = runner_stage(FILE.format(source="config.ini", dest="/tmp/", setup="chmod 600 /tmp/config.ini"))
    assert runner.index("RUN chmod 600 /tmp/config.ini") > runner.index("COPY config.ini /tmp/"), runner


def test_setup_of_tmp_files_no_copy_brought_stays_in_the_builder() -> None:
    setup = "echo x > /tmp/other.ini && chmod 600 /tmp/other.ini"
    runner = runner_stage(FILE.format(source="config.ini", dest="/tmp/", setup=setup))
    assert "other.ini" not in runner, runner
