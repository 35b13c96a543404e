"""A file that builds nothing but installs build-only packages: the skip names them.

Before: "nothing is built in the file, so the compilers and headers it installs are for run time" for a file
whose only such package is git or libpq-dev: no compiler in sight.
"""

from __future__ import annotations

from conftest import skip_reason


def test_the_skip_names_the_packages_it_keeps_for_run_time() -> None:
    text = ("FROM python:3.11-slim\nRUN apt-get update && apt-get install -y libpq-dev\nCOPY app.py .\n"
            "CMD [\"python\", \"app.py\"]\n")
    assert skip_reason(text).startswith("nothing is built in the file, so the build-only packages it installs "
                                        "(libpq-dev) are for run time")
    many = text.replace("libpq-dev", "libpq-dev gcc make libffi-dev")
    assert "the build-only packages it installs (libpq-dev, gcc, make, ...) are for run time" in skip_reason(many)
