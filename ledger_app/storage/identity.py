"""Who is acting, as the system knows them: an identity a person cannot rename in the settings.

Solo workspace (SQLite): the operating-system account running the process, looked up from its user
id in the password database (not $USER or $LOGNAME, which a person sets as freely as a setting).
Team mode (PostgreSQL): the database role the connection authenticated as, `session_user` (`SET
ROLE` changes current_user, not session_user). Every ledger entry's actor commitment opens to this
account beside the display name (the setting user.name), and the four-eyes rule compares accounts.
"""

from __future__ import annotations

import getpass
import os
from typing import Protocol

from sqlalchemy import text
from sqlalchemy.engine import Connection

from ledger_app.core.settings import Settings


class HasSettings(Protocol):
    """What the display name needs of a workspace: its settings (`get(key)`)."""

    @property
    def settings(self) -> Settings: ...


def os_account() -> str:
    """The login name of the process's effective user id."""
    try:
        import pwd
    except ImportError:  # Windows: no password database; the logon name is what the system gives
        return getpass.getuser()
    uid = os.geteuid()
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:  # a user id without an entry (some containers): the id itself
        return f"uid {uid}"


def account(conn: Connection) -> str:
    """`db:<role>` on PostgreSQL, `os:<login>` otherwise."""
    if conn.dialect.name == "postgresql":
        return "db:" + str(conn.execute(text("SELECT session_user")).scalar())
    return "os:" + os_account()


def current_actor_name(ws: HasSettings) -> str:
    """The display name (the setting user.name, else the OS account). Not an identity: `account`
    is what every entry records beside it."""
    configured = ws.settings.get("user.name")
    if configured:
        return str(configured)
    return os_account()
