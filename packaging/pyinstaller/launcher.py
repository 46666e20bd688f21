"""The bundle's entry point: the same as the ``hipcoach`` command."""

from hipcoach.cli import main

raise SystemExit(main())
