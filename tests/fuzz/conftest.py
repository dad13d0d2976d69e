"""Fuzz tests drive `funcls --stdio` end to end."""

import pytest

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="session", autouse=True)
def _fuzz_totals():  # type: ignore[no-untyped-def]
    """Print how many edits and requests the fuzz tests sent (shown with `-s`)."""
    yield
    from fuzz.lsp_session import TOTALS

    if TOTALS["edits"]:
        print(f"\nfuzz: {TOTALS['edits']} edits, {TOTALS['requests']} requests")
