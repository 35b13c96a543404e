"""A Vite/React (or other) build served by `serve` (`npm install -g serve`, `CMD serve -s dist`): serve hands out
the files of the one folder it is given and reads nothing else of the app (its configuration, serve.json, is read in
that folder), so the runtime copies that folder alone, without the app's node_modules or sources, and installs serve
again (rp4's planet-frontend: x0.75 with the pruned app copied whole). Engine: fixtures/apps/node-serve-dist.
Where serve is given no folder (the working folder: the app whole), an option the tool does not know (a TLS
certificate read elsewhere), or the image has a HEALTHCHECK or a command other than serve, the app is copied whole
as before."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import context_of, runner_stage, verified

from transformer import refactor
from transformer.fileio import context_reader

FILE = """FROM node:18
WORKDIR /app
COPY package*.json ./
RUN npm ci
COPY . .
RUN npm run build
RUN {install}
EXPOSE 3000
{tail}"""


@pytest.mark.parametrize(("install", "tail", "site"), [
    ("npm install -g serve", 'CMD ["serve", "-s", "dist", "-l", "3000"]\n', "/app/dist"),
    ("npm i -g serve@14", "CMD serve --single build --listen=3000\n", "/app/build"),
    ("yarn global add serve", 'CMD ["serve", "-s", "/app/out", "-p", "3000", "--no-clipboard"]\n', "/app/out"),
    ("npm install -g serve", 'CMD ["serve", "-s", "dist", "-c", "serve.json"]\n', "/app/dist"),  # read in dist/
])
def test_the_runtime_copies_the_served_folder_alone(install: str, tail: str, site: str) -> None:
    runner = runner_stage(FILE.format(install=install, tail=tail))
    assert f"COPY --from=builder {site} {site}\n" in runner, runner
    assert runner.count("COPY") == 1, runner  # not the sources, not node_modules
    assert f"RUN {install}\n" in runner, runner
    assert "prune" not in runner, runner


@pytest.mark.parametrize("tail", [
    'CMD ["serve", "-l", "3000"]\n',  # the working folder: the app whole
    'CMD ["serve", "-s", "dist", "--ssl-cert", "/etc/app/cert.pem"]\n',  # an option not known
    'CMD ["serve", "-s", "dist"]\nHEALTHCHECK CMD node healthcheck.js\n',
    'CMD serve -s dist & node server.js\n',  # another program too
    'CMD ["npx", "serve", "-s", "dist"]\n',  # serve from the app's node_modules
    'CMD ["serve", "-s", "dist", "-c", "/app/serve.json"]\n',  # a configuration outside the folder (adv-s37 D)
    'CMD ["serve", "-s", "dist", "--config=../serve.json"]\n',
])
def test_the_app_is_copied_whole_where_serve_may_read_more(tail: str) -> None:
    runner = runner_stage(FILE.format(install="npm install -g serve", tail=tail))
    assert "COPY --from=builder /app /app\n" in runner, runner


def test_serve_of_the_app_s_own_dependencies_is_not_taken_for_the_global_one() -> None:
    runner = runner_stage(FILE.format(install="npm install -g pm2", tail='CMD ["serve", "-s", "dist"]\n'))
    assert "COPY --from=builder /app /app\n" in runner, runner


NPX = FILE.format(install="npm run lint", tail='CMD ["npx", "serve@14", "-s", "dist", "-l", "3000"]\n')


@pytest.mark.parametrize(("package", "narrowed"), [
    ('{"devDependencies": {"typescript": "5"}}', True),  # npx downloads serve at start, as in the original
    ('{"devDependencies": {"serve": "14"}}', False),  # npx runs the project's own serve, in node_modules
])
def test_npx_serve_of_a_package_the_project_does_not_list(package: str, narrowed: bool) -> None:
    """rp6 POSCoffeeShop: `npx serve -s dist` with no serve in package.json copied 500 MB of node_modules."""
    result = refactor(NPX, read_context=context_of({"package.json": package, "package-lock.json": "{}"}))
    assert result.changed, result.skipped
    runner = result.text.partition(" AS runner\n")[2]
    assert ("COPY --from=builder /app/dist /app/dist\n" in runner and runner.count("COPY") == 1) is narrowed, runner
    assert "serve" in refactor(NPX).text.partition(" AS runner\n")[2]  # without package.json: as before


@pytest.mark.e2e
def test_npx_serve_serves_the_folder_from_the_runtime(tmp_path: Path) -> None:
    """Engine: fixtures/apps/node-serve-dist with `npx serve@14` instead of the global install: the runtime holds
    dist/ alone and npx fetches serve when it starts, as the original does."""
    app = tmp_path / "node-npx-serve-dist"
    shutil.copytree(Path(__file__).resolve().parents[1] / "fixtures" / "apps" / "node-serve-dist", app)
    dockerfile = app / "Dockerfile"
    dockerfile.write_text(dockerfile.read_text().replace("RUN npm install -g serve@14\n", "").replace(
        'CMD ["serve",', 'CMD ["npx", "serve@14",'))
    result = refactor(dockerfile.read_text(), read_context=context_reader(str(app)))
    assert result.changed, result.skipped
    assert "COPY --from=builder /app/dist /app/dist" in result.text
    verified(app, result.text, http=(3000, "/"), timeout=120)


@pytest.mark.parametrize(("install", "tail", "site"), [
    # rp24node fabiogatti/shockbyte-test (523 MB with /app copied whole, 432 MB with dist alone)
    ("npm install -g http-server", 'CMD [ "http-server", "dist" ]\n', "/app/dist"),
    # rp24node sean-project/sean: a proxy for what the folder lacks reads no file
    ("npm i -g http-server", "CMD http-server ./dist --proxy http://127.0.0.1:24000 -p 3000\n", "/app/dist"),
])
def test_http_server_gets_the_folder_it_serves_alone(install: str, tail: str, site: str) -> None:
    runner = runner_stage(FILE.format(install=install, tail=tail))
    assert f"COPY --from=builder {site} {site}\n" in runner, runner
    assert runner.count("COPY") == 1, runner
    assert f"RUN {install}\n" in runner, runner


@pytest.mark.parametrize("tail", [
    'CMD ["http-server", "-p", "3000"]\n',  # ./public if there is one, else the app whole
    'CMD ["http-server", "-s", "dist"]\n',  # -s takes dist as its value: the folder is not dist
    'CMD ["http-server", "dist", "-S", "-C", "cert.pem", "-K", "key.pem"]\n',  # TLS files read from the app
])
def test_http_server_without_a_plain_folder_keeps_the_app_whole(tail: str) -> None:
    runner = runner_stage(FILE.format(install="npm install -g http-server", tail=tail))
    assert "COPY --from=builder /app /app\n" in runner, runner
