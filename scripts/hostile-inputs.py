#!/usr/bin/env python3
"""Runs `factcheck check` on hostile inputs at full size and checks what a user would see.

Usage: scripts/hostile-inputs.py [--factcheck PATH]   (default: the release build)

The same situations are tested in `swift test` at smaller sizes; here they run at the sizes
a newsroom meets, on the release binary, each under a time limit that only a hang reaches:

- 4,000 articles (one .jsonl) giving 4,000 values for one key: one finding of 4,000 suspects,
  and every output (json, html, sarif, junit, github, text) grows with the articles, not with
  their square: under 4 KiB per article each, each annotation and test case listing at most
  ten other facts and how many more;
- a 50 MB article: read whole, its last fact found on its last line;
- a 5 MB single line: the fact at its end found at line 1 with the right column;
- a .jsonl with a 10 MB line between broken lines: every good record read, one error per
  broken line, at its line;
- a directory of 100,000 small articles: every one read, in sorted order;
- a 20 MB article in fullwidth ASCII ("１０ tỷ ＵＳＤ") with a Cyrillic letter in a name in
  every paragraph: every character a replacement in the offset map, its last fact found on
  its last line at the right column and quoted as written, and the letters named up to the
  cap of 1,000, with the error that says the rest were dropped;
- 20,000 JSON Lines records giving one trade target 20,000 values: one finding naming them all;
- 200,000 disable directives followed by one enable: each reported unused but the one whose
  fact a finding would name;
- a 100,000-paragraph article with matches throughout (the pack, plus a rule matching every
  word that states a fact where a number follows): each paragraph's fact in its zone.

The last three took O(N²) before issue #14; each has a time limit that only such a cost reaches.

Then the formats of issue #15: a 20 MB CMS page (158,000 paragraphs with references, markup and
CRLF), its last fact at its line and column in the .html; and two .docx ZIP bombs, whose
word/document.xml inflates to 1 GB: one that says so (refused before inflating) and one whose
directory says 1,000 bytes (refused once it has given 128 MiB), each an error naming the file.

Prints one line per case with its time and peak memory; exit 0 when every check passes.
"""
import argparse
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
TARGET = "Hai nước phấn đấu đạt kim ngạch thương mại 10 tỷ USD."
LIMIT_SECONDS = 600
FAILURES = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        FAILURES.append(what)


