"""A program unpacked from a downloaded archive (a prebuilt Blender into /opt/blender279) on a full official image,
whose slim variant the runtime is: built elsewhere, it links libraries the full image has (buildpack-deps':
libXrender, libfreetype) that the slim one lacks (read27 29ab316c: Blender would fail with "error while loading
shared libraries"). The builder lists what the copied outputs link (ldd), and the runtime installs that list. On
debian:X, whose slim variant has the same libraries, nothing is listed."""

from __future__ import annotations

import pytest

from transformer import refactor
from transformer.linked import LIST

FILE = """\
FROM {image}
RUN apt-get update && apt-get install -y --no-install-recommends libglu1-mesa libxi6 && rm -rf /var/lib/apt/lists/*
RUN mkdir /opt/blender && curl -SL https://download.blender.org/release/blender-2.79b-linux-x86_64.tar.bz2 \\
    | tar -jx -C /opt/blender --strip-components=1
COPY . /app
WORKDIR /app
RUN npm install
CMD ["node", "render.js"]
"""


def test_programs_unpacked_on_a_full_image_get_their_libraries_listed() -> None:
    result = refactor(FILE.format(image="node:8-stretch"))
    assert result.changed, result.skipped
    builder, _, runtime = result.text.partition(" AS runner")
    assert "-exec ldd {} ';'" in builder and "/opt/blender" in builder
    assert f"< {LIST}" in runtime and "COPY --from=builder /opt/blender /opt/blender" in runtime
    assert any("the programs unpacked into /opt/blender (built elsewhere) may link" in c.message
               for c in result.changes), [c.message for c in result.changes]


@pytest.mark.parametrize("image", ["node:8-stretch-slim", "debian:bookworm"])
def test_no_listing_where_the_runtime_has_the_same_libraries(image: str) -> None:
    text = FILE.format(image=image)
    if image.startswith("debian"):
        text = text.replace("libxi6 &&", "libxi6 curl nodejs npm &&")
    result = refactor(text)
    assert result.changed, result.skipped
    assert "-exec ldd" not in result.text
