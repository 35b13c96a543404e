"""Known installers of version managers and run-time tools (data/commands.json's ``installers``): nvm's install script
puts nvm into a folder of its own ($NVM_DIR, ~/.nvm), whose `nvm install` Node.js versions stay in the builder with
it; the runtime copies what the build made with them, unless the program needs that folder (it runs node, loads
nvm.sh, runs a script the tool cannot read, or an ENV names a path there), then the file is left alone and the
reason says so. RVM's, rbenv's and SDKMAN's installers are read the same way; Heroku's CLI installer is a tool the
runtime installs again."""

from __future__ import annotations

import pytest
from conftest import runner_stage, skip_reason, stages

NVM = "https://raw.githubusercontent.com/nvm-sh/nvm/v0.39.7/install.sh"
SITE = ("FROM ubuntu:22.04\n"
        "RUN apt-get update && apt-get install -y nginx curl\n"
        f"RUN curl -o- {NVM} | bash\n"
        "RUN . /root/.nvm/nvm.sh && nvm install 18\n"
        "RUN . /root/.nvm/nvm.sh && nvm use 18 && npm install gulpjs/gulp-cli#4.0 bower -g\n"
        "COPY . /tmp/build\n"
        "RUN . /root/.nvm/nvm.sh && nvm use 18 && cd /tmp/build && npm install && gulp production\n"
        "RUN rm -f /var/www && mv /tmp/build/dist /var/www\n"
        'CMD ["nginx", "-g", "daemon off;"]\n')
PY_UI = ("FROM python:3.11\n"
         f"RUN curl -o- {NVM} | bash\n"
         'ENV NVM_DIR="/root/.nvm"\n'
         'RUN . "$NVM_DIR/nvm.sh" && nvm install 18 && nvm alias default 18\n'
         "WORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n"
         'RUN . "$NVM_DIR/nvm.sh" && npm ci && npm run build\n'
         "{tail}")


def test_a_static_site_nvm_builds_is_served_without_nvm() -> None:
    builder, runtime = stages(SITE)
    assert "nvm install 18" in builder and "gulp production" in builder
    assert "nvm" not in runtime and "npm" not in runtime and "gulp" not in runtime
    # `rm -f /var/www` leaves no folder there: the built dist/ becomes /var/www itself
    assert "COPY --from=builder /var/www /var/www\n" in runtime, runtime


def test_the_ui_of_a_python_app_nvm_builds_is_copied_with_the_app() -> None:
    builder, runtime = stages(PY_UI.format(tail='CMD ["python", "app.py"]\n'))
    assert "nvm" not in runtime.replace('ENV NVM_DIR="/root/.nvm"', "")
    assert "COPY --from=builder /app /app" in runtime
    assert "npm prune" not in builder  # nvm's npm is on no PATH of a RUN the builder adds


@pytest.mark.parametrize(("tail", "why"), [
    ('CMD ["node", "server.js"]\n', "but the program runs `node`, which the runtime would not have"),
    ('CMD . /root/.nvm/nvm.sh && npm start\n', "but the program runs `npm`"),
    ('CMD ["/bin/bash", "-c", ". $NVM_DIR/nvm.sh; python app.py"]\n', "but the program loads a file into its shell"),
    ('ENTRYPOINT ["./docker-entrypoint.sh"]\n', "but the program runs ./docker-entrypoint.sh, which the tool cannot "
                                                "read (it is not in the build context)"),
    ('ENV PATH=/root/.nvm/versions/node/v18.19.0/bin:$PATH\nCMD ["python", "app.py"]\n',
     "sets PATH to /root/.nvm/versions/node/v18.19.0/bin, in the folder of the nvm the stage installs (/root/.nvm)"),
])
def test_a_program_that_needs_the_node_of_nvm_is_left_alone(tail: str, why: str) -> None:
    assert why in skip_reason(PY_UI.format(tail=tail))


