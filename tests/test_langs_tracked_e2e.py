"""Perl modules and R packages installed into the image's own Perl and R (their site libraries under
/usr/local), tracked: a Perl distribution of the build context installed with Debian's cpanm, and an R package
with C code linked to zlib installed with ``R CMD INSTALL`` into Debian's R (CPAN and CRAN are not reachable:
local sources stand in). The builder runs each install as written and copies what changed under /usr/local
after a stamp into /opt/staged; the runtime, debian:bookworm-slim with perl (without cpanminus and make) or
r-base-core (without the compiler and zlib1g-dev), copies it to / and runs the module's command or the package's
function. Skipped without a Docker engine.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import verified_default_output

from transformer import refactor
from transformer.fileio import context_reader

pytestmark = pytest.mark.e2e

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "langs"


def test_a_perl_distribution_installed_with_cpanm_is_tracked_and_runs_in_the_runtime() -> None:
    app = FIXTURES / "perl-cpanm"
    result = refactor((app / "Dockerfile").read_text(), read_context=context_reader(str(app)))
    assert result.changed, result.skipped
    builder, _, runtime = result.text.partition(" AS runner")
    assert "sleep 1 && cpanm --notest --no-man-pages . && { find /usr/local -cnewer" in builder
    assert "COPY --from=builder /opt/staged /\n" in runtime
    assert "install -y --no-install-recommends perl \\" in runtime and "cpanminus" not in runtime
    output = verified_default_output(app, result.text)
    assert "hello from Greet 0.01 in Perl's site library" in output


def test_an_r_package_with_compiled_code_installed_with_r_cmd_install_is_tracked_and_runs() -> None:
    app = FIXTURES / "r-install"
    result = refactor((app / "Dockerfile").read_text(), read_context=context_reader(str(app)))
    assert result.changed, result.skipped
    builder, _, runtime = result.text.partition(" AS runner")
    assert "sleep 1 && R CMD INSTALL --no-docs . && { find /usr/local -cnewer" in builder
    assert "COPY --from=builder /opt/staged /\n" in runtime
    assert "r-base-core" in runtime and "gcc" not in runtime and "zlib1g-dev" not in runtime
    output = verified_default_output(app, result.text)
    assert "hello from greetr in R's site library, zlib" in output
