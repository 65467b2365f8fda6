"""``python -m pipeline``: the same program as the ``rolescope`` console script."""

from pipeline.cli import main

if __name__ == "__main__":
    main()
