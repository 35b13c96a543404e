"""Debian's and Ubuntu's pip 1.5 (jessie, trusty to wily) runs with the distribution's own copies of the libraries pip
vendors: python-pip depends on python-requests, python-six, python-urllib3... and pip counts them as installed, like
setuptools. `pip install docker-py` (six >= 1.4) or pandas (python-dateutil needs six) then puts no six under
/usr/local; a runtime that installs only python, without python-pip, lacks it: ImportError. The runtime installs
them (and ca-certificates, which the package depends on too)."""

from __future__ import annotations

import re

import pytest
from conftest import stages as _stages

_LIBRARIES = ("colorama", "distlib", "html5lib", "requests", "six", "urllib3")


def _installs(runtime: str, package: str) -> bool:
    return re.search(rf"install -y --no-install-recommends [^&\n]*(?<![\w.-]){re.escape(package)}(?![\w.-])",
                     runtime) is not None


@pytest.mark.parametrize(("image", "pip", "prefix"), [
    ("ubuntu:14.04", "python-pip", "python"),
    ("ubuntu:trusty", "python3-pip", "python3"),
    ("debian:jessie", "python3-pip", "python3"),
    ("debian:8.11", "python-pip", "python"),
    ("ubuntu:14.10", "python-pip", "python"),
])
def test_pip_1_5_keeps_the_libraries_it_counts_as_installed(image: str, pip: str, prefix: str) -> None:
    _, runtime = _stages(f"FROM {image}\nRUN apt-get update && apt-get install -y {pip} python-dev\n"
                         "RUN pip install docker-py tornado\nCOPY . /app\nWORKDIR /app\n"
                         'CMD ["python", "app.py"]\n')
    assert "COPY --from=builder /usr/local /usr/local" in runtime, runtime
    assert f"{pip} " not in runtime
    for lib in _LIBRARIES:
        assert _installs(runtime, f"{prefix}-{lib}"), (lib, runtime)
    assert _installs(runtime, "ca-certificates"), runtime


@pytest.mark.parametrize("image", ["ubuntu:16.04", "debian:stretch", "ubuntu:18.04"])
def test_later_pip_bundles_them(image: str) -> None:
    # pip 8 and later (python-pip-whl): the distribution's libraries are not what pip counted
    _, runtime = _stages(f"FROM {image}\nRUN apt-get update && apt-get install -y python3-pip\n"
                         "RUN pip3 install docker-py\nCOPY . /app\nWORKDIR /app\nCMD [\"python3\", \"app.py\"]\n")
    assert "python3-six" not in runtime and "python3-requests" not in runtime, runtime


@pytest.mark.parametrize(("image", "pip"), [("ubuntu:18.04", "python3-pip"), ("debian:bookworm", "python3-pip"),
                                            ("ubuntu:16.04", "python-pip")])
def test_every_later_pip_brings_ca_certificates(image: str, pip: str) -> None:
    # python3-pip depends on ca-certificates on every release since pip 1.3: the original's programs verify TLS
    # peers against /etc/ssl/certs (urllib, aiohttp); the runtime's python3 alone would leave them out
    _, runtime = _stages(f"FROM {image}\nRUN apt-get update && apt-get install -y {pip}\n"
                         "RUN pip3 install aiohttp\nCOPY . /app\nWORKDIR /app\nCMD [\"python3\", \"app.py\"]\n")
    assert f"{pip} " not in runtime
    assert _installs(runtime, "ca-certificates"), runtime


def test_pip_1_1_brings_none() -> None:
    # wheezy's pip 1.1 verified no TLS peer, and its package does not depend on ca-certificates
    _, runtime = _stages("FROM debian:wheezy\nRUN apt-get update && apt-get install -y python-pip\n"
                         "RUN pip install six\nCOPY . /app\nWORKDIR /app\nCMD [\"python\", \"app.py\"]\n")
    assert "ca-certificates" not in runtime, runtime
