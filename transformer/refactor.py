"""The pipeline: text -> tree -> plan -> new stages -> text, with the reasons.

``refactor(text)`` never touches a file: the caller reads and writes (see
``fileio``) and may pass a reader for the build context (requirements files,
Cargo.toml...).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .analysis import ContextReader, no_context
from .compose import DEFAULT_STAGE_NAMES, CannotRefactor, Change, Composer
from .parser import parse
from .plan import Skip, make_plan
from .safety import check
from .tree import Blank


@dataclass(frozen=True, slots=True)
class Result:
    text: str
    changed: bool
    changes: tuple[Change, ...] = ()
    skipped: str | None = None
    original: str = field(default="", repr=False)


@dataclass(frozen=True, slots=True)
class Options:
    stage_names: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_STAGE_NAMES))
    image_map: dict[str, str] = field(default_factory=dict)
    disabled_passes: frozenset[str] = frozenset()
    runtime_user: str | None = None


def refactor(text: str, *, read_context: ContextReader = no_context, options: Options | None = None,
             **kw: object) -> Result:
    """Refactor a Dockerfile's text. Raises DockerfileSyntaxError on bad input."""
    opts = options or Options(**kw)  # type: ignore[arg-type]
    tree = parse(text)
    try:
        plan = make_plan(tree, read_context=read_context, image_map=opts.image_map,
                         disabled=opts.disabled_passes)
        if isinstance(plan, Skip):
            return Result(text, False, (), plan.reason, text)
        new_text, changes = Composer(tree, plan, opts.stage_names, opts.runtime_user).compose()
        problems = check(tree, parse(new_text), runtime_user=opts.runtime_user)  # parses, keeps the meaning
        if problems:
            return Result(text, False, (), "left unchanged, the result would not be safe: " + "; ".join(problems),
                          text)
    except CannotRefactor as e:
        return Result(text, False, (), str(e), text)
    except Exception as e:  # a bug must never cost the user's file: leave it as it is, and say so
        return Result(text, False, (), f"internal error, file left unchanged: {type(e).__name__}: {e}", text)
    return Result(new_text, new_text != text, tuple(changes), None, text)


__all__ = ["Blank", "CannotRefactor", "Change", "Options", "Result", "refactor"]
