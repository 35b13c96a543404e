""".NET as real Dockerfiles write it: restore, build, test and publish on the SDK image, run on the runtime."""

from __future__ import annotations

from pathlib import Path

import pytest

from transformer import Result, refactor
from transformer.fileio import context_reader

WEB = '<Project Sdk="Microsoft.NET.Sdk.Web">\n  <PropertyGroup>\n    <TargetFramework>{tfm}</TargetFramework>\n' \
      '  </PropertyGroup>\n</Project>\n'
CONSOLE = WEB.replace("Microsoft.NET.Sdk.Web", "Microsoft.NET.Sdk")


def _result(text: str, context: Path | None = None) -> Result:
    return refactor(text, read_context=context_reader(str(context) if context else None))


def _runner(text: str, context: Path | None = None) -> str:
    result = _result(text, context)
    assert result.changed, result.skipped
    before, after = result.text.split(" AS runner\n", 1)
    return before.rsplit("\n", 1)[1] + " AS runner\n" + after


def _skipped(text: str, context: Path | None = None) -> str:
    result = _result(text, context)
    assert not result.changed
    return result.skipped or ""


API = """\
FROM mcr.microsoft.com/dotnet/sdk:8.0
WORKDIR /src
COPY Api.csproj ./
RUN dotnet restore
COPY . .
RUN dotnet build -c Release --no-restore && dotnet publish -c Release -o /app/publish --no-build
WORKDIR /app/publish
EXPOSE 8080
ENTRYPOINT ["dotnet", "Api.dll"]
"""


def test_the_published_app_runs_on_the_aspnet_image(tmp_path: Path) -> None:
    (tmp_path / "Api.csproj").write_text(WEB.format(tfm="net8.0"))
    out = _runner(API, tmp_path)
    assert out.startswith("FROM mcr.microsoft.com/dotnet/aspnet:8.0 AS runner\n")
    assert "COPY --from=builder /app/publish /app/publish\n" in out
    assert "dotnet build" not in out and "dotnet publish" not in out and "dotnet restore" not in out
    assert "/src/bin" not in out  # the build output is not what runs: the published app is
    assert any("the project is a web project" in c.message for c in _result(API, tmp_path).changes)


def test_a_console_project_runs_on_the_runtime_image(tmp_path: Path) -> None:
    (tmp_path / "Api.csproj").write_text(CONSOLE.format(tfm="net8.0"))
    assert _runner(API, tmp_path).startswith("FROM mcr.microsoft.com/dotnet/runtime:8.0 AS runner\n")


def test_without_the_project_file_the_aspnet_image_is_chosen_and_said_so() -> None:
    assert _runner(API).startswith("FROM mcr.microsoft.com/dotnet/aspnet:8.0 AS runner\n")
    assert any("the project file is not in the build context: the runtime is mcr.microsoft.com/dotnet/aspnet:8.0, "
               "which runs web and console apps alike" in c.message for c in _result(API).changes)


@pytest.mark.parametrize(("sdk", "runtime"), [
    ("mcr.microsoft.com/dotnet/core/sdk:3.1", "mcr.microsoft.com/dotnet/core/aspnet:3.1"),
    ("mcr.microsoft.com/dotnet/core/sdk:3.1-buster", "mcr.microsoft.com/dotnet/core/aspnet:3.1-buster-slim"),
    ("mcr.microsoft.com/dotnet/sdk:6.0-alpine", "mcr.microsoft.com/dotnet/aspnet:6.0-alpine"),
    ("mcr.microsoft.com/dotnet/sdk:8.0.100-bookworm-slim", "mcr.microsoft.com/dotnet/aspnet:8.0-bookworm-slim"),
    ("microsoft/dotnet:2.2-sdk", "microsoft/dotnet:2.2-aspnetcore-runtime"),
    ("microsoft/dotnet:2.1-sdk-alpine", "microsoft/dotnet:2.1-aspnetcore-runtime-alpine"),
    ("microsoft/dotnet:2.0-sdk", "microsoft/aspnetcore:2.0"),
    ("microsoft/aspnetcore-build:2.0", "microsoft/aspnetcore:2.0"),
])
def test_sdk_images_and_their_runtime_images(sdk: str, runtime: str) -> None:
    text = f"FROM {sdk}\nWORKDIR /app\nCOPY . .\nRUN dotnet publish -c Release -o /app/out\n" \
           "ENTRYPOINT [\"dotnet\", \"/app/out/Web.dll\"]\n"
    assert _runner(text).startswith(f"FROM {runtime} AS runner\n")


