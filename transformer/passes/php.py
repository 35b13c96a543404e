"""PHP: Composer, extensions (docker-php-ext-*, pecl, phpize), framework tasks (artisan, bin/console), tests.

Where things go on the official php image (docker-library/php): compiled extensions under
/usr/local/lib/php/extensions, their ini files under ``$PHP_INI_DIR/conf.d`` (PHP_INI_DIR is
/usr/local/etc/php): both are build outputs the runtime copies, so anything written into conf.d is
part of the build. The ``-dev`` packages installed for the extensions stay in the builder and their
run-time libraries go to the runtime (the package map does that). The runtime image is the same image
(php has no slim variant), without the -dev packages, Composer and the download caches.

Composer is a build tool: the installer (``curl .../installer | php``, ``php composer-setup.php``), the
downloaded ``composer.phar`` and where it is moved stay in the builder. ``composer install`` leaves
``vendor/``; when composer.json (in the build context) runs scripts on install or has installers that
put packages elsewhere, or when it is not in the context, the whole app folder comes along. git and
unzip, which only Composer uses, stay in the builder. Framework tasks (``php artisan config:cache``,
``bin/console cache:warmup``) need the app with its vendor folder: setup the runtime repeats after
the copies, or, where a build before them left the app folder whole for the runtime to copy, a build step whose
caches come along with it. Tasks that change a database at build time cannot be placed (run twice, they would change
it twice). A Composer the file installs (or copies from the composer image) but runs no composer command with
is there for run time (an
entrypoint or the image's users run it): the runtime copies it from where the file put it, followed through the
installer's options and moves (``--install-dir=/usr/local/bin --filename=composer``, ``mv composer.phar ...``).
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Sequence

from ..analysis import (
    Artifact,
    Claim,
    Role,
    RunContext,
    context_location,
    database_task,
    has_flag,
    make_targets,
    option_value,
    positional,
    read_from_context,
    source_programs,
)
from ..claims import PATH_FOLDERS, DecisionFacts, Finish, Pass, StageFacts
from ..images import ImageRef, data
from ..packages import package_name
from ..shell import Command, Word

NAME = "php"

_INI_DIR = "/usr/local/etc/php"  # the official image's PHP_INI_DIR
_EXT_DIR = "/usr/local/lib/php/extensions"  # php-config --extension-dir lies below it
_PEAR_DIR = "/usr/local/lib/php"  # PEAR's php_dir on the official image
_SOURCE_DIR = "/usr/src/php"  # docker-php-source extract
_PHPIZE = "php:phpize"  # pseudo-variable: the folder phpize prepared (no shell can name it)
_PHPIZE_EXT_DIR = "php:extension-dir"  # pseudo-variable: where that folder's `make install` puts the extension
_PHP = re.compile(r"^php(\d+(\.\d+)?)?$")
_COMPOSER_FILES = frozenset({"composer", "composer.phar", "composer-setup.php", "composer-installer.php",
                             "installer.php"})
_COMPOSER_TOOLS = ("git", "git-core", "unzip")  # packages Composer uses to fetch and unpack packages
_COMPOSER_VALUES = frozenset({"-d", "--working-dir"})
_NEUTRAL_VERBS = frozenset({"config", "diagnose", "validate", "show", "info", "outdated", "licenses", "depends",
                            "why", "why-not", "prohibits", "fund", "audit", "status", "suggests", "search",
                            "check-platform-reqs", "about", "list", "help", "--version", "-V", "home", "browse"})
_INSTALL_VERBS = frozenset({"install", "i", "update", "u", "upgrade", "require", "r", "remove", "rm",
                            "dump-autoload", "dumpautoload", "reinstall", "bump"})
_INSTALL_EVENTS = ("pre-install-cmd", "post-install-cmd", "pre-update-cmd", "post-update-cmd", "pre-autoload-dump",
                   "post-autoload-dump", "post-package-install", "post-package-update", "pre-package-install",
                   "pre-package-update", "post-root-package-install")
_PLUGINS = frozenset({"hirak/prestissimo", "symfony/flex", "narrowspark/automatic-composer-prefetcher",
                      "fxp/composer-asset-plugin"})
_TESTS = frozenset({"phpunit", "pest", "paratest", "phpspec", "behat", "codecept", "phpstan", "psalm", "phpcs",
                    "phpmd", "php-cs-fixer", "infection", "simple-phpunit"})
_TEST_SCRIPTS = frozenset({"test", "tests", "phpunit", "lint", "cs", "check", "analyse", "analyze", "phpstan", "ci"})
_SETUP_TASKS = re.compile(r"^(optimize|clear-compiled|key:generate|storage:link|package:discover|jwt:secret"
                          r"|passport:keys|[\w-]+:(cache|clear|publish|warmup|link|install|compile|generate"
                          r"|init-proxy))$")
_CONSOLES = frozenset({"console", "hyperf.php", "yii"})  # bin/console (Symfony), bin/hyperf.php, yii
_DATABASE_TASKS = re.compile(r"^(migrate|db:|doctrine:(migrations|schema|database|fixtures)|schema:|seed)")


# --- where PHP's ini files are ---------------------------------------------------------------

def _ini_dir(ctx: RunContext) -> str | None:
    """PHP_INI_DIR: set in the file, or the official image's (None: an image that may not have one)."""
    return ctx.getenv("PHP_INI_DIR") or (_INI_DIR if ctx.kind == NAME else None)


def _conf_d(ctx: RunContext) -> str:
    return f"{_ini_dir(ctx) or _INI_DIR}/conf.d"


