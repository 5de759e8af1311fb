"""``python -m rashomon``: the same command line as ``rashomon``."""

from rashomon.cli import main

if __name__ == "__main__":
    main()