def test_console_apps_on_the_old_images_get_the_runtime_image(tmp_path: Path) -> None:
    (tmp_path / "Bot.csproj").write_text(CONSOLE.format(tfm="netcoreapp2.1"))
    text = "FROM microsoft/dotnet:2.1-sdk\nWORKDIR /app\nCOPY . .\nRUN dotnet publish -c Release -o out\n" \
           "CMD [\"dotnet\", \"out/Bot.dll\"]\n"
    out = _runner(text, tmp_path)
    assert out.startswith("FROM microsoft/dotnet:2.1-runtime AS runner\n")
    assert "COPY --from=builder /app/out /app/out\n" in out


def test_before_sdk_3_a_relative_output_folder_is_under_the_project() -> None:
    text = ("FROM microsoft/dotnet:2.1-sdk\nWORKDIR /src\nCOPY . .\n"
            "RUN dotnet publish src/Web/Web.csproj -c Release -o out\nWORKDIR /src/src/Web/out\n"
            "ENTRYPOINT [\"dotnet\", \"Web.dll\"]\n")
    assert "COPY --from=builder /src/src/Web/out /src/src/Web/out\n" in _runner(text)
    later = text.replace("microsoft/dotnet:2.1-sdk", "mcr.microsoft.com/dotnet/sdk:6.0")
    assert "COPY --from=builder /src/out /src/out\n" in _runner(later)


def test_without_an_output_folder_the_project_file_tells_where_the_app_is(tmp_path: Path) -> None:
    (tmp_path / "Api.csproj").write_text(WEB.format(tfm="net8.0"))
    text = ("FROM mcr.microsoft.com/dotnet/sdk:8.0\nWORKDIR /src\nCOPY . .\nRUN dotnet publish\n"
            "ENTRYPOINT [\"dotnet\", \"/src/bin/Release/net8.0/publish/Api.dll\"]\n")
    assert "COPY --from=builder /src/bin/Release/net8.0/publish /src/bin/Release/net8.0/publish\n" in \
        _runner(text, tmp_path)
    (tmp_path / "Api.csproj").write_text(WEB.format(tfm="net6.0"))  # Debug was the default before net8.0
    assert "COPY --from=builder /src/bin/Debug/net6.0/publish" in _runner(text, tmp_path)
    reason = _skipped(text)
    assert "`dotnet publish` without -o puts the app under its project's folder" in reason
    assert "not in the build context" in reason


def test_a_solution_names_its_projects(tmp_path: Path) -> None:
    (tmp_path / "Shop.sln").write_text(
        'Project("{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}") = "Shop.Web", "src\\Shop.Web\\Shop.Web.csproj", "{1}"\n'
        "EndProject\n")
    (tmp_path / "src" / "Shop.Web").mkdir(parents=True)
    (tmp_path / "src" / "Shop.Web" / "Shop.Web.csproj").write_text(CONSOLE.format(tfm="net7.0"))
    text = ("FROM mcr.microsoft.com/dotnet/sdk:7.0\nWORKDIR /build\nCOPY . .\nRUN dotnet publish Shop.sln -c Release\n"
            "CMD [\"dotnet\", \"src/Shop.Web/bin/Release/net7.0/publish/Shop.Web.dll\"]\n")
    out = _runner(text, tmp_path)
    assert out.startswith("FROM mcr.microsoft.com/dotnet/runtime:7.0 AS runner\n")
    assert "COPY --from=builder /build/src/Shop.Web/bin/Release/net7.0/publish " in out


def test_tests_run_in_the_test_stage() -> None:
    text = API.replace("RUN dotnet build", "RUN dotnet test tests/Api.Tests.csproj\nRUN dotnet build")
    result = _result(text)
    assert "FROM builder AS test\nRUN dotnet test tests/Api.Tests.csproj\n" in result.text


