"""How a result written in another unit relates to its calculation: "2^30 bytes = 1 GiB",
"10^6 s ≈ 11.6 days", "2 x 1024³ ≈ 2.1 GFLOP", "3,000 Wh = 3 kWh". Each unit has a size in
its dimension's base unit (bytes, seconds, operations, watt-hours); a result in a unit its
calculation does not name may be the calculation's value divided by the ratio of the sizes.
A calculation that names no unit of the dimension counts in the base unit ("2 x 1024³"
operations)."""

from __future__ import annotations

from fractions import Fraction

_BYTES = {
    **dict.fromkeys(("bit", "bits"), Fraction(1, 8)),
    **dict.fromkeys(("byte", "bytes"), Fraction(1)),
    **{"kb": Fraction(10**3), "mb": Fraction(10**6), "gb": Fraction(10**9)},
    **{"tb": Fraction(10**12), "pb": Fraction(10**15)},
    **{"kib": Fraction(2**10), "mib": Fraction(2**20), "gib": Fraction(2**30)},
    **{"tib": Fraction(2**40)},
    **{"kbit": Fraction(125), "mbit": Fraction(125_000), "gbit": Fraction(125_000_000)},
}
_SECONDS = {
    **dict.fromkeys(("ns",), Fraction(1, 10**9)),
    **dict.fromkeys(("us", "\N{MICRO SIGN}s", "\N{GREEK SMALL LETTER MU}s"), Fraction(1, 10**6)),
    **dict.fromkeys(("ms",), Fraction(1, 1000)),
    **dict.fromkeys(("s", "sec", "secs", "second", "seconds"), Fraction(1)),
    **dict.fromkeys(("min", "mins", "minute", "minutes"), Fraction(60)),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours"), Fraction(3600)),
    **dict.fromkeys(("day", "days"), Fraction(86400)),
    **dict.fromkeys(("week", "weeks"), Fraction(7 * 86400)),
}
_OPERATIONS = {
    **dict.fromkeys(("flop", "flops"), Fraction(1)),
    **dict.fromkeys(("mflop", "mflops"), Fraction(10**6)),
    **dict.fromkeys(("gflop", "gflops"), Fraction(10**9)),
    **dict.fromkeys(("tflop", "tflops"), Fraction(10**12)),
    **dict.fromkeys(("pflop", "pflops"), Fraction(10**15)),
}
_ENERGY = {
    "wh": Fraction(1),
    "kwh": Fraction(10**3),
    "mwh": Fraction(10**6),  # lowercase as the tokens hold it: "MWh"; no one writes mWh
    "gwh": Fraction(10**9),
    "twh": Fraction(10**12),
}
# A share shown in percentage points: "≈ 0.0113, i.e. 1.1 points".
_SHARES = dict.fromkeys(("point", "points", "pp"), Fraction(1, 100))
_DIMENSIONS = (_BYTES, _SECONDS, _OPERATIONS, _ENERGY, _SHARES)


def _words(units: set[str]) -> set[str]:
    """The single words of units as the tokens hold them ("gpu hours" -> gpu, hours); of a
    rate, what it counts ("MB/s" -> mb)."""
    words = {word for unit in units for word in unit.lower().split()}
    return {word.split("/")[0] if word.split("/")[0] else word for word in words}


def conversion_scales(calculation_units: set[str], result_units: set[str]) -> list[Fraction]:
    """The factors by which a calculation's value may be shown in the result's unit."""
    used, stated = _words(calculation_units), _words(result_units)
    scales: list[Fraction] = []
    for sizes in _DIMENSIONS:
        targets = [sizes[unit] for unit in stated - used if unit in sizes]
        sources = [sizes[unit] for unit in used if unit in sizes]
        if not sources:  # "2^30 = 1 GiB" counts bytes, but "16 x 3 = 48 bytes" no kilobytes
            scaled = sizes is not _SECONDS
            targets = [t for t in targets if sizes is _SHARES or (scaled and t >= 1000)]
            sources = [Fraction(1)]
        scales += [source / target for target in targets for source in sources]
    return scales


def single_conversion(
    calculation_units: set[str], result_units: set[str]
) -> tuple[Fraction, str, str] | None:
    """The one factor from the calculation's unit to the result's, the result's unit and the
    calculation's, when each names one unit of the same dimension and they differ."""
    used, stated = _words(calculation_units), _words(result_units)
    found = [
        (sizes[unit], unit, sizes)
        for sizes in _DIMENSIONS
        for unit in sorted(stated - used)
        if unit in sizes
    ]
    if len(found) != 1:
        return None
    target, unit, sizes = found[0]
    sources = [word for word in used if word in sizes]
    if len(sources) != 1:
        return None  # a calculation without a unit may count in the result's own unit
    return sizes[sources[0]] / target, unit, sources[0]


def seconds_in(unit: str) -> Fraction | None:
    """How many seconds a unit of time is ("min" -> 60); None for other words."""
    return _SECONDS.get(unit.lower())


def scaled_unit_after(text: str) -> bool:
    """Whether ``text`` (what follows a result) starts with a multiple of a unit, such as
    "kWh", "GiB" or "days": a result so written is converted from its calculation."""
    word = text.strip().split(maxsplit=1)[0].rstrip(".,;:)") if text.strip() else ""
    word = word.split("/")[0] or word  # a rate counts its unit: "256 kbit/s"
    return any(sizes.get(word.lower(), Fraction(1)) != 1 for sizes in _DIMENSIONS)
