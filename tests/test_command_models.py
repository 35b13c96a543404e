"""What commands do to the image, as real Dockerfiles write them: each case is a habit seen in real files
that the tool used to leave alone (or got wrong), with what the rewrite must contain."""

from __future__ import annotations

import pytest
from conftest import NODE_APP_FILES, context_of
from conftest import runner_stage as runner

from transformer import refactor


def builder(text: str, files: dict[str, str] | None = None) -> str:
    result = refactor(text) if files is None else refactor(text, read_context=context_of(files))
    assert result.changed, result.skipped
    return result.text.split(" AS runner\n", 1)[0]


def test_a_distribution_image_keeps_itself_without_the_build_tools() -> None:
    out = runner("FROM ubuntu:18.04\nRUN apt-get update && apt-get install -y build-essential libpq-dev python3 "
                 "python3-pip && pip3 install psycopg2\nCOPY . /app\nCMD [\"python3\", \"/app/main.py\"]\n")
    assert out.startswith("FROM ubuntu:18.04 AS runner\n")
    assert "build-essential" not in out and "python3-pip" not in out and "libpq-dev" not in out
    assert "--no-install-recommends ca-certificates libpq5 python3 " in out  # ca-certificates: python3-pip's
    assert "COPY --from=builder /usr/local /usr/local" in out  # what pip installed; the base has nothing there


def test_packages_named_by_a_variable_follow_its_value() -> None:
    text = ("FROM debian:bookworm\nRUN buildDeps='gcc make' && apt-get update && apt-get install -y $buildDeps curl"
            " && make -C /src install\nCMD [\"/usr/local/bin/app\"]\n")
    out = runner(text)
    assert "$buildDeps" not in out and "apt-get install -y --no-install-recommends ca-certificates curl" in out


def test_packages_named_by_an_exported_variable_follow_its_value() -> None:
    text = ("FROM debian:bookworm\nRUN export BUILD_DEPS='gcc make' && apt-get update && apt-get install -y "
            "${BUILD_DEPS} curl && make -C /src install\nCMD [\"/usr/local/bin/app\"]\n")
    out = runner(text)
    assert "${BUILD_DEPS}" not in out and "apt-get install -y --no-install-recommends ca-certificates curl" in out


def test_an_unknown_package_variable_is_named_in_the_reason() -> None:
    result = refactor("FROM debian:bookworm\nRUN apt-get install -y $PKGS && make install\nCMD [\"app\"]\n")
    assert not result.changed and "`$PKGS` are not known" in (result.skipped or "")


def test_sudo_runs_the_command_it_wraps() -> None:
    out = runner("FROM ubuntu:20.04\nRUN sudo apt-get install -y gcc libssl-dev && sudo make install "
                 "PREFIX=/usr/local\nCMD [\"app\"]\n")
    assert "libssl1.1" in out or "libssl" in out
    assert "COPY --from=builder /usr/local /usr/local" in out


def test_git_clone_into_scratch_is_not_copied_and_make_install_is() -> None:
    text = ("FROM debian:bookworm\nRUN apt-get update && apt-get install -y git build-essential && "
            "git clone https://example.com/x/tool.git /tmp/tool && cd /tmp/tool && make && "
            "make install PREFIX=/usr/local && rm -rf /tmp/tool\nCMD [\"tool\"]\n")
    out = runner(text)
    assert "/tmp/tool" not in out
    assert "COPY --from=builder /usr/local /usr/local" in out


def test_git_clone_of_the_app_is_copied_whole() -> None:
    out = runner("FROM python:3.11\nRUN git clone https://example.com/me/app.git /srv/app && "
                 "pip install -r /srv/app/requirements.txt\nCMD [\"python\", \"/srv/app/main.py\"]\n")
    assert "COPY --from=builder /srv/app /srv/app" in out


def test_a_build_output_copied_into_a_folder_keeps_its_name() -> None:
    out = runner("FROM golang:1.19\nWORKDIR /src\nCOPY . .\nRUN go build -o /tmp/app . && cp /tmp/app /usr/bin\n"
                 "CMD [\"/usr/bin/app\"]\n")
    assert "COPY --from=builder /usr/bin/app /usr/bin/app" in out
    assert "COPY --from=builder /usr/bin /usr/bin" not in out


def test_go_get_installs_into_gopath_bin() -> None:
    out = runner("FROM golang:1.10\nRUN go get github.com/x/tool\nCMD [\"/go/bin/tool\"]\n")
    assert "COPY --from=builder /go/bin /go/bin" in out


def test_the_official_python_image_installs_into_a_virtual_environment_whatever_its_tag() -> None:
    for tag in ("3", "latest", "3.12-bookworm"):
        text = (f"FROM python:{tag}\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n"
                "CMD [\"python\", \"app.py\"]\n")
        assert "RUN python -m venv /opt/venv\n" in builder(text)
        out = runner(text)
        assert "COPY --from=builder /opt/venv /opt/venv" in out
        assert 'ENV VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"' in out
        assert "/usr/local/bin" not in out  # the full image's interpreter is not laid over the slim one


def test_python_2_keeps_site_packages() -> None:
    out = runner("FROM python:2\nCOPY . /app\nRUN pip install -r /app/requirements.txt\n"
                 "CMD [\"python\", \"/app/a.py\"]\n")
    assert "COPY --from=builder /usr/local/lib/python2.7/site-packages" in out


