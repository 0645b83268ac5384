import Foundation

/// Findings accepted earlier, recorded by fingerprint (`--write-baseline`), so that a run
/// with `--baseline` shows only what is new. Fingerprints ignore line numbers, so entries
/// survive edits that move text around.
public struct Baseline: Codable, Sendable, Equatable {
    public struct Entry: Codable, Sendable, Hashable {
        public var fingerprint: String
        public var rule: String
        public var key: String
        public var message: String
    }

    public var version = 1
    public var findings: [Entry]

    public init(findings: [Finding]) {
        self.findings = Set(findings.map { Entry(fingerprint: $0.fingerprint, rule: $0.rule, key: $0.key, message: $0.message) })
            .sorted { ($0.fingerprint, $0.rule) < ($1.fingerprint, $1.rule) }
    }

    public static func load(_ path: String) throws -> Baseline {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw OptionFileError(path: path, reason: "no such file or not readable")
        }
        do {
            return try JSONDecoder().decode(Baseline.self, from: data)
        } catch {
            throw OptionFileError(path: path, reason: "not a factcheck baseline: \(error)")
        }
    }

    /// Writes the baseline atomically, creating its directory.
    public func write(to path: String) throws {
        try FileManager.default.createDirectory(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path, withIntermediateDirectories: true)
        try AtomicFile.write(try json(), to: path)
    }

    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }
}

/// A file named by an option (a baseline, a list of changed files) that cannot be used.
public struct OptionFileError: Error, CustomStringConvertible {
    public let path: String
    public let reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): error: \(reason)" }
}

/// What was left out of a report's findings, and why; report.json's `triage`.
public struct Triage: Decodable, Sendable, Equatable {
    /// Facts inline suppressions left out of a check that would otherwise have been named in
    /// one of its findings.
    public var suppressed = 0
    /// Every fact an inline suppression left out of a check, with the directive.
    public var suppressedFacts: [SuppressedFact] = []
    /// Findings hidden because the baseline records them.
    public var baselineHidden = 0
    /// Baseline entries that match no finding any more: fixed, or changed beyond recognition.
    public var staleBaseline: [Baseline.Entry] = []
    /// With `--changed`: the changed documents' paths, and how many findings involved none of
    /// them; nil when only what the changed documents touch was checked (`TriageOptions.checkEverything`).
    public var changed: [String]?
    public var outsideChanged: Int?

    enum CodingKeys: String, CodingKey {
        case suppressed, changed
        case suppressedFacts = "suppressed_facts"
        case baselineHidden = "baseline_hidden"
        case staleBaseline = "stale_baseline"
        case outsideChanged = "outside_changed"
    }
}

/// How a run narrows its findings: inline suppressions, a baseline, and the changed files.
public struct TriageOptions: Sendable {
    public var baseline: Baseline?
    /// Paths of changed documents; nil: everything is reported.
    public var changed: [String]?
    /// With `changed`, check every fact anyway: count the findings outside the changed
    /// documents, list stale baseline entries, and have every finding for `--write-baseline`.
    /// Otherwise only the partitions the changed documents' facts are in are checked
    /// (`FactPartition`): the same findings, at the cost of what changed.
    public var checkEverything = false

    /// Whether the run checks only what the changed documents touch.
    var checksOnlyChanged: Bool { changed != nil && !checkEverything }

    public init(baseline: Baseline? = nil, changed: [String]? = nil) {
        self.baseline = baseline
        self.changed = changed
    }

    /// Reports the suppressions that left out nothing a finding would name, then applies the
    /// baseline, then the changed-files filter (a finding stays when one of its suspects is in
    /// a changed file). Returns what remains and the triage.
    func apply(to findings: [Finding], suppressions: [Suppression], outcomes: [ScopedSuppressions.Outcome]) -> (findings: [Finding], triage: Triage) {
        var triage = Triage()
        let used = outcomes.reduce(into: Set<Int>()) { $0.formUnion($1.used) }
        triage.suppressedFacts = outcomes.flatMap(\.suppressed)
        triage.suppressed = outcomes.reduce(0) { $0 + $1.hidden }
        var kept = findings
        for (index, suppression) in suppressions.enumerated() where !used.contains(index) {
            kept.append(Self.unused(suppression))
        }
        if let baseline {
            let recorded = Set(baseline.findings.map(\.fingerprint))
            let current = Set(kept.map(\.fingerprint))
            // Entries about what was not checked would all look stale.
            triage.staleBaseline = checksOnlyChanged ? [] : baseline.findings.filter { !current.contains($0.fingerprint) }
            triage.baselineHidden = kept.filter { recorded.contains($0.fingerprint) }.count
            kept.removeAll { recorded.contains($0.fingerprint) }
        }
        if let changed {
            let paths = Set(changed.map(Self.normalized))
            triage.changed = changed
            let involved = kept.filter { finding in finding.suspects.contains { paths.contains(Self.normalized($0.location.path)) } }
            triage.outsideChanged = checksOnlyChanged ? nil : kept.count - involved.count
            kept = involved
        }
        return (kept, triage)
    }

    /// A suppression that suppressed nothing, as a finding at the directive.
    static func unused(_ suppression: Suppression) -> Finding {
        let rules = suppression.rules.sorted().joined(separator: ", ")
        let evidence = Evidence(location: suppression.directive, document: suppression.document, value: suppression.directive.text, normalized: nil)
        return Finding(
            rule: "suppression.unused", severity: .warning,
            message: "Chỉ thị tắt kiểm tra không chặn phát hiện nào · unused suppression: \(suppression.directive.text)",
            key: "suppression/\(rules.isEmpty ? "all" : rules)",
            fingerprint: Fingerprint.of(["suppression.unused", suppression.directive.path, suppression.directive.text]),
            suggestion: nil, locations: [evidence])
    }

    /// A path as an absolute, standardized path, so "./a.md" and "a.md" are one file: what
    /// `URL.standardizedFileURL` gives, worked out from the text alone. A run normalizes every
    /// document's path several times, and `URL` asks the file system each time (a `stat`).
    static func normalized(_ path: String) -> String {
        if isNormalized(path) { return path }
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var components: [Substring] = []
        for component in absolute.split(separator: "/") {
            switch component {
            case ".": continue
            case "..": _ = components.popLast()
            default: components.append(component)
            }
        }
        return "/" + components.joined(separator: "/")
    }

    /// Whether `path` is already what `normalized` gives: absolute, with no empty, "." or ".."
    /// component and no slash at its end (the paths a run lists are, unless given otherwise).
    private static func isNormalized(_ path: String) -> Bool {
        let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
        var bytes = path.utf8.makeIterator()
        guard bytes.next() == slash else { return false }
        // The bytes of the current component so far: 0, or 1 or 2 that are all dots, or more.
        var length = 0, dots = 0
        while let byte = bytes.next() {
            if byte == slash {
                guard length > 0, !(length == dots && length <= 2) else { return false }
                (length, dots) = (0, 0)
            } else {
                length += 1
                if byte == dot { dots += 1 }
            }
        }
        return path == "/" || (length > 0 && !(length == dots && length <= 2))
    }
}