def _word_value(text: str, ctx: RunContext) -> str | None:
    """A word's value with ``$PHP_INI_DIR`` read as the image's (the file itself does not show it)."""
    ini = _ini_dir(ctx)
    if ini is None:
        return None
    text = text.strip("\"'")
    value = re.sub(r"\$\{PHP_INI_DIR\}|\$PHP_INI_DIR\b", ini, text)
    return None if "$" in value or "`" in value else value


def _value(word: Word, ctx: RunContext) -> str | None:
    return word.value if word.value is not None else _word_value(word.text, ctx)


def _written(cmd: Command, ctx: RunContext) -> tuple[list[str | None], list[str | None]]:
    """(paths it writes, paths it reads) for the commands that put files in place: redirections, tee,
    sed -i, cp/mv/install (the last word), ln (the link)."""
    words = [_value(w, ctx) if not (w.value or "").startswith("-") else w.value for w in cmd.argv[1:]]
    pos = [w for w in words if w is None or not w.startswith("-")]
    out: list[str | None] = []
    for r in cmd.redirects:
        m = re.match(r"^\d*(>>|>\||>|&>>|&>)\s*(.+)$", r)
        if m and not m.group(2).startswith(("&", "/dev/")):
            out.append(_word_value(m.group(2), ctx))
    name = cmd.name
    if name == "tee":
        return out + pos, []
    if name == "sed" and any(w is not None and re.match(r"^(-[a-zA-Z]*i|--in-place)", w) for w in words):
        script_given = any(w in ("-e", "-f", "--expression", "--file") for w in words)
        return out + (pos if script_given else pos[1:]), []
    if name in ("cp", "mv", "install", "ln") and len(pos) >= 2:
        return out + pos[-1:], pos[:-1]
    return out, []


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip("/") + "/")


def _ini_files(cmd: Command, ctx: RunContext) -> Claim | None:
    """A file written into conf.d belongs with the extensions (the runtime copies conf.d whole, so it is
    part of the build); one written elsewhere under ``$PHP_INI_DIR`` (php.ini) is setup the runtime
    repeats. Paths the shell pass can read itself are left to it."""
    writes, reads = _written(cmd, ctx)
    if not writes or (ctx.kind != NAME and ctx.getenv("PHP_INI_DIR") is None):
        return None
    conf_d = _conf_d(ctx)
    paths = [ctx.abspath(p) for p in writes + reads if p is not None]
    if any(_inside(ctx.abspath(p), conf_d) for p in writes if p is not None):
        return Claim(Role.BUILD, NAME, f"`{cmd.name}` writes PHP's configuration in {conf_d}, which the runtime "
                                       "copies with the extensions",
                     artifacts=(Artifact(conf_d, reason="the ini files of PHP's extensions and settings",
                                         whole_dir=True),))
    named = any("PHP_INI_DIR" in w.text for w in cmd.argv) or any("PHP_INI_DIR" in r for r in cmd.redirects)
    if not named or None in writes + reads:
        return None
    return Claim(Role.SETUP, NAME, f"`{cmd.name}` configures PHP; the runtime repeats it", paths=tuple(paths),
                 relative=any(not p.startswith("/") for p in writes + reads if p is not None))


# --- extensions ------------------------------------------------------------------------------

def _extension_claim(what: str, ctx: RunContext, ini: bool = True) -> Claim:
    arts = [Artifact(_EXT_DIR, reason="the compiled PHP extensions", whole_dir=True)]
    if ini:
        arts.append(Artifact(_conf_d(ctx), reason="the ini files that enable them", whole_dir=True))
    return Claim(Role.BUILD, NAME, what, artifacts=tuple(arts))


def _docker_php(cmd: Command, ctx: RunContext) -> Claim | None:
    name = cmd.name
    if name == "docker-php-ext-install":
        return _extension_claim("`docker-php-ext-install` compiles PHP extensions", ctx)
    if name == "docker-php-ext-configure":
        return Claim(Role.BUILD, NAME, "`docker-php-ext-configure` configures an extension's build")
    if name == "docker-php-ext-enable":
        ini = option_value(cmd.args, "--ini-name")
        if ini is not None and ini.startswith("/"):
            return Claim(Role.BUILD, NAME, f"`docker-php-ext-enable` writes {ini}",
                         artifacts=(Artifact(ini, reason="the ini file that enables the extensions"),))
        return Claim(Role.BUILD, NAME, f"`docker-php-ext-enable` writes ini files in {_conf_d(ctx)}",
                     artifacts=(Artifact(_conf_d(ctx), reason="the ini files that enable the extensions",
                                         whole_dir=True),))
    verb = cmd.args[0] if cmd.args else None
    if verb == "extract":
        return Claim(Role.BUILD, NAME, "`docker-php-source extract` unpacks PHP's sources for a build")
    if verb == "delete":
        return Claim(Role.NEUTRAL, NAME, removes=(_SOURCE_DIR,))
    return None


