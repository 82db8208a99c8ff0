"""The fast canonical-JSON path agrees with the rfc8785 package wherever it is taken."""

from __future__ import annotations

import rfc8785
from hypothesis import given, settings
from hypothesis import strategies as st

from ledger_app.core.canonical import canonical_json

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**60), 2**60) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=4),
    max_leaves=20,
)


@settings(max_examples=400, deadline=None)
@given(json_values)
def test_fast_path_equals_rfc8785(value):
    try:
        want = rfc8785.dumps(value)
    except Exception:  # values rfc8785 refuses (lone surrogates, huge ints)
        return
    assert canonical_json(value) == want


def test_known_tricky_values():
    for v in [{"\ue000": 1, "\U0001f600": 2}, {"a": 2**53 - 1}, {"f": 1.5e21}, {"s": "\u2028\x7f\x1f\"\\"}]:
        assert canonical_json(v) == rfc8785.dumps(v)
