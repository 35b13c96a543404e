"""Node.js: npm/yarn/pnpm installs, builds and tests."""

from __future__ import annotations

import dataclasses
import enum
import fnmatch
import json
import posixpath
import re
from collections.abc import Callable, Sequence, Set
from typing import Any

import json5
import yaml

from ..analysis import (
    Artifact,
    Claim,
    Role,
    RunContext,
    context_location,
    env_pairs,
    expand,
    has_flag,
    no_context,
    option_value,
    positional,
    read_where_copied,
)
from ..claims import LISTED_INSTALLED, Finish, Pass, StageFacts
from ..commands import app_command_verbs, installed_by, script_run, unwrapped_line
from ..images import data, family_of, runtime_image, usr_local_has_files
from ..official import tag_exists
from ..packages import (
    DevRuntime,
    LibrarySource,
    by_ldd_note,
    is_guess,
    package_name,
    program_note,
    programs_run,
    runtime_libraries,
    unnamed,
)
from ..shell import Command, parse_shell
from ..tracking import tracked, under, without_gnu_find

NAME = "node"

_MANAGERS = ("npm", "yarn", "pnpm")
# the package managers' options that take a value (the word after one is no positional argument)
_VALUE_OPTIONS = frozenset({"--cache", "--prefix", "--registry", "--cwd", "-C", "--modules-folder", "--cache-folder",
                            # yarn's and npm's settings with a value, written apart (`--network-timeout 600000`)
                            "--network-timeout", "--network-concurrency", "--mutex", "--loglevel", "--fetch-timeout",
                            "--fetch-retries", "--omit", "--include"})
# yarn 1's install of the production dependencies alone, which takes the dev dependencies out of node_modules: from
# the lock file the builder has, without writing it; --ignore-scripts, so that no lifecycle script runs again (the
# project's own `prepare`, as husky's, would find its dev dependency gone; the addons the first install built stay)
_YARN_PRUNE = "yarn install --production --pure-lockfile --ignore-scripts"
_PRUNE = {"npm": "npm prune --omit=dev", "pnpm": "pnpm prune --prod", "yarn": _YARN_PRUNE}


_BUILDERS = frozenset({"tsc", "webpack", "vite", "esbuild", "rollup", "next", "ng", "gulp", "grunt", "brunch",
                       "parcel", "nuxt", "gatsby", "ember", "vue-cli-service", "react-scripts", "tailwindcss", "nest"})
# global packages whose command has another name than the package
_COMMAND_OF = {"coffee-script": "coffee", "coffeescript": "coffee", "typescript": "tsc", "@angular/cli": "ng",
               "gulp-cli": "gulp", "grunt-cli": "grunt", "@vue/cli": "vue", "@nestjs/cli": "nest", "less": "lessc",
               "node-sass": "node-sass", "uglify-js": "uglifyjs", "http-server": "http-server", "pm2": "pm2",
               "Haraka": "haraka"}
# global commands that only build, bundle, lint or test: the runtime does not need them
_BUILD_TOOLS = _BUILDERS | frozenset({"bower", "gulp", "grunt", "node-gyp", "yarn", "pnpm", "coffee", "lessc",
                                      "node-sass", "sass", "uglifyjs", "browserify", "babel", "eslint", "jshint",
                                      "tslint", "prettier", "elm", "lerna", "nx", "vue", "webpack-dev-server",
                                      "rimraf", "mocha", "jest", "karma", "cordova", "ionic", "polymer", "jspm",
                                      "yo", "typings", "npm-check-updates", "@vue/cli", "ember-cli"})
# the packages of a C/C++ compiler (and make), with which node-gyp builds a package's native modules
_COMPILER_PACKAGES = frozenset({"g++", "gcc", "make", "build-essential", "build-base", "clang", "gcc-c++", "cpp"})
# global commands that only build native addons with a C/C++ compiler, which no runtime keeps: they stay in the builder
# even when the program may run any command (``npm start``)
_COMPILE_ONLY = frozenset({"node-gyp"})
# global packages of JavaScript only (none of their dependencies builds a native module): installed again in a
# runtime without compilers, they are the same
_PURE_JS = frozenset({"pm2", "forever", "nodemon", "express", "express-generator", "serve", "http-server", "mkdirp",
                      "mysql", "sequelize", "sequelize-cli", "grunt", "grunt-cli", "bower", "gulp", "gulp-cli", "yarn",
                      "pnpm", "npm", "typescript", "ts-node", "meteorite", "coffee-script", "coffeescript", "less",
                      "uglify-js", "rimraf", "concurrently", "cross-env", "dotenv-cli", "json-server", "knex"})
# packages whose install has node-gyp build their native modules where no prebuilt one is downloaded (node-sass's
# binding comes from GitHub's releases, for the Node.js versions it was released for; else it builds with python3,
# make and g++, as its README says; heapdump ships none)
_GYP_BUILT = frozenset({"node-sass", "heapdump"})
# packages whose install unpacks the program it downloads with `tar jxf` (phantomjs's and phantomjs-prebuilt's
# install.js, for the Linux .tar.bz2): bzip2, which the full node image has (buildpack-deps) and node:slim lacks
_BZIP2_UNPACKED = frozenset({"phantomjs", "phantomjs-prebuilt"})
# a CMD or ENTRYPOINT running a script the tool does not read may call any command
_SCRIPTS = (".sh", ".py", ".rb", ".pl")
_MODULES_CHANGES = frozenset({"rebuild", "update", "upgrade", "up", "dedupe", "ddp", "audit", "prune"})
_TOOLS = frozenset({"npm", "yarn", "pnpm", "npx", "corepack"})
# the package managers every official node image (full or slim) carries in /usr/local/bin: not yarn or corepack,
# which images of Node.js 25 and later lack (a global install of them that the image's command runs is made again)
_SHIPPED = frozenset({"npm", "npx"})
# the global packages of the official node images (yarn and corepack until Node.js 25)
_IMAGE_GLOBALS = frozenset({"npm", "yarn", "corepack"})
# nvm's folder, once its known installer ran in the stage (the fetch pass sets it)
_NVM = installed_by("nvm")
# nvm's subcommands that install, select or list Node.js versions in its folder (not `nvm run`/`exec`, which run
# a program with one)
_NVM_VERBS = frozenset({"install", "use", "alias", "unalias", "uninstall", "deactivate", "current", "ls", "list",
                        "ls-remote", "version", "version-remote", "which", "cache", "install-latest-npm",
                        "reinstall-packages", "--version", "--help"})


def _cache(name: str, ctx: RunContext) -> str:
    """Where the package manager keeps its download cache (left in the layer unless cleaned)."""
    if name == "yarn":
        root = ctx.user in (None, "", "root", "0")
        return "/usr/local/share/.cache/yarn" if root else f"{ctx.likely_home()}/.cache/yarn"
    if name == "pnpm":
        return f"{ctx.likely_home()}/.local/share/pnpm"
    return f"{ctx.likely_home()}/.npm"


def _user_config(verb: str, pos: list[str | None], cmd: Command, ctx: RunContext) -> Claim | None:
    """``npm config set production``, ``npm set unsafe-perm true``: the user's settings file (~/.npmrc,
    --userconfig, NPM_CONFIG_USERCONFIG), which npm reads whenever it runs in the image (npm 6 and older run `npm
    start` with NODE_ENV=production when `production` is set, and as root with `unsafe-perm`): a file the runtime
    copies. None for another command, npm's global or project file, or a value the file does not show. (yarn's
    `config set` writes ~/.yarnrc with yarn 1 but the project's .yarnrc.yml with yarn 2 and later, which the tool
    cannot tell apart without the project.)"""
    if (pos[1:2] if verb == "config" else ["set"]) != ["set"] or any(
            a is None or a in ("-g", "--global") or a.startswith("--location") for a in cmd.args):
        return None
    given = next((cmd.args[k + 1] for k, a in enumerate(cmd.args[:-1]) if a == "--userconfig"), None)
    given = given or next((a.split("=", 1)[1] for a in cmd.args if a and a.startswith("--userconfig=")), None)
    home = ctx.home()
    path = given or ctx.getenv("NPM_CONFIG_USERCONFIG") or ctx.getenv("npm_config_userconfig") or (
        f"{home}/.npmrc" if home else None)
    if path is None or "$" in path or path.startswith("~"):
        return None
    path = ctx.abspath(path)
    return Claim(Role.BUILD, NAME, f"`npm config set` writes {path}, which npm reads where it runs",
                 artifacts=(Artifact(path, reason="npm's settings"),))


def _nvm(cmd: Command, ctx: RunContext) -> Claim | None:
    """``nvm install 18``, ``nvm use``, ``nvm alias default``: Node.js versions installed or selected in the folder of
    the nvm the stage installed, a build tool that stays in the builder. None for an nvm the file did not install
    with its known installer (the shell pass names it), and for ``nvm run``/``nvm exec``, which run a program."""
    folder = ctx.getenv(_NVM)
    verb = cmd.args[0] if cmd.args else None
    if folder is None or verb not in _NVM_VERBS:
        return None
    return Claim(Role.BUILD, NAME, f"`nvm {verb}` installs or selects a Node.js version in nvm's folder ({folder}), "
                                   "a build tool that stays in the builder")


# corepack's verbs that put the shims of yarn and pnpm into Node.js's bin folder or fetch a version of them into its
# cache (not `corepack pnpm ...`, which runs one, nor `corepack use`, which writes package.json)
_COREPACK_VERBS = frozenset({"enable", "prepare", "install"})
# the package managers corepack's shims run
_COREPACK_MANAGERS = frozenset({"yarn", "yarnpkg", "pnpm", "pnpx"})


def _corepack(cmd: Command, ctx: RunContext) -> Claim | None:
    """``corepack enable``, ``corepack prepare pnpm@8 --activate``: the package managers set up for the build, which
    the runtime does again when the program runs one of them (``CMD ["pnpm", "start"]``) or a script the tool does
    not read (the slim image of the same Node.js has corepack too)."""
    verb = cmd.args[0] if cmd.args else None
    if verb not in _COREPACK_VERBS:
        return None
    run = {posixpath.basename(a[0] or "") for a in ctx.runs if a}
    if run & _COREPACK_MANAGERS or any(r.endswith(_SCRIPTS) for r in run):
        return Claim(Role.SETUP, NAME, f"`corepack {verb}` sets up the package manager the program runs: the runtime "
                                       "does it again", tools=("corepack",))
    return Claim(Role.BUILD, NAME, f"`corepack {verb}` sets up yarn and pnpm for the build",
                 provides=tuple(sorted(_COREPACK_MANAGERS)))


def _packages_shown(named: Sequence[str | None], commands: tuple[str, ...]) -> str:
    """The packages a global install names, each with the command it gives where that is another name
    (``@angular/cli (the command ng)``, rp24node LuisXVI-Flash/angular-app: the note said "installs ng")."""
    shown = [c if _bare(p or "") == c else f"{_bare(p or '')} (the command {c})"
             for p, c in zip(named, commands, strict=True)]
    return ", ".join(dict.fromkeys(shown))


def _global(cmd: Command, pos: list[str | None], ctx: RunContext) -> Claim | None:
    """A global install: a build tool (bower, gulp, typescript) stays in the builder; a command the program
    runs (pm2, serve), or any when it runs a script the tool cannot read, is installed again in the
    runtime, which has npm: copying the global prefix would copy Node.js itself along. With the Node.js of the
    nvm the stage installed (which stays in the builder), only build tools can be installed globally."""
    name = cmd.name or ""
    named = [p for p in pos[1:] if p and p != "global" and p != "add"]
    if named and all(_updates(p, ctx) for p in named if p) and not _runs_unshipped(named, ctx):
        shown = ", ".join(p for p in named if p)
        # the image's command may run the manager (a script the tool does not read, `yarn start`): the runtime's is the
        # image's own, not the updated one (read26 3748f186: `npm install -gf yarn@^1.21.1`, a security update)
        run, opaque = _run_words(ctx)
        note = (f"assumed: the program runs with the package manager node's image has, not the {shown} the file "
                "installs globally for the build, which stays in the builder"
                if opaque or run & {_command(p) for p in named if p} else "")
        return Claim(Role.BUILD, NAME, f"`{name}` updates the package manager (a build tool)", note=note)
    folder = ctx.getenv(_NVM)
    commands = tuple(_command(p) for p in named)
    if folder is not None and (not commands or any(c not in _BUILD_TOOLS or p.startswith((".", "/"))
                                                   for c, p in zip(commands, named, strict=True))):
        what = ", ".join(dict.fromkeys(commands)) if commands else "the app"
        return Claim(Role.BLOCKED, NAME, f"`{name}` installs {what} globally into the Node.js of the nvm the stage "
                                         f"installed ({folder}), which stays in the builder: the program may run "
                                         "it, and the runtime would not have it")
    if folder is not None:
        shown = ", ".join(dict.fromkeys(commands))
        return Claim(Role.BUILD, NAME, f"`{name}` installs build tools globally ({shown}) into the Node.js of nvm "
                                       f"({folder})", provides=commands)
    if not named or any(p.startswith((".", "/")) for p in named if p):
        return _global_app(cmd, [p for p in named if p], ctx)
    given = ctx.getenv("NPM_CONFIG_PREFIX") or ctx.getenv("npm_config_prefix")
    # with no prefix given, npm's own: /usr with NodeSource's nodejs (not an output of a build into /usr/local)
    origin = _origin(ctx) if name == "npm" and not given else None
    prefix = ctx.abspath(given or (origin.prefix if isinstance(origin, _Origin) else "/usr/local"))
    if "$" not in prefix and any(o != "/" and (prefix == o or prefix.startswith(o + "/")) for o in ctx.outputs):
        # Node.js unpacked into /usr/local by the build: the global install lands in a folder the runtime copies
        return Claim(Role.BUILD, NAME, f"`{name}` installs {', '.join(commands)} globally into {prefix}, which the "
                                       "runtime copies from the builder")
    run, opaque = _run_words(ctx)
    if commands and all(c in _COMPILE_ONLY for c in commands) and not run & set(commands):
        shown = ", ".join(commands)
        # where the command may run it (a script the tool does not read), the note says what is assumed (read18:
        # 726ffc37's entrypoint.sh, after `npm -g i node-gyp@3.4.0`, lost the global node-gyp without a word)
        note = (f"assumed: the command, which the tool does not read, does not run {shown}, which the file installs "
                "globally to build native addons with a C/C++ compiler: it stays in the builder, with the compiler"
                if opaque else "")
        return Claim(Role.BUILD, NAME, f"`{name}` installs {shown} globally, which builds native addons with a C/C++ "
                                       "compiler (a build tool)", provides=commands, note=note)
    # a file that sets no CMD or ENTRYPOINT on an image whose own command is an interpreter or a shell (node's
    # `node`, debian's and ubuntu's `bash`; not nginx's server) leaves the command to `docker run`: the image's users
    # may run any command it installs globally (`npm install -g ember-cli`, then `docker run IMAGE ember server`)
    left_to_run = not ctx.runs and (_official_node(ctx) or ctx.image.repo in ("debian", "ubuntu"))
    opaque = opaque or left_to_run
    again = run & set(commands) or opaque or not all(c in _BUILD_TOOLS for c in commands)
    # compilers installed before it, in an earlier RUN or in this one (`apt-get install -y build-essential && npm
    # install -g node-red`)
    compilers = [p for p in ctx.installed + ctx.installed_here if p.split("=")[0] in _COMPILER_PACKAGES]
    unpacked = [p for p in named if p and _bare(p) in _BZIP2_UNPACKED]
    if again and unpacked and _full_node_image(ctx):
        # `npm install -g phantomjs@1.9.16` on node (75fbd19e): made again on node:slim, its install.js would fail
        return Claim(Role.BLOCKED, NAME, f"`{name}` installs {', '.join(map(_bare, unpacked))} globally, which the "
                                         "runtime would install again on the node image's slim variant: its install "
                                         "unpacks the downloaded program with `tar jxf`, which needs bzip2, which "
                                         "the full node image has and the slim one lacks")
    if again and not compilers and any(_bare(p) in _GYP_BUILT for p in named if p) and _full_node_image(ctx):
        # `npm install -g node-sass` on node (791c8719): node-gyp builds it with the full image's own gcc, g++, make
        # and python3 (buildpack-deps), which node:slim lacks
        return _global_native(cmd, commands, ("gcc", "g++", "make"), ctx, by="the full node image has")
    if again and compilers and not all(_bare(p) in _PURE_JS for p in named if p):
        return _global_native(cmd, commands, tuple(dict.fromkeys(compilers)), ctx)
    packages = _packages_shown(named, commands)
    if left_to_run and not run & set(commands):
        return Claim(Role.SETUP, NAME, f"`{name}` installs {packages} globally, and the file sets no CMD "
                                       "or ENTRYPOINT: the image's users may run it (`docker run IMAGE "
                                       f"{commands[0]} ...`), so the runtime installs it again", tools=(name,))
    if run & set(commands) or opaque:  # opaque: a script or package script the tool does not read may run it
        runs = "runs" if run & set(commands) else "may run"
        return Claim(Role.SETUP, NAME, f"`{name}` installs {packages} globally, which the program {runs}: "
                                       "the runtime installs it again", tools=(name,))
    if not all(c in _BUILD_TOOLS for c in commands):  # a command the program may call (phantomjs for a gem)
        return Claim(Role.SETUP, NAME, f"`{name}` installs {packages} globally, which the program may run: "
                                       "the runtime installs it again", tools=(name,))
    return Claim(Role.BUILD, NAME, f"`{name}` installs build tools globally ({', '.join(commands)})",
                 provides=commands)


