"""Helpers shared by the team-mode tests (fixtures live in conftest.py)."""

from __future__ import annotations

import os
import re
from pathlib import Path

from ledger_app.services import LedgerService
from ledger_app.services.workspace import Workspace

ADMIN_URL = os.environ.get("LEDGER_TEST_PG_ADMIN", "postgresql://postgres@127.0.0.1:5432/postgres")
SKIP_ENV = "LEDGER_SKIP_POSTGRES"
PASS = "correct horse battery staple"


def db_url(name: str, user: str | None = None) -> str:
    """The URL of database `name` on the admin URL's server, optionally as another role."""
    m = re.match(r"^(postgresql(?:\+psycopg)?://)([^@/]*@)?([^/]+)/", ADMIN_URL)
    assert m, f"LEDGER_TEST_PG_ADMIN is not a postgresql:// URL: {ADMIN_URL}"
    cred = f"{user}@" if user else (m.group(2) or "")
    return f"{m.group(1)}{cred}{m.group(3)}/{name}"


DOC = Path(__file__).resolve().parents[2] / "docs" / "team-mode.md"


def grant_script(app_role: str) -> str:
    """The grant block of docs/team-mode.md, exactly as an administrator would run it."""
    text = DOC.read_text(encoding="utf-8")
    m = re.search(r"<!-- grants:[^\n]*-->\n```sql\n(.*?)```", text, re.S)
    assert m, "docs/team-mode.md lost its grant script"
    return re.sub(r"\bledger_app\b", app_role, m.group(1))


def service(path: Path, url: str, *, user: str | None = None) -> LedgerService:
    ws = Workspace(path, url)
    if user is not None:
        ws.path.mkdir(parents=True, exist_ok=True)
        ws.settings.set("user.name", user)
    return LedgerService(ws, passphrase=lambda confirm: PASS)


# --- workers for the multi-process tests (module level, so a spawned process can import them) ------


def append_worker(url: str, path: str, user: str, n: int, barrier, results) -> None:
    """Append `n` one-entry batches as `user` once every worker is ready; report what each got."""
    try:
        svc = service(Path(path), url, user=user)
        svc.unlock()  # the passphrase (scrypt) before the start line, so the appends overlap
        barrier.wait(timeout=60)
        got = []
        for i in range(n):
            res = svc.note(f"{user} {i}")
            got.append((res.first_index, res.size, res.checkpoint.size, res.checkpoint.id))
        results.put(("ok", user, got))
    except BaseException as e:  # reported to the test, which fails on it
        results.put(("error", user, f"{type(e).__name__}: {e}"))


def init_worker(url: str, path: str, origin: str, barrier, results) -> None:
    """Open a fresh database (running its migrations) and try to create a ledger in it."""
    from ledger_app.core.errors import UserError

    try:
        svc = service(Path(path), url)
        barrier.wait(timeout=60)
        svc.init(origin)
        results.put(("ok", origin, None))
    except UserError as e:
        results.put(("refused", origin, str(e)))
    except BaseException as e:
        results.put(("error", origin, f"{type(e).__name__}: {e}"))


def connect(name: str, user: str | None = None):
    """A psycopg connection (autocommit) to database `name`, as `user` (the superuser if None)."""
    import psycopg

    return psycopg.connect(db_url(name, user).replace("postgresql+psycopg://", "postgresql://"), autocommit=True)


def granted_team(pg, tmp_path: Path, prefix: str, origin: str) -> tuple[str, str, str]:
    """A database owned by an owner role, initialised by the administrator, granted to an app role:
    (database, owner, app)."""
    owner, app = pg.create_role(f"{prefix}_owner"), pg.create_role(f"{prefix}_app")
    name = pg.create_database(owner=owner)
    with connect(name) as conn:
        conn.execute(f'REVOKE ALL ON DATABASE "{name}" FROM PUBLIC')
        conn.execute(f'GRANT CONNECT, TEMPORARY ON DATABASE "{name}" TO "{app}"')
    admin = service(tmp_path / "admin", db_url(name, owner))
    admin.init(origin)
    admin.ws.dispose()
    with connect(name, owner) as conn:
        conn.execute(grant_script(app))
    return name, owner, app


def checkpoints(name: str) -> int:
    """How many checkpoint rows database `name` holds."""
    with connect(name) as conn:
        return conn.execute("SELECT count(*) FROM ledger_checkpoint").fetchone()[0]
