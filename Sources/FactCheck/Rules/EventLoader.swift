import Yams

/// Reads `events:`, the event rules (`EventRule`; assembled by `Extract/Events.swift`):
///
/// ```yaml
/// events:
///   - id: event.talks                 # the events' keys: event.talks/{participants}
///     description: Hội đàm ... / Talks ...
///     dates: [meeting.date]           # the date facts that can date it
///     verbs: ['hội đàm']              # the date fact's `verb` capture begins with one (optional)
///     date_kinds: [day]               # the kinds of date that date it (day, days, ...), optional
///     destination: destination        # a capture of the date fact naming where it goes, optional
///     participants:                   # facts in the date's sentence naming who took part
///       - {facts: ['official/*'], table: offices}      # spelled as the office table spells them
///       - {facts: ['delegation/*'], gazetteer: places} # spelled as the gazetteer spells them
///     places: [event.place]           # facts naming where it took place, optional
///     examples: [...]                 # texts and exactly this rule's events in them
///     counterexamples: [...]
/// ```
extension RuleLoader {
    static let eventKeys = ["id", "description", "dates", "verbs", "date_kinds", "destination", "participants", "places",
                            "examples", "counterexamples"]

    /// One event rule, with the office tables and gazetteers its participants are named by.
    /// An event rule; unknown keys are added to `problems` and the rest is still read.
    static func readEvent(_ node: Node, path: String, pack: RulePack, problems: inout [RuleError]) throws(RuleError) -> EventRule {
        let probe = node.mapping?.first { $0.key.scalarText == "id" }?.value.scalarText
        let rule = try YAMLMapping(node, path: path, context: probe.map { "event rule '\($0)'" } ?? "an event rule", allowed: eventKeys,
                                   problems: &problems)
        let id = try ruleID(rule)
        guard let dates = try rule.strings("dates"), !dates.isEmpty else { throw .missingKey(path: path, line: rule.line, key: "dates", context: rule.context) }
        var participants: [EventRule.Participants] = []
        for item in try rule.sequence("participants") ?? [] {
            let source = try YAMLMapping(item, path: path, context: "a participant source of '\(id)'", allowed: ["facts", "table", "gazetteer"])
            guard let facts = try source.strings("facts"), !facts.isEmpty else {
                throw .missingKey(path: path, line: source.line, key: "facts", context: source.context)
            }
            var names = EventRule.Participants.Names.asWritten
            if let table = try source.string("table") {
                guard let terms = pack.tables[table] else {
                    throw source.invalid("table", "names '\(table)', which is not an office table; defined: \(pack.tables.keys.sorted().joined(separator: ", "))")
                }
                names = .offices(OfficeHolders(terms: terms), countries: Dictionary(terms.map { ($0.name, $0.country) }) { first, _ in first })
            } else if let name = try source.string("gazetteer") {
                guard let gazetteer = pack.gazetteers[name] else {
                    throw source.invalid("gazetteer", "names '\(name)', which is not defined; defined: \(pack.gazetteers.keys.sorted().joined(separator: ", "))")
                }
                names = .gazetteer(gazetteer)
            }
            participants.append(.init(facts: facts.map(KeyPattern.init), names: names))
        }
        guard !participants.isEmpty else { throw .missingKey(path: path, line: rule.line, key: "participants", context: rule.context) }
        var dateKinds: Set<DateValue.Kind> = []
        for name in try rule.strings("date_kinds") ?? [] {
            guard let kind = DateValue.Kind(rawValue: name) else {
                throw rule.invalid("date_kinds", "has '\(name)'; known: day, days, month, period, year, range")
            }
            dateKinds.insert(kind)
        }
        let (examples, counterexamples) = try readExamples(rule, id: id)
        return EventRule(
            id: id, description: try rule.requiredString("description"), path: path, line: rule.line, dates: dates.map(KeyPattern.init),
            verbs: (try rule.strings("verbs") ?? []).map { Template.collapsingSpaces(Canonicalizer.canonicalize($0)).lowercased() },
            dateKinds: dateKinds, destination: try rule.string("destination"), participants: participants,
            places: (try rule.strings("places") ?? []).map(KeyPattern.init), examples: examples, counterexamples: counterexamples)
    }
}
