"""The standards bundle as typed, dated data, and the lookup of the value in force on a date.

The bundle (built from ``standards/*.yaml`` by ``scripts/build-standards``, shape in ``sitebuild/bundle.py``)
arrives as plain JSON data: in CPython from a file, in the browser from the page. Nothing here reads YAML.

Rule of the value in force: a dated value applies from its ``effective`` date (inclusive) until the day
before the next one. A county's dibao standard never goes below the Yunnan provincial floor in force on
the same date: where the county has no figure of its own, or its newest figure is below the floor (the
floor rose since), the floor is used and marked ``province_floor`` (shown to the user as unverified).
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from calculator.dated import DatedSeries
from calculator.money import amount_text_to_fen
from calculator.numbers import normalize_typed_number
from calculator.policy_updates import parse_updates
from calculator.records import record
from calculator.vocabulary import ANNUAL_UNIT, MONTHLY_UNIT, county_code

URBAN = "urban"
RURAL = "rural"


class BundleError(ValueError):
    """The bundle is not in the expected shape; ``path`` names the bad field (e.g. ``counties.532503.dibao``)."""

    def __init__(self, path: str, message: str):
        super().__init__(f"{path}: {message}")
        self.path = path


@record
class Source:
    """Where a value comes from: document number or title, issuer, publication date and link when known."""

    document: str
    issuer: str
    published: str | None = None
    url: str | None = None
    note: str | None = None

    @classmethod
    def from_dict(cls, data: dict, path: str) -> Source:
        if not isinstance(data, dict) or not data.get("document") or not data.get("issuer"):
            raise BundleError(path, "source needs document and issuer")
        return cls(data["document"], data["issuer"], data.get("published"), data.get("url"), data.get("note"))

    def as_dict(self) -> dict:
        """Plain data for results (keys without a value are left out)."""
        out = {"document": self.document, "issuer": self.issuer}
        for key in ("published", "url", "note"):
            if getattr(self, key):
                out[key] = getattr(self, key)
        return out


EFFECTIVE_BASES = ("stated", "inferred")


def _basis(item: dict, path: str) -> str:
    """``effective_basis`` of a dated value: ``"stated"`` (the default: the source states the date) or
    ``"inferred"`` (the date is inferred; ``effective_inferred_from`` says from what). Raises :class:`BundleError`."""
    basis = item.get("effective_basis", "stated")
    if basis not in EFFECTIVE_BASES:
        raise BundleError(path + ".effective_basis", "effective_basis must be stated or inferred")
    if basis == "inferred" and not item.get("effective_inferred_from"):
        raise BundleError(path + ".effective_inferred_from", "an inferred date needs effective_inferred_from")
    return basis


@record
class DatedAmount:
    """One dated amount: ``fen`` in the unit of its series, in force from ``effective``.

    ``status`` says whether the amount is sourced (``verified``/``unverified``); ``effective_basis`` says,
    separately, whether the source states the effective date (``stated``) or it is inferred (``inferred``, with
    ``effective_inferred_from`` naming what it is inferred from, shown to users as “生效日期按……推定”).
    """

    effective: dt.date
    fen: int
    text: str
    status: str
    source: Source
    effective_basis: str = "stated"
    effective_inferred_from: str | None = None


@record
class Series(DatedSeries[DatedAmount]):
    """A dated series of amounts in one unit (``元/人·月`` or ``元/人·年``), sorted by effective date."""

    unit: str = MONTHLY_UNIT

    @classmethod
    def _from_dict(cls, data: dict, path: str) -> Series:
        if not isinstance(data, dict) or data.get("unit") not in (MONTHLY_UNIT, ANNUAL_UNIT):
            raise BundleError(path + ".unit", "unit must be 元/人·月 or 元/人·年")
        values = []
        for i, item in enumerate(data.get("values", [])):
            p = f"{path}.values[{i}]"
            try:
                values.append(
                    DatedAmount(
                        effective=dt.date.fromisoformat(item["effective"]),
                        fen=amount_text_to_fen(item["amount"]),
                        text=item["amount"],
                        status=item["status"],
                        source=Source.from_dict(item["source"], p + ".source"),
                        effective_basis=_basis(item, p),
                        effective_inferred_from=item.get("effective_inferred_from"),
                    )
                )
            except (KeyError, TypeError, ValueError) as exc:
                raise BundleError(p, f"bad dated amount ({exc})") from None
        if any(a.effective >= b.effective for a, b in zip(values, values[1:], strict=False)):
            raise BundleError(path + ".values", "effective dates must increase")
        return cls(values=tuple(values), unit=data["unit"])


@record
class DatedParameter:
    """A prefecture parameter value in force from ``effective`` (``value`` is a decimal string)."""

    effective: dt.date
    value: str
    status: str
    source: Source
    effective_basis: str = "stated"
    effective_inferred_from: str | None = None


@record
class Parameter(DatedSeries[DatedParameter]):
    """A prefecture parameter of 红民社救〔2019〕5号, with the clause that sets it and its dated values."""

    key: str = ""
    label: str = ""
    unit: str = ""
    clause: str = ""


@record
class TownshipLimitRule:
    """A county's own township approval limit (clause 2-2-3 lets the county set it), in force from ``effective``.

    ``basis`` ``"ratio"``: ``ratio`` × the urban annual standard in force on 31 December of the year before;
    ``"fixed"``: ``amount_fen`` (fen). ``entry`` is the rule as written in the county's file (shown as the
    standard used, with its source).
    """

    effective: dt.date
    basis: str
    ratio: Fraction | None
    amount_fen: int | None
    entry: dict

    @classmethod
    def from_dict(cls, entry: dict, path: str) -> TownshipLimitRule:
        """From the bundle's ``local.township_limit[i]``. Raises :class:`BundleError` naming ``path``."""
        try:
            basis = entry["basis"]
            return cls(
                effective=dt.date.fromisoformat(entry["effective"]),
                basis=basis,
                ratio=Fraction(entry["ratio"]) if basis == "ratio" else None,
                amount_fen=amount_text_to_fen(entry["amount"]) if basis == "fixed" else None,
                entry=entry,
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise BundleError(path, f"bad township limit ({exc})") from None


@record
class CountyLocal:
    """A county's local refinements (its file's ``local:``): the township limits it set (dated), and as written
    in the file, for display only, its emergency-type tiers, property rules and contact."""

    township_limit: DatedSeries[TownshipLimitRule]
    emergency_tiers: tuple[dict, ...] = ()
    property_rules: tuple[dict, ...] = ()
    contact: object = None

    @classmethod
    def from_dict(cls, data: dict | None, path: str) -> CountyLocal:
        """From the bundle's ``counties.<code>.local`` (absent or empty: nothing set locally)."""
        data = data or {}
        entries = data.get("township_limit") or []
        if isinstance(entries, dict):
            entries = [entries]
        rules = [TownshipLimitRule.from_dict(e, f"{path}.township_limit[{i}]") for i, e in enumerate(entries)]
        return cls(
            township_limit=DatedSeries.of(rules),
            emergency_tiers=tuple(data.get("emergency_tiers") or ()),
            property_rules=tuple(data.get("property_rules") or ()),
            contact=data.get("contact"),
        )


@record
class County:
    """A county-level unit of Honghe (GB/T 2260 code and name), its dibao series and local refinements."""

    code: str
    name: str
    file: str
    urban: Series
    rural: Series
    local: CountyLocal

    @property
    def short_name(self) -> str:
        """The name without its suffix (蒙自市 → 蒙自, 屏边苗族自治县 → 屏边)."""
        name = self.name
        for suffix in ("苗族瑶族傣族自治县", "瑶族自治县", "苗族自治县", "市", "县"):
            if name.endswith(suffix) and len(name) > len(suffix):
                return name[: -len(suffix)]
        return name


@record
class DibaoInForce:
    """The dibao standard applied on a date for one residence.

    ``monthly`` is in fen per person per month (a Fraction: a rural annual standard ÷ 12 need not be a whole
    fen); ``annual`` in fen per person per year. ``origin`` is ``"county"`` or ``"province_floor"``;
    ``value`` is the dated amount actually used (its unit is ``unit``).
    """

    residence: str
    monthly: Fraction
    annual: Fraction
    unit: str
    value: DatedAmount
    origin: str
    county_value: DatedAmount | None


def _register(data: object) -> dict:
    """The bundle's ``register``: ``{rule id: {"title", "clauses"}}`` from ``policy/interpretations.yaml`` (the
    reasons take each rule's title and first clause from it). Raises :class:`BundleError` when missing."""
    if not isinstance(data, dict) or not data:
        raise BundleError("register", "the bundle has no interpretation register "
                                      "(rebuild it with scripts/build-standards)")
    for rule, entry in data.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("title"), str) or not isinstance(
                entry.get("clauses"), list):
            raise BundleError(f"register.{rule}", "needs a title and a list of clauses")
    return data


