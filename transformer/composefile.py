"""The build context's compose file, as facts about the image the Dockerfile builds: the services that build it,
and the folders they bind-mount over it (read with PyYAML)."""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterator

import yaml

# the names docker compose looks for, in its order
COMPOSE_FILES = ("docker-compose.yml", "docker-compose.yaml", "compose.yml", "compose.yaml")


def compose_services(read_context: Callable[[str], str | None]) -> Iterator[tuple[str, list[dict[str, object]]]]:
    """Each compose file of the build context that loads, with its services (file name, services)."""
    for name in COMPOSE_FILES:
        text = read_context(name)
        try:
            loaded = yaml.safe_load(text) if text else None
        except yaml.YAMLError:
            continue
        services = loaded.get("services") if isinstance(loaded, dict) else None
        if isinstance(services, dict):
            yield name, [s for s in services.values() if isinstance(s, dict)]


def builds_here(service: dict[str, object]) -> bool:
    """Whether a compose service builds the context's own default Dockerfile (``build: .``) and nothing else."""
    build = service.get("build")
    if isinstance(build, dict):
        return str(build.get("context", ".")).rstrip("/") in (".", "") and \
            str(build.get("dockerfile", "Dockerfile")) in ("Dockerfile", "./Dockerfile") and "target" not in build
    return str(build).rstrip("/") in (".", "")


def mounted_over(read_context: Callable[[str], str | None], path: str) -> tuple[str, str] | None:
    """(compose file, the volume as written) of a bind mount that a service building the context's Dockerfile
    puts over ``path`` or a folder holding it (``.:/app`` over /app/.venv), hiding what the image has there; None
    when none does (a named volume is filled from the image on its first use)."""
    for name, services in compose_services(read_context):
        for service in filter(builds_here, services):
            volumes = service.get("volumes")
            for volume in volumes if isinstance(volumes, list) else ():
                source, target = _bind(volume)
                if source and target and (path == target or path.startswith(target.rstrip("/") + "/")):
                    return name, source + ":" + target
    return None


def _bind(volume: object) -> tuple[str | None, str | None]:
    """The source and target of a bind mount (short syntax ``./src:/app:ro``, long syntax ``type: bind``)."""
    if isinstance(volume, dict):
        if volume.get("type") != "bind":
            return None, None
        return str(volume.get("source", "")), posixpath.normpath(str(volume.get("target", "")))
    parts = str(volume).split(":")
    if len(parts) < 2 or not parts[0].startswith((".", "/", "~", "$")):
        return None, None
    return parts[0], posixpath.normpath(parts[1])