def test_pip_options_before_the_subcommand() -> None:
    out = runner("FROM python:3.11\nCOPY . /app\nRUN pip --disable-pip-version-check install -r /app/r.txt\n"
                 "CMD [\"python\", \"/app/a.py\"]\n")
    assert "/opt/venv" in out


@pytest.mark.parametrize(("tag", "slim"), [("carbon", "node:carbon-slim"), ("buster", "node:buster-slim"),
                                           ("lts", "node:lts-slim"), ("8", "node:8-slim")])
def test_node_tags_without_a_version_number(tag: str, slim: str) -> None:
    text = f"FROM node:{tag}\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nCMD [\"node\", \"dist/a.js\"]\n"
    assert runner(text).startswith(f"FROM {slim} AS runner\n")


def test_npm_6_prunes_with_production() -> None:
    text = "FROM node:14\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nCMD [\"node\", \"dist/a.js\"]\n"
    assert "RUN npm ci && npm run build \\\n    && npm prune --production\n" in builder(text, NODE_APP_FILES)
    node16 = builder(text.replace("node:14", "node:16"), NODE_APP_FILES)
    assert "RUN npm ci && npm run build \\\n    && npm prune --omit=dev\n" in node16


def test_a_download_cache_left_behind_is_a_gain_on_an_already_slim_image() -> None:
    text = "FROM node:18-alpine\nWORKDIR /app\nCOPY . .\nRUN npm install\nCMD [\"node\", \"server.js\"]\n"
    assert "COPY --from=builder /app /app" in runner(text)  # with what package.json's install scripts may write
    cleaned = text.replace("npm install", "npm install && npm cache clean --force")
    result = refactor(cleaned)
    assert not result.changed and "no download cache is left behind" in (result.skipped or "")


def test_the_runtime_fetches_package_lists_it_needs() -> None:
    """The original ran apt-get update in an earlier RUN: the runtime's own install must run it."""
    out = runner("FROM python:3.11\nRUN apt-get update\nRUN apt-get install -y libpq-dev gcc\nCOPY . /app\n"
                 "RUN pip install -r /app/r.txt\nCMD [\"python\", \"/app/a.py\"]\n")
    assert "RUN apt-get update && apt-get install -y --no-install-recommends libpq5" in out


def test_arguments_the_runtime_uses_bring_those_their_defaults_use() -> None:
    out = runner("FROM python:3.11\nARG NAME=app\nARG DIR=/srv/${NAME}\nWORKDIR $DIR\nCOPY . .\n"
                 "RUN pip install -r r.txt\nCMD [\"python\", \"a.py\"]\n")
    assert "ARG NAME=app\nARG DIR=/srv/${NAME}\n" in out


def test_a_downloaded_toolchain_is_a_build_environment() -> None:
    result = refactor("FROM debian:bookworm\nRUN apt-get install -y gcc && curl -fsSL https://x/maven.tgz | "
                      "tar -xz -C /opt && mv /opt/apache-maven-3.9.6 /opt/maven\nCMD [\"/opt/maven/bin/mvn\"]\n")
    assert not result.changed


def test_ruby_gems_go_to_gem_home_and_the_slim_image() -> None:
    text = ("FROM ruby:3.2\nWORKDIR /app\nCOPY . .\nRUN bundle install && bundle exec rake assets:precompile\n"
            "CMD [\"bundle\", \"exec\", \"puma\"]\n")
    out = runner(text)
    assert out.startswith("FROM ruby:3.2-slim AS runner\n")
    assert "COPY --from=builder /usr/local/bundle /usr/local/bundle" in out
    assert "COPY --from=builder /app /app" in out
    assert "libpq5" in out  # no Gemfile.lock in the context: the common native gems' libraries, said so
    assert any("Gemfile.lock is not in the build context" in c.message for c in refactor(text).changes)


@pytest.mark.parametrize(("task", "kept"), [("app:update:bin", True), ("app:update", False)])
def test_rails_writing_its_binstubs_is_a_task_of_the_app_folder(task: str, kept: bool) -> None:
    """rp30review the1031hiroto/ecr (`bundle exec rake app:update:bin`, "not understood"): Rails writes bin/rails,
    bin/rake and bin/setup under the app's folder, which the runtime copies; `app:update` changes config/ too, and
    asks before it overwrites."""
    text = (f"FROM ruby:3.2\nWORKDIR /app\nCOPY . .\nRUN bundle install\nRUN bundle exec rake {task}\n"
            "CMD [\"bundle\", \"exec\", \"rails\", \"server\"]\n")
    result = refactor(text)
    assert result.changed is kept, result.skipped
    if kept:
        assert "COPY --from=builder /app /app" in runner(text)


def test_bundle_deployment_path_comes_with_its_settings() -> None:
    out = runner("FROM ruby:2.7\nWORKDIR /app\nCOPY . .\nRUN bundle config set path vendor/bundle && bundle install\n"
                 "CMD [\"bundle\", \"exec\", \"ruby\", \"app.rb\"]\n")
    assert "COPY --from=builder /app/vendor/bundle /app/vendor/bundle" in out


@pytest.mark.parametrize("compiler", ["gcc-4.8", "golang", "openjdk-11-jdk"])
def test_compilers_of_all_kinds_stay_in_the_builder(compiler: str) -> None:
    out = runner(f"FROM ubuntu:20.04\nRUN apt-get update && apt-get install -y {compiler} curl && "
                 "make install PREFIX=/usr/local\nCMD [\"app\"]\n")
    assert compiler not in out and "curl" in out
    if compiler == "openjdk-11-jdk":
        assert "openjdk-11-jre " in out


