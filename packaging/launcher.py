"""Entry script of the packaged app: the same as running `partnerboard`."""

import sys

from partnerboard.cli import main

if __name__ == "__main__":
    sys.exit(main())
