"""Shared fixtures. Tests build their own inputs; none touches the network."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def pipeline():
    """The process-wide warbrief pipeline (spaCy model + stages), built once per test session."""
    from warbrief.pipeline import get_pipeline

    return get_pipeline()


@pytest.fixture(scope="session")
def analyze(pipeline):
    """analyze(text, published=None, source=None) -> the analysis as a contract dict."""
    import warbrief

    def run(text: str, published: str | None = None, source: str | None = None, **kw):
        return warbrief.analyze(text, published=published, source=source, **kw).to_dict()

    return run


@pytest.fixture(autouse=True)
def _data_home(tmp_path_factory, monkeypatch):
    """Keep user data (gazetteer index, databases) out of the real home during tests,
    but share one data directory across the session so the gazetteer is built once."""
    home = os.environ.get("WARBRIEF_TEST_DATA_HOME")
    if not home:
        home = str(tmp_path_factory.getbasetemp() / "data-home")
        os.environ["WARBRIEF_TEST_DATA_HOME"] = home
    monkeypatch.setenv("WARBRIEF_DATA_DIR", home)


@pytest.fixture(autouse=True)
def _no_stage_errors(request, caplog):
    """Fail a test in which a pipeline stage crashed: the guarded stage would swallow the error
    and the test could pass on a stage that produced nothing. A test that makes a stage fail
    on purpose says so with `@pytest.mark.stage_errors`."""
    yield
    if request.node.get_closest_marker("stage_errors"):
        return
    crashed = [r.getMessage() for r in caplog.get_records("call")
               if r.name == "warbrief.pipeline" and str(r.msg).startswith("stage %s failed")]
    if crashed:
        pytest.fail("a pipeline stage crashed during the test: " + "; ".join(crashed), pytrace=False)


# the `store` fixture (SQLite, and PostgreSQL when WARBRIEF_TEST_PG is reachable)
from store_support import store, store_target  # noqa: E402, F401
