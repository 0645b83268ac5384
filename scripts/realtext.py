#!/usr/bin/env python3
"""Measures the rule pack on a local sample of real articles (docs/RULES.md, "What real
articles say"): recall of the figures and dates an editor would check, facts that match no
such figure, and every error/warning finding for a person to judge.

Usage: scripts/realtext.py SAMPLE_DIR [--factcheck PATH] [--gold FILE...] [--show-missed KIND]

SAMPLE_DIR holds one article per .txt file (the sample is third-party text and stays outside
the repository; docs/RULES.md lists the queries that re-create it), each starting with header
lines `URL:`, `OUTLET:`, `DATE:` (YYYY-MM-DD or unknown), `TITLE:`, a blank line, then the
text. Gold files (default: SAMPLE_DIR/gold-*.jsonl) hold one JSON object per figure: `file`,
`kind`, `quote` (an exact substring of the article), `value` (or `date`), optional `scope`.
Commodity-level figures and figures about something else (kind `other`) are not counted:
an editor checks the figures of the relationship, not of each product.
"""
import argparse
import collections
import json
import pathlib
import re
import subprocess
import sys
import tempfile
import unicodedata

ROOT = pathlib.Path(__file__).resolve().parent.parent

# Gold kind -> key prefixes of the facts that count as finding it.
KINDS = {
    "trade.turnover": ["trade.turnover/"],
    "trade.export": ["trade.export/"],
    "trade.import": ["trade.import/"],
    "trade.growth": ["trade.turnover.growth/", "trade.export.growth/", "trade.import.growth/", "trade.turnover.change/"],
    "trade.target": ["trade.turnover.target/", "trade.turnover.growth.target/"],
    "investment.capital": ["investment.capital", "investment.inbound.capital"],
    "investment.projects": ["investment.projects", "investment.inbound.projects"],
    "investment.flow": ["investment.flow"],
    "event.date": ["meeting.date", "visit.date", "signing.date", "ceremony.date", "event.date/", "date."],
}
# The same event dates, counted only when the fact is typed as the event (not a bare date).
TYPED_EVENTS = ["meeting.date", "visit.date", "signing.date", "ceremony.date", "event.date/"]
SKIPPED_SCOPES = ("commodity", "VN-outward-total")


def joined(fact):
    """The same event dates, counted only when an event with its participants was assembled
    from them (rules/events.yaml, `events:`)."""
    return "participants" in (fact.get("captures") or {})


def read_article(path):
    """(header dict, body text) of one sample file."""
    text = path.read_text(encoding="utf-8")
    head, _, body = text.partition("\n\n")
    header = {}
    for line in head.splitlines():
        key, _, value = line.partition(":")
        header[key.strip().upper()] = value.strip()
    return header, body


def to_markdown(sample, out):
    """Writes each article as Markdown with front matter; returns {file: (md path, body offset in lines)}."""
    articles = {}
    for path in sorted(sample.glob("*.txt")):
        header, body = read_article(path)
        front = [f"id: {path.stem}"]
        if re.fullmatch(r"\d{4}-\d\d-\d\d", header.get("DATE", "")):
            front.append(f"date: {header['DATE']}")
        if header.get("TITLE"):
            # As newsrooms keep it: a fact's partner comes from the title when its sentence names none.
            front.append("title: " + json.dumps(header["TITLE"], ensure_ascii=False))
        text = "---\n" + "\n".join(front) + "\n---\n" + body
        (out / (path.stem + ".md")).write_text(text, encoding="utf-8")
        articles[path.name] = (path.stem, body, len(front) + 3)
    return articles


def nfc(text):
    return unicodedata.normalize("NFC", text)


def digits(text):
    return re.sub(r"\D", "", text or "")


