from hipcoach.cli import main

raise SystemExit(main())
