"""Allow ``python -m casusdesk``."""

import sys

from casusdesk.cli import main

sys.exit(main())
