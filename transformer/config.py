"""Project configuration: ``[tool.msrefactor]`` in pyproject.toml, or a ``.msrefactor.toml``.

The file that applies to a Dockerfile is found by walking up from the Dockerfile's
folder: in each folder ``.msrefactor.toml`` (top-level keys) wins over
``pyproject.toml`` (its ``[tool.msrefactor]`` table; a pyproject.toml without one is
passed over). The walk stops after the folder that holds ``.git`` (the repository
root) or at the filesystem root. Keys::

    image_map = { "python:3.11" = "registry.local/python:3.11-slim", golang = "gcr.io/distroless/static" }
    stage_names = { builder = "build", test = "test", runtime = "app" }
    disable = ["go", "jvm"]          # passes: see ``msrefactor --help`` (transformer.passes.pass_names())
    runtime_user = "app"
    buildkit = true                  # cache mounts in the builder (default: when the file already uses BuildKit)

Command-line flags (``--image-map``, ``--stage-name``, ``--disable``,
``--runtime-user``, ``--buildkit/--no-buildkit``) override the file key by key.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

from .cachemount import Mode
from .passes import pass_names
from .refactor import DEFAULT_STAGE_NAMES, Options

CONFIG_NAME = ".msrefactor.toml"
PYPROJECT = "pyproject.toml"
STAGE_ROLES = tuple(DEFAULT_STAGE_NAMES)  # builder, test, runtime
KEYS = ("image_map", "stage_names", "disable", "runtime_user", "buildkit")


class ConfigError(ValueError):
    """A configuration file or flag that cannot be used; the message names the file."""


@dataclass(frozen=True)
class Config:
    """The settings of one configuration file (or of the command line); None/empty: not set."""

    image_map: Mapping[str, str] = field(default_factory=dict)
    stage_names: Mapping[str, str] = field(default_factory=dict)
    disable: frozenset[str] | None = None
    runtime_user: str | None = None
    buildkit: bool | None = None  # None: when the input already uses BuildKit syntax
    source: str | None = None  # the file it was read from

    def merged(self, over: Config) -> Config:
        """This config with ``over``'s settings on top (tables merge key by key; a set list replaces)."""
        return Config(
            image_map={**self.image_map, **over.image_map},
            stage_names={**self.stage_names, **over.stage_names},
            disable=over.disable if over.disable is not None else self.disable,
            runtime_user=over.runtime_user if over.runtime_user is not None else self.runtime_user,
            buildkit=over.buildkit if over.buildkit is not None else self.buildkit,
            source=self.source,
        )

    def options(self) -> Options:
        check_stage_names(self.stage_names, self.source or "the configuration")
        return Options(
            stage_names={**DEFAULT_STAGE_NAMES, **self.stage_names},
            image_map=dict(self.image_map),
            disabled_passes=frozenset(self.disable or ()),
            runtime_user=self.runtime_user,
            buildkit=Mode.AUTO if self.buildkit is None else Mode.ON if self.buildkit else Mode.OFF,
        )

    def to_plain(self) -> dict[str, Any]:
        """A picklable, JSON-able form (for worker processes)."""
        return {
            "image_map": dict(self.image_map),
            "stage_names": dict(self.stage_names),
            "disable": sorted(self.disable) if self.disable is not None else None,
            "runtime_user": self.runtime_user,
            "buildkit": self.buildkit,
        }

    @classmethod
    def from_plain(cls, plain: Mapping[str, Any]) -> Config:
        disable = plain.get("disable")
        return cls(image_map=dict(plain.get("image_map") or {}), stage_names=dict(plain.get("stage_names") or {}),
                   disable=frozenset(disable) if disable is not None else None,
                   runtime_user=plain.get("runtime_user"), buildkit=plain.get("buildkit"))


# --- reading ----------------------------------------------------------------------------------------------------

def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: invalid TOML: {e}") from None
    except OSError as e:
        raise ConfigError(f"{path}: {e.strerror or e}") from None


