"""Text the tool adds at the very end of a RUN it edits goes where each edit belongs: an apt fix-up that ends the RUN
(`dpkg -i pkg.deb ; apt-get -fy install`) gets its lean option, and the runtime's list cleanup comes after it. Both
edits sit at the end of the text, and the ones that continue the last command come before those that chain another;
on a continued line the option used to land after the cleanup (`rm -rf /var/lib/apt/lists/*
--no-install-recommends`), an option rm does not know, which fails the runtime's build. Found on
lucianoshl/guardian-server (Chrome's .deb on ruby:2.5.7)."""

from __future__ import annotations

from conftest import runner_stage

from transformer.edit import splice
from transformer.parser import parse

_FILE = ("FROM python:3.11\n"
         "RUN apt-get update -qq && \\\n"
         "   apt-get install -y libpq-dev xvfb && \\\n"
         "   wget https://example.com/browser.deb && \\\n"
         "   dpkg -i browser.deb ; \\\n"
         "   apt-get -fy install\n"
         "WORKDIR /app\nCOPY . .\nRUN pip install psycopg2\n"
         'CMD ["python", "app.py"]\n')


def test_the_lean_option_of_a_last_apt_fix_up_comes_before_the_list_cleanup() -> None:
    runtime = runner_stage(_FILE)
    assert "apt-get -fy install --no-install-recommends \\\n" in runtime
    assert "lists/* --no-install-recommends" not in runtime
    assert "&& rm -rf /var/lib/apt/lists/*" in runtime


def test_an_option_added_at_the_end_comes_before_a_command_chained_there() -> None:
    inst = next(i for i in parse("FROM x\nRUN a \\\n  b\n").instructions() if i.cmd == "run")
    end = len(inst.original)
    for chained in (" && echo done", " \\\n  && echo done"):
        out = splice(inst, [(end, end, chained), (end, end, " -y")])
        assert "".join(out.lines).endswith("b -y" + chained + "\n")


def test_a_package_added_inside_the_text_comes_before_the_list_cleanup_added_there() -> None:
    """`apt install ... libpq-dev && pip3 install -r requirements.txt` on Ubuntu: the runtime drops the pip part, so
    the install ends inside the RUN's text, where both the setuptools the runtime adds and the list cleanup go; the
    package used to land after the cleanup (`rm -rf /var/lib/apt/lists/* python3-setuptools`), never installed.
    Seen on Chaoswrd/Vulnerable-Flask-API."""
    runtime = runner_stage("FROM ubuntu:22.04\nWORKDIR /app\nCOPY requirements.txt .\n"
                           "RUN apt update && apt install -y python3 python3-pip libpq-dev "
                           "&& pip3 install -r requirements.txt\n"
                           'CMD ["python3", "-m", "flask", "--help"]\n')
    assert "libpq5 ca-certificates python3-setuptools && rm -rf /var/lib/apt/lists/*\n" in runtime


def test_a_word_inserted_inside_the_text_comes_before_a_command_chained_at_the_same_place() -> None:
    inst = next(i for i in parse("FROM x\nRUN a b && c\n").instructions() if i.cmd == "run")
    at = inst.original.index(" && c")
    for order in ((0, 1), (1, 0)):
        edits = [(at, at, " && echo done"), (at, at, " -y")]
        out = splice(inst, [edits[k] for k in order])
        assert "".join(out.lines) == "RUN a b -y && echo done && c\n"