class _Origin(enum.Enum):
    """Where the stage's Node.js comes from, which sets npm's global prefix: the prefix, the global packages the
    Node.js comes with there (an update of one deletes files of it) and who installed them, and what the tool
    assumed, for reasons."""

    IMAGE = ("/usr/local", _IMAGE_GLOBALS, "the node image has installed globally",
             "where the official node image has Node.js")
    # Debian's and Ubuntu's npm package: /usr/share/nodejs/npm/npmrc (/usr/share/npm/npmrc before npm 7) sets
    # prefix=/usr/local (read in bullseye's 7.5.2, bookworm's 9.2.0, xenial's 3.5.2, focal's 6.14.4, jammy's 8.5.1)
    DISTRIBUTION = ("/usr/local", frozenset[str](), "", "as the built-in configuration of Debian's and Ubuntu's npm "
                    "package sets it (/usr/share/nodejs/npm/npmrc)")
    # NodeSource's nodejs brings npm in /usr/lib/node_modules with no configuration: npm's default prefix, the
    # folder above the node it runs with (/usr/bin/node)
    NODESOURCE = ("/usr", frozenset({"npm", "corepack"}), "NodeSource's nodejs comes with in /usr/lib/node_modules",
                  "npm's default with NodeSource's nodejs, the folder above "
                  "its /usr/bin/node (the packages in /usr/lib/node_modules, the links of their commands in /usr/bin)")

    def __init__(self, prefix: str, bundled: frozenset[str], bundled_by: str, assumed: str) -> None:
        self.prefix = prefix
        self.bundled = bundled
        self.bundled_by = bundled_by
        self.assumed = assumed


def _origin(ctx: RunContext) -> _Origin | str:
    """Where the stage's Node.js, and npm, come from: the official node image, Debian's or Ubuntu's npm package
    (installed with apt on their own images, with no other package repository set up for it), NodeSource's nodejs
    (after its repository's setup); else why it is not known ("npm's global prefix is not known: ...")."""
    if _sets_prefix(ctx):
        return "the stage sets npm's prefix in its configuration (`npm config set prefix`)"
    if _official_node(ctx):
        return _Origin.IMAGE
    installed = {package_name(p) for p in ctx.installed + ctx.installed_here}
    other = next((line for line, packages in reversed(ctx.repositories) if packages is None), None)
    if other is not None:
        return (f"npm's global prefix is not known: apt's sources, which the file changes at line {other}, may "
                "give another Node.js than the distribution's or NodeSource's")
    if any("nodejs" in (packages or ()) for _, packages in ctx.repositories):
        return _Origin.NODESOURCE if "nodejs" in installed else \
            "npm's global prefix is not known: the file sets up NodeSource's repository but installs no nodejs"
    if "npm" in installed and not ctx.image.is_alpine and not usr_local_has_files(ctx.image):
        if _updates_npm(ctx):
            # npm from the registry does not read Debian's built-in configuration: its prefix is the folder above
            # /usr/bin/node, /usr
            return ("npm's global prefix is not known: the stage updates Debian's npm with npm itself, and the new "
                    "npm, which does not read the package's built-in configuration, uses /usr")
        return _Origin.DISTRIBUTION
    return ("npm's global prefix is known only for the official node images' npm and Debian's and Ubuntu's npm "
            "package on their own images (/usr/local), and NodeSource's nodejs (/usr)")


def _npm_commands(ctx: RunContext) -> list[list[str]]:
    """The npm commands of the stage's RUNs, before and after the one read (:attr:`RunContext.stage_commands`), as
    their words after ``npm`` (a word with a variable as written)."""
    return [[w.text if w.value is None else w.value for w in c.argv[1:]] for c in ctx.stage_commands
            if c.name == "npm"]


def _updates_npm(ctx: RunContext) -> bool:
    """Whether a RUN of the stage installs npm globally with npm (``npm install -g npm@9``), which replaces the npm
    that runs the installs after it."""
    for words in _npm_commands(ctx):
        verbs = [w for w in words if not w.startswith("-")]
        if verbs[:1] and verbs[0] in ("install", "i", "add", "update", "up", "upgrade") \
                and ("-g" in words or "--global" in words) and any(re.fullmatch(r"npm(@\S*)?", v) for v in verbs[1:]):
            return True
    return False


def _sets_prefix(ctx: RunContext) -> bool:
    """Whether a RUN of the stage sets npm's prefix in its configuration (``npm config set prefix /opt/npm``)."""
    return any([w for w in words if not w.startswith("-")][:3] in (["config", "set", "prefix"], ["set", "prefix"])
               or (words[:1] in (["config"], ["set"]) and any(w.startswith("prefix=") for w in words[1:3]))
               for words in _npm_commands(ctx))


# what the reason of a tracked global install says of the packages' native modules
_NATIVE_BUILT = "whose native modules node-gyp builds"


class _Tag(enum.Enum):
    """What this pass marks a claim as (``Claim.tag``), for its finish to find it by."""

    NATIVE_GLOBAL = "native-global"  # a tracked global install whose native modules node-gyp builds
    # an install into the app's node_modules of packages the tool does not know: named on the command line (`npm
    # install nodegit`), or by a package.json the build context does not give
    NAMED_MODULES = "named-modules"
    UNREAD_MODULES = "unread-modules"


# the native modules of a tracked global install on the full node image
_GLOBAL_MODULES = DevRuntime(
    "the global packages' native modules", LibrarySource.LEFT, (),
    why="the native modules of the global packages, built on the full node image, may link its libraries (libpq, "
        "which buildpack-deps' libpq-dev brings, for pg-native), which the slim variant lacks, and the builder cannot "
        "list them for the runtime")

# the native addons of packages installed into node_modules on the full node image, which the tool does not know
_INSTALLED_MODULES = DevRuntime(
    "the installed packages' native addons", LibrarySource.LEFT, (),
    why="the native addons of the packages the file installs into node_modules, which node-gyp may build on the full "
        "node image, may link its libraries (libpq, which buildpack-deps' libpq-dev brings, for pg-native), which the "
        "slim variant lacks, and the builder cannot list them for the runtime")


def _global_native(cmd: Command, commands: tuple[str, ...], compilers: tuple[str, ...], ctx: RunContext,
                   by: str = "the file installs before it") -> Claim:
    """A global install of packages whose native modules node-gyp may build with the compilers the file installs:
    the runtime, which has no compilers, cannot install them again. Where npm's global prefix is known (the
    official node images' and Debian's npm: /usr/local; NodeSource's: /usr) npm's own install runs as written and is
    tracked: the runtime gets what it added there (the packages in lib/node_modules and the links of their
    commands in bin), built in the builder."""
    name = cmd.name or ""
    shown = " ".join(w.text for w in cmd.argv)[:60]
    what = (f"`{name}` installs {', '.join(commands)} globally, which the runtime would install again without the "
            f"compilers {by} ({', '.join(compilers)}): its native modules, which node-gyp "
            "builds with them, would not build there")
    if without_gnu_find(ctx) is not None:
        return Claim(Role.BLOCKED, NAME, f"{what}; {without_gnu_find(ctx)}")
    origin = _origin(ctx) if name == "npm" else "the tool tracks npm's global installs only"
    if isinstance(origin, str):
        return Claim(Role.BLOCKED, NAME, f"{what}; not tracked either: {origin}")
    given = ctx.getenv("NPM_CONFIG_PREFIX") or ctx.getenv("npm_config_prefix")
    if given and ctx.abspath(given) != origin.prefix:
        return Claim(Role.BLOCKED, NAME, f"{what}; not tracked either: npm's global prefix is {ctx.abspath(given)}")
    shipped = [c for c in commands if c in origin.bundled]
    if shipped:
        # an update of a package the image has: the files it deletes would stay in the runtime's own copy
        return Claim(Role.BLOCKED, NAME, f"{what}; not tracked either: it also updates {', '.join(shipped)}, which "
                                         f"{origin.bundled_by}: the files the update deletes "
                                         "would stay in the runtime's copy")
    found = _tracked_global(cmd, ctx, shown, None, origin.prefix)
    if isinstance(found, str):
        return Claim(Role.BLOCKED, NAME, f"{what}; {found}")
    return dataclasses.replace(found, tag=_Tag.NATIVE_GLOBAL,
                               reason=f"`{name}` installs {', '.join(commands)} globally, {_NATIVE_BUILT} "
                                      f"with the compilers {by.split(' before')[0]} ({', '.join(compilers)}), "
                                      f"which the runtime lacks; npm's global prefix is taken to be {origin.prefix}, "
                                      f"{origin.assumed}: {found.reason}")


def _run_words(ctx: RunContext) -> tuple[set[str], bool]:
    """The commands the image's CMD and ENTRYPOINT may run, and whether they may run any command (a script the tool
    does not read). A package script they run (``npm run start:prod``) is read from the context's package.json:
    every word of it (with its pre- and post- scripts) may be a command; one not found stays any command."""
    run: set[str] = set()
    opaque = False
    for argv in ctx.runs:
        words = [a or "" for a in argv[:2]]
        script = _package_script(argv, ctx)
        if script is not None:
            words = script.replace(";", " ").replace("&", " ").replace("|", " ").split()
            words = [posixpath.basename(w) for w in words] + words
        run.update(posixpath.basename(w) if i == 0 else w for i, w in enumerate(words))
        run.add(posixpath.basename(argv[0] or "") if argv else "")  # the package manager itself runs
        opaque = opaque or any(w.endswith(_SCRIPTS) or w in ("npm", "yarn", "npx", "pnpm") for w in words) \
            or _runs_process_file(argv)
    return run, opaque


# pm2's process files (ecosystem.config.js, processes.json, pm2.yml): the apps they list, each with its own script
_PROCESS_FILES = (".json", ".yml", ".yaml", ".config.js", ".config.cjs")


def _runs_process_file(argv: tuple[str | None, ...]) -> bool:
    """Whether the command is pm2 given a process file (``pm2 start --no-daemon processes.json``, ``pm2-runtime
    ecosystem.config.js``): it runs the scripts the file lists, which the tool does not read (they may call any
    command installed globally, as adapt_authoring's server runs grunt to build courses; dev 1af8bde2)."""
    name = posixpath.basename(argv[0] or "") if argv else ""
    return name in ("pm2", "pm2-runtime", "pm2-docker") and any(
        a is not None and a.endswith(_PROCESS_FILES) for a in argv[1:])


def _script_name(argv: tuple[str | None, ...]) -> str | None:
    """The package script ``npm start``/``npm run NAME``/``yarn NAME``/``pnpm run NAME`` runs; None for any other
    command."""
    manager = posixpath.basename(argv[0] or "") if argv else ""
    pos = [a for a in argv[1:] if a is not None and not a.startswith("-")]
    if manager not in _MANAGERS or not pos or None in argv:
        return None
    if pos[0] in ("run", "run-script") and len(pos) > 1:
        return pos[1]
    if pos[0] in ("start", "restart", "stop") or manager == "yarn" and pos[0] not in ("run", "exec", "dlx") \
            or manager == "pnpm" and pos[0] not in _PNPM_COMMANDS:
        return pos[0]
    return None


# pnpm's own commands and their aliases: any other word is a package script it runs (`pnpm build`, rp28review
# zjjaxx/nest_server: read as unknown, its nest build in / was skipped as outputs that cannot be told apart)
_PNPM_COMMANDS = frozenset({
    "add", "install", "i", "update", "up", "upgrade", "remove", "rm", "uninstall", "un", "link", "ln", "unlink",
    "import", "rebuild", "rb", "prune", "fetch", "install-test", "it", "dedupe", "patch", "patch-commit",
    "patch-remove", "audit", "list", "ls", "ll", "la", "outdated", "why", "licenses", "exec", "run", "run-script",
    "test", "t", "tst", "dlx", "create", "env", "setup", "store", "root", "bin", "publish", "pack", "server",
    "config", "c", "get", "set", "init", "deploy", "doctor", "recursive", "multi", "m", "approve-builds", "cat-file",
    "cat-index", "find-hash", "self-update", "ignored-builds", "help", "completion", "sbom", "version"})


def _package_script(argv: tuple[str | None, ...], ctx: RunContext) -> str | None:
    """The text of the package scripts ``npm start``/``npm run NAME``/``yarn NAME``/``pnpm run NAME`` runs, read
    from the context's package.json, with its pre- and post- scripts; None for any other command or a script (or
    package.json) not found."""
    name = _script_name(argv)
    return None if name is None else _script_text(_manifest(ctx.read_file("package.json")), name)


def _run_script(doc: dict[str, Any] | None, name: str, manager: str) -> str | None:
    """What ``npm run NAME`` runs: the script, or npm's own start when package.json gives none (``node server.js``)."""
    scripts = doc.get("scripts") if doc is not None else None
    if manager == "npm" and name == "start" and doc is not None and not (isinstance(scripts, dict) and
                                                                         "start" in scripts):
        return "node server.js"
    return _script_text(doc, name)


def _script_text(doc: dict[str, Any] | None, name: str) -> str | None:
    """A package.json's script NAME with its pre- and post- scripts (joined by ``;``); None when it has none."""
    scripts = doc.get("scripts") if doc is not None else None
    if not isinstance(scripts, dict) or not isinstance(scripts.get(name), str):
        return None
    parts = [scripts.get(f"pre{name}"), scripts[name], scripts.get(f"post{name}")]
    if not all(isinstance(p, str) for p in parts if p is not None):
        return None
    return " ; ".join(p for p in parts if isinstance(p, str))


def _global_app(cmd: Command, folders: list[str], ctx: RunContext) -> Claim | None:
    """The app itself installed (``npm install -g``, ``npm install -g ./app``) or linked (``npm link``) into the
    global prefix: the prefix (its lib/node_modules and the commands in bin) and the app's folder, which the
    prefix may link to, are build outputs. On an official node image, whose /usr/local holds Node.js, the install
    into /usr/local is tracked: the runtime gets what it added there (the link to the app, or its copy, and the
    commands' links) and the app's folder."""
    if cmd.name != "npm" or any("$" in f for f in folders):
        return None
    prefix = ctx.getenv("NPM_CONFIG_PREFIX") or ctx.getenv("npm_config_prefix") or "/usr/local"
    if "$" in prefix:
        return None
    apps = [ctx.abspath(f) for f in folders] or [ctx.workdir]
    if "/" in apps:
        return None
    linked = tuple(Artifact(a, reason="the app the global install may link to", whole_dir=True) for a in apps)
    whole = "the app installed globally, with its commands"
    if ctx.abspath(prefix) == "/usr/local" and _official_node(ctx):
        shown = " ".join(w.text for w in cmd.argv)[:60]
        found = _tracked_global(cmd, ctx, shown, apps[0]) if len(apps) == 1 else \
            "not tracked either: it installs more than one folder"
        if isinstance(found, Claim):
            return dataclasses.replace(found, reason=f"`npm` installs the app ({apps[0]}) globally: {found.reason}",
                                       artifacts=(*found.artifacts, *linked))
        whole = f"{whole}; {found}"
    return Claim(Role.BUILD, NAME, f"`npm` installs the app into the global prefix {ctx.abspath(prefix)}",
                 artifacts=(Artifact(ctx.abspath(prefix), reason=whole, whole_dir=True), *linked))


def _full_node_image(ctx: RunContext) -> bool:
    """Whether the stage's image is an official node image with buildpack-deps' compilers (not a slim or Alpine
    one, nor one whose tag a variable gives)."""
    tag = ctx.image.tag
    return _official_node(ctx) and not ctx.image.is_alpine and "slim" not in tag and "alpine" not in tag \
        and "$" not in tag


def _official_node(ctx: RunContext) -> bool:
    """Whether the stage's image is an official node image, whose npm's global prefix is /usr/local."""
    family = family_of(ctx.image)
    return family is not None and family.kind == NAME


def _tracked_global(cmd: Command, ctx: RunContext, shown: str, tree: str | None,
                    prefix: str = "/usr/local") -> Claim | str:
    """A global npm install into ``prefix`` (``shown``, building in ``tree``: the app's folder, else npm's cache)
    tracked, npm's cache and node-gyp's headers left out of the check; else why not ("not tracked either: ...")."""
    if any(a is None or a.startswith("--prefix") for a in cmd.args):
        return "not tracked either: npm's global prefix is given by --prefix (or a word a variable names)"
    home = ctx.home() or ctx.likely_home()  # a user's other than root's: tracked() says why not
    if "$" in home:
        return "not tracked either: npm keeps its cache in a home folder a variable names"
    cache = ctx.getenv("NPM_CONFIG_CACHE") or ctx.getenv("npm_config_cache") or posixpath.join(home, ".npm")
    # npm's cache and logs; node-gyp's Node.js headers (~/.cache/node-gyp since node-gyp 5, ~/.node-gyp before)
    caches = (ctx.abspath(cache), *(posixpath.join(home, c) for c in (".cache/node-gyp", ".node-gyp")))
    if tree is None or tree == caches[0]:
        tree, caches = caches[0], caches[1:]
    return tracked(cmd, ctx, NAME, prefix, shown, tree, caches=caches,
                   elsewhere="a package whose install scripts write outside npm's global prefix and its caches")


