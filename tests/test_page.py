"""The graph page in a real browser: headless Chromium (Debian) driven by Playwright."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from kg.pipeline import build
from kg.viz import load_graph, select

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = Path(os.environ.get("KG_TEST_ARTIFACTS", Path(__file__).parent / "artifacts"))


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM:
        if os.environ.get("CI"):
            pytest.fail("Chromium is not installed; .ci/run should have installed it")
        pytest.skip("Chromium not installed")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


# The layout is not what these tests check, and waiting for it only measures the machine: the
# sample page (661 nodes, physics on) runs 1,000 stabilization iterations in batches of 50, about
# 0.1 s each with software rendering, and every Playwright action waits for a batch to end (the
# test took 50 s, most of it in `fill`, `press` and `uncheck`). So the simulation is stopped the
# moment pyvis assigns its `network` global, before the first batch, and
# test_sample_page_in_chromium runs a short layout of its own, waiting for vis-network's event,
# to check that the layout code runs without error.
STOP_LAYOUT = """(() => {
  let network;
  Object.defineProperty(window, "network", {
    configurable: true,
    get() { return network; },
    set(value) { network = value; if (value) value.stopSimulation(); },
  });
})();"""


def open_page(browser, path: Path):
    """Open a page, recording console errors and every request that leaves the file."""
    page = browser.new_page(viewport={"width": 1400, "height": 950})
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.add_init_script(STOP_LAYOUT)
    page.goto(path.as_uri())
    page.wait_for_function("window.kgReady === true", polling=50, timeout=30000)
    return page, errors, requests


def run_layout(page, iterations: int) -> int:
    """Stabilize for `iterations` steps and stop; resolves on vis-network's own event."""
    return page.evaluate(
        """n => new Promise(done => {
             network.once("stabilizationIterationsDone", () => {
               const ran = network.physics.stabilizationIterations;
               network.stopSimulation();
               done(ran);
             });
             network.stabilize(n);
           })""",
        iterations,
    )


def test_sample_page_in_chromium(browser, sample_build: Path) -> None:
    page, errors, requests = open_page(browser, sample_build / "kg.html")
    drawn = json.loads((sample_build / "kg.json").read_text(encoding="utf-8"))["nodes"]
    expected = sum(1 for n in drawn if n["type"] != "Result")
    assert page.evaluate("nodes.length") == expected
    assert page.evaluate("network.body.data.nodes.length") == expected
    page.fill("#kg-search", "DPO")
    page.press("#kg-search", "Enter")
    assert page.evaluate("window.kgLastSearch[0]") == "DPO"
    assert "DPO" in page.evaluate("network.getSelectedNodes().map(id => nodes.get(id).label)")
    papers = page.evaluate("nodes.get({filter: n => n.group === 'Paper'}).length")
    assert papers == 195
    page.uncheck("#kg-filters input[value=Paper]")
    assert page.evaluate("window.kgVisibleNodes") == expected - papers
    assert page.evaluate("nodes.get({filter: n => n.group === 'Paper' && !n.hidden}).length") == 0
    assert page.evaluate("network.physics.physicsEnabled")  # laid out live: under 1,000 nodes
    assert run_layout(page, 10) == 10
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "kg-sample.png"))
    assert (ARTIFACTS / "kg-sample.png").stat().st_size > 10_000
    assert errors == []
    assert [u for u in requests if not u.startswith(("file:", "data:", "about:"))] == []


def test_paper_text_is_shown_as_text(browser, tmp_path: Path) -> None:
    title = 'Evil <script>window.kgXss = 1</script> "quoted" <img src=x onerror="window.kgXss=2">'
    listing = tmp_path / "evil.jsonl"
    listing.write_text(
        json.dumps({"title": title, "abstract": "We propose EvilNet for DPO."}) + "\n",
        encoding="utf-8",
    )
    build([listing], tmp_path / "out")
    page, errors, requests = open_page(browser, tmp_path / "out" / "kg.html")
    paper = page.evaluate("nodes.get({filter: n => n.group === 'Paper'})[0].id")
    page.evaluate("network.setOptions({physics: false})")
    x, y = page.evaluate(
        """id => { const p = network.canvasToDOM(network.getPositions([id])[id]);
                   const r = document.getElementById('mynetwork').getBoundingClientRect();
                   return [p.x + r.left, p.y + r.top]; }""",
        paper,
    )
    page.mouse.move(x, y)
    page.wait_for_selector(".vis-tooltip", state="visible", timeout=5000)
    popup = page.inner_text(".vis-tooltip")
    assert "<script>window.kgXss = 1</script>" in popup
    assert page.evaluate("typeof window.kgXss") == "undefined"
    assert errors == []
    assert [u for u in requests if not u.startswith(("file:", "data:", "about:"))] == []


def test_viz_selects_a_neighbourhood_and_types(sample_build: Path) -> None:
    graph = load_graph(sample_build / "kg.json")
    around = select(graph, focus="Direct Preference Optimization", depth=1)
    assert "entity:dpo" in around
    assert all(
        n == "entity:dpo" or graph.has_edge(n, "entity:dpo") or graph.has_edge("entity:dpo", n)
        for n in around
    )
    kinds = {d["type"] for _, d in select(graph, types=["Method", "Benchmark"]).nodes(data=True)}
    assert kinds == {"Method", "Benchmark"}
