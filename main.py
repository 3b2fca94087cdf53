"""一窗通办 Counter: `python main.py --help`."""
import sys

from counter.cli import main

if __name__ == "__main__":
    sys.exit(main())
