import Foundation

/// How serious a finding is; `--fail-on` compares against it.
public enum Severity: String, Codable, Sendable, CaseIterable, Comparable {
    case info, warning, error

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A problem a check found in the facts, with the evidence for it.
public struct Finding: Decodable, Sendable, Hashable {
    /// The id of the check.
    public var rule: String
    public var severity: Severity
    public var message: String
    /// The fact key the finding is about.
    public var key: String
    /// Stable across runs and line moves: the check, the key and the values involved.
    public var fingerprint: String
    /// The spelling to use, for a name that is close to a known one.
    public var suggestion: String?
    /// Every fact involved, the agreeing ones too, in the file as written: the suspects first.
    public var locations: [Evidence]

    /// The facts the finding is about, which an editor should look at.
    public var suspects: [Evidence] { locations.filter(\.suspect) }
}

/// One fact behind a finding: where it is, what it says, and what that means normalized.
/// In JSON the location's fields sit beside the others: `path`, `line`, `column`, ..., `value`.
public struct Evidence: Decodable, Sendable, Hashable {
    public var location: SourceLocation
    public var document: String
    /// The fact's value as extracted ("10.000 triệu USD").
    public var value: String
    /// The value normalized ("10,000,000,000 USD"), when it parsed.
    public var normalized: String?
    /// Whether the finding is about this fact (a suspect) or it is evidence: a consistency
    /// finding's suspects are the values the fewest articles give (in a `--changed` run, the
    /// changed articles' values that disagree with the rest); the others are evidence. A
    /// finding of another kind is about every fact it names.
    public var suspect: Bool
    /// The fact's date (`Fact.asOf`): a finding says when each of its figures was true without
    /// the list of every fact, and the HTML timeline places them by it.
    public var asOf: CalendarDate?
    /// The fact's period (`Fact.period`), for the same reason.
    public var period: String?
    /// The normalized value as a number, for the HTML timeline; not in report.json, so nil in a
    /// report read back from it. Taken from the fact while it is at hand because `normalized`
    /// is display text that does not parse back: the value grammar reads "10,000,000,000 USD"
    /// two ways, and refuses to guess.
    var number: Double?

    init(location: SourceLocation, document: String, value: String, normalized: String?, suspect: Bool = true) {
        self.location = location
        self.document = document
        self.value = value
        self.normalized = normalized
        self.suspect = suspect
    }

    init(_ fact: Fact, suspect: Bool = true) {
        location = fact.location
        document = fact.document
        value = fact.value
        normalized = fact.normalized?.display
        self.suspect = suspect
        asOf = fact.asOf
        period = fact.period
        number = fact.normalized?.numericValue
    }

    private enum CodingKeys: String, CodingKey {
        case document, value, normalized, suspect, period
        case asOf = "as_of"
    }

    public init(from decoder: Decoder) throws {
        location = try SourceLocation(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        document = try container.decode(String.self, forKey: .document)
        value = try container.decode(String.self, forKey: .value)
        normalized = try container.decodeIfPresent(String.self, forKey: .normalized)
        suspect = try container.decodeIfPresent(Bool.self, forKey: .suspect) ?? true
        asOf = try container.decodeIfPresent(CalendarDate.self, forKey: .asOf)
        period = try container.decodeIfPresent(String.self, forKey: .period)
    }
}

/// An input or rule that could not be (fully) processed: report.json's `errors[]`.
public struct ReportedError: LocatedError, Decodable, Hashable {
    public var kind: ErrorKind
    public var path: String
    public var line: Int?
    public var column: Int?
    public var rule: String?
    public var message: String
    /// `error`, or `warning` for what was read but probably not as meant: the report lists
    /// those apart (`Report.warnings`), so not in the JSON of an entry.
    public var severity: Severity = .error
    /// More lines for a terminal (a pattern with a caret under the error); not in the JSON.
    public var detail: String?

    enum CodingKeys: String, CodingKey {
        case kind, path, line, column, rule, message
    }

    public var ruleID: String? { rule }

    public init(_ error: some LocatedError) {
        kind = error.kind
        path = error.path
        line = error.line
        column = error.column
        rule = error.ruleID
        message = error.message
        severity = error.severity
        detail = (error as? RuleError)?.caret
    }
}

/// One article of the batch, as listed in the report.
public struct ReportedDocument: Decodable, Sendable, Hashable {
    public var id: String
    public var path: String
    public var line: Int
    public var title: String?
    public var date: CalendarDate?
    public var url: String?
    public var facts: Int
}

/// Everything a run found: what report.json holds. Same input, same bytes: nothing here
/// depends on time, thread count or the order work finished in.
public struct Report: Decodable, Sendable {
    public struct Summary: Decodable, Sendable, Hashable {
        public var documents: Int
        public var rules: Int
        public var facts: Int
        public var findings: Int
        public var errors: Int
    }

    /// The version of report.json's format (see docs/report.schema.json). Version 2 lists
    /// facts only when asked (`facts`) and gives each finding's evidence its date and period.
    public var version = 2
    public var summary: Summary
    public var documents: [ReportedDocument]
    /// Every fact extracted, only with `--report-facts`: the archive is 5–6 times the size of
    /// the corpus, and what a reader needs of it is in the findings' evidence. nil otherwise;
    /// `summary.facts` counts them either way.
    public var facts: [Fact]?
    public var findings: [Finding]
    /// What was left out of `findings`: suppressed, in the baseline, or outside `--changed`.
    public var triage: Triage
    public var errors: [ReportedError]
    /// Inputs read, but probably not as meant (a front matter `Date:`, a `titel:`): in
    /// report.json only when there are some. They change no exit code.
    public var warnings: [ReportedError] = []

    /// The exit code DESIGN §9 asks for: 2 when something could not be checked, else 1 when a
    /// finding is at or above `failOn` (nil: never), else 0. Warnings count for nothing here.
    public func exitCode(failOn: Severity?) -> Int32 {
        if !errors.isEmpty { return 2 }
        if let failOn, findings.contains(where: { $0.severity >= failOn }) { return 1 }
        return 0
    }

    init(summary: Summary, documents: [ReportedDocument], facts: [Fact]?, findings: [Finding], triage: Triage, diagnostics: [ReportedError]) {
        self.summary = summary
        self.documents = documents
        self.facts = facts
        self.findings = findings
        self.triage = triage
        errors = diagnostics.filter { $0.severity == .error }
        warnings = diagnostics.filter { $0.severity == .warning }
    }

    private enum CodingKeys: String, CodingKey {
        case version, summary, documents, facts, findings, triage, errors, warnings
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        version = try container.decode(Int.self, forKey: .version)
        summary = try container.decode(Summary.self, forKey: .summary)
        documents = try container.decode([ReportedDocument].self, forKey: .documents)
        facts = try container.decodeIfPresent([Fact].self, forKey: .facts)
        findings = try container.decode([Finding].self, forKey: .findings)
        triage = try container.decode(Triage.self, forKey: .triage)
        errors = try container.decode([ReportedError].self, forKey: .errors)
        warnings = try (container.decodeIfPresent([ReportedError].self, forKey: .warnings) ?? []).map { warning in
            var warning = warning
            warning.severity = .warning
            return warning
        }
    }
}
