import Foundation

/// report.html: one self-contained page (no network, no external assets) for editors: a
/// summary, findings grouped by fact key with each fact quoted in context and its span
/// highlighted, an SVG timeline of a finding's values by date, the list of documents, and
/// client-side filters by severity, rule, document and text. It shows the findings and their
/// evidence, never the archive of every fact, even when the report holds it: a page per
/// archive would be too large for a browser, and an editor reads the findings. A
/// Content-Security-Policy allows only the page's own style and script (by nonce) and no
/// network access.
struct HTMLReporter: Reporter {
    func write(_ report: Report, context: ReportContext, to sink: inout ByteSink) throws {
        let nonce = UUID().uuidString.replacingOccurrences(of: "-", with: "")
        let csp = "default-src 'none'; style-src 'nonce-\(nonce)'; script-src 'nonce-\(nonce)'; img-src data:; base-uri 'none'; form-action 'none'"
        HTMLWriter.write(into: &sink) { html in
            html.trusted("<!DOCTYPE html>\n")
            html.element("html", [("lang", "vi")]) { html in
                html.element("head") { html in
                    html.void("meta", [("charset", "utf-8")])
                    html.void("meta", [("http-equiv", "Content-Security-Policy"), ("content", csp)])
                    html.void("meta", [("name", "viewport"), ("content", "width=device-width, initial-scale=1")])
                    html.element("title", text: "factcheck — \(report.summary.findings) findings in \(report.summary.documents) documents")
                    html.element("style", [("nonce", nonce)]) { $0.trusted(Self.stylesheet) }
                }
                html.element("body") { html in
                    html.element("header") { html in
                        html.element("h1", text: "factcheck")
                        html.element("p", [("class", "lead")], text: "Báo cáo kiểm tra dữ kiện · Fact-check report · factcheck \(FactCheckVersion.current)")
                    }
                    summary(report, &html)
                    filters(report, &html)
                    findings(report, &html)
                    documents(report, &html)
                    errors(report, &html)
                    html.element("script", [("nonce", nonce)]) { $0.trusted(Self.script) }
                }
            }
            html.trusted("\n")
        }
    }

    // MARK: - Sections

    private func summary(_ report: Report, _ html: inout HTMLWriter) {
        let bySeverity = Dictionary(grouping: report.findings, by: \.severity)
        let byRule = Dictionary(grouping: report.findings, by: \.rule)
        let counts: [(String, Int, String)] = [
            ("documents", report.summary.documents, "tài liệu"), ("facts", report.summary.facts, "dữ kiện"),
            ("errors", bySeverity[.error]?.count ?? 0, "lỗi"), ("warnings", bySeverity[.warning]?.count ?? 0, "cảnh báo"),
            ("info", bySeverity[.info]?.count ?? 0, "thông tin"), ("input errors", report.errors.count, "lỗi đầu vào"),
            ("input warnings", report.warnings.count, "cảnh báo đầu vào"),
        ]
        html.element("section", [("id", "summary")]) { html in
            html.element("h2", text: "Tóm tắt · Summary")
            html.element("dl", [("class", "counts")]) { html in
                for (name, count, vietnamese) in counts {
                    html.element("div", [("class", "count"), ("data-count", name)]) { html in
                        html.element("dt", text: "\(vietnamese) · \(name)")
                        html.element("dd", text: "\(count)")
                    }
                }
            }
            guard !byRule.isEmpty else { return }
            html.element("table", [("class", "by-rule")]) { html in
                html.element("thead") { html in
                    html.element("tr") { html in
                        html.element("th", text: "Quy tắc · Rule")
                        html.element("th", text: "Phát hiện · Findings")
                    }
                }
                html.element("tbody") { html in
                    for rule in byRule.keys.sorted() {
                        html.element("tr") { html in
                            html.element("td") { $0.element("code", text: rule) }
                            html.element("td", text: "\(byRule[rule]!.count)")
                        }
                    }
                }
            }
        }
    }

