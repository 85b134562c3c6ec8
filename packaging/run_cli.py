"""The bundle's ``cscoach``: the command line, and the app when given no command."""

from cscoach.cli import main

raise SystemExit(main())
