import Foundation
import Yams

/// Reads the check side of a rule pack: `checks`, `gazetteers` and `references`.
extension RuleLoader {
    static let checkKeys = ["id", "kind", "description", "facts", "severity", "message"]
    static let checkKinds = ["consistency", "names", "reference", "sanity", "context"]

    /// A file key holding named lists (`gazetteers`, `references`): each name with its items.
    private static func namedLists(_ file: YAMLMapping, _ key: String) throws(RuleError) -> [(name: String, items: [Node])] {
        guard let node = file.value(key) else { return [] }
        guard let mapping = node.mapping else { throw file.invalid(key, "expected a mapping of names to lists") }
        var lists: [(name: String, items: [Node])] = []
        for (name, value) in mapping {
            guard let text = name.scalarText, let items = value.sequence else {
                throw .invalidValue(path: file.path, line: name.line, context: key, message: "each entry is a name and a list")
            }
            lists.append((text, Array(items)))
        }
        return lists
    }

    /// `gazetteers: {name: [{name: canonical, aliases: [...], source: where the spellings are attested}, ...]}`.
    /// `source` is for the people who maintain the list (where each accepted spelling was
    /// seen); the check never reads it, so it is optional.
    static func readGazetteers(_ file: YAMLMapping, into pack: inout RulePack) {
        do throws(RuleError) {
            for (name, list) in try namedLists(file, "gazetteers") {
                var entries: [Gazetteer.Entry] = []
                for item in list {
                    let entry = try YAMLMapping(item, path: file.path, context: "an entry of gazetteer '\(name)'", allowed: ["name", "aliases", "note", "source"])
                    // Names are compared in matching form, like the facts they are checked against.
                    entries.append(.init(canonical: Canonicalizer.canonicalize(try entry.requiredString("name")),
                                         aliases: (try entry.strings("aliases") ?? []).map(Canonicalizer.canonicalize)))
                }
                pack.gazetteers[name] = Gazetteer(name: name, entries: (pack.gazetteers[name]?.entries ?? []) + entries)
            }
        } catch {
            pack.errors.append(error)
        }
    }

    /// `references: {offices: [{name, title, country, from, to, known_until, source, aliases}, ...]}`, or a
    /// table of named events, whose rows have no title (`readNamedEvent`).
    static func readReferences(_ file: YAMLMapping, into pack: inout RulePack) {
        do throws(RuleError) {
            for (name, rows) in try namedLists(file, "references") {
                if let first = rows.first, first.mapping?.contains(where: { $0.key.scalarText == "title" }) == false {
                    var events: [NamedEvent] = []
                    for item in rows { events.append(try readNamedEvent(item, path: file.path, table: name)) }
                    pack.eventTables[name] = (pack.eventTables[name] ?? []) + events
                    continue
                }
                var terms: [OfficeTerm] = []
                for item in rows {
                    let row = try YAMLMapping(item, path: file.path, context: "a row of table '\(name)'",
                                              allowed: ["name", "title", "country", "from", "to", "known_until", "source", "aliases"])
                    let from = try row.date("from")
                    let to = try row.optionalDate("to")
                    let knownUntil = try row.optionalDate("known_until")
                    guard to != nil || knownUntil != nil else {
                        throw row.invalid("to", "is missing: give 'to', or 'known_until' for a term still open")
                    }
                    terms.append(OfficeTerm(
                        name: Canonicalizer.canonicalize(try row.requiredString("name")),
                        title: Person.normalizedTitle(Canonicalizer.canonicalize(try row.requiredString("title"))),
                        country: Canonicalizer.canonicalize(try row.requiredString("country")), from: from, to: to, knownUntil: knownUntil,
                        source: try row.requiredString("source"),
                        aliases: (try row.strings("aliases") ?? []).map(Canonicalizer.canonicalize),
                        path: file.path, line: row.line(of: "known_until")))
                }
                pack.tables[name] = (pack.tables[name] ?? []) + terms
            }
        } catch {
            pack.errors.append(error)
        }
    }

    /// A named event: `{name, date, place, aliases, source}`, or `from` and `to` instead of
    /// `date` for an event of several days. Every row needs its source.
    private static func readNamedEvent(_ item: Node, path: String, table: String) throws(RuleError) -> NamedEvent {
        let row = try YAMLMapping(item, path: path, context: "a row of table '\(table)'",
                                  allowed: ["name", "date", "from", "to", "place", "aliases", "source"])
        let date = try row.optionalDate("date")
        guard (date != nil) != (row.has("from") || row.has("to")) else {
            throw row.invalid("date", "is missing, or given beside 'from'/'to': give 'date' for one day, or 'from' and 'to'")
        }
        let from: CalendarDate, to: CalendarDate
        if let date { (from, to) = (date, date) } else { (from, to) = (try row.date("from"), try row.date("to")) }
        guard from <= to else { throw row.invalid("to", "is before 'from'") }
        return NamedEvent(name: Canonicalizer.canonicalize(try row.requiredString("name")), from: from, to: to,
                          place: try row.string("place").map(Canonicalizer.canonicalize), source: try row.requiredString("source"),
                          aliases: (try row.strings("aliases") ?? []).map(Canonicalizer.canonicalize))
    }

