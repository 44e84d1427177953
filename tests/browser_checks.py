"""Checks of the built site as a reader's browser meets it.

Playwright drives Debian's Chromium (``/usr/bin/chromium``, or ``$CHROMIUM_PATH``);
Playwright never downloads a browser here. The functions below are used by
``test_browser.py`` on the real site and by ``test_browser_checks.py`` on small,
deliberately broken fixture pages, so that each check is shown to fail when it should.

Every page is opened in a browser context that routes any request to a host other
than the local server to a recorder that aborts it: a page that would load a remote
asset is reported, and nothing ever leaves the machine.
"""

from __future__ import annotations

import atexit
import functools
import gzip
import io
import json
import os
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
INSTALL_CHROMIUM = (
    "The browser tests drive Debian's Chromium and never download a browser. Install it with\n"
    "    sudo apt-get update && sudo apt-get install -y chromium\n"
    "or point CHROMIUM_PATH at a Chromium or Chrome executable."
)
INSTALL_NPM = (
    "The accessibility checks inject axe-core, which npm installs from package-lock.json. Install "
    "Node.js and npm with\n    sudo apt-get update && sudo apt-get install -y npm\n"
    "then run `npm ci` at the repository root (the tests run it when node_modules/axe-core is missing)."
)

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
# The one remote request the site may make: JupyterLite loads the Pyodide runtime when a
# kernel starts, and only on the JupyterLite app's own pages.
PYODIDE_CDN = re.compile(r"^https://cdn\.jsdelivr\.net/pyodide/")
LITE_PREFIX = "/lite/"
# nilearn's interactive viewers: documents under _viewers/, opened from a placeholder of
# the page (doc/sphinxext/nilearn_viewers.py). A page with viewers may weigh more once
# the reader opened them all.
VIEWER_FOLDER = "_viewers"
VIEWER_PLACEHOLDER = re.compile(r'<div class="nilearn-viewer"')
SERIOUS = ("serious", "critical")
# http(s) URLs of any host but the local server. A pattern (not a Python callable) lets
# Playwright's driver pass local requests through without asking this process.
REMOTE_URL = re.compile(r"^(?:https?|wss?)://(?!(?:127\.0\.0\.1|localhost|\[::1\])(?::\d+)?/)", re.IGNORECASE)
OK_STATUS = (200, 304)  # 304: a 200 answered from the browser cache


class BrowserUnavailable(RuntimeError):
    """Chromium (or npm for axe-core) is missing; the message says how to install it."""


# -- the browser -------------------------------------------------------------------

def chromium_executable() -> str:
    path = os.environ.get("CHROMIUM_PATH") or CHROMIUM
    resolved = shutil.which(path) or path
    if not (os.path.isfile(resolved) and os.access(resolved, os.X_OK)):
        raise BrowserUnavailable(f"No Chromium at {path}.\n{INSTALL_CHROMIUM}")
    return resolved


@contextmanager
def chromium() -> Iterator:
    """A headless Chromium driven by Playwright; raises BrowserUnavailable if missing."""
    executable = chromium_executable()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


_shared: list = []


def chromium_or_fail():
    """The shared browser, or a test failure (never a skip) saying how to install Chromium."""
    import pytest

    try:
        return shared_chromium()
    except BrowserUnavailable as error:
        message = str(error)
    pytest.fail(message, pytrace=False)


def shared_chromium():
    """One Chromium for the whole test process (Playwright's sync API allows one driver
    at a time, and several test modules need a browser); closed when the process exits."""
    if not _shared:
        manager = chromium()
        browser = manager.__enter__()
        _shared.append((manager, browser))
        atexit.register(_close_shared)
    return _shared[0][1]


def _close_shared() -> None:
    while _shared:
        manager, _ = _shared.pop()
        try:
            manager.__exit__(None, None, None)
        except Exception:  # the process is ending anyway
            pass


# -- the local web server ----------------------------------------------------------

