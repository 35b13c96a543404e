"""A global npm install of a package the program runs (``npm install -g Haraka``, whose command the image's CMD
runs) ran, in the original image, with the compilers the file installed before it (g++, make, build-essential):
node-gyp builds the package's native modules with them. The runtime, which leaves the compilers in the builder, could
not build them again: where npm's global prefix is known (an official node image's npm and Debian's and Ubuntu's npm
package: /usr/local; NodeSource's nodejs: /usr) the install runs as written in the builder and is tracked, and the
runtime copies what it added there, with Node.js; elsewhere the file is left alone with that reason and why it is not
tracked. A package of JavaScript only (pm2) is installed again as before."""

from __future__ import annotations

import pytest
from conftest import runner_stage, skip_reason, stages

from transformer import refactor

FILE = """FROM node:18
RUN apt-get update && apt-get install -y {compilers} supervisor
RUN npm install -g {package}
WORKDIR /srv/app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
CMD ["{command}", "-c", "/srv/app"]
"""

@pytest.mark.parametrize("compilers", ["g++ make", "build-essential"])
def test_a_global_install_with_native_modules_is_tracked_on_an_official_node_image(compilers: str) -> None:
    builder, runner = stages(FILE.format(compilers=compilers, package="Haraka", command="haraka"))
    assert ("RUN mkdir -p /opt/staged && touch /tmp/install.stamp && sleep 1 && npm install -g Haraka && "
            "{ find /usr/local -cnewer /tmp/install.stamp") in builder, builder
    # npm's cache and node-gyp's headers are left out of the check, which stops the build on any other write
    assert ("-path /root/.cache/node-gyp -o -path /root/.node-gyp -o -path /root/.npm -o -path /tmp -o "
            "-path /usr/local -o -path /var/tmp \\) -prune -o -cnewer /tmp/install.stamp") in builder, builder
    assert "COPY --from=builder /opt/staged /\n" in runner, runner
    assert "npm install -g" not in runner and "g++" not in runner and "build-essential" not in runner, runner


@pytest.mark.parametrize(("change", "why"), [
    (("FROM node:18\nRUN apt-get update && apt-get install -y", "FROM node:18-alpine\nRUN apk add --no-cache"),
     "node:18-alpine may not have it (its find is busybox's"),
    # Node.js the file does not install, on an image with none of its own: npm's prefix is not known
    (("FROM node:18", "FROM ubuntu:22.04"), "npm's global prefix is known only for the official node images' npm"),
    (("RUN npm install -g", "USER node\nRUN npm install -g"), "the stage runs it as node, not root"),
    (("-g Haraka", "-g --prefix /opt/npm Haraka"), "npm's global prefix is given by --prefix"),
    (("RUN npm install -g", "ENV NPM_CONFIG_PREFIX=/opt/npm\nRUN npm install -g"), "npm's global prefix is /opt/npm"),
    # an update of npm itself: the files it deletes from the image's own npm would stay in the runtime's
    (("-g Haraka", "-g npm@10 Haraka"), "it also updates npm, which the node image has installed globally"),
])
def test_a_global_install_with_native_modules_that_cannot_be_tracked_is_not_repeated(change: tuple[str, str],
                                                                                      why: str) -> None:
    reason = skip_reason(FILE.format(compilers="g++ make", package="Haraka", command="haraka").replace(*change))
    assert "would install again without the compilers the file installs before it (g++, make)" in reason, reason
    assert "; not tracked either: " in reason and why in reason, reason


DISTRIBUTION = """FROM {image}
RUN apt-get update && apt-get install -y nodejs npm g++ make && rm -rf /var/lib/apt/lists/*
RUN npm install -g Haraka
RUN haraka -i /srv/haraka
CMD ["haraka", "-c", "/srv/haraka"]
"""


