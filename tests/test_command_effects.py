"""Commands real files run, read by what they do to the image (issue 10: "unknown is not a veto"). Each used to stop
the tool as "not understood": now the builder keeps a build step and the runtime copies what it writes (the folder
it names, the app's folder, or only its own folders under the home: data/commands.json's app_commands), a
configuration is repeated, or the reason names the real cause."""

from __future__ import annotations

import pytest
from conftest import skip_reason, stages

NODE = "FROM node:18\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\n{run}CMD [\"node\", \"server.js\"]\n"
PYTHON = "FROM python:3.11\nWORKDIR /app\nCOPY . .\n{run}CMD [\"python\", \"app.py\"]\n"
RUBY = ("FROM ruby:3.2\nWORKDIR /app\nCOPY Gemfile Gemfile.lock ./\nRUN bundle install\nCOPY . .\n{run}"
        "CMD [\"bundle\", \"exec\", \"puma\"]\n")
DEBIAN = ("FROM python:3.11\nRUN apt-get update && apt-get install -y libpq-dev && rm -rf /var/lib/apt/lists/*\n"
          "WORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n{run}CMD [\"python\", \"app.py\"]\n")


@pytest.mark.parametrize(("base", "run", "copied"), [
    # writes the folder it names, or the folder it runs in (app)
    (NODE, "RUN meteor build --directory /opt/dist --server-only\n", "/opt/dist"),
    (NODE, "RUN meteor npm install --production\n", "/app"),
    (NODE, "RUN mrt install\n", "/root/.meteorite"),
    (NODE, "RUN haraka -i /srv/haraka\n", "/srv/haraka"),
    (NODE, "RUN bootprint openapi swagger.yaml docs\n", "/app"),
    (PYTHON, "RUN vcs import src < deps.repos\n", "/app"),
    # writes only its own folders under the home (own)
    (NODE, "RUN helm init --client-only --skip-refresh\n", "/root/.helm"),
    (PYTHON, "RUN aws configure set default.region eu-west-1\n", "/root/.aws"),
    (RUBY, "RUN bundle-audit update\n", "/root/.local/share/ruby-advisory-db"),
    (PYTHON, "RUN sa-update\n", "/var/lib/spamassassin"),
    # pip's distributions, a virtual environment made with pyvenv, rake's tmp tasks, a .deb's files put in place
    (PYTHON, "RUN pip wheel --wheel-dir=/wheels -r requirements.txt\n", "/wheels"),
    (PYTHON, "RUN pip download -d /pkgs -r requirements.txt\n", "/pkgs"),
    (PYTHON, "RUN pyvenv /ve/std && /ve/std/bin/pip install -r requirements.txt\n", "/ve/std"),
    (RUBY, "RUN bundle exec rake tmp:cache:clear\n", "/app"),
    (RUBY, "RUN bundle exec rails webpacker:install\n", "/app"),
    (PYTHON, "RUN curl -L -o /tmp/d.deb https://example.com/d.deb && dpkg -x /tmp/d.deb /tmp/d "
             "&& mv /tmp/d/usr/bin/docker /usr/local/bin/docker && rm -rf /tmp/d\n", "/usr/local/bin/docker"),
    # a command the file links into PATH is the program it links to (the venv's pip)
    (PYTHON, "RUN python -m venv /opt/app && ln -s /opt/app/bin/pip /usr/local/bin/app-pip\n"
             "RUN app-pip install -r requirements.txt\n", "/opt/app"),
])
def test_what_the_command_writes_is_copied(base: str, run: str, copied: str) -> None:
    builder, runtime = stages(base.format(run=run))
    assert run.splitlines()[-1] in builder
    assert f"COPY --from=builder {copied} {copied}" in runtime
    assert run.splitlines()[-1].removeprefix("RUN ") not in runtime


def test_an_own_folder_entry_copies_only_its_folders() -> None:
    _, runtime = stages(NODE.format(run="RUN helm init --client-only\n"))
    assert "COPY --from=builder /app /app" not in runtime and "COPY --from=builder /root/.helm /root/.helm" in runtime


@pytest.mark.parametrize("run", [
    "RUN rustup component add rust-src\n",  # the toolchain: the builder's alone
    "RUN cargo new --bin app\n",  # a project's skeleton the build reads
    "RUN cfn-lint --update-specs\n",  # data inside an installed package, which its copy carries
    "RUN eval `ssh-agent -s` && ssh-add /root/.ssh/id_rsa\n",  # an agent for the RUN only
    "RUN make -j$(nproc || 1) -v\n",  # `1`: no command, it changes nothing
    "RUN V=$(curl -sS https://example.com/LATEST) && echo $V\n",  # curl prints into a value
])
def test_a_command_of_the_build_alone_stays_in_the_builder(run: str) -> None:
    builder, runtime = stages(DEBIAN.format(run=run))
    assert run.strip() in builder and run.strip().removeprefix("RUN ") not in runtime


