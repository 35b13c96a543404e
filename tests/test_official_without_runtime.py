"""An official image of a family the tool has no runtime for (perl, java, nginx) is named as such in the reason, not
as "an image it does not know" (rp30review kevingil/perl-plexity: the tool's own data have perl:5.32 and
perl:5.32-slim)."""

from __future__ import annotations

from conftest import skip_reason


def test_an_official_image_without_a_runtime_is_named_official() -> None:
    reason = skip_reason('FROM perl:5.32\nRUN cpanm Mojolicious\nCOPY . /app\nWORKDIR /app\n'
                         'CMD ["perl", "app.pl", "daemon"]\n')
    assert "the tool knows no smaller runtime for perl:5.32, an official perl image (perl:5.32-slim exists" in reason
    assert "does not know" not in reason


def test_an_image_of_no_one_known_is_still_unknown() -> None:
    reason = skip_reason('FROM acme/perl:5.32\nRUN cpanm Mojolicious\nCOPY . /app\nWORKDIR /app\n'
                         'CMD ["perl", "app.pl", "daemon"]\n')
    assert "official" not in reason