def _updates(package: str, ctx: RunContext) -> bool:
    """Whether a global install of a package manager updates one the image has: npm (and its npx) wherever npm
    runs; yarn, pnpm, corepack on the official node images only. Elsewhere (`npm i -g yarn` with Debian's npm on
    ruby) it installs a new command, which the program may run."""
    bare = package.split("@")[0]
    return bare in _TOOLS and (bare in _SHIPPED or _official_node(ctx))


def _runs_unshipped(named: list[str], ctx: RunContext) -> bool:
    """Whether the image's CMD or ENTRYPOINT runs a package manager the global install brings that not every official
    node image ships (``npm i -g pnpm`` then ``CMD ["pnpm", "start"]``): the runtime must install it again."""
    run = {posixpath.basename(a[0] or "") for a in ctx.runs if a}
    return any(_command(p) in run - _SHIPPED for p in named if p)


def _command(package: str) -> str:
    """The command a global package installs: ``typescript`` -> ``tsc``, ``pm2@5`` -> ``pm2``; a package from GitHub
    by its repository (``gulpjs/gulp-cli#4.0`` -> ``gulp``)."""
    github = re.fullmatch(r"(?:github:)?[\w.-]+/([\w.-]+?)(?:\.git)?(?:#.*)?", package)
    bare = github.group(1) if github and not package.startswith("@") else _bare(package)
    return _COMMAND_OF.get(bare, bare.removesuffix("-cli"))


def _bare(package: str) -> str:
    """``@scope/name@1.2`` -> ``@scope/name``, ``name@1.2`` -> ``name``."""
    head, sep, rest = package.lstrip("@").partition("@")
    return ("@" if package.startswith("@") else "") + head


# a package's command run by its path: node_modules/.bin/tsc, node_modules/typescript/bin/tsc(.js)
_PACKAGE_BIN = re.compile(r"^(?:.*/)?node_modules/(?:\.bin/|(?:@[^/]+/)?[^/]+/bin/)([^/]+?)(?:\.js)?$")
# the .bin folder of an app's node_modules (not the global one under /usr), as a command's path
_APP_BIN = re.compile(r"^(?!/usr/)(?:.*/)?node_modules/\.bin/[^/]+$")


def _by_path(cmd: Command) -> Command | None:
    """``node ./node_modules/typescript/bin/tsc``: the package's command (``tsc``) with its arguments."""
    if cmd.name not in ("node", "nodejs") or len(cmd.argv) < 2 or cmd.argv[1].value is None:
        return None
    m = _PACKAGE_BIN.match(cmd.argv[1].value)
    if m is None:
        return None
    return dataclasses.replace(cmd, argv=(dataclasses.replace(cmd.argv[1], value=m.group(1)), *cmd.argv[2:]))


def _as_npx(cmd: Command, ctx: RunContext) -> Claim | None:
    """``./node_modules/.bin/svelte-kit sync``, a command of the app's packages run by its path, which neither this
    pass nor data/commands.json's app_commands know by name: as ``npx`` runs it (rp20node remla-app, MISSED: taken
    for a script the tool does not know)."""
    first = cmd.argv[0].value if cmd.argv else None
    if first is None or not _APP_BIN.match(first) or app_command_verbs(cmd.name or "") is not None:
        return None
    named = dataclasses.replace(cmd.argv[0], value=cmd.name)
    return claim(dataclasses.replace(cmd, argv=(dataclasses.replace(cmd.argv[0], value="npx"), named, *cmd.argv[1:])),
                 ctx)


def claim(cmd: Command, ctx: RunContext) -> Claim | None:
    command = _by_path(cmd)
    if command is not None:
        return claim(command, ctx)
    name = cmd.name or ""
    args = cmd.args
    if name in _BUILDERS:
        return _build(name, ctx, f"`{name}` builds the app", script=_line(cmd))
    browsers = _browser_install(name, args)
    if browsers is not None:
        return Claim(Role.BLOCKED, NAME, browsers)
    if name == "npx" and args:
        return _build("npm", ctx, f"`npx {args[0]}` builds the app", script=_line(cmd))
    if name == "bower":
        return Claim(Role.BUILD, NAME, "`bower` installs front-end packages",
                     artifacts=(Artifact(ctx.workdir, reason="the app with its front-end packages", whole_dir=True),))
    if name == "nvm":
        return _nvm(cmd, ctx)
    if name == "corepack":
        return _corepack(cmd, ctx)
    if name not in _MANAGERS:
        return _as_npx(cmd, ctx)
    pos = positional(args, _VALUE_OPTIONS)
    verb = pos[0] if pos else ("install" if name == "yarn" else None)
    if verb is None:
        return None
    if verb == "cache":
        cleans = len(pos) > 1 and pos[1] in ("clean", "clear", "rm", "prune")
        return Claim(Role.NEUTRAL, NAME, removes=(_cache(name, ctx),) if cleans else ())
    if verb in ("config", "set") and name == "npm":
        written = _user_config(verb, pos, cmd, ctx)
        if written is not None:
            return written
    if verb in ("config", "set", "get", "--version", "-v", "version", "ls", "list", "outdated", "info", "view",
                "whoami", "doctor", "ping", "bin", "root"):
        return Claim(Role.NEUTRAL, NAME)
    if _global_install(name, args, verb) or verb == "link" and len(pos) == 1:
        return _global(cmd, pos, ctx)
    if verb in ("ci", "install", "i", "add") and not (name == "npm" and verb == "add"):
        return _read_manifests(_unknown_modules(_install(name, verb, pos, cmd, ctx), pos[1:], ctx), ctx)
    if verb in ("test", "t") or (verb == "run" and len(pos) > 1 and pos[1] and pos[1].startswith("test")):
        return Claim(Role.TEST, NAME, f"`{name} test` runs the tests")
    if verb in _MODULES_CHANGES:
        return Claim(Role.BUILD, NAME, f"`{name} {verb}` changes node_modules",
                     artifacts=(Artifact(ctx.abspath("node_modules"), reason="the app's dependencies"),))
    if verb in ("uninstall", "remove", "rm", "un", "r"):
        return Claim(Role.BUILD, NAME, f"`{name} {verb}` removes packages",
                     artifacts=(Artifact(ctx.workdir, reason="the app and its packages", whole_dir=True),))
    script = pos[1] if verb in ("run", "run-script") and len(pos) > 1 else verb
    if script and verb in ("run", "run-script", "build") or (name == "yarn" and script):
        return _build(name, ctx, f"`{name} run {script}` builds the app", prune=_builds(script), script=_line(cmd))
    return None


# the browser installs of the packages that drive a browser: package command -> (its install verbs, the folder the
# browsers go to, the variable that moves it); they download outside node_modules, into the user's cache
_BROWSER_INSTALLS = {"playwright": (("install", "install-deps"), "~/.cache/ms-playwright", "PLAYWRIGHT_BROWSERS_PATH"),
                     "@playwright/test": (("install", "install-deps"), "~/.cache/ms-playwright",
                                          "PLAYWRIGHT_BROWSERS_PATH"),
                     "puppeteer": (("browsers",), "~/.cache/puppeteer", "PUPPETEER_CACHE_DIR"),
                     "@puppeteer/browsers": (("install",), "~/.cache/puppeteer", "PUPPETEER_CACHE_DIR")}
# how a package's command is run through a package manager: npx X, npm exec X, yarn X, yarn dlx X, pnpm exec X...
_RUNNERS = {"npx": 0, "pnpx": 0, "npm": 1, "yarn": 0, "pnpm": 1}
_RUNNER_VERBS = {"npm": ("exec", "x"), "yarn": ("dlx", "exec", "run"), "pnpm": ("exec", "dlx")}


def _browser_install(name: str, args: tuple[str | None, ...]) -> str | None:
    """Why a browser install (``npx playwright install --with-deps chromium``) cannot be placed: it downloads the
    browsers into the user's cache, outside the app's folder (and Playwright's --with-deps and install-deps install
    their system libraries with apt), which a runtime copying the app would not have. None for other commands."""
    words = [a for a in positional(args, frozenset({"-p", "--package"})) if a is not None]
    if name in _RUNNER_VERBS and words[:1] and words[0] in _RUNNER_VERBS[name]:
        words = words[1:]
    elif name not in _RUNNERS or _RUNNERS[name]:
        return None
    tool = _bare(words[0]) if words else ""
    if tool not in _BROWSER_INSTALLS or len(words) < 2 or words[1] not in _BROWSER_INSTALLS[tool][0]:
        return None
    _, folder, variable = _BROWSER_INSTALLS[tool]
    shown = " ".join(w for w in (name, *args[:args.index(words[1]) + 1]) if w)
    return (f"`{shown}` downloads browsers into {folder} (or {variable}), outside the app's folder, and may install "
            "their system libraries with apt: a runtime that copies the app would have neither, and the tool does "
            "not model browser installs")


def _builds(script: str | None) -> bool:
    return bool(script) and any(w in (script or "") for w in ("build", "dist", "compile", "bundle", "prod", "pack"))


def _install(name: str, verb: str, pos: list[str | None], cmd: Command, ctx: RunContext) -> Claim | None:
    cache = None if has_flag(cmd.args, "--cache", "--prefer-offline") else _cache(name, ctx)
    browser = _browser_download(pos[1:], ctx)
    if isinstance(browser, str):
        return Claim(Role.BLOCKED, NAME, f"`{name} {verb}` installs puppeteer, which downloads a browser: {browser}")
    if len(pos) > 1 or verb == "add":
        # named packages: package.json and the lock file change too, so the folder comes whole
        if ctx.workdir == "/":  # no app folder: what the packages add is /node_modules
            return Claim(Role.BUILD, NAME, f"`{name} {verb}` adds packages to /node_modules", leaves_cache=cache,
                         artifacts=(Artifact("/node_modules", reason="the packages installed", whole_dir=True),
                                    *_root_manifest(name, verb, cmd, ctx), *browser))
        return Claim(Role.BUILD, NAME, f"`{name} {verb}` adds packages to the app", leaves_cache=cache,
                     artifacts=(Artifact(ctx.workdir, reason="the app with its new packages", whole_dir=True),
                                *browser))
    if name == "yarn" and has_flag(cmd.args, "--modules-folder"):
        # `yarn install --modules-folder /opt/node_modules`: the packages go there, not into the app's node_modules
        # (Node finds them by walking up from the app; dev file 52c8d1a0d0c7)
        folder = option_value(cmd.args, "--modules-folder")
        if folder is None or "$" in folder:
            return Claim(Role.BLOCKED, NAME, f"`yarn {verb}` installs into a --modules-folder whose path the tool "
                                             "cannot read")
        return Claim(Role.BUILD, NAME, f"`yarn {verb}` installs the packages into {ctx.abspath(folder)} "
                                       "(--modules-folder)", leaves_cache=cache,
                     artifacts=(Artifact(ctx.abspath(folder),
                                         reason="the app's dependencies (yarn's --modules-folder)"), *browser))
    pnp = _plug_n_play(ctx) if name == "yarn" else None
    if pnp is not None:
        return Claim(Role.BLOCKED, NAME, f"`yarn {verb}` installs with Yarn's Plug'n'Play ({pnp}): it makes no "
                                         "node_modules, and the packages stay in Yarn's cache (the project's .yarn/"
                                         "cache or, with Yarn 4, the global one), which the tool cannot tell apart")
    if _no_dependencies(ctx) and _install_scripts(cmd, ctx) is None:  # no node_modules then: nothing to copy
        # (with the project's own install scripts, what they build is copied below: adv-s38 3d, a binding.gyp's
        # addon was lost, `Cannot find module './build/Release/root2.node'`)
        return Claim(Role.BUILD, NAME, f"`{name} {verb}` installs nothing: package.json lists no dependencies",
                     leaves_cache=cache)
    workspaces = _workspaces(ctx)
    if workspaces is not None:
        root, where = workspaces
        return Claim(Role.BUILD, NAME, f"`{name} {verb}` installs node_modules into the workspace root {root} and "
                                       f"the workspaces {where} names", leaves_cache=cache,
                     artifacts=(Artifact(root, reason="the app with the node_modules of its workspaces",
                                         whole_dir=True), *browser))
    start = _install_at_start(ctx)
    if start is not None and ctx.workdir != "/":
        # the lock file the install writes where the context has none (package-lock.json, yarn.lock,
        # pnpm-lock.yaml), which the image's own install reads: `npm ci` stops without one
        return Claim(Role.BUILD, NAME, f"`{name} {verb}` installs node_modules and writes the lock file, which "
                                       f"`{start}` reads when the image starts", leaves_cache=cache,
                     artifacts=(Artifact(ctx.workdir, reason=f"the app's dependencies with the lock file the install "
                                                             f"writes, which `{start}` reads", whole_dir=True),
                                *browser))
    scripts = _install_scripts(cmd, ctx)
    if scripts is not None:
        # the scripts run in the app's folder and may build into it (postinstall's `npm run build` writes build/,
        # dev file 26a36734): the runtime gets what they wrote beside node_modules
        return Claim(Role.BUILD, NAME, f"`{name} {verb}` installs node_modules and runs {scripts}, which may write "
                                       "into the app's folder", leaves_cache=cache,
                     artifacts=(Artifact(ctx.workdir, reason=f"the app with its dependencies and what {scripts} "
                                                             "may write beside them", whole_dir=True), *browser))
    above = _manifest_above(ctx) if name == "npm" else None
    if above is not None:  # (rp16 crashzky/skillactive: `COPY package*.json ./` before `WORKDIR /usr/src/app`)
        modules = posixpath.join(above, "node_modules")
        return Claim(Role.BUILD, NAME, f"`npm {verb}` installs node_modules into {above}: no COPY put a package.json "
                                       f"into {ctx.workdir}, where it runs, and npm installs for the nearest folder "
                                       f"above that has one", leaves_cache=cache,
                     artifacts=(Artifact(modules, reason="the app's dependencies, which npm installed for the "
                                                         f"package.json in {above}"), *browser))
    return Claim(Role.BUILD, NAME, f"`{name} {verb}` installs node_modules", leaves_cache=cache,
                 artifacts=(Artifact(ctx.abspath("node_modules"), reason="the app's dependencies"), *browser))


def _manifest_above(ctx: RunContext) -> str | None:
    """The folder above the one npm runs in where a COPY put package.json, when no COPY put anything into the
    folder npm runs in (or below it): npm takes the nearest folder that has a package.json for its project, and
    installs its node_modules there (npm 9: /node_modules, with /package.json and the RUN in /usr/src/app). Only
    where every COPY before brings manifest files alone, none a folder."""
    here = ctx.workdir
    if not ctx.copied or any(not _MANIFEST_FILES.fullmatch(posixpath.basename(s.rstrip("/")))
                             for sources, _, _ in ctx.copied for s in sources):
        return None  # (a folder copied above, `COPY . /app`, may bring the folder npm runs in with its package.json)
    if any(dest == here or under(dest, here) or (not folder and posixpath.dirname(dest) == here)
           for _, dest, folder in ctx.copied):
        return None
    found = [dest if folder else posixpath.dirname(dest) for sources, dest, folder in ctx.copied
             if any(fnmatch.fnmatch("package.json", posixpath.basename(s.rstrip("/"))) for s in sources)]
    above = [f for f in found if f != here and under(here, f)]
    return max(above, key=len) if above else None


# the files a COPY before an install may bring without bringing a folder: npm's and yarn's manifests and lock files
_MANIFEST_FILES = re.compile(r"package[*\w.-]*\.json|npm-shrinkwrap\.json|yarn\.lock|\.npmrc")


def _unknown_modules(found: Claim | None, named: list[str | None], ctx: RunContext) -> Claim | None:
    """``found``, an install into node_modules, marked when the tool does not know the packages it brings, whose
    native addons node-gyp may build: those ``named`` on the command line (``npm install nodegit``), whose
    dependencies are not known without the registry, unless all are of JavaScript only (:data:`_PURE_JS`); those of
    a package.json the build context does not give."""
    if found is None or found.role is not Role.BUILD or not found.artifacts:
        return found
    if named:
        known = all(p is not None and _bare(p) in _PURE_JS for p in named)
        return found if known else dataclasses.replace(found, tag=_Tag.NAMED_MODULES)
    if _manifest(ctx.read_file("package.json")) is not None:
        return found
    return dataclasses.replace(found, tag=_Tag.UNREAD_MODULES)


# the files of the build context the finish reads the packages an install brings from
_PACKAGE_LISTS = ("package.json", "package-lock.json", "yarn.lock")


def _read_manifests(found: Claim | None, ctx: RunContext) -> Claim | None:
    """``found``, an install's build step, with the paths in the build context of the package.json and lock files
    it reads in the folder it runs in, through the COPYs before it (``COPY sub/ .``: sub/package.json), for the
    finish (:func:`_context_packages`)."""
    if found is None or found.role is not Role.BUILD:
        return found
    paths = tuple(p for p in map(ctx.context_path, _PACKAGE_LISTS) if p is not None)
    return dataclasses.replace(found, context_reads=paths) if paths else found


# the scripts of the project's package.json that npm, yarn and pnpm run at its install (npm 7 and later, and yarn 1,
# also run prepublish and prepare's pre and post scripts there)
_INSTALL_SCRIPTS = ("preinstall", "install", "postinstall", "prepublish", "preprepare", "prepare", "postprepare")
# the files of the build context an install reads beside the app's sources
_MANIFESTS = ("package.json", "package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", ".npmrc",
              ".yarnrc", ".yarnrc.yml", "pnpm-workspace.yaml")


