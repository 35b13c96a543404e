"""An image that installs git, sets `git config --global user.email` and runs git (as dev file 04ec5369's release
script does), rewritten without its context, then built and run on a real engine. The runtime used to lack the
settings the original's ~/.gitconfig holds. Skipped without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import verified_default_output

from transformer import refactor

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "apps" / "node-git-user-config"


def test_the_runtime_has_the_git_settings_of_the_original() -> None:
    result = refactor((APP / "Dockerfile").read_text())
    assert result.changed, result.skipped
    assert "dev@example.com" in verified_default_output(APP, result.text)


URL_APP = Path(__file__).resolve().parents[1] / "fixtures" / "apps" / "node-git-url-config"


def test_the_runtime_has_the_fetch_settings_of_the_original() -> None:
    # dev file 5079ab85: `git config --global url."https://".insteadOf git://` with Debian's git, which the runtime
    # keeps; the runtime used to lack the setting (the command printed nothing and failed)
    result = refactor((URL_APP / "Dockerfile").read_text())
    assert result.changed, result.skipped
    assert "git://" in verified_default_output(URL_APP, result.text)


IMAGE_GIT_APP = Path(__file__).resolve().parents[1] / "fixtures" / "apps" / "node-git-config-image-git"


def test_the_runtime_has_the_settings_of_the_images_own_git() -> None:
    # node:18's own git, which the runtime (node:18-slim) installs for the CMD: it lacked the setting
    result = refactor((IMAGE_GIT_APP / "Dockerfile").read_text())
    assert result.changed, result.skipped
    assert "git://" in verified_default_output(IMAGE_GIT_APP, result.text)
