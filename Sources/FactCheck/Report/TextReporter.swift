import Foundation

/// Findings for a terminal, grouped by document: each as `path:line:column: severity: message
/// [rule]` at its first suspect (editors and terminals jump to such a location), followed, for
/// a finding about several facts, by each fact's place, original text and normalized value:
/// every suspect, marked, and at most `Finding.listedEvidence` of the other facts, then how
/// many more report.json has.
struct TextReporter: Reporter {
    func write(_ report: Report, context: ReportContext, to sink: inout ByteSink) throws {
        let style = Style(enabled: context.color)
        var lines: [String] = []
        let byDocument = Dictionary(grouping: report.findings) { $0.locations[0].location.path }
        // Paths, messages and quotes come from articles and rule packs: printable only.
        let safe = PrintableText.line
        for path in byDocument.keys.sorted() {
            lines.append(style.bold(PrintableText.startingLine(safe(path))))
            let findings = byDocument[path]!.sorted {
                ($0.locations[0].location.line, $0.locations[0].location.column) < ($1.locations[0].location.line, $1.locations[0].location.column)
            }
            for finding in findings {
                let first = finding.locations[0].location
                lines.append("  \(safe(first.path)):\(first.line):\(first.column): \(style.severity(finding.severity)): \(safe(finding.message)) "
                             + style.dim("[\(safe(finding.rule))]"))
                guard finding.locations.count > 1 else { continue }
                let listing = Finding.Listing(finding)
                let marked = listing.suspects.count < finding.locations.count
                let (listed, omitted) = listing.about(listing.suspects)
                for evidence in listed.map({ finding.locations[$0] }) {
                    let line = "    \(marked && evidence.suspect ? "→ " : "  ")\(evidence.printedPlace)"
                    lines.append(marked && evidence.suspect ? line + " " + style.bold(Evidence.suspectMark) : style.dim(line))
                }
                if omitted > 0 { lines.append(style.dim("      " + Finding.omittedNote(omitted))) }
            }
        }
        for line in lines { sink.append(line + "\n") }
    }

    /// ANSI styling, or none.
    struct Style {
        let enabled: Bool

        private func wrap(_ text: String, _ code: String) -> String {
            enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
        }

        func bold(_ text: String) -> String { wrap(text, "1") }
        func dim(_ text: String) -> String { wrap(text, "2") }

        func severity(_ severity: Severity) -> String {
            switch severity {
            case .error: wrap("error", "1;31")
            case .warning: wrap("warning", "1;33")
            case .info: wrap("info", "36")
            }
        }
    }
}

/// GitHub Actions workflow commands: an annotation at each of a finding's suspects (never on
/// the articles that only agree with the rest), its message followed by the places of at most
/// `Finding.listedEvidence` of the finding's other facts and how many more there are; and one
/// per input or rule error or input warning.
struct GitHubReporter: Reporter {
    func write(_ report: Report, context: ReportContext, to sink: inout ByteSink) throws {
        var lines: [String] = []
        for finding in report.findings {
            let level = switch finding.severity {
            case .error: "error"
            case .warning: "warning"
            case .info: "notice"
            }
            let marked = finding.locations.contains { !$0.suspect }
            let listing = Finding.Listing(finding)
            for suspect in listing.suspects {
                let location = finding.locations[suspect].location
                let properties = [
                    ("file", location.path), ("line", "\(location.line)"), ("col", "\(location.column)"),
                    ("endLine", "\(location.endLine)"), ("endColumn", "\(location.endColumn)"), ("title", finding.rule),
                ]
                var message = [finding.message]
                let (listed, omitted) = listing.about([suspect])
                for other in listed where other != suspect {
                    let evidence = finding.locations[other]
                    message.append(evidence.printedPlace + (marked && evidence.suspect ? " " + Evidence.suspectMark : ""))
                }
                if omitted > 0 { message.append(Finding.omittedNote(omitted)) }
                lines.append(Self.command(level, properties: properties, message: message.joined(separator: "\n")))
            }
        }
        for error in report.errors + report.warnings {
            var properties = [("file", error.path)]
            if let line = error.line { properties.append(("line", "\(line)")) }
            if let column = error.column { properties.append(("col", "\(column)")) }
            properties.append(("title", error.rule ?? "factcheck \(error.kind.rawValue) \(error.severity.rawValue)"))
            lines.append(Self.command(error.severity.rawValue, properties: properties, message: error.message))
        }
        for line in lines { sink.append(line + "\n") }
    }

    /// `::level key=value,...::message`, printable (`PrintableText`; a message keeps its line
    /// breaks, which the runner shows) and escaped as the runner expects: `%` and LF in the
    /// message; also `:` and `,` in property values.
    static func command(_ level: String, properties: [(String, String)], message: String) -> String {
        let rendered = properties.map { "\($0.0)=\(escapeProperty(PrintableText.line($0.1)))" }.joined(separator: ",")
        let printable = message.split(separator: "\n", omittingEmptySubsequences: false).map { PrintableText.line(String($0)) }
        return "::\(level) \(rendered)::\(escapeData(printable.joined(separator: "\n")))"
    }

    static func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25")
            .replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}

extension Evidence {
    /// `path:line:column «text» = normalized`, printable (`PrintableText`): a fact as the
    /// terminal listing and `github` annotations name it.
    var printedPlace: String {
        let safe = PrintableText.line
        return "\(safe(location.path)):\(location.line):\(location.column) «\(safe(location.text))»" + (normalized.map { " = \(safe($0))" } ?? "")
    }

    /// What marks a suspect among a finding's facts.
    static let suspectMark = "(nghi vấn · suspect)"
}