def _install_scripts(cmd: Command, ctx: RunContext) -> str | None:
    """What of the project the install runs, which may write into the app's folder: package.json's install scripts
    (postinstall...; also where a COPY before put only the manifests there: a postinstall may copy from
    node_modules into the app), node-gyp for the project's own binding.gyp, or the scripts a package.json the tool
    cannot read (no context) may have, where the app's sources are in the folder (a COPY before put more than
    package.json and the lock files there, ``COPY . .``). None when it runs none: --ignore-scripts, package.json
    read without them, or no context and no sources there (whose scripts would have nothing of the app's to
    build)."""
    ignored = [a for a in cmd.args if a is not None and a.split("=", 1)[0] == "--ignore-scripts"]
    if ignored and ignored[-1] != "--ignore-scripts=false" or (
            ctx.getenv("npm_config_ignore_scripts") or ctx.getenv("NPM_CONFIG_IGNORE_SCRIPTS")) == "true":
        return None
    doc = _manifest(ctx.read_file("package.json"))
    if doc is None:
        return "any install script of package.json (which the tool cannot read)" if _sources_copied(ctx) else None
    listed = doc.get("scripts")
    names = [s for s in _INSTALL_SCRIPTS if isinstance(listed, dict) and listed.get(s)]
    if names:
        return "package.json's " + ", ".join(names) + (" scripts" if len(names) > 1 else " script")
    if ctx.read_file("binding.gyp") is not None:  # npm's default install script then: `node-gyp rebuild`, into build/
        return "`node-gyp rebuild` for the project's binding.gyp (npm's default install script)"
    return None


def _sources_copied(ctx: RunContext) -> bool:
    """Whether a COPY or ADD before put into the folder the install runs in (or a folder above it) something other
    than package.json, the lock files and the package managers' settings: the app's sources."""
    folder = ctx.workdir.rstrip("/") + "/"
    for sources, dest, is_folder in ctx.copied:
        for source in sources:
            src = posixpath.normpath(source.lstrip("/") or ".")
            name = posixpath.basename(src)
            literal = re.split(r"[*?\[]", name, maxsplit=1)[0]
            if name in _MANIFESTS or literal and literal != name and any(fnmatch.fnmatchcase(m, name)
                                                                          for m in _MANIFESTS):
                continue  # package*.json, yarn.*: manifests
            # a folder's entries go into dest; without the context, a source may be one
            whole = src == "." or ctx.read_context(src + "/") is not None or ctx.read_context(src) is None
            put = posixpath.join(dest, name) if is_folder and not whole else dest
            put = put.rstrip("/") + "/"
            if put.startswith(folder) or folder.startswith(put):
                return True
    return False


def _install_at_start(ctx: RunContext) -> str | None:
    """The package manager's install the image's CMD or ENTRYPOINT runs (``npm ci``, ``npm install``, ``yarn``,
    ``pnpm install``), as written; None when it runs none."""
    for argv in ctx.runs:
        manager = posixpath.basename(argv[0] or "") if argv else ""
        if manager not in _MANAGERS:
            continue
        pos = [a for a in argv[1:] if a is None or not a.startswith("-")]
        verb = pos[0] if pos else ("install" if manager == "yarn" else None)
        if verb in ("ci", "install", "i"):
            return " ".join(a or "..." for a in argv[:2])
    return None


def _root_manifest(name: str, verb: str, cmd: Command, ctx: RunContext) -> tuple[Artifact, ...]:
    """The files `yarn add` writes beside /node_modules when run in / (no WORKDIR): /package.json, which it makes
    to list the packages added, and /yarn.lock (not with --no-lockfile, --pure-lockfile or --frozen-lockfile).
    npm 5 and 6 (Node.js 8 to 14) write /package-lock.json (not with --no-save or --no-package-lock), and only warn
    that there is no /package.json; npm 7 and later stop in / ("Tracker "idealTree" already exists"), older ones
    write neither. The npm of an image other than the official node image (or of a tag without a version) the tool
    cannot tell: it copies none of them."""
    if name == "npm" and verb in ("install", "i", "add"):
        major = _node_major(ctx.image.tag) if ctx.image.repo == "node" else None
        if major is None or not 8 <= major <= 14 \
                or has_flag(cmd.args, "--no-save", "--no-package-lock", "--package-lock=false"):
            return ()
        return (Artifact("/package-lock.json",
                         reason=f"the package-lock.json `npm {verb}` writes in /, where it runs"),)
    if name != "yarn" or verb != "add":
        return ()
    lock = () if has_flag(cmd.args, "--no-lockfile", "--pure-lockfile", "--frozen-lockfile") else ("/yarn.lock",)
    return tuple(Artifact(p, reason=f"the {posixpath.basename(p)} `yarn add` writes in /, where it runs")
                 for p in ("/package.json", *lock))


def _workspaces(ctx: RunContext) -> tuple[str, str] | None:
    """The workspace root the install writes node_modules under, and the file of the build context that makes it
    one (package.json's ``workspaces``, pnpm-workspace.yaml): its install also writes node_modules into the
    workspaces' own folders (npm and yarn nest there a version that conflicts with the hoisted one; pnpm links
    every workspace's dependencies there), and one run in a workspace (``cd packages/api && npm install``) installs
    at the root. None for a single package or without the context."""
    here = (_read_copied(ctx, posixpath.join(ctx.workdir, "pnpm-workspace.yaml")),
            _read_copied(ctx, posixpath.join(ctx.workdir, "package.json")))
    if here == (None, None):  # no COPY of the stage put them there: the context is taken to be the folder's
        here = (ctx.read_file("pnpm-workspace.yaml"), ctx.read_file("package.json"))
    if here[0] is not None:
        return ctx.workdir, "pnpm-workspace.yaml"
    doc = _manifest(here[1])
    if doc is not None and doc.get("workspaces"):
        return ctx.workdir, "package.json"
    folder = ctx.workdir
    while (parent := posixpath.dirname(folder)) != folder:  # up to "/" (or "//", which is its own parent)
        folder = parent
        member = posixpath.relpath(ctx.workdir, folder)
        for name in ("pnpm-workspace.yaml", "package.json"):
            if _lists_workspace(name, _read_copied(ctx, posixpath.join(folder, name)), member):
                return folder, f"{posixpath.join(folder, name)} (which lists {member})"
    return None


def _read_copied(ctx: RunContext, path: str) -> str | None:
    """The file a COPY or ADD of the stage put at ``path`` (absolute), read from the build context."""
    where = context_location(ctx.copied, path, ctx.read_context)
    return ctx.read_context(where) if where is not None else None


def _lists_workspace(name: str, text: str | None, member: str) -> bool:
    """Whether a workspace root's package.json (``workspaces``, a list or ``{"packages": [...]}``) or
    pnpm-workspace.yaml (``packages:``, one ``- pattern`` a line) has a pattern matching the folder ``member``."""
    if text is None:
        return False
    if name == "pnpm-workspace.yaml":
        try:
            doc = yaml.safe_load(text)
        except yaml.YAMLError:
            return False
        found = doc.get("packages") if isinstance(doc, dict) else None
        patterns = [p for p in found if isinstance(p, str)] if isinstance(found, list) else []
    else:
        doc = _manifest(text) or {}
        found = doc.get("workspaces")
        found = found.get("packages") if isinstance(found, dict) else found
        patterns = [p for p in found if isinstance(p, str)] if isinstance(found, list) else []
    return any(fnmatch.fnmatchcase(member, posixpath.normpath(p.removeprefix("./"))) for p in patterns)


# the environment variables with which puppeteer's install downloads no browser
_PUPPETEER_SKIPS = ("PUPPETEER_SKIP_DOWNLOAD", "PUPPETEER_SKIP_CHROMIUM_DOWNLOAD", "PUPPETEER_SKIP_CHROME_DOWNLOAD",
                    "npm_config_puppeteer_skip_download", "npm_config_puppeteer_skip_chromium_download")
# puppeteer's configuration files, which may set the folder it downloads the browser into (cacheDirectory)
_PUPPETEER_CONFIGS = (".puppeteerrc", ".puppeteerrc.cjs", ".puppeteerrc.js", ".puppeteerrc.mjs", ".puppeteerrc.json",
                      ".puppeteerrc.yaml", ".puppeteerrc.yml", "puppeteer.config.js", "puppeteer.config.cjs",
                      "puppeteer.config.mjs")
# puppeteer 19 and later download the browser into a cache folder of the user's home, not into node_modules
_PUPPETEER_CACHE_SINCE = 19


def _browser_download(named: list[str | None], ctx: RunContext) -> tuple[Artifact, ...] | str:
    """The folder puppeteer's install script downloads Chrome into (19 and later: ~/.cache/puppeteer, or
    PUPPETEER_CACHE_DIR), when the install brings puppeteer (named, or in the context's package.json or lock file)
    and no variable skips the download: the runtime copies it, as it is outside node_modules. A string says why the
    tool cannot name the folder (no version, a configuration file of puppeteer's)."""
    found = _puppeteer_major(named, ctx)
    if found is None or any((ctx.getenv(v) or "false").lower() not in ("false", "0", "") for v in _PUPPETEER_SKIPS):
        return ()
    major, shown = found
    if major is None:
        return f"{shown} gives it no version, and the folder it downloads the browser into depends on the version " \
               "(19 and later: ~/.cache/puppeteer, which the runtime must copy; older ones: node_modules)"
    if major < _PUPPETEER_CACHE_SINCE:
        return ()
    config = next((c for c in _PUPPETEER_CONFIGS if ctx.read_file(c) is not None), None)
    if config is not None:
        return f"its configuration file {config} may set the folder it downloads the browser into, which the " \
               "tool does not read"
    folder = ctx.getenv("PUPPETEER_CACHE_DIR") or f"{ctx.likely_home()}/.cache/puppeteer"
    if "$" in folder:
        return f"the folder it downloads the browser into, PUPPETEER_CACHE_DIR={folder}, is not known"
    return (Artifact(ctx.abspath(folder), reason=f"the browser puppeteer {shown} downloads at its install",
                     whole_dir=True),)


def _puppeteer_major(named: list[str | None], ctx: RunContext) -> tuple[int | None, str] | None:
    """The major version of the puppeteer an install brings: named (``npm i puppeteer@21``), else from the context's
    lock file (package-lock.json, yarn.lock, pnpm-lock.yaml) or package.json's range; None when it brings none or
    there is no context; with it, how the version was found (the version is None for a puppeteer named or depended
    on without one: ``npm i puppeteer``, ``"puppeteer": "latest"``)."""
    for word in named:
        if word is not None and _bare(word) == "puppeteer":
            return _shown(_major(word.partition("@")[2]), "named")
    if any(word for word in named):
        return None
    locks = (ctx.read_file("yarn.lock") or "", ctx.read_file("pnpm-lock.yaml") or "")
    found = [re.search(r'^"?puppeteer@[^\n]*:\n\s+version:?\s+"?(\d+)', locks[0], re.M),
             re.search(r"^\s+/?puppeteer[@/](\d+)", locks[1], re.M)]
    versions = [int(m.group(1)) for m in found if m is not None]
    versions += [v for name, version in _npm_lock(ctx.read_file("package-lock.json")) if name == "puppeteer"
                 and (v := _major(version)) is not None]
    if versions:
        return max(versions), f"{max(versions)} (the lock file's)"
    doc = _manifest(ctx.read_file("package.json"))
    ranges = [doc[k].get("puppeteer") for k in _DEPENDENCY_KEYS[:3] if doc is not None and isinstance(doc.get(k), dict)]
    wanted = [r for r in ranges if isinstance(r, str)]
    return _shown(_major(wanted[0]), "package.json's range") if wanted else None


def _shown(major: int | None, where: str) -> tuple[int | None, str]:
    """A major version and how it was found (the words name the source alone when there is no version)."""
    if major is None:
        return None, "the install" if where == "named" else where
    return major, f"{major} ({where})"


def _major(spec: str) -> int | None:
    """The major version a version or range starts with (``^21.3.0`` -> 21, ``~18`` -> 18); None for ``*``,
    ``latest`` or none."""
    m = re.match(r"\s*[\^~>=v]*\s*(\d+)", spec)
    return int(m.group(1)) if m else None


# what says a project's yarn is Yarn 2 or later (berry): Plug'n'Play by default, and no --production to its install
_BERRY_MANAGER = re.compile(r"yarn@(?:[2-9]|\d{2})")


def _plug_n_play(ctx: RunContext) -> str | None:
    """Why a yarn install in the context's project uses Yarn 2 or later's Plug'n'Play (its .yarnrc.yml, or
    package.json's packageManager, names Yarn 2+ and no nodeLinker that makes node_modules); None for Yarn 1,
    node_modules or no context."""
    rc = ctx.read_file(".yarnrc.yml")
    doc = _manifest(ctx.read_file("package.json"))
    manager = doc.get("packageManager") if doc is not None else None
    berry = isinstance(manager, str) and _BERRY_MANAGER.match(manager) is not None
    if rc is None and not berry:
        return None
    linker = re.search(r"^nodeLinker:\s*[\"']?([\w-]+)", rc or "", re.M)
    if linker is not None and linker.group(1) in ("node-modules", "pnpm"):
        return None
    if linker is not None:
        return f".yarnrc.yml sets nodeLinker: {linker.group(1)}"
    return ".yarnrc.yml sets no nodeLinker" if rc is not None else f"package.json names {manager}"


_DEPENDENCY_KEYS = ("dependencies", "devDependencies", "optionalDependencies", "peerDependencies",
                    "bundleDependencies", "bundledDependencies", "workspaces")


def _manifest(text: str | None) -> dict[str, Any] | None:
    """A package.json's object; None when there is no file or it holds no JSON object."""
    try:
        doc = json.loads(text) if text is not None else None
    except ValueError:
        return None
    return doc if isinstance(doc, dict) else None


def _no_dependencies(ctx: RunContext) -> bool:
    """Whether the package.json the install reads (from the build context) lists no dependency of any kind."""
    doc = _manifest(ctx.read_file("package.json"))  # after a `cd`, the folder's own
    return doc is not None and not any(doc.get(k) for k in _DEPENDENCY_KEYS)


def _line(cmd: Command) -> str | None:
    """The command's words as a line (``npm run build``); None where one is not a plain word."""
    words = [w.value for w in cmd.argv]
    return None if None in words else " ".join(w for w in words if w is not None)


def _build(manager: str, ctx: RunContext, reason: str, prune: bool = True,
           script: str | None = None) -> Claim:
    """A build of the app, by the command line (or package script) ``script``: the runtime gets the folder it runs
    in whole; or, with no app folder (WORKDIR /), the output folders of the tools the script runs (:func:`_outputs`)."""
    command = _PRUNE.get(manager) if prune else None
    outputs = _outputs(script, ctx) if ctx.workdir == "/" and ctx.run_workdir in ("", "/") else None
    built = (_built(ctx),) if outputs is None else tuple(
        Artifact(f"/{folder}", reason=f"the built app: {why}", whole_dir=True) for folder, why in outputs)
    return Claim(Role.BUILD, NAME, reason, artifacts=built, builder_after=(command,) if command else ())


# build tools whose output folder is fixed unless their configuration moves it: command -> (the folder, the
# configuration files that may move it, the words there that would)
_OUTPUT_OF = {
    "react-scripts": ("build", (".env", ".env.production"), ("BUILD_PATH",)),
    "vite": ("dist", tuple(f"vite.config.{e}" for e in ("js", "ts", "mjs", "mts", "cjs", "cts")), ("outDir", "root")),
    "next": (".next", tuple(f"next.config.{e}" for e in ("js", "mjs", "ts", "cjs")), ("distDir", "output")),
    "vue-cli-service": ("dist", ("vue.config.js",), ("outputDir",)),
}
# the top folders of a Debian system: an output folder there would be copied with the system's own files
_SYSTEM_FOLDERS = frozenset({"bin", "boot", "dev", "etc", "home", "lib", "lib32", "lib64", "libx32", "media", "mnt",
                             "opt", "proc", "root", "run", "sbin", "srv", "sys", "tmp", "usr", "var"})


def _outputs(script: str | None, ctx: RunContext, depth: int = 0) -> tuple[tuple[str, str], ...] | None:
    """The folders (relative to /) a build in / writes, with why, where every command of ``script`` (a command
    line, or a package script's text) is a build tool whose output folder the context's configuration shows, a
    package script that is one, or a removal (``rimraf dist``); None where one is not (rp20node
    gh-unfollowers-snitch: `npm run build` of react-scripts with no WORKDIR, skipped as outputs in /)."""
    if script is None or depth > 3 or re.search(r"[$`<>|(){}*?\\]", script):
        return None
    found: list[tuple[str, str]] = []
    for part in re.split(r"&&|;", script):
        words = part.split()
        if not words:
            return None
        if words[0] in ("npx", "pnpx") and len(words) > 1:
            words = words[1:]
        one = next((r for r in (_removal(words), _script_outputs(words, ctx, depth), _tool_output(words, ctx))
                    if r is not None), None)
        if one is None:
            return None
        found += one
    if any(folder.split("/")[0] in _SYSTEM_FOLDERS or folder in ("", ".") or ".." in folder for folder, _ in found):
        return None
    return tuple(dict.fromkeys(found))


def _removal(words: list[str]) -> tuple[tuple[str, str], ...] | None:
    """Nothing, for a command that removes an earlier build's output (``rimraf dist``, ``rm -rf build``)."""
    return () if words[0] in ("rimraf", "rm") and all(not w.startswith("/") for w in words) else None


