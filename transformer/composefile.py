"""The build context's compose file, as facts about the image the Dockerfile builds: the services that build it,
and the folders they bind-mount over it (read with PyYAML); and the dev container configuration that builds it
(devcontainer.json, read with json5, as it allows comments)."""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterator

import json5
import yaml

# the names docker compose looks for, in its order
COMPOSE_FILES = ("docker-compose.yml", "docker-compose.yaml", "compose.yml", "compose.yaml")


def compose_services(read_context: Callable[[str], str | None]) -> Iterator[tuple[str, list[dict[str, object]]]]:
    """Each compose file of the build context that loads, with its services (file name, services)."""
    for name in COMPOSE_FILES:
        services = _services(read_context, name)
        if services is not None:
            yield name, [s for s in services.values() if isinstance(s, dict)]


def _services(read_context: Callable[[str], str | None], name: str) -> dict[object, object] | None:
    """The ``services`` mapping of the compose file ``name`` of the build context; None where it is not there, does
    not load or has none."""
    text = read_context(name)
    try:
        loaded = yaml.safe_load(text) if text else None
    except yaml.YAMLError:
        return None
    services = loaded.get("services") if isinstance(loaded, dict) else None
    return services if isinstance(services, dict) else None


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


# where VS Code and the dev container CLI look for a configuration, in their order
DEV_CONTAINER_FILES = (".devcontainer/devcontainer.json", ".devcontainer.json")


def dev_container(read_context: Callable[[str], str | None]) -> tuple[str, str] | None:
    """(configuration, how) where a dev container configuration of the build context builds its default Dockerfile:
    by naming it (``"build": {"dockerfile": "../Dockerfile"}``), or by opening a service of a compose file that builds
    it (``"dockerComposeFile"``, ``"service": "web"``); None when none does."""
    for name in DEV_CONTAINER_FILES:
        config = _json5(read_context(name))
        if config is None:
            continue
        folder = posixpath.dirname(name)
        build = config.get("build")
        named = (build.get("dockerfile") if isinstance(build, dict) else None) or config.get("dockerFile")
        if isinstance(named, str) and posixpath.normpath(posixpath.join(folder, named)) == "Dockerfile":
            return name, f"it names the Dockerfile ({named})"
        service = config.get("service")
        files = config.get("dockerComposeFile")
        for file in [files] if isinstance(files, str) else files if isinstance(files, list) else []:
            path = posixpath.normpath(posixpath.join(folder, str(file)))
            found = _service(read_context, path, service) if isinstance(service, str) else None
            if found is not None and builds_here(found):
                return name, f"it opens the service {service} of {path}, which builds the Dockerfile"
    return None


def _json5(text: str | None) -> dict[str, object] | None:
    try:
        loaded = json5.loads(text) if text else None
    except ValueError:
        return None
    return loaded if isinstance(loaded, dict) else None


def _service(read_context: Callable[[str], str | None], path: str, name: str) -> dict[str, object] | None:
    """The service ``name`` of the compose file at ``path`` of the build context (a file of its root only)."""
    services = _services(read_context, path) if path in COMPOSE_FILES else None
    found = services.get(name) if services is not None else None
    return found if isinstance(found, dict) else None
