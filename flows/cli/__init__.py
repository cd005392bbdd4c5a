"""The ``claimlink`` command line: a thin layer over the library and the flows.

One module per job; each registers its commands on the root group when imported:

- :mod:`.app`      -- the root group, error handling (one line, non-zero exit), shared options
- :mod:`.run`      -- ``run`` and ``serve`` (the nightly flow)
- :mod:`.db`       -- ``db upgrade|downgrade|current`` and ``sources``
- :mod:`.extract`  -- ``extract`` and ``compare`` (the library on the user's texts)
- :mod:`.report`   -- ``report``
- :mod:`.review`   -- ``review`` and ``users``
- :mod:`.evaluate` -- ``eval attribution|stance|extraction|realnews|flags|gate``
- :mod:`.bench`    -- ``bench extraction|linker|pipeline|reports|review``
- :mod:`.speakers` -- ``speakers list|merge|split|audit`` and ``eval speakers``

Adding a command is one function in the module of its job, decorated with
``@cli.command()`` (or ``@<group>.command()``) and ``@click.pass_obj`` for the
:class:`~.app.CliState`; it raises a :class:`~claimlink.errors.ClaimlinkError` subclass
for anything the user must fix, and the root group prints it in one line. A new module
also gets a line below.
"""

from . import bench, db, evaluate, extract, report, review, run, speakers  # noqa: F401 - each registers its commands
from .app import CliError, CliState, cli, main

__all__ = ["CliError", "CliState", "cli", "main"]