def test_configuration_between_builds_is_repeated_in_place() -> None:
    text = ("FROM ubuntu:20.04\nRUN apt-get update && apt-get install -y locales gcc && locale-gen en_US.UTF-8 && "
            "echo 'deb http://x y z' > /etc/apt/sources.list.d/x.list && sed -i 's/a/b/' /etc/default/locale && "
            "make install PREFIX=/usr/local\nCMD [\"app\"]\n")
    out = runner(text)
    assert "locale-gen en_US.UTF-8" in out and "sed -i 's/a/b/' /etc/default/locale" in out
    assert "make install" not in out and "gcc" not in out


def test_the_runtime_follows_the_files_blank_lines_and_copies_what_it_needs() -> None:
    text = ("FROM python:3.11\n\nWORKDIR /app\n\n# dependencies first, for the layer cache\nCOPY requirements.txt .\n"
            "RUN pip install -r requirements.txt\n\nCOPY . .\n\nCMD [\"python\", \"app.py\"]\n")
    result = refactor(text)
    out = runner(text)
    assert out.startswith("FROM python:3.11-slim AS runner\n\nWORKDIR /app\n")  # the file's blank line after FROM
    # blank lines where the original has them; none between two COPYs (tally's newline-between-instructions)
    assert "\n\nCOPY --from=builder /opt/venv /opt/venv\nCOPY . .\n" in out and "\n\nCMD" in out
    assert "COPY requirements.txt" not in out  # `COPY . .` brings it, nothing installs in between
    assert result.text.count("# dependencies first, for the layer cache") == 1  # the comment stays once, in the builder
    assert any("does not repeat the COPY at line 6" in c.message for c in result.changes)


def test_sed_with_in_place_in_a_cluster_of_flags_edits_a_file() -> None:
    out = runner("FROM ubuntu:20.04\nRUN apt-get update && apt-get install -y gcc apache2 && "
                 "make install PREFIX=/usr/local\n"
                 "RUN sed -ri 's/AllowOverride None/AllowOverride All/g' /etc/apache2/apache2.conf\n"
                 "CMD [\"apache2ctl\", \"-D\", \"FOREGROUND\"]\n")
    assert "sed -ri 's/AllowOverride None/AllowOverride All/g' /etc/apache2/apache2.conf" in out


def test_a_moved_build_output_is_copied_from_where_it_went() -> None:
    out = runner("FROM ubuntu:20.04\nRUN apt-get update && apt-get install -y git gcc apache2\n"
                 "RUN git clone https://example.com/site.git /opt/site && mv /opt/site /var/www/html/site\n"
                 "RUN git clone https://example.com/tool.git /opt/tool && make -C /opt/tool && "
                 "mv /opt/tool/bin/tool /usr/local/bin/tool\n"
                 "CMD [\"apache2ctl\", \"-D\", \"FOREGROUND\"]\n")
    assert "COPY --from=builder /var/www/html /var/www/html" in out
    assert "COPY --from=builder /usr/local/bin/tool /usr/local/bin/tool" in out
    assert "/opt/site" not in out and "/opt/tool/bin" not in out


_APP = "FROM ubuntu:20.04\nRUN apt-get update && apt-get install -y build-essential python3-pip\n"
_APP_TAIL = "COPY . /app\nRUN pip3 install /app\nCMD [\"python3\", \"-m\", \"app\"]\n"


@pytest.mark.parametrize("run", [
    "curl -o /tmp/miniconda.sh https://repo.anaconda.com/Miniconda3.sh && /bin/bash /tmp/miniconda.sh -b -p /opt/conda",
    "wget https://x/Miniconda2-latest-Linux-x86_64.sh && bash Miniconda2-latest-Linux-x86_64.sh -b"])
def test_a_conda_installer_with_a_known_prefix_is_a_build_output(run: str) -> None:
    """A conda installer run with -b installs into -p PREFIX or its default folder: one folder, copied whole."""
    result = refactor(f"{_APP}RUN {run}\n{_APP_TAIL}")
    assert result.changed, result.skipped
    assert "COPY --from=builder /opt/conda /opt/conda" in result.text or \
        "COPY --from=builder /root/miniconda2 /root/miniconda2" in result.text


def test_a_conda_installer_whose_folder_is_not_known_is_named_as_the_cause() -> None:
    """The python pass leaves conda's installers to the shell pass, which names what it cannot tell."""
    result = refactor(f"{_APP}RUN bash miniconda.sh -b\n{_APP_TAIL}")
    assert not result.changed
    assert "installs a conda distribution" in (result.skipped or "")


@pytest.mark.parametrize("run", ["bash install.sh", "/bin/bash /build.sh", "./install.sh /usr/local",
                                 "sh /tmp/cmake.sh --prefix=/opt/cmake"])
def test_a_script_whose_effect_is_not_known_is_named_as_the_cause(run: str) -> None:
    result = refactor(f"{_APP}RUN {run}\n{_APP_TAIL}")
    assert not result.changed
    assert f"`{run}` runs a script whose effect on the image" in (result.skipped or "")


def test_a_shell_with_nothing_to_run_has_no_effect() -> None:
    out = runner("FROM alpine:3.18\nRUN apk add --no-cache bash build-base && /bin/bash && touch /root/.bashrc\n"
                 "COPY . /src\nRUN make -C /src install PREFIX=/usr/local\nCMD [\"/usr/local/bin/app\"]\n")
    assert "&& touch /root/.bashrc\n" in out and "/bin/bash" not in out


