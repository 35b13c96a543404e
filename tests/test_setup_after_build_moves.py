"""A RUN after the last build step that only sets up, by a program of the project whose writes are not known
(`manage.py shell`, `python seed.py`), runs in the runtime alone: run in the builder too, its effects were in the
folders the runtime copies, and the runtime's run made them a second time (read28 4eaf14c3: create_superuser on the
copied SQLite database raised IntegrityError). The e2e fixture py-seed-once fails on the engine the old way."""

from __future__ import annotations

from conftest import stages

from transformer import refactor

FILE = """\
FROM python:3.6
ADD requirements.txt /app/requirements.txt
RUN pip install -r /app/requirements.txt
ARG DJANGO_VERSION
RUN pip install django==$DJANGO_VERSION
ADD . /app
WORKDIR /app
RUN make resetdb
RUN echo "from django.contrib.auth import get_user_model; \\
  get_user_model().objects.create_superuser('admin', 'a@example.com', 'admin')" | \\
  python manage.py shell
CMD python manage.py runserver 0.0.0.0:8000
"""


def test_the_setup_after_the_build_runs_in_the_runtime_alone() -> None:
    builder, runtime = stages(FILE)
    assert "manage.py shell" not in builder and "make resetdb" in builder
    assert runtime.count("python manage.py shell") == 1 and "COPY --from=builder /app /app" in runtime
    # the program reads the ARGs in its scope, as it did in the original
    assert "ARG DJANGO_VERSION" in runtime
    changes = [c.message for c in refactor(FILE).changes]
    assert any(m.startswith("the RUN at line 9 moves to the runtime: `manage.py shell`") for m in changes), changes


def test_a_setup_before_a_build_stays_in_both() -> None:
    # a later build step may need what it made: the builder keeps it, the runtime repeats it
    text = FILE.replace("RUN make resetdb\n", "").replace("CMD", "RUN make resetdb\nCMD")
    builder, runtime = stages(text)
    assert "manage.py shell" in builder and "manage.py shell" in runtime


def test_a_change_of_scratch_files_after_it_moves_too() -> None:
    # skip2 10d2bb28: `python main.py createdb` writes /tmp/scoreboard.db, which the next RUN opens to all
    text = FILE.replace("CMD", "RUN chmod 766 /tmp/scoreboard*\nCMD")
    builder, runtime = stages(text)
    assert "chmod 766 /tmp/scoreboard*" not in builder
    assert runtime.index("python manage.py shell") < runtime.index("RUN chmod 766 /tmp/scoreboard*"), runtime


def test_django_commands_after_the_build_run_in_the_runtime_alone() -> None:
    # rp14 yop388: `migrate` ran in the builder and in the runtime, twice against the database its settings name
    shell = FILE[FILE.index("RUN echo"):FILE.index("CMD")]
    text = FILE.replace(shell, "RUN python manage.py migrate\nRUN python manage.py loaddata data.json\n")
    builder, runtime = stages(text)
    assert "manage.py migrate" not in builder and "manage.py loaddata" not in builder, builder
    assert runtime.count("python manage.py migrate") == 1 and "python manage.py loaddata data.json" in runtime
