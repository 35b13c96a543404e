"""What the Dockerfile shows of the paths and packages a command names: files named by variables whose value it
shows (ENV, an assignment earlier in the RUN, the home of a user it makes), packages named by a variable, the
folder a database server run directly writes, and setup whose destination a copied build output already holds."""

from __future__ import annotations

from conftest import runner_stage as runner

from transformer import refactor
from transformer.analysis import RunContext
from transformer.images import ImageRef
from transformer.shell import parse_shell

_APP = "FROM ubuntu:20.04\nRUN apt-get update && apt-get install -y build-essential python3-pip\n"
_APP_TAIL = "COPY . /app\nRUN pip3 install /app\nCMD [\"python3\", \"-m\", \"app\"]\n"


def test_a_file_named_by_an_env_variable_is_written_where_its_value_says() -> None:
    """`> $EPOINT` with ENV EPOINT=/entry-point.sh writes /entry-point.sh: setup the runtime repeats, as written."""
    out = runner(f"{_APP}ENV EPOINT=/entry-point.sh\nRUN echo 'exec \"$@\"' > $EPOINT && chmod +x $EPOINT\n"
                 f"{_APP_TAIL}")
    assert "RUN echo 'exec \"$@\"' > $EPOINT && chmod +x $EPOINT\n" in out


def test_a_file_named_by_an_assignment_earlier_in_the_run_is_known() -> None:
    out = runner(f"{_APP}RUN CONF=/etc/app.conf && echo 'debug = 0' > \"${{CONF}}\"\n{_APP_TAIL}")
    assert "echo 'debug = 0' > \"${CONF}\"" in out


def test_a_variable_with_no_visible_value_still_names_the_cause() -> None:
    result = refactor(f"{_APP}RUN echo x > $CONF\n{_APP_TAIL}")
    assert not result.changed and "writes to $CONF, a file named by a variable" in (result.skipped or "")


def test_the_shells_process_number_names_a_file_in_the_working_folder() -> None:
    """`jq ... > tmp.$$.json && mv tmp.$$.json x.json`: the usual temporary file, in the folder the RUN is in."""
    out = runner(f"{_APP}WORKDIR /srv\nRUN jq -c '. + {{}}' /srv/manifest.json > tmp.$$.json && "
                 f"mv tmp.$$.json /srv/manifest.json\n{_APP_TAIL}")
    assert "RUN jq -c '. + {}' /srv/manifest.json > tmp.$$.json && mv tmp.$$.json /srv/manifest.json\n" in out


def test_the_home_of_a_user_the_file_makes_is_known() -> None:
    """`useradd -m app` then USER app: $HOME/.bashrc is /home/app/.bashrc, a file of the user's own."""
    out = runner(f"{_APP}RUN useradd -m app\nUSER app\nRUN echo 'source /usr/local/bin/env.sh' >> $HOME/.bashrc\n"
                 f"{_APP_TAIL.replace('pip3 install', 'pip3 install --user')}")
    assert "RUN echo 'source /usr/local/bin/env.sh' >> $HOME/.bashrc\n" in out


def _home(script: str, user: str) -> str | None:
    from transformer.analysis import users_made

    homes = tuple(h for c in parse_shell(script).commands for h in users_made(c))
    return RunContext(ImageRef.parse("debian:bookworm"), "", "/", (), user, homes=homes).home()


def test_user_homes_as_useradd_and_adduser_make_them() -> None:
    assert _home("useradd -ms /bin/bash nvm", "nvm") == "/home/nvm"
    assert _home("useradd -m -u 1000 -g 1000 wiggum", "1000:1000") == "/home/wiggum"
    assert _home("useradd -r -d /srv/app -s /sbin/nologin app", "app") == "/srv/app"
    assert _home("useradd -b /users -m app", "app") == "/users/app"
    assert _home("adduser -D -h /app app", "app") == "/app"  # busybox
    assert _home("adduser --disabled-password --gecos '' app", "app") == "/home/app"
    assert _home("adduser --system app", "app") is None  # Debian gives a system user /nonexistent
    assert _home("adduser app sudo", "app") is None  # adds the user to a group
    assert _home("useradd -m $NAME", "app") is None
    assert _home("useradd -m other", "app") is None


def test_a_move_into_a_folder_the_build_fills_is_carried_by_its_copy() -> None:
    """`mv /app-1.0 /app` before the build fills /app: the runtime's copy of /app has the moved files; moving
    them again after the copy would nest them (/app/app-1.0)."""
    out = runner("FROM node:18\nADD app-1.0.tar.gz /\nRUN mv /app-1.0 /app\nWORKDIR /app\n"
                 "RUN npm ci && npm run build\nCMD [\"node\", \"dist/index.js\"]\n")
    assert "COPY --from=builder /app /app\n" in out and "mv /app-1.0" not in out