def test_build_output_before_sdk_3_is_not_runnable_alone() -> None:
    text = ("FROM microsoft/dotnet:2.0-sdk\nCOPY src/Bot /app\nWORKDIR /app\nRUN dotnet restore && dotnet build\n"
            "CMD [\"dotnet\", \"exec\", \"/app/bin/Debug/netcoreapp2.0/Bot.dll\"]\n")
    assert "only `dotnet publish` makes one a runtime image can run" in _skipped(text)
    later = text.replace("microsoft/dotnet:2.0-sdk", "mcr.microsoft.com/dotnet/sdk:6.0").replace("netcoreapp2.0",
                                                                                                 "net6.0")
    assert "COPY --from=builder /app/bin/Debug /app/bin/Debug\n" in _runner(later)


def test_a_run_of_the_sdk_at_start_keeps_the_file_as_it_is() -> None:
    text = API.replace('ENTRYPOINT ["dotnet", "Api.dll"]', 'CMD ["dotnet", "run"]')
    assert "`dotnet run` compiles at run time" in _skipped(text)


def test_an_sdk_image_without_a_version_is_named() -> None:
    text = "FROM microsoft/aspnetcore-build\nWORKDIR /app\nCOPY . .\nRUN dotnet publish -o out\n" \
           "ENTRYPOINT [\"dotnet\", \"out/Web.dll\"]\n"
    assert "names no version" in _skipped(text)


def test_system_packages_the_app_needs_are_installed_in_the_runtime() -> None:
    text = API.replace("WORKDIR /src\n", "RUN apt-get update && apt-get install -y libgdiplus\nWORKDIR /src\n", 1)
    out = _runner(text)
    assert "apt-get install -y --no-install-recommends libgdiplus" in out


def test_the_runtime_takes_no_source_folders_or_their_workdirs(tmp_path: Path) -> None:
    (tmp_path / "Api").mkdir()
    (tmp_path / "Api" / "Api.csproj").write_text(WEB.format(tfm="net8.0"))
    text = ("FROM mcr.microsoft.com/dotnet/sdk:8.0\nWORKDIR /src\nCOPY Api/Api.csproj Api/\n"
            "RUN dotnet restore Api/Api.csproj\nCOPY . .\nWORKDIR /src/Api\n"
            "RUN dotnet publish -c Release -o /app --no-restore\nWORKDIR /app\nENTRYPOINT [\"dotnet\", \"Api.dll\"]\n")
    runner = _runner(text, tmp_path)
    assert "COPY . ." not in runner and "Api.csproj" not in runner
    assert "WORKDIR /src\n" not in runner  # superseded by the next WORKDIR
    assert "COPY --from=builder /app /app" in runner


CD_INTO_EXAMPLE = """\
FROM mcr.microsoft.com/dotnet/sdk:8.0
WORKDIR /src
COPY ./ /src
RUN dotnet pack -c Release \\
    && cd examples/Hello \\
    && dotnet publish -c Release
ENTRYPOINT ["dotnet", "/src/examples/Hello/bin/Release/net8.0/publish/Hello.dll"]
"""


def test_a_publish_after_cd_finds_the_project_where_the_copy_put_it(tmp_path: Path) -> None:
    """`cd examples/Hello && dotnet publish` publishes examples/Hello's project, not the solution at the
    context's root: the folder is looked up where `COPY ./ /src` put it, not as if the context were copied into
    the folder the RUN moved to."""
    (tmp_path / "Lib.sln").write_text(
        'Project("{FAE04EC0}") = "Lib", "src\\Lib\\Lib.csproj", "{1}"\nEndProject\n')
    (tmp_path / "src" / "Lib").mkdir(parents=True)
    (tmp_path / "src" / "Lib" / "Lib.csproj").write_text(CONSOLE.format(tfm="netstandard2.0"))
    (tmp_path / "examples" / "Hello").mkdir(parents=True)
    (tmp_path / "examples" / "Hello" / "Hello.csproj").write_text(WEB.format(tfm="net8.0"))
    out = _runner(CD_INTO_EXAMPLE, tmp_path)
    assert out.startswith("FROM mcr.microsoft.com/dotnet/aspnet:8.0 AS runner\n")  # Hello is a web project
    published = "/src/examples/Hello/bin/Release/net8.0/publish"
    assert f"COPY --from=builder {published} {published}\n" in out
    assert "examples/Hello/src/" not in out and "examples/Hello/examples/" not in out
