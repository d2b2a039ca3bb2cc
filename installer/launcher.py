"""Entry script for the frozen build (PyInstaller needs a file, not a console-script)."""

import sys

from app.__main__ import main

sys.exit(main())
