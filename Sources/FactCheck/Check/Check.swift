import Foundation

/// Phase 2: a check sees facts only, never article text, so it runs over a whole corpus (or
/// a fact store) and across documents. Each kind lives in its own file and reads its own
/// YAML configuration. A check reads facts only through `settings.read`, the keys its YAML
/// lists: scoped suppressions hand it those facts less the suppressed ones.
public protocol Check: Sendable {
    /// The check's id, reported as a finding's `rule`.
    var id: String { get }
    /// Settable so that `check --severity` can change what the YAML says (`PackSelection`).
    var settings: CheckSettings { get set }
    func findings(in facts: FactIndex) -> [Finding]
    /// How the check saw the facts it reads, for `factcheck explain --check`.
    func explain(in facts: FactIndex) -> CheckExplanation
    /// The facts a finding about `fact` can name besides it. A `--changed` run checks only the
    /// partitions the changed documents' facts are in: findings of the others cannot involve them.
    func partition(of fact: Fact) -> FactPartition
    /// Whether a finding can name facts of several documents. A check whose findings each stay
    /// in one document (every `partition(of:)` is `.document`) runs on each file's facts as
    /// soon as a worker has them, so a run never holds those facts all at once.
    var crossesDocuments: Bool { get }
    /// Whether a partition whose facts (those the check reads) have `values` can give a
    /// finding. A run with a store keeps only this summary of each partition while it reads the
    /// corpus, and loads from the store the facts of the partitions that can: in a real archive
    /// most groups agree, so a check across a million facts holds only the conflicting ones.
    /// `true` is always correct, only slower.
    func mayFind(in partition: FactPartition, values: PartitionValues) -> Bool
}

/// A set of facts no finding crosses, by what the check compares.
public enum FactPartition: Hashable, Sendable {
    /// The facts of one document: a check that looks at each article alone.
    case document(String)
    /// The facts of one key, modality and period across the corpus: what a consistency check compares.
    case group(key: String, modality: Modality?, period: String?)
    /// The facts that write one name the same way, across the corpus: what a names check gathers.
    case name(String)
}

/// The distinct normalized values of a partition's facts, as far as `Check.mayFind` asks:
/// none, one (which), or several.
public enum PartitionValues: Sendable, Equatable {
    case none
    case one(FactValue)
    case several

    mutating func add(_ value: FactValue?) {
        guard let value else { return }
        switch self {
        case .none: self = .one(value)
        case .one(let first) where first != value: self = .several
        case .one, .several: break
        }
    }

    mutating func merge(_ other: PartitionValues) {
        switch other {
        case .none: break
        case .one(let value): add(value)
        case .several: self = .several
        }
    }
}

extension Check {
    public func mayFind(in partition: FactPartition, values: PartitionValues) -> Bool { true }

    /// A check that compares nothing: each fact it reads on its own, and its findings.
    public func explain(in facts: FactIndex) -> CheckExplanation {
        let findings = findings(in: facts)
        return CheckExplanation(
            groups: [.init(label: "every fact read, each on its own", facts: settings.read(facts),
                           outcome: findings.isEmpty ? "no finding" : findings.map { "a finding (\($0.severity.rawValue)): \($0.message)" }.joined(separator: "\n"))],
            notCompared: [])
    }
}

/// What `factcheck explain --check` shows: the groups of facts a check compared, what came of
/// each, and the facts it read but compared with none, with why.
public struct CheckExplanation: Sendable {
    public struct Group: Sendable {
        /// What the group's facts share: "trade.turnover/Lào · actual · năm 2024".
        public var label: String
        public var facts: [Fact]
        /// What comparing them gave: a finding, agreement, or why a difference is none.
        public var outcome: String
    }

    public var groups: [Group]
    public var notCompared: [(fact: Fact, reason: String)]
}

/// A corpus's facts with their positions grouped by key, built once and shared by every
/// check, so a check reading two keys of a million facts touches only those keys' facts.
public struct FactIndex: Sendable {
    public let facts: [Fact]
    private let positionsByKey: [String: [Int]]
    /// In a `--changed` run, the changed documents' ids: a conflict's suspects are then their
    /// facts that disagree with the rest of the corpus.
    public let changed: Set<String>?

