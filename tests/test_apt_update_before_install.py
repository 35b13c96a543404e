"""A RUN the runtime repeats whose first install relied on the package lists an earlier RUN fetched gets its own
`apt-get update` before that install, even when it updates again later (the earlier RUN's lists are removed in
the runtime). Found reading dev file 30483771111c (`RUN apt-get update && apt-get upgrade -y`, then `RUN
apt-get install -y git python3 && apt-get update && apt-get install -y python3-dev ...`): the runtime's install
of git failed, "Unable to locate package git"."""

from __future__ import annotations

from conftest import stages

DAPI = ("FROM ubuntu:18.04\nRUN apt-get clean && apt-get update && apt-get upgrade -y\n"
        "RUN apt-get install -y git python3 && apt-get update && apt-get install -y python3-dev python3-pip "
        "&& apt-get update && apt-get install -y nginx && rm -rf /var/lib/apt/lists/*\n"
        "COPY requirements.txt /app/\nRUN pip3 install -r /app/requirements.txt\nCOPY . /app\n"
        'CMD ["nginx", "-g", "daemon off;"]\n')


def test_the_first_install_gets_the_lists_it_relied_on() -> None:
    _, runtime = stages(DAPI)
    # (libpython3.6: pip3 installs requirements the context does not show, with python3-dev: uWSGI may embed it)
    assert "RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates git libpython3.6 " \
           "libpython3.6-stdlib python3" in runtime, runtime


def test_an_install_after_its_own_update_gets_no_second_one() -> None:
    _, runtime = stages(DAPI.replace("RUN apt-get install -y git python3 && ",
                                     "RUN apt-get update && apt-get install -y git python3 && "))
    assert "RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates git" in runtime
    assert "RUN apt-get update && apt-get update && apt-get install -y --no-install-recommends ca-certificates" \
        not in runtime


def test_an_update_left_before_another_by_a_dropped_install_goes() -> None:
    # `apt-get update && <install of build-only packages only> && apt-get update`: the runtime leaves the install in
    # the builder, and one update of the two that then meet stays
    text = DAPI.replace("apt-get install -y python3-dev python3-pip", "apt-get install -y python3-dev")
    _, runtime = stages(text)
    assert "apt-get update && apt-get update" not in " ".join(runtime.split()), runtime
    assert "apt-get install -y --no-install-recommends nginx" in runtime, runtime


def test_updates_with_an_install_between_them_stay() -> None:
    _, runtime = stages(DAPI.replace("python3-dev python3-pip", "python3-dev curl"))
    assert "apt-get update && apt-get install -y --no-install-recommends curl && apt-get update && apt-get install" \
        in " ".join(runtime.split()), runtime


# dev 0e85d45a: `RUN apt-get upgrade` before `RUN apt-get update`, on an image without package lists, upgraded
# nothing; the runtime's `apt-get update && apt-get upgrade` found upgrades and stopped at the prompt (no -y): the
# build failed. An upgrade that ran without lists is repeated as it ran; one after an update keeps its lists.
PDFLATEX = ("FROM ubuntu:22.04\nRUN apt-get upgrade\nRUN apt-get update\n"
            "RUN apt-get install -y texlive-latex-base curl gcc\nCOPY . /app\nRUN gcc -o /app/tool /app/tool.c\n"
            'CMD ["/app/tool"]\n')


def test_an_upgrade_that_ran_without_lists_is_repeated_as_it_ran() -> None:
    _, runtime = stages(PDFLATEX)
    assert "RUN apt-get upgrade\n" in runtime, runtime
    assert "apt-get update && apt-get upgrade" not in runtime
    assert "RUN apt-get update && apt-get install -y " in runtime


def test_an_upgrade_after_an_update_fetches_the_lists_again() -> None:
    _, runtime = stages(PDFLATEX.replace("RUN apt-get upgrade\nRUN apt-get update\n",
                                         "RUN apt-get update\nRUN apt-get upgrade -y\n"))
    assert "RUN apt-get update && apt-get upgrade -y && rm -rf /var/lib/apt/lists/*" in runtime, runtime
