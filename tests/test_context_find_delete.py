"""A `find` that deletes files of the build context a COPY or ADD brought (`ADD liquid /liquid/app` ...
`find . -name "*.pyc" -delete`, dev file 443f1b42) was read as the build's cleanup: the runtime, which copies the
same files from the context again, kept the ones the original deletes. It now repeats the deletion, as it does an
`rm` of context files (an ADD of context files counts as a COPY for both)."""

from __future__ import annotations

from transformer import refactor

TEXT = ("FROM python:3.11\n{copy} . /app\nWORKDIR /app\nRUN {find}\nRUN pip install -r requirements.txt\n"
        "CMD [\"python\", \"app.py\"]\n")


def _runtime(text: str) -> str:
    return text.partition(" AS runner")[2]


def test_find_delete_in_the_copied_folder_is_repeated() -> None:
    for copy in ("COPY", "ADD"):
        result = refactor(TEXT.format(copy=copy, find='find . -name "*.pyc" -delete'))
        assert result.changed, result.skipped
        assert 'find . -name "*.pyc" -delete' in _runtime(result.text), result.text


def test_find_exec_rm_is_repeated() -> None:
    result = refactor(TEXT.format(copy="COPY", find="find /app -name '*.orig' -exec rm -f {} +"))
    assert "find /app -name '*.orig' -exec rm -f {} +" in _runtime(result.text), result.text


def test_rm_after_add_is_repeated() -> None:
    result = refactor(TEXT.format(copy="ADD", find="rm -f .env"))
    assert "rm -f .env" in _runtime(result.text), result.text


def test_find_elsewhere_stays_cleanup() -> None:
    result = refactor(TEXT.format(copy="COPY", find="find /usr/local -name '*.pyc' -delete"))
    assert result.changed, result.skipped
    assert "find /usr/local" not in _runtime(result.text)
