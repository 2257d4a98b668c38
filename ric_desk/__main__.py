from ric_desk.cli import main

raise SystemExit(main())
