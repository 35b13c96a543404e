"""Static sites: build output copied into a web server's root (nginx's html, httpd's htdocs)."""

from __future__ import annotations

import dataclasses
import posixpath
import re
from collections.abc import Sequence
from typing import Any

from ..analysis import Artifact, Claim, ContextReader, Role, RunContext, context_location, positional
from ..claims import DecisionFacts, Finish, Pass, StageFacts
from ..commands import argv_of
from ..images import ImageRef, data
from ..official import inherited
from ..packages import package_name
from ..shell import Command
from ..tracking import under

NAME = "web"

_COPIERS = frozenset({"cp", "mv", "rsync"})
# the packages of Node.js and its package managers (Debian, Ubuntu and Alpine names), and git, which fetches what
# they install (bower's packages), which build a site and which a runtime whose only command is the web server never
# runs
_SITE_BUILDERS = ("nodejs", "npm", "yarn", "yarnpkg", "node-gyp", "git")


def _web_root(path: str) -> str | None:
    for root in data("images.json")["web_roots"]:
        if path == root or path.startswith(root + "/"):
            return str(root)
    return None


def claim(cmd: Command, ctx: RunContext) -> Claim | None:
    if cmd.name not in _COPIERS:
        return None
    words = positional(cmd.args)
    if len(words) < 2 or any(w is None for w in words):
        return None
    dest = ctx.abspath(str(words[-1]))
    root = _web_root(dest)
    if root is None:
        return None
    sources = ", ".join(posixpath.normpath(str(w)) for w in words[:-1])
    moved = tuple(ctx.abspath(str(w)) for w in words[:-1]) if cmd.name == "mv" else ()  # gone from where it was
    return Claim(Role.BUILD, NAME, f"`{cmd.name}` puts the built site ({sources}) into the web root {root}",
                 artifacts=(Artifact(root, reason="the static site", whole_dir=True),), removes=moved)


def finish(facts: StageFacts) -> Finish | None:
    """A static site served by a web server (CMD nginx): the server's own image, and only the web root."""
    if any(d.inst.cmd == "healthcheck" and not _fetches_only(d) for d in facts.decisions):
        return None  # a health check that runs a program of the app (`node /app/health.js`) needs it: adv-s38 5b
    site = [a for d in facts.decisions for c in d.claims if c.ecosystem == NAME for a in c.artifacts]
    servers = data("images.json")["static_servers"]
    runs = facts.runs or _inherited_runs(facts)
    served = {posixpath.basename(argv[0] or "") if argv else "" for argv in runs}
    if not site:
        return _built_in_root(facts, served, servers) or _configured_roots(facts, served)
    for argv in runs:
        name = posixpath.basename(argv[0] or "") if argv else ""
        if name in servers and not name.startswith("_"):
            server = servers[name]
            own = _server_image(facts.image, server["image"])
            # the server alone runs (no script, no other command): Node.js only built the site
            builders = _SITE_BUILDERS if served == {name} else ()
            image = f"the builder's image, {ImageRef.parse(server['image']).repo}'s own" if own else server["image"]
            cmd = "the CMD" if facts.runs else f"{facts.image.shown}'s own CMD"
            left = _kept_builders(facts, builders)
            built = f"; {', '.join(left)}, which only built the site, stay in the builder" if left else ""
            return Finish(runtime_image=None if own else server["image"], kind="static",
                          artifacts=tuple(dataclasses.replace(a, dest=server["root"]) for a in site),
                          drop_packages=(*server["packages"], *builders),
                          notes=(f"{cmd} serves the static site with {name}: the runtime is {image}{built}",))
    return None


def _built_in_root(facts: StageFacts, served: set[str], servers: dict[str, Any]) -> Finish | None:
    """A site built inside the web root itself (`WORKDIR /usr/share/nginx/html`, `npm run build`), which the server
    alone serves (``served``: the commands the image runs): what the runtime copies stays as it is (the original
    serves all of it, node_modules too), and the site builders stay in the builder (rp7
    krishna-gbu/jenkins_docker_ec2_reactjs: nodejs kept, 115 MB)."""
    if len(served) != 1 or not served <= servers.keys() or not any(_web_root(a.path) for a in facts.artifacts):
        return None
    left = _kept_builders(facts, _SITE_BUILDERS)
    return Finish(drop_packages=_SITE_BUILDERS, notes=(
        f"the site is built in the web root, which {next(iter(served))} alone serves: "
        f"{', '.join(left)}, which only built it, {'stay' if len(left) > 1 else 'stays'} in the builder",)) \
        if left else None