def _pecl(cmd: Command, ctx: RunContext) -> Claim | None:
    """pecl installs extensions into the extension folder; pear installs PHP libraries into its php_dir."""
    pos = positional(cmd.args)
    verb = pos[0] if pos else None
    if verb in ("channel-update", "update-channels", "channel-discover", "list", "info", "remote-info",
                "config-get", "config-show", "version", "search", "list-all", "clear-cache"):
        return Claim(Role.NEUTRAL, NAME)
    if verb == "config-set" and len(pos) >= 3 and pos[1] == "php_ini" and pos[2]:
        # later installs add their `extension=` line to that file: it is a build output
        return Claim(Role.BUILD, NAME, f"`{cmd.name} config-set php_ini` makes later installs edit {pos[2]}",
                     artifacts=(Artifact(ctx.abspath(pos[2]), reason="the ini file pecl edits"),))
    if verb == "config-set":
        return Claim(Role.NEUTRAL, NAME)
    if verb in ("download", "bundle"):
        return Claim(Role.BUILD, NAME, f"`{cmd.name} {verb}` fetches an extension's sources")
    if verb not in ("install", "upgrade", "uninstall", "i"):
        return None
    if cmd.name == "pear":
        return Claim(Role.BUILD, NAME, "`pear install` installs PHP libraries",
                     artifacts=(Artifact(_PEAR_DIR, reason="PEAR's libraries and the extensions", whole_dir=True),))
    if ctx.kind != NAME:
        return Claim(Role.BLOCKED, NAME, f"`pecl {verb}` on a distribution's PHP installs into its extension "
                                         "folder (/usr/lib/php/<API version>), which the tool cannot tell")
    return _extension_claim(f"`pecl {verb}` compiles PHP extensions", ctx, ini=False)


_DISTRIBUTION_PHP_DEV = re.compile(r"^php[\d.]*-(dev|devel)$")


def _distribution_php(ctx: RunContext) -> str | None:
    """Where the extensions of a distribution's PHP go, when the stage, on an image other than the official php
    image, installed its headers, whose phpize builds for it: Debian's and Ubuntu's php5-dev, /usr/lib/php5 (its
    API version's folder below); their php-dev and phpX.Y-dev (PHP 7 on), /usr/lib/php; "" for another's
    (php-devel, Alpine's php81-dev), not known; None where the stage installed none."""
    if ctx.kind == NAME:
        return None
    names = {n for n in map(package_name, ctx.installed + ctx.installed_here) if _DISTRIBUTION_PHP_DEV.match(n)}
    if not names:
        return None
    if ctx.image.is_alpine or any(n.endswith("-devel") for n in names):
        return ""
    return "/usr/lib/php5" if "php5-dev" in names else "/usr/lib/php"


def _phpize(cmd: Command, ctx: RunContext) -> Claim | None:
    """``phpize && ./configure && make && make install``: the extension goes to the extension folder
    (the php-config given to configure names another PHP's)."""
    name, argv0 = cmd.name or "", cmd.argv[0].value or ""
    if name == "phpize":
        # `phpize` found on the PATH: the distribution's (/usr/bin) where the stage installed its php-dev package
        # (php5-dev, php8.2-dev, php-devel), else taken as the official php image's (/usr/local/bin)
        local = argv0.startswith("/usr/local/bin/")
        distribution = None if local else _distribution_php(ctx)
        ext_dir = distribution if distribution is not None else _EXT_DIR if local or argv0 == "phpize" else None
        return Claim(Role.BUILD, NAME, "`phpize` prepares an extension's build",
                     sets_env=((_PHPIZE, ctx.workdir), (_PHPIZE_EXT_DIR, ext_dir or "")))
    if ctx.getenv(_PHPIZE) != ctx.workdir:
        return None
    if name == "configure":
        config = option_value(cmd.args, "--with-php-config")
        ext_dir = ctx.getenv(_PHPIZE_EXT_DIR) or ""
        if config is not None:
            prefix = posixpath.dirname(posixpath.dirname(config))
            ext_dir = _EXT_DIR if prefix == "/usr/local" else (_distribution_php(ctx) or "/usr/lib/php") \
                if prefix == "/usr" else f"{prefix}/lib/php/extensions"
        return Claim(Role.BUILD, NAME, "`./configure` configures the extension's build",
                     sets_env=((_PHPIZE_EXT_DIR, ext_dir),))
    if name != "make":
        return None
    targets = make_targets(cmd.args)
    if targets and all(t in ("test", "check") for t in targets):
        return Claim(Role.TEST, NAME, "`make test` runs the extension's tests")
    if "install" not in targets:
        return Claim(Role.BUILD, NAME, "`make` compiles the extension")
    ext_dir = ctx.getenv(_PHPIZE_EXT_DIR) or (_EXT_DIR if ctx.kind == NAME else "")
    if not ext_dir:
        return Claim(Role.BLOCKED, NAME, "`make install` installs the extension phpize prepared into the extension "
                                         "folder of the distribution's PHP (`php-config --extension-dir`), which "
                                         "the tool knows only for Debian's and Ubuntu's")
    return Claim(Role.BUILD, NAME, f"`make install` installs the extension into {ext_dir}",
                 artifacts=(Artifact(ext_dir, reason="the compiled PHP extension", whole_dir=True),))


# --- Composer ----------------------------------------------------------------------------------

def _cache(ctx: RunContext) -> str:
    cache = ctx.getenv("COMPOSER_CACHE_DIR")
    if cache:
        return cache
    home = ctx.getenv("COMPOSER_HOME")
    return f"{home}/cache" if home else f"{ctx.likely_home()}/.composer/cache"


def _composer_json(folder: str, ctx: RunContext) -> dict[str, object] | None:
    text = ctx.read_file(posixpath.join(folder, "composer.json"))  # through the COPY that put it there
    if text is None:
        return None
    try:
        doc = json.loads(text)
    except ValueError:
        return None
    return doc if isinstance(doc, dict) else None