def line_span(body, quote, first_line):
    """(line, end line) of the quote in the Markdown file, or None."""
    at = nfc(body).find(nfc(quote))
    if at < 0:
        return None
    line = first_line + nfc(body)[:at].count("\n")
    return line, line + quote.count("\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sample", type=pathlib.Path)
    parser.add_argument("--factcheck", default=str(ROOT / ".build/release/factcheck"))
    parser.add_argument("--gold", nargs="*", type=pathlib.Path)
    parser.add_argument("--show-missed", default="",
                        help="list the missed gold figures of this kind (event.typed: event dates not typed as the event; "
                             "event.joined: not assembled into an event with its participants)")
    parser.add_argument("--show-extra", action="store_true", help="list facts that match no gold figure")
    args = parser.parse_args()
    gold_files = args.gold or sorted(args.sample.glob("gold-*.jsonl"))
    gold = [json.loads(line) for file in gold_files for line in file.read_text(encoding="utf-8").splitlines() if line.strip()]

    with tempfile.TemporaryDirectory() as work:
        work = pathlib.Path(work)
        corpus = work / "corpus"
        corpus.mkdir()
        articles = to_markdown(args.sample, corpus)
        run = subprocess.run([args.factcheck, "check", str(corpus), "--rules", str(ROOT / "rules"), "--out", str(work / "out"),
                              "--format", "json", "--fail-on", "none", "--report-facts", "--no-store"], capture_output=True, text=True)
        if run.returncode not in (0, 1, 2):
            sys.exit(run.stderr)
        report = json.loads((work / "out/report.json").read_text(encoding="utf-8"))

    facts_by_doc = collections.defaultdict(list)
    for fact in report["facts"]:
        facts_by_doc[fact["document"]].append(fact)

    found = collections.Counter()
    total = collections.Counter()
    used = set()
    missed = []
    def match(row, kind, prefixes):
        doc, body, first = articles[row["file"]]
        span = line_span(body, row["quote"], first)
        total[kind] += 1
        wanted = digits(row.get("value") or row.get("date"))
        hit = None
        for index, fact in enumerate(facts_by_doc[doc]):
            if not (prefixes(fact) if callable(prefixes) else any(fact["key"].startswith(prefix) for prefix in prefixes)):
                continue
            location = fact["location"]
            if span and not (location["line"] <= span[1] and location["end_line"] >= span[0]):
                continue
            if wanted and wanted not in digits(fact["value"]) and digits(fact["value"]) not in wanted:
                continue
            if span is None and not (wanted and wanted == digits(fact["value"])):
                continue
            hit = (doc, index)
            break
        if hit:
            found[kind] += 1
            used.add(hit)
        else:
            missed.append((kind, row))

    kinds = dict(KINDS, **{"event.typed": TYPED_EVENTS, "event.joined": joined})
    for row in gold:
        if row["kind"] not in KINDS or any(s in (row.get("scope") or "") for s in SKIPPED_SCOPES):
            continue
        if row["file"] not in articles:
            continue
        for kind in [row["kind"]] + (["event.typed", "event.joined"] if row["kind"] == "event.date" else []):
            match(row, kind, kinds[kind])


    print(f"{len(articles)} articles, {len(report['facts'])} facts, {len(report['findings'])} findings")
    print(f"{'kind':24} {'gold':>5} {'found':>6} {'recall':>7}")
    groups = {"trade/investment": [k for k in KINDS if k.startswith(("trade", "investment"))],
              "event dates": ["event.date", "event.typed", "event.joined"]}
    for name, kinds in groups.items():
        for kind in kinds:
            if total[kind]:
                print(f"{kind:24} {total[kind]:5} {found[kind]:6} {found[kind] / total[kind]:7.1%}")
        g, f = sum(total[k] for k in kinds), sum(found[k] for k in kinds)
        if g and len(kinds) > 1 and name != "event dates":
            print(f"{'= ' + name:24} {g:5} {f:6} {f / g:7.1%}")

    events = [fact for fact in report["facts"] if joined(fact)]
    print(f"events with participants: {len(events)} in {len({fact['document'] for fact in events})} articles")
    families = [prefix for kind in KINDS if kind != "event.date" for prefix in KINDS[kind]]
    extra = [(doc, fact) for doc, facts in facts_by_doc.items() for i, fact in enumerate(facts)
             if (doc, i) not in used and any(fact["key"].startswith(p) for p in families)]
    print(f"trade/investment facts matching no gold figure: {len(extra)} (commodity-level and decoy figures included)")
    if args.show_extra:
        for doc, fact in extra:
            print(f"  {doc}:{fact['location']['line']} {fact['key']} = {fact['value']}  «{fact['location']['text'][:90]}»")
    for kind, row in missed:
        if args.show_missed and kind.startswith(args.show_missed):
            print(f"  missed {row['file']} [{kind}] {row.get('value') or row.get('date')}  «{row['quote'][:120]}»")

    serious = [f for f in report["findings"] if f["severity"] in ("error", "warning")]
    print(f"error/warning findings to judge: {len(serious)}")
    for finding in serious:
        where = ", ".join(f"{l['document']}:{l['line']}" for l in finding["locations"][:4])
        print(f"  [{finding['severity']}] {finding['rule']}: {finding['message'][:160]}  ({where})")


if __name__ == "__main__":
    main()