    private func filters(_ report: Report, _ html: inout HTMLWriter) {
        let rules = Set(report.findings.map(\.rule)).sorted()
        let documents = report.documents.map(\.id)
        html.element("nav", [("id", "filters"), ("aria-label", "Filters")]) { html in
            html.element("fieldset") { html in
                html.element("legend", text: "Mức độ · Severity")
                for severity in Severity.allCases.reversed() {
                    html.element("label") { html in
                        html.void("input", [("type", "checkbox"), ("name", "severity"), ("value", severity.rawValue), ("checked", "checked")])
                        html.text(" " + severity.rawValue)
                    }
                }
            }
            html.element("label") { html in
                html.text("Quy tắc · Rule ")
                html.element("select", [("id", "rule")]) { html in
                    html.element("option", [("value", "")], text: "(tất cả · all)")
                    for rule in rules { html.element("option", [("value", rule)], text: rule) }
                }
            }
            html.element("label") { html in
                html.text("Tài liệu · Document ")
                html.element("select", [("id", "document")]) { html in
                    html.element("option", [("value", "")], text: "(tất cả · all)")
                    for document in documents { html.element("option", [("value", document)], text: document) }
                }
            }
            html.element("label") { html in
                html.text("Tìm · Search ")
                html.void("input", [("id", "search"), ("type", "search"), ("placeholder", "Vũng Áng, 10 tỷ USD…")])
            }
            html.element("output", [("id", "shown")], text: "\(report.findings.count) / \(report.findings.count)")
        }
        // Filled and shown by the script when the address names a filter value this report does
        // not have (a rule with no finding here, a misspelt severity), which it then ignores.
        html.element("p", [("id", "filter-notice"), ("class", "notice"), ("role", "status"), ("hidden", "hidden")], text: "")
    }

    /// The headings of the severity sections, most severe first.
    static let severityHeadings: [(Severity, String)] = [(.error, "Lỗi · Errors"), (.warning, "Cảnh báo · Warnings"), (.info, "Thông tin · Info")]

    /// The findings, errors first, then warnings, then info: an editor reads the top of the
    /// page first. Within a severity, findings keep the report's order and are grouped by fact
    /// key, so a key with findings of two severities has a group in each section.
    private func findings(_ report: Report, _ html: inout HTMLWriter) {
        html.element("section", [("id", "findings")]) { html in
            html.element("h2", text: "Phát hiện · Findings")
            guard !report.findings.isEmpty else { return html.element("p", text: "Không có phát hiện nào. No findings.") }
            let bySeverity = Dictionary(grouping: report.findings, by: \.severity)
            for (severity, heading) in Self.severityHeadings {
                guard let findings = bySeverity[severity] else { continue }
                var order: [String] = []
                var byKey: [String: [Finding]] = [:]
                for finding in findings {
                    if byKey[finding.key] == nil { order.append(finding.key) }
                    byKey[finding.key, default: []].append(finding)
                }
                html.element("section", [("class", "severity \(severity.rawValue)"), ("data-severity", severity.rawValue)]) { html in
                    html.element("h3", text: heading)
                    for key in order {
                        html.element("section", [("class", "group"), ("data-key", key)]) { html in
                            html.element("h4") { $0.element("code", text: key) }
                            for finding in byKey[key]! { self.finding(finding, &html) }
                        }
                    }
                }
            }
        }
    }

    /// How many of a finding's facts its evidence table shows: every suspect, then the
    /// evidence up to this many rows. report.json lists all.
    static let evidenceRows = 50

    private func finding(_ finding: Finding, _ html: inout HTMLWriter) {
        let documents = Array(Set(finding.locations.map(\.document))).sorted()
        let suspects = finding.suspects
        let shown = suspects + finding.locations.filter { !$0.suspect }.prefix(max(0, Self.evidenceRows - suspects.count))
        let marked = finding.marksSuspects
        let hidden = finding.locations.count - shown.count
        let search = Self.searchText([finding.message, finding.rule, finding.key] + shown.flatMap {
            [$0.location.path, $0.document, $0.location.text, $0.value, $0.normalized ?? ""]
        })
        var documentsJSON = ByteSink()
        JSONWriter.write(into: &documentsJSON, compact: true) { json in json.array(documents) { json, id in json.string(id) } }
        html.element("article", [
            ("class", "finding \(finding.severity.rawValue)"), ("data-severity", finding.severity.rawValue), ("data-rule", finding.rule),
            ("data-documents", String(decoding: documentsJSON.buffer.dropLast(), as: UTF8.self)), ("data-search", search), ("data-fingerprint", finding.fingerprint),
        ]) { html in
            html.element("p", [("class", "message")]) { html in
                html.element("span", [("class", "badge \(finding.severity.rawValue)")], text: finding.severity.rawValue)
                html.text(" " + finding.message + " ")
                html.element("code", [("class", "rule")], text: finding.rule)
            }
            if let suggestion = finding.suggestion {
                html.element("p", [("class", "suggestion")], text: "Gợi ý · Suggestion: \(suggestion)")
            }
            Timeline.figure(finding, &html)
            html.element("table", [("class", "evidence")]) { html in
                html.element("thead") { html in
                    html.element("tr") { html in
                        for heading in Self.evidenceHeadings { html.element("th", text: heading) }
                    }
                }
                html.element("tbody") { html in
                    for evidence in shown { evidenceRow(evidence, marked: marked, &html) }
                }
            }
            if hidden > 0 {
                html.element("p", [("class", "note")], text: "và \(hidden) dữ kiện khác đồng thuận, xem report.json · "
                    + "and \(hidden) more agreeing facts, listed in report.json")
            }
        }
    }

