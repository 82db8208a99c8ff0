"""Entry point of the bundled `ledger-app` executable (the desktop app, frozen by PyInstaller).

freeze_support() must run first: ingest starts its workers with forkserver or spawn, which re-run
this executable with multiprocessing's own arguments.
"""

import multiprocessing

if __name__ == "__main__":
    multiprocessing.freeze_support()
    from ledger_app.ui.app import main

    raise SystemExit(main())
