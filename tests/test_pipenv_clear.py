"""``pipenv --clear`` empties pipenv's and pip's caches: nothing the runtime needs, like ``pip cache purge``.
It no longer stops the refactoring as a command the tool does not understand. Found on dtpstat/dtp-stat
(`pipenv install --deploy --system --ignore-pipfile && pipenv --clear`)."""

from __future__ import annotations

from conftest import stages


def test_pipenv_clear_after_a_system_install_is_cleanup() -> None:
    builder, runtime = stages("FROM python:3.11\nWORKDIR /app\nCOPY Pipfile Pipfile.lock ./\n"
                              "RUN pip install pipenv && pipenv install --system --deploy && pipenv --clear\n"
                              'COPY . .\nCMD ["gunicorn", "app:app"]\n')
    assert "pipenv --clear" in builder and "pipenv" not in runtime
    assert "COPY --from=builder /usr/local/lib/python3.11/site-packages" in runtime


def test_pipenv_with_a_command_of_its_own_still_is_not_understood() -> None:
    from conftest import skip_reason
    assert "`pipenv --rm`" in skip_reason("FROM python:3.11\nWORKDIR /app\nCOPY . .\n"
                                          "RUN pip install pipenv && pipenv install --system && pipenv --rm\n"
                                          'CMD ["gunicorn", "app:app"]\n')
