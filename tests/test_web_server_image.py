"""A static site built on the web server's own image keeps that image, and a runtime whose only command is the server
installs no Node.js: ``FROM nginx:alpine`` became ``FROM nginx:stable`` (Debian) followed by the repeated ``apk add``,
which does not build; ``FROM nginx:1.22`` became another nginx; and the runtime installed nodejs and npm again, which
only built the site."""

from __future__ import annotations

import pytest
from conftest import runner_stage

from transformer import refactor

FILE = ("FROM {image}\nRUN {install}\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\n"
        "RUN cp -r dist/. /usr/share/nginx/html/\nCMD [\"nginx\", \"-g\", \"daemon off;\"]\n")
APT = "apt-get update && apt-get install -y nodejs npm"


@pytest.mark.parametrize(("image", "install"), [
    ("nginx:alpine", "apk add nodejs npm"),
    ("nginx:1.22", APT),
    ("nginx", APT),
    ("nginx:1.25-bookworm", APT),
])
def test_site_built_on_the_server_image_keeps_it(image: str, install: str) -> None:
    runner = runner_stage(FILE.format(image=image, install=install))
    assert runner.startswith(f"FROM {image} AS runner\n"), runner
    assert "COPY --from=builder /usr/share/nginx/html /usr/share/nginx/html" in runner, runner


@pytest.mark.parametrize(("image", "install"), [
    ("nginx:alpine", "apk add nodejs npm yarn"),
    ("nginx:1.22", APT),
    ("ubuntu:22.04", "apt-get update && apt-get install -y nodejs npm nginx"),
    ("debian:bookworm", "apt-get update && apt-get install -y nodejs npm yarnpkg nginx"),
])
def test_runtime_serving_the_site_installs_no_node(image: str, install: str) -> None:
    runner = runner_stage(FILE.format(image=image, install=install))
    assert "nodejs" not in runner and "npm" not in runner and "yarn" not in runner, runner


def test_other_builders_get_the_server_image() -> None:
    runner = runner_stage(FILE.format(image="ubuntu:22.04", install=APT + " nginx"))
    assert runner.startswith("FROM nginx:stable AS runner\n"), runner


def test_runtime_keeps_other_packages() -> None:
    runner = runner_stage(FILE.format(image="nginx:1.22", install=APT + " curl"))
    assert "curl" in runner and "nodejs" not in runner, runner


def test_node_stays_when_a_script_runs_too() -> None:
    """An entrypoint script may run node before the server: the runtime keeps Node.js (without npm, a build tool
    of Debian's that the script, unread without the build context, is taken not to run)."""
    text = FILE.format(image="nginx:1.22", install=APT).replace(
        "CMD", "COPY start.sh /start.sh\nENTRYPOINT [\"/start.sh\"]\nCMD")
    runner = runner_stage(text)
    assert "install -y --no-install-recommends nodejs &&" in runner, runner


def test_npm_stays_when_the_entrypoint_script_runs_it() -> None:
    """The script, read from the build context, runs npm: the runtime keeps it."""
    from conftest import context_of

    from transformer import refactor

    text = FILE.format(image="nginx:1.22", install=APT).replace(
        "CMD", "COPY start.sh /start.sh\nENTRYPOINT [\"/start.sh\"]\nCMD")
    script = "#!/bin/sh\nnpm run migrate\nexec \"$@\"\n"
    result = refactor(text, read_context=context_of({"start.sh": script, "package.json": "{}"}))
    assert "install -y --no-install-recommends nodejs npm &&" in result.text.partition(" AS runner")[2], result.text


def test_the_server_image_s_own_cmd_serves_the_site_too() -> None:
    """read18 511aadc4: `FROM nginx`, no CMD (nginx's own serves), nodejs, npm and git for bower: before, the runtime
    installed nodejs and git again (195 MB on the zoo's nginx); git only fetched what bower installs."""
    text = FILE.format(image="nginx", install=APT + " git").replace("CMD [\"nginx\", \"-g\", \"daemon off;\"]\n", "")
    result = refactor(text)
    assert result.changed, result.skipped
    runner = result.text.partition(" AS runner\n")[2]
    assert "nodejs" not in runner and "git" not in runner, runner
    assert "nginx's own CMD serves the static site with nginx: the runtime is the builder's image, nginx's own; " \
           "nodejs, git, which only built the site, stay in the builder" in "\n".join(str(c) for c in result.changes)
    assert "installs no package for npm" not in "\n".join(str(c) for c in result.changes)


