"""The collector pause around a work unit and its commit (ingest/worker.py `gc_paused`): the garbage
collector is off inside, back on after (also after an error, and after nested or concurrent blocks),
left off after when it was off before, and ingest leaves it as it found it."""

from __future__ import annotations

import gc
import threading

import pytest

from ledger_app.ingest import worker
from ledger_app.ingest.worker import gc_paused


@pytest.fixture(autouse=True)
def _collector_on():
    was = gc.isenabled()
    gc.enable()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


def test_off_inside_and_on_after():
    with gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_on_after_an_error():
    with pytest.raises(RuntimeError), gc_paused():
        raise RuntimeError("a unit failed")
    assert gc.isenabled()


def test_nested_blocks_resume_at_the_outermost_end():
    with gc_paused():
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer block is still open
    assert gc.isenabled()


def test_left_off_when_it_was_off():
    gc.disable()
    with gc_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_blocks_in_two_threads_end_in_any_order():
    """A block that ends while another thread's is open leaves the collector off; the last one to end
    turns it back on (a plain save-and-restore would leave it off for good in one of the orders)."""
    inside, release = threading.Event(), threading.Event()

    def other() -> None:
        with gc_paused():
            inside.set()
            release.wait(10)

    t = threading.Thread(target=other)
    with gc_paused():
        t.start()
        assert inside.wait(10)
    assert not gc.isenabled()  # the other thread's block is still open
    release.set()
    t.join(10)
    assert gc.isenabled()
    assert worker._gc_depth == 0


def test_process_unit_leaves_the_collector_as_it_was(tmp_path):
    (tmp_path / "a.txt").write_text("harbour council")
    unit = worker.WorkUnit(str(tmp_path), "folder", ("a.txt",), None)
    assert [r.error for r in worker.process_unit(unit)] == [None]
    assert gc.isenabled()
    gc.disable()
    worker.process_unit(unit)
    assert not gc.isenabled()
