"""View-model containers that know which plan field they came from.

`Fields` (a record) and `Items` (a list) carry the YAML path of the plan part
they were built from. A value the plan does not have is simply absent, so a
template that needs it gets a `FieldUndefined`, which raises `MissingField`
naming the full plan path (`document.signature`), never a bare Jinja error.
A computed value names the plan field it is derived from (`place_date` comes
from `document.place`). While collecting every missing field of one render,
paths already reported are tolerated: they print as nothing and test false.
"""

from __future__ import annotations

import contextvars
from functools import partial
from typing import Any, Iterable

from jinja2.exceptions import UndefinedError
from jinja2.runtime import StrictUndefined
from jinja2.utils import missing

Path = tuple[str | int, ...]

_TOLERATED: contextvars.ContextVar[frozenset[Path]] = contextvars.ContextVar("ntm_render_tolerated", default=frozenset())


class MissingField(UndefinedError):
    """A template used a plan field the plan does not have."""

    def __init__(self, message: str = "", path: Path = ()) -> None:
        super().__init__(message)
        self.path = path


class Fields:
    """A read-only record for templates: attributes are its values, nothing else is public."""

    __slots__ = ("_values", "_path", "_derived")

    def __init__(self, values: dict[str, Any], path: Path = (), derived: dict[str, Path] | None = None) -> None:
        object.__setattr__(self, "_values", {k: v for k, v in values.items() if v is not None})
        object.__setattr__(self, "_path", tuple(path))
        object.__setattr__(self, "_derived", dict(derived or {}))

    def __getattr__(self, name: str) -> Any:
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(name) from None

    def __getitem__(self, name: str) -> Any:
        return self._values[name]

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("view-model records are read-only")

    def __contains__(self, name: str) -> bool:
        return name in self._values

    def __repr__(self) -> str:
        return f"Fields({'.'.join(map(str, self._path)) or '<root>'}: {sorted(self._values)})"

    def path_of(self, name: str) -> Path:
        """The plan path a missing attribute `name` stands for."""
        return self._derived.get(name, self._path + (name,))


class Items(list):
    """A list of view-model values that knows its plan path."""

    def __init__(self, values: Iterable[Any] = (), path: Path = ()) -> None:
        super().__init__(values)
        self._path = tuple(path)


def path_of(obj: Any, name: Any) -> Path:
    if obj is missing:
        return (name,)
    if isinstance(obj, Fields):
        return obj.path_of(name)
    if isinstance(obj, Items):
        return obj._path + (name,)
    if isinstance(obj, FieldUndefined):
        return obj._field_path + (name,)
    return (f"<{type(obj).__name__}>", name)


class FieldUndefined(StrictUndefined):
    """StrictUndefined that raises `MissingField` with the plan path, or stays quiet when tolerated."""

    __slots__ = ("_field_path",)

    def __init__(self, hint=None, obj=missing, name=None, exc=UndefinedError) -> None:
        super().__init__(hint, obj, name, exc)
        self._field_path = path_of(obj, name) if name is not None else ()
        self._undefined_exception = partial(MissingField, path=self._field_path)

    def _tolerated(self) -> bool:
        tolerated = _TOLERATED.get()
        return any(self._field_path[: len(p)] == p for p in tolerated)

    def _check(self) -> None:
        if not self._tolerated():
            self._fail_with_undefined_error()

    def __str__(self) -> str:
        self._check()
        return ""

    def __iter__(self):
        self._check()
        return iter(())

    def __bool__(self) -> bool:
        self._check()
        return False

    def __len__(self) -> int:
        self._check()
        return 0

    def __eq__(self, other: Any) -> bool:
        self._check()
        return type(self) is type(other)

    def __ne__(self, other: Any) -> bool:
        return not self.__eq__(other)

    def __hash__(self) -> int:
        return id(type(self))

    def __contains__(self, item: Any) -> bool:
        self._check()
        return False

    def __getattr__(self, name: str) -> Any:
        if name[:2] == "__":
            raise AttributeError(name)
        self._check()
        return FieldUndefined(obj=self, name=name)


def tolerate(paths: Iterable[Path]) -> contextvars.Token:
    return _TOLERATED.set(frozenset(tuple(p) for p in paths))


def untolerate(token: contextvars.Token) -> None:
    _TOLERATED.reset(token)