def test_xargs_rm_is_cleanup_and_patch_prepares_the_sources() -> None:
    text = ("FROM debian:bookworm\nRUN apt-get update && apt-get install -y build-essential patch\n"
            "COPY . /src\nWORKDIR /src\nRUN patch -p1 < fix.patch && make install PREFIX=/usr/local "
            "&& find /src -name '*.o' | xargs rm -f\nCMD [\"/usr/local/bin/app\"]\n")
    out = runner(text)
    assert "patch -p1" not in out and "xargs" not in out
    assert "COPY --from=builder /usr/local /usr/local" in out


def test_xargs_running_an_install_names_the_cause() -> None:
    result = refactor(f"{_APP}RUN cat /app/deps.txt | xargs apt-get install -y\n{_APP_TAIL}")
    assert not result.changed and "`xargs apt-get` runs `apt-get` on arguments read at build time" in \
        (result.skipped or "")


def test_su_with_a_command_names_the_cause() -> None:
    # su's script is read as the user's, but the runtime needs the useradd beside it, and the RUN's commands
    # are not the script's own (they come from su's), so it cannot take the useradd alone
    result = refactor(f"{_APP}RUN useradd -m app && su app -c 'pip3 install --user /app'\n{_APP_TAIL}")
    assert not result.changed and "its form (exec form, heredoc, sh -c or su -c) cannot be split" in \
        (result.skipped or "")
    result = refactor(f"{_APP}RUN useradd -m app && su - app -c 'pip3 install --user /app'\n{_APP_TAIL}")
    assert not result.changed and "`su -l -c` runs commands in a login shell of another user" in \
        (result.skipped or "")


def test_a_config_file_in_the_home_folder_or_named_by_a_variable_is_repeated() -> None:
    out = runner(f"{_APP}ARG USERNAME=dev\nRUN echo 'workon app' >> $HOME/.bashrc "
                 f"&& echo \"$USERNAME ALL=(ALL) NOPASSWD:ALL\" > /etc/sudoers.d/$USERNAME\n{_APP_TAIL}")
    assert "RUN echo 'workon app' >> $HOME/.bashrc && echo \"$USERNAME ALL=(ALL) NOPASSWD:ALL\" > " \
           "/etc/sudoers.d/$USERNAME" in out


def test_a_file_named_by_a_variable_with_no_folder_names_the_cause() -> None:
    result = refactor(f"{_APP}RUN echo 'x /proc 0 0' >> $ROOTFS/etc/fstab\n{_APP_TAIL}")
    assert not result.changed and "writes to $ROOTFS/etc/fstab, a file named by a variable" in (result.skipped or "")


def test_gems_of_the_distributions_ruby_on_an_official_image() -> None:
    """Debian's Ruby installs gems into /var/lib/gems and their commands into /usr/local/bin; the runtime
    installs the Ruby package, not its headers."""
    text = ("FROM python:3.11-slim\nRUN apt-get update && apt-get install -y ruby ruby-dev gcc make "
            "&& gem install foreman\nCOPY . /app\nRUN pip install /app\nCMD [\"foreman\", \"start\"]\n")
    out = runner(text)
    assert "COPY --from=builder /var/lib/gems /var/lib/gems" in out
    assert "COPY --from=builder /usr/local/bin /usr/local/bin" in out
    assert "--no-install-recommends ruby " in out and "ruby-dev" not in out and "gem install" not in out


def test_gems_of_an_unknown_images_ruby_are_not_guessed() -> None:
    result = refactor("FROM phusion/passenger-ruby22\nCOPY . /app\nWORKDIR /app\nRUN bundle install\n"
                      "CMD [\"/sbin/my_init\"]\n")
    assert not result.changed and "bundle install" in (result.skipped or "")


@pytest.mark.parametrize(("image", "run", "why"), [
    ("alpine:3.18", "gem install foreman", "no system package install before line 4 brings Ruby"),
    ("ruby:3.2", "bundle install && rm -f /var/db/app.sqlite3 && bundle exec rake db:migrate",  # outside /app
     "`rake db:migrate` changes a database at build "
     "time: the one config/database.yml (or DATABASE_URL) names, which the tool does not read"),
    ("ruby:3.2", "bundle install && bundle exec rake", "`rake` runs the Rakefile's default task"),
])
def test_ruby_steps_that_cannot_be_placed_name_the_cause(image: str, run: str, why: str) -> None:
    result = refactor(f"FROM {image}\nCOPY . /app\nWORKDIR /app\nRUN {run}\nCMD [\"foreman\", \"start\"]\n")
    assert not result.changed and why in (result.skipped or "")


def test_cd_to_a_folder_named_by_a_known_variable_is_followed() -> None:
    text = ("FROM debian:bookworm\nENV V=1.2\nRUN apt-get update && apt-get install -y build-essential\n"
            "RUN cd /tmp && curl -fsSL https://example.com/app-$V.tgz | tar xz && cd /tmp/app-${V} "
            "&& ./configure --prefix=/opt/app && make && make install-strip\nCMD [\"/opt/app/bin/app\"]\n")
    assert "COPY --from=builder /opt/app /opt/app\n" in runner(text)


def test_an_old_style_tar_folder_letter_takes_its_word() -> None:
    text = ("FROM debian:bookworm\nRUN apt-get update && apt-get install -y build-essential curl\n"
            "RUN curl -fsSL https://example.com/x.tgz | tar xzC /opt && make -C /opt/x install PREFIX=/opt/x\n"
            "CMD [\"/opt/x/bin/x\"]\n")
    out = runner(text)
    assert "COPY --from=builder /opt /opt\n" in out and "COPY --from=builder / /" not in out


