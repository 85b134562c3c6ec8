"""The bundle's ``cscoach-app``: the app only (on Windows, without a console window)."""

from cscoach.gui import main

raise SystemExit(main())
