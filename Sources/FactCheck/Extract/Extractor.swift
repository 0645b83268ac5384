import PCRE2

/// One match of a rule in a document, with the facts it states when its zone is one the rule reads.
public struct RuleMatch: Sendable {
    public let range: Range<Int>
    /// Named captures that took part, with their text in matching form.
    public let captures: [(name: String, range: Range<Int>, text: String)]
    public let zone: ZoneKind
    /// Empty when the match lies in a zone the rule does not read (trailer, duplicate
    /// paragraph). Each fact comes with why it has no normalized value when that must be
    /// said: a number out of range (an error) or one that two conventions read differently
    /// (the sanity check flags it).
    public let facts: [(fact: Fact, problem: ValueProblem?)]
    /// Whether the rule reads the match's zone.
    public let read: Bool
}

/// Phase 1: a pure function of one document and the rule pack. Safe to run on many documents
/// at once, each worker with its own `Matcher`.
public struct Extractor: Sendable {
    public let pack: RulePack

    public init(pack: RulePack) {
        self.pack = pack
    }

    /// Every fact the pack's rules find in `document`, in rule order then text order, then the
    /// letters of another script inside Latin words (`mixedScriptFacts`), which no rule makes.
    /// Context rules run first, so that other rules' keys can use `{@variable}`, each fact with
    /// the value nearest it (`DocumentContext`); a context rule yields one fact, the article's
    /// default value, at its first mention.
    public func extract(_ document: Document, matcher: Matcher) -> (facts: [Fact], errors: [ExtractionError]) {
        let result = extractWithContext(document, matcher: matcher)
        return (result.facts, result.errors)
    }

    /// `extract`, with the context its facts' keys were rendered with (for `explain`).
    private func extractWithContext(_ document: Document, matcher: Matcher) -> (facts: [Fact], errors: [ExtractionError], context: DocumentContext) {
        var facts: [[Fact]] = Array(repeating: [], count: pack.rules.count)
        var errors: [ExtractionError] = []
        var context = DocumentContext.none
        var observed: [Fact] = []
        document.canonical.bytes.withUnsafeBufferPointer { text in
            let zones = ZoneMap(text: text, markers: pack.zones, matcher: matcher, markedCaption: document.isMarkedCaption)
            let sentences = Sentences(text)
            let mixedScript = Self.mixedScriptFacts(in: document, text: text, zones: zones, sentences: sentences)
            observed = mixedScript.facts
            if let error = mixedScript.error { errors.append(error) }
            var mentions: [String: [DocumentContext.Mention]] = [:]
            func run(_ index: Int, _ rule: ExtractRule, context: DocumentContext) {
                guard Self.mayMatch(rule, in: text) else { return }
                do {
                    try forEachMatch(of: rule, in: document, text: text, zones: zones, sentences: sentences,
                                     ranges: zones.ranges(for: rule.zones), context: context, matcher: matcher) { match in
                        for (fact, problem) in match.facts {
                            if case .outOfRange(let number) = problem {
                                errors.append(.valueOutOfRange(path: document.path, line: fact.location.line, column: fact.location.column,
                                                               document: document.id, rule: rule.id, value: fact.value, number: number))
                            }
                            guard facts[index].count < rule.maxFacts else {
                                errors.append(.factCap(path: document.path, line: document.line, document: document.id, rule: rule.id, limit: rule.maxFacts))
                                return false
                            }
                            facts[index].append(fact)
                            if let name = rule.context {
                                mentions[name, default: []].append(.init(value: fact.value, range: match.range, sentence: fact.sentence))
                            }
                        }
                        return true
                    }
                } catch {
                    errors.append(Self.error(error, rule: rule, document: document))
                }
            }
            for (index, rule) in pack.rules.enumerated() where rule.context != nil {
                run(index, rule, context: .none)
            }
            context = DocumentContext(mentions: mentions, titleMentions: titleMentions(document, matcher: matcher),
                                      fields: document.metadata.extra)
            for (index, rule) in pack.rules.enumerated() {
                if let name = rule.context {
                    facts[index] = facts[index].first { $0.value == context.defaults[name] }.map { [$0] } ?? []
                } else {
                    run(index, rule, context: context)
                }
            }
        }
        return (pack.withEvents(Self.removingRestatements(facts.flatMap { $0 })) + observed, errors, context)
    }

