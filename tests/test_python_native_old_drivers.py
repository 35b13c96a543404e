"""Python 2's MySQL driver, MySQL-python (MySQLdb), has no Linux wheels: pip builds it against the full image's
libmysqlclient (default-libmysqlclient-dev, from buildpack-deps), which the slim runtime lacks (read33 794279bb,
cuappdev/podcast-backend: `ImportError: libmariadb.so.3` at the first query). With the requirements in the build
context, the runtime gets its run-time library, as it does mysqlclient's."""

from __future__ import annotations

from conftest import runner_stage

_FILE = 'FROM python:3.11\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nCMD ["python", "app.py"]\n'


def test_mysql_python_takes_the_client_library() -> None:
    runtime = runner_stage(_FILE, {"requirements.txt": "MySQL-python==1.2.5\nflask\n"})
    assert "FROM python:3.11-slim" in runtime
    assert "libmariadb3" in runtime


def test_on_python_2_the_release_of_its_image() -> None:
    runtime = runner_stage(_FILE.replace("3.11", "2.7"), {"requirements.txt": "MySQL-python==1.2.5\n"})
    assert "FROM python:2.7-slim" in runtime
    # python:2.7 is on buster, whose packages apt finds only in the archive: the builder gathers the libraries the
    # installed modules link (ldd) and the runtime copies them
    assert "COPY --from=builder /opt/runtime-libraries/ /" in runtime


def test_a_pure_python_driver_takes_nothing() -> None:
    runtime = runner_stage(_FILE, {"requirements.txt": "PyMySQL==1.1.0\n"})
    assert "apt-get" not in runtime