@pytest.mark.parametrize(("run", "why"), [
    # a hand-written Makefile (a configure's is staged), in a pipeline (else its install is tracked)
    ("cd /src && make && make install PREFIX=/usr | tee install.log",
     "`make install` installs into /usr, among the files"),
    ("test -x /usr/bin/node || curl -fsSL https://example.com/node.tgz | tar xz -C /usr --strip-components=1",
     "`tar` unpacks an archive into /usr, among the files"),
    ("make", "RUN at line 4: the build leaves outputs in / (the build folder, by `make`): they cannot be told apart"),
])
def test_outputs_among_the_systems_files_are_not_copied_whole(run: str, why: str) -> None:
    result = refactor("FROM debian:bookworm\nRUN apt-get update && apt-get install -y build-essential curl\n"
                      f"COPY . /\nRUN {run}\nCMD [\"/usr/bin/app\"]\n")
    assert not result.changed and why in (result.skipped or "")


def test_the_app_installed_globally_comes_with_the_global_prefix() -> None:
    out = runner("FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y nodejs npm build-essential\n"
                 "COPY . /srv/app\nRUN cd /srv/app && npm install -g\nCMD [\"myapp\"]\n")
    assert "COPY --from=builder /usr/local /usr/local" in out and "COPY --from=builder /srv/app /srv/app" in out
    assert "npm install" not in out


def test_packages_added_without_an_app_folder_go_to_slash_node_modules() -> None:
    out = runner("FROM node:18\nRUN npm install sqlite3\nCOPY app.js /srv/app.js\nCMD [\"node\", \"/srv/app.js\"]\n")
    assert "COPY --from=builder /node_modules /node_modules" in out


# (phantomjs, the example here before, leaves the file alone on node:18: its install needs bzip2, which node:slim
# lacks; see test_node_global_bzip2.py)
@pytest.mark.parametrize(("package", "repeated"), [("casperjs", True), ("bower", False), ("typescript", False)])
def test_a_global_package_not_known_to_only_build_is_installed_again(package: str, repeated: bool) -> None:
    out = runner(f"FROM node:18\nRUN npm install -g {package}\nWORKDIR /app\nCOPY . .\nRUN npm ci\n"
                 "CMD [\"node\", \"server.js\"]\n")
    assert (f"RUN npm install -g {package}" in out) is repeated


@pytest.mark.parametrize("last", ['CMD ["/bin/bash"]', "ENTRYPOINT bash",
                                  'CMD ["bash", "-c", "echo Samples are in /data && bash"]',
                                  # second.pytorch's image (68d3181d): fish, as zsh, is a shell people type into
                                  'ENTRYPOINT ["fish"]', 'CMD ["/usr/bin/zsh"]', "CMD zsh", 'CMD ["tcsh"]'])
def test_an_interactive_shell_keeps_the_build_tools_and_says_why(last: str) -> None:
    result = refactor(f"FROM node:18\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\n{last}\n")
    assert not result.changed
    assert "an interactive shell: whoever runs the image types their own commands" in (result.skipped or "")


@pytest.mark.parametrize("last", ['CMD ["fish", "/app/start.fish"]', 'CMD ["zsh", "/app/start.zsh"]'])
def test_a_shell_that_runs_a_script_is_no_interactive_shell(last: str) -> None:
    result = refactor(f"FROM node:18\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\n{last}\n")
    assert "an interactive shell" not in (result.skipped or ""), result.skipped


def test_a_command_held_in_a_variable_is_read_as_the_command_it_holds() -> None:
    out = runner("FROM ubuntu:22.04\nRUN APT_INSTALL='apt-get install -y' && apt-get update && $APT_INSTALL gcc "
                 "python3-pip && pip3 install /app\nCOPY . /app\nCMD [\"python3\", \"/app/main.py\"]\n")
    # python3-pip brought setuptools and ca-certificates: the runtime installs them in the same install, before the
    # list cleanup
    assert "$APT_INSTALL --no-install-recommends ca-certificates python3 python3-setuptools && rm -rf" in out \
        and "gcc" not in out


def test_a_mode_set_on_a_build_output_after_a_cd_is_carried_by_its_copy() -> None:
    out = runner("FROM python:3.11\nRUN mkdir -p /etc/app && cd /usr/local/bin && curl -sfLO https://example.com/tool "
                 "&& chmod +x tool\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n"
                 "CMD [\"tool\", \"python\", \"app.py\"]\n")
    assert "COPY --from=builder /usr/local/bin/tool /usr/local/bin/tool" in out
    assert "mkdir -p /etc/app" in out and "chmod" not in out and "curl" not in out


def test_an_archive_unpacked_in_slash_names_the_cause() -> None:
    result = refactor("FROM debian:bookworm\nRUN apt-get update && apt-get install -y build-essential curl\n"
                      "RUN curl -fsSLO https://example.com/app-1.0.tgz && tar xzf app-1.0.tgz && make -C app-1.0\n"
                      "CMD [\"/app-1.0/app\"]\n")
    assert not result.changed
    assert "the build leaves outputs in / (`tar` unpacks an archive in / (the working folder), where the folder " \
           "it makes is not known, by `tar xzf app-1.0.tgz`)" in (result.skipped or "")


