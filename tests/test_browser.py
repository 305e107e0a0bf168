"""The pages in a real browser: Playwright driving Debian's chromium (never a downloaded one).

Opens the map, moves the time slider, clicks a marker, follows the popup to the document and
finds the highlighted sentence; opens each page with the hostile document and checks that
nothing in it runs and the CSP is never violated. Screenshots go to test-artifacts/.
Skips, saying why, where chromium or Playwright is missing.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from web_fixtures import EVIL_TEXT, LiveServer, corpus, fake_ingest, fill

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("WARBRIEF_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TIMEOUT_MS = 15_000


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True, timeout=TIMEOUT_MS)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no chromium at {CHROMIUM} (apt-get install chromium; .ci/run installs it)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("the playwright Python package is not installed")
    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from warbrief.api import Settings, create_app
    from warbrief.store import open_store

    tmp = tmp_path_factory.mktemp("browser")
    store = open_store(str(tmp / "browser.db"))
    fill(store)
    app = create_app(store=store, settings=Settings(tokens_path=tmp / "tokens.json"), ingest=fake_ingest(store))
    with LiveServer(app) as server:
        yield server.url
    store.close()


@pytest.fixture
def page(browser):
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    pg = context.new_page()
    pg.set_default_timeout(TIMEOUT_MS)
    pg.problems = []  # console errors, CSP violations, dialogs (a script that ran)
    pg.on("console", lambda m: pg.problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.problems.append(f"page error: {e}"))
    pg.on("dialog", lambda d: (pg.problems.append(f"dialog: {d.message}"), d.dismiss()))
    yield pg
    context.close()


def shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)


def open_map(page, site: str) -> None:
    page.goto(f"{site}/map")
    page.wait_for_selector("#map[data-ready='1']")


def test_map_loads_offline_basemap_and_events(page, site):
    open_map(page, site)
    assert page.get_attribute("#map", "data-basemap-error") is None
    assert page.locator(".leaflet-overlay-pane canvas").count() >= 1  # the Natural Earth layers
    assert page.locator("#slider").get_attribute("max") == "1"  # two days with events
    shot(page, "map")
    assert page.problems == []


@pytest.mark.parametrize(("position", "window", "shown"), [("0", "1", "1"), ("1", "1", "3"), ("1", "0", "4"),
                                                               ("1", "30", "4")])
def test_time_slider_filters_events(page, site, position, window, shown):
    open_map(page, site)
    page.select_option("#f-window", window)
    page.locator("#slider").fill(position)
    page.wait_for_function(f"document.getElementById('map').dataset.shown === '{shown}'")


def test_marker_popup_leads_to_highlighted_sentence(page, site):
    open_map(page, site)
    page.select_option("#f-window", "1")
    page.locator("#slider").fill("0")  # 2024-10-30: the Kupiansk advance alone
    page.wait_for_function("document.getElementById('map').dataset.shown === '1'")
    page.locator(".ev-marker").first.click()
    popup = page.locator(".leaflet-popup-content .popup")
    popup.wait_for()
    assert "advanced near Kupiansk" in popup.locator(".popup-sentence").inner_text()
    shot(page, "map-popup")
    popup.locator("a.popup-link").click()
    page.wait_for_url("**/documents/**")
    highlighted = page.locator(".text .hl")
    assert highlighted.count() >= 1
    assert "Russian forces advanced near Kupiansk" in "".join(highlighted.all_inner_texts())
    shot(page, "document")
    assert page.problems == []


def test_hostile_document_shows_markup_as_text(page, site):
    evil = corpus()[3]["document"]["id"]
    page.goto(f"{site}/documents/{evil}?event=e1")
    text = page.locator("#text").inner_text()
    assert '<script>alert("x")</script>' in text and "onerror=alert(1)" in text
    assert page.locator("#text img, #text script").count() == 0
    assert EVIL_TEXT.split(".")[0] in text
    shot(page, "document-hostile")
    assert page.problems == []


@pytest.mark.parametrize(("path", "name", "selector"), [
    ("/", "brief", ".finding a.cite"),
    ("/search?q=ceasefire", "search", ".results a"),
    ("/entities/person:vladimir-putin", "entity", ".timeline li"),
])
def test_pages_render_without_errors(page, site, path, name, selector):
    page.goto(site + path)
    assert page.locator(selector).count() >= 1
    shot(page, name)
    assert page.problems == []


def test_brief_citation_leads_to_its_sentence(page, site):
    page.goto(site + "/")
    page.locator(".finding a.cite").first.click()
    page.wait_for_url("**/documents/**")
    assert page.locator(".text .hl").count() >= 1


@pytest.fixture(scope="module")
def notes_site(tmp_path_factory):
    """ACLED-style notes of 2022-23 (events as old as the documents), one event misdated after
    every document and one misplaced on another continent."""
    from store_support import make_analysis
    from warbrief.api import Settings, create_app
    from warbrief.store import open_store

    tmp = tmp_path_factory.mktemp("notes")
    store = open_store(str(tmp / "notes.db"))
    notes = (("2022-07-30", "Kupiansk", "Artillery fire hit the outskirts of"),
             ("2022-10-12", "Pokrovsk", "Overnight a drone struck a warehouse in"),
             ("2023-01-10", "Kupiansk", "Local officials reported heavy fighting east of"),
             ("2023-01-11", "Pokrovsk", "A missile damaged the railway station of"),
             ("2023-01-12", "Odesa", "Air defence downed two drones over the port of"))
    for day, place, words in notes:
        text = f"{words} {place}, where Russian forces shelled homes on {day}."
        store.add(make_analysis(text, published=day, events=[
            {"trigger": "shelled", "place": place, "time": day, "actor": "Russian forces"}]))
    store.add(make_analysis("Russian forces will strike Pokrovsk. The MoD said so.", published="2023-01-12", events=[
        {"trigger": "strike", "place": "Pokrovsk", "time": "2026-06-16", "actor": "Russian forces"},
        {"trigger": "said", "place": "Maud", "time": "2023-01-12", "actor": "Russian forces"}]))
    app = create_app(store=store, settings=Settings(tokens_path=tmp / "tokens.json"), ingest=fake_ingest(store))
    with LiveServer(app) as server:
        yield server.url
    store.close()


def test_map_opens_where_the_data_is(page, notes_site):
    """On first load the map shows the latest week of events (not an empty week after a misdated
    one), fits them without the far outlier, and names places on the basemap."""
    open_map(page, notes_site)
    assert page.get_attribute("#map", "data-window") == "2023-01-06/2023-01-12"
    assert int(page.get_attribute("#map", "data-shown")) == 4  # three notes and the outlier, that week
    bounds = page.evaluate("(() => { const b = window.wbMap.getBounds(); return [b.getWest(), b.getEast()]; })()")
    assert bounds[0] > 0, "the view must not stretch to the outlier in Oklahoma"
    assert page.locator(".map-label").count() > 0
    shot(page, "map-notes")
    assert page.problems == []


def test_map_all_dates_ends_at_the_slider(page, notes_site):
    open_map(page, notes_site)
    page.select_option("#f-window", "0")
    page.locator("#slider").fill("1")  # 2023-01-11 (the map loads 90 days): two notes, not the later ones
    page.wait_for_function("document.getElementById('map').dataset.shown === '2'")
    assert page.get_attribute("#map", "data-window") == "all/2023-01-11"
