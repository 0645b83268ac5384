#!/usr/bin/env python3
"""Renders report.html in headless Chromium and checks what a reader would see.

Usage: scripts/browser-test.py [--factcheck PATH] [--out DIR]

1. A corpus of our own with findings (a trade-target conflict between dated articles, a
   misspelt project) is checked; the page is loaded in Chromium, a screenshot is taken, and
   the DOM after the page's script ran must show every finding, highlighted spans, a timeline
   of the conflict's evidence, the documents but no table of every fact, and filters that hide
   what they should (set through the address: #severity=..., #q=...).
2. A hostile article (script tags, event-handler attributes, a javascript: URL in front
   matter, markup in the title) and a hostile check message must run no script and break
   no markup: the DOM keeps exactly the report's own script, no <img>, no injected
   attributes, no javascript: link, and the hostile text shows as text.

Exit 0 when every check passes; prints one line per check.
"""
import argparse
import html.parser
import json
import pathlib
import shutil
import subprocess
import sys
import tempfile

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


def chromium(*arguments):
    binary = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if not binary:
        sys.exit("browser-test: Chromium is not installed (scripts/install-deps --ci installs it)")
    command = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
               "--virtual-time-budget=3000", *arguments]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


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
    write(corpus / "a.md", "---\nid: a\ntitle: Hội đàm\ndate: 2026-01-26\n---\n"
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
    check("10,000,000,000 USD" in text and "15,000,000,000 USD" in text, "normalized values are shown side by side")

    errors_only = dump_dom(page, "#severity=error").findings()
    check(all(("hidden" in f) == (f["data-severity"] != "error") for f in errors_only), "the severity filter hides the rest")
    searched = dump_dom(page, "#q=v%C5%A9ng%20ang").findings()
    shown = [f for f in searched if "hidden" not in f]
    check(len(shown) == 1 and shown[0]["data-rule"] == "names.projects", "the search shows only the matching finding")
    by_document = dump_dom(page, "#document=a").findings()
    check(all(("hidden" in f) == ("\"a\"" not in f["data-documents"]) for f in by_document), "the document filter works")
    by_rule = dump_dom(page, "#rule=names.projects").findings()
    check(all(("hidden" in f) == (f["data-rule"] != "names.projects") for f in by_rule), "the rule filter works")


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
    with tempfile.TemporaryDirectory() as temporary:
        work = pathlib.Path(temporary)
        findings_page(args.factcheck, work, out / "findings")
        hostile_page(args.factcheck, work, out / "hostile")
    print(f"browser: {len(FAILURES)} failed" if FAILURES else "browser: all checks passed")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