    /// One statement read by two rules is one fact: a bilateral sentence's imports ("…, trong
    /// đó xuất khẩu đạt X, nhập khẩu từ nước bạn trị giá Y") are also read by the rule for
    /// imports alone. Of facts with one key, modality and value whose spans overlap, the one
    /// that knows its period is kept, else the first.
    static func removingRestatements(_ facts: [Fact]) -> [Fact] {
        func overlap(_ a: SourceLocation, _ b: SourceLocation) -> Bool {
            (a.line, a.column) < (b.endLine, b.endColumn) && (b.line, b.column) < (a.endLine, a.endColumn)
        }
        var kept: [Fact?] = facts
        var seen: [String: [Int]] = [:]
        for (index, fact) in facts.enumerated() {
            let statement = "\(fact.key)\u{0}\(fact.value)\u{0}\(fact.modality?.rawValue ?? "")"
            if let other = seen[statement, default: []].first(where: { kept[$0].map { overlap($0.location, fact.location) } ?? false }) {
                if kept[other]!.period == nil, fact.period != nil { kept[other] = nil } else { kept[index] = nil; continue }
            }
            seen[statement, default: []].append(index)
        }
        return kept.compactMap { $0 }
    }

    /// False when the rule requires literals and none occurs in the text: the rule cannot
    /// match, and its pattern need not run.
    static func mayMatch(_ rule: ExtractRule, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        rule.requires.isEmpty || rule.requires.contains { text.contains($0) }
    }

    /// Every match of one rule in every zone, for `factcheck explain`: matches in zones the
    /// rule does not read are included, without a fact.
    public func explain(_ rule: ExtractRule, in document: Document, matcher: Matcher) -> (matches: [RuleMatch], error: ExtractionError?) {
        let context = rule.facts.contains(where: \.usesContext) ? extractWithContext(document, matcher: matcher).context : .none
        var matches: [RuleMatch] = []
        var failure: ExtractionError?
        document.canonical.bytes.withUnsafeBufferPointer { text in
            let zones = ZoneMap(text: text, markers: pack.zones, matcher: matcher, markedCaption: document.isMarkedCaption)
            do {
                try forEachMatch(of: rule, in: document, text: text, zones: zones, sentences: Sentences(text),
                                 ranges: zones.ranges(for: Set(ZoneKind.allCases)),
                                 context: context, matcher: matcher) {
                    matches.append($0)
                    return true
                }
            } catch {
                failure = Self.error(error, rule: rule, document: document)
            }
        }
        return (matches, failure)
    }

    /// The values each context rule finds in the document's title, in the order found.
    private func titleMentions(_ document: Document, matcher: Matcher) -> [String: [String]] {
        guard let title = document.metadata.title else { return [:] }
        var mentions: [String: [String]] = [:]
        Array(Canonicalizer.canonicalize(title).utf8).withUnsafeBufferPointer { text in
            for rule in pack.rules where rule.context != nil {
                let names = rule.regex.groupNumbers
                // A title is one short line. Should a context rule hit its match limit there, the title
                // tells nothing more and the body (where the limit is reported) still does.
                try? matcher.forEachMatch(of: rule.regex, in: text, matchLimit: rule.matchLimit) { match in
                    let captures = names.compactMapValues { match[$0].map { String(decoding: UnsafeBufferPointer(rebasing: text[$0]), as: UTF8.self) } }
                    let value = rule.facts[0].value.render(captures)
                    if !value.isEmpty { mentions[rule.context!, default: []].append(value) }
                    return true
                }
            }
        }
        return mentions
    }

    /// Calls `body` with every match of `rule` in `ranges`, in text order, until it returns false.
    private func forEachMatch(
        of rule: ExtractRule, in document: Document, text: UnsafeBufferPointer<UInt8>, zones: ZoneMap, sentences: Sentences,
        ranges: [Range<Int>], context: DocumentContext, matcher: Matcher, _ body: (RuleMatch) -> Bool
    ) throws {
        var going = true
        let names = rule.regex.groupNumbers.sorted { $0.value < $1.value }
        let usesContext = rule.facts.contains(where: \.usesContext)
        // One budget for the rule on the whole document, however many zones it is searched in.
        var budget = MatchBudget(limit: rule.matchLimit)
        for range in ranges where going {
            try matcher.forEachMatch(of: rule.regex, in: text, range: range, budget: &budget) { match in
                let zone = zones.kind(at: match.range.lowerBound) ?? .body
                var captures: [(name: String, range: Range<Int>, text: String)] = []
                for (name, number) in names {
                    guard let group = match[number] else { continue }
                    captures.append((name, group, document.canonicalText(group)))
                }
                let read = rule.zones.contains(zone)
                var facts: [(fact: Fact, problem: ValueProblem?)] = []
                if read {
                    let values = Dictionary(captures.map { ($0.name, $0.text) }, uniquingKeysWith: { first, _ in first })
                    let sentence = sentences.number(at: match.range.lowerBound)
                    let variables = usesContext
                        ? context.values(for: match.range, sentences: sentence...sentences.number(at: max(match.range.lowerBound, match.range.upperBound - 1)))
                        : [:]
                    facts = rule.facts.compactMap {
                        makeFact($0, rule: rule, match: match.range, captures: values, context: variables, zone: zone,
                                 sentence: sentence, document: document, text: text)
                    }
                }
                going = body(RuleMatch(range: match.range, captures: captures, zone: zone, facts: facts, read: read))
                return going
            }
        }
    }

