"""Django's compilemessages on the full python image, on a real engine: it runs gettext's msgfmt, a build-only
package the slim runtime does not get. The runtime used to repeat it, and the build stopped with "Can't find
msgfmt" (seen on ameba-bcn/ameba-backend); the builder's compiled .mo files are copied with the app folder
instead, and the app prints its French translation. Skipped without a Docker engine."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

# gettext itself (msgfmt); gettext-base, its run-time part (envsubst), the runtime installs in its place
GETTEXT = re.compile(r"\bgettext\b(?!-)")
APP = Path(__file__).resolve().parents[1] / "fixtures" / "python-django" / "compilemessages"


def test_the_runtime_copies_the_translations_compilemessages_compiled() -> None:
    result, _, runtime = rewrite_app(APP)
    assert "compilemessages" not in runtime and not GETTEXT.search(runtime), runtime
    assert "COPY --from=builder /code /code" in runtime, runtime
    assert verified_default_output(APP, result.text).strip() == "fr: Bonjour"