def test_a_tool_unpacked_in_slash_is_dropped_when_the_runtime_serves_only_the_built_pages() -> None:
    out = runner("FROM maven:3-eclipse-temurin-17\nRUN curl -fsSL https://example.com/tool.tgz | tar xz\n"
                 "WORKDIR /src\nCOPY . .\nRUN mvn package && mkdir -p /var/www/html && cp -r target/site/* "
                 "/var/www/html/\nCMD [\"nginx\", \"-g\", \"daemon off;\"]\n")
    assert "COPY --from=builder / /" not in out and "/var/www/html" in out


def test_an_install_target_the_makefile_defines_names_the_cause() -> None:
    result = refactor("FROM debian:bookworm\nRUN apt-get update && apt-get install -y build-essential python3\n"
                      "COPY . /src\nRUN make -C /src && make -C /src install-python\nCMD [\"python3\"]\n")
    assert not result.changed and "`make install-python` installs where the Makefile says" in (result.skipped or "")


def test_setup_after_a_cd_to_a_folder_every_image_has_keeps_the_cd() -> None:
    # (not `cd /usr/local/bin && ln -s /usr/bin/python3 python`: the copy of /usr/local carries that link, and
    # `ln` repeated after it fails, "File exists")
    out = runner("FROM debian:bookworm\nRUN apt-get update && apt-get install -y build-essential python3\n"
                 "COPY . /src\nRUN cd /usr/local && chown nobody share && cd /src && "
                 "make install PREFIX=/usr/local\nCMD [\"app\"]\n")
    # (then the ldconfig that follows the copy of a /usr/local a make install filled)
    assert out.endswith("COPY --from=builder /usr/local /usr/local\nRUN cd /usr/local && "
                        "chown nobody share\nRUN ldconfig\nCMD [\"app\"]\n")


def test_setup_after_a_cd_to_a_folder_the_runtime_makes_keeps_the_cd() -> None:
    out = runner("FROM debian:bookworm\nRUN apt-get update && apt-get install -y build-essential\nCOPY . /src\n"
                 "RUN mkdir /root/.app && cd /root/.app && echo 'user=x' >> app.conf && cd /src && make install\n"
                 "CMD [\"app\"]\n")
    assert "RUN mkdir /root/.app && cd /root/.app && echo 'user=x' >> app.conf\n" in out


def test_setup_after_a_cd_to_a_folder_of_the_build_is_left_alone() -> None:
    result = refactor("FROM debian:bookworm\nRUN apt-get update && apt-get install -y build-essential\n"
                      "COPY . /src\nRUN cd /src && make install && cp app.conf /etc/app.conf\nCMD [\"app\"]\n")
    assert not result.changed
    assert "sets up the environment after a `cd`" in (result.skipped or "")


@pytest.mark.parametrize("query", ["ruby --version", "java -version", "node -V"])
def test_a_version_query_changes_nothing(query: str) -> None:
    text = (f"FROM debian:bookworm\nRUN apt-get update && apt-get install -y build-essential\nCOPY . /src\n"
            f"RUN make -C /src install && {query}\nCMD [\"app\"]\n")
    assert query not in runner(text) and query in builder(text)


def test_a_version_query_written_to_a_file_is_not_taken_for_one() -> None:
    result = refactor("FROM debian:bookworm\nRUN apt-get update && apt-get install -y build-essential\n"
                      "RUN make -C /src install && ruby --version > /etc/ruby-version\nCMD [\"app\"]\n")
    assert not result.changed and "`ruby --version` is not understood" in (result.skipped or "")


def test_strip_is_part_of_the_build() -> None:
    out = runner("FROM debian:bookworm\nRUN apt-get update && apt-get install -y build-essential\nCOPY . /src\n"
                 "RUN make -C /src install PREFIX=/usr/local && strip -s /usr/local/bin/app\nCMD [\"app\"]\n")
    assert "strip" not in out and "COPY --from=builder /usr/local /usr/local" in out


def test_install_d_makes_folders_as_mkdir_does() -> None:
    out = runner("FROM debian:bookworm\nRUN apt-get update && apt-get install -y build-essential\nCOPY . /src\n"
                 "RUN make -C /src install && install -d -m 755 -o www-data -g www-data /var/www\nCMD [\"app\"]\n")
    assert "RUN install -d -m 755 -o www-data -g www-data /var/www\n" in out


def test_deactivate_is_shell_state() -> None:
    out = runner("FROM python:3.11\nRUN python -m venv /venv && . /venv/bin/activate && pip install uwsgi && "
                 "deactivate\nCMD [\"/venv/bin/uwsgi\"]\n")
    assert "COPY --from=builder /venv /venv" in out


def test_rmdir_of_a_build_folder_follows_the_build() -> None:
    out = runner("FROM debian:bookworm\nRUN apt-get update && apt-get install -y build-essential\nCOPY . /src\n"
                 "WORKDIR /src\nRUN make install && mkdir empty && rmdir empty\nCMD [\"app\"]\n")
    assert "rmdir" not in out


def test_an_archive_unpacked_in_root_is_the_folder_the_build_goes_into() -> None:
    out = runner("FROM debian:bookworm\nRUN apt-get update && apt-get install -y build-essential\n"
                 "COPY redis-4.0.tar.gz /\nRUN tar xzf redis-4.0.tar.gz && cd redis-4.0 && make\n"
                 "CMD [\"/redis-4.0/src/redis-server\"]\n")
    assert "COPY --from=builder /redis-4.0 /redis-4.0\n" in out


