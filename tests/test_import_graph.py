"""No import cycles in claimlink: between its modules, nor between its stage packages.

The graph is built by grimp (the library behind import-linter), which reads every import
statement, those inside functions included: an import kept lazy for start-up time still
counts. grimp finds a package's modules under its folder, and package-dir maps the stage
folders (flows/, models/, ...) into ``claimlink`` from outside ``claimlink/``, so the
sources are first copied into one ``claimlink/`` tree, laid out as the wheel installs them,
and grimp runs on that copy in a fresh interpreter.
"""

from __future__ import annotations

import graphlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.package_modules import modules

GRAPH = """
import json, grimp
graph = grimp.build_graph("claimlink", cache_dir=None)
print(json.dumps({m: sorted(graph.find_modules_directly_imported_by(m)) for m in graph.modules}))
"""


@pytest.fixture(scope="module")
def imports(tmp_path_factory) -> dict[str, list[str]]:
    """Module -> the claimlink modules it imports."""
    tree = tmp_path_factory.mktemp("layout")
    for name, path in modules().items():
        rel = Path(*name.split("."))
        dest = tree / (rel / "__init__.py" if path.name == "__init__.py" else rel.with_suffix(".py"))
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, dest)
    env = {**os.environ, "PYTHONPATH": str(tree)}
    out = subprocess.run([sys.executable, "-c", GRAPH], cwd=tree, env=env, capture_output=True, text=True,
                         check=True)
    graph = json.loads(out.stdout)
    assert set(graph) == set(modules()), "grimp saw other modules than the package holds"
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    try:
        graphlib.TopologicalSorter(graph).prepare()
    except graphlib.CycleError as exc:
        return exc.args[1]
    return None


def test_no_cycle_between_modules(imports):
    cycle = _cycle({m: set(deps) for m, deps in imports.items()})
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def _stage(module: str) -> str:
    return ".".join(module.split(".")[:2])


def test_no_cycle_between_stage_packages(imports):
    """claimlink.evaluation must not import claimlink.flows while flows imports evaluation, etc."""
    stages: dict[str, set[str]] = {}
    for module, deps in imports.items():
        stages.setdefault(_stage(module), set()).update(_stage(d) for d in deps if _stage(d) != _stage(module))
    cycle = _cycle(stages)
    assert cycle is None, "import cycle: " + " -> ".join(cycle)
    assert "claimlink.flows" not in stages["claimlink.evaluation"]


def test_the_cycle_check_finds_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) is not None
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None
