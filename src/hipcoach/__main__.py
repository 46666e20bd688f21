from hipcoach.app import main

raise SystemExit(main())
