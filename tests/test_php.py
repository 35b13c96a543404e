"""PHP as real Dockerfiles write it: extensions built on the official image, Composer, framework tasks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import context_of
from conftest import skip_reason as _skipped

from transformer import refactor
from transformer.fileio import context_reader


def _runner(text: str, context: Path | None = None) -> str:
    """The runtime stage, its FROM line included."""
    result = refactor(text, read_context=context_reader(str(context) if context else None))
    assert result.changed, result.skipped
    before, after = result.text.split(" AS runner\n", 1)
    return before.rsplit("\n", 1)[1] + " AS runner\n" + after


def _reasons(text: str, context: Path | None = None) -> list[str]:
    return [c.message for c in refactor(text, read_context=context_reader(str(context) if context else None)).changes]


# a PHP extension built after the FROM: the runtime leaves the build-only libzip-dev out, a gain of its own (a file
# whose only gain would be Composer and its download cache is left alone: test_composer_alone_is_nothing_to_gain)
EXT = "RUN apt-get update && apt-get install -y libzip-dev && docker-php-ext-install zip\n"


def _gain(text: str) -> str:
    first, rest = text.split("\n", 1)
    return f"{first}\n{EXT}{rest}"




APACHE_APP = """\
FROM php:8.2-apache

RUN apt-get update && apt-get install -y \\
        git \\
        unzip \\
        libpng-dev \\
        libzip-dev \\
        libicu-dev \\
    && docker-php-ext-configure gd \\
    && docker-php-ext-install -j$(nproc) gd zip intl pdo_mysql \\
    && rm -rf /var/lib/apt/lists/*

RUN a2enmod rewrite \\
    && sed -i 's/memory_limit = 128M/memory_limit = 512M/' "$PHP_INI_DIR/php.ini-production" \\
    && cp "$PHP_INI_DIR/php.ini-production" "$PHP_INI_DIR/php.ini"

RUN curl -sS https://getcomposer.org/installer | php -- --install-dir=/usr/local/bin --filename=composer

WORKDIR /var/www/html
COPY . .
RUN composer install --no-dev --optimize-autoloader --no-interaction

CMD ["apache2-foreground"]
"""


def test_extensions_are_copied_and_their_headers_stay_in_the_builder() -> None:
    out = _runner(APACHE_APP)
    assert out.startswith("FROM php:8.2-apache AS runner\n")  # php has no slim image: the same one
    assert "COPY --from=builder /usr/local/lib/php/extensions /usr/local/lib/php/extensions\n" in out
    assert "COPY --from=builder /usr/local/etc/php/conf.d /usr/local/etc/php/conf.d\n" in out
    # php:8 is Debian trixie: the libraries of that release
    assert all(f"        {lib} \\\n" in out for lib in ("libpng16-16t64", "libzip5", "libicu76"))
    assert "-dev" not in out and "docker-php-ext" not in out


def test_composer_and_the_tools_only_it_uses_stay_in_the_builder() -> None:
    out = _runner(APACHE_APP)
    assert "composer" not in out and "getcomposer" not in out
    assert "git" not in out and "unzip" not in out
    reasons = _reasons(APACHE_APP)
    assert any("left git, unzip in the builder: only Composer uses them" in r for r in reasons)
    assert any("Composer is a build tool" in r for r in reasons)


def test_without_composer_json_the_whole_app_folder_comes_along() -> None:
    out = _runner(APACHE_APP)
    assert "COPY --from=builder /var/www/html /var/www/html\n" in out
    assert "\nCOPY . .\n" not in out  # the copied folder holds the sources
    assert any("composer.json is not in the build context" in r for r in _reasons(APACHE_APP))


def test_apache_modules_and_php_ini_are_set_up_again() -> None:
    out = _runner(APACHE_APP)
    assert "a2enmod rewrite" in out
    assert 'cp "$PHP_INI_DIR/php.ini-production" "$PHP_INI_DIR/php.ini"' in out
    assert "memory_limit = 512M" in out


def test_composer_json_without_scripts_copies_vendor_only(tmp_path: Path) -> None:
    (tmp_path / "composer.json").write_text(json.dumps({"require": {"monolog/monolog": "^3.0"}}))
    text = _gain("FROM php:8.3-cli\nCOPY --from=composer:2 /usr/bin/composer /usr/bin/composer\nWORKDIR /app\n"
                 "COPY . .\nRUN composer install --no-dev\nCMD [\"php\", \"bin/run.php\"]\n")
    out = _runner(text, tmp_path)
    assert "COPY --from=builder /app/vendor /app/vendor\n" in out
    assert "\nCOPY . .\n" in out  # the sources come from the context, vendor/ from the builder


def test_a_vendor_dir_set_in_composer_json_is_the_one_copied(tmp_path: Path) -> None:
    (tmp_path / "composer.json").write_text(json.dumps({"config": {"vendor-dir": "lib/vendor"}}))
    text = _gain("FROM php:8.3-cli\nWORKDIR /app\nCOPY . .\nRUN composer install\nCMD [\"php\", \"run.php\"]\n")
    assert "COPY --from=builder /app/lib/vendor /app/lib/vendor\n" in _runner(text, tmp_path)


def test_install_scripts_bring_the_whole_app_folder(tmp_path: Path) -> None:
    (tmp_path / "composer.json").write_text(json.dumps(
        {"scripts": {"post-autoload-dump": ["@php artisan package:discover --ansi"]}}))
    text = _gain("FROM php:8.3-fpm\nWORKDIR /var/www\nCOPY . .\nRUN composer install --no-dev\n"
                 "RUN php artisan config:cache && php artisan route:cache\nCMD [\"php-fpm\"]\n")
    out = _runner(text, tmp_path)
    assert "COPY --from=builder /var/www /var/www\n" in out
    # the framework's caches, written into the app folder the runtime copies whole, come along with it: the
    # runtime does not run the tasks again (dev 11d0f132: a repeated cache:warmup kept its `chown -R` recursive)
    assert "artisan" not in out
    assert any("runs scripts on install (post-autoload-dump)" in r for r in _reasons(text, tmp_path))
    only_vendor = _runner(text.replace("install --no-dev", "install --no-dev --no-scripts"), tmp_path)
    assert only_vendor.count("COPY --from=builder /var/www/vendor /var/www/vendor\n") == 1
    # the caches of an app whose folder is not copied whole are made again once its packages are copied
    assert only_vendor.index("COPY --from=builder /var/www/vendor") < only_vendor.index("php artisan config:cache")


def test_installer_paths_bring_the_whole_app_folder(tmp_path: Path) -> None:
    (tmp_path / "composer.json").write_text(json.dumps(
        {"require": {"composer/installers": "^2"}, "extra": {"installer-paths": {"web/modules/{$name}": []}}}))
    text = _gain("FROM php:8.3-apache\nWORKDIR /app\nCOPY . .\nRUN composer install\nCMD [\"apache2-foreground\"]\n")
    assert "COPY --from=builder /app /app\n" in _runner(text, tmp_path)


@pytest.mark.parametrize(("task", "shown", "config"), [
    ("php artisan migrate --force", "php artisan migrate", "the app's configuration names (Laravel's .env"),
    ("vendor/bin/phinx migrate", "phinx migrate", "phinx.yml names"),
])
def test_a_database_change_at_build_time_stays_in_the_builder(task: str, shown: str, config: str) -> None:
    """Before: skipped, "changes a database at build time". The frameworks keep a SQLite database in the app's
    folder, which the runtime copies whole (a server is changed by the builder as by the original build): the task
    stays in the builder, with the assumption in a note."""
    text = _gain(f"FROM php:8.2-fpm\nWORKDIR /var/www\nCOPY . .\nRUN composer install && {task}\nCMD [\"php-fpm\"]\n")
    result = refactor(text)
    assert result.changed, result.skipped
    runtime = result.text.partition(" AS runner\n")[2]
    assert "migrate" not in runtime and "COPY --from=builder /var/www /var/www\n" in runtime
    assert any(f"assumed: `{shown}` changes the database {config}" in str(c) for c in result.changes)


@pytest.mark.parametrize("env", [
    "ENV DB_CONNECTION=sqlite DB_DATABASE=/var/lib/app/database.sqlite\n",  # adv-s38 1b: `no such table`
    "ENV DATABASE_URL=sqlite:////var/lib/app/data.db\n",  # 1c
])
def test_a_variable_that_places_the_database_elsewhere_is_the_cause(env: str) -> None:
    text = _gain(f"FROM php:8.2-fpm\n{env}WORKDIR /var/www\nCOPY . .\n"
                 "RUN composer install && php artisan migrate --force\nCMD [\"php-fpm\"]\n")
    assert "changes a database at build time" in _skipped(text)
    server = text.replace(env, "ENV DB_CONNECTION=sqlite DB_HOST=db DATABASE_URL=mysql://db/app\n")
    assert refactor(server).changed  # a server's URL, and Laravel's own default file: in the builder


def test_a_database_change_whose_place_is_not_shown_is_named() -> None:
    """Run from another folder than the one the runtime copies, or with a SQLite file named outside the app."""
    text = ("FROM php:8.2-fpm\nWORKDIR /var/www\nCOPY . /srv/app\nRUN cd /srv/app && composer install\n"
            "RUN php /srv/app/artisan migrate --force\nCMD [\"php-fpm\"]\n")
    assert "`php artisan migrate` changes a database at build time: the one the app's configuration names " \
           "(Laravel's .env, Symfony's DATABASE_URL), which the tool does not read" in _skipped(text)
    phinx = ("FROM php:8.2-fpm\nWORKDIR /var/www\nCOPY . .\nRUN composer install\n"
             "RUN rm -f /var/lib/app.db && vendor/bin/phinx migrate\nCMD [\"php-fpm\"]\n")
    assert "`phinx migrate` changes a database at build time: the one phinx.yml names" in _skipped(phinx)


def test_pecl_extensions_and_their_settings_come_from_the_builder() -> None:
    text = ("FROM php:8.2-fpm\nRUN apt-get update && apt-get install -y libmemcached-dev zlib1g-dev "
            "&& pecl install memcached xdebug && docker-php-ext-enable memcached xdebug "
            "&& echo 'xdebug.mode=debug' >> /usr/local/etc/php/conf.d/docker-php-ext-xdebug.ini "
            "&& echo 'extension=memcached.so' >> \"$PHP_INI_DIR/conf.d/memcached.ini\"\n"
            "COPY . /var/www/html\nCMD [\"php-fpm\"]\n")
    out = _runner(text)
    assert "COPY --from=builder /usr/local/etc/php/conf.d /usr/local/etc/php/conf.d\n" in out
    # written into the copied folder in the builder: not appended a second time
    assert "xdebug.mode" not in out and "extension=memcached.so" not in out
    assert "libmemcached11t64 libmemcachedutil2t64" in out


def test_an_extension_built_with_phpize_copies_the_extension_folder_only() -> None:
    text = ("FROM php:8.2-cli\nRUN apt-get update && apt-get install -y git librdkafka-dev "
            "&& git clone --depth 1 https://github.com/arnaud-lb/php-rdkafka.git /tmp/rdkafka "
            "&& cd /tmp/rdkafka && phpize && ./configure && make -j$(nproc) && make install "
            "&& docker-php-ext-enable rdkafka && rm -rf /tmp/rdkafka\n"
            "COPY consumer.php /app/\nCMD [\"php\", \"/app/consumer.php\"]\n")
    out = _runner(text)
    assert "COPY --from=builder /usr/local/lib/php/extensions /usr/local/lib/php/extensions\n" in out
    assert "COPY --from=builder /usr/local /usr/local" not in out
    assert "librdkafka1" in out and "librdkafka-dev" not in out


def test_alpine_build_dependencies_stay_in_the_builder() -> None:
    text = ("FROM php:8.2-fpm-alpine\nRUN apk add --no-cache autoconf g++ make libpng-dev libzip-dev "
            "&& docker-php-ext-install gd zip\nWORKDIR /var/www\nCOPY . .\nCMD [\"php-fpm\"]\n")
    removed = text.replace("apk add --no-cache", "apk add --no-cache --virtual .build-deps").replace(
        "gd zip\n", "gd zip && apk del .build-deps\n")
    assert "nothing to gain" in _skipped(removed)  # the original already removes them in the same layer
    out = _runner(text)
    assert out.startswith("FROM php:8.2-fpm-alpine AS runner\n")
    assert "apk add --no-cache libstdc++ libpng libzip" in out  # g++ named: a C++ extension would link libstdc++
    assert "g++" not in out and "libpng-dev" not in out


def test_phpunit_runs_in_the_test_stage() -> None:
    text = _gain("FROM php:8.3-cli\nWORKDIR /app\nCOPY . .\nRUN composer install\nRUN vendor/bin/phpunit\n"
                 "CMD [\"php\", \"app.php\"]\n")
    result = refactor(text)
    assert "FROM builder AS test\nRUN vendor/bin/phpunit\n" in result.text
    assert "phpunit" not in result.text.split(" AS runner\n", 1)[1]


def test_composer_installed_for_run_time_is_copied_to_the_runtime() -> None:
    text = ("FROM php:8.2-cli\nRUN apt-get update && apt-get install -y libzip-dev && docker-php-ext-install zip\n"
            "RUN curl -sS https://getcomposer.org/installer | php -- --install-dir=/usr/local/bin --filename=composer\n"
            "COPY entrypoint.sh /entrypoint.sh\nENTRYPOINT [\"/entrypoint.sh\"]\n")
    assert _runner(text) == """\
FROM php:8.2-cli AS runner
RUN apt-get update && apt-get install -y --no-install-recommends libzip5 && rm -rf /var/lib/apt/lists/*
COPY --from=builder /usr/local/lib/php/extensions /usr/local/lib/php/extensions
COPY --from=builder /usr/local/etc/php/conf.d /usr/local/etc/php/conf.d
COPY --from=builder /usr/local/bin/composer /usr/local/bin/composer
COPY entrypoint.sh /entrypoint.sh
ENTRYPOINT ["/entrypoint.sh"]
"""
    moved = text.replace("php -- --install-dir=/usr/local/bin --filename=composer",
                         "php && mv composer.phar /usr/bin/composer")
    assert "COPY --from=builder /usr/bin/composer /usr/bin/composer\n" in _runner(moved)
    phar = text.replace("php -- --install-dir=/usr/local/bin --filename=composer", "php -- --install-dir=/opt")
    assert "COPY --from=builder /opt/composer.phar /opt/composer.phar\n" in _runner(phar)
    linked = text.replace("--filename=composer", "&& ln -s /usr/local/bin/composer.phar /usr/bin/composer")
    assert "installs Composer but runs no composer command" in _skipped(linked)  # a link: where is not followed
    plugin_only = text.replace("COPY entrypoint.sh",
                               "RUN composer global require hirak/prestissimo\nCOPY entrypoint.sh")
    assert "`composer global require hirak/prestissimo` changes Composer itself or its home" in _skipped(plugin_only)
    run_it = text.replace("COPY entrypoint.sh /entrypoint.sh\nENTRYPOINT [\"/entrypoint.sh\"]\n",
                          "WORKDIR /app\nCOPY . .\nRUN composer install\nCMD [\"composer\", \"start\"]\n")
    assert "COPY --from=builder /usr/local/bin/composer /usr/local/bin/composer\n" in _runner(run_it)


def test_composer_copied_from_its_image_for_run_time_is_copied_to_the_runtime() -> None:
    # a Laravel dev image (the app is mounted; the users run composer in it): COPY --from=composer is how most files
    # install Composer, and the runtime lost /usr/bin/composer while keeping git, unzip and zip for it
    text = ("FROM php:8.1-fpm\nRUN apt-get update && apt-get install -y git unzip libzip-dev zip "
            "&& docker-php-ext-install zip\nCOPY --from=composer:latest /usr/bin/composer /usr/bin/composer\n")
    out = _runner(text)
    assert out.endswith("COPY --from=builder /usr/bin/composer /usr/bin/composer\n")
    assert "git" in out and "unzip" in out
    into_folder = text.replace("/usr/bin/composer /usr/bin/composer", "/usr/bin/composer /usr/local/bin/")
    assert "COPY --from=builder /usr/local/bin/composer /usr/local/bin/composer\n" in _runner(into_folder)
    bin_image = text.replace("composer:latest /usr/bin/composer", "composer/composer:2-bin /composer")
    assert "COPY --from=builder /usr/bin/composer /usr/bin/composer\n" in _runner(bin_image)
    run_it = text + "WORKDIR /app\nCOPY . .\nRUN composer install\nCMD [\"composer\", \"start\"]\n"
    assert "COPY --from=builder /usr/bin/composer /usr/bin/composer\n" in _runner(run_it)
    installs = text + "WORKDIR /app\nCOPY . .\nRUN composer install\nCMD [\"php\", \"app.php\"]\n"
    assert "composer" not in _runner(installs)  # a build tool when the file runs it: it stays in the builder


def test_the_composer_phar_dance_stays_in_the_builder() -> None:
    text = _gain("FROM php:8.1-apache\n"
                 "RUN php -r \"copy('https://getcomposer.org/installer', 'composer-setup.php');\" "
            "&& php -r \"if (hash_file('sha384', 'composer-setup.php') === getenv('SIG')) { echo 'ok'; }\" "
            "&& php composer-setup.php && php -r \"unlink('composer-setup.php');\" "
            "&& mv composer.phar /usr/local/bin/composer && chmod +x /usr/local/bin/composer\n"
            "COPY . /var/www/html\nRUN cd /var/www/html && composer install\nCMD [\"apache2-foreground\"]\n")
    out = _runner(text)
    assert "composer" not in out and "COPY --from=builder /var/www/html /var/www/html\n" in out


def test_global_packages_need_to_know_composer_home() -> None:
    # (a tool the image runs; phpunit as the command would be tests at run time, which leaves the file alone)
    text = _gain("FROM php:8.2-cli\nRUN composer global require madewithlove/htaccess-cli\nCOPY . /app\n"
                 "CMD [\"htaccess\", \"/app\"]\n")
    assert "COMPOSER_HOME is not set" in _skipped(text)
    out = _runner("FROM php:8.2-cli\nENV COMPOSER_HOME=/composer\n" + text.split("\n", 1)[1])
    assert "COPY --from=builder /composer/vendor /composer/vendor\n" in out


def test_an_old_php_image_is_on_a_release_the_library_data_do_not_know() -> None:
    text = ("FROM php:7.1-apache\nRUN apt-get update && apt-get install -y libicu-dev && docker-php-ext-install intl\n"
            "COPY . /var/www/html\nCMD [\"apache2-foreground\"]\n")
    # php:7.1 is stretch: libicu57 there, libicu72 on bookworm; libicu-dev itself pulls in dpkg-dev on bionic:
    # the builder lists the packages of the libraries the compiled extension links to (and libicu-dev's own)
    result = refactor(text)
    assert result.changed, result.skipped
    builder, runner = result.text.split("FROM php:7.1-apache AS runner\n")
    assert "find /usr/local/lib/php/extensions /usr/local/etc/php/conf.d -type f" in builder
    assert "dpkg-query --listfiles libicu-dev " in builder
    assert runner.startswith("COPY --from=builder /opt/runtime-packages /opt/runtime-packages\nRUN apt-get update && "
                             "xargs -r apt-get install -y --no-install-recommends --no-upgrade "
                             "< /opt/runtime-packages && "
                             "rm -rf /var/lib/apt/lists/*\n")
    assert "libicu" not in runner
    assert any(c.message.startswith("the run-time libraries behind libicu-dev are named differently across releases "
                                    "and php:7.1-apache's release is not in the data, so they are found in the "
                                    "builder by ldd") for c in result.changes)


def test_printing_commands_and_module_switches_are_understood() -> None:
    text = ("FROM php:8.2-cli\nRUN apt-get update && apt-get install -y libzip-dev && docker-php-ext-install zip "
            "&& php -m && php --ri zip && echo $(php-config --extension-dir)\n"
            "COPY . /app\nCMD [\"php\", \"/app/run.php\"]\n")
    assert "libzip5" in _runner(text)
    distro = ("FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y php-cli php-dev php-pear libzmq3-dev "
              "&& pecl install zmq-beta && phpenmod zmq\nCOPY . /app\nCMD [\"php\", \"/app/run.php\"]\n")
    assert "`pecl install` on a distribution's PHP installs into its extension folder" in _skipped(distro)


def test_a_cache_warmup_in_the_install_s_run_comes_with_the_copied_app() -> None:
    # dev 11d0f132: composer.json not in the context, so the app folder is copied whole; the warmup wrote var/cache
    # there in the builder. Repeated in the runtime, it kept the `chown -R www-data .` after it recursive: a layer
    # with the whole app a second time, larger than the original
    text = _gain("FROM php:7.0-apache\nRUN curl -sS https://getcomposer.org/installer | php\nADD . /app\nWORKDIR /app\n"
            "RUN composer install -o && app/console cache:warmup -e=prod && chown -R www-data . var/cache\n"
            "CMD [\"apache2-foreground\"]\n")
    out = _runner(text)
    assert "COPY --from=builder /app /app\n" in out
    assert "cache:warmup" not in out
    assert "RUN chown www-data . var/cache\n" in out


MAPAS = _gain("FROM php:7.2-fpm\nRUN curl -sS https://getcomposer.org/installer | php && mv composer.phar "
         "/usr/local/bin/composer.phar\nCOPY src/protected /var/www/html/protected\nWORKDIR /var/www/html/protected\n"
         "RUN composer.phar install\nCOPY scripts /var/www/scripts\nCOPY compose/entrypoint.sh /entrypoint.sh\n"
         "ENTRYPOINT [\"/entrypoint.sh\"]\nCMD [\"php-fpm\"]\n")


@pytest.mark.parametrize(("files", "kept"), [
    # read16's 7eeaaf3e (Mapas Culturais): the entrypoint, copied from compose/, runs scripts/deploy.sh, which runs
    # `composer install --no-dev` at the container's first start
    ({"compose/entrypoint.sh": "cd /var/www/scripts\n./deploy.sh\nexec \"$@\"\n",
      "scripts/deploy.sh": "composer.phar install --prefer-dist --no-dev\n"}, True),
    ({"compose/entrypoint.sh": "cd /var/www/scripts\n./deploy.sh\nexec \"$@\"\n"}, True),  # deploy.sh not there
    ({}, True),  # the entrypoint not in the context
    ({"compose/entrypoint.sh": "php artisan serve\nexec \"$@\"\n"}, False),
])
def test_composer_stays_for_an_entrypoint_that_may_run_it(files: dict[str, str], kept: bool) -> None:
    """Composer (one PHP archive) is kept where the ENTRYPOINT's script, read through the COPY that put it there, or
    a script it runs, runs composer, or where one of them cannot be read; before, the entrypoint was looked up at the
    context's root only, and Composer was dropped on the assumption that it runs none."""
    result = refactor(MAPAS, read_context=context_of({"src/protected/index.php": "<?php\n", **files}))
    assert result.changed, result.skipped
    runner = result.text.split(" AS runner\n")[1]
    assert ("COPY --from=builder /usr/local/bin/composer.phar /usr/local/bin/composer.phar\n" in runner) is kept


SYMFONY = _gain("FROM php:8.2-fpm\nRUN apt-get update && apt-get install -y git unzip\n"
           "COPY --from=composer:2 /usr/bin/composer /usr/bin/composer\nWORKDIR /srv/app\nCOPY . .\n"
           "RUN composer install --no-dev\n{copy}{start}CMD [\"php-fpm\"]\n")


@pytest.mark.parametrize(("copy", "start"), [
    # symfony-docker's: the script on the PATH under a name without .sh (adv-s37 C)
    ("COPY docker/docker-entrypoint.sh /usr/local/bin/docker-entrypoint\n", 'ENTRYPOINT ["docker-entrypoint"]\n'),
    ("", 'ENTRYPOINT ["sh", "docker/docker-entrypoint.sh"]\n'),
    ("COPY docker/ /usr/local/bin/\n", 'ENTRYPOINT ["/usr/local/bin/start"]\n'),  # start runs ./deploy by its path
])
def test_composer_stays_for_a_script_on_the_path_or_without_an_extension(copy: str, start: str) -> None:
    files = {"docker/docker-entrypoint.sh": "set -e\ncomposer install --prefer-dist\nexec \"$@\"\n",
             "docker/start": "cd /usr/local/bin\n./deploy\nexec php-fpm\n", "docker/deploy": "composer install\n"}
    result = refactor(SYMFONY.format(copy=copy, start=start), read_context=context_of(files))
    assert "COPY --from=builder /usr/bin/composer /usr/bin/composer\n" in result.text.split(" AS runner\n")[1]


def test_a_path_a_read_script_names_is_not_taken_for_an_unread_script() -> None:
    files = {"docker/docker-entrypoint.sh": "chown -R www-data /srv/app/var /var/log/app\nexec \"$@\"\n"}
    start = 'ENTRYPOINT ["docker-entrypoint"]\n'
    result = refactor(SYMFONY.format(copy="COPY docker/docker-entrypoint.sh /usr/local/bin/docker-entrypoint\n",
                                     start=start), read_context=context_of(files))
    assert "composer" not in result.text.split(" AS runner\n")[1]


# rp11 RobertLuja/mundi_toys: `apt-get install -y composer` on php:8.2-fpm, then `composer install`: the runtime
# installed Debian's composer again, and with it a second, Debian PHP (82 MB) the app, run by the image's own PHP,
# does not use. On Debian's own PHP the package stays: its dependencies are extensions the app may load.
DEBIAN_COMPOSER = ("FROM {image}\nRUN apt-get update && apt-get install -y composer\nCOPY . /var/www/html\n"
                   "WORKDIR /var/www/html\nRUN composer install\nCMD {cmd}\n")


def test_debians_composer_stays_in_the_builder_of_a_php_image() -> None:
    text = DEBIAN_COMPOSER.format(image="php:8.2-fpm", cmd="php artisan serve --host=0.0.0.0")
    assert "composer" not in _runner(text).replace("Composer", "")
    assert any("left Debian's composer package in the builder" in r for r in _reasons(text))


@pytest.mark.parametrize(("image", "cmd"), [("debian:bookworm", "php artisan serve --host=0.0.0.0"),
                                            ("php:8.2-fpm", '["sh", "-c", "composer dump-autoload && php-fpm"]'),
                                            ("php:8.2-fpm", '["/entrypoint.sh"]')])
def test_debians_composer_stays_where_php_or_the_program_may_need_it(image: str, cmd: str) -> None:
    text = DEBIAN_COMPOSER.format(image=image, cmd=cmd)
    assert "apt-get install -y --no-install-recommends composer" in _runner(_gain(text) if "php" in image else text)


@pytest.mark.parametrize(("code", "kept"), [
    # rp30review Peemima/vendor-webpush: index.php prints Composer's version and `composer show`
    ("<?php\n$v = shell_exec('composer --version');\necho $v;\n", True),
    ('<?php\nexec("composer show", $out);\n', True),
    ("<?php\n$v = `composer.phar --version`;\n", True),
    ("<?php\n$d = shell_exec('date');\n// composer install, in a comment\n", False),
    ("<?php\necho 'hello';\n", False),
])
def test_composer_stays_where_the_apps_php_code_runs_it(code: str, kept: bool) -> None:
    """PHP served by the web server that runs composer through a shell: the runtime keeps Composer, as for an
    entrypoint that runs it; Composer's own packages (vendor/) are not read."""
    files = {"index.php": code, "vendor/lib/x.php": "<?php\nshell_exec('composer dump');\n"}
    result = refactor(APACHE_APP, read_context=context_of(files))
    assert result.changed, result.skipped
    runner = result.text.split(" AS runner\n")[1]
    assert ("COPY --from=builder /usr/local/bin/composer /usr/local/bin/composer\n" in runner) is kept, runner
    assert any("index.php, the app's PHP code, runs composer" in c.message for c in result.changes) is kept


@pytest.mark.parametrize("install", [
    "RUN curl -sS https://getcomposer.org/installer | php -- --install-dir=/usr/local/bin --filename=composer\n",
    "COPY --from=composer:2 /usr/bin/composer /usr/bin/composer\n",
])
def test_composer_alone_is_nothing_to_gain(install: str) -> None:
    """The same php image, no build-only package: what only the build leaves is Composer (a few MB) and its download
    cache, which `composer install --no-cache` saves in place (rp28review 44, 46, 47 and rp30review 12, 13, 14:
    about 1 % gained by a second stage that repeats the setup)."""
    text = (f"FROM php:8.2-apache\nRUN a2enmod rewrite\n{install}WORKDIR /var/www/html\nCOPY . .\n"
            "RUN composer install\nCMD [\"apache2-foreground\"]\n")
    reason = _skipped(text)
    assert reason.startswith("nothing to gain from stages: the runtime would be php:8.2-apache again"), reason
    assert "`composer install --no-cache`" in reason
    assert refactor(_gain(text)).changed  # libzip-dev left in the builder: a gain of its own


def test_composer_in_the_folder_an_unknown_image_starts_in_names_that_image() -> None:
    """rp30review Emuzex/hybridly-test (MISLEADING, "runs in /"): bitnami/laravel sets WORKDIR /app, which the tool
    cannot see; on an official php image, / is /."""
    unknown = _skipped("FROM bitnami/laravel:9\nCOPY . .\nRUN composer install\nCMD php artisan serve\n")
    assert "bitnami/laravel:9 is an image the tool does not know, whose own WORKDIR" in unknown, unknown
    official = _skipped(_gain("FROM php:8.2-cli\nCOPY . .\nRUN composer install\nCMD php artisan serve\n"))
    assert "`composer install` runs in /: the app folder it fills cannot be copied alone" in official, official