def _script_outputs(words: list[str], ctx: RunContext, depth: int) -> tuple[tuple[str, str], ...] | None:
    """What the package script ``npm run NAME`` (``yarn NAME``...) among a script's commands writes."""
    if words[0] not in _MANAGERS:
        return None
    return _outputs(_package_script(tuple(words), ctx), ctx, depth + 1)


def _tool_output(words: list[str], ctx: RunContext) -> tuple[tuple[str, str], ...] | None:
    """The output folder of a build tool's command (``vite build``, ``tsc``) as its configuration sets it."""
    tool = words[0]
    if tool == "tsc":
        return _tsc_output(words, ctx)
    if tool == "nest":
        return _nest_output(words, ctx)
    if tool not in _OUTPUT_OF or words[1:2] != ["build"] or any(w.startswith("-") for w in words[2:]):
        return None
    folder, configs, moves = _OUTPUT_OF[tool]
    if any(w in (ctx.read_file(c) or "") for c in configs for w in moves) or any(ctx.getenv(w) for w in moves):
        return None
    return ((folder, f"`{tool} build` writes {folder}/"),)


def _tsc_output(words: list[str], ctx: RunContext) -> tuple[tuple[str, str], ...] | None:
    """The outDir of ``tsc`` (--outDir, or tsconfig.json's); nothing for ``--noEmit``; None for a build mode (-b),
    another project file, files named on the line, or a tsconfig that sets no outDir (the .js files go beside the
    sources) or cannot be read."""
    if "--noEmit" in words:
        return ()
    given = words[words.index("--outDir") + 1] if "--outDir" in words[1:-1] else None
    rest = [w for w in words[1:] if w not in ("--outDir", given)]
    folder = given if given is not None else _tsconfig_out_dir(ctx)
    if folder is None or folder.startswith("/") or any(w.startswith("-") or "." in w for w in rest):
        return None
    folder = posixpath.normpath(folder)
    return ((folder, f"`tsc` writes {folder}/, " + ("its --outDir" if given else "the outDir of tsconfig.json")),)


def _tsconfig_out_dir(ctx: RunContext, name: str = "tsconfig.json", depth: int = 0) -> str | None:
    """The outDir a tsconfig file sets (relative to the context's project folder), read as TypeScript reads the file
    (comments, trailing commas), or the one a file it extends by a relative path sets; None with no file or none
    there, a base of another package (``@tsconfig/node18``), or a file that cannot be read."""
    doc = _jsonc(ctx.read_file(name) if depth < 4 else None)
    if not isinstance(doc, dict):
        return None
    options = doc.get("compilerOptions")
    folder = options.get("outDir") if isinstance(options, dict) else None
    if isinstance(folder, str):
        return posixpath.normpath(posixpath.join(posixpath.dirname(name), folder))
    base = doc.get("extends")
    if not isinstance(base, str) or not base.startswith("."):
        return None
    base = posixpath.normpath(posixpath.join(posixpath.dirname(name), base))
    return _tsconfig_out_dir(ctx, base if base.endswith(".json") else base + ".json", depth + 1)


def _jsonc(text: str | None) -> Any:
    """A JSON file with comments and trailing commas (tsconfig.json, nest-cli.json) read; None for no file or one
    that cannot be read."""
    try:
        return json5.loads(text) if text is not None else None
    except ValueError:
        return None


def _nest_output(words: list[str], ctx: RunContext) -> tuple[tuple[str, str], ...] | None:
    """``nest build``: the outDir of the tsconfig it compiles with (nest-cli.json's compilerOptions.tsConfigPath,
    else tsconfig.build.json where the context has one, else tsconfig.json); None for other arguments, a monorepo
    (nest-cli.json's projects) or a file that cannot be read."""
    if words[1:] != ["build"]:
        return None
    text = ctx.read_file("nest-cli.json")
    cli = _jsonc(text) if text is not None else {}
    options = cli.get("compilerOptions") if isinstance(cli, dict) else None
    if not isinstance(cli, dict) or cli.get("projects") or cli.get("monorepo"):
        return None
    given = options.get("tsConfigPath") if isinstance(options, dict) else None
    config = given if isinstance(given, str) else \
        "tsconfig.build.json" if ctx.read_file("tsconfig.build.json") is not None else "tsconfig.json"
    folder = _tsconfig_out_dir(ctx, posixpath.normpath(config))
    return ((folder, f"`nest build` writes {folder}/, the outDir of {config}"),) if folder else None


def _built(ctx: RunContext) -> Artifact:
    """What a build leaves: the folder it runs in; or, where the RUN goes down into a package of the app's folder
    (``cd client && ng build``), the app's folder whole: the build's configuration, which the tool does not read,
    may write beside the package (Angular's ``"outputPath": "../public"``, a client built into the server's public
    folder: read21, dev 24c737db)."""
    top = ctx.run_workdir
    if top and top != ctx.workdir and under(ctx.workdir, top) and top not in _SYSTEM_TOPS:
        return Artifact(top, reason="the built app and the folder it is built in (a build in a package of it may "
                                    "write beside the package, as its configuration says)", whole_dir=True)
    return Artifact(ctx.workdir, reason="the built app", whole_dir=True)


# folders that are not an app's own: a RUN that goes down from them into the app's folder builds there alone
_SYSTEM_TOPS = frozenset({"/", "/usr", "/usr/local", "/usr/src", "/opt", "/srv", "/var", "/var/www", "/home", "/root",
                          "/tmp", "/go", "/go/src"})


def _npm_major(facts: StageFacts) -> int | None:
    """The major version of Node.js the image has, from its tag (node:14, node:14-slim, node:fermium)."""
    return _node_major(facts.image.tag)


def _node_major(tag: str) -> int | None:
    head = tag.split("-", 1)[0].split(".", 1)[0]
    if head.isdigit():
        return int(head)
    return _CODENAMES.get(head)


_CODENAMES = {"argon": 4, "boron": 6, "carbon": 8, "dubnium": 10, "erbium": 12, "fermium": 14, "gallium": 16,
              "hydrogen": 18, "iron": 20, "jod": 22}


def _last_install(facts: StageFacts) -> Command | None:
    """The package manager's install that last made node_modules (``pnpm install``, ``yarn``, ``npm ci``); None
    when none did."""
    found = None
    for d in facts.decisions:
        for c in d.commands:
            if _installs_modules(c):
                found = c
    return found


def _installs_modules(cmd: Command) -> bool:
    """Whether ``cmd`` is the package manager's install of the app's node_modules (``npm ci``, ``yarn``, ``pnpm
    install``), not of named packages nor a global one."""
    if cmd.name not in _MANAGERS or has_flag(cmd.args, "-g", "--global"):
        return False
    pos = positional(cmd.args, _VALUE_OPTIONS)
    verb = pos[0] if pos else ("install" if cmd.name == "yarn" else None)
    return verb in ("ci", "install", "i") and len(pos) == 1 or cmd.name == "yarn" and not pos


# npm's options that let an install keep a tree whose peer dependencies conflict; a prune without them resolves the
# tree again and stops (ERESOLVE) where the install went on
_PEER_OPTIONS = ("--legacy-peer-deps", "--force")


def _peer_options(install: Command) -> tuple[str, ...]:
    """The options of ``install`` (npm's) that accept conflicting peer dependencies, as the prune must repeat them
    (``-f`` is ``--force``; ``--legacy-peer-deps=false`` is none)."""
    words = [a for a in install.args if a is not None]
    named = {"--force" if w == "-f" else w.split("=", 1)[0] for w in words
             if w == "-f" or w.split("=", 1)[0] in _PEER_OPTIONS and w.split("=", 1)[1:] != ["false"]}
    return tuple(o for o in _PEER_OPTIONS if o in named)


def _peer_options_of_installs(facts: StageFacts) -> tuple[str, ...]:
    """:func:`_peer_options` of every npm install of the app's packages, of node_modules or of named ones (``npm
    install --force @img/sharp-linux-arm64`` writes a package of another platform into package.json, which a prune
    without --force refuses, EBADPLATFORM: rp19node tuantransn2001/LoginForm-Backend)."""
    named = {o for d in facts.decisions for c in d.commands
             if c.name == "npm" and not has_flag(c.args, "-g", "--global")
             and positional(c.args, _VALUE_OPTIONS)[:1] in (["install"], ["i"], ["ci"], ["add"])
             for o in _peer_options(c)}
    return tuple(o for o in _PEER_OPTIONS if o in named)


def _prune_command(command: str, facts: StageFacts, install: Command | None) -> str | None:
    """npm 6 and older (Node.js 14 and older) know `--production`, not `--omit=dev`, and an image other than the
    official node image has an npm the tool cannot tell: both get `--production`. node_modules that pnpm
    installed (its .pnpm store of symlinks, which npm's prune fails on) are pruned by pnpm, whichever command
    built the app (``npx vite build``, ``npm run build``); those yarn installed are not pruned, as after ``yarn
    build``: npm's prune resolves the tree again, and fails (ERESOLVE) on a peer dependency yarn let stay unmet.
    An npm install that accepted conflicting peer dependencies (``--force``, ``--legacy-peer-deps``) is pruned
    with the same options, for the same reason. ``install``: the install that last made node_modules
    (:func:`_last_install`); yarn's is yarn 1's (:func:`_yarn_classic`), as :func:`_finish` checked."""
    installer = install.name if install is not None and command.startswith(("npm prune", "yarn")) else None
    if install is not None and installer == "yarn":
        return " ".join((_YARN_PRUNE, *_yarn_options(install)))
    if installer == "pnpm":
        return _PRUNE["pnpm"]
    if command.startswith("yarn"):  # `yarn build` of the node_modules npm installed (`npm ci`), or none known
        if installer != "npm":
            return None
        command = _PRUNE["npm"]
    major = _npm_major(facts)
    if command.startswith("npm prune") and facts.image.repo == "node" and major is not None and major <= 14:
        return "npm prune --production"
    peers = _peer_options_of_installs(facts) if install is not None and installer == "npm" else ()
    if command.startswith("npm prune") and facts.image.repo != "node":
        # an image of another's (resin's node:8, NodeSource's setup_8.x on golang), whose npm the tool cannot tell:
        # `--production`, which every npm knows (npm 7 and later read it as `--omit=dev`, with a warning); npm 6
        # reads `--omit=dev` as a setting it does not know, and prunes no dev dependency
        return " ".join(("npm prune --production", *peers))
    return " ".join((command, *peers))


# yarn 1's install options the prune repeats, so that it installs as the install did: a package whose engines or
# platform the install let pass would stop it, an optional one it left out would be fetched (and those with a value)
_YARN_SAME = frozenset({"--ignore-engines", "--ignore-platform", "--ignore-optional", "--no-optional", "--offline",
                        "--prefer-offline", "--non-interactive", "--silent"})
_YARN_SAME_VALUE = frozenset({"--network-timeout", "--registry", "--cache-folder", "--mutex"})


def _yarn_options(install: Command) -> tuple[str, ...]:
    """The options of yarn's install (:data:`_YARN_SAME`, with their values) its prune repeats, as written."""
    words = install.argv[1:]
    out: list[str] = []
    for k, word in enumerate(words):
        name = (word.value or "").split("=", 1)[0]
        if word.value in _YARN_SAME or name in _YARN_SAME_VALUE and "=" in (word.value or ""):
            out.append(word.text)
        elif word.value in _YARN_SAME_VALUE and k + 1 < len(words):
            out += [word.text, words[k + 1].text]
    return tuple(out)


def _yarn_classic(facts: StageFacts, install: Command) -> bool:
    """Whether the yarn that installed node_modules is yarn 1, whose `install --production` prunes them
    (:data:`_YARN_PRUNE`): the build context shows it (a yarn.lock of yarn 1 where it has one, no .yarnrc.yml, no
    packageManager of Yarn 2 or later, no workspaces, which yarn would hoist again), and the file changes no yarn
    (corepack, `yarn set version`) nor installs elsewhere (--modules-folder). Without the context, not known."""
    read = facts.read_context
    if read in (None, no_context) or has_flag(install.args, "--modules-folder") or any(
            c.name == "corepack" or c.name == "yarn" and positional(c.args)[:1] in (["set"], ["policies"])
            for d in facts.decisions for c in d.commands):
        return False
    manifests = [p for p in _list_paths(facts) if posixpath.basename(p) == "package.json"]
    docs = [(posixpath.dirname(p), doc) for p in manifests if (doc := _manifest(read(p)))]
    if not docs:
        return False
    for folder, doc in docs:
        lock = read(posixpath.join(folder, "yarn.lock"))
        manager = doc.get("packageManager")
        if read(posixpath.join(folder, ".yarnrc.yml")) is not None or "workspaces" in doc \
                or isinstance(manager, str) and _BERRY_MANAGER.match(manager) \
                or lock is not None and "yarn lockfile v1" not in lock:
            return False
    return True


# the options with which a prune removes the dev dependencies
_PRODUCTION = frozenset({"--production", "--omit=dev", "--prod", "-P"})


def _pruned_after_build(facts: StageFacts) -> bool:
    """Whether the file itself prunes the dev dependencies after its last build (``RUN npm prune --production``, or
    ``npm run build && npm prune --production`` in the build's RUN: rp24node jzilg/concert-diary-2, told "the dev
    dependencies stay (no prune)"): the builder needs no prune of the tool's."""
    builds = [k for k, d in enumerate(facts.decisions)
              if any(c.ecosystem == NAME and c.builder_after for c in d.claims)]
    if not builds:
        return False
    last = facts.decisions[builds[-1]]
    built = max(i for i, c in enumerate(last.claims) if c.ecosystem == NAME and c.builder_after)
    later = [*last.commands[built + 1:], *(c for d in facts.decisions[builds[-1] + 1:] for c in d.commands)]
    return any(_prunes_dev(c) for c in later)


# the options with which an install of node_modules leaves the dev dependencies out (not npm's -P, --save-prod)
_PRODUCTION_INSTALL = frozenset({"--production", "--omit=dev", "--prod", "--only=prod", "--only=production"})


def _production_only(facts: StageFacts) -> bool:
    """Whether the installs that made the node_modules the runtime copies (those after the last step that removed
    it) all left the dev dependencies out: ``npm install --production``, ``yarn --production``, ``npm ci
    --omit=dev``, or NODE_ENV=production set by an ENV, an ARG's default or the command's assignment (read32
    4a0077b2: `rm -rf node_modules` after the build, then `npm install --production`, was told "the dev
    dependencies stay"). The builder has no dev dependency to prune then."""
    values: dict[str, str] = {}  # what ARG defaults and ENV set, as BuildKit evaluates them (ENV NODE_ENV $NODE_ENV)
    made: list[bool] = []
    for d in facts.decisions:
        for key, value in env_pairs(d.inst):
            values[key] = expand(value, tuple(values.items()))
        production = values.get("NODE_ENV") == "production"
        for cmd, c in zip(d.commands, d.claims, strict=True):
            if any(posixpath.basename(r.rstrip("/")) == "node_modules" for r in c.removes):
                made = []
            if c.ecosystem == NAME and _installs_modules(cmd):
                made.append(production or dict(cmd.assignments).get("NODE_ENV") == "production"
                            or any(a in _PRODUCTION_INSTALL for a in cmd.args)
                            or any(a == "--omit" and b == "dev" for a, b in zip(cmd.args, cmd.args[1:], strict=False)))
    return bool(made) and all(made)


def _prunes_dev(cmd: Command) -> bool:
    """``npm prune --production``, ``npm prune --omit=dev``/``--omit dev``, ``pnpm prune --prod``."""
    args = cmd.args
    omits = any(a == "--omit" and b == "dev" for a, b in zip(args, args[1:], strict=False))
    return cmd.name in ("npm", "pnpm") and "prune" in args and (bool(_PRODUCTION & set(args)) or omits)


# the folders a build writes its output into, whose files a command that runs the built app names
_OUTPUT_FOLDERS = frozenset({"dist", "build", "out", "lib", ".next", ".output", ".nuxt"})


def _loads_dev_dependencies(facts: StageFacts, runs: tuple[tuple[str | None, ...], ...]) -> str | None:
    """Why the dev dependencies stay, where the command runs a script of the sources with node (``node
    mascara/example/server.js``), not one in a build's output folder (``node dist/main.js``), or preloads a module
    (``node -r ./instrument.js app.js``, ``--require dotenv/config``), and those may load one at their start (MetaMask's
    loads browserify and watchify: dev 32f6bd3c and 2a36f7c1 crashed after the prune): without package.json to read
    (no build context, or one that does not hold it), or where a file, or a module of the app it requires, cannot be
    read from the context, or requires a package that only devDependencies list."""
    workdir = facts.run_folder()
    pruned: _Pruned | None = None  # the package lists, read for the first command that needs them
    for argv in runs:
        if not argv or posixpath.basename(argv[0] or "") not in ("node", "nodejs"):
            continue
        files, packages, inline = _node_loads(argv)
        sources = [f for f in files if not _OUTPUT_FOLDERS & set(posixpath.normpath(f).split("/")[:-1])]
        if not sources and not packages and not inline:
            continue
        shown = (sources or packages or ["-e"])[0]
        pruned = pruned if pruned is not None else _pruned(facts)
        if pruned is None:
            return f"`{shown}`, which node loads first, may load dev dependencies, and package.json is not read"
        loaded = set(packages)
        for code in inline:  # `node -e "require('./app')"`
            named = _specifiers(code)
            if named is None:
                return f"`{shown}`: the code node is given loads a module by a name it computes"
            loaded |= {_package_of(n) for n in named if not n.startswith((".", "/"))}
            sources += [n for n in named if n.startswith((".", "/"))]
        for source in sources:
            found = _packages_loaded(facts, posixpath.normpath(posixpath.join(workdir, source)))
            if found is None:
                return f"`{source}`, a script of the sources, or a module of the app it requires, is not in the " \
                       "build context or loads a module by a name it computes: it may load dev dependencies"
            gone = pruned.removes(found)
            if gone:
                return f"`{source}` loads {', '.join(sorted(gone))}, {pruned.why(gone)}"
        gone = pruned.removes(loaded)
        if gone:
            return f"node loads {', '.join(sorted(gone))} first (`{shown}`), {pruned.why(gone)}"
    return None


