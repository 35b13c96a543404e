"""npm's download cache (~/.npm) inside a folder the runtime copies whole (``WORKDIR /root`` and ``npm install``:
the runtime copied /root, and the cache with it; read23 47313af8): the builder removes it after the build, as it
does Maven's repository; a cache outside the copied folders is left as it is."""

from __future__ import annotations

from conftest import stages

FILE = """\
FROM node:18
COPY package.json app.js /root/
RUN cd /root && npm install
WORKDIR /root
CMD ["node", "app.js"]
"""


def test_the_cache_inside_the_copied_home_is_removed_in_the_builder() -> None:
    builder, runtime = stages(FILE)
    assert "rm -rf /root/.npm" in builder, builder
    assert "COPY --from=builder /root /root" in runtime, runtime


def test_a_cache_outside_the_copied_folder_stays() -> None:
    builder, runtime = stages(FILE.replace("/root", "/app"))
    assert ".npm" not in builder, builder
    assert "COPY --from=builder /app /app" in runtime, runtime
