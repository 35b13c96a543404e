"""The official ruby images set GEM_HOME=/usr/local/bundle only from October 2014 (their slim variants from June
2015): on ruby:2.1.2 gems go among the Ruby's own files under /usr/local/lib/ruby/gems, and ruby:1.9.3-slim's
rubygems would not look in /usr/local/bundle (dev 4f6eb0b7, 59a426b5: the rewrites copied /usr/local/bundle, which the
first builder lacks, and the second runtime cannot read). docker-library/ruby's history: f9a2625e3, 8164fe030."""

from __future__ import annotations

import pytest

from transformer import refactor

APP = ("FROM {image}\nWORKDIR /app\nCOPY Gemfile Gemfile.lock ./\nRUN bundle install\nCOPY . .\n"
       "CMD [\"ruby\", \"app.rb\"]\n")


@pytest.mark.parametrize(("image", "lacking"), [("ruby:2.1.2", "ruby:2.1.2"), ("ruby:1.9.3", "ruby:1.9.3-slim"),
                                                ("ruby:2.2.1", "ruby:2.2.1-slim")])
def test_an_image_without_gem_home_is_left_alone(image: str, lacking: str) -> None:
    result = refactor(APP.format(image=image))
    assert not result.changed
    assert f"{lacking} sets no GEM_HOME" in (result.skipped or ""), result.skipped


@pytest.mark.parametrize("image", ["ruby:2.6", "ruby:3.2", "ruby:latest"])
def test_images_with_gem_home_keep_the_bundle_layout(image: str) -> None:
    result = refactor(APP.format(image=image))
    assert result.changed, result.skipped
    assert "COPY --from=builder /usr/local/bundle /usr/local/bundle" in result.text, result.text


def test_a_gem_home_the_file_sets_is_the_file_s() -> None:
    """The runtime repeats the file's own ENV: its GEM_HOME is there too (ruby:2.1.2 is left alone, but for
    another cause: it has no slim variant)."""
    text = APP.format(image="ruby:2.1.2").replace("WORKDIR /app\n", "ENV GEM_HOME=/gems\nWORKDIR /app\n")
    result = refactor(text)
    assert result.skipped is not None and "GEM_HOME" not in result.skipped, result.skipped
    assert "ruby:2.1.2-slim was never published" in result.skipped
