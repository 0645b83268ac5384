#!/usr/bin/env python3
"""Renders report.html in headless Chromium and checks what a reader would see.

Usage: scripts/browser-test.py [--factcheck PATH] [--out DIR]

1. A corpus of our own with findings (a trade-target conflict between dated articles, a
   misspelt project) is checked; the page is loaded in Chromium, a screenshot is taken, and
   the DOM after the page's script ran must show every finding, highlighted spans, a timeline
   of the conflict's evidence, the documents but no table of every fact, and filters that hide
   what they should (set through the address: #severity=..., #q=...).
2. The examples' report is laid out at phones' widths (360 and 390 px) and a desktop's
   (1400 px), with a screenshot of each: nothing may overflow sideways, the evidence must be cards on
   the phone and a table on the desktop, errors come before warnings before info, and the
   timeline's lane for facts without a date holds the examples' one undated figure, the
   suspect. The filters' search ignores case and diacritics, every filter is written to the
   address and read back from it (on load and when it changes), a filter value the report
   does not have is named in a notice, and the README's example address shows findings.
   This part drives Chromium over the DevTools protocol to measure the page as laid out;
   the measuring script is the test's own, sent over the protocol, never part of the page.
3. A hostile article (script tags, event-handler attributes, a javascript: URL in front
   matter, markup in the title) and a hostile check message must run no script and break
   no markup: the DOM keeps exactly the report's own script, no <img>, no injected
   attributes, no javascript: link, and the hostile text shows as text.

Exit 0 when every check passes; prints one line per check.
"""
import argparse
import base64
import html.parser
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
FAILURES = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        FAILURES.append(what)


class DOM(html.parser.HTMLParser):
    """The elements of a page as (tag, attributes) and its text."""

    def __init__(self, markup):
        super().__init__(convert_charrefs=True)
        self.elements, self.text = [], []
        self.feed(markup)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    def all(self, tag, **attributes):
        return [a for t, a in self.elements if t == tag and all(a.get(k) == v for k, v in attributes.items())]

    def findings(self):
        return [a for t, a in self.elements if t == "article" and "finding" in a.get("class", "")]


def chromium_binary():
    binary = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if not binary:
        sys.exit("browser-test: Chromium is not installed (scripts/install-deps --ci installs it)")
    return binary


