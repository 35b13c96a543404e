"""godep: ``godep go build`` (and ``godep go install``) runs ``go build`` with the Godeps workspace on GOPATH.

It builds the binary as ``go build`` does (into the folder it runs in, or into GOPATH/bin), so the runtime must get
it. It was taken for a dependency fetch (like ``godep restore``), with nothing to copy: the rewrites of dev 3426d203
and 20171d71 ran ``./manga`` and ``./archci`` from a runtime that had no such file (only godep itself, in /go/bin).
"""

from __future__ import annotations

from transformer import refactor

_GODEP = ("FROM golang:1.9\n"
          "RUN go get github.com/tools/godep\n"
          "ADD . /go/src/example.com/app\n"
          "WORKDIR /go/src/example.com/app\n")


def _runtime(text: str) -> str:
    return text.partition("AS runner")[2]


def test_godep_go_build_copies_the_build_folder_with_the_binary() -> None:
    result = refactor(_GODEP + "RUN CGO_ENABLED=0 godep go build -ldflags '-w -s'\nCMD ./app\n")
    assert result.changed, result.skipped
    runtime = _runtime(result.text)
    assert "COPY --from=builder /go/src/example.com/app /go/src/example.com/app" in runtime


def test_godep_go_build_after_cd_copies_the_folder_it_ran_in() -> None:
    result = refactor("FROM golang:1.9\nRUN go get github.com/tools/godep\nENV APP_DIR /go/src/example.com/app\n"
                      "ADD . $APP_DIR\nRUN cd $APP_DIR && CGO_ENABLED=0 godep go build\n"
                      "ENTRYPOINT (cd $APP_DIR && ./app)\n")
    assert result.changed, result.skipped
    assert "/go/src/example.com/app /go/src/example.com/app" in _runtime(result.text)


def test_godep_go_build_with_an_output_copies_the_binary() -> None:
    result = refactor(_GODEP + "RUN CGO_ENABLED=0 godep go build -o /usr/local/bin/app\nCMD [\"app\"]\n")
    assert result.changed, result.skipped
    assert "COPY --from=builder /usr/local/bin/app /usr/local/bin/app" in _runtime(result.text)


def test_godep_go_install_copies_gopath_bin() -> None:
    result = refactor(_GODEP + "RUN CGO_ENABLED=0 godep go install\nCMD [\"app\"]\n")
    assert result.changed, result.skipped
    assert "COPY --from=builder /go/bin /go/bin" in _runtime(result.text)


def test_godep_restore_still_only_fetches() -> None:
    result = refactor(_GODEP + "RUN godep restore\nRUN CGO_ENABLED=0 go build -o /usr/local/bin/app\n"
                      "CMD [\"app\"]\n")
    assert result.changed, result.skipped
    assert "COPY --from=builder /usr/local/bin/app /usr/local/bin/app" in _runtime(result.text)
