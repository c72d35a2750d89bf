"""`NamedTuple` for every typed record in the package, at a fifth of the start-up cost.

Every command creates some forty record classes before it does anything. `typing.NamedTuple`
type-checks each field's annotation as the class is made (a string annotation even compiles into a
ForwardRef), and `collections.namedtuple` compiles a `__new__` for each class: together about
0.5 M instructions a class, a quarter of what a search costs over its import floor. Nothing reads
the checked annotations at run time, and one `__new__` written here serves every class. So at run
time this `NamedTuple` makes a tuple class with the same fields, defaults, methods, docstring,
`_make`/`_replace`/`_asdict`/`__replace__`, pickling and kinds of error (their wording differs),
and keeps the annotations as written; mypy sees `typing.NamedTuple` itself, so the classes are
type-checked exactly as before. tests/test_record.py holds the two to the same behaviour, on
generated classes and calls."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import NamedTuple as NamedTuple
else:
    try:
        from _collections import _tuplegetter  # what collections.namedtuple uses, in C
    except ImportError:  # pragma: no cover - another Python: the same property, in Python
        from operator import itemgetter

        def _tuplegetter(at, doc):
            return property(itemgetter(at), doc=doc)

    # As typing.NamedTuple: what a class body may not define, and what it defines but the class keeps.
    _PROHIBITED = frozenset(
        {"__new__", "__init__", "__slots__", "__getnewargs__", "_fields", "_field_defaults", "_make", "_replace",
         "_asdict", "_source"}
    )  # fmt: skip
    _SPECIAL = frozenset({"__module__", "__name__", "__annotations__"})
    _tuple_new = tuple.__new__
    _MISSING = object()

    def _new(cls, /, *args, **kwargs):  # positional-only: a field may be called "cls"
        fields = cls._fields
        if not kwargs and len(args) == len(fields):
            return _tuple_new(cls, args)  # how the cache and most code build records: no loop
        name = cls.__name__
        if len(args) > len(fields):
            raise TypeError(
                f"{name}.__new__() takes {len(fields) + 1} positional arguments but {len(args) + 1} were given"
            )
        values = [*args, *[_MISSING] * (len(fields) - len(args))]
        for key, value in kwargs.items():
            try:
                at = fields.index(key)
            except ValueError:
                raise TypeError(f"{name}.__new__() got an unexpected keyword argument '{key}'") from None
            if at < len(args):
                raise TypeError(f"{name}.__new__() got multiple values for argument '{key}'")
            values[at] = value
        defaults = cls._field_defaults
        missing = []
        for at, value in enumerate(values):
            if value is _MISSING:
                if fields[at] in defaults:
                    values[at] = defaults[fields[at]]
                else:
                    missing.append(fields[at])
        if missing:
            raise TypeError(f"{name}.__new__() missing {len(missing)} required argument(s): {', '.join(missing)}")
        return _tuple_new(cls, values)

    @classmethod
    def _make(cls, iterable):
        made = _tuple_new(cls, iterable)
        if len(made) != len(cls._fields):
            raise TypeError(f"Expected {len(cls._fields)} arguments, got {len(made)}")
        return made

    def _replace(self, /, **kwargs):
        made = self._make(map(kwargs.pop, self._fields, self))
        if kwargs:
            raise ValueError(f"Got unexpected field names: {list(kwargs)!r}")
        return made

    def _repr(self):
        inner = ", ".join(f"{field}={value!r}" for field, value in zip(self._fields, self, strict=True))
        return f"{self.__class__.__name__}({inner})"

    def _asdict(self):
        return dict(zip(self._fields, self, strict=True))

    def _getnewargs(self):
        return tuple(self)

    _METHODS = {
        "__slots__": (), "__new__": _new, "_make": _make, "_replace": _replace, "__repr__": _repr,
        "_asdict": _asdict, "__getnewargs__": _getnewargs,
        "__replace__": _replace,  # copy.replace (Python 3.13), as collections.namedtuple gives it
    }  # fmt: skip

    class _RecordMeta(type):
        def __new__(cls, typename, bases, ns):
            if bases != (_Record,):
                raise TypeError("a record class derives from NamedTuple alone")
            types = ns.get("__annotations__", {})
            fields = tuple(types)
            defaults = {}
            for field in fields:
                if field.startswith("_"):
                    raise ValueError(f"Field names cannot start with an underscore: {field!r}")
                if field in ns:
                    defaults[field] = ns[field]
                elif defaults:
                    raise TypeError(f"Non-default namedtuple field {field} cannot follow default field(s)")
            body = {
                **_METHODS,
                "__doc__": f"{typename}({', '.join(fields)}{',' if len(fields) == 1 else ''})",
                "__module__": ns["__module__"],
                "__annotations__": dict(types),
                "_fields": fields,
                "_field_defaults": defaults,
                "__match_args__": fields,
            }
            for at, field in enumerate(fields):
                body[field] = _tuplegetter(at, f"Alias for field number {at}")
            for key, value in ns.items():
                if key in _PROHIBITED:
                    raise AttributeError("Cannot overwrite NamedTuple attribute " + key)
                if key not in _SPECIAL and key not in types:
                    body[key] = value
            return type.__new__(type, typename, (tuple,), body)

    _Record = type.__new__(_RecordMeta, "NamedTuple", (), {})

    class _Base:
        """What `class Point(NamedTuple):` derives from: the metaclass above makes the class."""

        def __mro_entries__(self, bases):
            return (_Record,)

    NamedTuple = _Base()
