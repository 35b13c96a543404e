"""The packages no runtime version of a RUN installs (run-time libraries of a library the build linked, the CA
certificates a Go program reads, a tool the HEALTHCHECK runs) join the apt install of the last RUN before the
copies that installs packages, rather than a second install right after it (before: two RUNs, each with its own
`apt-get update`)."""

from __future__ import annotations

from conftest import context_of

from transformer import refactor

GO_MOD = "module blog\n\ngo 1.19\n\nrequire github.com/mattn/go-sqlite3 v1.14.16\n"


def _runtime(text: str, files: dict[str, str]) -> str:
    result = refactor(text, read_context=context_of(files))
    assert result.changed, result.skipped
    return result.text.partition(" AS runner\n")[2]


def test_certificates_join_the_install_of_the_library_the_build_linked() -> None:
    runtime = _runtime("FROM golang:1.19\nRUN apt-get update && apt-get install -y libsqlite3-dev\nWORKDIR /app\n"
                       "COPY . .\nRUN go build -o blog .\nCMD [\"./blog\"]\n", {"go.mod": GO_MOD})
    assert runtime.startswith("RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates "
                              "libsqlite3-0 && rm -rf /var/lib/apt/lists/*\nWORKDIR /app\n"), runtime
    assert runtime.count("apt-get update") == 1


def test_an_unsorted_list_gets_them_at_its_end_in_order() -> None:
    runtime = _runtime("FROM golang:1.19\nRUN apt-get update && apt-get install -y zlib1g-dev \\\n    libsqlite3-dev\n"
                       "WORKDIR /app\nCOPY . .\nRUN go build -o blog .\nCMD [\"./blog\"]\n"
                       "HEALTHCHECK CMD curl -f http://localhost:8080/ || exit 1\n", {"go.mod": GO_MOD})
    assert "--no-install-recommends \\\n    libsqlite3-0 ca-certificates curl \\\n    && rm -rf" in runtime, runtime
    assert runtime.count("apt-get update") == 1


def test_an_install_from_backports_keeps_to_its_own_packages() -> None:
    """`-t bookworm-backports` takes what it names from another release: the packages the runtime adds go to the
    RUN's other install, or to an install of their own."""
    runtime = _runtime("FROM golang:1.19\nRUN apt-get update && apt-get install -y -t bookworm-backports "
                       "libsqlite3-dev\nWORKDIR /app\nCOPY . .\nRUN go build -o blog .\nCMD [\"./blog\"]\n",
                       {"go.mod": GO_MOD})
    assert "-t bookworm-backports libsqlite3-0 &&" in runtime, runtime
    assert "RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf " \
           "/var/lib/apt/lists/*\n" in runtime
