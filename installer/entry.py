"""Entry point of the frozen program."""

from ric_desk.cli import main

raise SystemExit(main())