    /// The fact one template states for a match, its `{@variables}` from `context` (the values
    /// for this match); nil when its value is empty (the captures it names took no part in the match).
    private func makeFact(
        _ template: FactTemplate, rule: ExtractRule, match: Range<Int>, captures: [String: String], context: [String: String],
        zone: ZoneKind, sentence: Int, document: Document, text: UnsafeBufferPointer<UInt8>
    ) -> (fact: Fact, problem: ValueProblem?)? {
        let value = template.value.render(captures, context: context)
        guard !value.isEmpty else { return nil }
        let period = template.period.map { $0.render(captures, context: context) }.flatMap { $0.isEmpty ? nil : $0 }
        let cues = template.type == .date || period != nil ? Self.sentence(around: match, in: text) : ""
        let parseContext = FactValue.Context(captures: captures, articleDate: document.metadata.date, sentence: cues)
        var normalized: FactValue?
        var problem: ValueProblem?
        do {
            normalized = try FactValue.parse(value, as: template.type, context: parseContext)
        } catch {
            problem = error
        }
        let unknown = template.key.contextNames.filter { context[$0] == nil }
        let fact = Fact(
            rule: rule.id, key: template.key.render(captures, context: context), value: value, type: template.type,
            normalized: normalized, modality: template.modality, period: period.flatMap { Self.periodLabel($0, context: parseContext) },
            asOf: document.metadata.date, document: document.id, zone: zone, sentence: sentence,
            location: document.location(of: match), captures: captures, unknownContext: unknown.isEmpty ? nil : unknown)
        return (fact, problem)
    }

    /// The period a fact is about, one spelling per period ("Quý I/2025", "quý 1 năm 2025" and
    /// "3 tháng đầu năm 2025" are all "quý I/2025"), so that facts compare by the period they
    /// mean. A period the date grammar does not read is compared as written, in lowercase. A
    /// period whose year cannot be known ("11 tháng đầu năm" in an undated article) is no
    /// period: two such articles may be years apart. Its text stays in the fact's captures.
    static func periodLabel(_ written: String, context: FactValue.Context) -> String? {
        if let period = DateValue(parsing: written, articleDate: context.articleDate, sentence: context.sentence) {
            return period.year == nil ? nil : period.label
        }
        return written.lowercased().split(separator: " ").joined(separator: " ")
    }

    /// The sentence around a match (to the nearest ". ", "!", "?", ";" or line end, at most
    /// 300 bytes each way), for tense cues. A dot inside "10.000" does not end a sentence.
    static func sentence(around range: Range<Int>, in text: UnsafeBufferPointer<UInt8>) -> String {
        func endsSentence(at index: Int) -> Bool { Sentences.ends(at: index, in: text) }
        var start = range.lowerBound
        while start > 0, range.lowerBound - start < 300, !endsSentence(at: start - 1) { start -= 1 }
        var end = range.upperBound
        while end < text.count, end - range.upperBound < 300, !endsSentence(at: end) { end += 1 }
        // Stay on whole UTF-8 characters.
        while start < range.lowerBound, text[start] & 0xC0 == 0x80 { start += 1 }
        while end > range.upperBound, end < text.count, text[end] & 0xC0 == 0x80 { end -= 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: text[start..<end]), as: UTF8.self)
    }

    private static func error(_ error: any Error, rule: ExtractRule, document: Document) -> ExtractionError {
        if case PCRE2Error.matchLimit(let limit) = error {
            return .matchLimit(path: document.path, line: document.line, document: document.id, rule: rule.id, limit: limit)
        }
        return .matchFailed(path: document.path, line: document.line, document: document.id, rule: rule.id, message: "\(error)")
    }
}