def test_a_variable_naming_run_time_and_build_only_packages_is_split_in_the_runtime() -> None:
    """`apt-get install -y $requirements`, whose value mixes -dev packages with curl: the runtime names what it
    keeps (curl, git, and libicu-dev's library on trixie) in place of the variable."""
    out = runner("FROM php:8.2-apache\nRUN requirements=\"libicu-dev git curl\" && apt-get update && "
                 "apt-get install -y $requirements && docker-php-ext-install intl && rm -rf /var/lib/apt/lists/*\n"
                 "COPY . /var/www/html\n")
    assert "$requirements" not in out and "libicu-dev" not in out
    assert "apt-get install -y --no-install-recommends ca-certificates curl git libicu76 &&" in out


def test_an_env_variable_of_packages_is_split_too() -> None:
    out = runner("FROM alpine:3.18\nENV BUILD_PACKAGES bash curl-dev build-base\n"
                 "RUN apk add --no-cache $BUILD_PACKAGES && make -C /src install PREFIX=/usr/local\n"
                 "CMD [\"/usr/local/bin/app\"]\n")
    assert "apk add --no-cache bash libcurl libstdc++\n" in out


def test_packages_a_command_prints_name_the_command() -> None:
    result = refactor(f"{_APP}RUN apt-get install -y $(grep -v '^#' packages.txt)\n{_APP_TAIL}")
    assert "the packages `$(grep -v '^#' packages.txt)` names are what a command prints at build time" in \
        (result.skipped or "")


def test_packages_of_a_variable_a_command_sets_or_nothing_sets_name_which() -> None:
    made = refactor(f"{_APP}RUN deps=\"gcc $(cat /deps)\" && apt-get install -y $deps\n{_APP_TAIL}")
    assert "the packages of `$deps` are not known: the RUN gives it a value the tool does not work out" in \
        (made.skipped or "")
    unset = refactor(f"{_APP}RUN apt-get purge -y $buildDeps\n{_APP_TAIL}")
    assert "the packages of `$buildDeps` are not known: the file gives it no value" in (unset.skipped or "")


def test_the_home_of_a_named_user_is_known_after_a_tilde() -> None:
    """`cd ~runner/tool` after `useradd runner`: /home/runner/tool, where the build then writes."""
    text = ("FROM ubuntu:20.04\nRUN apt-get update && apt-get install -y build-essential && useradd runner\n"
            "COPY tool /home/runner/tool\nRUN cd ~runner/tool && make && make install PREFIX=/opt/tool\n"
            "CMD [\"/opt/tool/bin/tool\"]\n")
    out = runner(text)
    assert "COPY --from=builder /opt/tool /opt/tool" in out
    unknown = refactor(text.replace("useradd runner", "true"))
    assert "runs after a `cd` to a folder the tool cannot know" in (unknown.skipped or "")


def test_a_database_server_run_directly_names_the_folder_it_writes() -> None:
    """`mongod &` with no configuration keeps its files in /data/db (the package's configuration, read by
    `service mongod start`, says /var/lib/mongodb); `--datadir` names MySQL's."""
    mongo = refactor(f"{_APP}RUN mongod --fork --logpath /var/log/mongod.log && mongo --eval 'db.x.insert({{}})'\n"
                     f"{_APP_TAIL}")
    assert "whose database (under /data/db) the runtime could make again only with the same server" in \
        (mongo.skipped or "")
    mysql = refactor(f"{_APP}RUN mysqld --datadir=/srv/db & sleep 3\n{_APP_TAIL}")
    assert "(under /srv/db)" in (mysql.skipped or "")


def test_a_retried_install_installs_the_same_packages_in_every_try() -> None:
    """`install X || install X` (a retry for flaky downloads): each try in the runtime installs what the runtime
    keeps, not only what the tries before it left out."""
    out = runner("FROM debian:bookworm\nRUN apt-get update && apt-get install -y gcc curl libpq-dev || "
                 "apt-get install -y gcc curl libpq-dev\nRUN make -C /src install\nCMD [\"/usr/local/bin/app\"]\n")
    kept = "apt-get install -y --no-install-recommends ca-certificates curl libpq5"
    assert f"{kept} || {kept} && rm -rf /var/lib/apt/lists/*" in out


def test_a_variable_assigned_inside_the_condition_it_is_split_in_names_the_cause() -> None:
    """`packages="..." && install $packages || install $packages`: the condition stays whole in the runtime, so
    its assignment would stay too, unused once the runtime names the packages it keeps."""
    result = refactor("FROM debian:bookworm\nRUN packages=\"gcc curl libpq-dev\" && apt-get update && apt-get "
                      "install -y $packages || apt-get install -y $packages\nRUN make -C /src install\n"
                      "CMD [\"/usr/local/bin/app\"]\n")
    assert not result.changed
    assert "its assignment is part of the same condition" in (result.skipped or "")


def test_a_folder_mktemp_makes_is_scratch() -> None:
    """`TMP_DIR=$(mktemp -d) && cd "$TMP_DIR"`: the files written there lie under /tmp, scratch the runtime
    does without."""
    out = runner(f"{_APP}RUN TMP_DIR=$(mktemp -d) && cd \"$TMP_DIR\" && echo \"$KEY\" > key.pub && "
                 f"gpg --import key.pub && rm -rf \"$TMP_DIR\"\n{_APP_TAIL}")
    assert "mktemp" not in out