def factcheck(binary, work, *paths, limit=LIMIT_SECONDS, rules=None):
    """Runs a check, killed after `limit` seconds; returns (exit code, report or None, seconds, peak MiB)."""
    out = work / "out"
    (out / "report.json").unlink(missing_ok=True)
    start = time.perf_counter()
    # Each input fills a store of its own: the store must hold what the run extracted, too.
    process = subprocess.Popen([binary, "check", *map(str, paths), "--out", str(out), "--fail-on", "none", "--format", "json",
                                "--report-facts", "--store", str(work / "store.sqlite"), *(["--rules", str(rules)] if rules else [])],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    timer = threading.Timer(limit, process.kill)
    timer.start()
    try:
        _, status, usage = os.wait4(process.pid, 0)
    except KeyboardInterrupt:
        process.kill()
        raise
    finally:
        timer.cancel()
    seconds = time.perf_counter() - start
    report = json.loads((out / "report.json").read_text(encoding="utf-8")) if (out / "report.json").exists() else None
    return os.waitstatus_to_exitcode(status), report, seconds, usage.ru_maxrss / 1024


def timed(binary, work, name, *paths, limit=LIMIT_SECONDS, rules=None):
    """Runs a check and checks that it finished within `limit` seconds; returns (exit code, report or {})."""
    code, report, seconds, memory = factcheck(binary, work, *paths, limit=limit, rules=rules)
    check(seconds < limit and report is not None,
          f"{name}: finished in {seconds:.1f} s (limit {limit} s), peak {memory:.0f} MiB (exit {code})")
    return code, report or {"facts": [], "findings": [], "errors": [], "documents": [], "triage": {}}


def flood_of_values(binary, work, count):
    """N articles, N values for one key: every output stays linear in N."""
    export = work / "values.jsonl"
    export.write_text("".join(json.dumps({"id": f"v{index}", "date": "2025-03-01",
                                          "text": f"Việt Nam và Lào phấn đấu đạt kim ngạch thương mại {index + 1} tỷ USD."},
                                         ensure_ascii=False) + "\n" for index in range(count)), encoding="utf-8")
    out = work / "values-out"
    sizes = {}
    start = time.perf_counter()
    peak = 0
    for console in ("github", "text"):
        formats = "json,html,sarif,junit," + console
        with (work / f"values.{console}").open("wb") as stdout:
            process = subprocess.Popen([binary, "check", str(export), "--out", str(out), "--format", formats, "--fail-on", "error",
                                        "--no-store", "--rules", str(ROOT / "rules")], stdout=stdout, stderr=subprocess.DEVNULL)
            _, status, usage = os.wait4(process.pid, 0)
        peak = max(peak, usage.ru_maxrss / 1024)
        check(os.waitstatus_to_exitcode(status) == 1, f"{count} values for one key, --format {formats}: exit 1 (a finding)")
        sizes[console] = (work / f"values.{console}").stat().st_size
    seconds = time.perf_counter() - start
    for name in ("report.json", "report.html", "report.sarif", "report.junit.xml"):
        sizes[name] = (out / name).stat().st_size
    check(seconds < LIMIT_SECONDS, f"{count} values for one key: two runs in {seconds:.1f} s, peak {peak:.0f} MiB")
    # Per article an output prints one place (annotation, test case, location, row), a message of
    # at most eight values and at most eleven facts of ~200 bytes: 4 KiB leaves room for markup.
    # Before outputs were bounded, JUnit alone took 1.5 GB at 4,000 articles (~380 KB each).
    for name, size in sorted(sizes.items()):
        check(size < 4096 * count, f"{name}: {size / 1e6:.1f} MB, {size / count:.0f} bytes per article")
    check(peak < 1024, f"peak memory under 1 GiB ({peak:.0f} MiB)")

    more = re.compile(r"và (\d+) dữ kiện khác trong report\.json")
    annotations = [line for line in (work / "values.github").read_text(encoding="utf-8").splitlines() if "title=consistency.trade-target" in line]
    parts = [line.split("%0A") for line in annotations]
    check(len(annotations) == count and all(len(p) == 12 and more.search(p[-1]) and int(more.search(p[-1]).group(1)) == count - 11
                                              for p in parts),
          "an annotation at each suspect, each with ten other facts and how many more")
    junit = (out / "report.junit.xml").read_text(encoding="utf-8")
    failures = re.findall(r"<failure [^>]*>([^<]*)</failure>", junit)
    check(len(failures) == count and all(len(f.split("\n")) == 13 and int(more.search(f).group(1)) == count - 11 for f in failures),
          "a failing test case per suspect article, each with its fact, ten others and how many more")
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    finding = next(f for f in report["findings"] if f["rule"] == "consistency.trade-target")
    check(len(finding["locations"]) == count, "report.json lists every fact of the finding")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factcheck", default=str(ROOT / ".build" / "release" / "factcheck"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        work = pathlib.Path(temporary)

        # First, while this script is small: a child's peak memory counts what it was forked from.
        flood_of_values(args.factcheck, work, 4_000)

        paragraph = "Lãnh đạo hai nước trao đổi về hợp tác giáo dục, văn hóa và quốc phòng trong năm qua.\n\n"
        big = work / "big.md"
        with big.open("w", encoding="utf-8") as out:
            out.write("---\nid: big\ndate: 2025-03-01\n---\n")
            for _ in range(50_000_000 // len(paragraph.encode())):
                out.write(paragraph)
            out.write(TARGET + "\n")
        lines = big.read_bytes().count(b"\n")
        code, report = timed(args.factcheck, work, "a 50 MB article", big)
        facts = [f for f in report["facts"] if f["rule"] == "trade.target"]
        check(code == 0 and len(facts) == 1 and facts[0]["location"]["line"] == lines, "its last fact is found on its last line")

        filler = "Trời đẹp, gió nhẹ. " * (5_000_000 // 20)
        line = work / "line.txt"
        line.write_text(filler + TARGET + "\n", encoding="utf-8")
        code, report = timed(args.factcheck, work, "a 5 MB line", line)
        facts = [f for f in report["facts"] if f["rule"] == "trade.target"]
        column = len(filler) + len("Hai nước ") + 1
        check(code == 0 and len(facts) == 1 and (facts[0]["location"]["line"], facts[0]["location"]["column"]) == (1, column),
              "its fact is at line 1 with the right column")

        export = work / "export.jsonl"
        export.write_text("\n".join([
            json.dumps({"id": "a", "text": TARGET}, ensure_ascii=False),
            '{"id": "b", "text": "cut short',
            json.dumps({"id": "huge", "text": "Hà Nội " * (10_000_000 // 8) + TARGET}, ensure_ascii=False),
            "not json at all",
            json.dumps({"id": "c", "title": "no text"}, ensure_ascii=False),
            json.dumps({"id": "d", "body": TARGET}, ensure_ascii=False),
        ]) + "\n", encoding="utf-8")
        code, report = timed(args.factcheck, work, "a .jsonl with a 10 MB line and broken lines", export)
        check(code == 2 and [d["id"] for d in report["documents"]] == ["a", "huge", "d"], "every good record is read")
        check(sorted(e["line"] for e in report["errors"]) == [2, 4, 5], "each broken line is an error at its line")

        many = work / "many"
        for index in range(100_000):
            folder = many / f"{index // 1000:03d}"
            if index % 1000 == 0:
                folder.mkdir(parents=True)
            (folder / f"{index:06d}.txt").write_text(f"Bài {index}: {TARGET}\n", encoding="utf-8")
        code, report = timed(args.factcheck, work, "a directory of 100,000 small articles", many)
        ids = [d["id"] for d in report["documents"]]
        check(code in (0, 1) and len(ids) == 100_000 and ids == sorted(ids) and not report["errors"], "every article is read, in order")

        def fullwidth(text):
            return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)
        def paragraph(index):  # paragraphs differ (a repeated one is read once), in letters: no facts
            code = "".join(chr(ord("A") + index // 26 ** place % 26) for place in range(4))
            return fullwidth(f"Đoàn của ông Kh\u043eammouane trao đổi về hợp tác văn hóa (mã {code}).\n\n")
        wide = work / "wide.txt"
        with wide.open("w", encoding="utf-8") as out:
            for index in range(20_000_000 // len(paragraph(0).encode())):
                out.write(paragraph(index))
            out.write(fullwidth(TARGET) + "\n")
        lines = wide.read_bytes().count(b"\n")
        code, report = timed(args.factcheck, work, "a 20 MB article in fullwidth ASCII with a Cyrillic letter per paragraph", wide)
        facts = [f for f in report["facts"] if f["rule"] == "trade.target"]
        check(len(facts) == 1 and facts[0]["value"] == "10 tỷ USD" and facts[0]["location"]["line"] == lines
              and facts[0]["location"]["text"].endswith(fullwidth("10 tỷ USD")), "its last fact is read, and quoted as written")
        mixed = [f for f in report["findings"] if f["rule"] == "text.mixed-script"]
        check(code == 2 and len(mixed) == 1 and len(mixed[0]["locations"]) == 1000 and "CYRILLIC SMALL LETTER O" in mixed[0]["message"]
              and [e["rule"] for e in report["errors"]] == ["text.mixed-script"], "1,000 letters are named, and the rest said dropped")

        worst_cases(args.factcheck, work)
        markup_inputs(args.factcheck, work)

    print(f"hostile inputs: {len(FAILURES)} failed" if FAILURES else "hostile inputs: all checks passed")
    return 1 if FAILURES else 0


def worst_cases(binary, work):
    """Inputs that made an algorithm quadratic (issue #14). On the development machine (2 cores),
    the release build takes 5–11 s on each, up to 13 s while other builds run, and took 40 s or
    more on each before (docs/PERFORMANCE.md, "Worst cases"): the limits lie between."""
    values = work / "target-values.jsonl"
    with values.open("w", encoding="utf-8") as out:
        for index in range(20_000):
            text = f"Việt Nam và Lào phấn đấu đạt kim ngạch thương mại {index + 1} tỷ USD."
            out.write(json.dumps({"id": f"r{index:05d}", "date": "2025-03-01", "text": text}, ensure_ascii=False) + "\n")
    code, report = timed(binary, work, "20,000 records giving one target 20,000 values", values, limit=20)
    found = [f for f in report["findings"] if f["rule"] == "consistency.trade-target"]
    check(code == 0 and len(found) == 1 and len(found[0]["locations"]) == 20_000
          and all(location["suspect"] for location in found[0]["locations"]) and "19992 giá trị khác" in found[0]["message"],
          "one finding names every value, each given by one article, and its message lists eight")

    directives = work / "directives.md"
    lines = ["---", "id: directives", "date: 2025-03-01", "---"]
    # At 20,000 the quadratic parse cost under a second, less than reporting them; at 200,000, 30 s.
    lines += ["<!-- factcheck-disable consistency.trade-target -->"] * 200_000
    lines += ["Trích dẫn cũ: Việt Nam và Lào phấn đấu đạt kim ngạch thương mại 15 tỷ USD.", "<!-- factcheck-enable -->", "Hết."]
    directives.write_text("\n".join(lines) + "\n", encoding="utf-8")
    agreeing = work / "agreeing.md"
    agreeing.write_text("---\nid: agreeing\ndate: 2025-03-02\n---\nViệt Nam và Lào phấn đấu đạt kim ngạch thương mại 10 tỷ USD.\n",
                        encoding="utf-8")
    code, report = timed(binary, work, "200,000 disable directives and one enable", directives, agreeing, limit=25)
    unused = [f["locations"][0]["line"] for f in report["findings"] if f["rule"] == "suppression.unused"]
    left_out = report["triage"].get("suppressed_facts", [])
    check(code == 0 and unused == list(range(6, 200_005)) and not [f for f in report["findings"] if f["rule"] != "suppression.unused"]
          and [(f["location"]["line"], f["directive"]["line"]) for f in left_out] == [(200_005, 5)],
          "the first directive leaves out the quoted target, and the 199,999 others are unused")

    rules = work / "rules"
    shutil.copytree(ROOT / "rules", rules)
    (rules / "zz-every-word.yaml").write_text("""rules:
  - id: paragraph.number
    description: every word, and the number after one
    pattern: '\\p{L}+(?: (?<n>\\d+))?'
    max_facts: 200000
    fact: {key: paragraph, value: '{n}', type: count}
    examples:
      - text: 'Đoạn 7: hai bên trao đổi.'
        facts: [{key: paragraph, value: '7'}]
    counterexamples: ['Hai bên trao đổi.']
""", encoding="utf-8")
    article = work / "paragraphs.md"
    with article.open("w", encoding="utf-8") as out:
        out.write("---\nid: paragraphs\ndate: 2025-03-01\n---\n")
        for index in range(100_000):
            caption = index % 10 == 9
            out.write(f"Quang cảnh buổi làm việc số {index}. Ảnh: TTXVN\n\n" if caption
                      else f"Đoạn {index}: hai bên trao đổi về hợp tác giáo dục, văn hóa.\n\n")
        out.write("Tin liên quan\nĐoạn 100000: tin cũ.\n")
    code, report = timed(binary, work, "a 100,000-paragraph article with matches throughout", article, limit=20, rules=rules)
    facts = [f for f in report["facts"] if f["rule"] == "paragraph.number"]
    check(code == 0 and [int(f["value"]) for f in facts] == list(range(100_000))
          and all(f["zone"] == ("caption" if int(f["value"]) % 10 == 9 else "body") for f in facts)
          and facts[-1]["location"]["line"] == 4 + 2 * 99_999 + 1,
          "every paragraph's fact is found in its zone, and none in the trailer")


def markup_inputs(binary, work):
    """A large CMS page, and .docx ZIP bombs that tell their size and that lie about it."""
    import struct
    import zipfile
    page = work / "trang.html"
    with page.open("w", encoding="utf-8", newline="") as out:
        out.write("<!DOCTYPE html>\r\n<html><head><title>Tin</title><script>var x = '10 tỷ USD';</script></head><body><article>\r\n")
        index = 0
        while out.tell() < 20_000_000:
            out.write(f"<p class=\"p{index}\">Đoàn <b>công t&aacute;c</b> số {index} trao đổi về hợp t&#225;c văn hóa &amp; giáo dục.</p>\r\n")
            index += 1
        out.write("<p>Hai nước phấn đấu đạt kim ngạch thương mại <i>10 t&#7927; USD</i>.</p>\r\n</article></body></html>\r\n")
    last = page.read_bytes().count(b"\n") - 1  # the line before </article>
    code, report = timed(binary, work, f"a 20 MB CMS page of {index:,} paragraphs with references, markup and CRLF", page)
    facts = [f for f in report["facts"] if f["rule"] == "trade.target"]
    check(code == 0 and len(facts) == 1 and (facts[0]["location"]["line"], facts[0]["location"]["column"]) == (last, 13)
          and facts[0]["location"]["text"] == "phấn đấu đạt kim ngạch thương mại 10 tỷ USD", "its last fact at its line and column in the .html")
    # word/document.xml inflating to 1 GB, written as a stream so it never sits in memory.
    honest = work / "bom.docx"
    with zipfile.ZipFile(honest, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open("word/document.xml", "w") as part:
            part.write(b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
            chunk = b"<w:p/>" * 174_763
            for _ in range(1024):
                part.write(chunk)
            part.write(b"</w:body></w:document>")
    data = bytearray(honest.read_bytes())
    code, report = timed(binary, work, f"a .docx ZIP bomb of {len(data) / 1e6:.1f} MB that says it inflates to 1 GB", honest, limit=60)
    check(code == 2 and [e["path"] for e in report["errors"]] == [str(honest)] and "more than the limit of 134217728 (a ZIP bomb?)" in report["errors"][0]["message"],
          "refused before inflating, naming the file")
    # The same archive, its directory and local header saying 1,000 bytes.
    end = data.rindex(b"PK\x05\x06")
    directory = struct.unpack_from("<I", data, end + 16)[0]
    struct.pack_into("<I", data, directory + 24, 1000)
    struct.pack_into("<I", data, 22, 1000)
    lying = work / "bom-noi-doi.docx"
    lying.write_bytes(data)
    code, report = timed(binary, work, "the same ZIP bomb, its directory saying 1,000 bytes", lying, limit=60)
    check(code == 2 and [e["path"] for e in report["errors"]] == [str(lying)]
          and report["errors"][0]["message"].startswith("word/document.xml inflates to more than the limit of 134217728 bytes"),
          "stopped once it has given 128 MiB, naming the file")


if __name__ == "__main__":
    sys.exit(main())