def _table(path: Path) -> dict[str, Any] | None:
    """The msrefactor settings in ``path``; None when it is a pyproject.toml without them."""
    data = _read_toml(path)
    if path.name == PYPROJECT:
        tool = data.get("tool")
        if not isinstance(tool, dict) or "msrefactor" not in tool:
            return None
        table = tool["msrefactor"]
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: [tool.msrefactor] must be a table")
        return table
    return data


def validate(table: Mapping[str, Any], source: str) -> Config:
    """A Config from a parsed table, or ConfigError naming ``source`` and the bad key."""
    unknown = sorted(set(table) - set(KEYS))
    if unknown:
        raise ConfigError(f"{source}: unknown key {unknown[0]!r} (known: {', '.join(KEYS)})")

    def str_table(key: str) -> dict[str, str]:
        value = table.get(key, {})
        if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) and v
                                                  for k, v in value.items()):
            raise ConfigError(f"{source}: {key} must be a table of non-empty strings")
        return dict(value)

    image_map = str_table("image_map")
    stage_names = str_table("stage_names")
    check_stage_names(stage_names, source)
    disable: frozenset[str] | None = None
    if "disable" in table:
        value = table["disable"]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{source}: disable must be a list of pass names")
        disable = check_passes(value, source)
    runtime_user = table.get("runtime_user")
    if runtime_user is not None and (not isinstance(runtime_user, str) or not runtime_user.strip()):
        raise ConfigError(f"{source}: runtime_user must be a non-empty string")
    buildkit = table.get("buildkit")
    if buildkit is not None and not isinstance(buildkit, bool):
        raise ConfigError(f"{source}: buildkit must be true or false")
    return Config(image_map=image_map, stage_names=stage_names, disable=disable, runtime_user=runtime_user,
                  buildkit=buildkit, source=source)


def check_stage_names(names: Mapping[str, str], source: str) -> None:
    for role, name in names.items():
        if role not in STAGE_ROLES:
            raise ConfigError(f"{source}: unknown stage {role!r} (known: {', '.join(STAGE_ROLES)})")
        if not name or not (name[0].isalnum()) or not all(c.isalnum() or c in "._-" for c in name):
            raise ConfigError(f"{source}: stage name {name!r} is not a valid stage name")
    merged = {**DEFAULT_STAGE_NAMES, **names}
    lowered = [n.lower() for n in merged.values()]
    if len(set(lowered)) != len(lowered):
        raise ConfigError(f"{source}: stage names must differ: {merged}")


def check_passes(names: Iterable[str], source: str) -> frozenset[str]:
    out = frozenset(names)
    known = pass_names()
    for name in sorted(out):
        if name not in known:
            raise ConfigError(f"{source}: unknown pass {name!r} (known: {', '.join(known)})")
    return out


def load_file(path: str | os.PathLike[str]) -> Config:
    """The Config in one file (a pyproject.toml's [tool.msrefactor], or any other TOML's top level)."""
    p = Path(path)
    table = _table(p)
    if table is None:
        raise ConfigError(f"{p}: no [tool.msrefactor] table")
    return validate(table, str(p))


def find_config(start: str | os.PathLike[str], cache: dict[Path, Path | None] | None = None) -> Path | None:
    """The configuration file for files in folder ``start``, or None.

    ``cache`` remembers the answer for every folder on the way up, so a batch over
    thousands of folders of one tree looks at each folder once.
    """
    folder = Path(os.path.abspath(start))
    seen: list[Path] = []
    found: Path | None = None
    while True:
        if cache is not None and folder in cache:
            found = cache[folder]
            break
        seen.append(folder)
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            found = candidate
            break
        candidate = folder / PYPROJECT
        if candidate.is_file() and _table(candidate) is not None:
            found = candidate
            break
        if (folder / ".git").exists() or folder.parent == folder:
            break
        folder = folder.parent
    if cache is not None:
        for f in seen:
            cache[f] = found
    return found


_CACHE_LIMIT = 4096


