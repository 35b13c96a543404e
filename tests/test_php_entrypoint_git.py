"""Composer's git stays in the runtime where the program runs a script the build context does not give: the plan
keeps git for such a script (an entrypoint may clone or pull), and the php pass used to drop it again as "only
Composer uses them", leaving a note that the runtime kept git while it had none (dev 3ec9f72d, a reviewer's find)."""

from __future__ import annotations

from transformer import refactor

# (libzip-dev, left in the builder, is a gain of its own: Composer alone would be nothing to gain)
FILE = ("FROM php:8.2-cli\nRUN apt-get update && apt-get install -y git unzip libzip-dev "
        "&& docker-php-ext-install zip\n"
        "COPY --from=composer:2 /usr/bin/composer /usr/bin/composer\nWORKDIR /app\nCOPY . .\n"
        "RUN composer install --no-dev\n{tail}")


def _runner(tail: str) -> tuple[str, list[str]]:
    result = refactor(FILE.format(tail=tail))
    assert result.changed, result.skipped
    return result.text.split(" AS runner", 1)[1], [c.message for c in result.changes]


def test_an_unread_entrypoint_keeps_git() -> None:
    runner, changes = _runner('ENTRYPOINT ["/docker-entrypoint.sh"]\nCMD ["php", "app.php"]\n')
    assert "git" in runner, runner
    assert not any(c.startswith("left git") for c in changes), changes


def test_a_plain_command_leaves_git_and_unzip_to_composer() -> None:
    runner, changes = _runner('CMD ["php", "app.php"]\n')
    assert "git" not in runner and "unzip" not in runner, runner
    assert any(c.startswith("left git, unzip in the builder: only Composer uses them") for c in changes), changes
