"""The evaluation gate: quality figures held to pinned floors (and ceilings).

``evaluation/floors.toml`` lists each figure the gate checks: its name, which way is
better (``direction = "min"``: the figure must stay at or above ``bound``, a floor;
``"max"``: at or below it, a ceiling for "fewer is better" figures), and the date and
commit at which the bound was last moved. The figures come from the evaluation
commands' own library functions, run over ``../shared/data`` by
:mod:`claimlink.flows.gate`; a figure listed in the file that no evaluation produced
fails the gate, so a figure cannot drop out unnoticed.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from rich.table import Table

from claimlink.evaluation import EvalDataError

FLOORS = Path(__file__).resolve().parent / "floors.toml"
#: The repository's fixtures of labelled flags and genuine contradictions (keys only).
FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"
LABELS = FIXTURES / "realnews_flag_labels.json"
CONTRADICTIONS = FIXTURES / "realnews_contradictions.json"
#: The evaluations the gate runs, in order (:mod:`claimlink.flows.gate` runs them).
EVALUATIONS = ("extraction", "attribution", "stance", "realnews")


@dataclass(frozen=True)
class Floor:
    name: str
    evaluation: str  # the COLLECTORS entry that measures it
    direction: str  # "min" (a floor) or "max" (a ceiling)
    bound: float
    what: str = ""
    raised: str = ""  # date the bound was last moved
    commit: str = ""  # commit whose code was measured for it


@dataclass(frozen=True)
class Row:
    floor: Floor
    now: float | None

    @property
    def passed(self) -> bool:
        if self.now is None:
            return False
        return self.now >= self.floor.bound if self.floor.direction == "min" else self.now <= self.floor.bound


def load_floors(path: str | Path = FLOORS) -> list[Floor]:
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise EvalDataError(f"{path}: no such file") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise EvalDataError(f"{path}: not valid TOML: {exc}") from None
    out, seen = [], set()
    for n, e in enumerate(data.get("figure", []), 1):
        where = f"{path}: [[figure]] #{n}"
        if not isinstance(e, dict) or not isinstance(e.get("name"), str) or not e["name"]:
            raise EvalDataError(f"{where} needs a name")
        if e["name"] in seen:
            raise EvalDataError(f"{where}: {e['name']} is listed twice")
        if e.get("direction") not in ("min", "max"):
            raise EvalDataError(f"{where} ({e['name']}): direction must be \"min\" or \"max\"")
        if not isinstance(e.get("bound"), (int, float)) or isinstance(e.get("bound"), bool):
            raise EvalDataError(f"{where} ({e['name']}): bound must be a number")
        if e.get("evaluation") not in EVALUATIONS:
            raise EvalDataError(f"{where} ({e['name']}): evaluation must be one of {', '.join(EVALUATIONS)}")
        seen.add(e["name"])
        out.append(Floor(e["name"], e["evaluation"], e["direction"], float(e["bound"]), str(e.get("what", "")),
                         str(e.get("raised", "")), str(e.get("commit", ""))))
    if not out:
        raise EvalDataError(f"{path}: no [[figure]] entries")
    return out


def check(floors: list[Floor], figures: dict[str, float | None], only: tuple[str, ...] = ()) -> list[Row]:
    """One row per floor (of the evaluations in ``only``, if given); a figure missing from
    ``figures`` fails."""
    return [Row(f, figures.get(f.name)) for f in floors if not only or f.evaluation in only]


def table(rows: list[Row]):
    """The gate's table: figure, floor (>=) or ceiling (<=), now, pass or FAIL."""
    out = Table("figure", "floor", "now", "result", title="Evaluation gate")
    for r in rows:
        out.add_row(r.floor.name, ("≥ " if r.floor.direction == "min" else "≤ ") + f"{r.floor.bound:g}",
                    "missing" if r.now is None else f"{r.now:g}", "pass" if r.passed else "FAIL")
    return out


def unpinned(rows: list[Row], figures: dict) -> dict:
    """Figures measured that no floor holds (candidates for a new floor)."""
    return {k: v for k, v in figures.items() if k not in {r.floor.name for r in rows}}


def as_json(rows: list[Row], figures: dict, seconds: dict) -> dict:
    return {"rows": [{"figure": r.floor.name, "direction": r.floor.direction, "bound": r.floor.bound,
                      "now": r.now, "passed": r.passed} for r in rows],
            "unpinned": unpinned(rows, figures), "seconds": seconds}