def test_a_hook_script_of_the_server_s_entrypoint_may_run_node() -> None:
    """nginx's entrypoint runs the scripts in /docker-entrypoint.d first: one the file adds may run anything."""
    text = FILE.format(image="nginx", install=APT).replace(
        "CMD [\"nginx\", \"-g\", \"daemon off;\"]\n", "COPY 40-config.sh /docker-entrypoint.d/\n")
    runner = runner_stage(text)
    assert "nodejs" in runner, runner


@pytest.mark.parametrize("change", [
    ("CMD [\"nginx\", \"-g\", \"daemon off;\"]\n", "COPY rootfs/ /\n"),  # adv-s38 5a: hook scripts may come with it
    ("CMD [\"nginx\", \"-g\", \"daemon off;\"]\n", "HEALTHCHECK CMD node /app/health.js\n"),  # 5b
    ("CMD [\"nginx\"", "HEALTHCHECK CMD node /app/health.js\nCMD [\"nginx\""),  # 5b, with nginx's CMD written
])
def test_node_stays_where_the_image_may_run_it(change: tuple[str, str]) -> None:
    runner = runner_stage(FILE.format(image="nginx", install=APT).replace(*change))
    assert "nodejs" in runner, runner
    if "HEALTHCHECK" in change[1]:  # the health check's script comes along (before: only the web root)
        assert "COPY --from=builder /app /app" in runner, runner


def test_a_health_check_that_asks_the_server_changes_nothing() -> None:
    text = FILE.format(image="nginx", install=APT).replace('CMD ["nginx"', 'HEALTHCHECK CMD ["wget", "-q", '
                                                                          '"localhost"]\nCMD ["nginx"')
    runner = runner_stage(text)
    assert "nodejs" not in runner and "COPY --from=builder /app " not in runner, runner


def test_httpd_s_own_image_serves_its_htdocs() -> None:
    """adv-s38 5c: the same site on httpd:2.4 (its own CMD, httpd-foreground, serves htdocs) kept nodejs, git and
    the app's folder; now only htdocs, as on nginx."""
    text = ("FROM httpd:2.4\nRUN apt-get update && apt-get install -y nodejs npm git\nWORKDIR /app\nCOPY . .\n"
            "RUN npm ci && npm run build\nRUN cp -r dist/. /usr/local/apache2/htdocs/\n")
    result = refactor(text)
    assert result.changed, result.skipped
    runner = result.text.partition(" AS runner\n")[2]
    assert "nodejs" not in runner and "git" not in runner and "COPY --from=builder /app" not in runner, runner
    assert "COPY --from=builder /usr/local/apache2/htdocs /usr/local/apache2/htdocs" in runner
    assert any("the runtime is the builder's image, httpd's own" in str(c) for c in result.changes)


def test_a_site_built_inside_the_web_root_drops_node_too() -> None:
    """rp7 krishna-gbu/jenkins_docker_ec2_reactjs: the app is copied into nginx's html folder and built there, and
    nginx's own CMD serves it: the runtime copies the folder as before (the original serves all of it) without
    nodejs, which only built the site (115 MB)."""
    text = ("FROM nginx:latest\nRUN apt-get update && apt-get install -y nodejs npm\nCOPY ./ /usr/share/nginx/html/\n"
            "WORKDIR /usr/share/nginx/html/\nRUN npm install\nRUN npm run build\nEXPOSE 80\n")
    result = refactor(text)
    assert result.changed, result.skipped
    runner = result.text.partition(" AS runner\n")[2]
    assert "nodejs" not in runner and "COPY --from=builder /usr/share/nginx/html /usr/share/nginx/html" in runner
    assert any("the site is built in the web root, which nginx alone serves: nodejs, which only built it, stays"
               in str(c) for c in result.changes)
    checked = refactor(text.replace("EXPOSE 80\n", "HEALTHCHECK CMD node check.js\nEXPOSE 80\n"))
    assert "nodejs" in checked.text.partition(" AS runner\n")[2]


def test_the_site_s_runtime_says_nothing_of_a_prune_it_does_not_run() -> None:
    """read31 1e3e04fa: the note that the runtime's node_modules leaves the devDependencies out (npm's prune) was
    said where nginx serves the built site alone, with no node_modules and no prune."""
    text = FILE.format(image="nginx:1.22", install=APT)
    result = refactor(text)
    assert result.changed, result.skipped
    assert "npm prune" not in result.text
    assert not any("devDependencies" in str(c) for c in result.changes), result.changes
    served = refactor(text.replace("RUN cp -r dist/. /usr/share/nginx/html/\nCMD [\"nginx\", \"-g\", \"daemon off;\"]",
                                   "CMD [\"node\", \"dist/server.js\"]").replace("FROM nginx:1.22", "FROM node:18"))
    assert any("devDependencies" in str(c) for c in served.changes), served.changes  # where the prune runs