# Next.js's command run by its path (``node ./node_modules/next/dist/bin/next start``, ``node_modules/.bin/next``)
_NEXT_CLI = re.compile(r"^(?:.*/)?node_modules/(?:\.bin/next|next/dist/bin/next)(?:\.js)?$")


def _starts_next(argv: tuple[str | None, ...]) -> bool:
    """Whether a command line starts Next.js's server: ``next start``, by name or by its path in node_modules."""
    words = [w for w in argv if w is not None]
    node = bool(words) and posixpath.basename(words[0]) in ("node", "nodejs")
    cli, rest = (words[1], words[2:]) if node and len(words) > 1 else (words[0] if words else "", words[1:])
    return (cli == "next" or _NEXT_CLI.match(cli) is not None) and rest[:1] == ["start"]


def _next_config(facts: StageFacts, runs: tuple[tuple[str | None, ...], ...]) -> str | None:
    """Why the dev dependencies stay where the command starts Next.js's server, which loads the app's next.config at
    its start: a next.config.ts, which Next.js 15.4 and later compile with typescript (vercel/next.js#81797: "Cannot
    find module 'typescript'" after a prune), a dev dependency; a configuration that loads one (a plugin such as
    @next/bundle-analyzer), or a module the tool cannot follow (rp27review jiaozenghui/next-blog, safe only because
    its Next.js is 15.0)."""
    if not any(_starts_next(argv) for argv in runs):
        return None
    pruned = _pruned(facts)
    read = facts.read_context
    if pruned is None or read is None:
        return None  # (no package.json to read: the prune's note says what it assumes)
    for end in ("ts", "mts", "js", "mjs", "cjs"):
        path = posixpath.join(facts.run_folder(), f"next.config.{end}")
        where = context_location(facts.copied, path, read)
        if where is None or read(where) is None:
            continue
        loaded = _packages_loaded(facts, path)
        if loaded is None:
            return f"`next start` loads next.config.{end}, which loads a module the tool cannot follow: it may " \
                   "load dev dependencies"
        needs = loaded | ({"typescript"} if end in ("ts", "mts") and _next_before(pruned) is not True else set())
        gone = pruned.removes(needs)
        if gone:
            compiled = " (Next.js 15.4 and later compile it with typescript)" if "typescript" in gone else ""
            return f"`next start` loads next.config.{end}{compiled}, which needs {', '.join(sorted(gone))}, " \
                   f"{pruned.why(gone)}"
    return None


def _next_before(pruned: _Pruned, version: tuple[int, int] = (15, 4)) -> bool | None:
    """Whether package-lock.json locks a Next.js older than ``version`` (None where no lock file tells)."""
    locked = {v for n, v in pruned.versions if n == "next"}
    found = {tuple(int(x) for x in m.groups()) for v in locked if (m := re.match(r"(\d+)\.(\d+)\.", v))}
    return all(v < version for v in found) if found and len(found) == len(locked) else None


# node's options that take the next word as their value (``--require=x`` takes it with "=")
_NODE_VALUES = frozenset({"-r", "--require", "--import", "--loader", "--experimental-loader", "-e", "--eval", "-p",
                          "--print", "--env-file", "--title", "-C", "--conditions", "--input-type", "--inspect-port",
                          "--experimental-policy", "--redirect-warnings", "--openssl-config", "--icu-data-dir",
                          # (read18 69b61880: `node --max-http-header-size 64000 server` read 64000 as the script)
                          "--max-http-header-size", "--unhandled-rejections", "--dns-result-order", "--disable-proto",
                          "--diagnostic-dir", "--report-dir", "--report-filename", "--report-signal",
                          "--heapsnapshot-signal", "--tls-cipher-list", "--tls-keylog", "--secure-heap",
                          "--secure-heap-min", "--trace-event-categories", "--trace-event-file-pattern",
                          "--cpu-prof-dir", "--cpu-prof-name", "--heap-prof-dir", "--heap-prof-name",
                          "--watch-path", "--experimental-specifier-resolution", "--use-largepages",
                          "--disable-warning"})  # (V8's flags take their value after `=` only)
_NODE_PRELOADS = frozenset({"-r", "--require", "--import", "--loader", "--experimental-loader"})


def _node_loads(argv: tuple[str | None, ...]) -> tuple[list[str], list[str], list[str]]:
    """What ``node ...`` loads first: files (the modules its options preload by a path, the script), packages (those
    it preloads by name: ``-r dotenv/config``), and the code ``-e``/``-p`` give; the script's own arguments after."""
    files: list[str] = []
    packages: list[str] = []
    inline: list[str] = []
    words = iter(argv[1:])
    for word in words:
        if word is None:
            continue
        if not word.startswith("-"):
            files.append(word)
            break
        name, eq, value = word.partition("=")
        if name not in _NODE_VALUES:
            continue
        given = value if eq else next(words, None)
        if given is None:
            continue
        if name in ("-e", "--eval", "-p", "--print"):
            inline.append(given)
        elif name in _NODE_PRELOADS and given.startswith((".", "/")):
            files.append(given)
        elif name in _NODE_PRELOADS:
            packages.append(_package_of(given))
    return files, packages, inline


def _package_of(specifier: str) -> str:
    """The package a bare specifier names: ``dotenv/config`` -> dotenv, ``@scope/name/sub`` -> @scope/name."""
    parts = specifier.split("/")
    return "/".join(parts[:2]) if specifier.startswith("@") else parts[0]


@dataclasses.dataclass(frozen=True, slots=True)
class _Pruned:
    """What npm's prune removes, as the build context's package.json and lock files tell (:func:`_pruned`): the
    packages only devDependencies list, with those package-lock.json marks dev (or devOptional: installed for
    devDependencies alone, rp21node techwings-io/angular-cloudrun-example, WRONG: index.js requires express, which only
    @angular-devkit/build-angular brings; `Cannot find module 'express'` after the prune); every name the package.json
    files list; and whether a lock file was read, without which a package no package.json lists may be a dev
    dependency's as well."""

    dev_listed: frozenset[str]
    dev: frozenset[str]
    listed: frozenset[str]
    locked: bool
    versions: frozenset[tuple[str, str]] = frozenset()  # (package, version) at the top of the lock files' node_modules

    def removes(self, names: Set[str]) -> frozenset[str]:
        """The packages of ``names`` (loaded by the app's entry) the prune may remove: dev ones, and, where no lock
        tells, those no package.json lists and Node.js does not have."""
        if self.locked:
            return frozenset(names & self.dev)
        return frozenset(names & self.dev) | (names - self.listed - frozenset(data("node_builtins.json")["modules"]))

    def why(self, names: Set[str]) -> str:
        """Why the prune would remove ``names`` (:meth:`removes`)."""
        if names <= self.dev_listed:
            return "which package.json lists as devDependencies only"
        if self.locked:
            return "which package-lock.json marks dev: npm installed them for devDependencies only, which the prune " \
                "removes"
        return "which package.json does not list and no package-lock.json tells for which package npm installed " \
            "them: a dev dependency's, the prune would remove them"


def _pruned(facts: StageFacts) -> _Pruned | None:
    """The build context's package lists read once for the prune (:class:`_Pruned`); None with no context or no
    package.json there."""
    lists = _package_lists(facts) if facts.read_context not in (None, no_context) else []
    docs = [doc for name, text in lists if name == "package.json" and (doc := _manifest(text))]
    if not docs:
        return None
    by_key = [{n for doc in docs if isinstance(doc.get(k), dict) for n in doc[k]} for k in _DEPENDENCY_KEYS[:4]]
    dev_listed = frozenset(by_key[1] - by_key[0] - by_key[2] - by_key[3])
    locks = [_lock_top(_manifest(text)) for name, text in lists if name == "package-lock.json"]
    marked = {n for top in locks for n, entry in top.items()
              if entry.get("dev") is True or entry.get("devOptional") is True}
    versions = frozenset((n, str(entry.get("version", ""))) for top in locks for n, entry in top.items())
    return _Pruned(dev_listed, dev_listed | marked, frozenset().union(*by_key), bool(locks), versions)


def _lock_top(doc: dict[str, Any] | None) -> dict[str, dict[str, Any]]:
    """A package-lock.json's entries of the packages at the top of node_modules, by name: lockfile 2 and 3's
    ``packages["node_modules/NAME"]``, else lockfile 1's ``dependencies``."""
    packages = doc.get("packages") if doc is not None else None
    if isinstance(packages, dict):
        top = {path.removeprefix("node_modules/"): entry for path, entry in packages.items()
               if path.startswith("node_modules/") and "/node_modules/" not in path}
    else:
        dependencies = doc.get("dependencies") if doc is not None else None
        top = dependencies if isinstance(dependencies, dict) else {}
    return {n: entry for n, entry in top.items() if isinstance(entry, dict)}


# a module a script loads: require('x'), import('x'), import ... from 'x', import 'x'
_LOADS = re.compile(r"""\b(?:require|import)\s*\(\s*(['"`])([^'"`\n]+)\1|\b(?:from|import)\s+(['"])([^'"\n]+)\3""")
# what node tries for a required path: the file as named, with an extension, a folder's index
_RESOLVED = ("", ".js", ".cjs", ".mjs", ".json", "/index.js")


def _packages_loaded(facts: StageFacts, script: str) -> frozenset[str] | None:
    """The packages (bare names) that ``script``, a file of the image, and the modules of the app it requires (by
    relative paths, followed through the build context's COPYs) load; None when one of those files cannot be read
    from the context, except one in a build's output folder, which the build makes."""
    read = facts.read_context
    if read is None:
        return None
    todo, seen, names = [script], set[str](), set[str]()
    while todo and len(seen) < 400:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        places = ((path + end, context_location(facts.copied, path + end, read)) for end in _RESOLVED)
        # (the file node loads: a folder's index.js, whose own requires are relative to that folder)
        loaded, text = next(((p, t) for p, where in places if where and (t := read(where)) is not None), (path, None))
        if text is None:
            if path.endswith(".json") or _OUTPUT_FOLDERS & set(path.split("/")):
                continue
            return None
        found = _specifiers(text)
        if found is None:
            return None  # `require(path.join(__dirname, 'routes', f))`: what it loads is not known
        for spec in found:
            if spec.startswith((".", "/")):
                todo.append(posixpath.normpath(posixpath.join(posixpath.dirname(loaded), spec)))
            else:
                names.add(_package_of(spec))
    return None if todo else frozenset(names)  # (more modules than it reads: not known)


# a require or dynamic import whose argument is not a string literal
_COMPUTED = re.compile(r"""\b(?<![.\w])(?:require|import)\s*\(\s*(?![\s'"`)])|\b(?:require|import)\s*\(\s*`[^`]*\$\{""")


def _specifiers(code: str) -> list[str] | None:
    """The modules a script loads by name (not node's own, ``node:fs``); None where one is loaded by a name the script
    computes (``require(path.join(dir, f))``)."""
    if _COMPUTED.search(code):
        return None
    found = [m.group(2) or m.group(4) for m in _LOADS.finditer(code)]
    return [spec for spec in found if spec and not spec.startswith("node:")]


# a script that is one plain command: words without the shell's quotes, expansions, redirections or operators
_PLAIN_SCRIPT = re.compile(r"^[\w@%+=:,./ -]+$")


def _scripts_as_node(facts: StageFacts) -> tuple[tuple[tuple[str | None, ...], ...], str | None]:
    """The image's command lines, each package script one runs (``npm run start:prod``) read from the build
    context's package.json as the ``node`` command it is (``node dist/main``, NestJS's), so that the prune can
    follow what node loads; or why the dev dependencies stay: a script that runs anything else may need them."""
    runs: list[tuple[str | None, ...]] = []
    docs = _manifests(facts)
    lines, unread = _through_scripts(facts)
    if unread is not None:
        return (), unread
    for argv in lines:
        manager = posixpath.basename(argv[0] or "") if argv else ""
        if manager in _PROCESS_MANAGERS:
            script = _managed_script(argv)
            if script is None:
                shown = " ".join(a or "$VAR" for a in argv)
                return (), f"`{shown}` starts {manager} with a script or configuration the tool does not read, " \
                    "which may load them"
            runs.append(("node", script))
            continue
        if manager not in _MANAGERS + ("npx",):
            runs.append(argv)
            continue
        shown = " ".join(a or "$VAR" for a in argv)
        name = _script_name(argv)
        if name is None:
            return (), f"`{shown}` runs a package's command, which may be a dev dependency"
        if not docs:
            return (), f"`{shown}` runs a script of package.json, which is not read, and may need them"
        texts = {_run_script(doc, name, manager) for doc in docs}
        text = texts.pop() if len(texts) == 1 else None
        text = (_as_node(text, docs, facts) or text) if text is not None else None
        if text is None or not _PLAIN_SCRIPT.match(text) or text.split()[0] not in ("node", "nodejs"):
            what = f"`{text}`" if text else f"the script {name}, which the package.json files do not give alike"
            return (), f"`{shown}` runs {what}, which may need them"
        runs.append(tuple(text.split()))
    return tuple(runs), None


# the process managers that start a script with node (forever, pm2's commands), read as the ``node SCRIPT`` they run
_PROCESS_MANAGERS = frozenset({"forever", "pm2", "pm2-runtime", "pm2-docker", "pm2-dev"})


def _managed_script(argv: tuple[str | None, ...]) -> str | None:
    """The JavaScript file a process manager's command starts (``forever start app.js``, ``pm2-runtime app.js``), read
    as node would run it (rp29prune vcs-backend: `forever app.js`, whose requires a prune had not read); None for an
    ecosystem or other configuration file, an option, or a word the tool cannot read."""
    if any(a is None for a in argv):
        return None
    words = [a for a in argv[1:] if a is not None and a not in ("start", "--no-daemon")]
    if not words or words[0].startswith("-"):
        return None
    script = words[0]
    name = posixpath.basename(script)
    if not name.endswith((".js", ".cjs", ".mjs")) or "config" in name or name.startswith("ecosystem") \
            or any(c.isspace() for c in script):
        return None
    return script


def _through_scripts(facts: StageFacts) -> tuple[list[tuple[str | None, ...]], str | None]:
    """The image's command lines, each that runs a shell script (``sh init.sh``, ``./start.sh``) replaced by the
    commands of the script, read where a COPY took it from in the build context (rp26bots
    MuhammadZeeshanYousaf/workbot-slack: `sh init.sh` ran `npm start`, whose ts-node the prune had removed: "Cannot
    find module 'ts-node/register/transpile-only'"); or why the dev dependencies stay: a script that is not read."""
    lines: list[tuple[str | None, ...]] = []
    for argv in facts.runs:
        run = script_run(argv) if argv and posixpath.basename(argv[0] or "") not in ("node", "nodejs") else None
        text = read_where_copied(facts.read_context, facts.copied, facts.run_folder(), run.word) \
            if run is not None and facts.read_context is not None else None
        if run is None or not run.shell_text(text or ""):
            lines.append(argv)  # no shell script: a program, or a script of another language
            continue
        script = parse_shell(text) if text is not None else None
        if script is None or not script.ok:
            shown = " ".join(a or "$VAR" for a in argv)
            return [], f"`{shown}` runs {run.word}, a shell script the tool does not read, which may run them"
        lines += [unwrapped_line(tuple(w.value for w in c.argv)) for c in script.commands if c.argv]
    return lines, None


def _as_node(text: str, docs: list[dict[str, Any] | None], facts: StageFacts) -> str | None:
    """``nodemon server/server.js`` as the ``node server/server.js`` it runs, where nodemon is a production
    dependency, is given a JavaScript file and no option, and no configuration (nodemon.json beside a package.json
    the install read, package.json's nodemonConfig) may have it run something else (rp21node sakurakiyama/wordle,
    NIT: no prune, "nodemon may need them"); None for any other script (a .ts file nodemon runs with ts-node, a dev
    dependency)."""
    words = text.split()
    if len(words) != 2 or words[0] != "nodemon" or not words[1].endswith((".js", ".cjs", ".mjs")):
        return None
    read = facts.read_context
    folders = {posixpath.dirname(p) for p in _list_paths(facts) if posixpath.basename(p) == "package.json"}
    if read is None or not docs or any(read(posixpath.join(f, "nodemon.json")) is not None for f in folders):
        return None
    if any(doc is None or "nodemonConfig" in doc or "nodemon" not in (doc.get("dependencies") or {}) for doc in docs):
        return None
    return f"node {words[1]}"


