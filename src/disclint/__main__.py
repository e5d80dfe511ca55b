"""``python -m disclint``: the same command line as the ``disclint`` script."""

from .cli import main

main()
