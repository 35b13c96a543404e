"""A RUN that builds and, after a `cd` into a folder the base image has (``cd /etc/php7 && ... | tee
conf.d/99-overrides.ini``), sets up what the runtime needs: when the runtime is the builder's image and installs
every package the file does, and nothing in the file made that folder, the runtime repeats the `cd` with the
setup. A folder a build output, COPY or WORKDIR is (or lies below), or a runtime that lacks a package of the
file, still leaves the RUN alone (the `cd` could fail there).
"""

from __future__ import annotations

import pytest
from conftest import runner_stage, skip_reason

BASE_FOLDER = """\
FROM hyperf/hyperf:7.2-alpine-cli
ENV TIMEZONE=Asia/Shanghai
RUN set -ex \\
    && cd /tmp \\
    && wget https://github.com/composer/composer/releases/download/1.8.6/composer.phar \\
    && chmod u+x composer.phar \\
    && mv composer.phar /usr/local/bin/composer \\
    && cd /etc/php7 \\
    && echo "memory_limit=1024M" | tee conf.d/99-overrides.ini \\
    && ln -sf /usr/share/zoneinfo/${TIMEZONE} /etc/localtime
COPY . /opt/www
WORKDIR /opt/www
RUN composer install --no-dev
ENTRYPOINT ["php", "/opt/www/bin/hyperf.php", "start"]
"""

_CD_SKIP = "it builds and also sets up the environment after a `cd`; the runtime cannot repeat just that part"


def test_setup_after_a_cd_into_a_folder_of_the_base_image_is_repeated_there() -> None:
    runtime = runner_stage(BASE_FOLDER)
    assert runtime.startswith("FROM hyperf/hyperf:7.2-alpine-cli AS runner\n"), runtime
    assert ("RUN set -ex \\\n    && cd /etc/php7 \\\n"
            '    && echo "memory_limit=1024M" | tee conf.d/99-overrides.ini \\\n'
            "    && ln -sf /usr/share/zoneinfo/${TIMEZONE} /etc/localtime\n") in runtime, runtime
    assert "composer.phar" not in runtime and "wget" not in runtime, runtime
    assert "COPY --from=builder /opt/www /opt/www" in runtime, runtime


@pytest.mark.parametrize("made", ["COPY php7 /opt/php7\n",
                                  "RUN mkdir -p /opt/php7 \\\n"
                                  " && wget -qO- https://example.com/php7.tar.gz | tar xz -C /opt/php7\n"])
def test_a_folder_the_file_makes_keeps_the_run_alone(made: str) -> None:
    text = BASE_FOLDER.replace("/etc/php7", "/opt/php7")
    assert "    && cd /opt/php7 \\\n" in runner_stage(text)  # the image's own /opt/php7: the runtime repeats the cd
    text = text.replace("ENV TIMEZONE=Asia/Shanghai\n", "ENV TIMEZONE=Asia/Shanghai\n" + made)
    assert _CD_SKIP in skip_reason(text)


def test_a_runtime_without_a_package_of_the_file_keeps_the_run_alone() -> None:
    # the folder could be the package's (a -dev package's, left in the builder)
    text = BASE_FOLDER.replace("    && cd /tmp \\\n", "    && apk add --no-cache --virtual .build gcc musl-dev \\\n"
                               "    && cd /tmp \\\n")
    text = text.replace("RUN composer install --no-dev\n", "RUN composer install --no-dev && apk del .build\n")
    assert _CD_SKIP in skip_reason(text)
