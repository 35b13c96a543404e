#!/usr/bin/env python3
"""Generate transformer/data/python_wheel_sizes.json from PyPI's JSON API.

pip keeps what it downloads in its cache (``~/.cache/pip``: the wheels, as downloaded), unless told not to
(``--no-cache-dir``). On an image that is already slim, a second stage gains that cache and loses what the
environment it copies brings along (a virtual environment's own pip and setuptools, some 20 MB): for most apps
about even, so msrefactor leaves them alone; but a project whose wheels weigh hundreds of MB (TensorFlow, PyTorch)
leaves at least that much in the cache. This script records, for each project of ``PROJECTS``, a lower bound of
what its download weighs: the smallest Linux x86_64 wheel (or source distribution, where a release has no such
wheel) of any release uploaded since ``SINCE``.

Sources
-------
``https://pypi.org/pypi/<project>/json`` (its ``releases``: every file of every release, with its ``size`` in
bytes and ``upload_time_iso_8601``). For each release since ``SINCE``, the smallest file pip could download on
Linux x86_64 for CPython 3: a wheel whose platform tag names x86_64 Linux (manylinux*, linux_x86_64) or ``any``,
whose Python tag is CPython 3 or ``py3``; else the source distribution. The project's smallest over those
releases bounds what an install that pins none downloads.

Output
------
``projects``: normalized project name -> ``releases`` (release -> its size in MB, 10^6 bytes, one decimal, rounded
down; only those of ``FLOOR_MB`` or more) and ``any`` (the smallest size of every release since ``SINCE``: a bound
for an install that pins no release). Projects with no release of ``FLOOR_MB`` are left out.

Usage:  python scripts/gen_python_wheel_sizes.py [-o transformer/data/python_wheel_sizes.json]
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import urllib.request
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent.parent / "transformer" / "data" / "python_wheel_sizes.json"
SINCE = "2017-01-01"
FLOOR_MB = 5.0

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


def _mb(size: int) -> float:
    return math.floor(size / 1e5) / 10


def release_sizes(doc: dict[str, Any]) -> dict[str, float]:
    """Each release's size in MB (:func:`release_size`), for the releases uploaded since SINCE."""
    out: dict[str, float] = {}
    for version, files in doc.get("releases", {}).items():
        if not files or min(f["upload_time_iso_8601"] for f in files) < SINCE:
            continue
        size = release_size(files)
        if size is not None:
            out[version] = _mb(size)
    return out


def fetch(project: str) -> dict[str, Any]:
    with urllib.request.urlopen(f"https://pypi.org/pypi/{project}/json", timeout=60) as response:
        doc: dict[str, Any] = json.load(response)
    return doc


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=OUT)
    args = parser.parse_args(argv)
    projects: dict[str, dict[str, Any]] = {}
    for project in PROJECTS:
        sizes = release_sizes(fetch(project))
        bound = min(sizes.values()) if sizes else None
        print(f"{project}: {bound} MB", file=sys.stderr)
        heavy = {v: mb for v, mb in sizes.items() if mb >= FLOOR_MB}
        if heavy:
            projects[_normal(project)] = {"any": bound, "releases": dict(sorted(heavy.items()))}
    doc = {
        "_generated_by": "scripts/gen_python_wheel_sizes.py",
        "_source": "https://pypi.org/pypi/<project>/json",
        "_date": datetime.now(timezone.utc).strftime("%Y-%m-%d"),
        "_doc": (f"PyPI project -> what pip downloads for it on Linux x86_64 (CPython 3), in MB, the smallest fitting "
                 f"wheel (else source distribution) of a release: 'releases', each release since {SINCE} of "
                 f"{FLOOR_MB} MB or more; 'any', the smallest of every release since then (a bound for an install "
                 "that pins none). What pip's cache keeps of an install of it. Projects with no release of "
                 f"{FLOOR_MB} MB are left out."),
        "projects": dict(sorted(projects.items())),
    }
    args.output.write_text(json.dumps(doc, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