def _writes_elsewhere(doc: dict[str, object], scripts: bool) -> str | None:
    """What in composer.json makes an install write outside vendor/ (None: nothing)."""
    events = doc.get("scripts")
    if scripts and isinstance(events, dict):
        run = [e for e in _INSTALL_EVENTS if events.get(e)]
        if run:
            return f"composer.json runs scripts on install ({', '.join(run)})"
    extra = doc.get("extra")
    if isinstance(extra, dict):
        placed = [k for k in extra if k == "installer-paths" or "scaffold" in k or k.endswith(("-root-dir",
                                                                                                "-install-dir"))]
        if placed:
            return f"composer.json puts packages outside vendor/ (extra.{placed[0]})"
    requires = doc.get("require")
    if isinstance(requires, dict):
        installers = [p for p in requires if p.endswith(("/installers", "-installer", "installers-extender"))
                      or "scaffold" in p]
        if installers:
            return f"composer.json requires {installers[0]}, which installs packages outside vendor/"
    return None


def _vendor(folder: str, doc: dict[str, object], ctx: RunContext) -> str:
    config = doc.get("config")
    vendor = config.get("vendor-dir") if isinstance(config, dict) else None
    vendor = ctx.getenv("COMPOSER_VENDOR_DIR") or (vendor if isinstance(vendor, str) else None) or "vendor"
    return posixpath.normpath(posixpath.join(folder, vendor))


def _install(verb: str, args: tuple[str | None, ...], ctx: RunContext) -> Claim:
    working = option_value(args, "-d", "--working-dir")
    folder = ctx.abspath(working) if working else ctx.workdir
    cache = None if has_flag(args, "--no-cache") or ctx.getenv("COMPOSER_CACHE_DIR") == "/dev/null" else _cache(ctx)
    if folder == "/" and not ctx.workdir_known:  # (rp30review Emuzex/hybridly-test: bitnami/laravel's /app)
        return Claim(Role.BLOCKED, NAME, f"`composer {verb}` runs in the folder the image starts in, and "
                                         f"{ctx.image.shown} is an image the tool does not know, whose own WORKDIR "
                                         "(the file sets none before it) may not be /: where the app folder it fills "
                                         "is, is not known")
    if folder == "/" or "$" in folder:
        return Claim(Role.BLOCKED, NAME, f"`composer {verb}` runs in {folder}: the app folder it fills cannot be "
                                         "copied alone")
    doc = _composer_json(folder, ctx)
    why = "composer.json is not in the build context, so what its scripts and installers write is not known" \
        if doc is None else _writes_elsewhere(doc, not has_flag(args, "--no-scripts"))
    if doc is not None and why is None:
        vendor = _vendor(folder, doc, ctx)
        return Claim(Role.BUILD, NAME, f"`composer {verb}` installs the app's packages into {vendor}",
                     leaves_cache=cache, artifacts=(Artifact(vendor, reason="the app's Composer packages"),))
    return Claim(Role.BUILD, NAME, f"`composer {verb}` installs the app's packages", leaves_cache=cache,
                 artifacts=(Artifact(folder, reason=f"the app with its Composer packages, whole: {why}",
                                     whole_dir=True),))


def _global(pos: list[str | None], ctx: RunContext) -> Claim:
    named = [p for p in pos[2:] if p]
    if pos[1:2] == ["require"] and named and all(p.split(":")[0] in _PLUGINS for p in named):
        return Claim(Role.BUILD, NAME, "`composer global require` adds a Composer plugin (a build tool)",
                     leaves_cache=_cache(ctx))
    home = ctx.getenv("COMPOSER_HOME")
    if pos[1:2] in (["config"], ["show"]):
        return Claim(Role.NEUTRAL, NAME)
    if not home:
        return Claim(Role.BLOCKED, NAME, "`composer global` installs into Composer's home, which is ~/.composer or "
                                         "~/.config/composer depending on the image (COMPOSER_HOME is not set)")
    return Claim(Role.BUILD, NAME, f"`composer global` installs tools into {home}", leaves_cache=_cache(ctx),
                 artifacts=(Artifact(posixpath.join(home, "vendor"), reason="Composer's global packages"),))


def _composer(args: tuple[str | None, ...], ctx: RunContext) -> Claim | None:
    pos = positional(args, _COMPOSER_VALUES)
    verb = pos[0] if pos else None
    if verb is None:
        return Claim(Role.NEUTRAL, NAME) if has_flag(args, "--version", "-V", "--help") else None
    if verb in _NEUTRAL_VERBS:
        return Claim(Role.NEUTRAL, NAME)
    if verb in ("clear-cache", "clearcache", "cc"):
        return Claim(Role.NEUTRAL, NAME, removes=(_cache(ctx),))
    if verb in ("self-update", "selfupdate"):
        return Claim(Role.BUILD, NAME, "`composer self-update` updates Composer (a build tool)")
    if verb in _INSTALL_VERBS:
        return _install(verb, args, ctx)
    if verb == "global":
        return _global(pos, ctx)
    if verb == "create-project" and len(pos) >= 2 and pos[1]:
        target = pos[2] if len(pos) > 2 and pos[2] else pos[1].split("/")[-1].split(":")[0]
        return Claim(Role.BUILD, NAME, f"`composer create-project` makes the app in {ctx.abspath(target)}",
                     leaves_cache=_cache(ctx),
                     artifacts=(Artifact(ctx.abspath(target), reason="the app Composer made", whole_dir=True),))
    script = pos[1] if verb in ("run-script", "run") and len(pos) > 1 else verb
    if script in _TEST_SCRIPTS:
        return Claim(Role.TEST, NAME, f"`composer {script}` runs the tests")
    if verb in ("run-script", "run") and script and ctx.workdir != "/":
        return Claim(Role.BUILD, NAME, f"`composer run-script {script}` builds in the app folder",
                     artifacts=(Artifact(ctx.workdir, reason="the app the script built", whole_dir=True),))
    return None


