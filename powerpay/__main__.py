from powerpay.cli import main

raise SystemExit(main())
