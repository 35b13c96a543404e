"""A folder of the image deleted and replaced by a build output (``rm -rf /var/www/html && mv /opt/site
/var/www/html``, 779a1449's shape, on apache2's default index.html), on a real engine: the runtime deletes its own
folder, which its apache2 filled, before it copies the builder's, so the default page the original deletes is gone
(the copy added the build output to it). Skipped without a Docker engine.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "apps" / "c-replaced-web-root"


def test_the_images_folder_is_deleted_before_the_builders_copy() -> None:
    result, _, runtime = rewrite_app(APP)
    assert runtime.index("RUN rm -rf /var/www/html") < runtime.index("COPY --from=builder /var/www/html"), result.text
    assert "web root: hello.cgi" in verified_default_output(APP, result.text).replace("\n", " ")
