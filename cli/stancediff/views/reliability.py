"""The `reliability` view: Krippendorff's alpha of several codings, what they found, and where they differ.

Built on analysis/reliability.py, where the method is named and cited (and in docs/views.md).
"""

from __future__ import annotations

from typing import Any

from ..analysis.bootstrap import RESAMPLES, SEED
from ..analysis.reliability import RELIABLE, TENTATIVE, Alpha, Reliability, Unit
from ..text import count
from .records import stance_json, topic_json
from .view import Cell, Records, Table, View, position_cell


def _alpha(alpha: Alpha) -> str:
    return "-" if alpha.value is None else f"{alpha.value:.3f}"


def _interval(alpha: Alpha) -> str:
    return "-" if alpha.interval is None else f"{alpha.interval[0]:.3f} to {alpha.interval[1]:.3f}"


def _style(alpha: Alpha) -> str:
    """Reliable support-green, tentative neutral, unreliable oppose-red; undefined muted."""
    return {"reliable": "support", "tentative": "neutral", "unreliable": "oppose"}.get(alpha.verdict, "muted")


def _row(name: str, alpha: Alpha) -> tuple[Cell, ...]:
    return (
        Cell(name, "strong"),
        Cell(_alpha(alpha), _style(alpha)),
        Cell(_interval(alpha)),
        Cell(alpha.verdict, _style(alpha)),
        Cell(str(alpha.units)),
        Cell(str(alpha.values)),
    )


def _alpha_json(alpha: Alpha) -> dict[str, Any]:
    return {
        "metric": alpha.metric,
        "alpha": alpha.value,
        "interval": list(alpha.interval) if alpha.interval else None,
        "verdict": alpha.verdict,
        "units": alpha.units,
        "pairable_values": alpha.values,
    }


def unit_label(result: Reliability, unit: Unit, ids: bool = False) -> str:
    """'Huawei Technologies on Huawei in 5G, from <the source's title> (its date)'; ids with `ids`."""
    if ids:
        return f"{unit.actor} on {unit.topic}\nfrom {unit.source}"
    actor, source = result.actors[unit.actor], result.sources.get(unit.source)
    topic = next((t for t, _ in result.topics if t.id == unit.topic), None)
    cited = f"{source.title} ({source.date})" if source else unit.source
    return f"{actor.name} on {topic.title if topic else unit.topic}\nfrom {cited}"


def reliability_view(result: Reliability, ids: bool = False) -> View:
    """Alpha overall and per topic with its interval; the units only some coders found; every disagreement."""
    coders = result.coders
    columns = ("variable", "alpha", "95% interval", "verdict", "units", "values")
    overall = Table(
        columns, (_row("position (ordinal)", result.position), _row("basis (nominal)", result.basis)), "Alpha"
    )
    per_topic = Table(
        ("topic", *columns[1:]),
        tuple(_row(topic.id if ids else topic.title, alpha) for topic, alpha in result.topics),
        "Positions, per topic (ordinal)",
        prose=(0,),
    )
    partial = Table(
        ("unit", "found by", "not by"),
        tuple(
            (
                Cell(unit_label(result, unit, ids)),
                Cell("\n".join(c for c, coding in zip(coders, unit.codings, strict=True) if coding)),
                Cell("\n".join(c for c, coding in zip(coders, unit.codings, strict=True) if not coding), "muted"),
            )
            for unit in result.partial
        ),
        "Found by only some coders",
        prose=(0, 1, 2),
    )
    rows = []
    for unit in result.disagreements:
        for n, (coder, coding) in enumerate(zip(coders, unit.codings, strict=True)):
            stance = coding.stance if coding else None
            rows.append(
                (
                    Cell(unit_label(result, unit, ids) if n == 0 else ""),
                    Cell(coder),
                    position_cell(stance) if stance else Cell("no stance", "muted"),
                    Cell(stance.basis if stance else ""),
                    Cell("\n".join(coding.quotes) if coding else ""),
                )
            )
    disagreements = Table(
        ("unit", "coder", "position", "basis", "quotes"), tuple(rows), "Disagreements", prose=(0, 1, 4)
    )
    notes = [
        f"{count(len(result.units), 'unit')} (actor, topic, source); {count(len(result.partial), 'unit')} "
        f"found by only some coders; {count(len(result.disagreements), 'disagreement')}",
        f"Krippendorff's alpha: 1 perfect agreement, 0 agreement at chance; at least {RELIABLE:.3f} reliable, "
        f"from {TENTATIVE:.3f} tentative (Krippendorff 2004); 95% interval: Krippendorff's bootstrap "
        f"(Hayes and Krippendorff 2007), {RESAMPLES:,} resamples, seed {SEED}; see docs/views.md",
        "units and values: the pairable ones, coded by two coders or more; a unit with one value shows what "
        "one coder found and another did not",
    ]
    if result.several:
        notes.append(
            f"{count(result.several, 'unit')} where a coder recorded more than one stance citing the source: "
            "the latest counts"
        )

    def coding_json(unit: Unit) -> list[dict[str, Any] | None]:
        return [
            {"coder": coder, "stance": stance_json(coding.stance), "quotes": list(coding.quotes)} if coding else None
            for coder, coding in zip(coders, unit.codings, strict=True)
        ]

    def data() -> dict[str, Any]:
        return {
            "coders": list(coders),
            "units": len(result.units),
            "alpha": {"position": _alpha_json(result.position), "basis": _alpha_json(result.basis)},
            "topics": [{"topic": topic_json(topic), **_alpha_json(alpha)} for topic, alpha in result.topics],
            "several": result.several,
            "partial": [
                {
                    "actor": unit.actor,
                    "topic": unit.topic,
                    "source": unit.source,
                    "found_by": [c for c, coding in zip(coders, unit.codings, strict=True) if coding],
                }
                for unit in result.partial
            ],
            "disagreements": [
                {"actor": u.actor, "topic": u.topic, "source": u.source, "codings": coding_json(u)}
                for u in result.disagreements
            ],
        }

    def record(scope: str, variable: str, alpha: Alpha) -> tuple[Any, ...]:
        low, high = alpha.interval or (None, None)
        return (scope, variable, alpha.metric, alpha.value, low, high, alpha.units, alpha.values)

    records = Records(
        ("scope", "variable", "metric", "alpha", "alpha_low", "alpha_high", "units", "pairable_values"),
        (
            record("all", "position", result.position),
            record("all", "basis", result.basis),
            *(record(topic.id, "position", alpha) for topic, alpha in result.topics),
        ),
    )
    facts = tuple((f"coder {n}", label) for n, label in enumerate(coders, 1))
    tables = (overall, per_topic, partial, disagreements)
    title = f"Reliability of {count(len(coders), 'coding')}"
    return View(title, data, facts, tables, tuple(notes), records=records, legend=True)
