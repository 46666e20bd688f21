from hipcoach.launcher import main

raise SystemExit(main())