def test_an_archive_unpacked_in_root_is_named_by_a_cd_in_a_later_run() -> None:
    out = runner("FROM debian:bookworm\nRUN apt-get update && apt-get install -y build-essential\n"
                 "COPY otp_src_20.0.tar.gz /\nRUN tar -xzvf otp_src_20.0.tar.gz\n"
                 "RUN cd otp_src_20.0/ && ./configure && make && make install\nCMD [\"erl\"]\n")
    assert "COPY --from=builder /otp_src_20.0 /otp_src_20.0\n" in out


def test_an_archive_unpacked_in_root_with_a_cd_to_a_system_folder_is_left_alone() -> None:
    result = refactor("FROM debian:bookworm\nRUN apt-get update && apt-get install -y build-essential\n"
                      "COPY a.tar.gz /\nRUN tar xzf a.tar.gz && cd tmp && make\nCMD [\"app\"]\n")
    assert not result.changed and "leaves outputs in /" in (result.skipped or "")


def test_cargo_build_without_cargo_toml_names_the_real_cause() -> None:
    result = refactor("FROM rust:1.63\nWORKDIR /src\nCOPY . .\nRUN cargo build --release\n"
                      "CMD [\"/usr/local/bin/app\"]\n")
    assert not result.changed
    assert "`cargo build` names the binary after Cargo.toml" in (result.skipped or "")


def test_setcap_on_a_copied_binary_runs_after_the_copy_with_its_tool_on_an_unknown_release() -> None:
    """`setcap CAPS FILE` sets a capability on a file: on a build output it runs after the COPY that brings
    it. debian:stretch is a release the data do not know: libcap2-bin provides setcap on every release
    they know, so the runtime installs it."""
    text = ("FROM golang:1.9\nADD . /go/src/app\nRUN cd /go/src/app && go get -d && go install && "
            "apt-get update && apt-get install -y libcap2-bin && setcap cap_net_bind_service=+ep /go/bin/app && "
            "rm -rf /var/lib/apt/lists/*\nENTRYPOINT [\"/go/bin/app\"]\n")
    result = refactor(text)
    assert result.changed, result.reason
    out = runner(text)
    assert out.startswith("FROM debian:stretch-slim AS runner\n")
    assert "libcap2-bin" in out
    assert out.index("COPY --from=builder /go/bin /go/bin") < out.index("setcap cap_net_bind_service=+ep /go/bin/app")


def test_commands_of_essential_packages_are_in_every_debian_image() -> None:
    """ldconfig and localedef come with libc-bin (Essential: yes): a runtime of a release the data do not
    know has them too."""
    text = ("FROM debian:buster\nRUN apt-get update && apt-get install -y gcc make && rm -rf /var/lib/apt/lists/*\n"
            "WORKDIR /src\nCOPY . .\nRUN make && make install PREFIX=/opt/app && ldconfig && "
            "localedef -i en_US -f UTF-8 en_US.UTF-8\nCMD [\"/opt/app/bin/app\"]\n")
    result = refactor(text)
    assert result.changed, result.reason
    out = runner(text)
    assert "ldconfig" in out and "localedef -i en_US" in out and "gcc" not in out


def test_make_j_without_a_number_leaves_the_next_word_a_target() -> None:
    """GNU make's -j takes a value only when it is a number: `make -j install` installs."""
    text = ("FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y build-essential autoconf automake\n"
            "COPY . /src\nRUN cd /src && ./autogen.sh && ./configure --prefix=/usr && make -j install\n"
            "CMD [\"/usr/bin/app\"]\n")
    result = refactor(text)
    assert result.changed, result.skipped
    assert "make -j install DESTDIR=/opt/staged " \
        "&& find /opt/staged -name '*.a' -type f -delete && make -j install" in result.text
    assert "COPY --from=builder /opt/staged /" in runner(text)


def test_removals_of_system_files_are_repeated_with_no_workdir() -> None:
    """With no WORKDIR (/), `rm` of the base image's or a package's files changes the image: the runtime
    repeats it (nginx's default site, `rm /bin/sh` before `ln -s /bin/bash /bin/sh`); removing a folder of
    the app that the build fills later is repeated at its place, before the runtime's copy of it (not over it)."""
    text = ("FROM ubuntu:22.04\nRUN rm /bin/sh && ln -s /bin/bash /bin/sh\nRUN rm -rf /srv\n"
            "RUN apt-get update && apt-get install -y gcc nginx && rm /etc/nginx/sites-enabled/default\n"
            "ADD . /srv\nRUN cd /srv && make\nCMD [\"/srv/app\"]\n")
    out = runner(text)
    assert "RUN rm /bin/sh && ln -s /bin/bash /bin/sh\n" in out
    assert "rm /etc/nginx/sites-enabled/default" in out
    assert out.index("RUN rm -rf /srv") < out.index("COPY --from=builder /srv /srv"), out


def test_removing_a_folder_the_build_fills_later_is_not_repeated_over_its_copy() -> None:
    """(but before it: what the image has there would stay beside the copy, 779a1449)"""
    text = ("FROM ubuntu:22.04\nWORKDIR /app\nRUN rm -rf /srv\nRUN apt-get update && apt-get install -y gcc\n"
            "ADD . /srv\nRUN cd /srv && make\nCMD [\"/srv/app\"]\n")
    out = runner(text)
    assert out.index("RUN rm -rf /srv") < out.index("COPY --from=builder /srv /srv"), out


