"""go-wrapper: the helper script of the old golang images (/usr/local/bin/go-wrapper, up to Go 1.9).

``go-wrapper download`` and ``go-wrapper install`` build in the builder like ``go get -d`` and ``go install``; a
CMD or ENTRYPOINT ``go-wrapper run`` starts the program through that script, which a runtime without the golang
image lacks (dev 46b9e9f8: the rewrite's runtime on debian slim failed with "exec: go-wrapper: executable file not
found in $PATH", where the original ran the app): the file is left as it is.
"""

from __future__ import annotations

import pytest

from transformer import refactor

_WRAPPED = ("FROM golang:1.9\nWORKDIR /go/src/app\nCOPY . .\nRUN go-wrapper download\nRUN go-wrapper install\n")


@pytest.mark.parametrize("start", ['CMD ["go-wrapper", "run"]', "CMD go-wrapper run",
                                   'ENTRYPOINT ["go-wrapper", "run"]\nCMD ["--port", "80"]'])
def test_a_program_started_by_go_wrapper_run_keeps_the_file(start: str) -> None:
    result = refactor(_WRAPPED + start + "\n")
    assert not result.changed
    assert "`go-wrapper run`" in (result.skipped or "")


def test_a_program_go_wrapper_installed_and_started_by_name_is_rewritten() -> None:
    result = refactor(_WRAPPED + 'CMD ["app"]\n')
    assert result.changed, result.skipped
    assert "COPY --from=builder /go/bin /go/bin" in result.text.partition("AS runner")[2]
