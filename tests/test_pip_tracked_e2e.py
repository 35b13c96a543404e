"""pip into Debian's Python on another ecosystem's image whose program runs through sudo, on a real engine: sudo
starts it without the image's ENV, so pip's user base (PYTHONUSERBASE) would not serve; pip installs as written
under /usr/local, tracked (a stamp before it, what changed after it copied into /opt/staged), and the runtime, the
JRE with Debian's python3 and sudo, copies what pip added. The zoo's eclipse-temurin:17-jre is Debian 12, whose pip
needs --break-system-packages. Skipped without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "pip-tracked" / "jre-sudo"


def test_a_program_run_through_sudo_finds_what_pip_installed() -> None:
    result, builder, runtime = rewrite_app(APP)
    assert "touch /tmp/install.stamp" in builder and "PIP_USER" not in builder
    assert "COPY --from=builder /opt/staged /" in runtime and "PYTHONUSERBASE" not in runtime
    assert "python3 python3-setuptools sudo" in runtime and "python3-pip" not in runtime
    output = verified_default_output(APP, result.text)
    assert output.strip() == "hello: attrs 23.2.0 from /usr/local/lib/python3.11/dist-packages/attr as root"


MOD_WSGI = Path(__file__).resolve().parents[1] / "fixtures" / "pip-tracked" / "jre-mod-wsgi"


def test_apache_mod_wsgi_finds_what_pip_installed() -> None:
    # Apache starts mod_wsgi's Python without the image's ENV (no PYTHONUSERBASE): the page imports attrs from
    # /usr/local, where the original's pip put it
    result, builder, runtime = rewrite_app(MOD_WSGI)
    assert "touch /tmp/install.stamp" in builder and "COPY --from=builder /opt/staged /" in runtime
    assert "libapache2-mod-wsgi-py3" in runtime and "python3-pip" not in runtime
    report = verified(MOD_WSGI, result.text)
    assert report.ok


PYTHON_SUDO = Path(__file__).resolve().parents[1] / "fixtures" / "pip-tracked" / "python-sudo"


def test_sudo_on_the_python_image_gets_the_prefix_layout() -> None:
    # sudo resets PATH to its secure_path: `python` is the image's /usr/local/bin/python, which a virtual
    # environment's packages would not be seen by (ModuleNotFoundError); pip's --prefix layout, copied to /usr/local,
    # puts them where the original's pip did
    result, builder, runtime = rewrite_app(PYTHON_SUDO)
    assert "ENV PIP_PREFIX=/install" in builder and "/opt/venv" not in result.text
    assert "COPY --from=builder /install /usr/local" in runtime
    output = verified_default_output(PYTHON_SUDO, result.text)
    assert output.strip() == "hello: attrs 23.2.0 from /usr/local/lib/python3.11/site-packages/attr as root"
