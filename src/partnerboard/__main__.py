"""`python -m partnerboard` runs the command line (no command opens the app)."""

from partnerboard.cli import main

raise SystemExit(main())
