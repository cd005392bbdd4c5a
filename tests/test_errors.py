"""One error root: every public exception class of claimlink derives from ClaimlinkError and
has a code of its own; the command line prints any of them in one line."""

from __future__ import annotations

import importlib
import inspect

from click.testing import CliRunner

from claimlink.errors import ClaimlinkError
from claimlink.flows.cli import cli

from tests.package_modules import modules

#: Not imported: Alembic's env.py runs migrations when imported, and __main__ runs the CLI.
SKIP = ("claimlink.migrations", "claimlink.flows.cli.__main__")


def _public_exception_classes() -> dict[str, type]:
    found = {}
    for dotted in modules():
        if dotted.startswith(SKIP):
            continue
        module = importlib.import_module(dotted)
        for name, obj in vars(module).items():
            if (inspect.isclass(obj) and issubclass(obj, BaseException) and obj.__module__ == dotted
                    and not name.startswith("_")):
                found[f"{dotted}.{name}"] = obj
    return found


def test_every_public_error_derives_from_the_root_and_has_its_own_code():
    classes = _public_exception_classes()
    # the catalogue is found at all: a broken walk must not pass with nothing to check
    assert {"claimlink.errors.ClaimlinkError", "claimlink.settings.SettingsError", "claimlink.models.db.StoreError",
            "claimlink.models.reports.ReportError", "claimlink.evaluation.EvalDataError",
            "claimlink.flows.cli.app.CliError", "claimlink.extractors.errors.FetchError"} <= set(classes)
    assert [n for n, c in classes.items() if not issubclass(c, ClaimlinkError)] == []
    without_own_code = [n for n, c in classes.items() if "code" not in vars(c)]
    assert without_own_code == []
    codes: dict[str, str] = {}
    for name, cls in classes.items():
        assert cls.code not in codes, f"{name} and {codes[cls.code]} share {cls.code}"
        codes[cls.code] = name


def test_the_cli_prints_a_domain_error_in_one_line_with_its_code(tmp_path):
    result = CliRunner().invoke(cli, ["--database-url", f"sqlite:///{tmp_path / 'x.db'}", "db", "current"],
                                env={"CLAIMLINK_DEMO_PORT": "not-a-number"})
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "Error: CLAIMLINK_DEMO_PORT='not-a-number' is not a valid int [E500]"]
    result = CliRunner().invoke(cli, ["--database-url", f"sqlite:///{tmp_path / 'x.db'}", "report", "outlets"])
    assert result.exit_code == 1 and len(result.output.strip().splitlines()) == 1
    assert "claimlink db upgrade" in result.output and "[E600]" in result.output
