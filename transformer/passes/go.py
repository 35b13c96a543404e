"""Go: go build / go install (static binaries with CGO disabled), go test."""

from __future__ import annotations

from ..analysis import Artifact, Claim, Role, RunContext, option_value
from ..shell import Command

NAME = "go"


def claim(cmd: Command, ctx: RunContext) -> Claim | None:
    if cmd.name != "go" or not cmd.args:
        return None
    sub, args = cmd.args[0], cmd.args[1:]
    cgo = dict(cmd.assignments).get("CGO_ENABLED") or ctx.getenv("CGO_ENABLED")
    needs_libc = cgo == "1"
    env = () if cgo is not None else (("CGO_ENABLED", "0"),)
    if sub == "build":
        out = option_value(args, "-o")
        if out:
            path = ctx.abspath(out)
            art = Artifact(path, reason="the Go binary", whole_dir=out.endswith("/"))
        else:
            art = Artifact(ctx.workdir, reason="the Go build folder", whole_dir=True)
        return Claim(Role.BUILD, NAME, "`go build` compiles the binary", artifacts=(art,),
                     builder_env=env, needs_libc=needs_libc)
    if sub == "install":
        gopath = ctx.getenv("GOPATH") or "/go"
        gobin = ctx.getenv("GOBIN") or f"{gopath}/bin"
        return Claim(Role.BUILD, NAME, "`go install` compiles into " + gobin,
                     artifacts=(Artifact(gobin, reason="installed Go binaries", whole_dir=True),),
                     builder_env=env, needs_libc=needs_libc)
    if sub in ("test", "vet"):
        return Claim(Role.TEST, NAME, f"`go {sub}` checks the code")
    if sub in ("mod", "generate", "env", "version", "clean"):  # `go get` may install binaries: not claimed
        return Claim(Role.BUILD, NAME, f"`go {sub}` prepares the build")
    return None
