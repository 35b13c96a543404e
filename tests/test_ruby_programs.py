"""Gems that run a program of the full ruby image which ruby:*-slim lacks: mini_magick runs ImageMagick's
commands (convert, identify), so the slim runtime installs imagemagick (before: libmagickwand, the library, which
has no command, and every image operation failed with "You must have ImageMagick or GraphicsMagick installed")."""

from __future__ import annotations

import re

from conftest import context_of

from transformer import refactor

TEXT = ("FROM ruby:3.2\nWORKDIR /app\nCOPY Gemfile Gemfile.lock ./\nRUN bundle install\nCOPY . .\n"
        "CMD [\"ruby\", \"app.rb\"]\n")
LOCK = ("GEM\n  remote: https://rubygems.org/\n  specs:\n    mini_magick (4.12.0)\n    pg (1.5.4)\n\nPLATFORMS\n"
        "  ruby\n\nDEPENDENCIES\n  mini_magick\n  pg\n")


def _runtime(text: str, lock: str = LOCK) -> str:
    result = refactor(text, read_context=context_of({"Gemfile.lock": lock, "Gemfile": "gem 'mini_magick'\n"}))
    assert result.changed, result.skipped
    return result.text.partition(" AS runner\n")[2]


def test_mini_magick_gets_imagemagick_s_commands_in_the_slim_runtime() -> None:
    runtime = _runtime(TEXT)
    assert "--no-install-recommends imagemagick libpq5 &&" in runtime, runtime
    assert "libmagickwand" not in runtime


def test_on_the_slim_image_the_file_s_own_install_decides() -> None:
    text = TEXT.replace("ruby:3.2", "ruby:3.2-slim").replace(
        "RUN bundle", "RUN apt-get update && apt-get install -y build-essential libpq-dev\nRUN bundle")
    runtime = _runtime(text)
    assert "imagemagick" not in runtime and "libpq5" in runtime, runtime


JEKYLL = """FROM {image}
RUN apt-get update && apt-get install -y nodejs python3-pygments && apt-get clean
RUN gem install github-pages
VOLUME /src
WORKDIR /src
ENTRYPOINT ["jekyll"]
"""


def test_github_pages_gets_git_in_the_slim_runtime() -> None:
    """read21 WRONG (dev 30fcac72, while42/jekyll): jekyll-github-metadata, which github-pages depends on, runs `git
    remote --verbose` to name the site's repository and stops the build without git; the gem is named by `gem
    install`, no Gemfile (and ruby:2.2's release is not in the data: the builder lists the libraries by ldd)."""
    for image in ("ruby:3.2", "ruby:2.2"):
        result = refactor(JEKYLL.format(image=image))
        assert result.changed, result.skipped
        runtime = result.text.partition(" AS runner\n")[2]
        assert re.search(r"--no-install-recommends [^&\n]*\bgit\b", runtime), runtime
        assert any("the gem github-pages runs a program of git" in str(c) for c in result.changes)