    /// What the page's text filter searches in a finding: `words` joined by spaces and
    /// lowercased, the same text as `joined(separator: " ").lowercased()`, which also maps each
    /// character on its own (a test compares every character). Here ASCII and the characters
    /// lowercasing leaves alone skip the case tables; `lowercased()` builds a mapping for every
    /// character, and took half the time of writing a large report's page.
    static func searchText(_ words: [String]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(words.reduce(words.count) { $0 + $1.utf8.count })
        for (index, word) in words.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: " ")) }
            for scalar in word.unicodeScalars {
                if scalar.isASCII {
                    let byte = UInt8(scalar.value)
                    bytes.append(UInt8(ascii: "A") <= byte && byte <= UInt8(ascii: "Z") ? byte + 0x20 : byte)
                } else if scalar.properties.changesWhenLowercased {
                    bytes.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
                } else {
                    UTF8.encode(scalar) { bytes.append($0) }
                }
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The evidence table's columns. Each cell carries its column's heading too (`data-label`):
    /// on a narrow screen the table is a list of cards, a row each, and the stylesheet shows
    /// the heading above each cell, as the table's head is hidden.
    static let evidenceHeadings = ["Tài liệu · Document", "Vị trí · Location", "Trích dẫn · Quote", "Giá trị · Value", "Chuẩn hóa · Normalized"]

    /// A row of the evidence table; with `marked`, a suspect's row is marked as such.
    private func evidenceRow(_ evidence: Evidence, marked: Bool, _ html: inout HTMLWriter) {
        let location = evidence.location
        let suspect = marked && evidence.suspect
        let label = Self.evidenceHeadings
        html.element("tr", suspect ? [("class", "suspect")] : []) { html in
            html.element("td", [("data-label", label[0])]) { html in
                html.text(evidence.document)
                guard suspect else { return }
                html.text(" ")
                html.element("span", [("class", "badge suspect")], text: "nghi vấn · suspect")
            }
            html.element("td", [("class", "where"), ("data-label", label[1])], text: "\(location.path):\(location.line):\(location.column)")
            html.element("td", [("class", "quote"), ("data-label", label[2])]) { html in
                html.text(Self.cut(location.before, leading: true))
                html.element("mark", text: location.text)
                html.text(Self.cut(location.after, leading: false))
            }
            html.element("td", [("data-label", label[3])], text: evidence.value)
            html.element("td", [("data-label", label[4])], text: evidence.normalized ?? "—")
        }
    }

    /// Context snippets marked "…" where they were cut short of the line.
    static func cut(_ snippet: String?, leading: Bool) -> String {
        guard let snippet, !snippet.isEmpty else { return "" }
        guard snippet.unicodeScalars.count >= SourceLocation.contextLength else { return snippet }
        return leading ? "…" + snippet : snippet + "…"
    }

    /// How many documents are listed; an archive's page would otherwise be too large for a
    /// browser. Documents involved in findings come first; report.json has all.
    static let listedDocuments = 300

    /// The documents read, each with its path, date and how many facts it gave; of the facts
    /// themselves, the page shows only those findings involve.
    private func documents(_ report: Report, _ html: inout HTMLWriter) {
        let involved = Set(report.findings.flatMap { $0.locations.map(\.document) })
        let ordered = report.documents.filter { involved.contains($0.id) } + report.documents.filter { !involved.contains($0.id) }
        let listed = ordered.prefix(Self.listedDocuments)
        html.element("section", [("id", "documents")]) { html in
            html.element("h2", text: "Tài liệu · Documents")
            if listed.count < ordered.count {
                html.element("p", [("class", "note")], text: "\(listed.count) / \(ordered.count) tài liệu được liệt kê (ưu tiên tài liệu có phát hiện); "
                    + "xem report.json để có tất cả · \(listed.count) of \(ordered.count) documents listed, those with findings first; report.json has all.")
            }
            html.element("ul", [("class", "documents")]) { html in
                for document in listed {
                    html.element("li", [("class", "document"), ("data-document", document.id)]) { html in
                        html.element("strong", text: document.title ?? document.id)
                        html.text(" · ")
                        html.element("code", text: document.path)
                        html.text(" · \(document.date?.description ?? "không rõ ngày · no date") · \(document.facts) dữ kiện")
                        guard let url = document.url else { return }
                        html.text(" · ")
                        html.link(url, text: url)
                    }
                }
            }
        }
    }

    /// Input and rule errors, then input warnings (a front-matter key in the wrong case, a
    /// misspelt one): each listed where the editor sees it, not only in the terminal.
    private func errors(_ report: Report, _ html: inout HTMLWriter) {
        let sections = [("errors", "Lỗi đầu vào và quy tắc · Input and rule errors", report.errors),
                        ("input-warnings", "Cảnh báo đầu vào · Input warnings", report.warnings)]
        for (id, heading, entries) in sections where !entries.isEmpty {
            html.element("section", [("id", id)]) { html in
                html.element("h2", text: heading)
                html.element("ul") { html in
                    for entry in entries {
                        html.element("li") { $0.element("code", text: entry.errorDescription ?? entry.message) }
                    }
                }
            }
        }
    }

    /// 10000000000 → "10 tỷ", 2500000000 → "2,5 tỷ"; small values as they are, in Vietnamese
    /// digits ("1.500", "4,5").
    static func compact(_ value: Double) -> String {
        let scales: [(Double, String)] = [(1e12, "nghìn tỷ"), (1e9, "tỷ"), (1e6, "triệu")]
        func written(_ value: Double) -> String { ValueStyle.vietnamese(Decimal(string: String(format: "%g", value)) ?? 0) }
        for (scale, word) in scales where abs(value) >= scale {
            return written((value / scale * 100).rounded() / 100) + " " + word
        }
        return written(value)
    }

    // MARK: - The page's own style and script

    /// From a phone's 360 px up: below 720 px the evidence tables become cards (a row each,
    /// each cell under its heading), the filters stop sticking to the top (they would fill a
    /// phone's screen), and the timeline's text grows as the chart shrinks. Long unbroken text
    /// (paths, URLs, ids) wraps anywhere rather than widen the page.
    static let stylesheet: StaticString = """
        :root { --error: #b3261e; --warning: #9a6700; --info: #1f6feb; --muted: #57606a; --line: #d0d7de; --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; font-family: var(--sans); }
        body { margin: 0 auto; max-width: 1200px; padding: 1rem 1.5rem 4rem; color: #1f2328; line-height: 1.45; overflow-wrap: anywhere; }
        h1 { margin: 0; font-size: 1.6rem; } .lead { color: var(--muted); margin-top: .2rem; }
        h2 { border-bottom: 1px solid var(--line); padding-bottom: .3rem; margin-top: 2rem; }
        code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: .9em; }
        .counts { display: flex; flex-wrap: wrap; gap: .75rem; margin: 0; }
        .count { border: 1px solid var(--line); border-radius: 8px; padding: .5rem .9rem; min-width: 7rem; }
        .count dt { color: var(--muted); font-size: .8rem; } .count dd { margin: 0; font-size: 1.5rem; font-weight: 600; }
        table { border-collapse: collapse; width: 100%; margin: .5rem 0; font-size: .92rem; }
        th, td { border-bottom: 1px solid var(--line); padding: .35rem .5rem; text-align: left; vertical-align: top; }
        th { background: #f6f8fa; font-weight: 600; } .by-rule { width: auto; }
        #filters { position: sticky; top: 0; background: #fff; border-bottom: 1px solid var(--line); padding: .6rem 0; display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; z-index: 1; }
        #filters fieldset { border: 0; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: .6rem; } #filters legend { float: left; margin-right: .4rem; }
        #filters label { max-width: 100%; } #filters select, #filters input[type=search] { max-width: 100%; font: inherit; }
        #shown { margin-left: auto; color: var(--muted); }
        .notice { border: 1px solid var(--warning); border-left-width: 5px; border-radius: 6px; background: #fff8e1; padding: .4rem .8rem; margin: .6rem 0; }
        .severity > h3 { margin: 1.6rem 0 0; } .group { margin-top: .8rem; } .group h4 { margin: .6rem 0 .3rem; }
        .finding { border: 1px solid var(--line); border-left: 5px solid var(--info); border-radius: 6px; padding: .4rem .8rem; margin: .6rem 0; }
        .finding.error { border-left-color: var(--error); } .finding.warning { border-left-color: var(--warning); }
        .message { font-weight: 500; } .rule { color: var(--muted); }
        .badge { display: inline-block; border-radius: 4px; padding: 0 .4rem; color: #fff; font-size: .8rem; text-transform: uppercase; background: var(--info); }
        .badge.error { background: var(--error); } .badge.warning { background: var(--warning); }
        .suggestion { color: #1a7f37; }
        tr.suspect { background: #fff5f5; } tr.suspect td:first-child { border-left: 3px solid var(--error); } .badge.suspect { background: var(--error); text-transform: none; }
        .quote { max-width: 32rem; } mark { background: #fff3b0; padding: 0 .1rem; border-radius: 2px; font-weight: 600; }
        .where { font-family: ui-monospace, monospace; font-size: .85rem; }
        .timeline { display: block; width: 100%; max-width: 560px; height: auto; border: 1px solid var(--line); border-radius: 6px; background: #fbfcfd; }
        .timeline .axis { stroke: #8c959f; stroke-width: 1; } .timeline .label { fill: var(--muted); font-size: 12px; } .timeline .end { text-anchor: end; }
        .timeline .point { fill: var(--info); stroke: #fff; stroke-width: 2; } .timeline .point.suspect { fill: var(--error); }
        .timeline .label.suspect { fill: var(--error); font-weight: 600; }
        .timeline .lane { fill: #f0f2f5; stroke: #8c959f; stroke-dasharray: 4 3; } .timeline .lane-label { text-anchor: middle; }
        .timeline-figure { margin: 1rem 0; } .key { white-space: nowrap; color: var(--info); } .key.suspect { color: var(--error); font-weight: 600; } .documents { padding-left: 1.2rem; } .document { padding: .15rem 0; }
        [hidden] { display: none !important; }
        @media (max-width: 719.98px) {
          body { padding: .75rem .75rem 3rem; }
          #filters { position: static; } #filters > label { display: flex; flex-direction: column; width: 100%; } #shown { margin-left: 0; }
          .timeline .label { font-size: 15px; }
          table.evidence, table.evidence tbody, table.evidence tr, table.evidence td { display: block; width: auto; max-width: none; }
          table.evidence thead { display: none; }
          table.evidence tr { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); column-gap: .8rem; border: 1px solid var(--line); border-radius: 6px; margin: .5rem 0; padding: .2rem .6rem; }
          table.evidence tr.suspect { border-left: 4px solid var(--error); } table.evidence tr.suspect td:first-child { border-left: 0; }
          table.evidence td { grid-column: 1 / -1; border: 0; padding: .2rem 0; } table.evidence td:nth-child(n+4) { grid-column: auto; }
          table.evidence td::before { content: attr(data-label); display: block; color: var(--muted); font: .75rem var(--sans); }
        }
        @media print {
          #filters, .notice { display: none; } .finding[hidden], .group[hidden], .severity[hidden] { display: block !important; }
          body { max-width: none; padding: 0; } .finding { break-inside: avoid; } a { color: inherit; }
        }
        """

    /// Filters by severity, rule, document and text. The text search ignores case and
    /// diacritics ("vung ang" finds "Vũng Áng"). Every filter is kept in the address
    /// (#severity=error,warning&rule=ID&document=ID&q=TEXT), so a view can be shared: read
    /// on load and whenever the address changes, written back (replacing the history entry,
    /// so typing adds none) whenever a filter does. A value the report does not have is
    /// ignored and named in a notice, never silently taken for "all".
    static let script: StaticString = """
        (function () {
          "use strict";
          var findings = Array.prototype.slice.call(document.querySelectorAll(".finding"));
          var severities = Array.prototype.slice.call(document.querySelectorAll("input[name=severity]"));
          var rule = document.getElementById("rule"), doc = document.getElementById("document");
          var search = document.getElementById("search"), shown = document.getElementById("shown");
          var notice = document.getElementById("filter-notice");
          // NFD splits a letter from its marks, which go; đ has no decomposition and is mapped on its own.
          function fold(text) {
            return text.toLowerCase().normalize("NFD").replace(/[\\u0300-\\u036f]/g, "").replace(/đ/g, "d").replace(/\\s+/g, " ").trim();
          }
          var texts = findings.map(function (finding) { return fold(finding.dataset.search); });
          var documents = findings.map(function (finding) { return JSON.parse(finding.dataset.documents); });
          function values(select) { return Array.prototype.map.call(select.options, function (option) { return option.value; }); }
          function checked() { return severities.filter(function (box) { return box.checked; }).map(function (box) { return box.value; }); }
          function apply() {
            var wanted = checked(), text = fold(search.value), count = 0;
            findings.forEach(function (finding, index) {
              var visible = wanted.indexOf(finding.dataset.severity) >= 0
                && (!rule.value || finding.dataset.rule === rule.value)
                && (!doc.value || documents[index].indexOf(doc.value) >= 0)
                && (!text || texts[index].indexOf(text) >= 0);
              finding.hidden = !visible;
              if (visible) { count += 1; }
            });
            Array.prototype.forEach.call(document.querySelectorAll(".group, .severity"), function (section) {
              section.hidden = !section.querySelector(".finding:not([hidden])");
            });
            shown.textContent = count + " / " + findings.length;
          }
          function encode(value) { return encodeURIComponent(value).replace(/%2C/g, ",").replace(/%20/g, "+"); }
          // The address of the filters as they are; the page's own address when none is set.
          function write() {
            var parts = [], wanted = checked();
            if (wanted.length < severities.length) { parts.push("severity=" + wanted.join(",")); }
            if (rule.value) { parts.push("rule=" + encode(rule.value)); }
            if (doc.value) { parts.push("document=" + encode(doc.value)); }
            if (search.value) { parts.push("q=" + encode(search.value)); }
            var address = window.location.href.replace(/#.*$/, "");
            history.replaceState(null, "", parts.length ? address + "#" + parts.join("&") : address);
          }
          function read() {
            var preset = new URLSearchParams(window.location.hash.slice(1)), unknown = [];
            preset.forEach(function (value, name) {
              if (["severity", "rule", "document", "q"].indexOf(name) < 0) { unknown.push(name + "=" + value); }
            });
            var levels = null;
            if (preset.has("severity")) {
              var named = preset.get("severity").split(",").filter(function (level) { return level; });
              levels = named.filter(function (level) {
                var known = severities.some(function (box) { return box.value === level; });
                if (!known) { unknown.push("severity=" + level); }
                return known;
              });
              if (!levels.length && named.length) { levels = null; }
            }
            severities.forEach(function (box) { box.checked = !levels || levels.indexOf(box.value) >= 0; });
            [["rule", rule], ["document", doc]].forEach(function (pair) {
              var value = preset.get(pair[0]) || "";
              if (value && values(pair[1]).indexOf(value) < 0) { unknown.push(pair[0] + "=" + value); value = ""; }
              pair[1].value = value;
            });
            search.value = preset.get("q") || "";
            notice.textContent = unknown.length
              ? "Bộ lọc không có trong báo cáo này, đã bỏ qua · Not in this report, filter ignored: " + unknown.join(", ")
              : "";
            notice.hidden = !unknown.length;
            apply();
          }
          // A filter changed by hand replaces the address, and with it what the notice was about.
          function changed() { notice.hidden = true; apply(); write(); }
          severities.concat([rule, doc, search]).forEach(function (control) {
            control.addEventListener("input", changed);
            control.addEventListener("change", changed);
          });
          window.addEventListener("hashchange", read);
          read();
        })();
        """
}

extension Finding {
    /// Whether the page marks this finding's suspects, in its evidence and on its timeline:
    /// only when some of its facts are not suspects. A finding about every fact it names (a
    /// misspelt name, values that each as many articles give) has nothing to single out.
    var marksSuspects: Bool { locations.contains { !$0.suspect } }
}

extension FactValue {
    /// A number to plot, for amounts, counts and percentages.
    var numericValue: Double? {
        quantity.map { NSDecimalNumber(decimal: $0.value).doubleValue }
    }
}
