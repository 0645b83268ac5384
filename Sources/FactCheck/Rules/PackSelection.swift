/// `check --only`, `--disable` and `--severity`: a run with part of the pack, or with a check's
/// severity changed, for trying a rule and for adopting a check in stages.
///
/// - `--only` keeps the rules, event rules and checks it names, and what they need to work:
///   a check keeps the rules and event rules whose keys it reads (a check with no facts would
///   find nothing, so `--only consistency.trade-target` runs the trade rules too); an event
///   rule keeps the rules whose facts it joins; a rule keeps the context rules its `{@...}`
///   use. A rule or event rule named keeps the checks that read its keys, which then see its
///   facts alone: trying a rule shows what the checks make of them. Other checks are left out.
/// - `--disable` then takes out what it names, and nothing else: a check whose rules are
///   disabled runs on the facts left.
/// - `--severity CHECK=LEVEL` runs the check as if its YAML said `severity: LEVEL`. Its
///   findings keep their fingerprints (a baseline still matches them); findings the check
///   gives a level of their own (an alias at `info`) keep it.
///
/// The extraction fingerprint covers which rules run (`ExtractionFingerprint`), so facts a
/// narrowed run stores are never reused by a full run, nor the other way round.
public struct PackSelection: Sendable {
    public var only: [String] = []
    public var disable: [String] = []
    /// Check id and level, in the order given; a later one for the same check wins.
    public var severities: [(check: String, level: Severity)] = []

    public init(only: [String] = [], disable: [String] = [], severities: [(check: String, level: Severity)] = []) {
        self.only = only
        self.disable = disable
        self.severities = severities
    }

    public var isEmpty: Bool { only.isEmpty && disable.isEmpty && severities.isEmpty }

    /// `pack` narrowed and with the severities changed; an id the pack does not have is an error.
    public func apply(to pack: RulePack) throws(PackSelectionError) -> RulePack {
        let ruleIDs = pack.rules.map(\.id), eventIDs = pack.events.map(\.id), checkIDs = pack.checks.map(\.id)
        let known = Set(ruleIDs + eventIDs + checkIDs)
        for (option, ids) in [("--only", only), ("--disable", disable)] {
            for id in ids where !known.contains(id) {
                throw .unknown(option: option, id: id, suggestion: EditDistance.closest(to: id, in: ruleIDs + eventIDs + checkIDs, maximum: 3))
            }
        }
        for (id, _) in severities where !checkIDs.contains(id) {
            throw known.contains(id) ? .notACheck(id: id) : .unknown(option: "--severity", id: id, suggestion: pack.closestCheckID(to: id))
        }

        var selected = pack
        if !only.isEmpty {
            let kept = Self.closure(of: Set(only), in: pack)
            selected.rules = pack.rules.filter { kept.contains($0.id) }
            selected.events = pack.events.filter { kept.contains($0.id) }
            selected.checks = pack.checks.filter { kept.contains($0.id) }
        }
        let disabled = Set(disable)
        selected.rules.removeAll { disabled.contains($0.id) }
        selected.events.removeAll { disabled.contains($0.id) }
        selected.checks.removeAll { disabled.contains($0.id) }
        for (id, level) in severities {
            for index in selected.checks.indices where selected.checks[index].id == id { selected.checks[index].settings.severity = level }
        }
        return selected
    }

    /// `named` and what it needs (see the type's comment), as ids.
    static func closure(of named: Set<String>, in pack: RulePack) -> Set<String> {
        func yields(_ rule: ExtractRule) -> [String] { rule.facts.map(\.key.pattern) }
        func overlaps(_ patterns: [String], _ keys: [String]) -> Bool {
            patterns.contains { pattern in keys.contains { KeyGlob.overlap(pattern.precomposedStringWithCanonicalMapping, $0.precomposedStringWithCanonicalMapping) } }
        }
        var kept = named
        // A check named: the rules and event rules whose keys it reads.
        for check in pack.checks where named.contains(check.id) {
            for rule in pack.rules where overlaps(check.settings.facts, yields(rule)) { kept.insert(rule.id) }
            for event in pack.events where overlaps(check.settings.facts, [event.id + "/*"]) { kept.insert(event.id) }
        }
        for event in pack.events where kept.contains(event.id) {
            let inputs = event.dates.map(\.text) + event.participants.flatMap { $0.facts.map(\.text) } + event.places.map(\.text)
            for rule in pack.rules where overlaps(inputs, yields(rule)) { kept.insert(rule.id) }
        }
        for rule in pack.rules where kept.contains(rule.id) {
            let contexts = Set(rule.facts.flatMap { $0.key.contextNames + $0.value.contextNames + ($0.period?.contextNames ?? []) })
            for context in pack.rules where context.context.map(contexts.contains) == true { kept.insert(context.id) }
        }
        // A rule or event rule named: the checks over its keys, on its facts alone (they bring no
        // other rules: trying one rule compares its facts with each other).
        let producedByNamed = pack.rules.filter { named.contains($0.id) }.flatMap(yields) + pack.events.filter { named.contains($0.id) }.map { $0.id + "/*" }
        for check in pack.checks where overlaps(check.settings.facts, producedByNamed) { kept.insert(check.id) }
        return kept
    }
}

/// An id `--only`, `--disable` or `--severity` names that the pack does not have (as what it asks).
public enum PackSelectionError: Error, Equatable, CustomStringConvertible {
    case unknown(option: String, id: String, suggestion: String?)
    case notACheck(id: String)

    public var description: String {
        switch self {
        case .unknown(let option, let id, let suggestion):
            "\(option): the rule pack has no \(option == "--severity" ? "check" : "rule or check") '\(id)'"
                + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")
        case .notACheck(let id):
            "--severity: '\(id)' is a rule, not a check; a severity belongs to the check that reports findings"
        }
    }
}
