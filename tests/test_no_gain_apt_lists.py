"""A file with nothing to gain from stages whose `apt-get update` leaves apt's package lists in its layer (rp26bots
L1inkoln/health-tracker: 80 MB on the zoo's slim image, 596 -> 513 MB once removed): the skip said "no download
cache is left behind", which is not so. It names them, and how to remove them without stages."""

from __future__ import annotations

from conftest import skip_reason

FILE = """FROM python:3.11-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl{clean}
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
CMD ["python", "app.py"]
"""


def test_lists_left_in_the_layer_are_named() -> None:
    why = skip_reason(FILE.format(clean=""))
    assert why.startswith("nothing to gain"), why
    assert "apt's package lists, which the RUN at line 2 leaves in its layer" in why, why


def test_lists_removed_by_a_later_run_still_weigh_in_the_first_layer() -> None:
    why = skip_reason(FILE.format(clean="").replace("WORKDIR /app", "RUN rm -rf /var/lib/apt/lists/*\nWORKDIR /app"))
    assert "RUN at line 2 leaves in its layer" in why, why


def test_lists_removed_in_the_same_run_are_not_named() -> None:
    why = skip_reason(FILE.format(clean=" && rm -rf /var/lib/apt/lists/*"))
    assert why.startswith("nothing to gain") and "package lists" not in why, why
