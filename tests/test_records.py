"""The engine's value types (calculator/records.py): ``@record`` behaves as ``@dataclass(frozen=True)`` did, for every
class of the engine, without generating source code; and ``add_months`` (calculator/dated.py) without the calendar
module gives the same days as with it."""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import inspect
from pathlib import Path

import pytest

import calculator
from calculator import assessment, dated, policy_updates, rules, standards, vocabulary
from calculator.dated import add_months
from calculator.records import record

ROOT = Path(__file__).resolve().parent.parent


@record
class Point:
    x: int
    y: int = 0
    label: str | None = None


@dataclasses.dataclass(frozen=True)
class PointDataclass:
    x: int
    y: int = 0
    label: str | None = None


@record
class LabelledPoint(Point):
    colour: str = "red"


def _engine_record_classes() -> list[type]:
    modules = (assessment, dated, policy_updates, rules, standards, vocabulary, calculator.application)
    return [cls for module in modules for _, cls in inspect.getmembers(module, inspect.isclass)
            if cls.__module__ == module.__name__ and dataclasses.is_dataclass(cls)]


def test_every_engine_value_type_is_a_record_and_none_is_a_plain_dataclass():
    sources = [p for p in (ROOT / "calculator").glob("*.py") if p.name != "records.py"]
    assert not [p.name for p in sources if "@dataclass" in p.read_text(encoding="utf-8")]
    classes = _engine_record_classes()
    assert len(classes) >= 25, classes
    assert all(cls.__init__.__qualname__ == f"{cls.__qualname__}.__init__" for cls in classes)


def test_a_record_is_built_from_positional_or_keyword_arguments_with_the_defaults_of_its_class():
    assert Point(1) == Point(x=1, y=0, label=None)
    assert (Point(1, 2, "a").x, Point(1, 2, "a").y, Point(1, 2, "a").label) == (1, 2, "a")
    assert Point(1, label="a") == Point(1, 0, "a")
    assert LabelledPoint(1, 2).colour == "red"
    assert LabelledPoint(1, colour="blue") == LabelledPoint(1, 0, None, "blue")


@pytest.mark.parametrize("args, kwargs", [
    ((), {}),  # x missing
    ((1, 2, "a", "extra"), {}),  # one positional argument too many
    ((1,), {"x": 2}),  # x twice
    ((1,), {"z": 3}),  # no such field
])
def test_a_record_refuses_missing_extra_repeated_or_unknown_arguments_as_a_dataclass_does(args, kwargs):
    with pytest.raises(TypeError):
        PointDataclass(*args, **kwargs)
    with pytest.raises(TypeError):
        Point(*args, **kwargs)


def test_a_record_compares_hashes_and_prints_as_the_same_frozen_dataclass_would():
    pairs = [(Point(1, 2, "a"), PointDataclass(1, 2, "a")), (Point(3), PointDataclass(3))]
    for ours, theirs in pairs:
        assert repr(ours).replace("Point", "PointDataclass", 1) == repr(theirs)
        assert hash(ours) == hash(theirs) == hash(dataclasses.astuple(theirs))
    assert Point(1, 2) == Point(1, 2) and Point(1, 2) != Point(2, 1)
    assert Point(1) != LabelledPoint(1)  # another class: never equal, as dataclasses compare
    assert Point(1).__eq__(PointDataclass(1)) is NotImplemented
    assert len({Point(1), Point(1), Point(2)}) == 2


def test_a_record_field_cannot_be_assigned_or_deleted():
    p = Point(1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.x = 2
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.other = 2
    with pytest.raises(dataclasses.FrozenInstanceError):
        del p.x
    assert p.x == 1


def test_dataclasses_fields_replace_and_asdict_work_on_a_record():
    p = LabelledPoint(1, 2)
    assert [f.name for f in dataclasses.fields(p)] == ["x", "y", "label", "colour"]
    assert dataclasses.replace(p, colour="blue") == LabelledPoint(1, 2, None, "blue")
    assert dataclasses.asdict(p) == {"x": 1, "y": 2, "label": None, "colour": "red"}
    assert Point.__match_args__ == ("x", "y", "label")


def test_record_refuses_a_default_factory_a_field_left_out_of_init_and_post_init():
    with pytest.raises(TypeError):
        @record
        class WithFactory:
            items: list = dataclasses.field(default_factory=list)
    with pytest.raises(TypeError):
        @record
        class NotInInit:
            x: int = dataclasses.field(default=0, init=False)
    with pytest.raises(TypeError):
        @record
        class WithPostInit:
            x: int

            def __post_init__(self):
                pass


def test_making_a_record_compiles_no_generated_method_source(monkeypatch):
    compiled = []
    if hasattr(dataclasses, "_FuncBuilder"):  # Python 3.13 and later (Pyodide's 3.14): one source text per class
        original = dataclasses._FuncBuilder.add_fns_to_class
        monkeypatch.setattr(dataclasses._FuncBuilder, "add_fns_to_class",
                            lambda self, cls: (compiled.extend(self.names), original(self, cls))[1])
    else:  # earlier: one source text per method
        original = dataclasses._create_fn
        monkeypatch.setattr(dataclasses, "_create_fn",
                            lambda name, *args, **kwargs: (compiled.append(name), original(name, *args, **kwargs))[1])

    @record
    class Probe:
        a: int
        b: str = ""

    assert compiled == []
    assert Probe(1) == Probe(a=1, b="")


@pytest.mark.parametrize("day, months, expected", [
    (dt.date(2026, 8, 31), 6, dt.date(2027, 2, 28)),  # 2027 is a common year: February has 28 days
    (dt.date(2027, 8, 31), 6, dt.date(2028, 2, 29)),  # 2028 is a leap year: 29
    (dt.date(2026, 12, 15), 1, dt.date(2027, 1, 15)),  # December + 1 is January of the next year
    (dt.date(2026, 1, 31), -2, dt.date(2025, 11, 30)),  # back two months: November has 30 days
    (dt.date(2026, 3, 31), -1, dt.date(2026, 2, 28)),
    (dt.date(2026, 7, 1), 0, dt.date(2026, 7, 1)),
])
def test_add_months_clips_the_day_to_the_last_day_of_the_month_reached(day, months, expected):
    assert add_months(day, months) == expected


def test_add_months_gives_the_day_the_calendar_module_gives_for_every_day_of_2024_to_2029_and_60_months_either_way():
    def with_calendar(day: dt.date, months: int) -> dt.date:
        year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
        return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))

    start = dt.date(2024, 1, 1)
    days = [start + dt.timedelta(days=n) for n in range(0, 6 * 366, 3)]
    assert all(add_months(d, m) == with_calendar(d, m) for d in days for m in range(-60, 61, 7))
