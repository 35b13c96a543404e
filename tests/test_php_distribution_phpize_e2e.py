"""An extension phpize builds for Debian's PHP (php-dev on debian:bookworm), on a real engine: `make install` puts it
in /usr/lib/php/<API version>, which the runtime copies (the official image's /usr/local/lib/php/extensions does not
exist there: the COPY failed), and the runtime's PHP loads it. Skipped without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "php-distribution-phpize"


def test_the_runtime_loads_the_extension() -> None:
    result, _, runtime = rewrite_app(APP)
    assert "COPY --from=builder /usr/lib/php /usr/lib/php\n" in runtime, result.text
    assert verified_default_output(APP, result.text) == "hello from ext"