def chromium(*arguments):
    command = [chromium_binary(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
               "--virtual-time-budget=3000", *arguments]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


class Browser:
    """Headless Chromium driven over the DevTools protocol, on the pipe Chromium opens with
    --remote-debugging-pipe (it reads commands on descriptor 3 and writes replies and events
    on descriptor 4, each message a JSON object ended by a NUL byte): the standard library is
    enough, and the test sets the window's width and runs its own script in the page as laid
    out (the page's Content-Security-Policy governs the page's scripts, not the protocol's)."""

    def __init__(self):
        commands_read, self._commands = os.pipe()
        self._replies, replies_write = os.pipe()

        def descriptors_3_and_4():
            # Copied out of the way first, so that neither end can be the descriptor the other
            # is moved onto (the pipes may themselves hold 3 and 4).
            commands, replies = os.dup(commands_read), os.dup(replies_write)
            os.dup2(commands, 3)
            os.dup2(replies, 4)

        # The child runs this after fork and before closing the descriptors it does not keep:
        # 3 and 4 are in pass_fds, so what is moved onto them stays open past the exec. (They
        # are open here too, as the kept descriptors must be: os.pipe takes the lowest free ones.)
        self.process = subprocess.Popen(
            [chromium_binary(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             "--remote-debugging-pipe", "about:blank"],
            pass_fds=(3, 4, commands_read, replies_write), preexec_fn=descriptors_3_and_4,
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(commands_read)
        os.close(replies_write)
        self._next, self._buffer, self._events, self.session = 0, b"", [], None

    def _message(self, deadline):
        while b"\0" not in self._buffer:
            if time.monotonic() > deadline:
                raise TimeoutError("Chromium did not answer")
            chunk = os.read(self._replies, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium closed the DevTools pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method, **params):
        self._next += 1
        message = {"id": self._next, "method": method, "params": params}
        if self.session and not method.startswith(("Target.", "Browser.")):
            message["sessionId"] = self.session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + 60
        while True:
            reply = self._message(deadline)
            if reply.get("id") == self._next:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self._events.append(reply)

    def _wait_for(self, event):
        deadline = time.monotonic() + 60
        pending, self._events = self._events, []
        while not any(m.get("method") == event and m.get("sessionId") == self.session for m in pending):
            pending = [self._message(deadline)]

    def open(self, url, width, height=900):
        """A new tab `width` CSS pixels wide (a desktop window, not a phone's zoom) at `url`,
        once loaded."""
        if self.session:
            self.send("Target.closeTarget", targetId=self.target)
        self.target = self.send("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.send("Target.attachToTarget", targetId=self.target, flatten=True)["sessionId"]
        self.send("Page.enable")
        self.send("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=False)
        self._events.clear()
        self.send("Page.navigate", url=url)
        self._wait_for("Page.loadEventFired")

    def evaluate(self, expression):
        """The value of `expression` in the page; a promise is awaited."""
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def screenshot(self, path):
        shot = self.send("Page.captureScreenshot", format="png", captureBeyondViewport=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(shot["data"]))

    def close(self):
        try:
            self.send("Browser.close")
        except (RuntimeError, TimeoutError, OSError):
            pass
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        os.close(self._commands)
        os.close(self._replies)


def dump_dom(page, fragment=""):
    return DOM(chromium("--dump-dom", page.as_uri() + fragment).stdout)


def run_factcheck(factcheck, corpus, rules, out, *options):
    subprocess.run([factcheck, "check", str(corpus), "--rules", str(rules), "--out", str(out),
                    "--format", "json,html", "--fail-on", "none", "--no-store", *options], check=True, capture_output=True, text=True)
    return json.loads((out / "report.json").read_text(encoding="utf-8")), out / "report.html"


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def findings_page(factcheck, work, out):
    corpus = work / "corpus"
    # a.md also names a province by its international spelling: an info finding, so that
    # the page has a finding of each severity for the filters to show and hide.
    write(corpus / "a.md", "---\nid: a\ntitle: Hội đàm\ndate: 2026-01-26\n---\n"
          "Đoàn đại biểu tỉnh Houaphanh cũng có mặt tại buổi hội đàm.\n\n"
          "Việt Nam và Lào phấn đấu đạt kim ngạch thương mại 10 tỷ USD.\n")
    write(corpus / "b.md", "---\nid: b\ndate: 2025-12-01\n---\n"
          "Hai nước Việt Nam, Lào đặt mục tiêu kim ngạch thương mại 10.000 triệu USD.\n")
    write(corpus / "c.md", "---\nid: c\ndate: 2025-10-01\n---\n"
          "Lào và Việt Nam thống nhất mục tiêu kim ngạch thương mại 15 tỷ USD.\n\n"
          "Dự án đường sắt Viêng Chăn - Vũng Ang đang được chuẩn bị.\n")
    report, page = run_factcheck(factcheck, corpus, ROOT / "rules", out)
    shot = out / "report.png"
    chromium("--window-size=1280,1800", f"--screenshot={shot}", page.as_uri())
    check(shot.exists() and shot.stat().st_size > 10_000, f"screenshot taken: {shot}")

    dom = dump_dom(page)
    findings = dom.findings()
    check(len(findings) == len(report["findings"]) > 0, f"all {len(report['findings'])} findings are on the page")
    check(len(dom.all("mark")) >= sum(len(f["locations"]) for f in report["findings"]), "every quoted fact has its span highlighted")
    check(not any("hidden" in f for f in findings), "with no filter, every finding is shown")
    suspects = dom.all("polygon", **{"class": "point suspect"})
    check(len(dom.all("circle")) == 2 and len(suspects) == 1,
          "the timeline plots the target's evidence by date and marks the suspect value with its own shape")
    check(len(dom.all("li", **{"class": "document"})) == 3 and not dom.all("table", **{"class": "facts"}),
          "every document is listed, and no table of every fact")
    text = " ".join(dom.text)
    check("10 tỷ USD (2 bài) / 15 tỷ USD (1 bài)" in text, "the conflict shows both values with their article counts")
    check("10.000.000.000 USD" in text and "15.000.000.000 USD" in text, "normalized values are shown side by side")

    errors_only = dump_dom(page, "#severity=error").findings()
    check(all(("hidden" in f) == (f["data-severity"] != "error") for f in errors_only), "the severity filter hides the rest")
    searched = dump_dom(page, "#q=v%C5%A9ng%20ang").findings()
    shown = [f for f in searched if "hidden" not in f]
    check(len(shown) == 1 and shown[0]["data-rule"] == "names.projects", "the search shows only the matching finding")
    by_document = dump_dom(page, "#document=a").findings()
    check(all(("hidden" in f) == ("\"a\"" not in f["data-documents"]) for f in by_document), "the document filter works")
    by_rule = dump_dom(page, "#rule=names.projects").findings()
    check(all(("hidden" in f) == (f["data-rule"] != "names.projects") for f in by_rule), "the rule filter works")
    return page


# Whether the page shows its notice of filters it does not have (null: the page has none).
NOTICE = "(n => n ? !n.hidden : null)(document.getElementById('filter-notice'))"


def shown_findings(browser):
    return browser.evaluate("Array.from(document.querySelectorAll('.finding:not([hidden])'), f => f.dataset.rule)")


def filters_in_the_address(browser, page):
    """Search without diacritics, and every filter in the address, both ways."""
    for query, what in (("vung%20ang", "without diacritics"), ("DUONG+SAT", "in capitals, with đ as d")):
        browser.open(page.as_uri() + "#q=" + query, 1400)
        check(shown_findings(browser) == ["names.projects"], f"the search finds \"Vũng Ang\" typed {what} (#q={query})")

    browser.open(page.as_uri(), 1400)
    entries = browser.evaluate("history.length")
    browser.evaluate("""(() => {
        document.querySelector('input[name=severity][value=info]').click();
        const rule = document.getElementById('rule');
        rule.value = 'names.projects';
        rule.dispatchEvent(new Event('change'));
        const search = document.getElementById('search');
        for (const typed of ['v', 'vu', 'vun', 'vung']) { search.value = typed; search.dispatchEvent(new Event('input')); }
    })()""")
    check(browser.evaluate("location.hash") == "#severity=error,warning&rule=names.projects&q=vung",
          "changing the filters writes them to the address: " + browser.evaluate("location.hash"))
    check(browser.evaluate("history.length") == entries, "typing in the search adds no history entries")
    check(shown_findings(browser) == ["names.projects"], "the filters set by hand show what they say")

    controls = """({severity: Array.from(document.querySelectorAll('input[name=severity]:checked'), b => b.value).join(','),
        rule: document.getElementById('rule').value, document: document.getElementById('document').value,
        q: document.getElementById('search').value, notice: """ + NOTICE + "})"
    browser.open(page.as_uri() + "#severity=warning,info&document=c&q=v%C5%A9ng", 1400)
    check(browser.evaluate(controls) == {"severity": "warning,info", "rule": "", "document": "c", "q": "vũng", "notice": False},
          "loading an address with filters sets the controls to them")
    check(shown_findings(browser) == ["names.projects"], "and shows what they select")
    browser.evaluate("""new Promise(done => {
        window.addEventListener('hashchange', () => setTimeout(done, 0), {once: true});
        location.hash = '#severity=error';
    })""")
    check(browser.evaluate(controls) == {"severity": "error", "rule": "", "document": "", "q": "", "notice": False}
          and shown_findings(browser) == ["consistency.trade-target"], "a new address (back, an edited link) sets the controls again")

    notice = "(() => { const n = document.getElementById('filter-notice'); return n && n.offsetHeight > 0 ? n.textContent : null; })()"
    browser.open(page.as_uri(), 1400)
    check(browser.evaluate(notice) is None, "no notice without an unknown filter")
    for fragment, value in (("#rule=no-such-rule", "rule=no-such-rule"), ("#severity=bogus&q=vung", "severity=bogus")):
        browser.open(page.as_uri() + fragment, 1400)
        shown = browser.evaluate(notice)
        check(shown is not None and value in shown and "Not in this report" in shown and "không có" in shown,
              f"an unknown filter ({fragment}) is named in a notice: {shown}")


def examples_page(browser, factcheck, out):
    """The examples' report at a phone's width and a desktop's."""
    subprocess.run([factcheck, "check", "examples", "--out", str(out), "--format", "json,html", "--fail-on", "none", "--no-store"],
                   cwd=ROOT, check=True, capture_output=True, text=True)
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    page = out / "report.html"
    layout = """(() => {
        const display = selector => Array.from(document.querySelectorAll(selector), e => getComputedStyle(e).display);
        const wide = Array.from(document.querySelectorAll('body *')).filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5);
        return {scroll: document.documentElement.scrollWidth, inner: window.innerWidth,
                wide: wide.slice(0, 5).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')),
                rows: display('table.evidence tbody tr'), heads: display('table.evidence thead'),
                tallest: Math.max(...Array.from(document.querySelectorAll('table.evidence tbody tr'), r => r.getBoundingClientRect().height))};
    })()"""
    for width, shape, row in ((360, "cards", "grid"), (390, "cards", "grid"), (1400, "a table", "table-row")):
        browser.open(page.as_uri(), width)
        shot = out / f"report-{width}.png"
        browser.screenshot(shot)
        check(shot.exists() and shot.stat().st_size > 10_000, f"screenshot at {width} px: {shot}")
        measured = browser.evaluate(layout)
        check(measured["scroll"] <= measured["inner"] == width,
              f"at {width} px nothing overflows sideways (page {measured['scroll']} px wide; wider: {measured['wide']})")
        check(measured["rows"] and all(display == row for display in measured["rows"])
              and all(display == ("none" if width < 720 else "table-header-group") for display in measured["heads"]),
              f"at {width} px the evidence is {shape} ({set(measured['rows'])}), the tallest {measured['tallest']:.0f} px")

    severities = browser.evaluate("Array.from(document.querySelectorAll('.finding'), f => f.dataset.severity)")
    rank = {"error": 0, "warning": 1, "info": 2}
    check(len(severities) == len(report["findings"]) and severities == sorted(severities, key=rank.get)
          and [f["severity"] for f in report["findings"]] != severities,
          f"errors come first, then warnings, then info ({', '.join(severities)}), though report.json lists them otherwise")

    undated = [(f["rule"], l["path"], l["value"], l["suspect"]) for f in report["findings"] for l in f["locations"]
               if "as_of" not in l and any("as_of" in other for other in f["locations"])]
    lanes = browser.evaluate("""Array.from(document.querySelectorAll('svg.timeline'), svg => {
        const lane = svg.querySelector('g.undated');
        return {rule: svg.closest('.finding').dataset.rule,
                label: lane ? lane.querySelector('.lane-label title')?.textContent : null,
                lines: lane ? Array.from(lane.querySelectorAll('.lane-label tspan'), t => t.textContent) : [],
                points: lane ? Array.from(lane.querySelectorAll('.point'), p => ({suspect: p.classList.contains('suspect'),
                    shape: p.tagName, title: p.querySelector('title')?.textContent})) : [],
                written: Array.from(svg.querySelectorAll('text.suspect'), t => t.textContent)};
    })""")
    check(len(undated) == 1 and undated[0][3], f"the examples have one undated fact in a dated finding, a suspect: {undated}")
    rule, path, value, _ = undated[0]
    lane = next((chart for chart in lanes if chart["rule"] == rule), None)
    check(lane is not None and lane["label"] == "không có ngày · no date" and lane["lines"] == ["không có ngày ·", "no date"],
          f"the {rule} timeline has a lane labelled for facts with no date: {lane and lane['lines']}")
    point = lane["points"][0] if lane and len(lane["points"]) == 1 else {}
    check(value in point.get("title", "") and path.split("/")[-1] in point.get("title", ""),
          f"the lane holds the undated {value} of {path}: {point.get('title')}")
    check(point.get("suspect") and point.get("shape") == "polygon" and "nghi vấn · suspect" in point.get("title", "")
          and lane["written"] == [value], "the suspect is marked by colour, shape, its tooltip and its value written beside it")

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    examples = re.findall(r"report\.html(#[^`\s)]+)", readme)
    check(bool(examples), f"the README gives an example address: {examples}")
    for fragment in examples:
        browser.open(page.as_uri() + fragment, 1400)
        shown = shown_findings(browser)
        check(shown and not browser.evaluate(NOTICE),
              f"the README's example report.html{fragment} shows findings on the examples: {shown}")


def hostile_page(factcheck, work, out):
    corpus, rules = work / "hostile", work / "hostile-rules"
    shutil.copytree(ROOT / "rules", rules)
    write(rules / "hostile.yaml", """checks:
  - id: hostile.message
    kind: consistency
    description: '<img src=x onerror="document.body.dataset.pwnedRule=1">'
    facts: ['trade.turnover.target/*']
    severity: warning
    message: '<script>document.title="pwned-rule"</script> {values} <b onmouseover="x()">'
rules:
  - id: hostile.markup
    description: 'captures markup into keys and values: <script>alert(1)</script>'
    pattern: '(?<tag><(?:script|img|style)[^>]*>)'
    requires: ['<']
    fact: {key: 'markup/{tag}', value: '{tag}</style></script>'}
    examples: [{text: 'a <img src=x>', facts: [{key: 'markup/<img src=x>', value: '<img src=x></style></script>'}]}]
    counterexamples: ['a b']
""")
    write(corpus / "evil.md", "---\n"
          "id: '\"><script>document.title=\"pwned-id\"</script>'\n"
          "title: '<img src=x onerror=\"document.body.dataset.pwnedTitle=1\">'\n"
          "date: 2026-01-26\n"
          "url: 'javascript:document.body.dataset.pwnedUrl=1'\n"
          "---\n"
          "<script>document.title='pwned-body'</script> Việt Nam và Lào phấn đấu đạt kim ngạch thương mại 15 tỷ USD "
          "\"><img src=x onerror=\"document.body.dataset.pwnedBody=1\"> <svg onload=\"document.body.dataset.pwnedSvg=1\">\n")
    write(corpus / "good.md", "---\nid: good\ndate: 2025-12-01\n---\nViệt Nam và Lào phấn đấu đạt kim ngạch thương mại 10 tỷ USD.\n")
    write(corpus / "cms.jsonl", json.dumps({
        "id": "</script><script>document.body.dataset.pwnedJsonId=1</script>",
        "title": "</style><style>body{display:none}</style>",
        "url": " JavaScript:document.body.dataset.pwnedJsonUrl=1",
        "date": "2026-01-20",
        "text": "Kim ngạch thương mại 15 tỷ USD <style>body{display:none}</style> <iframe src=\"https://example.org\"></iframe>",
    }, ensure_ascii=False) + "\n")
    # With every fact in report.json, markup captured by a rule reaches it; the page stays lean.
    report, page = run_factcheck(factcheck, corpus, rules, out, "--report-facts")
    dom = dump_dom(page)
    body = dom.all("body")
    check(len(body) == 1 and not any(key.startswith("data-pwned") for key in body[0]), "no injected script ran (body untouched)")
    titles = [t for t in dom.text if "pwned" in t]
    check(not any(t.strip().startswith("pwned") for t in titles), "the document title was not rewritten")
    check(len(dom.all("script")) == 1, "only the report's own script is in the page")
    check(not dom.all("img") and not dom.all("b"), "no <img> or other injected element")
    check(not [a for a in dom.all("a") if a.get("href", "").lower().startswith("javascript")], "no javascript: link")
    check(not [a for _, a in dom.elements if any(k.startswith("on") for k in a)], "no event-handler attribute anywhere")
    text = " ".join(dom.text)
    check("<script>document.title='pwned-body'</script>" in text, "hostile article text is shown as text")
    check('<script>document.title="pwned-rule"</script>' in text, "hostile check message is shown as text")
    check(len(dom.findings()) == len(report["findings"]), "the hostile page still lists every finding")
    check(not dom.all("iframe") and len(dom.all("style")) == 1, "no injected <iframe> or <style>")
    check(any(f["rule"] == "hostile.markup" for f in report["facts"]), "markup captured by a rule reaches the report")
    policy = [m.get("content", "") for m in dom.all("meta") if m.get("http-equiv", "").lower() == "content-security-policy"]
    check(len(policy) == 1 and "default-src 'none'" in policy[0] and "unsafe-inline" not in policy[0]
          and "script-src 'nonce-" in policy[0], "a Content-Security-Policy allows only the page's own script, no network")
    chromium("--window-size=1280,1400", f"--screenshot={out / 'hostile.png'}", page.as_uri())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factcheck", default=str(ROOT / ".build" / "debug" / "factcheck"))
    parser.add_argument("--out", default=str(ROOT / "reports" / "browser"))
    args = parser.parse_args()
    out = pathlib.Path(args.out).resolve()
    factcheck = str(pathlib.Path(args.factcheck).resolve())
    with tempfile.TemporaryDirectory() as temporary:
        work = pathlib.Path(temporary)
        page = findings_page(factcheck, work, out / "findings")
        browser = Browser()
        try:
            filters_in_the_address(browser, page)
            examples_page(browser, factcheck, out / "examples")
        finally:
            browser.close()
        hostile_page(factcheck, work, out / "hostile")
    print(f"browser: {len(FAILURES)} failed" if FAILURES else "browser: all checks passed")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