@pytest.mark.parametrize("image", ["debian:bookworm", "ubuntu:22.04"])
def test_a_global_install_with_debians_npm_is_tracked_under_usr_local(image: str) -> None:
    """Debian's and Ubuntu's npm package sets npm's global prefix /usr/local in its built-in configuration
    (/usr/share/nodejs/npm/npmrc), where their own images have no files: the install is tracked there, and the
    runtime gets Node.js from the distribution (nodejs), without npm and the compilers."""
    result = refactor(DISTRIBUTION.format(image=image))
    builder, _, runner = result.text.partition(" AS runner")
    assert ("&& npm install -g Haraka && { find /usr/local -cnewer /tmp/install.stamp ! -type d -printf '%P\\n' > "
            "/tmp/install.list && tar -C /usr/local -cf") in builder, builder
    assert "apt-get install -y --no-install-recommends nodejs &&" in runner, runner
    assert "COPY --from=builder /opt/staged /\n" in runner, runner
    assert "npm" not in runner and "g++" not in runner, runner
    reasons = " ".join(c.message for c in result.changes)
    assert "npm's global prefix is taken to be /usr/local, as the built-in configuration of Debian's and Ubuntu's " \
           "npm package sets it (/usr/share/nodejs/npm/npmrc)" in reasons, reasons


NODESOURCE = """FROM debian:bookworm
RUN apt-get update && apt-get install -y curl g++ make && rm -rf /var/lib/apt/lists/*
RUN curl -fsSL https://deb.nodesource.com/setup_18.x | bash - && apt-get install -y nodejs
RUN npm install -g Haraka
RUN haraka -i /srv/haraka
CMD ["haraka", "-c", "/srv/haraka"]
"""


def test_a_global_install_with_nodesources_nodejs_is_tracked_under_usr() -> None:
    """NodeSource's nodejs brings npm with no configuration: its global prefix is npm's default, /usr (the packages
    in /usr/lib/node_modules, their commands' links in /usr/bin). The install is tracked there, the loader's cache
    left out of the check, and the runtime repeats NodeSource's setup and installs nodejs."""
    result = refactor(NODESOURCE)
    builder, _, runner = result.text.partition(" AS runner")
    assert ("&& npm install -g Haraka && { find /usr -cnewer /tmp/install.stamp ! -type d -printf '%P\\n' > "
            "/tmp/install.list && tar -C /usr -cf") in builder, builder
    assert "-o -path /usr -o -path /var/cache/ldconfig -o -path /var/tmp \\) -prune -o -cnewer" in builder, builder
    assert ("RUN curl -fsSL https://deb.nodesource.com/setup_18.x | bash - && apt-get update && apt-get install -y "
            "--no-install-recommends nodejs") in runner, runner
    assert "COPY --from=builder /opt/staged /\n" in runner and "g++" not in runner, runner
    reasons = " ".join(c.message for c in result.changes)
    assert "npm's global prefix is taken to be /usr, npm's default with NodeSource's nodejs" in reasons, reasons


def test_a_global_install_on_an_image_not_known_that_runs_apt_is_tracked() -> None:
    # apt-get runs there: the image is built on Debian or Ubuntu, whose find is GNU's (phusion/baseimage is known)
    result = refactor(NODESOURCE.replace("FROM debian:bookworm", "FROM acme/baseimage:1"))
    assert result.changed, result.skipped
    runner = result.text.partition(" AS runner")[2]
    assert "COPY --from=builder /opt/staged /\n" in runner and "g++" not in runner, runner


