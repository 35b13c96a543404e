"""``chown -R node:node /usr/src/app`` before the build fills the folder the runtime copies whole as node: repeated
after the copy with -R, its layer held the copied files a second time (dev 2f1b5611, 31cc3db2; a reviewer's repro of
dev 32e1651b came out larger than the original). The copy takes the chown's owner and group, and the chown is
repeated without -R, for the folder itself, which the runtime's WORKDIR made root's (engine proof:
fixtures/apps/c-chown-before-build, whose smoke check compares the owners of the folder and its files)."""

from __future__ import annotations

import pytest
from conftest import runner_stage

from transformer import refactor

FILE = """FROM node:18
USER root
COPY . /usr/src/app
RUN {chown}
USER node
WORKDIR /usr/src/app
RUN npm install && npm run build
{tail}CMD ["npm", "start"]
"""


@pytest.mark.parametrize(("chown", "flat"), [("chown -R node:node /usr/src/app", "chown node:node /usr/src/app"),
                                             ("chown -hR node:node /usr/src/app", "chown -h node:node /usr/src/app"),
                                             ("chown --recursive node /usr/src/app", "chown node /usr/src/app"),
                                             ("sudo chown -R node:node /usr/src/app",  # dev 32e1651b
                                              "sudo chown node:node /usr/src/app")])
def test_the_copy_takes_the_owner_and_the_chown_loses_its_recursion(chown: str, flat: str) -> None:
    out = runner_stage(FILE.format(chown=chown, tail=""))
    owner = chown.split()[-2]
    assert out.count("COPY --from=builder") == 1, out
    assert f"COPY --from=builder --chown={owner} /usr/src/app /usr/src/app" in out, out
    assert f"RUN {flat}\n" in out and "-R" not in out and "--recursive" not in out, out
    assert out.index("COPY --from=builder") < out.index(f"RUN {flat}"), out


def test_the_change_says_why() -> None:
    changes = [str(c) for c in refactor(FILE.format(chown="chown -R node:node /usr/src/app", tail="")).changes]
    assert any("--chown=node:node" in c and "without -R" in c for c in changes), changes


@pytest.mark.parametrize(("chown", "tail"), [
    ("chown -R node:node /usr/src/app", "COPY config.json /usr/src/app/\n"),  # files the chown also gave node
    ("chown -R node:node /usr/src", ""),  # a folder above the copy: other files in it
    ("chown -R www-data:www-data /usr/src/app", ""),  # not the copy's user
    ("chown node:node /usr/src/app", ""),  # not recursive: the folder only, as before
])
def test_other_chowns_are_repeated_as_they_are(chown: str, tail: str) -> None:
    out = runner_stage(FILE.format(chown=chown, tail=tail))
    assert f"RUN {chown}\n" in out, out


# ``chown -R USER:GROUP`` after the build, over the folder the runtime copies whole (dev 25ca735b, 78ab7eb8): the
# builder's chown gave every file its owner, so the copy takes it and the chown is repeated without -R, for the
# folder itself (engine proof: fixtures/apps/c-chown-after-build, whose smoke check compares the owners)
AFTER = """FROM node:18-alpine
WORKDIR /app
{before}COPY . .
RUN npm ci && npm run build
{between}RUN {chown}
USER node
CMD ["node", "dist/server.js"]
"""


