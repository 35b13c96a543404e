"""A command that needs the .NET SDK at run time is a skip naming it: `dotnet ef database update` before the app
(in the CMD, through `sh -c`, or in an entrypoint script of the build context) builds the project from its sources
with the SDK and Entity Framework's tool, neither of which the aspnet runtime has. The pattern is common
(`CMD ["sh", "-c", "dotnet ef database update && dotnet App.dll"]`); the tool used to give it the aspnet runtime,
where the container fails at start."""

from __future__ import annotations

import pytest
from conftest import context_of, runner_stage

from transformer import refactor

_SDK = ("FROM mcr.microsoft.com/dotnet/sdk:6.0\nWORKDIR /src\nCOPY . .\nRUN dotnet tool install --global dotnet-ef\n"
        'ENV PATH="$PATH:/root/.dotnet/tools"\nRUN dotnet publish Api/Api.csproj -c Release -o /app\nWORKDIR /app\n')
_PROJECT = {"Api/Api.csproj": '<Project Sdk="Microsoft.NET.Sdk.Web"></Project>'}
_EF = "`dotnet ef` (Entity Framework's tool) builds the project from its sources with the SDK at run time"


@pytest.mark.parametrize("command", [
    'ENTRYPOINT ["sh", "-c", "dotnet ef database update --project /src/Api && dotnet Api.dll"]',
    "CMD dotnet ef database update && dotnet Api.dll",
    "CMD /root/.dotnet/tools/dotnet-ef database update && dotnet Api.dll",
    "CMD dotnet build && dotnet Api.dll",
])
def test_an_sdk_command_at_run_time_is_a_skip(command: str) -> None:
    result = refactor(_SDK + command + "\n", read_context=context_of(_PROJECT))
    assert not result.changed
    assert "with the SDK" in (result.skipped or "")


@pytest.mark.parametrize("shebang", ["#!/bin/sh\nset -e", "#!/bin/bash -e", "#!/usr/bin/env bash"])
def test_an_entrypoint_script_of_the_context_that_runs_dotnet_ef_is_a_skip_naming_it(shebang: str) -> None:
    script = f"{shebang}\ndotnet ef database update --project /src/Api\nexec dotnet Api.dll\n"
    result = refactor(_SDK + 'COPY entrypoint.sh .\nENTRYPOINT ["./entrypoint.sh"]\n',
                      read_context=context_of({**_PROJECT, "entrypoint.sh": script}))
    assert result.skipped == f"ENTRYPOINT at line 9: {_EF} (in /app/entrypoint.sh, from the build context)"


def test_an_entrypoint_script_that_only_starts_the_app_still_changes() -> None:
    result = refactor(_SDK + 'COPY entrypoint.sh .\nENTRYPOINT ["./entrypoint.sh"]\n',
                      read_context=context_of({**_PROJECT, "entrypoint.sh": "#!/bin/sh\nexec dotnet Api.dll\n"}))
    assert result.changed, result.skipped
    assert runner_stage(_SDK + 'CMD ["dotnet", "Api.dll"]\n').startswith(
        "FROM mcr.microsoft.com/dotnet/aspnet:6.0 AS runner\n")
