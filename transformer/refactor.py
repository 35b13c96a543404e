"""The pipeline: text -> tree -> plan -> new stages -> text, with the reasons.

``refactor(text)`` never touches a file: the caller reads and writes (see
``fileio``) and may pass a reader for the build context (requirements files,
Cargo.toml...).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .analysis import ContextReader, no_context
from .cachemount import Mode, uses_buildkit
from .compose import DEFAULT_STAGE_NAMES, CannotRefactor, Change, Composer
from .outcome import Status, describe
from .parser import parse
from .plan import Skip, make_plan
from .safety import check
from .tree import Blank


@dataclass(frozen=True, slots=True)
class Result:
    """What ``refactor()`` made of a text: ``status`` says which of

    - CHANGED: ``text`` is the new file, ``changes`` say why;
    - UNCHANGED: nothing to do, ``text`` is the input;
    - SKIPPED: left as it is, ``reason`` says why (already multi-stage, cannot keep the meaning...);
    - ERROR: the tool crashed; ``reason`` is the error on one line, ``exception`` the exception, and
      ``text`` the input, untouched.
    """

    text: str
    status: Status
    changes: tuple[Change, ...] = ()
    reason: str | None = None
    original: str = field(default="", repr=False)
    exception: BaseException | None = field(default=None, repr=False, compare=False)

    @property
    def changed(self) -> bool:
        return self.status is Status.CHANGED

    @property
    def skipped(self) -> str | None:
        """Why the file was left as it is (SKIPPED), else None."""
        return self.reason if self.status is Status.SKIPPED else None

    @property
    def error(self) -> str | None:
        """The internal error, on one line (ERROR), else None."""
        return self.reason if self.status is Status.ERROR else None


@dataclass(frozen=True, slots=True)
class Options:
    stage_names: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_STAGE_NAMES))
    image_map: dict[str, str] = field(default_factory=dict)
    disabled_passes: frozenset[str] = frozenset()
    runtime_user: str | None = None
    buildkit: Mode = Mode.AUTO  # cache mounts in the builder (AUTO: when the input already uses BuildKit syntax)


def refactor(text: str, *, read_context: ContextReader = no_context, options: Options | None = None,
             **kw: object) -> Result:
    """Refactor a Dockerfile's text. Raises DockerfileSyntaxError on bad input.

    A bug of the tool never costs the user's file, nor hides as a skip: the Result is an ERROR
    with the input's text. A plan that cannot keep the file's meaning (CannotRefactor) is a skip.
    """
    opts = options or Options(**kw)  # type: ignore[arg-type]
    tree = parse(text)

    def skip(reason: str) -> Result:
        return Result(text, Status.SKIPPED, (), reason, text)

    try:
        plan = make_plan(tree, read_context=read_context, image_map=opts.image_map,
                         disabled=opts.disabled_passes)
        if isinstance(plan, Skip):
            return skip(plan.reason)
        buildkit = opts.buildkit is Mode.ON or (opts.buildkit is Mode.AUTO and uses_buildkit(tree))
        new_text, changes = Composer(tree, plan, opts.stage_names, opts.runtime_user, buildkit).compose()
        problems = check(tree, parse(new_text), runtime_user=opts.runtime_user)  # parses, keeps the meaning
    except CannotRefactor as e:
        return skip(str(e))
    except Exception as e:
        return Result(text, Status.ERROR, (), describe(e), text, exception=e)
    if problems:
        return skip("the result would not be safe: " + "; ".join(problems))
    status = Status.CHANGED if new_text != text else Status.UNCHANGED
    return Result(new_text, status, tuple(changes), None, text)


__all__ = ["Blank", "CannotRefactor", "Change", "Options", "Result", "refactor"]
