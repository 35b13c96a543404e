"""An app whose Java code compiles Java when it runs (jte's dynamic TemplateEngine.create, ToolProvider's system
compiler) needs the JDK's compiler, which a JRE lacks (rp28review Kapatbl4/java-project-72: on eclipse-temurin:21-jre
every page failed): the runtime is the JDK image the builder's is built on; the file is left alone where none is
known."""

from __future__ import annotations

from conftest import context_of

from transformer import refactor

TEXT = """\
FROM {image}
WORKDIR /app
COPY /app .
RUN ./gradlew --no-daemon build
CMD java -jar build/libs/app-1.0-SNAPSHOT-all.jar
"""

DYNAMIC = "TemplateEngine templateEngine = TemplateEngine.create(codeResolver, ContentType.Html);\n"
PRECOMPILED = "TemplateEngine templateEngine = TemplateEngine.createPrecompiled(ContentType.Html);\n"


def files(code: str) -> dict[str, str]:
    return {"app/gradlew": "#!/bin/sh\n", "app/build.gradle.kts": "plugins { java }\n",
            "app/src/main/java/hexlet/code/App.java": f"class App {{ void f() {{ {code} }} }}\n"}


def test_jte_s_dynamic_engine_keeps_a_jdk() -> None:
    result = refactor(TEXT.format(image="gradle:8.6-jdk21"), read_context=context_of(files(DYNAMIC)))
    assert "FROM eclipse-temurin:21-jdk-jammy AS runner" in result.text, result.text
    assert any("TemplateEngine.create" in str(c) for c in result.changes), result.changes


def test_the_system_compiler_too() -> None:
    code = "JavaCompiler c = ToolProvider.getSystemJavaCompiler();\n"
    result = refactor(TEXT.format(image="gradle:8.6-jdk21"), read_context=context_of(files(code)))
    assert "FROM eclipse-temurin:21-jdk-jammy AS runner" in result.text, result.text


def test_precompiled_templates_and_no_context_keep_the_jre() -> None:
    for read in (context_of(files(PRECOMPILED)), None):
        result = refactor(TEXT.format(image="gradle:8.6-jdk21"), read_context=read) if read \
            else refactor(TEXT.format(image="gradle:8.6-jdk21"))
        assert "FROM eclipse-temurin:21-jre" in result.text, result.text


def test_no_jdk_image_known_leaves_the_file_alone() -> None:
    result = refactor(TEXT.format(image="someorg/gradle:8"), read_context=context_of(files(DYNAMIC)))
    assert not result.changed and "TemplateEngine.create" in (result.reason or ""), result.reason
