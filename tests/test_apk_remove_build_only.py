"""A removal the runtime repeats keeps only what the runtime may have: on Alpine not a build-only package a
build-only package brought (dev file 4bca8456: ``apk del --purge build-base gcc``, gcc from build-base). The runtime
repeated ``apk del --purge gcc``, and apk, whose index the runtime's ``--no-cache`` installs do not keep, stops with
"ERROR: No such package: gcc" for a name it knows nothing of, so the runtime did not build."""

from __future__ import annotations

from conftest import runner_stage

APK = """\
FROM python:3.11-alpine
WORKDIR /app
RUN apk --no-cache add build-base bash curl postgresql-dev
COPY requirements.txt .
RUN pip install -r requirements.txt
RUN apk del --purge build-base gcc{more}
COPY . .
CMD ["python", "app.py"]
"""


def test_a_build_only_package_a_removed_one_brought_is_not_removed_again() -> None:
    runner = runner_stage(APK.format(more=""))
    assert "apk del" not in runner, runner


def test_a_package_of_the_base_image_is_still_removed() -> None:
    runner = runner_stage(APK.format(more=" tzdata"))
    assert "apk del --purge tzdata" in " ".join(runner.split()), runner
