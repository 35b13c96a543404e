#!/usr/bin/env python3
"""Generate transformer/data/python_wheel_sizes.json from PyPI's JSON API.

pip keeps what it downloads in its cache (``~/.cache/pip``: the wheels, as downloaded), unless told not to
(``--no-cache-dir``). On an image that is already slim, a second stage gains that cache and loses what the
environment it copies brings along (a virtual environment's own pip and setuptools, some 20 MB): for most apps
about even, so msrefactor leaves them alone; but a project whose wheels weigh hundreds of MB (TensorFlow, PyTorch)
leaves at least that much in the cache. This script records, for each project of ``PROJECTS``, a lower bound of
what its download weighs: the smallest Linux x86_64 wheel (or source distribution, where a release has no such
wheel) of any release uploaded since ``SINCE``; and what pip downloads of each release, and of the recent ones, on
a current image.

Sources
-------
``https://pypi.org/pypi/<project>/json`` (its ``releases``: every file of every release, with its ``size`` in
bytes and ``upload_time_iso_8601``). For each release since ``SINCE``, the smallest file pip could download on
Linux x86_64 for CPython 3: a wheel whose platform tag names x86_64 Linux (manylinux*, linux_x86_64) or ``any``,
whose Python tag is CPython 3 or ``py3``; else the source distribution. The project's smallest over those
releases bounds what an install that pins none downloads.

Output
------
``projects``: normalized project name -> ``releases`` (release -> the size in MB, 10^6 bytes, one decimal, rounded
down, of the file pip picks on glibc 2.36 and x86_64, Debian bookworm's, for CPython 3: a wheel of the platform pip
ranks first, else the source distribution; only those of ``FLOOR_MB`` or more), ``any`` (the smallest fitting file
of every release since ``SINCE``) and ``recent`` (the smallest picked size of the final releases uploaded in the
``RECENT_DAYS`` before the script runs, else the newest final release's): what an install that pins no release
downloads, as pip takes the newest (``any`` is xgboost's 0.4 MB source of 2017, where pip downloads a
manylinux_2_28 wheel of over 50 MB; its 4 MB manylinux2014 wheel serves an older C library only). Projects with
no release of ``FLOOR_MB`` are left out.

Usage:  python scripts/gen_python_wheel_sizes.py [-o transformer/data/python_wheel_sizes.json]
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import urllib.request
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from packaging.version import InvalidVersion, Version

OUT = Path(__file__).resolve().parent.parent / "transformer" / "data" / "python_wheel_sizes.json"
SINCE = "2017-01-01"
FLOOR_MB = 5.0
RECENT_DAYS = 3 * 365
# the platforms pip accepts on glibc 2.36 (Debian bookworm), x86_64, best first, as pip's own list orders them; a
# pure wheel (``any``) after them
_PLATFORMS = (*(f"manylinux_2_{minor}_x86_64" for minor in range(36, 16, -1)), "manylinux2014_x86_64",
              "manylinux2010_x86_64", "manylinux1_x86_64", "linux_x86_64", "any")

# projects commonly installed by apps whose downloads are large (machine learning, computer vision, data, GUI
# toolkits); those under FLOOR_MB are dropped by the script
PROJECTS = (
    "tensorflow", "tensorflow-cpu", "tensorflow-gpu", "tensorflow-text", "tensorflow-io", "tensorflow-addons",
    "tensorboard", "tf-keras", "torch", "torchvision", "torchaudio", "jaxlib", "mxnet", "paddlepaddle",
    "onnxruntime", "onnxruntime-gpu", "onnx", "opencv-python", "opencv-contrib-python", "opencv-python-headless",
    "opencv-contrib-python-headless", "scipy", "numpy", "pandas", "pyarrow", "xgboost", "lightgbm", "catboost",
    "scikit-learn", "scikit-image", "matplotlib", "llvmlite", "numba", "pyspark", "ray", "mediapipe", "open3d",
    "pyqt5", "pyqt6", "pyside2", "pyside6", "vtk", "grpcio-tools", "h5py", "statsmodels", "gensim", "spacy",
    "thinc", "tokenizers", "transformers", "sentencepiece", "botocore", "boto3", "awscli", "google-cloud-bigquery",
    "pymupdf", "rasterio", "fiona", "shapely", "pyproj", "nvidia-cudnn-cu11", "nvidia-cudnn-cu12",
    "nvidia-cublas-cu11", "nvidia-cublas-cu12", "triton", "dlib", "face-recognition-models", "easyocr",
    "ultralytics", "bokeh", "plotly", "panel", "dash", "streamlit", "altair", "sympy", "networkx", "pillow",
    "cryptography", "lxml", "psycopg2-binary", "grpcio", "protobuf", "keras", "selenium", "playwright",
)

_WHEEL = re.compile(r"^(?P<name>.+?)-(?P<ver>[^-]+)(-\d[^-]*)?-(?P<py>[^-]+)-(?P<abi>[^-]+)-(?P<plat>[^-]+)\.whl$")


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _fits(filename: str) -> bool:
    """Whether pip could download this wheel for CPython 3 on Linux x86_64."""
    m = _WHEEL.match(filename)
    if m is None:
        return False
    pythons = m["py"].split(".")
    platforms = m["plat"].split(".")
    cpython3 = any(p.startswith(("cp3", "py3")) or p == "py2.py3" for p in pythons)
    linux = any(p == "any" or (p.endswith("x86_64") and ("manylinux" in p or p.startswith("linux")))
                for p in platforms)
    return cpython3 and linux


def release_size(files: list[dict[str, Any]]) -> int | None:
    """The smallest file pip could download for a release (a fitting wheel, else its source distribution)."""
    wheels = [int(f["size"]) for f in files if f.get("packagetype") == "bdist_wheel" and _fits(f["filename"])]
    if wheels:
        return min(wheels)
    sdists = [int(f["size"]) for f in files if f.get("packagetype") == "sdist"]
    return min(sdists) if sdists else None


def picked_size(files: list[dict[str, Any]]) -> int | None:
    """The size of the file pip picks for a release on glibc 2.36, x86_64, for CPython 3: of the wheels that fit
    (:func:`_fits`), one of the platform pip ranks first (:data:`_PLATFORMS`; the smallest of those, whichever
    CPython 3 it is built for), else the smallest source distribution."""
    best: tuple[int, int] | None = None
    for f in files:
        m = _WHEEL.match(f["filename"]) if f.get("packagetype") == "bdist_wheel" else None
        if m is None or not _fits(f["filename"]):
            continue
        rank = min((_PLATFORMS.index(p) for p in m["plat"].split(".") if p in _PLATFORMS), default=None)
        if rank is not None and (best is None or (rank, int(f["size"])) < best):
            best = (rank, int(f["size"]))
    if best is not None:
        return best[1]
    sdists = [int(f["size"]) for f in files if f.get("packagetype") == "sdist"]
    return min(sdists) if sdists else None


def _mb(size: int) -> float:
    return math.floor(size / 1e5) / 10


def release_sizes(doc: dict[str, Any], size_of: Callable[[list[dict[str, Any]]], int | None] = release_size
                  ) -> dict[str, float]:
    """Each release's size in MB (``size_of``: :func:`release_size`, :func:`picked_size`), for the releases uploaded
    since SINCE."""
    out: dict[str, float] = {}
    for version, files in doc.get("releases", {}).items():
        if not files or min(f["upload_time_iso_8601"] for f in files) < SINCE:
            continue
        size = size_of(files)
        if size is not None:
            out[version] = _mb(size)
    return out


def recent_size(doc: dict[str, Any], now: datetime) -> float | None:
    """The smallest picked size (MB, :func:`picked_size`) of the final releases uploaded in the RECENT_DAYS before
    ``now`` (pre-releases and yanked ones left out: pip takes neither unless told), else the newest final release's;
    None with no such release."""
    dated: list[tuple[datetime, float]] = []
    for version, files in doc.get("releases", {}).items():
        try:
            final = not Version(version).is_prerelease
        except InvalidVersion:
            continue
        size = picked_size(files) if files and final and not all(f.get("yanked") for f in files) else None
        if size is not None:
            uploaded = min(datetime.fromisoformat(f["upload_time_iso_8601"].replace("Z", "+00:00")) for f in files)
            dated.append((uploaded, _mb(size)))
    recent = [mb for uploaded, mb in dated if (now - uploaded).days <= RECENT_DAYS]
    return min(recent) if recent else (max(dated)[1] if dated else None)


def fetch(project: str) -> dict[str, Any]:
    with urllib.request.urlopen(f"https://pypi.org/pypi/{project}/json", timeout=60) as response:
        doc: dict[str, Any] = json.load(response)
    return doc


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=OUT)
    args = parser.parse_args(argv)
    projects: dict[str, dict[str, Any]] = {}
    now = datetime.now(timezone.utc)
    for project in PROJECTS:
        doc = fetch(project)
        sizes = release_sizes(doc)
        bound = min(sizes.values()) if sizes else None
        recent = recent_size(doc, now)
        print(f"{project}: {bound} MB, recent {recent} MB", file=sys.stderr)
        heavy = {v: mb for v, mb in release_sizes(doc, picked_size).items() if mb >= FLOOR_MB}
        if heavy:
            projects[_normal(project)] = {"any": bound, "recent": recent if recent is not None else bound,
                                          "releases": dict(sorted(heavy.items()))}
    doc = {
        "_generated_by": "scripts/gen_python_wheel_sizes.py",
        "_source": "https://pypi.org/pypi/<project>/json",
        "_date": datetime.now(timezone.utc).strftime("%Y-%m-%d"),
        "_doc": (f"PyPI project -> what pip downloads for it on Linux x86_64 (CPython 3), in MB: 'releases', each "
                 f"release since {SINCE} of {FLOOR_MB} MB or more, the file pip picks on glibc 2.36 (a wheel of the "
                 "platform it ranks first, else the source distribution); 'any', the smallest fitting file of "
                 f"every release since then; 'recent', the smallest picked of the final releases of the {RECENT_DAYS} "
                 "days before the date (else the newest's): an install that pins none takes the newest. What pip's "
                 f"cache keeps of an install of it. Projects with no release of {FLOOR_MB} MB are left out."),
        "projects": dict(sorted(projects.items())),
    }
    args.output.write_text(json.dumps(doc, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
