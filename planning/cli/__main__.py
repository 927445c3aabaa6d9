"""``python -m planning.cli``: the ``qonys`` command line."""

from planning.cli.app import main

if __name__ == "__main__":
    raise SystemExit(main())
