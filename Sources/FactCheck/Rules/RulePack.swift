import PCRE2

/// The parts of an article a rule looks at (DESIGN §5, zones).
public enum ZoneKind: String, Codable, Sendable, CaseIterable, Comparable {
    /// Running text.
    case body
    /// A photo caption ("... Ảnh: TTXVN").
    case caption
    /// Boilerplate at the end ("Tin liên quan", "Mời quý độc giả theo dõi ..."): teasers of old news.
    case trailer
    /// A paragraph repeated verbatim: it counts once, so its repeats are never read.
    case duplicate

    public static func < (lhs: ZoneKind, rhs: ZoneKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// What kind of value a fact holds; #3's typed values parse these.
public enum ValueType: String, Codable, Sendable, CaseIterable {
    case money, count, percent, date, name, person, text
}

/// A pattern with the rule file position it came from.
public struct SourcedPattern: Sendable {
    /// As written in the rule file, before fragments are expanded.
    public let source: String
    public let path: String
    /// Line of the pattern's first character in the file.
    public let line: Int
}

/// A named, reusable piece of pattern, referenced as `{{name}}`.
public struct Fragment: Sendable {
    public let name: String
    public let pattern: SourcedPattern
}

/// An example text and the facts a rule must extract from it.
public struct RuleExample: Sendable {
    public struct ExpectedFact: Sendable, Hashable {
        public let key: String
        public let value: String
    }

    public let text: String
    public let facts: [ExpectedFact]
    public let line: Int
}

/// A text a rule must extract nothing from.
public struct RuleCounterexample: Sendable {
    public let text: String
    public let line: Int
}

/// One fact a rule's match states: templates its named captures fill, and what the value is.
public struct FactTemplate: Sendable {
    public let key: Template
    public let value: Template
    public let type: ValueType
    public let modality: Modality?
    /// What period the fact is about, when the text says ("{period}").
    public let period: Template?

    var usesContext: Bool {
        key.usesContext || value.usesContext || period?.usesContext == true
    }
}

/// An extraction rule: a pattern whose named captures fill its facts' key and value templates.
public struct ExtractRule: Sendable {
    public let id: String
    public let description: String
    public let path: String
    public let line: Int
    public let pattern: SourcedPattern
    /// The pattern with fragments expanded, compiled and JIT-compiled.
    public let regex: Regex
    public let matchLimit: UInt32
    /// At most this many facts per document; the rest are dropped and reported.
    public let maxFacts: Int
    /// Literals of which at least one must occur in a document's matching form for the
    /// rule to run on it (empty: always run). A cheap byte search skips most documents.
    public let requires: [[UInt8]]
    public let zones: Set<ZoneKind>
    /// What one match states: usually one fact, several when a sentence gives a figure and
    /// its growth at once. A fact whose value comes out empty (its captures took no part) is
    /// not stated.
    public let facts: [FactTemplate]
    /// When set, the rule's matches are mentions of this context variable's values, which other
    /// rules use as `{@name}`: each fact takes the one nearest it (`DocumentContext`).
    public let context: String?
    public let examples: [RuleExample]
    public let counterexamples: [RuleCounterexample]

    /// Facts per rule per document unless the rule sets `max_facts`: far more than an article
    /// states, far fewer than a pattern matching everywhere yields.
    public static let defaultMaxFacts = 1_000

    /// The names of the pattern's groups, in group-number order.
    public var captureNames: [String] {
        regex.groupNumbers.sorted { $0.value < $1.value }.map(\.key)
    }
}

/// An event rule: an event of one kind (talks, a visit, a signing) assembled after extraction
/// from a date fact and the participants its sentence names (`Extract/Events.swift`). Its facts
/// are keyed `{id}/{participants}`, valued with the date.
public struct EventRule: Sendable {
    /// Where participants come from: facts with these keys, each named as a table or gazetteer spells it.
    struct Participants: Sendable {
        enum Names: Sendable {
            /// As written, spaces collapsed.
            case asWritten
            /// The office table's spelling of a person it knows, or nearly knows (`OfficeHolders`),
            /// with the country of each holder: the side they are on.
            case offices(OfficeHolders, countries: [String: String])
            /// The gazetteer's canonical name of a known or nearly known name.
            case gazetteer(Gazetteer)
        }

        /// Key patterns of the facts naming them.
        let facts: [KeyPattern]
        let names: Names
    }

    public let id: String
    public let description: String
    public let path: String
    public let line: Int
    /// Key patterns of the date facts that can date this kind of event, compiled once: every
    /// fact of every article is asked.
    let dates: [KeyPattern]
    /// The date fact's `verb` capture (lowercased, matching form) must begin with one of
    /// these words; empty: any verb.
    public let verbs: [String]
    /// The kinds of date that date the event (empty: any). A visit is dated by its days, and one
    /// day in a visit sentence is a moment of it (the day it begins or ends); talks are dated by
    /// one day, and days in their sentence are the visit's.
    public let dateKinds: Set<DateValue.Kind>
    /// The date fact's capture that names where the event goes (a visit's country): part of the key.
    public let destination: String?
    let participants: [Participants]
    /// Key patterns of the facts naming where it took place ("tại Hà Nội"): the `place` capture.
    let places: [KeyPattern]
    public let examples: [RuleExample]
    public let counterexamples: [RuleCounterexample]
}

/// Patterns that mark where zones begin, configured by the rule pack.
public struct ZoneMarkers: Sendable {
    /// A line matching one of these starts the trailer, which runs to the end of the article.
    public var trailer: [Regex] = []
    /// A paragraph with a line matching one of these is a caption.
    public var caption: [Regex] = []
}

/// Every rule, fragment and zone marker of a rule pack directory, and what failed to load.
public struct RulePack: Sendable {
    public var rules: [ExtractRule] = []
    public var fragments: [String: Fragment] = [:]
    public var zones = ZoneMarkers()
    /// Events assembled after extraction from the facts of one sentence.
    public var events: [EventRule] = []
    public var checks: [any Check] = []
    public var gazetteers: [String: Gazetteer] = [:]
    /// Reference tables by name: office holders, and named events (`eventTables`).
    public var tables: [String: [OfficeTerm]] = [:]
    public var eventTables: [String: [NamedEvent]] = [:]
    public var errors: [RuleError] = []
    /// The rule files read, in order.
    public var files: [String] = []

    public init() {}

    public func rule(withID id: String) -> ExtractRule? {
        rules.first { $0.id == id }
    }

    /// The rule id nearest to a mistyped one, for "did you mean".
    public func closestRuleID(to id: String) -> String? {
        EditDistance.closest(to: id, in: rules.map(\.id), maximum: 3)
    }

    public func check(withID id: String) -> (any Check)? {
        checks.first { $0.id == id }
    }

    public func closestCheckID(to id: String) -> String? {
        EditDistance.closest(to: id, in: checks.map(\.id), maximum: 3)
    }
}
