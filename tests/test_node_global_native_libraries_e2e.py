"""A global npm install whose native module links a library of the full node image that its slim variant lacks, on
a real engine: omp-threads (a stand-in package, served over HTTP, the engine reaching no host but PyPI, npm and
Debian's archive) is built by node-gyp with OpenMP (-fopenmp), which links libgomp.so.1, which gcc's package brings
on node:18 and node:18-slim has not. The builder lists the libraries the tracked install links to (ldd) and the
runtime installs them (libgomp1): the module loads there as on node:18, where before the runtime had no libgomp and
`require` failed. Skipped without a Docker engine or when the stand-in's port is taken."""

from __future__ import annotations

import io
import json
import tarfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import rewrite_app, stand_in_server, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "node-global-native-libraries"
PORT = 38531  # as the fixture's Dockerfile names it

_ADDON = """#include <node_api.h>
#include <omp.h>

static napi_value threads(napi_env env, napi_callback_info info) {
  napi_value out;
  napi_create_int32(env, omp_get_max_threads(), &out);
  return out;
}

NAPI_MODULE_INIT() {
  napi_value fn;
  napi_create_function(env, "threads", NAPI_AUTO_LENGTH, threads, NULL, &fn);
  napi_set_named_property(env, exports, "threads", fn);
  return exports;
}
"""
_FILES = {
    "package.json": json.dumps({"name": "omp-threads", "version": "1.0.0", "main": "index.js", "gypfile": True}),
    "binding.gyp": json.dumps({"targets": [{"target_name": "omp_threads", "sources": ["addon.c"],
                                            "cflags": ["-fopenmp"], "ldflags": ["-fopenmp"]}]}),
    "addon.c": _ADDON,
    "index.js": "module.exports = require('./build/Release/omp_threads.node');\n",
}


@pytest.fixture
def stand_in(tmp_path: Path) -> Iterator[None]:
    with tarfile.open(tmp_path / "omp-threads-1.0.0.tgz", "w:gz") as tar:
        for name, text in _FILES.items():
            data = text.encode()
            info = tarfile.TarInfo(f"package/{name}")
            info.size, info.mode = len(data), 0o644
            tar.addfile(info, io.BytesIO(data))
    yield from stand_in_server(tmp_path, PORT)


@pytest.mark.usefixtures("stand_in")
def test_a_global_module_linking_a_library_of_the_full_image_loads_in_the_slim_runtime() -> None:
    result, builder, runtime = rewrite_app(APP)
    assert "-exec ldd {} ';'" in builder, result.text
    assert "< /opt/runtime-packages" in runtime and "COPY --from=builder /opt/staged /\n" in runtime, result.text
    assert "g++" not in runtime, result.text
    assert verified_default_output(APP, result.text).startswith("OpenMP threads: number")
