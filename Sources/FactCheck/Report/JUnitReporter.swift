import Foundation

/// JUnit XML in the Ant schema (validated in CI with xmllint): one test case per document;
/// a document fails when a finding with a suspect in it is at or above the fail level (an
/// article that only agrees with the others is evidence, and passes). The Ant
/// schema allows one failure per test case, so its findings are listed in that failure's text,
/// each with the document's own suspects and at most `Finding.listedEvidence` of its other
/// facts: N articles giving N values fail N test cases, and listing every fact in each made the
/// file grow as N². Written into the sink as it goes, like the other formats.
struct JUnitReporter: Reporter {
    func write(_ report: Report, context: ReportContext, to sink: inout ByteSink) throws {
        // Each failing document's findings, in report order, with the indexes of its suspects.
        var failuresByDocument: [String: [(finding: Finding, listing: Finding.Listing, suspects: [Int])]] = [:]
        for finding in report.findings where context.failOn.map({ finding.severity >= $0 }) ?? false {
            let listing = Finding.Listing(finding)
            var suspectsByDocument: [String: [Int]] = [:]
            for index in listing.suspects { suspectsByDocument[finding.locations[index].document, default: []].append(index) }
            for (document, suspects) in suspectsByDocument { failuresByDocument[document, default: []].append((finding, listing, suspects)) }
        }
        let errorsByPath = Dictionary(grouping: report.errors, by: \.path)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss"
        let failures = report.documents.filter { failuresByDocument[$0.id] != nil }.count
        let hostName = ProcessInfo.processInfo.hostName

        sink.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n")
        sink.append("  <testsuite package=\"factcheck\" id=\"0\" name=\"factcheck\" timestamp=\"\(formatter.string(from: context.date))\"")
        sink.append(" hostname=\"\(Markup.escape(hostName.isEmpty ? "localhost" : hostName))\"")
        sink.append(" tests=\"\(report.documents.count + errorsByPath.count)\" failures=\"\(failures)\" errors=\"\(errorsByPath.count)\" time=\"0\">\n")
        sink.append("    <properties>\n")
        sink.append("      <property name=\"fail-on\" value=\"\(context.failOn?.rawValue ?? "none")\"/>\n")
        sink.append("    </properties>\n")
        for document in report.documents {
            testCase(name: document.id, classname: document.path, into: &sink)
            guard let findings = failuresByDocument[document.id] else {
                sink.append("/>\n")
                continue
            }
            sink.append(">\n      <failure message=\"\(Markup.escape(counted(findings.count)))\" type=\"factcheck\">")
            for (position, (finding, listing, suspects)) in findings.enumerated() {
                if position > 0 { sink.append("\n") }
                Markup.escape("\(finding.severity.rawValue): \(finding.message) [\(finding.rule)]\n", into: &sink)
                let (listed, omitted) = listing.about(suspects)
                for (line, index) in listed.enumerated() {
                    let evidence = finding.locations[index]
                    let location = evidence.location
                    if line > 0 { sink.append("\n") }
                    Markup.escape("  \(location.path):\(location.line):\(location.column): \(location.text)" + (evidence.suspect ? "" : " (evidence)"), into: &sink)
                }
                if omitted > 0 { Markup.escape("\n  " + Finding.omittedNote(omitted), into: &sink) }
            }
            sink.append("</failure>\n    </testcase>\n")
        }
        for path in errorsByPath.keys.sorted() {
            testCase(name: path, classname: path, into: &sink)
            sink.append(">\n      <error message=\"could not be checked\" type=\"factcheck\">")
            Markup.escape(errorsByPath[path]!.map { $0.errorDescription ?? $0.message }.joined(separator: "\n"), into: &sink)
            sink.append("</error>\n    </testcase>\n")
        }
        // JUnit has no warnings: input warnings (the article was checked) go to the suite's stderr.
        sink.append("    <system-out></system-out>\n    <system-err>")
        Markup.escape(report.warnings.map { ($0.errorDescription ?? $0.message) + "\n" }.joined(), into: &sink)
        sink.append("</system-err>\n  </testsuite>\n</testsuites>\n")
    }

    /// A `<testcase` start tag without its end (`/>` or `>`).
    private func testCase(name: String, classname: String, into sink: inout ByteSink) {
        sink.append("    <testcase name=\"\(Markup.escape(token(name)))\" classname=\"\(Markup.escape(token(classname)))\" time=\"0\"")
    }

    /// xs:token: no line breaks or tabs, no leading, trailing or double spaces.
    private func token(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
    }

    private func counted(_ count: Int) -> String {
        "\(count) finding\(count == 1 ? "" : "s")"
    }
}
