"""Import the compatibility module first, so the Windows-style client below runs on Linux."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import clusapi_sim_compat  # noqa: E402,F401  (patches ctypes and ctypes.wintypes)
