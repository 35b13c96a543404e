"""A site nginx alone serves from the folder the configuration the file copies names (``root /app/build;``), on an
image that built it with Node.js: the runtime copies that folder alone, not node_modules and the sources
(rp28build wooridaum/homepage: 695 MB where 175 served the same); not where the configuration names another file of
the app, nor where it cannot be read."""

from __future__ import annotations

from conftest import context_of

from transformer import refactor

TEXT = """\
FROM node:18
WORKDIR /app
COPY ./ ./
RUN npm install
RUN npm run build
RUN apt-get update && apt-get install -y --no-install-recommends nginx && rm -rf /var/lib/apt/lists/*
COPY ./nginx.conf /etc/nginx/nginx.conf
CMD nginx -g 'daemon off;'
"""

CONF = """\
events { worker_connections 1024; }
http {
    include mime.types;
    server {
        listen 80;
        # the built site: /app/build
        location / {{ root /app/build; try_files $uri $uri/ /index.html; }}
        {extra}
    }}
}}
"""


def files(extra: str = "") -> dict[str, str]:
    conf = CONF.replace("{{", "{").replace("}}", "}").replace("{extra}", extra)
    return {"package.json": '{"name": "site", "scripts": {"build": "docusaurus build"}}', "nginx.conf": conf}


def runtime_of(given: dict[str, str] | None) -> str:
    result = refactor(TEXT, read_context=context_of(given)) if given is not None else refactor(TEXT)
    assert result.changed, result.skipped
    return result.text.partition(" AS runner")[2]


def test_the_runtime_copies_the_folder_nginx_serves_alone() -> None:
    runtime = runtime_of(files())
    assert "COPY --from=builder /app/build /app/build" in runtime and "/app/node_modules" not in runtime \
        and "COPY --from=builder /app /app" not in runtime, runtime
    assert "apt-get install -y --no-install-recommends nginx" in runtime \
        and "COPY ./nginx.conf /etc/nginx/nginx.conf" in runtime, runtime


def test_another_file_of_the_app_named_keeps_the_app_whole() -> None:
    runtime = runtime_of(files("ssl_certificate /app/certs/site.pem;"))
    assert "COPY --from=builder /app /app" in runtime, runtime


def test_without_the_configuration_the_app_stays_whole() -> None:
    runtime = runtime_of(None)
    assert "COPY --from=builder /app /app" in runtime, runtime
