"""The command line: help everywhere, JSON interfaces, and no tracebacks for mistakes."""

import json

import click
import pytest
from click.testing import CliRunner

from claimlink.flows.cli import cli


def _commands(group, prefix=()):
    for name, cmd in group.commands.items():
        yield prefix + (name,), cmd
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, prefix + (name,))


@pytest.mark.parametrize("path", [p for p, _ in _commands(cli)], ids=lambda p: " ".join(p))
def test_every_command_has_help(path):
    result = CliRunner().invoke(cli, list(path) + ["--help"])
    assert result.exit_code == 0, result.output
    cmd = cli
    for name in path:
        cmd = cmd.commands[name]
    assert cmd.help and len(cmd.help.strip()) > 20
    for param in cmd.params:
        if isinstance(param, click.Option) and param.name not in ("help",):
            assert param.help, f"{' '.join(path)} {param.opts} has no help text"


def test_missing_file_is_a_usage_error():
    result = CliRunner().invoke(cli, ["extract", "no-such-file.txt"])
    assert result.exit_code == 2 and "does not exist" in result.output
    assert "Traceback" not in result.output


def test_broken_database_url(tmp_path):
    result = CliRunner().invoke(cli, ["--database-url", "definitely not a url", "db", "current"])
    assert result.exit_code == 1 and "not a database URL" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_unmigrated_store_says_what_to_do(tmp_path):
    src = tmp_path / "sources.toml"
    src.write_text('[[source]]\nname = "a"\nurl = "http://127.0.0.1:9/feed"\n')
    result = CliRunner().invoke(cli, ["--database-url", f"sqlite:///{tmp_path / 'x.db'}", "sources",
                                      "--sources", str(src)])
    assert result.exit_code == 1 and "claimlink db upgrade" in result.output


def test_missing_sources_file(tmp_path):
    result = CliRunner().invoke(cli, ["--database-url", f"sqlite:///{tmp_path / 'x.db'}", "run", "--migrate",
                                      "--sources", str(tmp_path / "nope.toml"), "--no-progress"])
    assert result.exit_code == 1 and "not found" in result.output
    assert "Traceback" not in result.output


def test_db_upgrade_and_current(tmp_path):
    from alembic.script import ScriptDirectory

    from claimlink.models.db import alembic_config

    url = f"sqlite:///{tmp_path / 'x.db'}"
    head = ScriptDirectory.from_config(alembic_config(url)).get_current_head()
    result = CliRunner().invoke(cli, ["--database-url", url, "db", "upgrade"])
    assert result.exit_code == 0 and f"revision {head}" in result.output
    assert CliRunner().invoke(cli, ["--database-url", url, "db", "current"]).output.strip() == head


def test_bad_compare_input(tmp_path):
    p = tmp_path / "pairs.jsonl"
    p.write_text('{"id": 1, "a": "x"}\n')
    result = CliRunner().invoke(cli, ["compare", str(p)])
    assert result.exit_code == 1 and "line 1" in result.output


@pytest.mark.model
def test_extract_prints_one_json_line_per_file(tmp_path, seed_text):
    f = tmp_path / "kupiansk.txt"
    f.write_text(seed_text, encoding="utf-8")
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("caf\xe9".encode("latin-1"))
    result = CliRunner().invoke(cli, ["extract", str(f)])
    assert result.exit_code == 0, result.output
    (line,) = result.output.strip().splitlines()
    record = json.loads(line)
    assert record["doc_id"] == "kupiansk"
    for claim in record["claims"]:
        assert set(claim) >= {"speaker", "speaker_name", "cue", "content", "kind", "stance"}
        for span in [claim["cue"], *claim["content"]] + ([claim["speaker"]] if claim["speaker"] else []):
            assert seed_text[span["start"]:span["end"]] == span["text"]
    names = {c["speaker_name"] for c in record["claims"]}
    assert {"Valery Gerasimov", "general staff of Ukraine"} <= names
    result = CliRunner().invoke(cli, ["extract", str(bad)])
    assert result.exit_code == 1 and "not UTF-8" in result.output


@pytest.mark.model
def test_compare_uses_the_pipeline_path(tmp_path):
    p = tmp_path / "pairs.jsonl"
    rows = [
        {"id": "k", "a": "Gen. Valery Gerasimov announced that Moscow's forces had taken full control of Kupiansk.",
         "b": "Ukraine's general staff denied Gerasimov's claims and said Kyiv's forces remained in control of "
              "Kupiansk."},
        {"id": "n", "a": "The Batmobile was stolen.", "b": "Police say the museum reopened on Monday."},
    ]
    p.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    result = CliRunner().invoke(cli, ["compare", str(p)])
    assert result.exit_code == 0, result.output
    out = [json.loads(x) for x in result.output.strip().splitlines()]
    assert out[0]["id"] == "k" and out[0]["relation"] == "contradicts" and 0 < out[0]["score"] <= 1
    assert any("Kupiansk" in r for r in out[0]["reasons"])
    assert out[1] == {"id": "n", "relation": "none", "score": 0.0, "reasons": []}


def test_evaluation_data_errors_are_one_line(tmp_path):
    bad = tmp_path / "not-polnear.jsonl"
    bad.write_text('{"doc_id": 1}\n')
    result = CliRunner().invoke(cli, ["eval", "attribution", "--polnear", str(bad)])
    assert result.exit_code == 1 and "not a PolNeAR record" in result.output
    result = CliRunner().invoke(cli, ["eval", "extraction", "--aeb", str(tmp_path)])
    assert result.exit_code == 1 and "the AEB layout" in result.output
    csv_file = tmp_path / "pairs.csv"
    csv_file.write_text("a,b\n1,2\n")
    result = CliRunner().invoke(cli, ["eval", "stance", "--emergent", str(csv_file)])
    assert result.exit_code == 1 and "expected columns" in result.output