def test_files_copied_into_slash_are_kept_when_the_build_runs_in_slash() -> None:
    """With no WORKDIR a compiled build runs in /: the files a COPY puts in / or /etc are not its inputs
    (a start script, a server's configuration), and the runtime still copies them."""
    text = ("FROM openjdk:11-jdk\nRUN mkdir /opt/app\nCOPY start.sh /opt/app\nCOPY wait-for-it.sh /\n"
            "COPY ./nginx /etc/nginx\nRUN apt-get update && apt-get install -y unzip curl && "
            "curl -L https://example.org/app.zip -o /opt/app/app.zip && unzip /opt/app/app.zip -d /opt/app && "
            "rm /opt/app/app.zip\nCMD [\"/opt/app/start.sh\"]\n")
    result = refactor(text)
    assert result.changed, result.skipped
    out = runner(text)
    assert "COPY wait-for-it.sh /\n" in out and "COPY ./nginx /etc/nginx\n" in out


def test_bundlers_settings_for_the_app_travel_with_the_distributions_gems() -> None:
    """`bundle install --without development test` with Debian's Ruby remembers `--without` in the app's
    .bundle, which `bundle exec` reads at run time: the runtime copies it with the gems."""
    out = runner("FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y ruby ruby-dev build-essential\n"
                 "WORKDIR /app\nCOPY Gemfile Gemfile.lock ./\nRUN gem install bundler && bundle install --without "
                 "development test\nCOPY . .\nCMD [\"bundle\", \"exec\", \"rackup\"]\n")
    assert "COPY --from=builder /var/lib/gems /var/lib/gems" in out
    assert "COPY --from=builder /app/.bundle /app/.bundle" in out


def test_a_download_into_the_home_folder_is_read_as_the_shell_expands_the_tilde() -> None:
    """`wget URL -O ~/miniconda.sh` as root writes /root/miniconda.sh, not a folder named ~ under WORKDIR:
    the runtime never copies a /~/... path (a COPY of a path the builder does not have fails the build)."""
    text = ("FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y wget build-essential\n"
            "RUN wget -q https://repo.anaconda.com/miniconda/Miniconda3-latest-Linux-x86_64.sh -O ~/miniconda.sh "
            "&& bash ~/miniconda.sh -b -p /opt/conda && rm ~/miniconda.sh\nENV PATH /opt/conda/bin:$PATH\n"
            "WORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nCMD [\"python\", \"app.py\"]\n")
    result = refactor(text)
    assert result.changed, result.skipped
    assert "/~" not in result.text and "COPY --from=builder /opt/conda /opt/conda" in result.text


@pytest.mark.parametrize(("cmd", "skipped"), [('CMD ["./start.sh"]', False), ('CMD ["-i"]', True), ("", True),
                                              ("CMD ./start.sh", True)])
def test_a_shell_entrypoint_runs_the_script_the_cmd_names(cmd: str, skipped: bool) -> None:
    result = refactor(f"FROM node:18\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nENTRYPOINT [\"/bin/sh\"]\n"
                      f"{cmd}\n")
    assert ("an interactive shell" in (result.skipped or "")) is skipped


@pytest.mark.parametrize("tool", ["python3-venv", "python3-virtualenv", "virtualenv"])
def test_a_venv_made_by_debians_python_keeps_the_interpreter_in_the_runtime(tool: str) -> None:
    make = "python3 -m venv /venv" if tool == "python3-venv" else "virtualenv /venv"
    out = runner(f"FROM debian:bookworm\nRUN apt-get update && apt-get install -y {tool}\nCOPY . /app\n"
                 f"RUN {make} && /venv/bin/pip install -r /app/requirements.txt\n"
                 "CMD [\"/venv/bin/python3\", \"/app/app.py\"]\n")
    assert "install -y --no-install-recommends python3 &&" in out and tool not in out


@pytest.mark.parametrize("base", ["resin/raspberrypi3-node:8", "golang:1.19\nRUN curl -sL https://deb.nodesource.com/"
                                  "setup_8.x | bash - && apt-get install -y nodejs"])
def test_an_npm_the_tool_cannot_tell_prunes_with_production(base: str) -> None:
    """4c290ba5 (resin's node:8), 4c4b7df3 (NodeSource's setup_8.x): npm 5 and 6 read `--omit=dev` as a setting they
    do not know, and prune no dev dependency; `--production` every npm knows."""
    text = f"FROM {base}\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nCMD [\"node\", \"dist/a.js\"]\n"
    made = builder(text)
    assert "npm prune --production" in made and "--omit=dev" not in made, made


def test_gems_of_a_ruby_the_build_installed_into_usr_local() -> None:
    """A Ruby built from source (`./configure && make install`, into /usr/local) puts its gems under
    /usr/local/lib/ruby/gems: the runtime copies /usr/local, and no /var/lib/gems, which only Debian's Ruby makes
    (read24 531a3d11: `COPY failed: stat var/lib/gems: file does not exist`)."""
    text = ("FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y build-essential curl libssl-dev zlib1g-dev\n"
            "RUN curl -fsSL https://cache.ruby-lang.org/pub/ruby/3.2/ruby-3.2.2.tar.gz | tar xz -C /tmp && "
            "cd /tmp/ruby-3.2.2 && ./configure --disable-install-rdoc && make && make install\n"
            "RUN gem install bundler\nWORKDIR /app\nCOPY . .\nRUN bundle install\n"
            "CMD [\"bundle\", \"exec\", \"rackup\"]\n")
    out = runner(text)
    assert "COPY --from=builder /usr/local /usr/local" in out, out
    assert "/var/lib/gems" not in out
