"""JVM: Maven, Gradle, javac and jar."""

from __future__ import annotations

from ..analysis import Artifact, Claim, Role, RunContext, positional
from ..claims import Pass
from ..shell import Command

NAME = "jvm"

_TOOLS = {"mvn": "Maven", "mvnw": "Maven", "gradle": "Gradle", "gradlew": "Gradle", "javac": "javac", "jar": "jar"}


def claim(cmd: Command, ctx: RunContext) -> Claim | None:
    name = cmd.name or ""
    if name not in _TOOLS:
        return None
    goals = [g for g in positional(cmd.args, frozenset({"-f", "-s", "-P", "-pl", "-p", "-d", "-b"})) if g]
    if name in ("mvn", "mvnw", "gradle", "gradlew") and goals and all(g in ("test", "check") for g in goals):
        return Claim(Role.TEST, NAME, f"`{name} {' '.join(goals)}` runs the tests")
    return Claim(Role.BUILD, NAME, f"{_TOOLS[name]} builds the application",
                 artifacts=(Artifact(ctx.workdir, reason="the build output", whole_dir=True),))


PASS = Pass(NAME, "Maven, Gradle, javac and jar", claim)