def _framework_cli(facts: StageFacts) -> str | None:
    """Why the dev dependencies stay where the command runs a framework's CLI the file installs globally (``gatsby
    serve`` of gatsby-cli, ``ng`` of @angular/cli): the CLI loads the project's own copy of the framework, with its
    commands and plugins, which package.json may list as devDependencies (read23 5d4c0e80: after the prune,
    "There was a problem loading the local serve command")."""
    installed = {a.rsplit("@", 1)[0] if a.rfind("@") > 0 else a
                 for d in facts.decisions for c in d.commands
                 if c.name in _MANAGERS and _global_install(c.name, c.args, next(iter(positional(c.args)), None))
                 for a in positional(c.args)[1:] if a is not None}
    for argv in facts.runs:
        name = posixpath.basename(argv[0] or "") if argv else ""
        cli = next((p for p in (f"{name}-cli", f"@{name}/cli", _FRAMEWORK_CLIS.get(name, "")) if p in installed), None)
        if cli is not None:
            return f"`{' '.join(a or '$VAR' for a in argv[:2])}` runs {cli}, which the file installs globally: " \
                   "it loads the project's own copy of the framework, with its commands and plugins, which " \
                   "package.json may list as devDependencies"
    return None


# the frameworks' CLIs whose command is not named after the package
_FRAMEWORK_CLIS = {"ng": "@angular/cli", "nest": "@nestjs/cli"}


def _cli_left_to_run(facts: StageFacts) -> bool:
    """Whether the file sets no CMD or ENTRYPOINT on a node image, whose own command is node's prompt, and installs
    a CLI globally, which the runtime installs again for `docker run`'s command (a compose file's `command: ng
    serve`): a project's CLI loads its dev dependencies (the local @angular/cli and its builders)."""
    return not facts.runs and facts.kind == NAME and any(
        any(c.ecosystem == NAME and c.role is Role.SETUP for c in d.claims)
        and any(c.name in _MANAGERS and _global_install(c.name, c.args, next(iter(positional(c.args)), None))
                for c in d.commands) for d in facts.decisions)


def _global_install(name: str, args: tuple[str | None, ...], verb: str | None) -> bool:
    """Whether a package manager's command (its name, arguments and verb) installs globally (``npm i -g``,
    ``yarn global add``)."""
    # npm reads a cluster of one-letter options as those options (``npm install -gf yarn``: -g and -f)
    cluster = name == "npm" and any(a and re.fullmatch(r"-[a-zA-Z]{2,}", a) and "g" in a for a in args)
    return has_flag(args, "-g", "--global") or cluster or (name == "yarn" and verb == "global")


def _modules_removed(facts: StageFacts) -> bool:
    """Whether the build deletes the node_modules it installed (``npm run build && rm -fr node_modules``):
    a prune after it would install the production dependencies again, into an image that had none. An install
    whose artifact is the app's folder whole (its scripts may write there, :func:`_install_scripts`) makes
    node_modules in it."""
    present: dict[str, bool] = {}
    for d in facts.decisions:
        for cmd, c in zip(d.commands, d.claims, strict=True):
            present.update((a.path, True) for a in c.artifacts if posixpath.basename(a.path) == "node_modules")
            if c.ecosystem == NAME and _installs_modules(cmd):
                present.update((posixpath.join(a.path, "node_modules"), True) for a in c.artifacts if a.whole_dir)
            for r in c.removes:
                present.update((p, False) for p in present if p == r or p.startswith(r.rstrip("/") + "/"))
    return bool(present) and not any(present.values())


def _with_nvm(facts: StageFacts) -> bool:
    """Whether the stage installs nvm: its npm is on the PATH only of a shell that loads nvm, not of a RUN the
    builder adds (a prune there would not find it)."""
    return any(k == _NVM for d in facts.decisions for c in d.claims for k, _ in c.sets_env)


# Prisma 2's previews named the CLI prisma2 and the client @prisma/photon; 2.0 to 2.16 the CLI @prisma/cli
_PRISMA = ("prisma", "@prisma/client", "prisma2", "@prisma/photon", "@prisma/cli")


def _uses_prisma(facts: StageFacts) -> bool:
    """Whether the app uses Prisma: a RUN runs its CLI (`npx prisma generate`), or a package.json of the context
    (:func:`_package_lists`) depends on it."""
    if any(w.value in _PRISMA for d in facts.decisions for c in d.commands for w in c.argv[:3]):
        return True
    docs = _manifests(facts)
    return any(doc is not None and any(isinstance(doc.get(k), dict) and any(name in doc[k] for name in _PRISMA)
                                       for k in _DEPENDENCY_KEYS) for doc in docs)


def _full_node(facts: StageFacts) -> bool:
    """Whether the stage is on a full official node image (buildpack-deps' -dev packages), whose runtime is its
    slim variant, without them."""
    slim = "slim" in facts.image.tag.split("-") or facts.image.is_alpine
    return facts.image.repo == "node" and not slim


def _prisma_openssl(facts: StageFacts) -> tuple[str, ...]:
    """openssl for Prisma's query engine on the slim runtime of a full node image: the engine links the
    system's libssl (the full image has it, with the openssl command Prisma reads its version from; the slim
    one has neither, and Node.js carries its own OpenSSL)."""
    if not _full_node(facts) or "openssl" in facts.kept_packages or not _uses_prisma(facts):
        return ()
    return ("openssl",)


def _programs(facts: StageFacts, packages: list[str]) -> list[tuple[str, str]]:
    """(npm package, Debian package) for the programs the build context's ``packages`` run (data/node_native.json's
    commands: simple-git runs git) that the full image has, when the runtime leaves it for the slim one."""
    if not _full_node(facts):
        return []
    return programs_run(packages, data("node_native.json")["commands"], facts.kept_packages)


def _package_lists(facts: StageFacts) -> list[tuple[str, str]]:
    """(name, text) of the build context's package.json and lock files (package-lock.json, yarn.lock): those at its
    root, and those the installs read where they ran (``COPY sub/ .`` then ``npm install``: sub/package.json)."""
    read = facts.read_context
    if read is None:
        return []
    found = [(posixpath.basename(p), read(p)) for p in _list_paths(facts)]
    return [(name, text) for name, text in found if text is not None]


def _list_paths(facts: StageFacts) -> tuple[str, ...]:
    """The paths in the build context of the package.json and lock files :func:`_package_lists` reads."""
    installs = [p for d in facts.decisions for c in d.claims if c.ecosystem == NAME for p in c.context_reads]
    return tuple(dict.fromkeys((*_PACKAGE_LISTS, *installs)))


def _manifests(facts: StageFacts) -> list[dict[str, Any] | None]:
    """The build context's package.json files (:func:`_package_lists`) read (None: one that is not a JSON object)."""
    return [_manifest(text) for name, text in _package_lists(facts) if name == "package.json"]


def _context_packages(facts: StageFacts) -> list[str]:
    """The npm packages the build context's package.json files (:func:`_package_lists`) depend on, and those their
    lock files (package-lock.json, yarn.lock) install with them."""
    names: list[str] = []
    for name, text in _package_lists(facts):
        doc = _manifest(text) if name == "package.json" else None
        if doc is not None:
            names += [n for k in _DEPENDENCY_KEYS[:3] if isinstance(doc.get(k), dict) for n in doc[k]]
        if name == "package-lock.json":
            names += [n for n, _ in _npm_lock(text)]
        if name == "yarn.lock":  # libpq@^1.8.12: / "libpq@^1.8.12", "libpq@1.8": / "libpq@npm:1.8.12":
            names += re.findall(r'^"?((?:@[^@/"\s]+/)?[^@"\s]+)@', text, re.M)
    return list(dict.fromkeys(names))


def _npm_lock(text: str | None) -> list[tuple[str, str]]:
    """(name, version) of the packages a package-lock.json installs: its ``packages`` ("node_modules/libpq",
    nested "node_modules/a/node_modules/b"; lockfile 2 and 3), else its ``dependencies``, nested in theirs
    (lockfile 1, npm 5 and 6). Empty for no file, or one that is not JSON."""
    doc = _manifest(text)
    if doc is None:
        return []
    packages = doc.get("packages")
    if isinstance(packages, dict):
        return [(path.rpartition("node_modules/")[2], str(entry.get("version", ""))) for path, entry in packages.items()
                if "node_modules/" in path and isinstance(entry, dict)]
    out: list[tuple[str, str]] = []
    todo = [doc.get("dependencies")]
    while todo and len(out) < 100_000:
        level = todo.pop()
        for name, entry in level.items() if isinstance(level, dict) else ():
            if isinstance(entry, dict):
                out.append((name, str(entry.get("version", ""))))
                todo.append(entry.get("dependencies"))
    return out


def _native_libraries(facts: StageFacts, packages: list[str]) -> Finish | None:
    """The run-time libraries of the native addons (data/node_native.json) that node-gyp built against the full
    image's -dev packages: the slim runtime installs them (libpq5 for pg-native), or the builder lists them with
    ldd where the data cannot name them for the image's release."""
    if not _full_node(facts) or not any(c.ecosystem == NAME and c.role is Role.BUILD and c.artifacts
                                        for d in facts.decisions for c in d.claims):
        return None
    table: dict[str, list[str]] = data("node_native.json")["debian"]
    needs = [(name, dev) for name in packages for dev in table.get(name, ())]
    found = runtime_libraries(needs, list(facts.kept_packages), facts.release, facts.image.shown)
    left = unnamed(d for _, d in found)
    if left:
        return Finish(by_ldd=left, notes=(by_ldd_note(left, facts.image.shown, "the native addons"),))
    if not found:
        return None
    named = [(name, d) for name, d in found if not is_guess(d)]
    return Finish(runtime_packages=tuple(p for _, d in named for p in d.packages),
                  guessed=tuple((f"the npm package {name}", d) for name, d in found if is_guess(d)),
                  notes=tuple(f"the npm package {name}'s native addon is built against {d.dev} of the full image: "
                              f"{d.explain()}" for name, d in named))


# the installs whose native modules the builder lists (ldd): a tracked global one, and those of packages the tool does
# not know
_LISTED = frozenset({_Tag.NATIVE_GLOBAL, _Tag.NAMED_MODULES, _Tag.UNREAD_MODULES})


def _listed_modules(facts: StageFacts) -> Finish | None:
    """The run-time libraries of the native modules built on the full node image, whose slim variant the runtime
    copies them to, that the tool cannot name: those of a tracked global install (:func:`_global_native`), and of an
    install into node_modules of packages it does not know (:func:`_unknown_modules`). node-gyp built them against
    the full image's own -dev packages (buildpack-deps': libpq-dev, default-libmysqlclient-dev, libxml2-dev...), and
    neither the packages nor their dependencies are known without the registry, so the builder lists the libraries
    they link to (ldd) and the runtime, on the same release, installs that list. Not where the image's command is a
    web server of static sites (nginx), which loads no native module."""
    slim = runtime_image(facts.image.shown)
    if not _full_node(facts) or slim == facts.image.shown or tag_exists(slim) is False or _serves_site(facts):
        return None  # (a runtime on the builder's own image, where no slim variant was published, has its libraries)
    listed = [(c.tag, cmd) for d in facts.decisions for cmd, c in zip(d.commands, d.claims, strict=True)
              if c.ecosystem == NAME and c.tag in _LISTED and (c.staged is not None or c.tag is not _Tag.NATIVE_GLOBAL)]
    if not listed:
        return None
    tags = {tag for tag, _ in listed}
    if tags == {_Tag.UNREAD_MODULES}:
        return Finish(notes=(_assumed_unread(facts, [cmd for _, cmd in listed]),))
    built = dict.fromkeys(_built_by(tag, cmd) for tag, cmd in listed)
    found = (*((_GLOBAL_MODULES,) if _Tag.NATIVE_GLOBAL in tags else ()),
             *((_INSTALLED_MODULES,) if tags - {_Tag.NATIVE_GLOBAL} else ()))
    return Finish(by_ldd=found, notes=(
        f"{facts.image.shown}'s slim variant lacks the libraries of its -dev packages, which the native modules of "
        f"{' and of '.join(built)} may link: the builder lists the shared libraries the copied outputs "
        "link to (ldd)" + LISTED_INSTALLED,))


def _assumed_unread(facts: StageFacts, installs: list[Command]) -> str:
    """What the rewrite assumes of installs whose package.json the build context does not give, where nothing else
    asks for the builder's listing: as for pip's unseen requirements, that their addons, if any, link only what the
    slim variant has. A listing would add the runtime's first `apt-get update`, which fails on the old releases
    (jessie, stretch, buster: moved to archive.debian.org) most such images are of, where the original built."""
    shown = " and ".join(f"`{' '.join(w.text for w in cmd.argv)[:60]}`" for cmd in installs)
    return (f"assumed: the packages {shown} installs, of a package.json the build context does not hold, are "
            f"JavaScript or have native addons that link only libraries {facts.image.shown}'s slim variant has "
            "(libstdc++, the C library); one that node-gyp builds against a -dev package of the full image (pg-native "
            "against libpq-dev, nodegit) would need a run-time library the slim runtime lacks: `msrefactor verify` "
            "in the build context checks it")


def _built_by(tag: enum.Enum | None, cmd: Command) -> str:
    """What the reason says of the packages an install of :data:`_LISTED` brings."""
    if tag is _Tag.NATIVE_GLOBAL:
        return "the packages npm installs globally"
    shown = " ".join(w.text for w in cmd.argv)[:60]
    if tag is _Tag.NAMED_MODULES:
        return f"the packages `{shown}` names (their dependencies are not known without the registry)"
    return f"the packages `{shown}` installs (the build context gives no package.json to read)"


def _serves_site(facts: StageFacts) -> bool:
    """Whether the image's command is a web server of static sites (nginx), whose own image the runtime is."""
    servers = data("images.json")["static_servers"]
    return any(posixpath.basename(a[0] or "") in servers for a in facts.runs if a)


# serve's options (vercel/serve's source/utilities/cli.ts) and the words each takes: none names a file outside the
# folder it serves, where it reads its configuration (serve.json, now.json, package.json; --config is resolved there)
_SERVE_OPTIONS = {"-s": 0, "--single": 0, "-l": 1, "--listen": 1, "-p": 1, "-c": 1, "--config": 1, "-d": 0,
                  "--debug": 0, "-n": 0, "--no-clipboard": 0, "-u": 0, "--no-compression": 0, "--no-etag": 0,
                  "-C": 0, "--cors": 0, "--no-port-switching": 0, "-L": 0, "--no-request-logging": 0}


def _serve_folder(argv: tuple[str | None, ...]) -> str | None:
    """The one folder ``serve [options] FOLDER`` serves, as written; None for an option it does not know (a
    certificate, symbolic links followed out of the folder) or no folder given (the working folder, the app whole)."""
    folders: list[str] = []
    words = iter(argv[1:])
    for word in words:
        if word is None:
            return None
        option = word.split("=", 1)[0]
        if not word.startswith("-"):
            folders.append(word)
        elif option not in _SERVE_OPTIONS:
            return None
        elif _SERVE_OPTIONS[option]:
            value = word.split("=", 1)[1] if "=" in word else next(words, None)
            if value is None or (option in ("-c", "--config") and (value.startswith("/") or ".." in value)):
                return None  # (a configuration outside the folder: `-c /app/serve.json`, adv-s37 D)
    return folders[0] if len(folders) == 1 and "$" not in folders[0] else None


def _served_site(facts: StageFacts) -> Finish | None:
    """Where the image's only command is a static file server the file installs globally (`serve`, `http-server`),
    serving one folder of the build (``serve -s dist``): the runtime copies that folder alone (the server reads
    nothing else of the app), and the app's node_modules stay in the builder; the runtime installs it again. So for
    ``npx serve`` where package.json lists no serve: npx fetches it when the image starts, in the original as in the
    runtime."""
    fetched = [("serve", *a[2:]) for a in facts.runs if a and _npx_serve(a)]  # `npx serve -s dist` (rp6)
    runs = fetched or [a for a in facts.runs if a]
    servers = {posixpath.basename(a[0] or "") for a in runs}
    if len(servers) != 1 or not servers <= _SITE_FOLDER.keys() or \
            (fetched and (len(fetched) != len(facts.runs) or not _fetched_by_npx(facts))):
        return None
    server = next(iter(servers))
    installed = fetched or any(c.ecosystem == NAME and c.role is Role.SETUP and cmd.name in _MANAGERS
                               and _global_install(cmd.name or "", cmd.args, next(iter(positional(cmd.args)), None))
                               and server in {_command(p) for p in positional(cmd.args)[1:] if p}
                               for d in facts.decisions for cmd, c in zip(d.commands, d.claims, strict=True))
    checks = [d for d in facts.decisions if d.inst.cmd == "healthcheck"]
    folders = {_SITE_FOLDER[server](a) for a in runs}
    if not installed or checks or len(folders) != 1 or None in folders:
        return None
    site = posixpath.normpath(posixpath.join(facts.run_folder(), str(next(iter(folders)))))
    within = [a for a in facts.artifacts if a.whole_dir and site.startswith(a.path.rstrip("/") + "/")]
    if not within:
        return None
    copied = Artifact(site, reason=f"the static site {server} serves", whole_dir=True)
    how = ("npx downloads serve when the image starts, as in the original (package.json does not list it)"
           if fetched else f"the runtime installs {server} again")
    return Finish(kind="static", artifacts=(copied,), notes=(
        f"the CMD serves the static site {site} with {server}, which reads nothing else of the app: the runtime "
        f"copies that folder alone; {how}",))


