"""One configuration: Settings reads every CLAIMLINK_* variable, and nothing else does."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimlink.extractors.fetch import FetchOptions
from claimlink.flows.cli import cli
from claimlink.settings import Settings, SettingsError

ROOT = Path(__file__).resolve().parent.parent
PACKAGE_DIRS = ["claimlink", "extractors", "linker", "models", "migrations", "flows", "review", "evaluation",
                "demo"]
#: The modules allowed to touch os.environ: Settings (CLAIMLINK_*) and Prefect's own variables.
ENVIRONMENT_READERS = {"claimlink/settings.py", "flows/prefect_env.py"}


def test_every_setting_comes_from_its_variable():
    env = {"CLAIMLINK_DEMO_PORT": "9123", "CLAIMLINK_SECRET_KEY": "k" * 40, "CLAIMLINK_SPACY_MODEL": "xx_model",
           "CLAIMLINK_ALLOW_HOSTS": "a.example, 10.0.0.1", "CLAIMLINK_HOST_DELAY": "0.5"}
    s = Settings.from_env(env, spacy_model=None)
    assert (s.demo_port, s.secret_key, s.spacy_model) == (9123, "k" * 40, "xx_model")
    assert s.allow_hosts == ("a.example", "10.0.0.1") and s.host_delay == 0.5
    assert Settings.from_env(env, spacy_model="yy").spacy_model == "yy"
    assert "k" * 40 not in repr(s)
    with pytest.raises(SettingsError, match="CLAIMLINK_DEMO_PORT"):
        Settings.from_env({"CLAIMLINK_DEMO_PORT": "eighty"})


def test_fetch_options_default_to_the_settings_defaults():
    assert FetchOptions() == FetchOptions.from_settings(Settings())
    s = Settings(host_delay=3.0, contact="ops@example.org")
    assert FetchOptions.from_settings(s).host_delay == 3.0
    assert FetchOptions.from_settings(s).user_agent.endswith("ops@example.org")


def _environment_uses(path: Path) -> list[int]:
    """Lines that read os.environ / os.getenv or give click an envvar, except ``{**os.environ, ...}``
    (the whole environment handed on to a child process)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    handed_on = {id(v) for node in ast.walk(tree) if isinstance(node, ast.Dict)
                 for k, v in zip(node.keys, node.values) if k is None}
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in ("environ", "getenv") and id(node) not in handed_on:
            lines.append(node.lineno)
        elif isinstance(node, ast.keyword) and node.arg == "envvar":
            lines.append(node.value.lineno)
    return sorted(lines)


def test_no_module_but_settings_reads_the_environment():
    offenders = {}
    for folder in PACKAGE_DIRS:
        for path in (ROOT / folder).rglob("*.py"):
            rel = path.relative_to(ROOT).as_posix()
            if rel not in ENVIRONMENT_READERS and (lines := _environment_uses(path)):
                offenders[rel] = lines
    assert offenders == {}


def test_the_scanner_sees_an_environment_read(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text("import os\nA = os.environ.get('X')\nB = {**os.environ, 'Y': '1'}\n"
                     "import click\nopt = click.option('--m', envvar='CLAIMLINK_M')\n")
    assert _environment_uses(probe) == [2, 5]


def test_cli_options_fall_back_to_settings(tmp_path):
    """CLAIMLINK_SPACY_MODEL and CLAIMLINK_SOURCES_FILE reach the commands through Settings."""
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text(json.dumps({"id": 1, "a": "x", "b": "y"}) + "\n")
    result = CliRunner().invoke(cli, ["compare", str(pairs)], env={"CLAIMLINK_SPACY_MODEL": "no_such_model_here"})
    assert result.exit_code == 1 and "no_such_model_here" in result.output, result.output
    result = CliRunner().invoke(cli, ["--database-url", f"sqlite:///{tmp_path / 'x.db'}", "sources"],
                                env={"CLAIMLINK_SOURCES_FILE": str(tmp_path / "elsewhere.toml")})
    assert result.exit_code == 1 and "elsewhere.toml" in result.output, result.output


def test_users_add_takes_the_password_from_settings(tmp_path):
    from claimlink.models.db import upgrade

    url = f"sqlite:///{tmp_path / 'u.db'}"
    upgrade(url)
    result = CliRunner().invoke(cli, ["--database-url", url, "users", "add", "ann"],
                                env={"CLAIMLINK_NEW_PASSWORD": "long-enough-pw"})
    assert result.exit_code == 0 and "Password" not in result.output, result.output
    result = CliRunner().invoke(cli, ["--database-url", url, "users", "add", "bob"],
                                env={"CLAIMLINK_NEW_PASSWORD": "short"})
    assert result.exit_code == 1 and "at least 8" in result.output


def test_on_loopback_allows_127_0_0_1_once_without_host_delay():
    from claimlink.settings import Settings

    base = Settings(allow_hosts=("intranet.example", "127.0.0.1"), host_delay=2.5)
    loop = base.on_loopback(sources_file="s.toml")
    assert loop.allow_hosts == ("intranet.example", "127.0.0.1")
    assert (loop.host_delay, loop.sources_file) == (0.0, "s.toml")
    assert Settings().on_loopback().allow_hosts == ("127.0.0.1",)
    assert Settings().on_loopback().source_budget == float("inf")  # our own site: nothing deferred
