import sys

from cscoach.cli import main

sys.exit(main())
