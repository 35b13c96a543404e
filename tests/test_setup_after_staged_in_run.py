"""Setup that follows a staged install in the same RUN (`R -e "install.packages('shiny')" && cp -R
/usr/local/lib/R/site-library/shiny/examples/* /srv/...`) reads what the install put there, which the runtime gets with
the staged copy: it runs after that copy, as setup after a staged install of an earlier RUN does (dev 393516f7: the
`cp` ran before `COPY --from=builder /opt/staged /` and found no file)."""

from __future__ import annotations

from transformer import refactor

FILE = """\
FROM ubuntu:20.04
RUN apt-get update && apt-get install -y r-base r-base-dev && rm -rf /var/lib/apt/lists/*
RUN R -e "install.packages('shiny', repos='http://cran.rstudio.com/')" && mkdir -p /srv/shiny/examples \\
    && cp -R /usr/local/lib/R/site-library/shiny/examples/* /srv/shiny/examples/
CMD ["R", "-e", "shiny::runApp('/srv/shiny/examples/01_hello')"]
"""


def test_setup_after_a_staged_install_of_its_run_follows_the_staged_copy() -> None:
    result = refactor(FILE)
    assert result.changed, result.skipped
    runtime = result.text.partition("AS runner")[2]
    assert runtime.index("COPY --from=builder /opt/staged /") < runtime.index("cp -R /usr/local/lib/R/site-library")
