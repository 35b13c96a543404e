"""uWSGI built from source on the full python image links libxml2, whose headers that image has (its
buildpack-deps packages): the slim runtime installs libxml2, or ``uwsgi`` fails there with "libxml2.so.2: cannot
open shared object file". A build on the slim image, which has no such headers, links none: nothing is added."""

from __future__ import annotations

from transformer import refactor

REQUIREMENTS = ("FROM python:3.11-bookworm\nWORKDIR /app\nCOPY requirements.txt .\n"
                "RUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\n"
                'CMD ["uwsgi", "--http", ":9090", "--wsgi-file", "app.py"]\n')


def runtime(text: str, files: dict[str, str] | None = None) -> str:
    result = refactor(text, read_context=(files or {}).get)
    assert result.changed, result.skipped
    return result.text.split("AS runner")[1]


def test_uwsgi_from_the_full_image_keeps_libxml2() -> None:
    text = runtime(REQUIREMENTS, {"requirements.txt": "Flask==3.0.0\nuWSGI==2.0.23\n"})
    assert "apt-get install -y --no-install-recommends libxml2 " in text
    assert text.index("libxml2") < text.index("COPY --from=builder")


def test_an_inline_install_too() -> None:
    inline = REQUIREMENTS.replace("-r requirements.txt", "flask uwsgi")
    assert "--no-install-recommends libxml2 " in runtime(inline)
    assert any("uwsgi is built against libxml2-dev" in str(c) for c in refactor(inline).changes)


def test_a_build_on_the_slim_image_links_no_libxml2() -> None:
    slim = REQUIREMENTS.replace("python:3.11-bookworm", "python:3.11-slim").replace(
        "RUN pip", "RUN apt-get update && apt-get install -y gcc && pip")
    assert "libxml2" not in runtime(slim, {"requirements.txt": "uwsgi\n"})


def test_a_file_that_installs_libxml2_dev_gets_libxml2_once() -> None:
    text = REQUIREMENTS.replace("RUN pip", "RUN apt-get update && apt-get install -y libxml2-dev && pip")
    assert runtime(text, {"requirements.txt": "uwsgi\n"}).count("libxml2") == 1
