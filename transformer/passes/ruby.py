"""Ruby: gem install, bundle install (with its settings), asset precompilation; ruby:X -> ruby:X-slim.

Where gems go: on the official ruby image into GEM_HOME (/usr/local/bundle, which also holds bundler's
settings, BUNDLE_APP_CONFIG); into the path bundler is told (``--path``, ``--deployment``,
``BUNDLE_PATH``, ``bundle config set path``); on a distribution image into /var/lib/gems with their
commands under /usr/local (empty in the base image). A Ruby the file installs with the system's package
manager (Alpine's, whose gems' commands land in /usr/bin among the system's own; Debian's on an image with files
of its own under /usr/local; a distribution's on an image the tool does not know) installs gems into a folder of
their own, GEM_HOME=/opt/gems, set before the first install and copied alone: the runtime is the same image (or
the distribution's without the build packages) with the same Ruby, whose own gems stay in its default path,
which rubygems still reads (GEM_PATH is left unset). Gems with native extensions link libraries of
the full image: the runtime installs those of the gems the lock file names (data/ruby_native.json);
when the lock file is not in the build context, those of the gems the Gemfile names (with the database gem a gem
named for its database is built on), or, when the Gemfile has more than gem lines and blocks the reader knows,
those of the common ones, and says so.
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
from collections.abc import Sequence
from enum import Enum

import yaml

from ..analysis import (
    Artifact,
    Claim,
    Role,
    RunContext,
    database_task,
    has_flag,
    matched_in_context,
    no_context,
    option_value,
    positional,
    read_from_context,
)
from ..claims import LISTED_INSTALLED, Environment, Finish, Pass, StageFacts
from ..images import data, runtime_image, usr_local_has_files
from ..official import inherited, known_repositories, tag_exists
from ..packages import DevRuntime, by_ldd_note, is_guess, program_note, programs_run, runtime_libraries, unnamed
from ..shell import Command, first_unquoted

NAME = "ruby"

_GEM_HOME = "/usr/local/bundle"  # the official image's GEM_HOME and BUNDLE_APP_CONFIG
# tasks that write only into the app's folder (tmp: makes or clears tmp/cache, tmp/pids, tmp/sockets...)
# (app:update:bin: Rails writes bin/rails, bin/rake and bin/setup again: rp30review the1031hiroto/ecr)
_BUILD_TASKS = re.compile(r"^(assets:precompile|webpacker:|assets:clean|tmp:|jekyll|build|app:update:bin$)")
_GEM_VALUES = frozenset({"-v", "--version", "-i", "--install-dir", "-n", "--bindir", "--source", "-s", "-p",
                         "--platform"})


def _gem_home(ctx: RunContext) -> str | None:
    home = ctx.getenv("GEM_HOME")
    if _official_ruby(ctx) and _official_gem_home_lacks(ctx.image.shown, home) is not None:
        return None
    return home or (_GEM_HOME if _official_ruby(ctx) else None)


def _official_ruby(ctx: RunContext) -> bool:
    return ctx.image.repo == "ruby" and not ctx.image.registry


def _official_gem_home_lacks(image: str, home: str | None) -> str | None:
    """Which image lacks the GEM_HOME ``home`` the official ruby ``image`` (or the file) sets, so that gems there
    would not be found: the tags before October 2014 set none (ruby:2.1.2: gems go among the Ruby's own files),
    the early slim variants the runtime takes neither (ruby:1.9.3-slim, 2.2.1-slim). None when both have it, the
    file sets its own (the runtime repeats the ENV), or the tag is not known (a newer one: today's all set it)."""
    found = inherited(image)
    own = found.env_value("GEM_HOME") if found is not None else None
    if home is not None and home != own:
        return None
    if found is None:
        return image if tag_exists(image) is True else None
    if own is None:
        return image
    runtime = runtime_image(image)
    slim = inherited(runtime)
    return runtime if slim is not None and slim.env_value("GEM_HOME") != own else None


def _system_gems(ctx: RunContext, tool: str) -> Claim | None:
    """Gems into the image's Ruby: GEM_HOME on the official image; /var/lib/gems and /usr/local on a
    distribution image (whose /usr/local is empty)."""
    home = _gem_home(ctx)
    if home is not None:
        return Claim(Role.BUILD, NAME, f"{tool} installs gems into {home}",
                     artifacts=(Artifact(home, reason="the installed gems", whole_dir=True),))
    if _other_system(ctx):  # not Debian's layout (CentOS's rubygems: /usr/local/share/gems, /usr/local/lib64/gems)
        return None
    if ctx.kind == "system" and not ctx.image.is_alpine and not _apt_ruby(ctx) and \
            any(o == "/usr/local" or o.startswith("/usr/local/") for o in ctx.outputs):
        # no Ruby package of the distribution, and a build that installed into /usr/local (`./configure && make
        # install`): its gems go to /usr/local/lib/ruby/gems, and /var/lib/gems, Debian's Ruby's, is not there
        # (read24 531a3d11)
        return Claim(Role.BUILD, NAME, f"{tool} installs gems into the Ruby the build installed into /usr/local",
                     artifacts=(Artifact("/usr/local", reason="the Ruby the build installed, with its gems and "
                                                              "their commands", whole_dir=True),))
    if ctx.kind == "system" and not ctx.image.is_alpine:
        return Claim(Role.BUILD, NAME, f"{tool} installs gems into /var/lib/gems",
                     artifacts=(Artifact("/var/lib/gems", reason="the installed gems", whole_dir=True),
                                Artifact("/usr/local", reason="the gems' commands (the base image has nothing "
                                                              "under /usr/local)", whole_dir=True)))
    if _distribution_ruby(ctx) and (ctx.kind == "python" or not usr_local_has_files(ctx.image)):
        return Claim(Role.BUILD, NAME, f"{tool} installs gems into /var/lib/gems (Debian's Ruby)",
                     artifacts=(Artifact("/var/lib/gems", reason="the installed gems", whole_dir=True),
                                Artifact("/usr/local/bin", reason="the gems' commands", whole_dir=True)))
    return None


# distributions' images whose Ruby package is not Debian's, whose gems do not go to /var/lib/gems (Fedora's and
# CentOS's rubygems install into /usr/local/share/gems, their compiled parts into /usr/local/lib64/gems)
_OTHER_SYSTEMS = frozenset({"centos", "fedora", "amazonlinux", "rockylinux", "almalinux", "oraclelinux",
                            "opensuse/leap", "opensuse/tumbleweed", "archlinux", "clearlinux", "photon"})


# Debian's and Ubuntu's Ruby packages (ruby, ruby-full, ruby2.0, ruby1.9.1, their -dev, Brightbox's), and those that
# depend on one (ruby-bundler, bundler, rubygems)
_APT_RUBY = re.compile(r"^ruby[\w.+-]*(=.*)?$|^(bundler|rubygems(-integration)?|rails|rake)(=.*)?$")


def _apt_ruby(ctx: RunContext) -> bool:
    """Whether the stage installed a Ruby package of the distribution, whose gems go to /var/lib/gems."""
    return any(_APT_RUBY.match(p) for p in (*ctx.installed, *ctx.installed_here))


def _other_system(ctx: RunContext) -> bool:
    return not ctx.image.registry and ctx.image.repo in _OTHER_SYSTEMS


def _distribution_ruby(ctx: RunContext) -> bool:
    """An official image other than ruby's, on Debian or Ubuntu (node, python, golang, buildpack-deps...):
    it has no Ruby of its own, so the Ruby is the distribution's package, whose gems go to /var/lib/gems and
    their commands to /usr/local/bin."""
    image = ctx.image
    return image.repo in known_repositories() and image.repo != "ruby" and not image.is_alpine \
        and not image.registry


def _gem(cmd: Command, ctx: RunContext) -> Claim | None:
    pos = positional(cmd.args, _GEM_VALUES)
    verb = pos[0] if pos else None
    if verb in ("sources", "update", "env", "list", "--version", "-v", "cleanup", "query", "search", "help"):
        return Claim(Role.NEUTRAL, NAME) if verb != "update" else _system_gems(ctx, "`gem update`")
    if verb != "install":
        return None
    into = option_value(cmd.args, "-i", "--install-dir")
    if into:
        return Claim(Role.BUILD, NAME, f"`gem install` installs into {ctx.abspath(into)}",
                     artifacts=(Artifact(ctx.abspath(into), reason="the installed gems", whole_dir=True),))
    return _system_gems(ctx, "`gem install`") or _own_gem_home("gem install", ctx)


GEM_HOME = "/opt/gems"
_OWN_GEMS = Environment(
    GEM_HOME, "", (("GEM_HOME", GEM_HOME), ("PATH", f"{GEM_HOME}/bin:$PATH")),
    f"gems install into {GEM_HOME} with GEM_HOME, copied alone: the Ruby the file installs with the system's "
    f"package manager keeps its own files (and the gems its packages bring) where they are, gem and bundler put "
    f"what they add in {GEM_HOME} (gems, commands in bin), and the runtime, with the same Ruby, reads it there "
    "through GEM_HOME; GEM_PATH is left unset, so rubygems still reads the Ruby's own gems too")

# images whose Ruby a version manager keeps: its wrappers set GEM_HOME themselves
_MANAGED_RUBY = (("phusion/passenger-", "RVM"), ("travisci/", "RVM"), ("rvm", "RVM"), ("rbenv", "rbenv"))
# images that set GEM_HOME (or bundler's path) to a folder of their own, where their own gems are
_OWN_GEM_HOME = ("jekyll/", "envygeeks/jekyll", "circleci/ruby", "cimg/ruby", "bitnami/ruby")


def _own_gem_home(tool: str, ctx: RunContext) -> Claim:
    """Gems into a Ruby the tool does not model: into a folder of their own (GEM_HOME=/opt/gems), which the
    finish step keeps only when the file installs that Ruby with the system's package manager; else the cause."""
    lacks = _official_gem_home_lacks(ctx.image.shown, ctx.getenv("GEM_HOME")) if _official_ruby(ctx) else None
    if lacks is not None:
        return Claim(Role.BLOCKED, NAME, f"`{tool}` installs gems where the official image's rubygems puts them, but "
                                         f"{lacks} sets no GEM_HOME (the official ruby images set it to "
                                         f"{_GEM_HOME} from October 2014, their slim variants from June 2015): "
                                         "there the gems go among the Ruby's own files, or the runtime would not "
                                         "look for them where the builder put them")
    image = "/".join(p for p in (ctx.image.registry, ctx.image.repo) if p)
    managed = next((m for prefix, m in _MANAGED_RUBY if prefix in image), None)
    if managed is not None:
        return Claim(Role.BLOCKED, NAME, f"`{tool}` installs gems into the Ruby of {image}, which {managed} "
                                         "manages: its wrappers set GEM_HOME themselves, so a folder of the tool's "
                                         "would not be where the gems go")
    if any(prefix in image for prefix in _OWN_GEM_HOME):
        return Claim(Role.BLOCKED, NAME, f"`{tool}` installs gems where {image} keeps them: the image sets GEM_HOME "
                                         "(and bundler's path) itself, to a folder that also holds its own gems, "
                                         "which the tool does not know")
    if ctx.image.has_variables or not ctx.image.repo:
        return Claim(Role.BLOCKED, NAME, f"`{tool}` installs gems into the Ruby of the base image, which a build "
                                         "argument names: where it keeps them is not known")
    if ctx.user not in (None, "", "root", "0"):
        return Claim(Role.BLOCKED, NAME, f"`{tool}` runs as {ctx.user}: gems installed as another user than root "
                                         f"go where that user may write, not into {GEM_HOME}, which the tool would "
                                         "copy")
    bundle = tool.startswith("bundle")
    return Claim(Role.BUILD, NAME, f"`{tool}` installs gems into {GEM_HOME} (GEM_HOME), copied alone",
                 artifacts=_own_artifacts(ctx, bundle), environment=_OWN_GEMS)


def _own_artifacts(ctx: RunContext, bundle: bool) -> tuple[Artifact, ...]:
    """The folder of the gems; with bundler, also its settings for the app (``--without`` is remembered in
    the app's .bundle, which ``bundle exec`` reads at run time)."""
    gems = Artifact(GEM_HOME, reason="the installed gems and their commands", whole_dir=True)
    if not bundle or ctx.getenv("BUNDLE_APP_CONFIG"):
        return (gems,)
    return gems, _bundle_settings(ctx)


def _bundle_settings(ctx: RunContext) -> Artifact:
    """The app's .bundle, where bundler remembers ``--without`` and ``--path`` for ``bundle exec``."""
    return Artifact(ctx.abspath(".bundle"), reason="bundler's settings for the app", whole_dir=True, ensure=True)


_SETTINGS = {"path": "BUNDLE_PATH", "deployment": "BUNDLE_DEPLOYMENT", "without": "BUNDLE_WITHOUT",
             "frozen": "BUNDLE_FROZEN", "with": "BUNDLE_WITH", "bin": "BUNDLE_BIN", "jobs": "BUNDLE_JOBS",
             "retry": "BUNDLE_RETRY", "clean": "BUNDLE_CLEAN", "build.nokogiri": "BUNDLE_BUILD__NOKOGIRI"}


def _config(cmd: Command, ctx: RunContext) -> Claim:
    """``bundle config [set] [--local|--global] KEY VALUE``: what bundler reads later, as its variable. Set without
    ``--local``, it goes to the user's settings (~/.bundle/config, BUNDLE_USER_CONFIG, BUNDLE_USER_HOME/config),
    which ``bundle exec`` reads at run time (``without``, ``frozen``): a file the runtime copies."""
    words = [a for a in cmd.args[1:] if a is not None and not a.startswith("--")]
    if words[:1] == ["set"]:
        words = words[1:]
    sets = ((_SETTINGS[words[0]], " ".join(words[1:])),) if len(words) >= 2 and words[0] in _SETTINGS else ()
    written = _user_settings(ctx) if len(words) >= 2 and "--local" not in cmd.args and words[0] != "unset" \
        and None not in cmd.args else None
    if written is None:
        return Claim(Role.NEUTRAL, NAME, sets_env=sets)
    return Claim(Role.BUILD, NAME, f"`bundle config` writes {written}, which `bundle exec` reads at run time",
                 artifacts=(Artifact(written, reason="bundler's settings for the user"),), sets_env=sets)


def _user_settings(ctx: RunContext) -> str | None:
    """Where bundler keeps the user's settings (None: not known)."""
    given = ctx.getenv("BUNDLE_USER_CONFIG") or (f"{ctx.getenv('BUNDLE_USER_HOME')}/config"
                                                 if ctx.getenv("BUNDLE_USER_HOME") else None)
    home = ctx.home()
    path = given or (f"{home}/.bundle/config" if home else None)
    return ctx.abspath(path) if path and "$" not in path and not path.startswith("~") else None


def _bundle(cmd: Command, ctx: RunContext) -> Claim | None:
    pos = positional(cmd.args, frozenset({"--path", "--without", "--with", "--jobs", "-j", "--retry", "--gemfile",
                                          "--binstubs"}))
    verb = pos[0] if pos else "install"
    if verb == "config":
        return _config(cmd, ctx)
    if verb in ("check", "list", "show", "version", "--version", "-v", "lock", "outdated", "platform"):
        return Claim(Role.NEUTRAL, NAME)
    if verb == "exec" and len(pos) > 1:
        return _task(pos[1:], ctx)
    if verb not in ("install", "update", "package", "clean"):
        return None
    artifacts: list[Artifact] = []
    home = _system_gems(ctx, "`bundle install`")
    path = option_value(cmd.args, "--path") or ctx.getenv("BUNDLE_PATH")
    deployment = has_flag(cmd.args, "--deployment") or (ctx.getenv("BUNDLE_DEPLOYMENT") or "") in ("1", "true")
    if path is None and deployment:
        path = "vendor/bundle"
    if path is not None:
        if "$" in path:
            return None
        artifacts.append(Artifact(ctx.abspath(path), reason="the bundled gems", whole_dir=True))
        artifacts.append(_bundle_settings(ctx))
    lock = _lock_written(cmd, ctx, verb)
    if home is None:
        if path is None:
            own = _own_gem_home(f"bundle {verb}", ctx)
            return dataclasses.replace(own, artifacts=own.artifacts + lock) if own.role is Role.BUILD else own
        return Claim(Role.BUILD, NAME, "`bundle install` installs the gems", artifacts=tuple(artifacts) + lock)
    if path is None and not ctx.getenv("BUNDLE_APP_CONFIG"):  # `--without` is remembered in the app's .bundle
        artifacts += _own_artifacts(ctx, bundle=True)[1:]
    return Claim(Role.BUILD, NAME, "`bundle install` installs the gems",
                 artifacts=home.artifacts + tuple(artifacts) + lock)


def _lock_written(cmd: Command, ctx: RunContext, verb: str) -> tuple[Artifact, ...]:
    """The Gemfile.lock ``bundle install`` writes beside a Gemfile copied without one (``COPY Gemfile /app/``; the
    lock left out of the repository): Bundler at run time resolves the gems from it, and without it fails on a
    group ``--without`` left out (``Could not find gem``), or cannot write it as another user. Copied to the runtime,
    where a later copy of the build context still brings the context's own lock over it, as in the original."""
    gemfile = option_value(cmd.args, "--gemfile") or ctx.getenv("BUNDLE_GEMFILE") or "Gemfile"
    frozen = has_flag(cmd.args, "--frozen") or (ctx.getenv("BUNDLE_FROZEN") or "") in ("1", "true")
    if verb != "install" or frozen or "$" in gemfile:
        return ()
    lock = ctx.abspath(gemfile) + ".lock"
    folder = posixpath.dirname(lock)
    for sources, dest, _ in ctx.copied:
        if dest == lock:
            return ()
        if not (dest == folder or dest == ctx.abspath(gemfile) or folder.startswith(dest.rstrip("/") + "/")):
            continue
        for source in sources:
            name = posixpath.basename(source.rstrip("/"))
            if name not in (posixpath.basename(gemfile), "Gemfile") and not name.endswith(".gemspec") \
                    and not _brings_no_lock(ctx, source, dest, lock):
                return ()  # the lock itself, a folder or a pattern that may bring it
    return (Artifact(lock, reason="the Gemfile.lock `bundle install` wrote (no copy before it brings one), which "
                                  "Bundler reads at run time"),)


def _brings_no_lock(ctx: RunContext, source: str, dest: str, lock: str) -> bool:
    """Whether a COPY source that is a pattern (``Gemfile*``) into ``dest`` brings no ``lock`` (absolute), as the
    build context, whose listing of the pattern's folder can be read, shows (rp30review sivolko/blog-cms-platform: a
    Gemfile alone, whose lock `bundle install` wrote and the runtime left behind: Bundler resolved again at each
    start)."""
    folder = posixpath.dirname(source.lstrip("/"))
    if not any(c in source for c in "*?[") or any(c in folder for c in "*?[") or ctx.read_context is no_context \
            or ctx.read_context(f"{folder}/" if folder else "./") is None:
        return False
    brought = posixpath.join(dest, posixpath.basename(lock))  # (the file of that name the pattern puts into dest)
    return matched_in_context(source.lstrip("/"), dest, brought, ctx.read_context) is None


def _task(words: list[str | None], ctx: RunContext) -> Claim | None:
    """``rake assets:precompile`` (also through ``bundle exec`` or ``rails``): the app with its assets."""
    if not words or words[0] not in ("rake", "rails", "jekyll", "middleman", "bin/rails", "./bin/rails"):
        return None
    tasks = [w for w in words[1:] if w and not w.startswith("-") and "=" not in w]
    if words[0] == "rake" and not tasks:
        return Claim(Role.BLOCKED, NAME, "`rake` runs the Rakefile's default task (tests, a build or anything "
                                         "else), which the tool does not read")
    if any(t.startswith("db:") for t in tasks):
        return _database_task(" ".join(w or "" for w in words[:2]), ctx, words)
    if tasks and all(_BUILD_TASKS.match(t) for t in tasks):
        return Claim(Role.BUILD, NAME, f"`{' '.join(w or '' for w in words[:2])}` builds the app's assets",
                     artifacts=(Artifact(ctx.workdir, reason="the app with its built assets", whole_dir=True),))
    if tasks and all(t in ("test", "spec", "rspec", "test:all") for t in tasks):
        return Claim(Role.TEST, NAME, "runs the tests")
    return None


def _database_task(shown: str, ctx: RunContext, words: Sequence[str | None] = ()) -> Claim:
    """``rake db:migrate`` (db:create, db:setup...): the database config/database.yml names. When the build context
    has that file and it puts the environment's database (RAILS_ENV, else development) in a SQLite file under the
    app's folder, or when a SQLite file there that the stage names before it (``rm -f db/production.sqlite3``, ``[
    -f db/production.sqlite3 ]``, a ``mv`` into place) shows where it is, the task is part of the build and the
    runtime copies the folder whole, with the database. So it is, with the assumption in a note, for a server
    (DATABASE_URL, an adapter of a server) and where the file is not read (Rails' default is db/ENV.sqlite3). A
    SQLite file outside the app's folder, or one the file computes (ERB), leaves the file alone."""
    env, section, read = _database_config(ctx)
    database = (section or {}).get("database", "")
    if section is not None and _in_app(section, database):
        return Claim(Role.BUILD, NAME, f"`{shown}` makes the app's database",
                     artifacts=(Artifact(ctx.workdir, reason="the app with its database", whole_dir=True),),
                     note=f"config/database.yml puts the {env} database in {database}, a SQLite file in the app's "
                          f"folder: the runtime copies {ctx.workdir} whole, with it")
    url = ctx.getenv("DATABASE_URL")
    adapter = (section or {}).get("adapter", "")
    if url is not None and url and not url.startswith(("sqlite", "$")):
        default: str | None = f"DATABASE_URL names ({url.split(':', 1)[0]}: a server)"
    elif url is None and not read:
        default = f"config/database.yml names (Rails' default: db/{env}.sqlite3, in the app's folder)"
    elif url is None and adapter and not adapter.startswith("sqlite") and "<%" not in adapter:
        default = f"config/database.yml names for {env} ({adapter}: a server)"
    else:
        default = None
    if section is None:
        why = ("the one config/database.yml (or DATABASE_URL) names, which the tool does not read: a server outside "
               "the image, or a file whose place it does not know")
    else:
        why = (f"the {env} database config/database.yml names ({adapter or 'no adapter'}"
               f"{', ' + database if database else ''}): a file outside the app's folder, or one whose place it "
               "does not know")
    return database_task(NAME, shown, f"`{shown}` changes a database at build time: {why}",
                         f"`{shown}` makes the app's database", ctx, default, words)


def _database_sections(text: str) -> dict[str, dict[str, str]] | None:
    """config/database.yml's sections (environment -> its settings, with ``<<: *default`` merged in), read by
    PyYAML; ERB values are kept as written. None when the file is YAML only once its ERB has run (``<% if %>``
    lines) or is not a mapping of sections."""
    try:
        loaded = yaml.safe_load(text)
    except yaml.YAMLError:
        return None
    if not isinstance(loaded, dict):
        return None
    return {str(name): _one_database(settings) for name, settings in loaded.items() if isinstance(settings, dict)}


def _one_database(settings: dict[object, object]) -> dict[str, str]:
    """An environment's settings; for one of several databases (Rails 6's and 8's ``production: primary: ...,
    cache: ...``), those of the first that is not a SQLite file in the app's folder, else the first's (adv-s38 1f:
    Rails 8's storage/production.sqlite3 read as no adapter, `a file outside the app's folder`)."""
    def scalars(found: dict[object, object]) -> dict[str, str]:
        return {str(k): str(v) for k, v in found.items() if v is not None and not isinstance(v, (dict, list))}
    own = scalars(settings)
    nested = [scalars(v) for v in settings.values() if isinstance(v, dict)]
    if "adapter" in own or "database" in own or not nested:
        return own
    return next((n for n in nested if not _in_app(n, n.get("database", ""))), nested[0])


def _database_config(ctx: RunContext) -> tuple[str, dict[str, str] | None, bool]:
    """(environment, its section of config/database.yml in the build context, whether the file was there) for a
    task that runs in the app's folder with RAILS_ENV, RACK_ENV, else development; the section is None when the
    file is not there or not plain YAML, DATABASE_URL overrides it or the task runs in /."""
    env = ctx.getenv("RAILS_ENV") or ctx.getenv("RACK_ENV") or "development"
    if ctx.workdir == "/" or ctx.getenv("DATABASE_URL"):
        return env, None, False
    text = read_from_context(ctx.read_context, ctx.workdir, "config/database.yml")
    sections = None if text is None else _database_sections(text)
    return env, None if sections is None else sections.get(env, {}), text is not None


def _in_app(section: dict[str, str], database: str) -> bool:
    """Whether the section is a SQLite file under the app's folder (a relative path, no ERB, no URL)."""
    return section.get("adapter", "").startswith("sqlite") and "url" not in section and bool(database) \
        and not database.startswith("/") and ".." not in database and "<%" not in database and ":" not in database


def claim(cmd: Command, ctx: RunContext) -> Claim | None:
    name = cmd.name or ""
    if name == "gem":
        return _gem(cmd, ctx)
    if name == "bundle" or name == "bundler":
        return _bundle(cmd, ctx)
    if name in ("rake", "rails", "jekyll"):
        return _task([name, *cmd.args], ctx)
    if name in ("rspec",):
        return Claim(Role.TEST, NAME, "`rspec` runs the tests")
    return None


def _lock_gems(facts: StageFacts) -> list[str] | None:
    """The gems of Gemfile.lock in the build context (None: not there)."""
    text = facts.read_context("Gemfile.lock") if facts.read_context else None
    if text is None:
        return None
    return re.findall(r"^    ([A-Za-z0-9_.-]+) \(", text, re.M)


# gems that depend on no other gem and build no extension: `gem install bundler` installs nothing else
_NO_DEPENDENCIES = frozenset({"bundler", "rake"})


class GemSource(Enum):
    """Where the gems whose libraries the runtime installs come from."""

    LOCK = "Gemfile.lock"  # every gem of the bundle, with the gems they depend on
    GEMFILE = "Gemfile"  # the gems the app names (not those they depend on)
    ASSUMED = "assumed"  # neither could be read: the common ones, in case
    INSTALLS = "gem install"  # no Bundler: the gems `gem install` names, which depend on no others (bundler)


_GEM = re.compile(r"""^gem\s*\(?\s*(['"])([A-Za-z0-9_.-]+)\1(.*)$""")
# blocks whose gems are installed like the others (platforms: unless only for other Rubies than Linux's MRI)
_GEM_BLOCK = re.compile(r"^(group|groups|platforms|platform|install_if|source|git|github)\b.*\bdo(\s*\|[^|]*\|)?$")
_PLAIN = re.compile(r"^(source|ruby|git_source)\b")  # lines that name no gem
_OTHER_RUBIES = frozenset({"jruby", "jruby_18", "jruby_19", "mingw", "mingw_18", "mingw_19", "mingw_20", "mingw_21",
                           "x64_mingw", "x64_mingw_20", "x64_mingw_21", "mswin", "mswin64", "mswin_18",
                           "mswin_19", "windows", "truffleruby"})


def _strip_comment(line: str) -> str:
    """The line without its ``#`` comment (a ``#`` inside quotes, as in ``"#{repo}"``, is kept)."""
    at = first_unquoted(line, "#")
    return (line if at is None else line[:at]).rstrip()


def _logical_lines(text: str) -> list[tuple[int, str]]:
    """(indent, text) of each statement: comments dropped, a line ending in ``,``, ``\\``, ``(`` or ``[`` joined
    with the next."""
    out: list[tuple[int, str]] = []
    pending = ""
    indent = 0
    for raw in text.splitlines():
        line = _strip_comment(raw)
        if not line.strip():
            continue
        if not pending:
            indent = len(line) - len(line.lstrip())
        pending = f"{pending} {line.strip()}" if pending else line.strip()
        if pending.endswith("\\"):
            pending = pending[:-1].rstrip()
        elif not pending.endswith((",", "(", "[")):
            out.append((indent, pending))
            pending = ""
    if pending:
        out.append((indent, pending))
    return out


def _platforms(text: str) -> frozenset[str]:
    """The platforms a ``platforms :jruby do`` block or a ``platforms: [:mingw, :mswin]`` option names."""
    m = re.search(r"(?:^|[\s,(]):?platforms?\s*(?::|=>)?\s*\(?\s*(%i\[[^\]]*\]|\[[^\]]*\]|:\w+(?:\s*,\s*:\w+)*)", text)
    if m is None:
        return frozenset()
    value = m.group(1)
    return frozenset(value[3:-1].split() if value.startswith("%i[") else re.findall(r"\w+", value))


def _only_other_rubies(text: str) -> bool:
    named = _platforms(text)
    return bool(named) and named <= _OTHER_RUBIES


def gemfile_gems(text: str) -> list[str] | None:
    """The gems a Gemfile names (in groups, git sources and platform blocks too; not those only for JRuby or
    Windows). None when it has anything else: ``gemspec`` (the gems are in the gemspec), ``path`` gems (a local
    gem whose gems are in its own gemspec), ``eval_gemfile``, conditions, variables or any Ruby the reader does
    not know."""
    gems: list[str] = []
    blocks: list[bool] = []  # per open block: its gems are only for other Rubies
    skip_to: int | None = None  # inside a git_source block: the indent of its ``end``
    for indent, line in _logical_lines(text):
        if skip_to is not None:
            if line == "end" and indent == skip_to:
                skip_to = None
            continue
        m = _GEM.match(line)
        if m is not None:
            if re.search(r"(?:^|[\s,(]):?path\s*(?::|=>)", m.group(3)):
                return None
            if not any(blocks) and not _only_other_rubies(m.group(3)):
                gems.append(m.group(2))
        elif line == "end":
            if not blocks:
                return None
            blocks.pop()
        elif line.startswith("git_source") and re.search(r"\bdo(\s*\|[^|]*\|)?$", line):
            skip_to = indent
        elif _GEM_BLOCK.match(line):
            blocks.append(line.startswith("platform") and _only_other_rubies(line))
        elif not _PLAIN.match(line):
            return None
    return None if blocks or skip_to is not None else gems


def _gems(facts: StageFacts) -> tuple[GemSource, list[str]]:
    """The gems whose libraries the runtime installs: with no Bundler in the stage, those its `gem install` commands
    name (rp30review chinny555/rails-sample: `gem install bundler` alone got libsqlite3-0 for Gemfile.lock's
    sqlite3, which nothing installed); Gemfile.lock's; else the Gemfile's, with the database gems named by one of
    its gems (activerecord-postgis-adapter, sequel_pg: built on pg); else the common ones."""
    if not _bundles(facts):
        installed = list(dict.fromkeys(g.split(":")[0] for g in _gem_installs(facts)))
        if all(g in _NO_DEPENDENCIES for g in installed):
            return GemSource.INSTALLS, installed
        return GemSource.ASSUMED, list(data("ruby_native.json")["assumed_without_lock"])
    gems = _lock_gems(facts)
    if gems is not None:
        return GemSource.LOCK, gems
    text = facts.read_context("Gemfile") if facts.read_context else None
    named = gemfile_gems(text) if text is not None else None
    if named is None:
        return GemSource.ASSUMED, list(data("ruby_native.json")["assumed_without_lock"])
    databases: dict[str, str] = data("ruby_native.json")["database_gems"]
    implied = [db for db, pattern in databases.items() if db not in named and any(re.search(pattern, g) for g in named)]
    return GemSource.GEMFILE, list(dict.fromkeys(named + implied))


_RUBY_PACKAGE = re.compile(r"^ruby(\d[\d.]*)?(-dev|-devel|-full|-libs)?$|^rubygems$")
# where gems and their commands would be without the tool's GEM_HOME
_GEM_DIRS = re.compile(r"(?<![\w.$/-])(/usr/local/bundle|/var/lib/gems|/usr/lib/ruby/gems|/usr/local/lib/ruby/gems)\b")
_BIN_PATH = re.compile(r"(?<![\w.$/-])/usr(?:/local)?/bin/([\w.+-]+)")
# commands a system package or the image has, not a gem (a bundle may still bring rake or bundler of its own)
_NOT_GEMS = frozenset({"ruby", "irb", "erb", "gem", "ri", "rdoc", "sh", "bash", "ash", "env", "tini", "dumb-init",
                       "su-exec", "node", "nodejs", "python", "python3", "nginx", "git"})
# programs that start others without the image's ENV, so without GEM_HOME (cron's jobs, sudo, su -, a web
# server's modules)
_OWN_ENVIRONMENT = re.compile(r"(?<![\w.$/-])(cron|crond|crontab|sudo|su|runuser|setuser|apache2|apache2ctl|httpd|"
                              r"nginx|supervisord|supervisor|monit)(?![\w-])|/etc/cron|\benv\s+-i\b")
_GEM_SETTINGS = re.compile(r"\b(GEM_HOME|GEM_PATH|BUNDLE_PATH|BUNDLE_APP_CONFIG|BUNDLE_BIN|GEM_SPEC_CACHE)\b")


def _own_gems_finish(facts: StageFacts) -> Finish | None:
    """Gems in the tool's GEM_HOME: kept only when the file installs the Ruby that runs them with the system's
    package manager (an image's own Ruby may set a GEM_HOME of its own, which the tool cannot see), and when
    nothing runs them without GEM_HOME or names where they would have been."""
    first = next((k for k, d in enumerate(facts.decisions) if any(c.environment is _OWN_GEMS for c in d.claims)),
                 None)
    if first is None:
        return None
    why = _no_package_ruby(facts, first) or _own_gems_conflict(facts, first)
    if why is not None:
        return Finish(skip=f"gems would install into {GEM_HOME} with GEM_HOME, copied alone, but {why}")
    rubies = dict.fromkeys(_interpreter(p.split("=", 1)[0]) for d in facts.decisions for c in d.claims
                           if c.packages is not None and c.packages.action == "install" for p in c.packages.packages
                           if _RUBY_PACKAGE.match(p.split("=", 1)[0]))
    kept = {_interpreter(p.split("=", 1)[0]) for p in facts.kept_packages if _RUBY_PACKAGE.match(p.split("=", 1)[0])}
    missing = tuple(r for r in rubies if r not in kept)
    return Finish(runtime_packages=missing, notes=tuple(
        f"the gems in {GEM_HOME} run with the distribution's {r}: the runtime installs it" for r in missing))


def _interpreter(package: str) -> str:
    """The Ruby package a Ruby -dev (-devel, -full) package belongs to: ruby-dev -> ruby, ruby2.3-dev -> ruby2.3."""
    return re.sub(r"-(dev|devel|full|libs)$", "", package)


def _no_package_ruby(facts: StageFacts, first: int) -> str | None:
    if re.search(r"ruby|rails|jekyll|gem", facts.image.repo):
        return (f"{facts.image.shown} has a Ruby of its own, by its name, which may keep its gems in a GEM_HOME it "
                "sets itself, which the tool cannot see (a GEM_HOME of the tool's would hide them)")
    for d in facts.decisions[:first + 1]:
        for c in d.claims:
            if c.packages is not None and c.packages.action == "install" and any(
                    _RUBY_PACKAGE.match(p.split("=", 1)[0]) for p in c.packages.packages):
                return None
    return (f"no system package install before line {facts.decisions[first].inst.start_line} brings Ruby: it comes "
            f"with {facts.image.shown}, which may keep its own gems in a GEM_HOME it sets itself, which the tool "
            "cannot see (a GEM_HOME of the tool's would hide them)")


def _gem_commands(facts: StageFacts) -> set[str]:
    """The commands the file's ``gem install`` may have put beside the system's (named like their gem)."""
    out = {w.split(":", 1)[0] for w in _gem_installs(facts)}
    if "bundler" in out:
        out.update({"bundle", "bundler"})
    return out


def _own_gems_conflict(facts: StageFacts, first: int) -> str | None:
    """What the tool's GEM_HOME would not serve: the file's own gem settings, programs started without the
    image's ENV, a path where the gems or their commands would have been."""
    for d in facts.decisions:
        if d.inst.cmd in ("run", "cmd", "entrypoint", "env", "arg", "healthcheck"):
            m = _GEM_SETTINGS.search(d.inst.text)
            if m:
                return f"line {d.inst.start_line} sets or names {m.group(0)} itself"
            m = _OWN_ENVIRONMENT.search(d.inst.text)
            if m:
                return (f"line {d.inst.start_line} names `{m.group(0)}`, which starts programs with an environment "
                        "of its own, without GEM_HOME: they would not find the gems")
    for d in facts.decisions:
        for cmd in d.commands:
            words = [w for w in cmd.args if w]
            if cmd.name in ("bundle", "bundler") and words[:1] == ["config"] and "--local" not in words and any(
                    w in ("without", "with", "path", "deployment", "frozen", "bin") for w in words[1:3]):
                return (f"line {d.inst.start_line} sets bundler's `{' '.join(words[:3])}` in root's own settings "
                        "(~/.bundle), which `bundle exec` reads at run time and the runtime would not have")
    gems = _gem_commands(facts)
    bundled = _bundles(facts)
    texts: list[tuple[int | None, str]] = [(d.inst.start_line, d.inst.text) for d in facts.decisions
                                           if d.inst.cmd in ("cmd", "entrypoint", "healthcheck")]
    texts += [(None, " ".join(a or "" for a in run)) for run in facts.runs]
    for line, text in texts:
        where = f"line {line}" if line is not None else "a command the image runs"
        m = _GEM_DIRS.search(text)
        if m:
            return f"{where} names {m.group(0)}, where the gems would be without it"
        for m in _BIN_PATH.finditer(text):
            name = m.group(1)
            if name in gems or (bundled and name not in _NOT_GEMS and name not in ("bundle", "bundler")):
                return (f"{where} names {m.group(0)}, where a gem's command would be without it (with it, in "
                        f"{GEM_HOME}/bin)")
    return None


def finish(facts: StageFacts) -> Finish | None:
    """Gems built against the full image's libraries keep them on the slim image; gems in the tool's
    GEM_HOME need the Ruby the file installs."""
    own = _own_gems_finish(facts)
    if own is not None:
        return own
    if facts.image.repo != "ruby" or facts.image.is_alpine or not any(
            c.ecosystem == NAME and c.role is Role.BUILD for d in facts.decisions for c in d.claims):
        return None
    table: dict[str, list[str]] = data("ruby_native.json")["debian"]
    source, gems = _gems(facts)
    notes: list[str] = []
    if source is GemSource.ASSUMED:
        notes.append(_assumed_note(facts, gems))
    elif source is GemSource.GEMFILE:
        notes.append(_gemfile_note([g for g in gems if table.get(g)]))
    needs = [(gem, dev) for gem in gems for dev in table.get(gem, ())]
    found = runtime_libraries(needs, list(facts.kept_packages), facts.release, facts.image.shown)
    left = unnamed(d for _, d in found)
    programs = _programs(facts, gems)
    ran = tuple(program_note(f"the gem {gem}", p, facts.image.shown) for gem, p in programs)
    if left:  # the builder reads what the installed gems link to: no library is named, nor guessed
        return Finish(by_ldd=left, runtime_packages=tuple(p for _, p in programs),
                      notes=(_by_ldd_note(left, facts, assumed=source is GemSource.ASSUMED), *ran))
    if not found and not programs:
        return Finish(notes=tuple(notes)) if notes else None
    named = [(gem, d) for gem, d in found if not is_guess(d)]  # guesses: the builder lists them where it can
    return Finish(runtime_packages=(*(p for _, d in named for p in d.packages), *(p for _, p in programs)),
                  guessed=tuple((f"the gem {gem}", d) for gem, d in found if is_guess(d)),
                  notes=(*notes, *(f"the gem {gem} is built against {d.dev}: {d.explain()}" for gem, d in named),
                         *ran))


def _programs(facts: StageFacts, gems: list[str]) -> list[tuple[str, str]]:
    """(gem, package) for the programs the gems run (data/ruby_native.json's commands: mini_magick and
    ImageMagick) that the full image has, when the runtime leaves it for the slim one."""
    if "slim" in facts.image.tag.split("-"):
        return []
    return programs_run([*gems, *_gem_installs(facts)], data("ruby_native.json")["commands"], facts.kept_packages)


def _gem_installs(facts: StageFacts) -> list[str]:
    """The gems the stage's `gem install` commands name, as written (``gem install github-pages``, ``rails:5.0``)."""
    found: list[str] = []
    for d in facts.decisions:
        for c in d.commands:
            words = [w for w in positional(c.args, _GEM_VALUES) if w] if c.name == "gem" else []
            if words[:1] == ["install"]:
                found += words[1:]
    return found


def _bundles(facts: StageFacts) -> bool:
    """Whether the stage runs Bundler (a bundle install, exec or config)."""
    return any(c.name in ("bundle", "bundler") for d in facts.decisions for c in d.commands)


def _assumed_note(facts: StageFacts, gems: list[str]) -> str:
    """Why the runtime installs the common gems' libraries: no lock file or Gemfile to read, or no bundle at all."""
    common = f"the common gems with native extensions ({', '.join(gems)})"
    bundled = _bundles(facts)
    named = sorted(_gem_commands(facts) - {"bundle", "bundler"})
    if bundled or not named:
        return (f"Gemfile.lock is not in the build context: the runtime installs the libraries of {common} in case "
                "the bundle has them")
    return (f"the file installs no bundle, only the gems `gem install` names ({', '.join(named)}), whose dependencies "
            f"are not known without the gem registry: the runtime installs the libraries of {common} in case they are "
            "among them")


def _gemfile_note(native: list[str]) -> str:
    if not native:
        return ("Gemfile.lock is not in the build context; the Gemfile names no gem with a native extension that links "
                "a library the slim image lacks, so the runtime installs none (the gems they depend on are not read)")
    return ("Gemfile.lock is not in the build context: the runtime installs the libraries of the gems with native "
            f"extensions the Gemfile names ({', '.join(native)}; the gems they depend on are not read)")


def _by_ldd_note(left: tuple[DevRuntime, ...], facts: StageFacts, assumed: bool) -> str:
    if not assumed:
        return by_ldd_note(left, facts.image.shown, "the gems' native extensions")
    devs = ", ".join(dict.fromkeys(d.dev for d in left))
    return (f"Gemfile.lock is not in the build context and {facts.image.shown}'s release is not in the data, where "
            f"the libraries of common gems with native extensions (behind {devs}) are named differently across "
            "releases: so the run-time libraries are found in the builder by ldd, which lists the packages whose "
            "shared libraries the installed gems link to" + LISTED_INSTALLED)


PASS = Pass(NAME, "gem and bundle installs (GEM_HOME, bundle path, deployment), asset precompilation", claim, finish)
