"""Ruby: gem install, bundle install (with its settings), asset precompilation; ruby:X -> ruby:X-slim.

Where gems go: on the official ruby image into GEM_HOME (/usr/local/bundle, which also holds bundler's
settings, BUNDLE_APP_CONFIG); into the path bundler is told (``--path``, ``--deployment``,
``BUNDLE_PATH``, ``bundle config set path``); on a distribution image into /var/lib/gems with their
commands under /usr/local (empty in the base image). Gems with native extensions link libraries of
the full image: the runtime installs those of the gems the lock file names (data/ruby_native.json),
or, when the lock file is not in the build context, those of the common ones, and says so.
"""

from __future__ import annotations

import re

from ..analysis import Artifact, Claim, Role, RunContext, has_flag, option_value, positional
from ..claims import Finish, Pass, StageFacts
from ..images import data
from ..official import known_repositories
from ..packages import DevRuntime, by_ldd_note, runtime_libraries, unnamed
from ..shell import Command

NAME = "ruby"

_GEM_HOME = "/usr/local/bundle"  # the official image's GEM_HOME and BUNDLE_APP_CONFIG
_BUILD_TASKS = re.compile(r"^(assets:precompile|webpacker:compile|assets:clean|tmp:clear|jekyll|build)")
_GEM_VALUES = frozenset({"-v", "--version", "-i", "--install-dir", "-n", "--bindir", "--source", "-s", "-p",
                         "--platform"})


def _gem_home(ctx: RunContext) -> str | None:
    home = ctx.getenv("GEM_HOME")
    if home:
        return home
    if ctx.image.repo == "ruby" and not ctx.image.registry:
        return _GEM_HOME
    return None


def _system_gems(ctx: RunContext, tool: str) -> Claim | None:
    """Gems into the image's Ruby: GEM_HOME on the official image; /var/lib/gems and /usr/local on a
    distribution image (whose /usr/local is empty)."""
    home = _gem_home(ctx)
    if home is not None:
        return Claim(Role.BUILD, NAME, f"{tool} installs gems into {home}",
                     artifacts=(Artifact(home, reason="the installed gems", whole_dir=True),))
    if ctx.kind == "system" and not ctx.image.is_alpine:
        return Claim(Role.BUILD, NAME, f"{tool} installs gems into /var/lib/gems",
                     artifacts=(Artifact("/var/lib/gems", reason="the installed gems", whole_dir=True),
                                Artifact("/usr/local", reason="the gems' commands (the base image has nothing "
                                                              "under /usr/local)", whole_dir=True)))
    if _distribution_ruby(ctx):
        return Claim(Role.BUILD, NAME, f"{tool} installs gems into /var/lib/gems (Debian's Ruby)",
                     artifacts=(Artifact("/var/lib/gems", reason="the installed gems", whole_dir=True),
                                Artifact("/usr/local/bin", reason="the gems' commands", whole_dir=True)))
    return None


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
    return _system_gems(ctx, "`gem install`") or _unknown_gem_home("gem install", ctx)


def _unknown_gem_home(tool: str, ctx: RunContext) -> Claim:
    """Gems installed where an image's own Ruby keeps them: not known for an image the tool does not model."""
    image = "/".join(p for p in (ctx.image.registry, ctx.image.repo) if p)
    if ctx.image.is_alpine:
        return Claim(Role.BLOCKED, NAME, f"`{tool}` installs gems with Alpine's Ruby, which puts their commands "
                                         "into /usr/bin among the system's own: they cannot be copied apart")
    return Claim(Role.BLOCKED, NAME, f"`{tool}` installs gems where the Ruby of {image} keeps them, which the tool "
                                     "does not know (no GEM_HOME, bundle path or --deployment is set)")


_SETTINGS = {"path": "BUNDLE_PATH", "deployment": "BUNDLE_DEPLOYMENT", "without": "BUNDLE_WITHOUT",
             "frozen": "BUNDLE_FROZEN", "with": "BUNDLE_WITH", "bin": "BUNDLE_BIN", "jobs": "BUNDLE_JOBS",
             "retry": "BUNDLE_RETRY", "clean": "BUNDLE_CLEAN", "build.nokogiri": "BUNDLE_BUILD__NOKOGIRI"}


def _config(cmd: Command) -> Claim:
    """``bundle config [set] [--local|--global] KEY VALUE``: what bundler reads later, as its variable."""
    words = [a for a in cmd.args[1:] if a is not None and not a.startswith("--")]
    if words[:1] == ["set"]:
        words = words[1:]
    if len(words) >= 2 and words[0] in _SETTINGS:
        return Claim(Role.NEUTRAL, NAME, sets_env=((_SETTINGS[words[0]], " ".join(words[1:])),))
    return Claim(Role.NEUTRAL, NAME)


