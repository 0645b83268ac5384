/// What a statement is: facts of different modality are never compared (DESIGN §7).
public enum Modality: String, Codable, Sendable, CaseIterable {
    case target
    case interimTarget = "interim-target"
    case actual
    case forecast
    case plan
}

/// What a rule extracted from one place in one article. Facts are all the check phase sees:
/// they carry their location and original text, so the article itself can be dropped.
///
/// A fact never changes once extracted, and the checks group, sort and quote the same facts
/// many times over: an immutable class makes each of those copies one reference instead of
/// a dozen (its strings and dictionary), which halves the time checks take.
public final class Fact: Decodable, Sendable {
    /// The id of the rule that produced it.
    public let rule: String
    /// What the fact is about (from the rule's key template), e.g. `trade.target`.
    public let key: String
    /// The value as extracted (from the rule's value template), in matching form.
    public let value: String
    public let type: ValueType
    /// The value typed and normalized; nil when the text is not a `type` (a rule to fix).
    public let normalized: FactValue?
    public let modality: Modality?
    /// The period the fact is about, from the rule's period template, in one spelling per
    /// period ("quý I/2025" for "Quý 1 năm 2025"; `Extractor.periodLabel`).
    public let period: String?
    /// The article's date: what the fact is true as of, when it names no period.
    public let asOf: CalendarDate?
    /// The id of the document it came from.
    public let document: String
    public let zone: ZoneKind
    /// The number of the sentence (or clause) it is in, from 0 (`Sentences`): facts of one
    /// sentence are stated together.
    public let sentence: Int
    public let location: SourceLocation
    /// Every named capture that took part, in matching form.
    public let captures: [String: String]
    /// The context variables the key needs that the article does not tell (`["partner"]`: no
    /// country in the fact's sentence, the title, front matter or the article), so the key has
    /// "?" in their place; nil when there are none. No consistency check compares such a fact.
    public let unknownContext: [String]?

    init(
        rule: String, key: String, value: String, type: ValueType, normalized: FactValue?, modality: Modality?, period: String?,
        asOf: CalendarDate?, document: String, zone: ZoneKind, sentence: Int, location: SourceLocation, captures: [String: String],
        unknownContext: [String]? = nil
    ) {
        self.rule = rule
        self.key = key
        self.value = value
        self.type = type
        self.normalized = normalized
        self.modality = modality
        self.period = period
        self.asOf = asOf
        self.document = document
        self.zone = zone
        self.sentence = sentence
        self.location = location
        self.captures = captures
        self.unknownContext = unknownContext
    }

    enum CodingKeys: String, CodingKey {
        case rule, key, value, type, normalized, modality, period, document, zone, sentence, location, captures
        case asOf = "as_of"
        case unknownContext = "unknown_context"
    }
}

/// A rule's match limit was reached, or PCRE2 failed otherwise, on one document: the rule's
/// facts from that document may be incomplete; other rules and documents are unaffected.
public enum ExtractionError: LocatedError, Equatable {
    case matchLimit(path: String, line: Int, document: String, rule: String, limit: UInt32)
    case matchFailed(path: String, line: Int, document: String, rule: String, message: String)
    /// The rule yielded `limit` facts on one document and the rest were dropped.
    case factCap(path: String, line: Int, document: String, rule: String, limit: Int)
    /// A fact's number is beyond what factcheck represents exactly (`ValueLimits`): the fact
    /// is kept without a normalized value, so no check compares it.
    case valueOutOfRange(path: String, line: Int, column: Int, document: String, rule: String, value: String, number: String)

    public var kind: ErrorKind {
        switch self {
        case .matchLimit, .factCap: .matchLimit
        case .matchFailed: .rule
        case .valueOutOfRange: .input
        }
    }

    public var path: String {
        switch self {
        case .matchLimit(let path, _, _, _, _), .matchFailed(let path, _, _, _, _), .factCap(let path, _, _, _, _),
             .valueOutOfRange(let path, _, _, _, _, _, _): path
        }
    }

    public var line: Int? {
        switch self {
        case .matchLimit(_, let line, _, _, _), .matchFailed(_, let line, _, _, _), .factCap(_, let line, _, _, _),
             .valueOutOfRange(_, let line, _, _, _, _, _): line
        }
    }

    public var column: Int? {
        if case .valueOutOfRange(_, _, let column, _, _, _, _) = self { return column }
        return nil
    }

    public var ruleID: String? {
        switch self {
        case .matchLimit(_, _, _, let rule, _), .matchFailed(_, _, _, let rule, _), .factCap(_, _, _, let rule, _),
             .valueOutOfRange(_, _, _, _, let rule, _, _): rule
        }
    }

    public var message: String {
        switch self {
        case .matchLimit(_, _, let document, _, let limit):
            "the rule's pattern hit the match limit (\(limit)) on document '\(document)': it backtracks too much; "
                + "its facts from this document may be incomplete. Simplify the pattern or lower 'match_limit'"
        case .factCap(_, _, let document, _, let limit):
            "the rule yielded \(limit) facts on document '\(document)', its limit; the rest were dropped. A pattern that matches "
                + "almost anything (or the empty string) floods the report: tighten it, or raise 'max_facts' if the article really says that much"
        case .matchFailed(_, _, let document, _, let message):
            "matching failed on document '\(document)': \(message)"
        case .valueOutOfRange(_, _, _, let document, _, let value, let number):
            "the value '\(value)' on document '\(document)' is out of range: '\(number)' has more than \(ValueLimits.digits) digits "
                + "or exceeds 10^21; the fact is kept without a normalized value and is not compared"
        }
    }
}
