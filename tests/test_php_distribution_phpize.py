"""An extension phpize builds for a distribution's PHP (the stage installed php5-dev, php-dev, php8.2-dev) goes to
that PHP's extension folder, not the official php image's /usr/local/lib/php/extensions, which the runtime's COPY
then did not find (kubernetes/examples' _archived/phabricator: ubuntu:14.04, php5-dev, `phpize && ./configure &&
make && sudo make install` of pcntl). Debian's and Ubuntu's PHP 7 and later: /usr/lib/php; their php5: /usr/lib/php5;
another distribution's (php-devel): not known, the file is left alone."""

from __future__ import annotations

from conftest import skip_reason

from transformer import refactor

BUILD = "COPY ext /src/ext\nRUN cd /src/ext && phpize && ./configure --enable-hello && make && make install\n"
CMD = 'CMD ["php", "-r", "echo hello();"]\n'


def test_debian_php_dev_copies_its_extension_folder() -> None:
    text = "FROM debian:bookworm\nRUN apt-get update && apt-get install -y php-dev php-cli\n" + BUILD + CMD
    assert refactor(text).text == (
        "FROM debian:bookworm AS builder\nRUN apt-get update && apt-get install -y php-dev php-cli\n" + BUILD
        + "\nFROM debian:bookworm-slim AS runner\n"
        "RUN apt-get update && apt-get install -y --no-install-recommends php-cli && rm -rf /var/lib/apt/lists/*\n"
        "COPY ext /src/ext\nCOPY --from=builder /usr/lib/php /usr/lib/php\n" + CMD)


def test_php5_dev_copies_php5s_extension_folder() -> None:
    text = ("FROM ubuntu:14.04\nRUN apt-get update && apt-get -y install apache2 php5 php5-dev php5-cli\n"
            "RUN apt-get source php5 && (cd `ls -1F | grep '^php5-.*/$'`/ext/pcntl && phpize && ./configure "
            "&& make && sudo make install)\nCMD [\"apache2ctl\", \"-D\", \"FOREGROUND\"]\n")
    out = refactor(text).text
    assert "COPY --from=builder /usr/lib/php5 /usr/lib/php5\n" in out, out
    assert "/usr/local/lib/php/extensions" not in out, out


def test_the_official_image_keeps_its_extension_folder() -> None:
    text = "FROM php:8.2-cli\nRUN apt-get update && apt-get install -y gcc make\n" + BUILD + CMD
    assert "COPY --from=builder /usr/local/lib/php/extensions /usr/local/lib/php/extensions\n" in refactor(text).text


def test_another_distributions_php_is_left_alone() -> None:
    text = "FROM centos:7\nRUN yum install -y php-devel php-cli gcc make\n" + BUILD + CMD
    assert skip_reason(text) == ("RUN at line 4: `make install` installs the extension phpize prepared into the "
                                 "extension folder of the distribution's PHP (`php-config --extension-dir`), which "
                                 "the tool knows only for Debian's and Ubuntu's")
