"""Commands the CMD, ENTRYPOINT, HEALTHCHECK or their scripts run, which the slim image lacks."""

from __future__ import annotations

from transformer import refactor

BASE = "FROM python:3.11\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n"


def runner(tail: str, files: dict[str, str] | None = None) -> str:
    result = refactor(BASE + tail, read_context=(files or {}).get)
    assert result.changed, result.skipped
    return result.text.split("AS runner")[1]


def test_a_script_the_entrypoint_runs_is_read() -> None:
    script = "#!/bin/sh\nuntil curl -sf http://db:5432/; do sleep 1; done\nexec \"$@\"\n"
    out = runner('ENTRYPOINT ["./docker-entrypoint.sh"]\nCMD ["python", "app.py"]\n',
                 {"docker-entrypoint.sh": script})
    assert "apt-get install -y --no-install-recommends curl " in out


def test_a_tool_the_full_image_lacks_too_is_not_added() -> None:
    """rp25entry zivezab/emp-mgmt-webapp: python:3's entry script waits with `nc -z`, which the full image lacks
    (docker-library's buildpack-deps installs no netcat, nor gettext-base's envsubst): the original loops on `nc: not
    found`, and a runtime with netcat-openbsd would start; neither gets it, and a note says why."""
    script = "#!/bin/sh\nuntil nc -z db 5432; do sleep 1; done\nenvsubst < c.tpl > c\nexec \"$@\"\n"
    result = refactor(BASE + 'ENTRYPOINT ["./docker-entrypoint.sh"]\nCMD ["python", "app.py"]\n',
                      read_context={"docker-entrypoint.sh": script}.get)
    assert result.changed, result.skipped
    runtime = result.text.split("AS runner")[1]
    assert "netcat" not in runtime and "gettext" not in runtime, runtime
    notes = [str(c) for c in result.changes]
    assert any("runs `nc`, which python:3.11 lacks too" in n for n in notes), notes
    assert any("runs `envsubst`, which python:3.11 lacks too" in n for n in notes), notes


def test_a_script_copied_elsewhere_is_found_by_name() -> None:
    out = runner('CMD ["/usr/local/bin/start"]\n', {"start": "#!/bin/bash\ngit rev-parse HEAD\npython app.py\n"})
    assert "install -y --no-install-recommends git " in out


def test_shell_form_and_healthcheck() -> None:
    out = runner("HEALTHCHECK CMD curl -f http://localhost/ || exit 1\nCMD ps aux && python app.py\n")
    assert "--no-install-recommends curl procps " in out


def test_nothing_to_add() -> None:
    assert "apt-get" not in runner('CMD ["python", "app.py"]\n', {"app.py": "print(1)\n"})
    # a file that is not a shell script is not read as one
    assert "apt-get" not in runner('CMD ["./run"]\n', {"run": "\x7fELF curl"})


def test_a_command_a_wrapper_runs() -> None:
    """gosu, tini and their kind run the command after them (and their options): it is the one that must exist."""
    out = runner('HEALTHCHECK CMD gosu app curl -f http://localhost/\nCMD ["tini", "-s", "--", "unzip"]\n')
    assert "--no-install-recommends curl unzip " in out


def test_a_script_a_shell_runs_is_read_whatever_its_name() -> None:
    out = runner('CMD ["bash", "bin/serve"]\n',
                 {"bin/serve": "until wget -q db:5432; do sleep 1; done\npython app.py\n"})
    assert "--no-install-recommends wget " in out


def test_a_netcat_the_file_installs_is_kept_alone() -> None:
    """testdrivenio/testdriven-app's services: `apt-get install netcat` (netcat-traditional) for an entrypoint
    that runs `nc -z`: the runtime repeats that install, and adds no netcat-openbsd, whose nc would win the
    alternative over the traditional one the original runs."""
    text = ("FROM python:3.6.3\nRUN apt-get update && apt-get install -y --no-install-recommends netcat "
            "&& apt-get clean\nWORKDIR /usr/src/app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n"
            'COPY entrypoint.sh .\nCMD ["./entrypoint.sh"]\n')
    files = {"entrypoint.sh": "#!/bin/sh\nwhile ! nc -z db 5432; do sleep 0.1; done\npython manage.py run\n",
             "requirements.txt": "flask\n"}
    result = refactor(text, read_context=files.get)
    assert result.changed, result.skipped
    out = result.text.split("AS runner")[1]
    assert "--no-install-recommends netcat " in out
    assert "netcat-openbsd" not in out
    assert "runs `nc`" not in "\n".join(c.message for c in result.changes)