@pytest.mark.parametrize(("text", "change", "why"), [
    # a PPA (chris-lea's node.js) or sources written by hand may give another Node.js, whose prefix is not known
    (DISTRIBUTION.format(image="ubuntu:22.04"),
     ("RUN apt-get update", "RUN add-apt-repository -y ppa:chris-lea/node.js\nRUN apt-get update"),
     "apt's sources, which the file changes at line 2, may give another Node.js than the distribution's"),
    (DISTRIBUTION.format(image="debian:bookworm"),
     ("RUN apt-get update", "RUN echo 'deb http://example.org/node bookworm main' > /etc/apt/sources.list.d/n.list\n"
                            "RUN apt-get update"), "apt's sources, which the file changes at line 2"),
    # Debian's npm updated with npm: the new npm does not read the package's configuration, and uses /usr
    (DISTRIBUTION.format(image="debian:bookworm"), ("RUN npm install -g Haraka", "RUN npm install -g npm@9\n"
                                                    "RUN npm install -g Haraka"), "the stage updates Debian's npm"),
    (DISTRIBUTION.format(image="debian:bookworm"), ("-g Haraka", "-g npm@9 Haraka"), "the stage updates Debian's npm"),
    # npm's prefix set in its configuration, on any image
    (FILE.format(compilers="g++ make", package="Haraka", command="haraka"),
     ("RUN npm install -g", "RUN npm config set prefix /opt/npm\nRUN npm install -g"), "sets npm's prefix"),
    (DISTRIBUTION.format(image="debian:bookworm"),
     ("RUN npm install -g", "RUN npm config set prefix=/opt/npm && npm install -g"), "sets npm's prefix"),
    # Debian's npm on an image with files of its own under /usr/local (python's)
    (DISTRIBUTION.format(image="python:3.11"), ("", ""), "npm's global prefix is known only for"),
    # an update of the npm NodeSource's nodejs comes with in /usr/lib/node_modules
    (NODESOURCE, ("-g Haraka", "-g npm@10 Haraka"),
     "it also updates npm, which NodeSource's nodejs comes with in /usr/lib/node_modules"),
    # the RUNs' commands as the shell reads them: through a wrapper, a shell's -c script, exec form, a continuation
    # with a comment line (which BuildKit drops) inside, a path, quotes, a compound command
    *[(FILE.format(compilers="g++ make", package="Haraka", command="haraka"),
       ("RUN npm install -g", f"{run}\nRUN npm install -g"), "sets npm's prefix") for run in (
        "RUN sudo -E npm config set prefix /opt/npm", "RUN sh -c 'npm config set prefix /opt/npm'",
        'RUN ["npm", "config", "set", "prefix", "/opt/npm"]',
        "RUN npm config \\\n# the folder npm installs into\n set prefix /opt/npm")],
    *[(DISTRIBUTION.format(image="debian:bookworm"), ("RUN npm install -g Haraka", f"{run}\nRUN npm install -g Haraka"),
       "the stage updates Debian's npm") for run in (
        "RUN /usr/bin/npm install -g npm@9", 'RUN npm install -g "npm@9"',
        "RUN if true; then npm install -g npm@9; fi")],
], ids=["ppa", "sources-written", "npm-updated", "npm-updated-along", "config-prefix", "config-prefix=",
        "python-image", "nodesource-npm-update", "config-prefix-sudo", "config-prefix-sh-c",
        "config-prefix-exec-form", "config-prefix-comment-line", "npm-updated-by-path", "npm-updated-quoted",
        "npm-updated-in-if"])
def test_a_global_install_whose_prefix_is_not_known_is_not_tracked(text: str, change: tuple[str, str],
                                                                   why: str) -> None:
    reason = skip_reason(text.replace(*change))
    assert "would install again without the compilers the file installs before it (g++, make)" in reason, reason
    assert "; not tracked either: " in reason and why in reason, reason


@pytest.mark.parametrize("text", [
    'RUN echo "done; npm config set prefix /opt/npm"\n',  # words of a quoted string
    "RUN true # once; npm config set prefix /opt/npm\n",  # a comment of the shell's
    "RUN echo 'built && npm install -g npm@9'\n",  # an argument of echo
])
def test_npm_words_that_run_no_npm_leave_the_prefix_known(text: str) -> None:
    """Only a command the shell runs sets npm's prefix or updates npm: the install is tracked under /usr/local."""
    file = DISTRIBUTION.format(image="debian:bookworm")
    result = refactor(file.replace("RUN npm install -g", text + "RUN npm install -g"))
    assert result.changed, result.skipped
    builder, _, runner = result.text.partition(" AS runner")
    assert "find /usr/local -cnewer /tmp/install.stamp" in builder and "COPY --from=builder /opt/staged /\n" in runner


def test_a_global_install_of_javascript_only_is_repeated() -> None:
    runner = runner_stage(FILE.format(compilers="g++ make", package="pm2", command="pm2-runtime"))
    assert "npm install -g pm2" in runner and "g++" not in runner, runner


NODE_GYP = """FROM node:20
WORKDIR /app
COPY package.json package-lock.json ./
RUN apt-get update && apt-get install -y g++ make
RUN npm install -g node-gyp
RUN npm install
COPY . .
CMD ["npm", "start"]
"""


def test_a_global_node_gyp_stays_in_the_builder_with_the_compilers() -> None:
    """node-gyp builds native addons with the compilers, which the runtime leaves in the builder: it is a build tool
    even when the program runs a package script, not a global install the runtime repeats (nor a reason to skip)."""
    runner = runner_stage(NODE_GYP)
    assert "node-gyp" not in runner and "g++" not in runner, runner
    assert "COPY --from=builder /app/node_modules /app/node_modules" in runner, runner