def _composer_download(cmd: Command) -> Claim | None:
    """curl/wget of Composer or its installer into a file (a pipe into php is the installer's claim)."""
    urls = [a for a in cmd.args if a and re.match(r"^https?://", a)]
    names = {posixpath.basename(re.sub(r"[?#].*$", "", u)) for u in urls}
    if not (names & {"composer.phar", "installer", "composer-setup.php"} or any("getcomposer.org" in u for u in urls)) \
            or cmd.connector == "|":
        return None
    return Claim(Role.BUILD, NAME, f"`{cmd.name}` downloads Composer (a build tool the runtime does not need)",
                 provides=("composer",))


def _composer_file(cmd: Command) -> Claim | None:
    """Moving, linking or making executable the downloaded Composer: part of installing a build tool."""
    pos = [a for a in positional(cmd.args, frozenset({"-m", "--mode"})) if a is not None]
    files = [p for p in pos if posixpath.basename(p) in _COMPOSER_FILES]
    if not files or (cmd.name in ("cp", "mv", "install", "ln") and posixpath.basename(pos[0]) not in _COMPOSER_FILES):
        return None
    if cmd.name == "rm":
        return Claim(Role.NEUTRAL, NAME) if len(files) == len(pos) else None
    return Claim(Role.BUILD, NAME, f"`{cmd.name}` puts Composer in place (a build tool the runtime does not need)",
                 provides=("composer",))


def _installer_piped(cmd: Command, ctx: RunContext) -> Claim | None:
    source = ctx.piped_from
    if source is None or not (source.name in ("curl", "wget") or _PHP.match(source.name or "")):
        return None
    if not any(a and "composer" in a for a in source.args):
        return None
    return Claim(Role.BUILD, NAME, "the Composer installer installs Composer (a build tool the runtime does not "
                                   "need)", provides=("composer",))


# --- php itself and the frameworks' commands --------------------------------------------------

def _php_code(code: str | None) -> Claim | None:
    """``php -r CODE``: the Composer installer's dance (download, check, unlink), or printing."""
    if code is None:
        return None
    if "composer" in code.lower() and ("copy(" in code or "file_put_contents" in code):
        return Claim(Role.BUILD, NAME, "`php -r` downloads the Composer installer", provides=("composer",))
    prints = "readfile(" in code and "composer" in code  # the installer, into a pipe
    if "composer-setup" in code or prints or re.fullmatch(r"\s*(echo|print|var_dump|phpinfo)\b[^;]*;?\s*", code):
        return Claim(Role.NEUTRAL, NAME)
    return None


def _task(tool: str, words: list[str | None], ctx: RunContext, folder: str) -> Claim | None:
    """``php artisan TASK`` / ``bin/console TASK``: caches and links the app needs are setup the runtime
    repeats once the app and its vendor folder are copied; a database change cannot be placed."""
    tasks = [w for w in words if w is None or not w.startswith("-")]
    task = tasks[0] if tasks else None
    if task is None:
        return None
    if _DATABASE_TASKS.match(task):
        shown = f"{tool} {task}"
        return database_task(NAME, shown, f"`{shown}` changes a database at build time: the one the app's "
                                          "configuration names (Laravel's .env, Symfony's DATABASE_URL), which the "
                                          "tool does not read: a server outside the image, or a file whose place "
                                          "it does not know", f"`{shown}` makes the app's database", ctx,
                             "the app's configuration names (Laravel's .env, Symfony's DATABASE_URL: their SQLite "
                             "files lie in the app's folder)" if folder == ctx.workdir else None, words)
    if task in ("test", "dusk") or task.startswith("lint:"):
        return Claim(Role.TEST, NAME, f"`{tool} {task}` runs the tests")
    if task in ("about", "list", "env", "route:list", "debug:router", "help") or task.startswith("debug:"):
        return Claim(Role.NEUTRAL, NAME)
    if _SETUP_TASKS.match(task):
        copied = next((o for o in ctx.outputs if o != "/" and (folder == o or folder.startswith(o.rstrip("/") + "/"))),
                      None)
        if copied is not None:  # (dev 11d0f132: `composer install -o && app/console cache:warmup`)
            return Claim(Role.BUILD, NAME, f"`{tool} {task}` prepares the app in {folder}, which the runtime copies "
                                           "whole from the builder, with what it wrote",
                         artifacts=(Artifact(copied, reason="the app with its packages", whole_dir=True),))
        return Claim(Role.SETUP, NAME, f"`{tool} {task}` prepares the app; the runtime repeats it once the app "
                                       "is copied", tools=("php",), paths=(folder,), reads_env=True)
    return None


def _php(cmd: Command, ctx: RunContext) -> Claim | None:
    args = cmd.args
    if ctx.piped_from is not None:
        return _installer_piped(cmd, ctx)
    if has_flag(args, "-r"):
        return _php_code(option_value(args, "-r"))
    if has_flag(args, "-v", "--version", "-m", "-i", "--ini", "--ri", "--re", "--rf", "-l", "--modules", "--info",
                "--syntax-check"):
        return Claim(Role.NEUTRAL, NAME)  # prints (or checks syntax)
    pos = positional(args, frozenset({"-d", "-c", "-z", "-f"}))
    script = option_value(args, "-f") or (pos[0] if pos else None)
    if script is None:
        return None
    rest = tuple(args[args.index(script) + 1:]) if script in args else ()
    return _script(script, rest, ctx)


