"""Allow ``python -m scripts`` as an alias of the ``kaleo-dr`` console script."""

from scripts.cli import main

main()
