"""`COPY package.json /server` in WORKDIR /server copies into that folder, as `COPY package.json ./` does: the runtime,
which installs nothing between it and `COPY . /server`, needs only the later one (rp20node khoa1412001/BE-EasyCar: the
runner kept it, where the `./` form of the same file lost it). A destination that is not the WORKDIR may be a file's
new name and is kept."""

from __future__ import annotations

from conftest import runner_stage

_FILES = {"package.json": '{"name": "x", "dependencies": {"express": "4"}}', "index.js": ""}


def _runtime(dest: str) -> str:
    return runner_stage(f"FROM node:18\nWORKDIR /server\nCOPY package.json {dest}\nRUN npm install\n"
                        'COPY . /server\nCMD ["node", "index.js"]\n', _FILES)


def test_the_workdir_by_its_path_is_a_folder() -> None:
    assert "COPY package.json" not in _runtime("/server")
    assert "COPY package.json" not in _runtime("./")


def test_another_path_may_be_a_new_name() -> None:
    assert "COPY package.json /srv" in _runtime("/srv")