@pytest.mark.parametrize(("before", "chown", "copy", "flat"), [
    ("", "chown -R node:node /app", "--chown=node:node", "chown node:node /app"),  # node's own user
    ("", "sudo chown -R 1000:1000 /app", "--chown=1000:1000", "sudo chown 1000:1000 /app"),  # ids
    ("RUN addgroup -S app && adduser -S -G app app\n", "chown -R app:app /app", "--chown=app:app",
     "chown app:app /app"),  # made before the copy
    ("", "addgroup -S -g 201 app && adduser -S -u 201 -G app app && chown -R app:app /app", "--chown=201:201",
     "addgroup -S -g 201 app && adduser -S -u 201 -G app app && chown app:app /app"),  # made after it, by ids
    ("", "mkdir /app/tmp && chown -R node:node /app", "--chown=node:node",
     "chown node:node /app"),  # the builder's /app/tmp, given node too: the copy brings it
    ("RUN addgroup -S app && adduser -S -D -h /app app app\n", "chown -R app:app /app", "--chown=app:app",
     "chown app:app /app"),  # busybox's adduser with a second name (dev 4a74086b): the copy knows app too
])
def test_a_chown_after_the_build_gives_the_copy_its_owner(before: str, chown: str, copy: str, flat: str) -> None:
    out = runner_stage(AFTER.format(before=before, between="", chown=chown))
    assert out.count("COPY --from=builder") == 1, out
    assert f"COPY --from=builder {copy} /app /app\n" in out, out
    assert f"RUN {flat}\n" in out and "-R" not in out, out
    assert out.index("COPY --from=builder") < out.index(f"RUN {flat}"), out


@pytest.mark.parametrize(("before", "between", "chown"), [
    ("", "", "chown -R app /app"),  # no group, and a user the runtime does not know at the copy
    ("", "", "chown -R app:app /app"),  # a user the runtime does not know at the copy
    ("RUN adduser -S app\n", "", "chown -R app:app /app"),  # adduser -S puts app in nogroup: no group app
    ("", "", "chown -R app.app /app"),  # chown's old USER.GROUP
    ("", "RUN echo x > /app/.env\n", "chown -R node:node /app"),
    ("", "WORKDIR /app/data\n", "chown -R node:node /app"),  # made root's after the copy
    ("", "", "echo x > /app/.env && chown -R node:node /app"),  # ... in the chown's own RUN
    ("", "", "chown -R node:node /"),  # a folder of every image
    ("", "VOLUME /app/data\n", "chown -R node:node /app"),  # the classic builder drops a RUN's change in a volume
])
def test_other_chowns_after_the_build_are_repeated_as_they_are(before: str, between: str, chown: str) -> None:
    out = runner_stage(AFTER.format(before=before, between=between, chown=chown))
    assert f"{chown.split(' && ')[-1]}\n" in out and "COPY --from=builder /app /app\n" in out, out


def test_a_context_copy_the_copied_folder_holds_does_not_keep_the_r() -> None:
    # the builder's /app has config.json already, with the owner its chown gave: the runtime does not copy it again
    # (read28 32471f61), so nothing between the copy and the chown has another owner
    out = runner_stage(AFTER.format(before="", between="COPY config.json /app/\n", chown="chown -R node:node /app"))
    assert "COPY --from=builder --chown=node:node /app /app\n" in out and "RUN chown node:node /app\n" in out, out
    assert "config.json" not in out, out


def test_the_change_after_the_build_says_why() -> None:
    result = refactor(AFTER.format(before="", between="", chown="chown -R node:node /app"))
    changes = [str(c) for c in result.changes]
    assert any("--chown=node:node" in c and "without -R" in c for c in changes), changes
    assert any("its `chown -R` without -R" in c for c in changes), changes
    chown = "addgroup -S -g 201 app && adduser -S -u 201 -G app app && chown -R app:app /app"
    changes = [str(c) for c in refactor(AFTER.format(before="", between="", chown=chown)).changes]
    assert any("--chown=201:201" in c and "(app:app, by the ids the file gives them)" in c for c in changes), changes


def test_a_chown_after_the_build_in_its_own_run_gives_the_copy_its_owner() -> None:
    """dev 0c42f153: ``unzip ... -d /var/www/html && chown -R www-data:www-data /var/www/html``, the last build step:
    the chown runs on what the unzip made, and www-data is a user of Debian's base-passwd, which the runtime (the
    same php image) has at the copy."""
    out = runner_stage("""FROM php:8.2-apache
RUN apt-get update && apt-get install -y libpng-dev && docker-php-ext-install gd
ADD https://example.com/site.zip /tmp/
RUN unzip /tmp/site.zip -d /var/www/html && rm /tmp/site.zip && chown -R www-data:www-data /var/www/html
CMD ["apache2-foreground"]
""")
    assert "COPY --from=builder --chown=www-data:www-data /var/www/html /var/www/html\n" in out, out
    assert "RUN chown www-data:www-data /var/www/html\n" in out and "-R" not in out, out