class Resolver:
    """Options for each Dockerfile: its folder's configuration file (cached) under the command-line overrides.

    ``explicit``: a --config file, used for every file instead of the lookup.
    """

    def __init__(self, overrides: Config | None = None, explicit: str | None = None) -> None:
        self.overrides = overrides or Config()
        self.explicit = load_file(explicit) if explicit else None
        self._by_folder: dict[str, Options] = {}
        self._by_file: dict[Path, Config] = {}
        self._found: dict[Path, Path | None] = {}
        self._by_config: dict[Path | None, Options] = {}

    def options_for(self, dockerfile: str | None) -> Options:
        """Options for a Dockerfile path (None or ``-``: standard input, looked up from the working folder)."""
        folder = os.getcwd() if dockerfile in (None, "-") else os.path.dirname(os.path.abspath(str(dockerfile)))
        cached = self._by_folder.get(folder)
        if cached is not None:
            return cached
        if len(self._by_folder) > _CACHE_LIMIT:  # batches walk folder by folder: a bounded cache keeps
            self._by_folder.clear()  # memory flat in the number of folders and loses few hits
            self._found.clear()
        path = None if self.explicit is not None else find_config(folder, self._found)
        options = self._by_config.get(path)
        if options is None:  # one Options object per configuration file, shared by its folders
            if self.explicit is not None:
                base = self.explicit
            elif path is None:
                base = Config()
            else:
                base = self._by_file.get(path) or self._by_file.setdefault(path, load_file(path))
            options = self._by_config[path] = base.merged(self.overrides).options()
        self._by_folder[folder] = options
        return options


# --- command-line flags -------------------------------------------------------------------------------------------

def _pairs(values: Iterable[str], flag: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for value in values:
        key, sep, target = value.partition("=")
        if not sep or not key.strip() or not target.strip():
            raise ConfigError(f"{flag} wants KEY=VALUE, got {value!r}")
        out[key.strip()] = target.strip()
    return out


def from_flags(*, stage_names: Iterable[str] = (), image_map: Iterable[str] = (), disable: Iterable[str] = (),
               runtime_user: str | None = None, buildkit: bool | None = None) -> Config:
    """The Config the command-line flags describe (``--disable`` may repeat or hold commas)."""
    names = _pairs(stage_names, "--stage-name")
    check_stage_names(names, "--stage-name")
    passes = [p.strip() for value in disable for p in value.split(",") if p.strip()]
    return Config(
        image_map=_pairs(image_map, "--image-map"),
        stage_names=names,
        disable=check_passes(passes, "--disable") if passes else None,
        runtime_user=runtime_user,
        buildkit=buildkit,
    )


def config_flags(f: Any) -> Any:
    """The click options shared by ``msrefactor FILE`` and ``msrefactor batch``."""
    import click

    for decorator in reversed((
        click.option("--config", "config_file", type=click.Path(dir_okay=False),
                     help="Use this configuration file instead of looking for .msrefactor.toml / pyproject.toml."),
        click.option("--stage-name", "stage_names", multiple=True, metavar="ROLE=NAME",
                     help="Name a stage (roles: builder, test, runtime), e.g. --stage-name builder=build."),
        click.option("--image-map", "image_map", multiple=True, metavar="IMAGE=RUNTIME",
                     help="Runtime image for a builder image or repository, "
                          "e.g. --image-map python:3.11=registry.local/python:3.11-slim."),
        click.option("--disable", "disable", multiple=True, metavar="PASS",
                     help=f"Turn a pass off (repeat or comma-separate; replaces the config's list): "
                          f"{', '.join(pass_names())}."),
        click.option("--runtime-user", "runtime_user", metavar="USER", help="The user the runtime stage runs as."),
        click.option("--buildkit/--no-buildkit", "buildkit", default=None,
                     help="Cache mounts for the package managers in the builder's RUNs (BuildKit syntax; "
                          "default: when the file already uses it)."),
    )):
        f = decorator(f)
    return f


def resolver_from_flags(config_file: str | None, stage_names: Iterable[str], image_map: Iterable[str],
                        disable: Iterable[str], runtime_user: str | None, buildkit: bool | None = None) -> Resolver:
    """A Resolver for the command line's config flags; ConfigError when one is wrong."""
    overrides = from_flags(stage_names=stage_names, image_map=image_map, disable=disable, runtime_user=runtime_user,
                           buildkit=buildkit)
    return Resolver(overrides, explicit=config_file)