@record
class Bundle:
    """The whole standards bundle: prefecture parameters, provincial floor, 13 counties, and the dated
    ``policy_update`` warnings of documents after 2019 (:mod:`calculator.policy_updates`; empty when the bundle
    has no ``policy_updates``)."""

    parameters: dict
    policy: dict
    prefecture_file: str
    province_file: str
    floor_urban: Series
    floor_rural: Series
    counties: dict
    register: dict  # {rule id: {"title": str, "clauses": [clause id, ...]}}: the interpretation register's index
    policy_updates: tuple = ()

    @classmethod
    def from_dict(cls, data: dict) -> Bundle:
        """Build from the bundle's plain JSON data. Raises :class:`BundleError` naming the bad field."""
        if not isinstance(data, dict) or data.get("format") != 1:
            raise BundleError("format", "unsupported bundle format")
        try:
            updates = parse_updates(data.get("policy_updates"))
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise BundleError("policy_updates", f"malformed policy update ({exc!r})") from None
        try:
            pref = data["prefecture"]
            prov = data["province"]
            parameters = {}
            for key, item in pref["parameters"].items():
                values = tuple(
                    DatedParameter(
                        dt.date.fromisoformat(v["effective"]),
                        v["value"],
                        v["status"],
                        Source.from_dict(v["source"], f"prefecture.parameters.{key}.values[{i}].source"),
                        _basis(v, f"prefecture.parameters.{key}.values[{i}]"),
                        v.get("effective_inferred_from"),
                    )
                    for i, v in enumerate(item["values"])
                )
                parameters[key] = Parameter(values=values, key=key, label=item["label"], unit=item["unit"],
                                            clause=item["clause"])
            counties = {}
            for code, c in data["counties"].items():
                counties[code] = County(
                    code=c["code"],
                    name=c["name"],
                    file=c["file"],
                    urban=Series._from_dict(c["dibao"]["urban"], f"counties.{code}.dibao.urban"),
                    rural=Series._from_dict(c["dibao"]["rural"], f"counties.{code}.dibao.rural"),
                    local=CountyLocal.from_dict(c.get("local"), f"counties.{code}.local"),
                )
            return cls(
                parameters=parameters,
                policy=pref["policy"],
                prefecture_file=pref["file"],
                province_file=prov["file"],
                floor_urban=Series._from_dict(prov["dibao"]["urban"], "province.dibao.urban"),
                floor_rural=Series._from_dict(prov["dibao"]["rural"], "province.dibao.rural"),
                counties=counties,
                policy_updates=updates,
                register=_register(data.get("register")),
            )
        except (KeyError, TypeError, AttributeError) as exc:
            raise BundleError("bundle", f"missing or malformed field {exc}") from None

    def find_county(self, key: str) -> County | None:
        """The county by GB/T 2260 code (``"532503"``), full name (``"蒙自市"``) or any name people use for it
        (``"蒙自"``, ``"金平县"``; :func:`calculator.vocabulary.county_code`, register I15), typed with full-width
        digits or spaces too. None for an unknown or ambiguous name (``"红河"``)."""
        key = normalize_typed_number(key)
        if key in self.counties:
            return self.counties[key]
        for county in self.counties.values():
            if key == county.name:
                return county
        code = county_code(key)
        return self.counties.get(code) if code else None

    def first_date(self) -> dt.date:
        """The first date on which every prefecture parameter and both provincial floors are in force."""
        firsts = [p.values[0].effective for p in self.parameters.values()]
        firsts += [self.floor_urban.values[0].effective, self.floor_rural.values[0].effective]
        return max(firsts)

    def dibao(self, county: County, residence: str, on: dt.date) -> DibaoInForce | None:
        """The dibao standard for ``residence`` (``"urban"``/``"rural"``) in ``county`` on date ``on``.

        Source: Yunnan's provincial floor (``yunnan-floor.yaml``) and the county's own file; the county
        figure applies unless it is missing or below the floor in force on ``on``. Returns None before the
        first provincial figure.
        """
        floor_series = self.floor_urban if residence == URBAN else self.floor_rural
        county_series = county.urban if residence == URBAN else county.rural
        floor = floor_series.in_force(on)
        if floor is None:
            return None
        own = county_series.in_force(on)
        if own is not None and own.fen >= floor.fen:
            chosen, origin = own, "county"
        else:
            chosen, origin = floor, "province_floor"
        unit = county_series.unit if origin == "county" else floor_series.unit
        if unit == MONTHLY_UNIT:
            monthly = Fraction(chosen.fen)
            annual = monthly * 12
        else:
            annual = Fraction(chosen.fen)
            monthly = annual / 12
        return DibaoInForce(residence, monthly, annual, unit, chosen, origin, own)
