"""A front-end build the RUN runs in a package of the app's folder (`cd oj-client && ng build`) may write beside
that package: Angular's `"outputPath": "../public"`, a client built into the server's public folder. The runtime
copies the app's folder whole, not the package alone (read21 WRONG, dev 24c737db: yitongw2/COJ's server serves
/app/public, which the runtime lacked)."""

from __future__ import annotations

import pytest
from conftest import runner_stage

FILE = """FROM node:18
WORKDIR {workdir}
COPY ./client ./client
RUN cd client && npm install && {build}
COPY ./server ./server
RUN cd server && npm install
CMD cd server && npm start
"""


@pytest.mark.parametrize("build", ["ng build", "npm run build", "npx vite build"])
def test_the_app_folder_is_copied_whole(build: str) -> None:
    runtime = runner_stage(FILE.format(workdir="/app", build=build))
    assert "COPY --from=builder /app /app\n" in runtime, runtime
    assert "/app/client" not in runtime and "/app/server" not in runtime


def test_a_build_in_a_folder_of_its_own_copies_that_folder() -> None:
    """No `cd`: the build runs where the WORKDIR says, and what it writes outside is the configuration's own."""
    text = FILE.format(workdir="/app", build="true").replace("RUN cd client && npm install && true",
                                                             "WORKDIR /app/client\nRUN npm install && npm run build\n"
                                                             "WORKDIR /app")
    runtime = runner_stage(text)
    assert "COPY --from=builder /app/client /app/client\n" in runtime, runtime


def test_a_package_of_a_system_folder_is_copied_alone() -> None:
    """`cd /usr/src/app && npm run build` from / or /usr/src: the folder above is not the app's."""
    runtime = runner_stage(FILE.format(workdir="/usr/src", build="npm run build"))
    assert "COPY --from=builder /usr/src/client /usr/src/client\n" in runtime, runtime