# http-server's options that name a file it reads (a certificate, its key, a table of MIME types), or make it serve
# over TLS with them
_HTTP_SERVER_FILES = frozenset({"-S", "--ssl", "--tls", "-C", "--cert", "-K", "--key", "--mimetypes"})


def _http_server_folder(argv: tuple[str | None, ...]) -> str | None:
    """The folder ``http-server FOLDER [options]`` serves (rp24node fabiogatti/shockbyte-test: `http-server dist`;
    sean-project/sean: `http-server ./dist --proxy URL`): only a folder written first, as its options take values
    it does not declare (`-s dist` sets -s to dist); None for no folder (./public if there is one, else the working
    folder) or an option naming a file it reads."""
    words = argv[1:]
    if not words or words[0] is None or words[0].startswith("-") or "$" in words[0]:
        return None
    if any(w is None or w.split("=", 1)[0] in _HTTP_SERVER_FILES for w in words[1:]):
        return None
    return words[0]


# the static file servers whose one folder the runtime copies alone, and how to read it from their command line
_SITE_FOLDER: dict[str, Callable[[tuple[str | None, ...]], str | None]] = {
    "serve": _serve_folder, "http-server": _http_server_folder}


def _npx_serve(argv: tuple[str | None, ...]) -> bool:
    """``npx serve ...``, ``npx serve@14 ...``."""
    return posixpath.basename(argv[0] or "") == "npx" and len(argv) > 1 and (argv[1] or "").split("@")[0] == "serve"


def _fetched_by_npx(facts: StageFacts) -> bool:
    """Whether npx fetches serve rather than running the project's: package.json is read and lists no serve."""
    docs = [doc for name, text in _package_lists(facts) if name == "package.json" and (doc := _manifest(text))]
    return bool(docs) and not any(isinstance(doc.get(k), dict) and "serve" in doc[k]
                                  for doc in docs for k in _DEPENDENCY_KEYS)


def _prepared_another(facts: StageFacts) -> tuple[str, str] | None:
    """(prepared, named): the package manager ``corepack prepare`` readies where it is not the one package.json's
    packageManager names (rp19node heimgewebe/leitstand: pnpm@9.1.0 prepared, pnpm@9.15.9 named); None where they
    agree or either is not known."""
    prepared = [a for d in facts.decisions for c in d.commands if c.name == "corepack" and c.args[:1] == ("prepare",)
                for a in c.args[1:] if a and "@" in a]
    named = next((doc.get("packageManager") for name, text in _package_lists(facts) if name == "package.json"
                  and (doc := _manifest(text)) is not None and isinstance(doc.get("packageManager"), str)), None)
    if not prepared or named is None or "$" in "".join(prepared):
        return None
    wanted = named.split("+", 1)[0]
    return None if wanted in prepared else (prepared[0], wanted)


def _corepack_fetches_at_start(facts: StageFacts) -> str | None:
    """Why the runtime would differ when the program runs yarn or pnpm through the shims of a bare ``corepack
    enable``: they fetch the version package.json names at first use, which in the original was the build (the
    runtime, which repeats only the enable, would fetch it when the program starts)."""
    verbs = {c.args[0]: d.inst.start_line for d in facts.decisions for c in d.commands
             if c.name == "corepack" and c.args and c.args[0]}
    runs = {posixpath.basename(a[0] or "") for a in facts.runs if a} & _COREPACK_MANAGERS
    if "enable" in verbs and runs and "prepare" in verbs:
        other = _prepared_another(facts)
        if other is not None:
            return (f"line {verbs['prepare']}: `corepack prepare` readies {other[0]}, but package.json names "
                    f"{other[1]}, which the shims fetched at their first use, in the build: the runtime, which "
                    "repeats the prepare, would fetch it from the registry when the program starts")
    if "enable" not in verbs or verbs.keys() & {"prepare", "install"} or not runs:
        return None
    return (f"line {verbs['enable']}: `corepack enable` makes shims that fetch the package manager the program "
            f"runs ({', '.join(sorted(runs))}) at its first use, which was the build: the runtime would fetch it "
            "from the registry when the program starts")


def finish(facts: StageFacts) -> Finish | None:
    """What the stage adds (:func:`_finish`), and the builder's removal of the package managers' download caches
    inside a folder the runtime copies whole (``WORKDIR /root`` and ``npm install``: ~/.npm, read23 47313af8), and of
    Next.js's webpack cache (:func:`_next_webpack_cache`)."""
    found = _finish(facts)
    if found is not None and found.skip is not None:
        return found
    npx = _npx_fetched(facts)
    if npx is not None:
        found = dataclasses.replace(found or Finish(), more_artifacts=(npx,))
    inside = facts.caches_in_copies(NAME)
    webpack = _build_caches(facts)
    if not (inside or webpack):
        return found
    base = found or Finish()
    steps = tuple((f"rm -rf {c}", f"the install's download cache {c} is inside a folder the runtime copies whole, "
                                  "and the program does not read it") for c in inside)
    steps += tuple((f"rm -rf {' '.join(folders)}", why) for folders, why in webpack)
    return dataclasses.replace(base, builder_after=(*base.builder_after, *steps),
                               cleans=(*base.cleans, *inside, *(f for folders, _ in webpack for f in folders)))


# `npx PKG` in a command line (options before the package: `npx -y prisma`): group 1 the package, with its version
_NPX_RUN = re.compile(r"(?:^|[\s;&|(])npx\s+(?:-[-\w=]*\s+)*(@?[\w.-]+(?:/[\w.-]+)?(?:@[\w.^~<>=*-]+)?)")
# the home folders whose ~/.npm the tool knows, by the user a RUN runs as (the node images' user node)
_NPM_HOMES = {None: "/root", "": "/root", "root": "/root", "0": "/root", "node": "/home/node"}


def _npx_fetched(facts: StageFacts) -> Artifact | None:
    """npx's cache (~/.npm/_npx), where a build step's `npx PKG` fetched a package that no package.json of the build
    context lists as one its installs put in node_modules (rp26review SoftDev2425/TestService: `npx prisma generate`
    after `npm ci --omit=dev`, prisma being a devDependency), when the image's command runs `npx PKG` too, itself or
    through a package script (`npx prisma db push && node src/index.js`): the original's npx runs the fetched copy;
    without it, every start installs the package again from the registry (a newer one, maybe; checked on the engine
    with a devDependency run by npx at build and start: "The following package was not found and will be
    installed" at each start before, not after). None
    where npm is older than 7 (Node.js 14 and older, whose npx deleted what it fetched), the files are not read,
    or no such package is run."""
    major = _npm_major(facts)
    docs = _manifests(facts)
    if facts.image.repo != "node" or (major is not None and major < 15) or not docs or None in docs \
            or any(k.lower() == "npm_config_cache" for d in facts.decisions for k, _ in env_pairs(d.inst)):
        return None
    keys = _DEPENDENCY_KEYS[:1] if _production_only(facts) else _DEPENDENCY_KEYS[:3]
    local = {n for doc in docs if doc is not None for k in keys if isinstance(doc.get(k), dict) for n in doc[k]}
    wanted = _npx_at_start(facts, docs) - local
    for d in facts.decisions:
        home = _NPM_HOMES.get(d.user)
        for c in d.commands:
            package = _npx_package(" ".join(w.value or "$" for w in c.argv)) if c.name == "npx" else None
            if package in wanted and home is not None:
                return Artifact(f"{home}/.npm/_npx", whole_dir=True, reason=(
                    f"the package `npx {package}` fetched at build time (no package.json lists it among what the "
                    f"installs put in node_modules), kept in npx's cache, where the image's command, which runs "
                    f"`npx {package}` too, finds it as the original's does: not installed again at each start (npx "
                    f"still asks the registry which version is the latest, as the original's does; without a "
                    f"network, the original answers from npm's download cache, which the runtime leaves out)"))
    return None


def _npx_at_start(facts: StageFacts, docs: list[dict[str, Any] | None]) -> set[str]:
    """The packages the image's command lines run with npx, themselves or through the package scripts they run."""
    found: set[str] = set()
    for argv in facts.runs:
        texts = [" ".join(a or "$" for a in argv)]
        name = _script_name(argv)
        if name is not None:
            texts += [_run_script(doc, name, posixpath.basename(argv[0] or "")) or "" for doc in docs]
        found |= {p for t in texts for m in _NPX_RUN.finditer(t) if (p := _without_version(m.group(1)))}
    return found


def _npx_package(line: str) -> str | None:
    found = _NPX_RUN.search(line)
    return _without_version(found.group(1)) if found else None


def _without_version(spec: str) -> str:
    """``prisma@5.1`` -> prisma, ``@scope/name@1`` -> @scope/name."""
    at = spec.find("@", 1)
    return spec[:at] if at > 0 else spec


# the caches a build tool leaves in the folder it runs in for its next build, which the program does not read: the
# tool (a command, or one a package script runs), the folders and why ({}: the folders)
_BUILD_CACHES: tuple[tuple[re.Pattern[str], tuple[str, ...], str], ...] = (
    (re.compile(r"(?:^|[\s;&|(])next\s+build\b"), (".next/cache/webpack",),
     "{} is webpack's cache of the modules `next build` compiled, for the next build, inside a folder the runtime "
     "copies whole: `next start` does not read it (it keeps the rest of .next/cache: the images it optimizes, fetched "
     "data)"),
    # webpack 5's persistent cache and its loaders' (find-cache-dir): Docusaurus, Create React App, Vue CLI
    (re.compile(r"(?:^|[\s;&|(])(?:webpack|docusaurus\s+build|react-scripts\s+build|craco\s+build"
                r"|vue-cli-service\s+build)\b"),
     ("node_modules/.cache/webpack", "node_modules/.cache/babel-loader", "node_modules/.cache/terser-webpack-plugin"),
     "{} are the caches webpack and its loaders keep for the next build, inside a folder the runtime copies whole: "
     "the program does not read them"),
)


def _build_caches(facts: StageFacts) -> tuple[tuple[tuple[str, ...], str], ...]:
    """The build caches (:data:`_BUILD_CACHES`) of each RUN that runs their tool (as a command, through npx, or in
    the package script it runs) in its WORKDIR, without a ``cd``, where the runtime copies that folder whole: the
    folders to remove and why (rp19node akumotech/app-student-view-nextjs: .next/cache/webpack, 88 MB of 1,455;
    rp24node bndernet/bnder-docs: Docusaurus' node_modules/.cache/webpack, 122 MB of 759)."""
    docs: list[dict[str, Any] | None] | None = None  # read for the first RUN that may run one
    found: dict[tuple[str, ...], str] = {}
    for d in facts.decisions:
        copied = any(a.whole_dir and under(d.workdir, a.path) for a in facts.artifacts)
        if not copied or "$" in d.workdir or any(c.name == "cd" for c in d.commands):
            continue
        docs = _manifests(facts) if docs is None else docs
        for tool, folders, why in _BUILD_CACHES:
            if any(_runs_build_tool(c, docs, tool) for c in d.commands):
                shown = tuple(posixpath.join(d.workdir, f) for f in folders)
                found[shown] = why.format(", ".join(shown))
    return tuple(found.items())


def _runs_build_tool(cmd: Command, docs: list[dict[str, Any] | None], tool: re.Pattern[str]) -> bool:
    """Whether ``cmd`` runs the build tool ``tool`` matches (``next build``, ``npx next build``,
    ``./node_modules/.bin/next build``), or a package script that runs it."""
    argv = tuple(w.value for w in cmd.argv)
    words = [posixpath.basename(a) for a in argv[:3] if a is not None]
    if tool.match(" ".join(words[1:] if words[:1] == ["npx"] else words)):  # the command itself, not an argument
        return True
    name = _script_name(argv)
    manager = posixpath.basename(argv[0] or "") if argv else ""
    return name is not None and bool(docs) and all(tool.search(_run_script(doc, name, manager) or "")
                                                   for doc in docs)


def _finish(facts: StageFacts) -> Finish | None:
    """Dev dependencies are pruned after the build, unless the CMD runs a package script (which may need
    them), `docker run` gives the command and the runtime has a CLI the file installed for it, or a test stage,
    built from the builder, runs them. Prisma's engine gets the openssl it links, native addons the libraries of
    the full image they link."""
    fetches = _corepack_fetches_at_start(facts)
    if fetches is not None:
        return Finish(skip=fetches)
    site = _served_site(facts)
    if site is not None:
        return site
    openssl = _prisma_openssl(facts)
    named = _context_packages(facts) if _full_node(facts) else []  # package.json and the lock file, read once
    native = _native_libraries(facts, named) or Finish()
    programs = _programs(facts, named)
    packages = (*openssl, *native.runtime_packages, *(p for _, p in programs))
    notes: tuple[str, ...] = ("the runtime installs openssl: Prisma's query engine links the system's libssl, "
                              "which the slim image lacks",) if openssl else ()
    notes += tuple(program_note(f"the npm package {name}", p, facts.image.shown) for name, p in programs)
    listed = _listed_modules(facts) or Finish()
    libraries = dataclasses.replace(native, runtime_packages=packages, notes=(*notes, *native.notes, *listed.notes),
                                    by_ldd=(*native.by_ldd, *listed.by_ldd))
    built = [a for d in facts.decisions for c in d.claims if c.ecosystem == NAME for a in c.builder_after]
    install = _last_install(facts)
    wanted = built or _install_only_prune(facts, install)
    # (rp13 puru-khedre/prisma-typescript-backend: kept without a word)
    if install is not None and install.name == "yarn" and (wanted or _yarn_built(facts)) \
            and not _yarn_classic(facts, install) and not _production_only(facts):
        return dataclasses.replace(libraries, notes=(*libraries.notes, _YARN_KEEPS))
    if not wanted or _cli_left_to_run(facts) \
            or any(d.role is Role.TEST for d in facts.decisions) or _modules_removed(facts) or _with_nvm(facts) \
            or _pruned_after_build(facts) or _production_only(facts):
        return libraries if libraries != Finish() else None
    runs, loads = _scripts_as_node(facts)
    if not built and loads is None and not _node_alone(runs):
        return libraries if libraries != Finish() else None  # (the prune without a build step: node's command only)
    loads = loads or _framework_cli(facts) or _next_config(facts, runs) or _loads_dev_dependencies(facts, runs)
    if loads is not None:
        stay = f"the dev dependencies stay (no prune): {loads}"
        return dataclasses.replace(libraries, notes=(*libraries.notes, stay))
    steps = tuple((command, "the runtime copies node_modules without dev dependencies")
                  for command in dict.fromkeys(_prune_command(a, facts, install) for a in wanted)
                  if command is not None)
    if not steps:
        return libraries if libraries != Finish() else None
    unread = () if facts.read_context not in (None, no_context) else (
        "assumed: the program needs none of the devDependencies of package.json, which the build context does not "
        "give (a command that runs ts-node or nodemon, a require of one): the prune leaves them in the builder; "
        "`msrefactor verify` in the build context checks it",)
    return dataclasses.replace(libraries, builder_after=steps, after_notes=unread)


def _install_only_prune(facts: StageFacts, install: Command | None) -> list[str]:
    """The prune of an app with no build step (``npm install``, then ``node index.js``), where the build context's
    package.json lists devDependencies (jest, nodemon, supertest): the runtime copies node_modules without them, after
    the same checks as a build's prune (rp27build Patrickb001/cyber-kittens: 29 MB of jest and nodemon kept). Not
    without the context, whose package.json alone tells that dev dependencies are there and what the app loads; not
    after yarn's install but yarn 1's (:func:`_yarn_classic`, checked by :func:`_finish`), nor where the file prunes
    them itself; :func:`_finish` adds it only where the image's command is node's (:func:`_node_alone`)."""
    if install is None or install.name not in _PRUNE or facts.read_context in (None, no_context) \
            or any(_prunes_dev(c) for d in facts.decisions for c in d.commands):
        return []
    pruned = _pruned(facts)
    return [_PRUNE[install.name]] if pruned is not None and pruned.dev_listed else []


def _node_alone(runs: tuple[tuple[str | None, ...], ...]) -> bool:
    """Whether the image's command lines (:func:`_scripts_as_node`) all run node, whose script the prune's checks read:
    not with no command (a shell users type `npm test` in: rp29prune health-cards-dev-tools), nor a program of
    another kind."""
    return bool(runs) and all(argv and posixpath.basename(argv[0] or "") in ("node", "nodejs") for argv in runs)


_YARN_KEEPS = ("the dev dependencies stay (no prune): yarn installed node_modules, which the tool prunes with yarn 1's "
               "`yarn install --production` only where the build context shows yarn 1 (a yarn.lock of yarn 1, no "
               ".yarnrc.yml, no packageManager of Yarn 2 or later, no workspaces); npm's prune, which resolves the "
               "tree again, fails (ERESOLVE) on a peer dependency yarn let stay unmet")


def _yarn_built(facts: StageFacts) -> bool:
    """Whether the stage builds with yarn (``yarn build``, ``yarn run build``) the node_modules yarn installed: the
    tool prunes none (:func:`_prune_command`)."""
    install = _last_install(facts)
    return install is not None and install.name == "yarn" and any(
        c.name == "yarn" and positional(c.args, _VALUE_OPTIONS)[:1] in (["build"], ["run"])
        for d in facts.decisions for c in d.commands)


PASS = Pass(NAME, "npm/yarn/pnpm installs, builds and tests; bundlers", claim, finish)
