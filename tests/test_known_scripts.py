"""Scripts of well-known projects and base images whose effect is documented (data/commands.json's
known_scripts): each used to stop the tool as "runs a script whose effect on the image the tool cannot know";
now Go's make.bash stays in the builder and phusion's setup scripts are repeated by the runtime."""

from __future__ import annotations

import pytest
from conftest import skip_reason, stages

PHUSION = ("FROM phusion/baseimage:0.9.22\nENV HOME /root\nRUN {run}\n"
           "RUN apt-get update && apt-get install -y build-essential && rm -rf /var/lib/apt/lists/*\n"
           "COPY . /app\nRUN cd /app && make\nCMD [\"/sbin/my_init\"]\n")


@pytest.mark.parametrize("run", ["/etc/my_init.d/00_regen_ssh_host_keys.sh", "/usr/sbin/enable_insecure_key",
                                 "bash /etc/my_init.d/00_regen_ssh_host_keys.sh"])
def test_a_setup_script_of_phusions_baseimage_is_repeated_by_the_runtime(run: str) -> None:
    builder, runtime = stages(PHUSION.format(run=run))
    assert f"RUN {run}\n" in builder
    assert builder.endswith("\nFROM phusion/baseimage:0.9.22")  # the runtime starts from the same base image
    assert f"RUN {run}\n" in runtime
    assert "COPY --from=builder /app /app" in runtime and "build-essential" not in runtime


@pytest.mark.parametrize("image", ["ubuntu:22.04", "debian:bookworm"])
def test_the_same_path_on_another_image_is_still_not_known(image: str) -> None:
    text = PHUSION.format(run="/usr/sbin/enable_insecure_key").replace("phusion/baseimage:0.9.22", image)
    assert "/usr/sbin/enable_insecure_key, a program of the image or of the build that the tool does not know" \
        in skip_reason(text)


GO = ("FROM debian:bookworm\nRUN apt-get update && apt-get install -y build-essential curl git golang-go\n"
      "RUN curl -sL https://go.dev/dl/go1.21.0.src.tar.gz | tar -C /usr/local -xz\n"
      "RUN cd {folder} && {run}\nENV PATH /usr/local/go/bin:$PATH\n"
      "RUN git clone https://github.com/x/y.git /opt/y\nRUN cd /opt/y && go build -o /usr/local/bin/y\n"
      "CMD [\"y\"]\n")


@pytest.mark.parametrize(("folder", "run"), [("/usr/local/go/src", "./make.bash"),
                                             ("/usr/local/go/src", "./make.bash --no-clean"),
                                             ("/usr/local/go/src", "bash make.bash"), ("/goroot/src", "./make.bash")])
def test_gos_make_bash_builds_the_toolchain_in_the_builder(folder: str, run: str) -> None:
    builder, runtime = stages(GO.format(folder=folder, run=run))
    assert f"RUN cd {folder} && {run}\n" in builder
    assert "make.bash" not in runtime and "build-essential" not in runtime
    assert "COPY --from=builder /usr/local /usr/local" in runtime  # the program go build wrote into /usr/local/bin


def test_a_make_bash_outside_a_go_source_tree_is_still_not_known() -> None:
    why = skip_reason(GO.format(folder="/opt/tool", run="./make.bash"))
    assert "`./make.bash` runs a script whose effect on the image (what it installs, where) the tool cannot know" \
        in why
