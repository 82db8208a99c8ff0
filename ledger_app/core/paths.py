"""Where a workspace lives when none is named: $LEDGER_WORKSPACE, else the per-user data folder.

In core so that the window can show it at start without loading the storage layer (SQLAlchemy).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

WORKSPACE_ENV = "LEDGER_WORKSPACE"


def default_workspace_dir() -> Path:
    env = os.environ.get(WORKSPACE_ENV)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir("provenance-ledger", appauthor=False)) / "workspace"
