"""The evaluation gate's logic: floors file, pass/fail per direction, missing figures,
the exit status of `claimlink eval gate`. The evaluations themselves are replaced by
small stand-ins; the real ones need ../shared/data (the gate runs them in .ci/run)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from claimlink.evaluation import EvalDataError
from claimlink.evaluation import gate

FLOORS = """
[[figure]]
name = "x.f1"
evaluation = "extraction"
direction = "min"
bound = 0.9
raised = "2026-11-29"
commit = "abc123"

[[figure]]
name = "x.flags_per_100"
evaluation = "realnews"
direction = "max"
bound = 10
"""


def _floors(tmp_path, text=FLOORS):
    path = tmp_path / "floors.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_floors_file_is_read_with_its_dates(tmp_path):
    f1, flags = gate.load_floors(_floors(tmp_path))
    assert (f1.name, f1.evaluation, f1.direction, f1.bound, f1.raised, f1.commit) == \
        ("x.f1", "extraction", "min", 0.9, "2026-11-29", "abc123")
    assert (flags.direction, flags.bound) == ("max", 10.0)


@pytest.mark.parametrize("now, passed", [(0.95, True), (0.9, True), (0.8999, False), (None, False)])
def test_a_floor_fails_below_its_bound_or_when_the_figure_is_missing(tmp_path, now, passed):
    floors = gate.load_floors(_floors(tmp_path))
    (row,) = [r for r in gate.check(floors, {"x.f1": now}) if r.floor.name == "x.f1"]
    assert row.passed is passed


@pytest.mark.parametrize("now, passed", [(3.0, True), (10.0, True), (10.01, False)])
def test_a_ceiling_fails_above_its_bound(tmp_path, now, passed):
    floors = gate.load_floors(_floors(tmp_path))
    (row,) = [r for r in gate.check(floors, {"x.flags_per_100": now}) if r.floor.name == "x.flags_per_100"]
    assert row.passed is passed


def test_only_keeps_the_rows_of_the_evaluations_run(tmp_path):
    floors = gate.load_floors(_floors(tmp_path))
    assert [r.floor.name for r in gate.check(floors, {}, ("realnews",))] == ["x.flags_per_100"]


@pytest.mark.parametrize("text, message", [
    ("", "no \\[\\[figure\\]\\]"),
    ("[[figure]]\nname = 'a'\nevaluation = 'extraction'\ndirection = 'up'\nbound = 1\n", "direction"),
    ("[[figure]]\nname = 'a'\nevaluation = 'nope'\ndirection = 'min'\nbound = 1\n", "evaluation must be"),
    ("[[figure]]\nname = 'a'\nevaluation = 'extraction'\ndirection = 'min'\nbound = 'high'\n", "bound"),
    (FLOORS + FLOORS, "listed twice"),
    ("[[figure]\n", "not valid TOML"),
])
def test_bad_floors_files_are_named(tmp_path, text, message):
    with pytest.raises(EvalDataError, match=message):
        gate.load_floors(_floors(tmp_path, text))


def test_the_shipped_floors_file_is_valid():
    floors = gate.load_floors()
    assert floors and all(f.raised and f.commit for f in floors)


def test_the_gate_runs_every_evaluation_a_floor_can_name():
    from claimlink.flows.gate import COLLECTORS

    assert tuple(COLLECTORS) == gate.EVALUATIONS


def _fake_collectors(monkeypatch, figures):
    from claimlink.flows import gate as runs

    monkeypatch.setattr(runs, "COLLECTORS", {
        "extraction": lambda data, settings, progress=None: {"x.f1": figures["x.f1"]},
        "realnews": lambda data, settings, progress=None: {"x.flags_per_100": figures["x.flags_per_100"]}})


def test_the_gate_command_prints_the_table_and_fails_on_one_bad_figure(tmp_path, monkeypatch):
    from claimlink.flows.cli import cli

    data = tmp_path / "data"
    data.mkdir()
    floors = _floors(tmp_path)
    _fake_collectors(monkeypatch, {"x.f1": 0.93, "x.flags_per_100": 4.0})
    ok = CliRunner().invoke(cli, ["eval", "gate", "--data", str(data), "--floors", str(floors)])
    assert ok.exit_code == 0, ok.output
    assert "x.f1" in ok.output and "pass" in ok.output and "FAIL" not in ok.output
    _fake_collectors(monkeypatch, {"x.f1": 0.93, "x.flags_per_100": 12.5})
    bad = CliRunner().invoke(cli, ["eval", "gate", "--data", str(data), "--floors", str(floors)])
    assert bad.exit_code == 1
    assert "FAIL" in bad.output and "evaluation gate FAILED: x.flags_per_100" in bad.output
    only = CliRunner().invoke(cli, ["eval", "gate", "--data", str(data), "--floors", str(floors),
                                    "--only", "extraction"])
    assert only.exit_code == 0 and "x.flags_per_100" not in only.output


def test_the_gate_refuses_a_missing_data_folder_in_one_line(tmp_path):
    from claimlink.flows.cli import cli

    result = CliRunner().invoke(cli, ["eval", "gate", "--data", str(tmp_path / "none")])
    assert result.exit_code == 2 and "Traceback" not in result.output
