import PCRE2

/// One match of a rule in a document, with the fact it yields when its zone is one the rule reads.
public struct RuleMatch: Sendable {
    public let range: Range<Int>
    /// Named captures that took part, with their text in matching form.
    public let captures: [(name: String, range: Range<Int>, text: String)]
    public let zone: ZoneKind
    /// nil when the match lies in a zone the rule does not read (trailer, duplicate paragraph).
    public let fact: Fact?
}

/// Phase 1: a pure function of one document and the rule pack. Safe to run on many documents
/// at once, each worker with its own `Matcher`.
public struct Extractor: Sendable {
    public let pack: RulePack

    public init(pack: RulePack) {
        self.pack = pack
    }

    /// Every fact the pack's rules find in `document`, in rule order then text order.
    public func extract(_ document: Document, matcher: Matcher) -> (facts: [Fact], errors: [ExtractionError]) {
        var facts: [Fact] = []
        var errors: [ExtractionError] = []
        document.canonical.bytes.withUnsafeBufferPointer { text in
            let zones = ZoneMap(text: text, markers: pack.zones, matcher: matcher)
            for rule in pack.rules {
                do {
                    try forEachMatch(of: rule, in: document, text: text, zones: zones, ranges: zones.ranges(for: rule.zones), matcher: matcher) { match in
                        if let fact = match.fact { facts.append(fact) }
                    }
                } catch {
                    errors.append(Self.error(error, rule: rule, document: document))
                }
            }
        }
        return (facts, errors)
    }

    /// Every match of one rule in every zone, for `factcheck explain`: matches in zones the
    /// rule does not read are included, without a fact.
    public func explain(_ rule: ExtractRule, in document: Document, matcher: Matcher) -> (matches: [RuleMatch], error: ExtractionError?) {
        var matches: [RuleMatch] = []
        var failure: ExtractionError?
        document.canonical.bytes.withUnsafeBufferPointer { text in
            let zones = ZoneMap(text: text, markers: pack.zones, matcher: matcher)
            do {
                try forEachMatch(of: rule, in: document, text: text, zones: zones, ranges: zones.ranges(for: Set(ZoneKind.allCases)), matcher: matcher) {
                    matches.append($0)
                }
            } catch {
                failure = Self.error(error, rule: rule, document: document)
            }
        }
        return (matches, failure)
    }

    private func forEachMatch(
        of rule: ExtractRule, in document: Document, text: UnsafeBufferPointer<UInt8>, zones: ZoneMap,
        ranges: [Range<Int>], matcher: Matcher, _ body: (RuleMatch) -> Void
    ) throws {
        let names = rule.regex.groupNumbers.sorted { $0.value < $1.value }
        for range in ranges {
            try matcher.forEachMatch(of: rule.regex, in: text, range: range, matchLimit: rule.matchLimit) { match in
                let zone = zones.kind(at: match.range.lowerBound) ?? .body
                var captures: [(name: String, range: Range<Int>, text: String)] = []
                for (name, number) in names {
                    guard let group = match[number] else { continue }
                    captures.append((name, group, document.canonicalText(group)))
                }
                var fact: Fact?
                if rule.zones.contains(zone) {
                    let values = Dictionary(captures.map { ($0.name, $0.text) }, uniquingKeysWith: { first, _ in first })
                    fact = Fact(
                        rule: rule.id, key: rule.key.render(values), value: rule.value.render(values), type: rule.valueType,
                        document: document.id, zone: zone, location: document.location(of: match.range), captures: values)
                }
                body(RuleMatch(range: match.range, captures: captures, zone: zone, fact: fact))
                return true
            }
        }
    }

    private static func error(_ error: any Error, rule: ExtractRule, document: Document) -> ExtractionError {
        if case PCRE2Error.matchLimit(let limit) = error {
            return .matchLimit(path: document.path, line: document.line, document: document.id, rule: rule.id, limit: limit)
        }
        return .matchFailed(path: document.path, line: document.line, document: document.id, rule: rule.id, message: "\(error)")
    }
}
