"""A configure of its own making whose options name where files go with ``--NAME-path=`` (nginx's
``--sbin-path=/usr/sbin/nginx``, ``--modules-path=``, ``--conf-path=``): the install sends them outside the
prefix, as autoconf's ``--sbindir=`` does. Only the prefix (/etc/nginx) was copied, and the runtime had no
/usr/sbin/nginx for its CMD. Such an install is staged with DESTDIR (and checked) as one with ``--sbindir=``."""

from __future__ import annotations

from transformer import refactor

FILE = """\
FROM debian:bookworm
RUN apt-get update && apt-get install -y gcc make libpcre3-dev zlib1g-dev
WORKDIR /usr/src/nginx
COPY . .
RUN ./configure --prefix=/etc/nginx --sbin-path=/usr/sbin/nginx --conf-path=/etc/nginx/nginx.conf \\
    --modules-path=/usr/lib/nginx/modules --with-http_ssl_module --add-module=../module
RUN make && make install
CMD ["nginx", "-g", "daemon off;"]
"""


def test_a_path_option_outside_the_prefix_stages_the_install() -> None:
    result = refactor(FILE)
    assert result.changed, result.skipped
    builder, _, runtime = result.text.partition("AS runner")
    assert "make install DESTDIR=/opt/staged" in builder, builder
    assert "find /etc /usr" in builder, builder  # the check looks where the options send files
    assert "COPY --from=builder /opt/staged /" in runtime, runtime
    assert "COPY --from=builder /etc/nginx /etc/nginx" not in runtime, runtime
    assert "`--sbin-path=/usr/sbin/nginx`" in "\n".join(str(c) for c in result.changes)


def test_path_options_inside_the_prefix_copy_the_prefix() -> None:
    text = FILE.replace("--sbin-path=/usr/sbin/nginx", "--sbin-path=/etc/nginx/sbin/nginx").replace(
        " \\\n    --modules-path=/usr/lib/nginx/modules", " \\\n   ")
    result = refactor(text)
    assert result.changed, result.skipped
    runtime = result.text.partition("AS runner")[2]
    assert "COPY --from=builder /etc/nginx /etc/nginx" in runtime, runtime
    assert "/opt/staged" not in runtime, runtime


def test_a_feature_s_path_option_is_no_install_folder() -> None:
    text = FILE.replace("--sbin-path=/usr/sbin/nginx", "--with-config-file-path=/usr/sbin/nginx").replace(
        " \\\n    --modules-path=/usr/lib/nginx/modules", " \\\n   ")
    result = refactor(text)
    assert result.changed, result.skipped
    runtime = result.text.partition("AS runner")[2]
    assert "COPY --from=builder /etc/nginx /etc/nginx" in runtime, runtime
