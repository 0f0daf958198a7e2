"""``kaleo-dr``'s entry point (the console script's and ``python -m scripts``')."""

import gc


def entry() -> None:
    """Run the command line. The cyclic garbage collector stays off while the command's
    modules are imported: imports make hundreds of thousands of objects that live as long as
    the process, and the collector scanned them over and over (about 30 ms of a short restore,
    on its critical path). :func:`scripts.cli.main` freezes what the imports made and turns
    the collector back on before the command runs, so a long command collects as usual."""
    gc.disable()
    from scripts.cli import main

    main()


if __name__ == "__main__":
    entry()
