"""JVM: Maven, Gradle, javac and jar."""

from __future__ import annotations

import posixpath
import re

from ..analysis import Artifact, Claim, Role, RunContext, option_value, positional, source_programs
from ..claims import Finish, Pass, StageFacts
from ..images import ImageRef
from ..official import chain, inherited
from ..shell import Command

NAME = "jvm"

_TOOLS = {"mvn": "Maven", "mvnw": "Maven", "gradle": "Gradle", "gradlew": "Gradle", "javac": "javac", "jar": "jar"}


def claim(cmd: Command, ctx: RunContext) -> Claim | None:
    name = cmd.name or ""
    if name not in _TOOLS:
        return None
    goals = [g for g in positional(cmd.args, frozenset({"-f", "--file", "-s", "-P", "-pl", "-p", "-d", "-b",
                                                                "--project-dir", "--build-file"})) if g]
    if name in ("mvn", "mvnw", "gradle", "gradlew") and goals and all(g in ("test", "check") for g in goals):
        return Claim(Role.TEST, NAME, f"`{name} {' '.join(goals)}` runs the tests")
    project = _project(cmd, name)
    if project is not None and "$" in project:
        return None
    where = ctx.abspath(project) if project else ctx.workdir
    out = _output_folder(name, where, ctx)
    if out is not None:
        return Claim(Role.BUILD, NAME, f"{_TOOLS[name]} builds the application in /, into its output folder {out}",
                     artifacts=(Artifact(out, reason=f"{_TOOLS[name]}'s output folder (the build runs in /, among "
                                                     "the system's files)", whole_dir=True),))
    return Claim(Role.BUILD, NAME, f"{_TOOLS[name]} builds the application", leaves_cache=_cache(name, ctx),
                 artifacts=(Artifact(where, reason="the build output", whole_dir=True),))


def _cache(name: str, ctx: RunContext) -> str | None:
    """The download cache the build leaves: Maven's local repository (~/.m2), Gradle's user home; none where a
    step of the stage writes a classpath of the jars in it (`mvn dependency:build-classpath`), which the program
    reads at run time."""
    if any(c.name in ("mvn", "mvnw") and any(a and a.startswith("dependency:build-classpath") for a in c.args)
           for c in ctx.stage_commands):
        return None
    if name in ("mvn", "mvnw"):
        return f"{ctx.likely_home()}/.m2"
    if name in ("gradle", "gradlew"):
        return ctx.getenv("GRADLE_USER_HOME") or _gradle_volume(ctx) or f"{ctx.likely_home()}/.gradle"
    return None


def _gradle_volume(ctx: RunContext) -> str | None:
    """The Gradle user home of an image that declares one as a VOLUME (the official gradle image: VOLUME
    /home/gradle/.gradle, which root's ~/.gradle links to), where the build writes its downloads: under BuildKit they
    stay in the layer, inside the working folder /home/gradle the runtime copies (rp26review, fejjjsan/java-project-99:
    the runtime copied the dependency cache with the jar)."""
    image = inherited(ctx.image.shown)
    return next((v for v in image.volumes if posixpath.basename(v) == ".gradle"), None) if image else None


# the output folder of a build tool's project (Maven's target, Gradle's build) and the files naming its subprojects
_OUTPUT = {"Maven": ("target", "pom.xml", "<modules>"), "Gradle": ("build", "settings.gradle", "include")}


def _output_folder(name: str, where: str, ctx: RunContext) -> str | None:
    """Where a Maven or Gradle build run in / writes, which the runtime copies instead of / (whose other files it
    cannot tell apart): the project's output folder (/target, /build), when the program is one jar the CMD runs
    (``java -jar``) and the context, when it is there, shows no subprojects (each would write a folder of its own)."""
    tool = _TOOLS[name]
    if where != "/" or tool not in _OUTPUT:
        return None
    folder, listing, subprojects = _OUTPUT[tool]
    if not any(posixpath.basename(a[0] or "") == "java" and "-jar" in a for a in ctx.runs if a):
        return None
    text = (ctx.read_file(listing) or ctx.read_file(listing + ".kts")) if tool == "Gradle" else ctx.read_file(listing)
    return None if text is not None and subprojects in text else "/" + folder


