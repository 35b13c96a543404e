"""A tracked install's staging folder (/opt/staged, copied to /) inside a folder the runtime copies whole (/opt,
where an archive was unpacked): the runtime held the staged files twice, at / and in its copy of /opt/staged (size
only). The builder moves the folder out of /opt after the build, and the runtime copies it from there."""

from __future__ import annotations

from conftest import stages as _stages

from transformer import refactor

_TRACKED = ("FROM node:18\nRUN apt-get update && apt-get install -y g++ make\nCOPY tools.tgz /tmp/tools.tgz\n"
            "RUN npm install -g cowsay@1.5.0")
_CMD = 'CMD ["sh", "-c", "cowsay moo; sh /opt/tools/hello.sh"]\n'
_BESIDE_OPT = _TRACKED + " && cd /opt && tar xzf /tmp/tools.tgz && rm /tmp/tools.tgz\n" + _CMD


def test_the_staging_folder_leaves_a_copied_opt() -> None:
    builder, runtime = _stages(_BESIDE_OPT)
    assert "COPY --from=builder /staged /\n" in runtime and "COPY --from=builder /opt /opt\n" in runtime, runtime
    assert "/opt/staged" not in runtime, runtime
    # the install still stages into /opt/staged; the move comes after the scan of the copied folders, which reads it
    assert "mkdir -p /opt/staged/usr/local && tar -C /opt/staged/usr/local -xpf /tmp/install.tar" in builder
    assert ("&& rm -rf /tmp/runtime-libraries \\\n    && test ! -e /staged && mv /opt/staged /staged\n\n"
            in builder), builder


def test_the_explanation_says_why() -> None:
    said = " ".join(str(c) for c in refactor(_BESIDE_OPT).changes)
    assert ("the builder moves /opt/staged to /staged, which the runtime copies to /: the runtime copies /opt whole, "
            "which would bring a second copy of it") in said, said


def test_without_a_copy_of_opt_the_staging_folder_stays() -> None:
    builder, runtime = _stages(_TRACKED + "\n" + _CMD)
    assert "COPY --from=builder /opt/staged /\n" in runtime and "/staged /staged" not in builder, runtime


def test_a_file_that_names_the_other_folder_keeps_both_copies() -> None:
    # the move would meet the file's own /staged: the runtime copies as before (a second copy, no other change)
    builder, runtime = _stages(_BESIDE_OPT.replace(_CMD, "ENV DATA=/staged\n" + _CMD))
    assert "COPY --from=builder /opt/staged /\n" in runtime and "mv /opt/staged" not in builder, runtime


def test_a_last_build_step_of_another_user_keeps_both_copies() -> None:
    # the commands after the last build step run as its user, who may not move root's /opt/staged out of /opt
    builder, runtime = _stages(_BESIDE_OPT.replace(_CMD, "USER node\nWORKDIR /home/node/app\nRUN npm install lodash\n"
                                                   + _CMD))
    assert "COPY --from=builder --chown=root:root /opt/staged /\n" in runtime and "mv /opt/staged" not in builder, \
        runtime