def _bundle(cmd: Command, ctx: RunContext) -> Claim | None:
    pos = positional(cmd.args, frozenset({"--path", "--without", "--with", "--jobs", "-j", "--retry", "--gemfile",
                                          "--binstubs"}))
    verb = pos[0] if pos else "install"
    if verb == "config":
        return _config(cmd)
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
        artifacts.append(Artifact(ctx.abspath(".bundle"), reason="bundler's settings for the app", whole_dir=True,
                                  ensure=True))
    if home is None:
        if path is None:
            return _unknown_gem_home(f"bundle {verb}", ctx)
        return Claim(Role.BUILD, NAME, "`bundle install` installs the gems", artifacts=tuple(artifacts))
    return Claim(Role.BUILD, NAME, "`bundle install` installs the gems", artifacts=home.artifacts + tuple(artifacts))


def _task(words: list[str | None], ctx: RunContext) -> Claim | None:
    """``rake assets:precompile`` (also through ``bundle exec`` or ``rails``): the app with its assets."""
    if not words or words[0] not in ("rake", "rails", "jekyll", "middleman", "bin/rails", "./bin/rails"):
        return None
    tasks = [w for w in words[1:] if w and not w.startswith("-") and "=" not in w]
    if words[0] == "rake" and not tasks:
        return Claim(Role.BLOCKED, NAME, "`rake` runs the Rakefile's default task (tests, a build or anything "
                                         "else), which the tool does not read")
    if any(t.startswith("db:") for t in tasks):
        return Claim(Role.BLOCKED, NAME, f"`{' '.join(w or '' for w in words[:2])}` changes a database at build "
                                         "time (its files lie where the app's configuration says)")
    if tasks and all(_BUILD_TASKS.match(t) for t in tasks):
        return Claim(Role.BUILD, NAME, f"`{' '.join(w or '' for w in words[:2])}` builds the app's assets",
                     artifacts=(Artifact(ctx.workdir, reason="the app with its built assets", whole_dir=True),))
    if tasks and all(t in ("test", "spec", "rspec", "test:all") for t in tasks):
        return Claim(Role.TEST, NAME, "runs the tests")
    return None


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


def finish(facts: StageFacts) -> Finish | None:
    """Gems built against the full image's libraries keep them on the slim image."""
    if facts.image.repo != "ruby" or facts.image.is_alpine or not any(
            c.ecosystem == NAME and c.role is Role.BUILD for d in facts.decisions for c in d.claims):
        return None
    table: dict[str, list[str]] = data("ruby_native.json")["debian"]
    gems = _lock_gems(facts)
    notes: list[str] = []
    if gems is None:
        gems = list(data("ruby_native.json")["assumed_without_lock"])
        notes.append("Gemfile.lock is not in the build context: the runtime installs the libraries of the common "
                     f"gems with native extensions ({', '.join(gems)}) in case the bundle has them")
    needs = [(gem, dev) for gem in gems for dev in table.get(gem, ())]
    found = runtime_libraries(needs, list(facts.kept_packages), facts.release, facts.image.shown)
    left = unnamed(d for _, d in found)
    if left:  # the builder reads what the installed gems link to: no library is named, nor guessed
        return Finish(by_ldd=left, notes=(_by_ldd_note(left, facts, lock=not notes),))
    if not found:
        return Finish(notes=tuple(notes)) if notes else None
    return Finish(runtime_packages=tuple(p for _, d in found for p in d.packages),
                  notes=(*notes, *(f"the gem {gem} is built against {d.dev}: {d.explain()}" for gem, d in found)))


def _by_ldd_note(left: tuple[DevRuntime, ...], facts: StageFacts, lock: bool) -> str:
    if lock:
        return by_ldd_note(left, facts.image.shown, "the gems' native extensions")
    devs = ", ".join(dict.fromkeys(d.dev for d in left))
    return (f"Gemfile.lock is not in the build context and {facts.image.shown}'s release is not in the data, where "
            f"the libraries of common gems with native extensions (behind {devs}) are named differently across "
            "releases: so the run-time libraries are found in the builder by ldd, which lists the packages whose "
            "shared libraries the installed gems link to, and the runtime, on the same release, installs that list")


PASS = Pass(NAME, "gem and bundle installs (GEM_HOME, bundle path, deployment), asset precompilation", claim, finish)
