"""``python -m claimlink.flows.cli``: the same as the ``claimlink`` script."""

from .app import main

main()
