"""Entry script for the PyInstaller bundle."""

import sys

from casusdesk.cli import main

sys.exit(main())