# the folders an nginx configuration serves files from, and the absolute paths it names (files it reads, folders)
_NGINX_ROOTS = re.compile(r"(?:^|[{;])\s*(?:root|alias)\s+([^;\s]+)\s*;", re.M)
_NGINX_PATHS = re.compile(r"(?<![\w./$-])/[^\s;'\"{}]+")


def _configured_roots(facts: StageFacts, served: set[str]) -> Finish | None:
    """A site nginx alone serves (the image's only command), from the folders the configuration the file copies from
    the build context names (``COPY nginx.conf /etc/nginx/nginx.conf`` with ``root /app/build;``), inside what the
    build makes: the runtime, on the same image with the same nginx, copies those folders alone, where the
    configuration names no other file of the app (rp28build wooridaum/homepage: node_modules and Node.js went along
    with a Docusaurus site, 695 MB where 175 serve the same)."""
    read = facts.read_context
    if served != {"nginx"} or read is None:
        return None
    texts = [_without_comments(t) for sources, dest, folder in facts.copied
             if dest == "/etc/nginx" or dest.startswith("/etc/nginx/")
             for src in sources if (t := _copied_text(facts, read, src, dest, folder)) is not None]
    roots = sorted({posixpath.normpath(r) for t in texts for r in _NGINX_ROOTS.findall(t)})
    apps = [a for a in facts.artifacts if a.whole_dir]
    if not texts or not roots or any("$" in r or not r.startswith("/") for r in roots) \
            or not all(any(under(r, a.path) for a in apps) for r in roots):
        return None
    named = {posixpath.normpath(p) for t in texts for p in _NGINX_PATHS.findall(t)}
    if any(under(p, a.path) and not any(under(p, r) for r in roots) for p in named for a in apps):
        return None  # (a certificate, an include of the app's folder: a file the runtime would lack)
    shown = ", ".join(roots)
    return Finish(kind="static", artifacts=tuple(Artifact(r, reason="the static site nginx serves", whole_dir=True)
                                                 for r in roots),
                  notes=(f"nginx alone runs, and the configuration the file copies serves {shown}: the runtime copies "
                         f"{'that folder' if len(roots) == 1 else 'those folders'} alone, not the app's dependencies "
                         "nor its sources",))


def _copied_text(facts: StageFacts, read: ContextReader, src: str, dest: str, folder: bool) -> str | None:
    """The text of a configuration file a context COPY puts under /etc/nginx (None for a folder or a pattern)."""
    if any(c in src for c in "*?[$"):
        return None
    path = posixpath.join(dest, posixpath.basename(src.rstrip("/"))) if folder else dest
    where = context_location(facts.copied, path, read)
    return read(where) if where is not None else None


def _without_comments(text: str) -> str:
    return re.sub(r"#[^\n]*", "", text)


def _kept_builders(facts: StageFacts, builders: Sequence[str]) -> list[str]:
    """Those of the site ``builders`` the runtime would install (Node.js's packages, git)."""
    kept = {package_name(k) for k in facts.kept_packages}
    return [p for p in builders if p in kept]


def _inherited_runs(facts: StageFacts) -> tuple[tuple[str | None, ...], ...]:
    """The command a file that sets no CMD or ENTRYPOINT inherits from its image (nginx's `nginx -g 'daemon off;'`,
    after its entrypoint's hook scripts), where the file puts nothing among those scripts (read18 511aadc4: a site
    built with bower on nginx kept nodejs and git in the runtime, 195 MB on the zoo's nginx)."""
    base = inherited(facts.image.shown)
    hooks = any("docker-entrypoint" in d.inst.text or _into_root(d) for d in facts.decisions)
    if base is None or not base.cmd or hooks:
        return ()
    return (tuple(base.cmd),)


def _fetches_only(d: DecisionFacts) -> bool:
    """A HEALTHCHECK that only asks the server (its command lines run curl, wget or `exit`), or NONE."""
    lines = argv_of(d.inst)
    return all(argv and posixpath.basename(argv[0] or "") in ("curl", "wget", "exit") for argv in lines)


def _into_root(d: DecisionFacts) -> bool:
    """A COPY or ADD into / (`COPY rootfs/ /`), which may bring hook scripts of the entrypoint (adv-s38 5a)."""
    inst = d.inst
    return inst.cmd in ("copy", "add") and len(inst.value) > 1 and posixpath.normpath(inst.value[-1]) == "/"


def _server_image(builder: ImageRef, server: str) -> bool:
    """Whether the stage builds on the web server's own image (nginx:1.22, nginx:alpine): the runtime keeps that
    image as written, its version and its C library, and not the one the data name for other builders."""
    image = ImageRef.parse(server)
    return builder.repo == image.repo and builder.registry in ("", "docker.io")


PASS = Pass(NAME, "static sites: build output copied into a web server root (nginx, httpd's htdocs)", claim,
            finish)