def _project(cmd: Command, name: str) -> str | None:
    """The project folder a build tool is pointed at, when it is not the working folder: Maven's ``-f``/``--file``
    (a POM, or its folder), Gradle's ``-p``/``--project-dir`` or the folder of its ``-b``/``--build-file``."""
    # a dynamic word keeps its text (`$APP/pom.xml`): the caller does not guess where it points
    words = tuple(w.value if w.value is not None else w.text for w in cmd.argv[1:])
    if name in ("mvn", "mvnw"):
        pom = option_value(words, "-f", "--file")
        return posixpath.dirname(pom) or "." if pom and pom.endswith(".xml") else pom
    if name in ("gradle", "gradlew"):
        build = option_value(words, "-b", "--build-file")
        return option_value(words, "-p", "--project-dir") or (posixpath.dirname(build) or "." if build else None)
    return None


def finish(facts: StageFacts) -> Finish | None:
    """The download caches the builds leave (Maven's ~/.m2, Gradle's user home) inside a folder the runtime copies
    whole (``WORKDIR /root`` and ``mvn install``: the runtime copied /root, and Maven's repository with it, read22
    1862f76b): the builder removes them after the build, which the program, a jar, does not read. An app that
    compiles Java when it runs gets a JDK as its runtime (:func:`_compiles_at_run_time`)."""
    jdk = _jdk_runtime(facts)
    if jdk is not None and jdk.skip is not None:
        return jdk
    inside = facts.caches_in_copies(NAME)
    if not inside:
        return jdk
    image = inherited(facts.image.shown)
    volumes = image.volumes if image else ()
    return Finish(builder_after=tuple(_removal(c, c in volumes) for c in inside), cleans=inside,
                  runtime_image=jdk.runtime_image if jdk else None, notes=jdk.notes if jdk else ())


# the code of an app that compiles Java when it runs, with the JDK's compiler, which a JRE lacks: jte's dynamic
# engine (TemplateEngine.create, not createPrecompiled) compiles each template at its first render (its
# JavaClassFilesCompiler calls ToolProvider.getSystemJavaCompiler, null on a Temurin JRE: apache/texera#3628)
_RUN_TIME_COMPILE = re.compile(r"\bTemplateEngine\s*\.\s*create\s*\(|\bToolProvider\s*\.\s*getSystemJavaCompiler\b")


def _compiles_at_run_time(text: str) -> tuple[str, ...]:
    found = _RUN_TIME_COMPILE.search(text)
    return () if found is None else (re.sub(r"\s+", "", found.group(0)).rstrip("("),)


def _jdk_runtime(facts: StageFacts) -> Finish | None:
    """A JDK as the runtime where the app's Java or Kotlin code, read in the build context's files the stage copies,
    compiles Java when it runs (:data:`_RUN_TIME_COMPILE`; rp28review Kapatbl4/java-project-72: on the JRE the tool
    chose, every page failed): the JDK image the builder's is built on (gradle:8.6-jdk21: eclipse-temurin:21-jdk-jammy),
    or the builder's own where it is one; the file is left alone where neither is known."""
    read = facts.read_context
    found = source_programs(facts.copied, read, (".java", ".kt"), _compiles_at_run_time, "Java") if read else []
    if not found:
        return None
    call, where = found[0]
    why = f"{where} calls {call}, which compiles Java when the app runs, with the JDK's compiler that a JRE lacks"
    image = next((b for b in (facts.image.shown, *chain(facts.image.shown)) if _is_jdk(b)), None)
    if image is None:
        return Finish(skip=f"{why}: the tool knows no JDK image for {facts.image.shown}'s runtime")
    return Finish(runtime_image=image, notes=(f"the runtime is {image}, a JDK: {why}",))


def _is_jdk(image: str) -> bool:
    """Whether ``image`` is a JDK image of the official JDK repositories (eclipse-temurin:21-jdk-jammy, openjdk:17)."""
    ref = ImageRef.parse(image)
    return ref.repo in ("eclipse-temurin", "openjdk", "amazoncorretto") and "jre" not in ref.tag


def _removal(cache: str, volume: bool) -> tuple[str, str]:
    """The command that removes a download cache after the build, and its reason. The classic builder mounts a
    VOLUME of the image over its folder during a RUN (where `rm -rf` of the folder itself fails: "Device or resource
    busy"), so the contents of such a folder go, not the folder."""
    why = f"the build's download cache {cache} is inside a folder the runtime copies whole, and the program does not " \
          "read it"
    if volume:
        return f"find {cache} -mindepth 1 -delete", why + " (a VOLUME of the image: its contents go, not the folder)"
    return f"rm -rf {cache}", why


PASS = Pass(NAME, "Maven, Gradle, javac and jar", claim, finish)
