import Foundation

/// SARIF 2.1.0 (validated in CI against the OASIS schema): the checks as rules, each finding
/// as a result at its suspect facts with at most `Finding.listedEvidence` of the evidence as
/// related locations (the message says how many more report.json has), its fingerprint as a
/// partial fingerprint, and input or rule errors (and input warnings) as tool notifications.
struct SARIFReporter: Reporter {
    func write(_ report: Report, context: ReportContext, to sink: inout ByteSink) throws {
        var rules = context.pack.checks.map { check in
            Rule(id: check.id, shortDescription: .init(text: Self.firstSentence(check.settings.description)),
                 fullDescription: .init(text: check.settings.description),
                 defaultConfiguration: .init(level: Self.level(check.settings.severity)))
        }
        for id in Set(report.findings.map(\.rule)).subtracting(rules.map(\.id)).sorted() {
            rules.append(Rule(id: id, shortDescription: .init(text: id), fullDescription: .init(text: id),
                              defaultConfiguration: .init(level: "warning")))
        }
        let ruleIndex = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.id, $0) })
        let results = report.findings.map { finding in
            let listing = Finding.Listing(finding)
            let (listed, omitted) = listing.about(listing.suspects)
            let related = listed.map { finding.locations[$0] }.filter { !$0.suspect }
            return Result(
                ruleId: finding.rule, ruleIndex: ruleIndex[finding.rule]!, level: Self.level(finding.severity),
                message: .init(text: finding.message + (omitted > 0 ? "\n" + Finding.omittedNote(omitted) : "")),
                locations: listing.suspects.map { Location(finding.locations[$0], id: nil) },
                relatedLocations: related.isEmpty ? nil : related.enumerated().map { Location($1, id: $0) },
                partialFingerprints: ["factcheck/v1": finding.fingerprint])
        }
        let notifications = (report.errors + report.warnings).map { error in
            Notification(level: Self.level(error.severity), message: .init(text: error.message + (error.rule.map { " [\($0)]" } ?? "")),
                         locations: [Location(path: error.path, line: error.line, column: error.column)])
        }
        let log = Log(runs: [Run(
            tool: .init(driver: .init(name: "factcheck", version: FactCheckVersion.current,
                                      informationUri: "https://github.com/factcheck/factcheck", rules: rules)),
            invocations: [.init(executionSuccessful: report.errors.isEmpty, toolExecutionNotifications: notifications)],
            results: results)])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        sink.append(contentsOf: try encoder.encode(log))
        sink.append("\n")
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .info: "note"
        }
    }

    /// The description's first sentence or line, for `shortDescription`.
    static func firstSentence(_ text: String) -> String {
        let line = text.split(separator: "\n").first.map(String.init) ?? text
        guard let end = line.range(of: ". ") else { return line }
        return String(line[..<end.lowerBound]) + "."
    }

    /// A path as a relative URI reference: each segment percent-encoded.
    static func uri(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: ":")
        return path.split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.addingPercentEncoding(withAllowedCharacters: allowed) ?? String($0) }
            .joined(separator: "/")
    }

    struct Log: Encodable {
        let schema = "https://json.schemastore.org/sarif-2.1.0.json"
        let version = "2.1.0"
        let runs: [Run]

        enum CodingKeys: String, CodingKey {
            case schema = "$schema"
            case version, runs
        }
    }

    struct Run: Encodable {
        let tool: Tool
        let invocations: [Invocation]
        /// Columns count Unicode scalars, as factcheck's do.
        let columnKind = "unicodeCodePoints"
        let results: [Result]
    }

    struct Tool: Encodable {
        let driver: Driver
    }

    struct Driver: Encodable {
        let name: String
        let version: String
        let informationUri: String
        let rules: [Rule]
    }

    struct Rule: Encodable {
        let id: String
        let shortDescription: Message
        let fullDescription: Message
        let defaultConfiguration: Configuration
    }

    struct Configuration: Encodable {
        let level: String
    }

    struct Message: Encodable {
        let text: String
    }

    struct Invocation: Encodable {
        let executionSuccessful: Bool
        let toolExecutionNotifications: [Notification]
    }

    struct Notification: Encodable {
        let level: String
        let message: Message
        let locations: [Location]
    }

    struct Result: Encodable {
        let ruleId: String
        let ruleIndex: Int
        let level: String
        let message: Message
        let locations: [Location]
        let relatedLocations: [Location]?
        let partialFingerprints: [String: String]
    }

    struct Location: Encodable {
        var id: Int?
        let physicalLocation: PhysicalLocation
        var message: Message?

        init(_ evidence: Evidence, id: Int?) {
            let location = evidence.location
            self.id = id
            physicalLocation = PhysicalLocation(
                artifactLocation: .init(uri: SARIFReporter.uri(location.path)),
                region: Region(startLine: location.line, startColumn: location.column, endLine: location.endLine,
                               endColumn: location.endColumn, snippet: Message(text: location.text)))
            if id != nil {
                message = Message(text: "\(evidence.document): \(evidence.value)" + (evidence.normalized.map { " = \($0)" } ?? ""))
            }
        }

        init(path: String, line: Int?, column: Int?) {
            physicalLocation = PhysicalLocation(
                artifactLocation: .init(uri: SARIFReporter.uri(path)),
                region: line.map { Region(startLine: $0, startColumn: column, endLine: nil, endColumn: nil, snippet: nil) })
        }
    }

    struct PhysicalLocation: Encodable {
        let artifactLocation: ArtifactLocation
        let region: Region?
    }

    struct ArtifactLocation: Encodable {
        let uri: String
    }

    struct Region: Encodable {
        let startLine: Int
        let startColumn: Int?
        let endLine: Int?
        let endColumn: Int?
        let snippet: Message?
    }
}