def _script(script: str, rest: tuple[str | None, ...], ctx: RunContext) -> Claim | None:
    base = posixpath.basename(script)
    if base in ("composer", "composer.phar"):
        return _composer(rest, ctx)
    if base in ("composer-setup.php", "composer-installer.php", "installer"):
        return Claim(Role.BUILD, NAME, "the Composer installer installs Composer (a build tool the runtime does "
                                       "not need)", provides=("composer",))
    folder = posixpath.dirname(ctx.abspath(script))
    if base == "artisan":
        return _task("php artisan", list(rest), ctx, folder)
    if base in _CONSOLES and posixpath.basename(folder) in ("bin", "app"):
        return _task(script, list(rest), ctx, posixpath.dirname(folder))
    if base == "yii":
        return _task(script, list(rest), ctx, folder)
    if base in _TESTS:
        return Claim(Role.TEST, NAME, f"`{base}` runs the tests")
    return None


def claim(cmd: Command, ctx: RunContext) -> Claim | None:
    name = cmd.name or ""
    if name.startswith("docker-php-"):
        return _docker_php(cmd, ctx)
    if name in ("pecl", "pear"):
        return _pecl(cmd, ctx)
    if name in ("phpize", "configure", "make"):
        return _phpize(cmd, ctx)
    if name in ("composer", "composer.phar"):
        return _composer(cmd.args, ctx)
    if _PHP.match(name):
        return _php(cmd, ctx)
    if name == "artisan" or name in _CONSOLES:
        return _script(cmd.argv[0].value or name, cmd.args, ctx)
    if name == "php-config":
        return Claim(Role.NEUTRAL, NAME)  # prints PHP's build settings
    if re.match(r"^php\d*(\.\d+)?(en|dis)mod$", name):
        return Claim(Role.SETUP, NAME, f"`{name}` enables PHP modules; the runtime repeats it")
    if name == "phinx" and cmd.args[:1] and cmd.args[0] in ("migrate", "seed:run", "rollback"):
        shown = f"phinx {cmd.args[0]}"
        return database_task(NAME, shown, f"`{shown}` changes a database at build time: the one phinx.yml names, "
                                          "which the tool does not read: a server outside the image, or a file "
                                          "whose place it does not know", f"`{shown}` makes the app's database",
                             ctx, "phinx.yml names (a SQLite file there is named from the app's folder)", cmd.args)
    if name in _TESTS:
        return Claim(Role.TEST, NAME, f"`{name}` runs the tests")
    if name in ("curl", "wget"):
        return _composer_download(cmd)
    if name in ("mv", "cp", "install", "ln", "chmod", "rm"):
        found = _composer_file(cmd)
        if found is not None:
            return found
    return _ini_files(cmd, ctx)


# --- once the stage is read ---------------------------------------------------------------------

def _is_composer(cmd: Command) -> bool:
    name = cmd.name or ""
    if name in ("composer", "composer.phar"):
        return True
    return bool(_PHP.match(name)) and any(a and posixpath.basename(a) in ("composer", "composer.phar")
                                          for a in cmd.args[:3])


def _program_words(facts: StageFacts) -> tuple[set[str], list[str]]:
    """The commands the CMD and ENTRYPOINT run (with those of their scripts in the build context, and of the scripts
    those run), and the scripts they run that the context does not have. A word is read as a script where a COPY put
    it at its path (``docker/entrypoint``), or on the PATH (``ENTRYPOINT ["docker-entrypoint"]`` after ``COPY
    docker/docker-entrypoint.sh /usr/local/bin/docker-entrypoint``: symfony-docker's); one named as a script
    (``*.sh``, ``./x``, ``/x``) that cannot be read is unread."""
    names: set[str] = set()
    unread: list[str] = []
    workdir = facts.run_folder()
    todo = [(w, workdir, False) for argv in facts.runs for w in [a for a in argv if a][:3]]
    names |= {posixpath.basename(a) for argv in facts.runs for a in argv if a}
    seen: set[str] = set()
    while todo and len(seen) < 50:
        word, folder, nested = todo.pop(0)
        if word in seen or "$" in word:
            continue
        seen.add(word)
        text = _script_text(facts, folder, word)
        if text is None:  # (a path a script names may be any file: a script by its name or a ./ path only)
            if word.endswith(".sh") or word.startswith("./") or (word.startswith("/") and not nested):
                unread.append(word)
            continue
        names |= set(re.findall(r"[\w.-]+", text))
        here = posixpath.dirname(posixpath.join(folder, word))  # a script it runs, from its folder or a `cd`'s
        folders = [here, *(posixpath.join(here, d) for d in re.findall(r"\bcd\s+([\w./-]+)", text))]
        scripts = re.findall(r"(?<![\w.$/-])(?:[\w./-]*[\w-]\.sh\b|\.{0,2}/[\w.-]+(?:/[\w.-]+)*)", text)
        todo += [(w, f, True) for w in dict.fromkeys(scripts) for f in folders[-1:]]
    return names, unread


# a program PHP code runs through a shell (`shell_exec('composer show')`, `exec("composer --version", $out)`, a
# backtick string assigned): its first word
_SHELLED = re.compile(r"""\b(?:shell_exec|exec|system|passthru|popen|proc_open)\s*\(\s*(['"])\s*([\w./-]+)"""
                      r"""|=\s*`\s*([\w./-]+)""")


