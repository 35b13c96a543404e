"""A virtual environment made with --system-site-packages sees the packages of the Python it was made with: what a
get-pip.py before it installed there besides pip, setuptools and wheel (dev file 7c7027b4: `python get-pip.py
virtualenv`, which brings virtualenv's dependencies, six among them, into /usr/local), the environment's pip counts as
installed and leaves out. The runtime copies the environment but does not repeat the bootstrap (a build tool's
install), so it lacked them; the file is left alone with the cause. Checked on the engine with a stand-in get-pip.py
(bootstrap.pypa.io is not reachable here) that pip-installs six into Debian's python3 before `python3 -m venv
--system-site-packages`: the original printed six's version, the old output's runtime had no module named six."""

from __future__ import annotations

from conftest import stages

from transformer import refactor

HEAD = "FROM debian:bookworm\nRUN apt-get update && apt-get install -y python3 python3-pip python3-venv\n" \
       "ADD depends /depends\n"
TAIL = "CMD [\"/opt/ve/bin/python\", \"/depends/app.py\"]\n"


def test_packages_a_bootstrap_put_in_the_shared_site_leave_the_file_alone() -> None:
    result = refactor(HEAD + "RUN python3 /depends/get-pip.py six==1.16.0\n"
                      "RUN python3 -m venv --system-site-packages /opt/ve && /opt/ve/bin/pip install -r "
                      "/depends/requirements.txt\n" + TAIL)
    assert result.skipped is not None and "--system-site-packages" in result.skipped, result.text
    assert "get-pip.py installed into the image's Python at line 4 (six==1.16.0" in result.skipped


def test_pip_setuptools_and_wheel_alone_are_the_environments_own() -> None:
    _, runtime = stages(HEAD + "RUN python3 /depends/get-pip.py --no-warn-script-location pip setuptools\n"
                        "RUN virtualenv --system-site-packages /opt/ve && /opt/ve/bin/pip install -r "
                        "/depends/requirements.txt\n" + TAIL)
    assert "COPY --from=builder /opt/ve /opt/ve" in runtime


def test_an_environment_apart_from_the_system_site() -> None:
    _, runtime = stages(HEAD + "RUN python3 /depends/get-pip.py virtualenv\n"
                        "RUN virtualenv /opt/ve && /opt/ve/bin/pip install -r /depends/requirements.txt\n" + TAIL)
    assert "COPY --from=builder /opt/ve /opt/ve" in runtime
