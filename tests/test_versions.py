"""A change to the rule files needs a new version: EXTRACTOR_VERSION and LINKER_VERSION are
stored with every article and link, so a rule change that keeps the version would mix
results of two rule sets under one name.

Each version constant has the sha256 of its rule files recorded next to it. When this test
fails, bump the version and record the hash it prints.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

import claimlink.extractors.claims as claims
import claimlink.linker.scoring as scoring

#: The line that records a hash is left out of the hash, so that recording it changes nothing.
_HASH_LINE = re.compile(r"(?m)^\w+_RULES_SHA256 = .*\n?")
EXTRACTOR_RULES = ("lexicon.toml", "lexicon.py", "text.py", "quotes.py", "cues.py", "clauses.py", "patterns.py",
                   "claims.py", "speakers.py", "speaker_identity.py", "speaker_check.py", "components.py",
                   "descriptions.py", "person_names.py", "headings.py")
LINKER_RULES = ("blocking.py", "claim_types.py", "compare.py", "core.py", "events.py", "falsity.py", "features.py",
                "frames.py", "gazetteer.py", "lexicon.py", "proposition.py", "record.py", "scoring.py", "signals.py")


def rules_sha256(folder: Path, names: tuple[str, ...]) -> str:
    digest = hashlib.sha256()
    for name in sorted(names):
        text = (folder / name).read_text(encoding="utf-8").replace("\r\n", "\n")
        digest.update(f"{name}\0{_HASH_LINE.sub('', text)}\0".encode())
    return digest.hexdigest()


@pytest.mark.parametrize("module, names, version, recorded", [
    (claims, EXTRACTOR_RULES, "EXTRACTOR_VERSION", "EXTRACTOR_RULES_SHA256"),
    (scoring, LINKER_RULES, "LINKER_VERSION", "LINKER_RULES_SHA256"),
])
def test_rule_files_changed_only_with_a_version_bump(module, names, version, recorded):
    actual = rules_sha256(Path(module.__file__).parent, names)
    assert getattr(module, recorded) == actual, (
        f"the rule files of {module.__name__} changed: bump {version} (now "
        f"{getattr(module, version)!r}) and record {recorded} = \"{actual}\"")


def test_the_hash_sees_a_one_character_change(tmp_path):
    (tmp_path / "a.py").write_text("X = 1\nLINKER_RULES_SHA256 = \"old\"\n")
    before = rules_sha256(tmp_path, ("a.py",))
    (tmp_path / "a.py").write_text("X = 2\nLINKER_RULES_SHA256 = \"old\"\n")
    changed = rules_sha256(tmp_path, ("a.py",))
    assert changed != before
    # recording the new hash does not change the hash
    (tmp_path / "a.py").write_text("X = 2\nLINKER_RULES_SHA256 = \"new\"\n")
    assert rules_sha256(tmp_path, ("a.py",)) == changed
