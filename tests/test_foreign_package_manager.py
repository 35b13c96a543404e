"""A package manager of another distribution than the image's: `apk add nodejs bash git` on ubuntu:latest (dev
0e00795e, a reviewer's find) fails in the original's build too (ubuntu has no apk); the tool read it as an install
and rewrote the file. It is left alone now, saying why; apt on a Debian image and apk on Alpine are installs."""

from __future__ import annotations

import pytest
from conftest import runner_stage, skip_reason

FILE = "FROM {image}\nRUN {install}\nWORKDIR /www\nCOPY . .\nRUN npm install\nCMD [\"npm\", \"start\"]\n"


@pytest.mark.parametrize(("image", "install"), [("ubuntu:latest", "apk add --update nodejs npm"),
                                                ("debian:bookworm", "apk add --no-cache nodejs npm"),
                                                ("node:18-alpine", "apt-get update && apt-get install -y git")])
def test_another_distribution_s_package_manager_leaves_the_file_alone(image: str, install: str) -> None:
    assert "is the package manager of another distribution than" in skip_reason(
        FILE.format(image=image, install=install))


@pytest.mark.parametrize(("image", "install"), [("node:18", "apt-get update && apt-get install -y git"),
                                                ("node:18-alpine", "apk add --no-cache git")])
def test_the_image_s_own_package_manager_installs(image: str, install: str) -> None:
    assert runner_stage(FILE.format(image=image, install=install))