def _programs_shelled(text: str) -> tuple[str, ...]:
    """The programs a PHP file runs through a shell, by their names."""
    return tuple(dict.fromkeys(posixpath.basename(m.group(2) or m.group(3)) for m in _SHELLED.finditer(text)))


def _composer_called(facts: StageFacts) -> str | None:
    """Where the app's own PHP code, in the files of the build context the stage copies, runs composer (rp30review
    Peemima/vendor-webpush: index.php prints `shell_exec('composer --version')` and `composer show`, empty once
    Composer stayed in the builder); None where it does not, or without the context."""
    read = facts.read_context
    found = source_programs(facts.copied, read, (".php",), _programs_shelled, "PHP") if read else []
    return next((f"{who} runs {name}" for name, who in found if name in ("composer", "composer.phar")), None)


def _script_text(facts: StageFacts, folder: str, word: str) -> str | None:
    """A script of the image (``word``, from ``folder``; a name alone, from the PATH), read from the build context:
    where the COPY that put it there took it from (``COPY compose/entrypoint.sh /entrypoint.sh``), else as
    :func:`read_from_context` guesses."""
    read = facts.read_context
    if read is None:
        return None
    places = [posixpath.join(p, word) for p in PATH_FOLDERS] if "/" not in word else \
        [posixpath.normpath(posixpath.join(folder, word))]
    for place in places:
        where = context_location(facts.copied, place, read)
        text = read(where) if where else None
        if text is not None:
            return text
    return read_from_context(read, folder, word) if "/" in word or word.endswith(".sh") else None


def finish(facts: StageFacts) -> Finish | None:
    """Composer and the packages only it uses stay in the builder, unless the program runs them."""
    # a composer command that installs packages (a plugin or self-update alone does not)
    composer_runs = any(_is_composer(c) and cl.role is Role.BUILD and cl.artifacts for d in facts.decisions
                        for c, cl in zip(d.commands, d.claims, strict=True))
    downloaded = any("composer" in cl.provides for d in facts.decisions for cl in d.claims) or \
        any(_copies_composer(d) for d in facts.decisions)
    if not composer_runs and not downloaded:
        return None
    used, unread = _program_words(facts)
    called = _composer_called(facts) if downloaded else None
    if called is not None:
        return _composer_for_scripts(facts, (), "", called) or Finish(
            skip=f"{called}, which the build installs and the runtime would not have, and where the file puts it is "
                 "not known")
    if downloaded and used & {"composer", "composer.phar"}:
        return _composer_for_scripts(facts, (), "runs composer") or Finish(
            skip="the CMD or ENTRYPOINT runs composer, which the build installs and the runtime would not have, and "
                 "where the file puts it is not known")
    if downloaded and not composer_runs:
        return _composer_kept(facts)
    scripts = [w for w in unread if w.endswith(".sh") or not w.startswith("/")
               or posixpath.dirname(w) not in PATH_FOLDERS]  # not /usr/sbin/apache2ctl: the image's own program
    if downloaded and scripts:
        kept = _composer_for_scripts(facts, scripts, "")
        if kept is not None:
            return kept
    setup_tools = {t for d in facts.decisions for c, cl in zip(d.commands, d.claims, strict=True)
                   if cl.role is Role.SETUP for t in (cl.tools if cl.tools is not None else (c.name or "",))}
    # git stays where the program runs a script the context does not give: the plan keeps it for such a script
    # (an entrypoint may clone or pull), and dropping it here made the runtime lack what a note said it kept
    drop = tuple(p for p in _COMPOSER_TOOLS if p in facts.kept_packages and composer_runs
                 and p.split("-")[0] not in used | setup_tools and not (unread and p.split("-")[0] == "git"))
    # Debian's composer on an official php image: a build tool that brings a second, Debian PHP (82 MB), which
    # the app, run by the image's own PHP, does not use (rp11 mundi_toys); on Debian's PHP it is kept (its
    # dependencies are extensions the app may load)
    debian_composer = "composer" in facts.kept_packages and composer_runs and facts.image.repo == "php" and \
        not facts.image.registry and not used & {"composer", "composer.phar"} and "composer" not in setup_tools \
        and not unread  # (an entrypoint the context does not give may run composer)
    notes: list[str] = []
    if downloaded:
        notes.append("Composer is a build tool: it stays in the builder")
    if drop:
        notes.append(f"left {', '.join(drop)} in the builder: only Composer uses them")
    if debian_composer:
        drop += ("composer",)
        notes.append(f"left Debian's composer package in the builder: a build tool, with a PHP of its own, which "
                     f"the program, run by {facts.image.shown}'s own PHP, does not use")
    if unread and (drop or downloaded):
        notes.append(f"{', '.join(dict.fromkeys(unread))} is not in the build context: the tool takes it that it "
                     "does not run composer or unzip")
    return Finish(drop_packages=drop, notes=tuple(notes))


_UNKNOWN = "?"  # a placement of Composer the tool cannot follow
_INSTALLERS = frozenset({"composer-setup.php", "composer-installer.php", "installer", "installer.php"})