    public init(_ facts: [Fact], changed: Set<String>? = nil) {
        self.facts = facts
        self.changed = changed
        var positions: [String: [Int]] = [:]
        for (position, fact) in facts.enumerated() { positions[fact.key, default: []].append(position) }
        positionsByKey = positions
    }

    /// The facts whose key matches one of `patterns`, in corpus order.
    func facts(matching patterns: [KeyPattern]) -> [Fact] {
        let keys = positionsByKey.keys.filter { key in patterns.contains { $0.matches(key) } }
        let positions = keys.count == 1 ? positionsByKey[keys[0]]! : keys.flatMap { positionsByKey[$0]! }.sorted()
        return positions.map { facts[$0] }
    }
}

/// What every check's YAML has: which facts it reads, how serious its findings are, and the
/// message editors see, with `{placeholders}` each kind fills.
public struct CheckSettings: Sendable {
    public let id: String
    public let description: String
    /// Key patterns of the facts the check reads; `*` matches any run of characters.
    public let facts: [String]
    /// What the YAML says, unless `check --severity` says otherwise (`PackSelection`).
    public internal(set) var severity: Severity
    public let message: Template
    public let path: String
    public let line: Int
    /// `facts`, ready to match: a run asks them of every file's keys.
    let keys: [KeyPattern]

    init(id: String, description: String, facts: [String], severity: Severity, message: Template, path: String, line: Int) {
        self.id = id
        self.description = description
        self.facts = facts
        self.severity = severity
        self.message = message
        self.path = path
        self.line = line
        keys = facts.map(KeyPattern.init)
    }

    /// The facts whose key is one this check reads, in corpus order.
    func read(_ index: FactIndex) -> [Fact] {
        index.facts(matching: keys)
    }

    /// A finding about `facts` (its suspects), with `evidence` listed after them, its message
    /// filled from `values`.
    func finding(
        key: String, values: [String: String], facts: [Fact], evidence: [Fact] = [], fingerprintValues: [String],
        severity: Severity? = nil, suggestion: String? = nil
    ) -> Finding {
        Finding(
            rule: id, severity: severity ?? self.severity, message: message.render(values), key: key,
            fingerprint: Fingerprint.of([id, key] + fingerprintValues.sorted()),
            suggestion: suggestion, locations: facts.map { Evidence($0) } + evidence.map { Evidence($0, suspect: false) })
    }
}

/// A pattern of fact keys, `*` matching any run of characters (`trade.turnover.target*`),
/// matched byte by byte: keys are extracted from canonical (NFC) text, and the pattern is
/// brought to NFC once.
struct KeyPattern: Sendable {
    /// The pattern as written (NFC).
    let text: String
    /// The pattern's pieces between stars, as UTF-8.
    private let pieces: [[UInt8]]

    init(_ pattern: String) {
        text = pattern.precomposedStringWithCanonicalMapping
        pieces = pattern.precomposedStringWithCanonicalMapping.utf8
            .split(separator: UInt8(ascii: "*"), omittingEmptySubsequences: false).map(Array.init)
    }

    func matches(_ key: String) -> Bool {
        var key = key
        return key.withUTF8(matches)
    }

    private func matches(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
        guard pieces.count > 1 else { return key.elementsEqual(pieces[0]) }
        let (first, last) = (pieces[0], pieces[pieces.count - 1])
        guard key.count >= first.count + last.count, key.starts(with: first), key.suffix(last.count).elementsEqual(last) else {
            return false
        }
        // The middle pieces in order, between the first and the last.
        let middle = UnsafeBufferPointer(rebasing: key[first.count..<(key.count - last.count)])
        var start = 0
        for piece in pieces.dropFirst().dropLast() where !piece.isEmpty {
            guard let found = middle.firstOffset(of: piece, from: start) else { return false }
            start = found + piece.count
        }
        return true
    }
}

/// A stable identity for a finding: its check, key and values, never its line numbers, so a
/// baseline still recognizes it after the text around it moves.
enum Fingerprint {
    /// FNV-1a, 64 bits, as 16 hex digits.
    static func of(_ parts: [String]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in parts.joined(separator: "\u{1F}").utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

/// How many articles, in Vietnamese for editors' messages: "3 bài".
func articleCount(_ facts: [Fact]) -> String {
    "\(Set(facts.map(\.document)).count) bài"
}
