"""An `rm` the runtime repeats for the image's files it names (/var/lib/apt/lists) that also names a folder
relative to a `cd` (``cd .. && rm -r mtproxy /var/lib/apt/lists/*``): the runtime repeated the whole command
without the `cd`, in the WORKDIR, where `mtproxy` is not, and `rm` failed the build (vimagick/dockerfiles mtproxy).
The `rm` names a relative path: the `cd` goes with it where its folder is in the runtime, else the file is left
alone."""

from __future__ import annotations

import transformer
from transformer.analysis import RunContext
from transformer.images import ImageRef
from transformer.passes.shell import claim as shell_claim
from transformer.shell import parse_shell


def test_an_rm_of_a_relative_folder_and_the_image_s_files_is_relative() -> None:
    # (apt's lists alone would not make it setup: test_rm_package_lists.py)
    cmd = parse_shell("rm -r app /etc/nginx/sites-enabled/default").commands[0]
    found = shell_claim(cmd, RunContext(ImageRef.parse("debian:bookworm"), "", "/usr/local/src", (), None))
    assert found is not None and found.relative


def test_the_runtime_does_not_repeat_it_without_its_cd() -> None:
    result = transformer.refactor(
        "FROM debian:bookworm\nWORKDIR /usr/local/src/app\nRUN apt-get update && apt-get install -y gcc make curl "
        "&& curl -sSL https://e.com/x.tgz | tar xz && make && cp ./app /usr/local/bin/ && cd .. "
        '&& rm -r app /var/lib/apt/lists/*\nCMD ["app"]\n')
    runtime = result.text.split(" AS runner")[-1] if result.changed else ""
    assert "rm -r app" not in runtime or "cd .." in runtime
    assert result.changed or "after a `cd`" in (result.reason or "")