def _placed(cmd: Command, workdir: str, moved: bool) -> str | None:
    """Where a command of Composer's install puts Composer itself (None: it places nothing, the installer's
    download or a chmod; _UNKNOWN: where, the tool cannot tell). ``moved``: a `cd` ran before it in the RUN."""
    args = cmd.args

    def absolute(path: str) -> str:
        return path if path.startswith("/") else _UNKNOWN if moved else posixpath.join(workdir, path)

    if cmd.name in ("curl", "wget"):
        target = option_value(args, "-o", "--output", "-O", "--output-document")
        if target is None or posixpath.basename(target) in _INSTALLERS:
            return None if target is not None or cmd.connector == "|" else _UNKNOWN
        return absolute(target)
    if cmd.name in ("chmod", "rm") or (_PHP.match(cmd.name or "") and has_flag(args, "-r")):
        return None
    if _PHP.match(cmd.name or "") or cmd.name in _INSTALLERS:
        if any(a is None for a in args):
            return _UNKNOWN
        folder = option_value(args, "--install-dir")
        name = option_value(args, "--filename") or "composer.phar"
        return absolute(posixpath.join(folder, name) if folder else name)
    if cmd.name in ("mv", "cp", "install"):
        pos = positional(args, frozenset({"-m", "--mode"}))
        if len(pos) != 2 or pos[0] is None or pos[1] is None:
            return _UNKNOWN
        target = pos[1]
        if target.endswith("/") or target in ("/usr/local/bin", "/usr/bin", "/bin", "/usr/local/sbin"):
            target = posixpath.join(target, posixpath.basename(pos[0]))
        return absolute(target)
    return _UNKNOWN  # a link (the runtime would need what it points to), a command the tool does not follow


def _copies_composer(d: DecisionFacts) -> bool:
    """``COPY --from=composer:2 /usr/bin/composer /usr/bin/composer``: Composer taken from its image."""
    source = d.inst.flag("from") if d.inst.cmd == "copy" else None
    return bool(source) and ImageRef.parse(source or "").repo in data("commands.json")["build_tool_images"]


def _copied_to(d: DecisionFacts) -> str:
    """Where a COPY of Composer from its image puts it (_UNKNOWN: several sources, a variable)."""
    *sources, dest = d.inst.value or ("",)
    if len(sources) != 1 or "$" in dest or not dest:
        return _UNKNOWN
    if dest.endswith("/") or dest in (".", "/usr/local/bin", "/usr/bin", "/bin", "/usr/local/sbin"):
        dest = posixpath.join(dest, posixpath.basename(sources[0].rstrip("/")))
    return posixpath.normpath(posixpath.join(d.workdir, dest))


def _composer_path(facts: StageFacts) -> str | None:
    """Where the file puts Composer, followed through its install (installer options, downloads, moves, a COPY
    from Composer's image)."""
    path: str | None = None
    for d in facts.decisions:
        if _copies_composer(d):
            path = _copied_to(d)
            if path == _UNKNOWN:
                return None
            continue
        moved = False
        for cmd, cl in zip(d.commands, d.claims, strict=True):
            moved = moved or cmd.name in ("cd", "pushd", "popd")
            if "composer" not in cl.provides:
                continue
            found = _placed(cmd, d.workdir, moved)
            if found == _UNKNOWN:
                return None
            path = found or path
    return path


def _composer_kept(facts: StageFacts) -> Finish:
    """Composer the file installs but never runs is there for run time (an entrypoint, the image's users): the
    runtime gets it too, copied from where the file put it (it is one PHP archive, which the runtime's PHP runs);
    else the file is left alone: where it lies is not known, or the file sets it up (``composer global require``
    of a plugin, ``composer config -g``) in Composer's home."""
    own = next((c for d in facts.decisions for c in d.commands if _is_composer(c)), None)
    if own is not None:
        shown = " ".join(w.text for w in own.argv)[:60]
        return Finish(skip=f"the file installs Composer but runs no composer command that installs packages: it is "
                           f"there for run time (an entrypoint or the image's users run it), and `{shown}` changes "
                           "Composer itself or its home (a plugin, settings, an update), which the runtime would "
                           "have to copy too")
    path = _composer_path(facts)
    if path is None:
        return Finish(skip="the file installs Composer but runs no composer command: it is there for run time "
                           "(an entrypoint or the image's users run it), and where the file puts it is not known")
    kept = Artifact(path, reason="Composer, which the file installs for run time (it runs no composer command)")
    return Finish(artifacts=(*facts.artifacts, kept), notes=(
        f"the file installs Composer but runs no composer command: it is there for run time (an entrypoint or "
        f"the image's users run it), so the runtime copies it ({path})",))


def _composer_for_scripts(facts: StageFacts, unread: Sequence[str], runs: str, said: str = "") -> Finish | None:
    """Composer, and the tools it installs with, kept for the scripts the CMD or ENTRYPOINT runs that the tool cannot
    read (not in the build context, or run by one through a path it cannot follow): such a script may run
    ``composer install`` at the container's start, as Mapas Culturais' entrypoint does through its deploy.sh (read16:
    7eeaaf3e); ``said``: why else, the app's PHP code that runs it (:func:`_composer_called`). Composer is one PHP
    archive (2 MB), copied from where the file put it; None where that is not known."""
    path = _composer_path(facts)
    if path is None:
        return None
    kept = Artifact(path, reason="Composer, which the command or a script it runs may run")
    if said:
        why = said
    elif runs:
        why = f"the CMD or ENTRYPOINT (or a script it runs) {runs}"
    else:
        why = f"{', '.join(dict.fromkeys(unread))} is not read (not in the build context, or run through a path the " \
              "tool cannot follow), and may run composer at the container's start"
    return Finish(artifacts=(*facts.artifacts, kept), notes=(
        f"{why}: the runtime keeps Composer ({path}) and the tools it installs with",))


PASS = Pass(NAME, "Composer installs, PHP extensions (docker-php-ext-*, pecl, phpize), artisan and bin/console "
            "tasks, PHP tests", claim, finish)
