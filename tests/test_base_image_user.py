"""A USER the builder's base image makes, and the runtime's image of another family lacks, is a skip with that cause:
gradle's images make the user gradle, eclipse-temurin's JRE does not, and a runtime with `USER gradle` fails to start
("unable to find user gradle"). Families whose slim runtime makes the same user (node, .NET 8's app) still change.
The pattern (`FROM gradle`, `USER gradle`, `RUN gradle build`) is how gradle's own images build; seen while reading
the Java repositories tried for issue 10."""

from __future__ import annotations

from conftest import runner_stage, skip_reason

_GRADLE = ("FROM gradle:7.6-jdk11\nCOPY --chown=gradle:gradle . /home/gradle/src\nWORKDIR /home/gradle/src\n{user}"
           'RUN gradle build --no-daemon\nCMD ["java","-jar","build/libs/app.jar"]\n')


def test_gradles_user_is_a_skip_naming_it() -> None:
    reason = skip_reason(_GRADLE.format(user="USER gradle\n"))
    assert reason == ("USER at line 4: gradle is a user the base image gradle:7.6-jdk11 makes, which the runtime "
                      "image eclipse-temurin:11-jre does not have")


def test_gradle_without_its_user_still_changes() -> None:
    assert runner_stage(_GRADLE.format(user="")).startswith("FROM eclipse-temurin:11-jre AS runner\n")


def test_a_user_the_runtime_family_makes_too_still_changes() -> None:
    node = runner_stage('FROM node:18\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nUSER node\n'
                        'CMD ["node","dist/index.js"]\n')
    assert node.startswith("FROM node:18-slim AS runner\n") and "USER node" in node
    dotnet = runner_stage("FROM mcr.microsoft.com/dotnet/sdk:8.0\nWORKDIR /src\nCOPY . .\n"
                          'RUN dotnet publish -c Release -o /app\nUSER app\nENTRYPOINT ["dotnet","/app/Worker.dll"]\n')
    assert dotnet.startswith("FROM mcr.microsoft.com/dotnet/aspnet:8.0 AS runner\n") and "USER app" in dotnet
