import Foundation

/// The outputs of `factcheck check`: files written under `--out`, and what is printed.
public enum ReportFormat: String, CaseIterable, Sendable {
    /// report.json: everything, for dashboards and scripts (docs/report.schema.json).
    case json
    /// report.html: one self-contained page for editors.
    case html
    /// report.sarif: SARIF 2.1.0, for code-scanning annotations.
    case sarif
    /// report.junit.xml: a test case per document, for CI test tabs.
    case junit
    /// Findings on stdout as `path:line:column: severity: message [rule]` (the default).
    case text
    /// Findings on stdout as GitHub Actions workflow commands, instead of text.
    case github

    public static let defaultFiles: [ReportFormat] = [.json, .html]

    /// The file this format writes under `--out`; nil for the formats printed to stdout.
    public var fileName: String? {
        switch self {
        case .json: "report.json"
        case .html: "report.html"
        case .sarif: "report.sarif"
        case .junit: "report.junit.xml"
        case .text, .github: nil
        }
    }
}

/// What reporters need besides the report.
public struct ReportContext: Sendable {
    /// The checks and rules that ran, for their descriptions.
    public var pack: RulePack
    /// Findings at or above this level fail (JUnit failures); nil: none do.
    public var failOn: Severity?
    /// ANSI colours in text output.
    public var color = false
    /// When the run happened (JUnit wants a timestamp); report.json stays free of it.
    public var date = Date()

    public init(pack: RulePack, failOn: Severity?, color: Bool = false, date: Date = Date()) {
        self.pack = pack
        self.failOn = failOn
        self.color = color
        self.date = date
    }
}

/// Turns a report into one output format.
public protocol Reporter {
    func render(_ report: Report, context: ReportContext) throws -> Data
}

extension ReportFormat {
    public var reporter: any Reporter {
        switch self {
        case .json: JSONReporter()
        case .html: HTMLReporter()
        case .sarif: SARIFReporter()
        case .junit: JUnitReporter()
        case .text: TextReporter()
        case .github: GitHubReporter()
        }
    }

    /// Renders `report` in each file format and writes the files atomically into `directory`,
    /// all rendered before any is written, so one failing format leaves every old file as it was.
    public static func write(_ formats: [ReportFormat], report: Report, context: ReportContext, to directory: String) throws -> [String] {
        let files = try formats.compactMap { format -> (String, Data)? in
            guard let name = format.fileName else { return nil }
            return (directory + "/" + name, try format.reporter.render(report, context: context))
        }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for (path, data) in files { try AtomicFile.write(data, to: path) }
        return files.map(\.0)
    }
}

/// report.json.
struct JSONReporter: Reporter {
    func render(_ report: Report, context: ReportContext) throws -> Data {
        report.json()
    }
}
