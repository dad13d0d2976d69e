"""`python -m funcls` runs the command line."""

from funcls.cli import main

raise SystemExit(main())