def test_perl_in_place_edits_are_repeated_like_sed() -> None:
    run = "RUN perl -p -i -e 's/^#Port .*/Port 2222/g' /etc/ssh/sshd_config\n"
    _, runtime = stages(DEBIAN.format(run=run))
    assert run in runtime


def test_dpkg_remove_is_a_removal_of_the_packages_named() -> None:
    run = "RUN dpkg --remove libpq-dev\n"
    builder, runtime = stages(DEBIAN.format(run=run))
    assert run in builder and "dpkg" not in runtime and "libpq-dev" not in runtime


def test_setup_into_a_folder_made_after_the_copies_follows_it() -> None:
    text = ("FROM python:3.11\nRUN mkdir -p /opt/venv /etc/app && python -m venv /opt/venv\n"
            "RUN /opt/venv/bin/pip install flask && ln -s /opt/venv/share/app.ini /etc/app/app.ini\n"
            "CMD [\"/opt/venv/bin/flask\", \"run\"]\n")
    _, runtime = stages(text)
    assert runtime.index("mkdir -p /opt/venv /etc/app") < runtime.index("ln -s /opt/venv/share/app.ini")


@pytest.mark.parametrize(("base", "run", "why"), [
    (PYTHON, "RUN mkvirtualenv app && workon app && pip install -r requirements.txt\n",
     "`mkvirtualenv` is virtualenvwrapper's"),
    (PYTHON, "RUN pip install poetry && poetry install\n", "under its cache folder (~/.cache/pypoetry/virtualenvs)"),
    (PYTHON, "RUN eval \"$(pyenv init -)\" && pyenv install 3.6.4\n", "`pyenv` installs or selects a Python"),
    (PYTHON, "RUN eval \"$(./configure.sh --print-env)\"\n", "runs the shell code `configure.sh` prints"),
    (PYTHON, "RUN sh -c 'echo \"x '$DISTRO'\" > /etc/x-'$DISTRO'.list'\n", "runs a script made at build time"),
    (PYTHON, "RUN perl -Mlocal::lib >> /root/.profile\n", "runs perl code given on its command line"),
    ("FROM node:18\nRUN __DEPENDENCIES__\n{run}CMD [\"node\"]\n", "", "a template's placeholder"),
    (PYTHON, "RUN cp -r $(go env GOPATH)/src/x/templates .\n", "what a command prints at build time"),
    (PYTHON, "RUN site=$(cat /etc/site-path) && cp lib.so ${site}/x/\n",
     "names its files with $site, which the RUN sets"),
    ("FROM nginx:alpine\nRUN cd /usr/src && wget http://nginx.org/download/nginx-$NGINX_VERSION.tar.gz\n{run}"
     "CMD [\"nginx\"]\n", "", "saves the file under the name the URL ends with"),
    (PYTHON, "RUN ant -f build.xml jar\n", "`ant` is Apache Ant"),
    (PYTHON, "RUN nvim -c PlugInstall -c quitall\n", "runs the editor at build time"),
    (PYTHON, "RUN 7z x /vbox.dmg\n", "the tool reads what tar and unzip unpack, not 7-Zip"),
    (NODE, "RUN nativefier https://example.com /tmp/app\n", "`nativefier` packages a web site"),
    (NODE, "RUN helm plugin install https://github.com/x/y\n", "which of them is not known"),
    (NODE, "RUN npm install -g pm2 && pm2 dump\n", "starts pm2's daemon"),
    (PYTHON, "RUN lsup-admin bootstrap\n", "it changes a database at build time"),
    (NODE, "RUN npm install -g couchapp && npm link couchapp\n", "links a package through npm's global folder"),
    (PYTHON, "RUN python manage.py bower_install\n", "is django-bower's"),
    (PYTHON, "RUN localshop collectstatic\n", "or the project's manage.py under another name"),
    ("FROM ruby:3.2\n{run}CMD [\"nginx\"]\n", "RUN exec passenger-install-nginx-module --auto\n",
     "`passenger-install-nginx-module` downloads and compiles nginx"),
    (PYTHON, "RUN mpirun -np 4 /app/build/test/testexe\n", "runs /app/build/test/testexe, a program"),
    ("FROM node:18\nUSER 1000\n{run}CMD [\"node\"]\n", "RUN mrt install\n", "the home folder of the user it runs as"),
    ("FROM mcr.microsoft.com/windows/servercore:1809\nSHELL [\"powershell\", \"-Command\"]\n{run}CMD [\"x\"]\n",
     "RUN Invoke-WebRequest -OutFile x.zip https://example.com/x.zip\n", "runs it with powershell"),
])
def test_what_cannot_be_placed_names_its_cause(base: str, run: str, why: str) -> None:
    reason = skip_reason(base.format(run=run))
    assert why in reason and "not understood" not in reason
