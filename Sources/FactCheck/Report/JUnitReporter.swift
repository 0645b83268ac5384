import Foundation

/// JUnit XML in the Ant schema (validated in CI with xmllint): one test case per document;
/// a document fails when a finding with a suspect in it is at or above the fail level (an
/// article that only agrees with the others is evidence, and passes). The Ant
/// schema allows one failure per test case, so its findings are listed in that failure's text.
struct JUnitReporter: Reporter {
    func write(_ report: Report, context: ReportContext, to sink: inout ByteSink) throws {
        var failuresByDocument: [String: [Finding]] = [:]
        for finding in report.findings where context.failOn.map({ finding.severity >= $0 }) ?? false {
            for document in Set(finding.suspects.map(\.document)) { failuresByDocument[document, default: []].append(finding) }
        }
        let errorsByPath = Dictionary(grouping: report.errors, by: \.path)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss"
        let failures = report.documents.filter { failuresByDocument[$0.id] != nil }.count
        let erroredPaths = Set(report.errors.map(\.path))

        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n"
        xml += "  <testsuite package=\"factcheck\" id=\"0\" name=\"factcheck\" timestamp=\"\(formatter.string(from: context.date))\""
        xml += " hostname=\"\(Markup.escape(ProcessInfo.processInfo.hostName.isEmpty ? "localhost" : ProcessInfo.processInfo.hostName))\""
        xml += " tests=\"\(report.documents.count + erroredPaths.count)\" failures=\"\(failures)\" errors=\"\(erroredPaths.count)\" time=\"0\">\n"
        xml += "    <properties>\n"
        xml += "      <property name=\"fail-on\" value=\"\(context.failOn?.rawValue ?? "none")\"/>\n"
        xml += "    </properties>\n"
        for document in report.documents {
            xml += "    <testcase name=\"\(Markup.escape(token(document.id)))\" classname=\"\(Markup.escape(token(document.path)))\" time=\"0\""
            guard let findings = failuresByDocument[document.id] else {
                xml += "/>\n"
                continue
            }
            let text = findings.map { finding in
                let lines = finding.locations.map {
                    "  \($0.location.path):\($0.location.line):\($0.location.column): \($0.location.text)" + ($0.suspect ? "" : " (evidence)")
                }
                return "\(finding.severity.rawValue): \(finding.message) [\(finding.rule)]\n" + lines.joined(separator: "\n")
            }.joined(separator: "\n")
            xml += ">\n      <failure message=\"\(Markup.escape(counted(findings.count)))\" type=\"factcheck\">\(Markup.escape(text))</failure>\n"
            xml += "    </testcase>\n"
        }
        for path in errorsByPath.keys.sorted() {
            let text = errorsByPath[path]!.map { $0.errorDescription ?? $0.message }.joined(separator: "\n")
            xml += "    <testcase name=\"\(Markup.escape(token(path)))\" classname=\"\(Markup.escape(token(path)))\" time=\"0\">\n"
            xml += "      <error message=\"could not be checked\" type=\"factcheck\">\(Markup.escape(text))</error>\n"
            xml += "    </testcase>\n"
        }
        xml += "    <system-out></system-out>\n    <system-err></system-err>\n  </testsuite>\n</testsuites>\n"
        sink.append(xml)
    }

    /// xs:token: no line breaks or tabs, no leading, trailing or double spaces.
    private func token(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
    }

    private func counted(_ count: Int) -> String {
        "\(count) finding\(count == 1 ? "" : "s")"
    }
}