class _Handler(SimpleHTTPRequestHandler):
    """http.server's handler, silent, and compressing text with gzip as static hosts do
    (GitHub Pages, Read the Docs, Netlify), so that transferred bytes are what a reader downloads."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".ipynb": "application/x-ipynb+json"}
    compress = True
    _compressed: dict = {}
    _lock = threading.Lock()

    def log_message(self, format, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if (self.compress and path.is_file() and "gzip" in self.headers.get("Accept-Encoding", "")
                and _compressible(self.guess_type(str(path)))):
            stat = path.stat()
            key = (str(path), stat.st_mtime_ns, stat.st_size)
            with self._lock:
                body = self._compressed.get(key)
                if body is None:
                    body = self._compressed[key] = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Vary", "Accept-Encoding")
            self.send_header("X-Uncompressed-Length", str(stat.st_size))
            self.end_headers()
            return io.BytesIO(body)
        return super().send_head()


def _compressible(content_type: str) -> bool:
    return content_type.startswith("text/") or content_type in (
        "application/javascript", "application/json", "application/x-ipynb+json", "image/svg+xml",
        "application/xml", "application/wasm")


@contextmanager
def serve(directory: Path, *, compress: bool = True) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 on a free port with a threaded http.server; yield its base URL.

    With ``compress`` text is sent gzip-compressed to clients that accept it."""
    handler_class = type("Handler", (_Handler,), {"compress": compress, "_compressed": {}})
    handler = functools.partial(handler_class, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# -- which requests are allowed ------------------------------------------------------

def is_local(url: str) -> bool:
    """True for the local server and for URLs that never touch the network."""
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about", "javascript"):
        return True
    return (parts.hostname or "") in LOCAL_HOSTS


def remote_allowed(url: str, page_url: str) -> bool:
    """The Pyodide runtime, and only from a page of the JupyterLite app."""
    return urlsplit(page_url).path.startswith(LITE_PREFIX) and bool(PYODIDE_CDN.match(url))


# -- loading a page and recording what it loads ------------------------------------

@dataclass
class Resource:
    url: str
    status: int | None
    size: int  # bytes on the wire: headers + body as transferred
    raw: int  # bytes of the body once decoded (what an uncompressing server would send)
    content_type: str
    kind: str


@dataclass
class PageLoad:
    """Everything one page load did; ``problems()`` says what is wrong with it."""

    url: str
    status: int | None = None
    resources: list[Resource] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    remote: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    @property
    def transferred(self) -> int:
        return sum(resource.size for resource in self.resources)

    @property
    def uncompressed(self) -> int:
        return sum(resource.raw for resource in self.resources)

    def problems(self) -> list[str]:
        found = []
        if self.status not in OK_STATUS:
            found.append(f"page answered HTTP {self.status}")
        found += [f"HTTP {r.status} for {r.url}" for r in self.resources
                  if is_local(r.url) and r.status not in OK_STATUS]
        found += [f"request failed ({error}) for {url}" for url, error in self.failed
                  if is_local(url) and not url.startswith("data:")]
        found += [f"request to a remote host: {url}" for url in self.remote if not remote_allowed(url, self.url)]
        found += [f"console error: {text}" for text in self.console_errors]
        found += [f"uncaught exception: {text}" for text in self.page_errors]
        return found


def new_context(browser, **options):
    """A browser context whose requests to any non-local host are recorded and aborted.

    Its ``remote_requests`` list holds every such URL; routing also disables the HTTP
    cache, so each page load is measured cold."""
    context = browser.new_context(**options)
    context.set_default_timeout(20_000)
    context.remote_requests = []

    def block(route):
        context.remote_requests.append(route.request.url)
        route.abort("blockedbyclient")

    context.route(REMOTE_URL, block)
    return context


class Recorder:
    """Records what one page (a Playwright page of a :func:`new_context` context) loads;
    :meth:`goto` opens a URL in it and returns the :class:`PageLoad`."""

    def __init__(self, page):
        self.page = page
        self.load = PageLoad(url="")
        self.finished, self.pending = [], set()
        page.on("request", self._started)
        page.on("requestfinished", self._finished)
        page.on("requestfailed", self._failed)
        page.on("console", lambda message: self.load.console_errors.append(_console_text(message))
                if message.type == "error" else None)
        page.on("pageerror", lambda error: self.load.page_errors.append(str(error)))

    def _started(self, request):
        self.pending.add(request)

    def _finished(self, request):
        if request in self.pending:  # not a straggler of the previous page
            self.finished.append(request)
            self.pending.discard(request)

    def _failed(self, request):
        if request in self.pending:
            self.load.failed.append((request.url, request.failure or "failed"))
            self.pending.discard(request)

    def collect(self) -> PageLoad:
        """Wait until the page is quiet again (after the reader did something on it) and
        add what it loaded since to the current :class:`PageLoad`."""
        wait_until_quiet(self.page, self.pending)
        self.load.resources += [_resource(request) for request in self.finished]
        self.finished = []
        return self.load

    def goto(self, url: str, *, settle: bool = True, timeout: float = 30_000) -> PageLoad:
        context = self.page.context
        load = self.load = PageLoad(url=url)
        self.finished, self.pending = [], set()
        start = len(context.remote_requests)
        response = self.page.goto(url, wait_until="load", timeout=timeout)
        load.status = response.status if response else None
        if settle:
            wait_until_quiet(self.page, self.pending)
        for request in self.finished:
            load.resources.append(_resource(request))
        self.finished = []  # counted: collect() adds only what loads from now on
        load.remote = list(context.remote_requests[start:])
        # an aborted remote request is reported as remote, not also as a failed request
        remote = set(load.remote)
        load.failed = [(u, e) for u, e in load.failed if u not in remote]
        return load


def _resource(request) -> Resource:
    response = request.response()
    try:
        sizes = request.sizes()
        body = max(sizes["responseBodySize"], 0)
        size = body + max(sizes["responseHeadersSize"], 0)
    except Exception:  # a request the browser cancelled
        body = size = 0
    headers = response.headers if response else {}
    return Resource(url=request.url, status=response.status if response else None, size=size,
                    raw=int(headers.get("x-uncompressed-length", body)),
                    content_type=headers.get("content-type", ""), kind=request.resource_type)


def open_page(context, url: str, *, settle: bool = True, timeout: float = 30_000):
    """Open ``url`` in a new page of ``context`` (made by :func:`new_context`); return
    ``(page, load)`` once the page has loaded and, with ``settle``, nothing it started
    (MathJax and its fonts, images, search index) is still loading."""
    page = context.new_page()
    load = Recorder(page).goto(url, settle=settle, timeout=timeout)
    return page, load


def wait_until_quiet(page, pending: set, *, quiet_ms: int = 250, timeout_ms: int = 10_000) -> None:
    """Wait until no request of ``page`` has been in flight for ``quiet_ms`` (as Playwright's
    "networkidle", but without its fixed 500 ms), or until ``timeout_ms``."""
    quiet = waited = 0
    step = 50
    while waited < timeout_ms and quiet < quiet_ms:
        page.wait_for_timeout(step)
        waited += step
        quiet = quiet + step if not pending else 0


def _console_text(message) -> str:
    location = message.location or {}
    where = f" ({location.get('url', '')}:{location.get('lineNumber', '')})" if location.get("url") else ""
    return f"{message.text}{where}"


# -- the pages of the site ------------------------------------------------------------

def site_pages(html_dir: Path) -> list[str]:
    """Every HTML page a reader can open, as paths relative to ``html_dir``: the JupyterLite
    app (lite/), the theme's template snippets under _static/ and the interactive viewers
    under _viewers/ (parts of the pages that open them) are not pages of the site."""
    pages = []
    for path in sorted(html_dir.rglob("*.html")):
        relative = path.relative_to(html_dir).as_posix()
        if relative.split("/", 1)[0] in ("lite", "_static", "_sources", "_downloads", "_images", VIEWER_FOLDER):
            continue
        pages.append(relative)
    return pages


def viewer_count(page_html: str) -> int:
    """How many interactive viewers a page's HTML offers."""
    return len(VIEWER_PLACEHOLDER.findall(page_html))


def example_pages(html_dir: Path, galleries) -> list[str]:
    return [p.relative_to(html_dir).as_posix() for g in galleries for p in sorted((html_dir / g).glob("plot_*.html"))]


def expected_notebook(example_page: str) -> str:
    """``classic_ml/plot_01_x.html`` -> ``classic_ml/plot_01_x.ipynb``: the path the lite link opens."""
    return re.sub(r"\.html$", ".ipynb", example_page)


# -- checks on an open page -------------------------------------------------------------

def lite_links(page) -> list[str]:
    """Absolute URLs of the links on ``page`` that open the JupyterLite app."""
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    return [href for href in hrefs if "/lite/" in urlsplit(href).path]


def lite_link_problems(page, notebook: str) -> list[str]:
    """An example page must link to JupyterLab in the lite app with its own notebook."""
    links = lite_links(page)
    if not links:
        return [f"no JupyterLite link on {page.url}"]
    good = [href for href in links
            if urlsplit(href).path.endswith("/lite/lab/index.html")
            and parse_qs(urlsplit(href).query).get("path") == [notebook]]
    if not good:
        return [f"no JupyterLite link opens {notebook} on {page.url} (links: {links})"]
    return []


FIGURE_IMAGES = "img.sphx-glr-single-img, img.sphx-glr-multi-img"


def figure_alt_problems(page, example_stem: str | None = None) -> list[str]:
    """Every gallery figure has alt text, and not just sphinx-gallery's fallback (the file name)."""
    images = page.eval_on_selector_all(
        FIGURE_IMAGES, "imgs => imgs.map(i => ({src: i.getAttribute('src'), alt: i.getAttribute('alt')}))")
    found = []
    fallback = example_stem.replace("_", " ").strip().lower() if example_stem else None
    for image in images:
        alt = (image["alt"] or "").strip()
        if not alt:
            found.append(f"figure without alt text: {image['src']}")
        elif fallback and alt.lower() == fallback:
            found.append(f"figure alt text is only the file name ({alt!r}): give the figure a title: {image['src']}")
    return found


def broken_images(page) -> list[str]:
    """Images that did not decode (naturalWidth 0) after loading; lazy images are scrolled into view first."""
    return page.evaluate("""async () => {
        const imgs = Array.from(document.images).filter(i => i.getClientRects().length);
        for (const img of imgs) { img.loading = 'eager'; }
        await Promise.all(imgs.map(img => img.complete ? null : img.decode().catch(() => null)));
        return imgs.filter(i => i.complete && i.naturalWidth === 0).map(i => i.currentSrc || i.src);
    }""")


def horizontal_overflow(page) -> int:
    """How many CSS pixels the page is wider than the viewport (0 when nothing scrolls sideways)."""
    return page.evaluate("() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth)")


# -- accessibility (axe-core) ---------------------------------------------------------

def axe_source(root: Path, *, install: bool = True) -> str:
    """The pinned axe-core (package-lock.json), installed with ``npm ci`` when missing."""
    script = root / "node_modules" / "axe-core" / "axe.min.js"
    if not script.is_file() and install:
        npm = shutil.which("npm")
        if npm is None:
            raise BrowserUnavailable(f"npm not found.\n{INSTALL_NPM}")
        result = subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts"], cwd=root,
                                capture_output=True, text=True, timeout=600)
        if result.returncode != 0:
            raise BrowserUnavailable(f"`npm ci` failed:\n{result.stdout[-2000:]}{result.stderr[-2000:]}\n{INSTALL_NPM}")
    if not script.is_file():
        raise BrowserUnavailable(f"{script} is missing.\n{INSTALL_NPM}")
    pinned = json.loads((root / "package.json").read_text())["devDependencies"]["axe-core"]
    installed = json.loads((script.parent / "package.json").read_text())["version"]
    if installed != pinned:
        raise BrowserUnavailable(f"axe-core {installed} is installed but package.json pins {pinned}: run `npm ci`")
    return script.read_text()


