"""A requirements file is read as pip reads it: by its byte order mark, else as UTF-8.

PowerShell's ``pip freeze > requirements.txt`` writes UTF-16 with a byte order mark, and pip reads it; the
tool read the file as UTF-8, found no project in it, and so gave psycopg2, built against the full image's
libpq, a slim runtime without libpq5 (``import psycopg2`` then fails there). Two of eight real applications
checked end to end had such a file.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from transformer import refactor
from transformer.fileio import context_reader

PIP = ("FROM python:3.11-bookworm\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n"
       "COPY . .\nCMD [\"python\", \"app.py\"]\n")
REQUIREMENTS = "flask==3.0.0\r\npsycopg2==2.9.9\r\n"


def runtime_of(tmp_path: Path, files: dict[str, bytes], text: str = PIP) -> str:
    """The runtime stage of ``text`` refactored with a build context holding ``files``, read as the CLI reads it."""
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    result = refactor(text, read_context=context_reader(tmp_path))
    assert result.changed, result.skipped
    return result.text.split("AS runner")[1]


@pytest.mark.parametrize("encoded", [
    codecs.BOM_UTF16_LE + REQUIREMENTS.encode("utf-16-le"),  # PowerShell's redirection
    codecs.BOM_UTF16_BE + REQUIREMENTS.encode("utf-16-be"),
    codecs.BOM_UTF32_LE + REQUIREMENTS.encode("utf-32-le"),
    codecs.BOM_UTF8 + b"psycopg2==2.9.9\nflask\n",  # Notepad's: the first line is psycopg2's
], ids=["utf-16-le", "utf-16-be", "utf-32-le", "utf-8-bom"])
def test_a_requirements_file_with_a_byte_order_mark_names_its_libraries(tmp_path: Path, encoded: bytes) -> None:
    text = runtime_of(tmp_path, {"requirements.txt": encoded})
    assert "apt-get install -y --no-install-recommends libpq5 " in text
    assert text.index("apt-get install") < text.index("COPY --from=builder")


def test_a_nested_requirements_file_in_utf_16(tmp_path: Path) -> None:
    files = {"requirements.txt": b"-r base.txt\n", "base.txt": "mysqlclient>=2\n".encode("utf-16")}
    assert "libmariadb3" in runtime_of(tmp_path, files)


def test_plain_utf_8_and_undecodable_bytes_read_as_before(tmp_path: Path) -> None:
    assert "libpq5" in runtime_of(tmp_path, {"requirements.txt": b"psycopg2\nflask\n"})
    # bytes that are not UTF-8 (a Latin-1 comment) and no mark: the names are read around them
    assert "libpq5" in runtime_of(tmp_path, {"requirements.txt": b"# caf\xe9\npsycopg2\n"})
    assert "apt-get" not in runtime_of(tmp_path, {"requirements.txt": "psycopg2-binary\n".encode("utf-16")})


def test_an_editable_install_in_a_utf_16_file_is_seen(tmp_path: Path) -> None:
    """The image runs /usr/local/bin/gunicorn: pip's --prefix layout copied to /usr/local, unless a requirement is
    editable (its project stays where it is, which --prefix would not follow): then the file is left alone."""
    text = PIP.replace('CMD ["python", "app.py"]', 'CMD ["/usr/local/bin/gunicorn", "app:app"]')
    assert "COPY --from=builder /install /usr/local" in runtime_of(tmp_path, {"requirements.txt": b"gunicorn\n"}, text)
    (tmp_path / "requirements.txt").write_bytes("-e .\ngunicorn\n".encode("utf-16"))
    result = refactor(text, read_context=context_reader(tmp_path))
    assert not result.changed and "/usr/local/bin/gunicorn" in (result.skipped or "")