def test_a_global_node_gyp_an_unread_script_may_run_is_said() -> None:
    """read18 726ffc37: `ENTRYPOINT ["/entrypoint.sh"]` after `npm -g i node-gyp@3.4.0`: the global install stays in
    the builder, and the reasons now say what that assumes (before, not a word of it)."""
    text = NODE_GYP.replace('CMD ["npm", "start"]', 'COPY entrypoint.sh /\nENTRYPOINT ["/entrypoint.sh"]')
    result = refactor(text)
    assert result.changed, result.skipped
    assert "node-gyp" not in result.text.partition(" AS runner\n")[2]
    assert any("assumed: the command, which the tool does not read, does not run node-gyp, which the file installs "
               "globally to build native addons" in str(c) for c in result.changes)
    plain = refactor(NODE_GYP.replace('CMD ["npm", "start"]', 'CMD ["node", "server.js"]'))
    assert plain.changed and not any("does not run node-gyp" in str(c) for c in plain.changes)


SAME_RUN = """FROM {image}
RUN apt-get update && apt-get install -y {packages} && npm install -g --unsafe-perm node-red
WORKDIR /root/.node-red
RUN npm install node-red-node-redis
ENTRYPOINT ["node-red"]
"""


def test_compilers_installed_earlier_in_the_same_run_count_too() -> None:
    # node-red's image on Raspbian (49bbb975): `apt-get install -y build-essential && npm install -g node-red` in
    # one RUN; the runtime installed node-red again without the compilers
    builder, runner = stages(SAME_RUN.format(image="debian:bookworm", packages="npm build-essential"))
    assert "npm install -g --unsafe-perm node-red && { find /usr/local -cnewer /tmp/install.stamp" in builder, builder
    assert "COPY --from=builder /opt/staged /\n" in runner and "npm install -g" not in runner, runner


def test_compilers_in_the_same_run_on_an_image_the_tool_does_not_know_leave_the_file_alone() -> None:
    reason = skip_reason(SAME_RUN.format(image="myorg/raspbian", packages="build-essential"))
    assert "would install again without the compilers the file installs before it (build-essential)" in reason, reason


IMAGE_COMPILERS = """FROM {image}
RUN npm install -g gulp bower node-sass
WORKDIR /app
COPY . .
ENTRYPOINT ["/run.sh"]
"""


def test_node_sass_built_with_the_full_node_images_own_compilers_is_tracked() -> None:
    """791c8719: node:slim has none of the gcc, g++ and make (buildpack-deps') node-gyp builds node-sass with where
    no prebuilt binding is downloaded: the runtime installed it again there."""
    builder, runner = stages(IMAGE_COMPILERS.format(image="node"))
    assert "npm install -g gulp bower node-sass && { find /usr/local -cnewer /tmp/install.stamp" in builder, builder
    assert "COPY --from=builder /opt/staged /" in runner and "npm install" not in runner, runner


@pytest.mark.parametrize("image", ["node:18-slim", "node:18-alpine"])
def test_not_on_an_image_without_them(image: str) -> None:
    """(the install there needs a prebuilt binding, as the runtime's, on the same image, does)"""
    text = refactor(IMAGE_COMPILERS.format(image=image)).text
    assert "/opt/staged" not in text, text


def test_the_tracked_install_is_copied_to_root_beside_a_copy_of_opt() -> None:
    # an archive unpacked in /opt (the runtime copies /opt) held the staging folder /opt/staged: the runtime copied
    # it along to /opt/staged and never to /, so Haraka's command and modules were not where the CMD finds them (the
    # builder now moves it out of /opt after the build, so that the runtime holds it once: test_staging_beside_opt)
    text = FILE.format(compilers="g++ make", package="Haraka", command="haraka").replace(
        "RUN npm install -g Haraka\n",
        "RUN npm install -g Haraka && cd /opt && curl -fsSL https://example.com/tools.tgz -o tools.tgz "
        "&& tar xzf tools.tgz && rm tools.tgz\n")
    builder, runner = stages(text)
    assert "npm install -g Haraka && {" in builder, builder
    assert "COPY --from=builder /opt /opt\n" in runner, runner
    assert "COPY --from=builder /staged /\n" in runner and "mv /opt/staged /staged" in builder, runner