def test_a_global_package_the_program_may_run_is_not_installed_into_the_node_of_nvm() -> None:
    text = PY_UI.format(tail='CMD ["python", "app.py"]\n').replace("npm ci && ", "npm install -g pm2 && npm ci && ")
    assert "`npm` installs pm2 globally into the Node.js of the nvm the stage installed (/root/.nvm), which stays " \
           "in the builder" in skip_reason(text)


def test_nvm_the_file_did_not_install_with_its_known_installer_stays_unknown() -> None:
    text = PY_UI.format(tail='CMD ["python", "app.py"]\n').replace(
        f"RUN curl -o- {NVM} | bash\n", "RUN git clone https://github.com/nvm-sh/nvm.git /root/.nvm\n")
    assert "`nvm` installs or selects a Node.js version under ~/.nvm" in skip_reason(text)


@pytest.mark.parametrize(("run", "cmd", "why"), [
    ("curl -sSL https://get.rvm.io | bash -s stable", 'CMD ["bash", "--login"]',
     "installs RVM, Ruby's version manager, into a folder of its own that login shells load, a build tool: the Rubies "
     "`rvm install` builds there, and their gems, stay in the builder, but the program starts a login shell, which "
     "loads it, which needs its folder (/usr/local/rvm)"),
    ("curl -L get.rvm.io | bash -s stable", 'CMD bash --login -c "bundle exec rails s"',
     "the script from get.rvm.io installs RVM"),
    ('curl -s "https://get.sdkman.io" | bash', 'CMD ["./gradlew", "run"]',
     "but the program runs ./gradlew, which the tool cannot read"),
    # a shell's operand is a script whatever its name, and a wrapper runs the command after it
    ('curl -s "https://get.sdkman.io" | bash', 'CMD ["bash", "bin/serve"]',
     "but the program runs bin/serve, which the tool cannot read"),
    ('curl -s "https://get.sdkman.io" | bash', 'CMD ["tini", "--", "./start.bash"]',
     "but the program runs ./start.bash, which the tool cannot read"),
])
def test_a_ruby_or_jvm_version_manager_the_program_needs_is_named_as_the_cause(run: str, cmd: str, why: str) -> None:
    assert why in skip_reason(f"FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl\nRUN {run}\n"
                              f"COPY . /app\nWORKDIR /app\n{cmd}\n")


def test_a_version_manager_the_build_only_installs_stays_in_the_builder() -> None:
    text = ("FROM python:3.11\nRUN curl -sSL https://get.rvm.io | bash -s stable\n"
            "WORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nCMD [\"python\", \"app.py\"]\n")
    builder, runtime = stages(text)
    assert "get.rvm.io" in builder and "rvm" not in runtime


@pytest.mark.parametrize("url", ["https://toolbelt.heroku.com/install.sh", "https://cli-assets.heroku.com/install.sh"])
def test_the_heroku_cli_is_installed_again_by_the_runtime(url: str) -> None:
    runner = runner_stage("FROM ruby:3.2\nRUN apt-get update && apt-get install -y sudo curl\n"
                          f"RUN curl {url} | sh\nWORKDIR /app\nCOPY Gemfile Gemfile.lock ./\nRUN bundle install\n"
                          "COPY . .\nCMD [\"bundle\", \"exec\", \"puma\"]\n")
    assert f"RUN curl {url} | sh\n" in runner and "sudo" in runner and "curl" in runner


def test_a_download_decompressed_into_a_file_is_copied() -> None:
    runner = runner_stage("FROM python:3.11\nWORKDIR /app\n"
                          "RUN curl https://example.com/GeoLite2-City.mmdb.gz | gunzip -c > GeoLite2-City.mmdb\n"
                          "COPY . .\nRUN pip install -r requirements.txt\nCMD [\"python\", \"app.py\"]\n")
    assert "COPY --from=builder /app/GeoLite2-City.mmdb /app/GeoLite2-City.mmdb\n" in runner, runner
    assert "gunzip" not in runner and "curl" not in runner
