"""The engine's value types: ``@record`` is ``@dataclass(frozen=True)`` without source code generated at import.

``dataclasses.dataclass`` writes each class's ``__init__``, ``__repr__``, ``__eq__``, ``__hash__``, ``__setattr__``
and ``__delattr__`` as Python source and compiles it when the module is imported. Under Pyodide (the 测算 page)
compiling is slow: the engine's 28 classes took ~100 of the ~150 ms its import took (Node, cold start; more in a
browser on a first visit), every time the page starts. ``record`` lets ``dataclasses`` collect the fields (so
``dataclasses.fields``, ``replace`` and ``asdict`` work as before) but generate nothing, and gives the class the same
methods as shared functions: positional or keyword arguments in field order with the fields' defaults, equality and
hash over the fields (only between instances of the same class), ``Name(field=value, …)`` as repr, and
:class:`dataclasses.FrozenInstanceError` on assignment or deletion. Not supported (refused when the class is made):
``field(default_factory=…)``, ``field(init=False)`` and ``__post_init__``; the engine uses none of them. Stdlib only.
"""

from __future__ import annotations

import dataclasses


def record(cls: type) -> type:
    """Make ``cls`` (a class with annotated fields, as for ``@dataclass``) a frozen record; returns ``cls``.

    Raises :class:`TypeError` for a field with ``default_factory`` or ``init=False``, or a ``__post_init__``.
    """
    if cls.__doc__ is None:  # compiled without docstrings: dataclasses would compute one from the signature
        cls.__doc__ = cls.__name__
    cls = dataclasses.dataclass(init=False, repr=False, eq=False)(cls)
    fields = dataclasses.fields(cls)
    if hasattr(cls, "__post_init__") or any(f.default_factory is not dataclasses.MISSING or not f.init
                                            for f in fields):
        raise TypeError(f"{cls.__name__}: record() does not support default_factory, init=False or __post_init__")
    names = tuple(f.name for f in fields)
    known = frozenset(names)
    defaults = {f.name: f.default for f in fields if f.default is not dataclasses.MISSING}
    compared = tuple(f.name for f in fields if f.compare)
    shown = tuple(f.name for f in fields if f.repr)
    put = object.__setattr__

    def __init__(self, *args, **kwargs):
        given = dict(zip(names, args, strict=False))
        if len(args) > len(names) or given.keys() & kwargs.keys() or kwargs.keys() - known:
            raise TypeError(f"{cls.__name__}() takes the arguments {names}")
        given.update(kwargs)
        for name in names:
            value = given.get(name, defaults.get(name, given))
            if value is given:
                raise TypeError(f"{cls.__name__}() missing argument {name!r}")
            put(self, name, value)

    def values(self):
        return tuple(getattr(self, name) for name in compared)

    def __eq__(self, other):
        return values(self) == values(other) if other.__class__ is self.__class__ else NotImplemented

    def __hash__(self):
        return hash(values(self))

    def __repr__(self):
        return f"{self.__class__.__qualname__}({', '.join(f'{n}={getattr(self, n)!r}' for n in shown)})"

    def __setattr__(self, name, value):
        if type(self) is cls or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)

    def __delattr__(self, name):
        if type(self) is cls or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)

    for method in (__init__, __eq__, __hash__, __repr__, __setattr__, __delattr__):
        method.__qualname__ = f"{cls.__qualname__}.{method.__name__}"
        setattr(cls, method.__name__, method)
    return cls