def test_a_chown_before_the_build_in_its_run_is_not_taken_for_one_after_it() -> None:
    out = runner_stage("""FROM php:8.2-apache
RUN apt-get update && apt-get install -y libpng-dev && docker-php-ext-install gd
ADD https://example.com/site.zip /tmp/
RUN chown -R www-data:www-data /var/www/html && unzip /tmp/site.zip -d /var/www/html && rm /tmp/site.zip
CMD ["apache2-foreground"]
""")
    assert "--chown=www-data:www-data" not in out, out


@pytest.mark.parametrize(("command", "made"), [
    ("useradd -u 500 -m app", {(False, "app", "500"), (True, "app", None)}),  # USERGROUPS_ENAB: group app too
    ("useradd -N app", {(False, "app", None)}),
    ("useradd -g staff app", {(False, "app", None)}),
    ("adduser -S -u 201 -G dejavu dejavu", {(False, "dejavu", "201")}),  # adduser's group is not counted
    ("addgroup -S -g 201 dejavu", {(True, "dejavu", "201")}),
    ("groupadd --gid 70 app", {(True, "app", "70")}),
    ("addgroup app wheel", set()),  # adds a user to a group
    ("adduser app wheel", set()),  # ... as adduser does without options
    # busybox's adduser given options makes the user its first name names (dev 4a74086b); the second is not read
    ("adduser -S -D -h /usr/src/app gengine gengine", {(False, "gengine", None)}),
    ("adduser --system --home /app app app", set()),  # Debian's adduser: no user of two names
    ("useradd $NAME", set()),
])
def test_the_accounts_a_command_makes(command: str, made: set[tuple[bool, str, str | None]]) -> None:
    from transformer.analysis import accounts_made
    from transformer.shell import parse_shell

    assert {(a.group, a.name, a.id) for a in accounts_made(parse_shell(command).commands[0])} == made


@pytest.mark.parametrize(("chown", "flat"), [
    ("chown -R www-data /app", "chown www-data /app"),  # Debian's base-passwd: 33 in both stages
    ("chown -R 1000 /app", "chown 1000 /app"),
    ("chown -R node /app", "chown node /app"),  # the node image's own user
])
def test_a_chown_without_group_keeps_a_plain_copy(chown: str, flat: str) -> None:
    """`chown -R USER` (no group) after the build: COPY --from keeps the builder's owners and groups by number under
    the classic builder and BuildKit alike (engine check: www-data:root kept, the chown layer 0B), so the copy stays
    plain and the chown runs without -R, for the folder itself (before: repeated with -R, the folder stored twice)."""
    text = ("FROM node:18\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n"
            f"RUN {chown}\nCMD [\"node\", \"index.js\"]\n")
    runner = refactor(text).text.split(" AS runner\n")[1]
    assert "COPY --from=builder /app /app\n" in runner and f"RUN {flat}\n" in runner, runner


def test_a_chown_without_group_of_a_user_made_without_an_id_stays_recursive() -> None:
    text = ("FROM node:18\nRUN useradd app\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\n"
            "RUN npm run build\nRUN chown -R app /app\nCMD [\"node\", \"index.js\"]\n")
    runner = refactor(text).text.split(" AS runner\n")[1]
    assert "chown -R app /app" in runner, runner