def run_axe(page, source: str) -> list[dict]:
    """Run axe-core's default rule set on ``page``; return its violations."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=source)
    result = page.evaluate("async () => await window.axe.run(document, {resultTypes: ['violations']})")
    return result["violations"]


def serious_violations(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v.get("impact") in SERIOUS]


def describe_violation(violation: dict) -> str:
    nodes = violation.get("nodes", [])
    targets = ", ".join(" ".join(map(str, node.get("target", []))) for node in nodes[:5])
    more = f" (+{len(nodes) - 5} more)" if len(nodes) > 5 else ""
    return f"{violation['id']} [{violation.get('impact')}]: {violation.get('help')} — {targets}{more}"


# -- colour mode ------------------------------------------------------------------------

def set_colour_mode(page, mode: str) -> None:
    """Choose light or dark in the theme switcher as a reader does (pydata-sphinx-theme's dropdown)."""
    header = page.locator(".bd-header")
    header.locator(".theme-switch-button").first.click()
    header.locator(f".theme-change-button[data-mode='{mode}']").first.click()
    page.wait_for_function("mode => document.documentElement.dataset.theme === mode", arg=mode)


def colour_mode(page) -> str | None:
    return page.evaluate("() => document.documentElement.dataset.theme || null")


def background_luminance(page) -> float:
    """Relative luminance (0 black .. 1 white) of the page body's background colour."""
    return page.evaluate("""() => {
        const rgb = getComputedStyle(document.body).backgroundColor.match(/[\\d.]+/g).slice(0, 3).map(Number);
        const lin = c => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
        return 0.2126 * lin(rgb[0]) + 0.7152 * lin(rgb[1]) + 0.0722 * lin(rgb[2]);
    }""")


# -- search -----------------------------------------------------------------------------

def search_index(html_dir: Path) -> dict:
    """Sphinx's search index (``searchindex.js``) as a dict: docnames, titles, terms."""
    text = (html_dir / "searchindex.js").read_text()
    return json.loads(text[text.index("(") + 1: text.rindex(")")])


# Sphinx's English stop words (never searched) and words too common to single out a page.
STOPWORDS = frozenset("""a and are as at be but by for if in into is it near no not of on or such that the their
    then there these they this to was will with an from how its what when where which why your you first
    using use does do our we""".split())


def distinctive_word(title: str, titles: list[str]) -> str:
    """The word of ``title`` that the fewest page titles share (longest on ties)."""
    def words(text):
        return {w for w in re.findall(r"[a-z][a-z0-9]+", text.lower()) if len(w) > 3 and w not in STOPWORDS}

    candidates = words(title)
    if not candidates:
        raise ValueError(f"no searchable word in title {title!r}")
    return min(sorted(candidates), key=lambda w: (sum(w in words(t) for t in titles), -len(w)))


def search_results(page, base_url: str, query: str) -> list[str]:
    """Run the site's own search page for ``query``; return result links relative to the site root."""
    page.goto(urljoin(base_url, f"search.html?q={query}"), wait_until="load")
    return shown_search_results(page, base_url)


def shown_search_results(page, base_url: str) -> list[str]:
    """The results the search page shows once Sphinx's search has finished, best first."""
    page.wait_for_function(
        "() => { const s = document.querySelector('#search-results .search-summary');"
        " return s && !/^\\s*$/.test(s.innerText) && !s.innerText.startsWith('Searching'); }",
        timeout=20_000,
    )
    hrefs = page.eval_on_selector_all("#search-results ul.search li a", "links => links.map(a => a.href)")
    root = urlsplit(base_url).path
    return [urlsplit(href).path.removeprefix(root) for href in hrefs]
