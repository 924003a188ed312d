"""``python -m pubexport``: the same as the ``pubexport`` command."""
from .cli import main

main()