@pytest.mark.parametrize("chown", [
    "chown -R www-data:www-data /app/data",  # dev 779a1449
    "chown -R app:app /app/data",  # ids the file gives (dev 516752ac)
    "chown -R 1000:1000 /app/data /app/logs",
    "chown -Rf app /app/data",
])
def test_a_chown_of_a_folder_inside_the_copied_one_is_carried_by_the_plain_copy(chown: str) -> None:
    """`chown -R USER:GROUP` after the build of a folder inside one the runtime copies whole: the plain copy keeps
    the owners the builder's chown gave the folder and its files, where USER and GROUP have the same numbers in both
    stages, so the runtime does not run it again (before: repeated with -R, the folder stored a second time). Engine
    check (node:18, classic builder and BuildKit): /app/data and its files 1500:1500 in both images, and a chown
    without -R repeated after the copy changed nothing (its layer 0B)."""
    text = ("FROM node:18\nRUN groupadd -g 1500 app && useradd -u 1500 -g app app\nWORKDIR /app\n"
            "COPY package*.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n"
            f"RUN {chown}\nCMD [\"node\", \"index.js\"]\n")
    runner = refactor(text).text.split(" AS runner\n")[1]
    assert "COPY --from=builder /app /app\n" in runner and "chown" not in runner, runner


def test_a_chown_that_follows_links_out_of_the_copied_folder_is_repeated() -> None:
    text = ("FROM node:18\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n"
            "RUN chown -RL www-data:www-data /app/data\nCMD [\"node\", \"index.js\"]\n")
    runner = refactor(text).text.split(" AS runner\n")[1]
    assert "chown -RL www-data:www-data /app/data" in runner, runner


@pytest.mark.parametrize("chown", ["chown -R app:app /app/data",  # ids not given: they may differ
                                   "chown -R www-data: /app/data"])  # the login group, not known
def test_a_chown_of_a_folder_inside_the_copied_one_stays_recursive_where_ids_may_differ(chown: str) -> None:
    text = ("FROM node:18\nRUN useradd app\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\n"
            f"RUN npm run build\nRUN {chown}\nCMD [\"node\", \"index.js\"]\n")
    runner = refactor(text).text.split(" AS runner\n")[1]
    assert f"RUN {chown}\n" in runner, runner


@pytest.mark.parametrize("outer", ["RUN chown -R 1000:1000 /app\n", ""])
def test_a_chown_inside_a_folder_another_chown_gives_an_owner_stays_recursive(outer: str) -> None:
    """adv-s37 F: `chown -R 1000:1000 /app` then `chown -R 1500:1500 /app/data`: the copy of /app takes 1000:1000
    (--chown), so the inner chown must run again, with -R, after it (dropped, /app/data was 1000:1000 and writable
    by USER 1000; the original's is 1500:1500 and is not). Before the build, the outer chown is repeated after the
    copy, with the same need."""
    before = "" if outer else "RUN chown -R 1000:1000 /app\n"
    text = ("FROM node:18\nWORKDIR /app\nCOPY . .\n" + before + "RUN npm ci && npm run build\n" + outer
            + "RUN chown -R 1500:1500 /app/data\nUSER 1000\nCMD [\"node\", \"dist/main.js\"]\n")
    runner = refactor(text).text.split(" AS runner\n")[1]
    assert "RUN chown -R 1500:1500 /app/data\n" in runner, runner


@pytest.mark.parametrize(("chown", "flat"), [
    ("mkdir -p /app/data && chown -R 1500:1500 /app/data", "chown 1500:1500 /app/data"),
    # read17, 7eeaaf3e: vendor/ made and chowned before composer fills it as root; composer's home is not copied
    ("mkdir -p /app/vendor /var/www/.composer/ && chown -R www-data:www-data /app/vendor/ /var/www/.composer/",
     "chown www-data:www-data /app/vendor/ /var/www/.composer/"),
])
def test_a_chown_before_a_build_that_fills_the_folder_as_root_runs_without_r(chown: str, flat: str) -> None:
    """The builder's files keep the owners they had there (root's, for what the build wrote after the chown), and
    the copy brings them: repeated with -R after the copy, the chown gave the build's files to the user (engine,
    node:18: /app/data/made 0:0 in the original and now, 1500:1500 before)."""
    text = ("FROM node:18\nWORKDIR /app\nCOPY package*.json ./\nRUN npm install\nCOPY . .\n"
            f"RUN {chown}\nRUN npm run build\nCMD [\"node\", \"index.js\"]\n")
    runner = refactor(text).text.split(" AS runner\n")[1]
    assert runner.index("COPY --from=builder /app /app\n") < runner.index(flat), runner
    assert "chown -R" not in runner, runner
