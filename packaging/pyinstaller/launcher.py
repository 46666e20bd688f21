"""The bundle's entry point: the same as the ``hipcoach`` command."""

from hipcoach.launcher import main

raise SystemExit(main())