    /// A check; unknown keys are added to `problems` and the rest is still read, so that they
    /// are reported with the first other mistake.
    static func readCheck(_ node: Node, path: String, pack: RulePack, problems: inout [RuleError]) throws(RuleError) -> any Check {
        let probe = node.mapping?.first { $0.key.scalarText == "kind" }?.value.scalarText ?? ""
        let kindKeys: [String]
        let placeholders: [String]
        switch probe {
        case "consistency": (kindKeys, placeholders) = (ConsistencyCheck.keys, ConsistencyCheck.placeholders)
        case "names": (kindKeys, placeholders) = (NamesCheck.keys, NamesCheck.placeholders)
        case "reference": (kindKeys, placeholders) = (ReferenceCheck.keys, ReferenceCheck.placeholders)
        case "sanity": (kindKeys, placeholders) = (SanityCheck.keys, SanityCheck.placeholders)
        case "context": (kindKeys, placeholders) = (ContextCheck.keys, ContextCheck.placeholders)
        default:
            throw .invalidValue(path: path, line: node.line, context: "a check",
                                message: "'kind' must be one of \(checkKinds.joined(separator: ", "))")
        }
        let id = node.mapping?.first { $0.key.scalarText == "id" }?.value.scalarText
        let config = try YAMLMapping(node, path: path, context: id.map { "check '\($0)'" } ?? "a check", allowed: checkKeys + kindKeys, problems: &problems)
        let severityName = try config.requiredString("severity")
        guard let severity = Severity(rawValue: severityName) else { throw config.invalid("severity", "must be error, warning or info") }
        guard let message = try config.template("message", placeholders: placeholders) else {
            throw .missingKey(path: path, line: config.line, key: "message", context: config.context)
        }
        let settings = CheckSettings(
            id: try config.requiredString("id"), description: try config.requiredString("description"),
            facts: try config.strings("facts") ?? [], severity: severity, message: message, path: path, line: config.line)
        guard !settings.facts.isEmpty else { throw .missingKey(path: path, line: config.line, key: "facts", context: config.context) }
        switch probe {
        case "consistency": return try ConsistencyCheck(settings: settings, config: config)
        case "names": return try NamesCheck(settings: settings, config: config, gazetteers: pack.gazetteers)
        case "reference": return try ReferenceCheck(settings: settings, config: config, tables: pack.tables, eventTables: pack.eventTables)
        case "context": return ContextCheck(settings: settings)
        default: return try SanityCheck(settings: settings, config: config)
        }
    }
}

extension YAMLMapping {
    /// A message template whose placeholders must be among `placeholders`.
    func template(_ key: String, placeholders: [String]) throws(RuleError) -> Template? {
        guard let text = try string(key) else { return nil }
        let template: Template
        do {
            template = try Template(text)
        } catch {
            throw invalid(key, error.message)
        }
        if let unknown = template.captureNames.first(where: { !placeholders.contains($0) }) {
            throw invalid(key, "uses '{\(unknown)}', which this check does not fill; it fills: \(placeholders.map { "{\($0)}" }.joined(separator: ", "))")
        }
        return template
    }

    /// A fraction written as a number (0.05) or a percentage ("5%").
    func fraction(_ key: String) throws(RuleError) -> Decimal? {
        guard let text = try string(key) else { return nil }
        let isPercent = text.hasSuffix("%")
        guard let value = Decimal(string: isPercent ? String(text.dropLast()) : text, locale: Locale(identifier: "en_US_POSIX")),
              value >= 0 else {
            throw invalid(key, "expected a number such as 0.05 or 5%")
        }
        return isPercent ? value / 100 : value
    }

    func date(_ key: String) throws(RuleError) -> CalendarDate {
        guard let date = try optionalDate(key) else { throw .missingKey(path: path, line: line, key: key, context: context) }
        return date
    }

    func optionalDate(_ key: String) throws(RuleError) -> CalendarDate? {
        guard let text = try string(key), !text.isEmpty, text != "null" else { return nil }
        guard let date = CalendarDate(parsing: text) else { throw invalid(key, "expected a date YYYY-MM-DD") }
        return date
    }
}
