import Foundation
import PCRE2
import Yams

/// Loads a rule pack: every `*.yaml`/`*.yml` file under a directory, in sorted order.
///
/// A file may hold `fragments` (name → pattern), `zones` (`trailer` and `caption` marker
/// patterns) and `rules` (a list of extraction rules). Fragments are shared by the whole pack.
/// A mistake is reported with its file and line; the rule (or file) with the mistake is
/// skipped and the rest of the pack still loads.
public enum RuleLoader {
    static let fileKeys = ["fragments", "zones", "rules", "events", "gazetteers", "references", "checks"]
    static let ruleKeys = ["id", "kind", "description", "pattern", "flags", "match_limit", "max_facts", "requires", "zones", "context", "fact", "examples", "counterexamples"]
    static let factKeys = ["key", "value", "type", "modality", "period"]
    static let exampleKeys = ["text", "facts"]
    static let flagOptions: [String: Regex.Options] = [
        "caseless": .caseless, "extended": .extended, "multiline": .multiline, "dotall": .dotAll,
    ]

    public static func load(directory: String) -> RulePack {
        var pack = RulePack()
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory)
        guard exists, isDirectory.boolValue else {
            pack.errors.append(.noRules(path: directory, reason: exists ? "a file, not a directory" : "no such directory"))
            return pack
        }
        var errors: [CorpusError] = []
        let files = CorpusLoader.walkFiles(under: directory, extensions: ["yaml", "yml"], errors: &errors)
        pack.errors += errors.map { .unreadable(path: $0.path, message: $0.message) }
        guard !files.isEmpty else {
            if errors.isEmpty { pack.errors.append(.noRules(path: directory, reason: "no rule files (*.yaml, *.yml) in this directory")) }
            return pack
        }
        var sources: [(path: String, text: String)] = []
        for path in files {
            guard let data = FileManager.default.contents(atPath: path) else {
                pack.errors.append(.unreadable(path: path, message: "cannot read the file"))
                continue
            }
            sources.append((path, String(decoding: data, as: UTF8.self)))
        }
        return load(sources: sources, into: pack)
    }

    /// Loads rule files given as text (tests use this directly).
    public static func load(sources: [(path: String, text: String)], into pack: RulePack = RulePack()) -> RulePack {
        var pack = pack
        var documents: [(path: String, file: YAMLMapping)] = []
        for (path, text) in sources {
            pack.files.append(path)
            do {
                guard let root = try parse(text, path: path) else { continue }
                let file = try YAMLMapping(root, path: path, context: "the rule file", allowed: fileKeys)
                documents.append((path, file))
            } catch {
                pack.errors.append(error)
            }
        }
        // Fragments first: rules in any file may use fragments from any other.
        for (_, file) in documents {
            readFragments(file, into: &pack)
        }
        let broken = validateFragments(in: &pack)
        for (_, file) in documents {
            readZones(file, into: &pack)
            readGazetteers(file, into: &pack)
            readReferences(file, into: &pack)
        }
        // The built-in check's id is taken: "rule id 'text.mixed-script' is already used at factcheck (built in)".
        var firstDefinition = [MixedScript.id: "factcheck " + MixedScriptCheck.builtIn.settings.path]
        for (path, file) in documents {
            let ruleNodes: [Node]
            do {
                ruleNodes = try file.sequence("rules") ?? []
            } catch {
                pack.errors.append(error)
                continue
            }
            for node in ruleNodes {
                guard let rule = readRule(node, path: path, fragments: pack.fragments, broken: broken, errors: &pack.errors) else { continue }
                if let first = firstDefinition[rule.id] {
                    pack.errors.append(.duplicateID(path: path, line: rule.line, id: rule.id, first: first))
                    continue
                }
                firstDefinition[rule.id] = "\(path):\(rule.line)"
                pack.rules.append(rule)
            }
        }
        for (path, file) in documents {
            pack.events += readDefinitions("events", in: file, into: &pack, definitions: &firstDefinition) { node, pack, problems throws(RuleError) in
                let rule = try readEvent(node, path: path, pack: pack, problems: &problems)
                return (rule, rule.id, rule.line)
            }
        }
        for (path, file) in documents {
            pack.checks += readDefinitions("checks", in: file, into: &pack, definitions: &firstDefinition) { node, pack, problems throws(RuleError) in
                let check = try readCheck(node, path: path, pack: pack, problems: &problems)
                return (check, check.id, check.settings.line)
            }
        }
        pack.checks.append(MixedScriptCheck.builtIn)
        return pack
    }

    /// Each item of a file's `key` list (event rules, checks), as `read` makes it from the item
    /// and the pack read so far. An id is defined once in the pack; a mistake skips its item
    /// (or the list, when it is not one) and is recorded in the pack's errors, with the unknown
    /// keys `read` found on the way (`problems`), in line order.
    private static func readDefinitions<Item>(
        _ key: String, in file: YAMLMapping, into pack: inout RulePack, definitions: inout [String: String],
        _ read: (Node, RulePack, inout [RuleError]) throws(RuleError) -> (item: Item, id: String, line: Int)
    ) -> [Item] {
        var items: [Item] = []
        do throws(RuleError) {
            for node in try file.sequence(key) ?? [] {
                var problems: [RuleError] = []
                do throws(RuleError) {
                    let (item, id, line) = try read(node, pack, &problems)
                    if let first = definitions[id] {
                        throw .duplicateID(path: file.path, line: line, id: id, first: first)
                    }
                    if problems.isEmpty {
                        definitions[id] = "\(file.path):\(line)"
                        items.append(item)
                    }
                } catch {
                    problems.append(error)
                }
                pack.errors += Problems(errors: problems).inLineOrder
            }
        } catch {
            pack.errors.append(error)
        }
        return items
    }

    private static func parse(_ text: String, path: String) throws(RuleError) -> Node? {
        do {
            return try YAML.compose(text)
        } catch {
            throw .yaml(path: path, line: error.line, column: error.column, message: error.message)
        }
    }

    // MARK: - Fragments and zones

    private static func readFragments(_ file: YAMLMapping, into pack: inout RulePack) {
        guard let node = file.value("fragments") else { return }
        guard let mapping = node.mapping else {
            pack.errors.append(file.invalid("fragments", "expected a mapping of names to patterns"))
            return
        }
        for (key, value) in mapping {
            guard let name = key.scalarText, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) else {
                pack.errors.append(.invalidValue(path: file.path, line: key.line, context: "fragments",
                                                 message: "a fragment name is ASCII letters, digits, '_' and '-'"))
                continue
            }
            guard let source = value.scalarText, !source.isEmpty else {
                pack.errors.append(.invalidValue(path: file.path, line: value.line, context: "fragment '\(name)'", message: "expected a pattern"))
                continue
            }
            if let existing = pack.fragments[name] {
                pack.errors.append(.invalidValue(path: file.path, line: key.line, context: "fragment '\(name)'",
                                                 message: "already defined at \(existing.pattern.path):\(existing.pattern.line)"))
                continue
            }
            pack.fragments[name] = Fragment(name: name, pattern: sourced(value, path: file.path))
        }
    }

    /// Compiles every fragment on its own, so that a mistake in one (an unbalanced parenthesis)
    /// is reported once, at the fragment, and not at the end of every rule that uses it.
    /// Returns the names of the fragments that do not compile.
    private static func validateFragments(in pack: inout RulePack) -> [String: Fragment] {
        var broken: [String: Fragment] = [:]
        for fragment in pack.fragments.values.sorted(by: { ($0.pattern.path, $0.pattern.line) < ($1.pattern.path, $1.pattern.line) }) {
            do {
                _ = try compile(fragment.pattern, options: [], fragments: pack.fragments, rule: nil, what: "fragment '\(fragment.name)'")
            } catch {
                // A cycle or undefined reference is reported by every rule that meets it.
                if case .pattern = error, !pack.errors.contains(error) { pack.errors.append(error) }
                broken[fragment.name] = fragment
            }
        }
        return broken
    }

    private static func readZones(_ file: YAMLMapping, into pack: inout RulePack) {
        guard let node = file.value("zones") else { return }
        do throws(RuleError) {
            let zones = try YAMLMapping(node, path: file.path, context: "zones", allowed: ["trailer", "caption"])
            for (name, keyPath) in [("trailer", \ZoneMarkers.trailer), ("caption", \ZoneMarkers.caption)] {
                for item in try zones.sequence(name) ?? [] {
                    guard let source = item.scalarText else {
                        throw .invalidValue(path: file.path, line: item.line, context: "zones.\(name)", message: "expected a pattern")
                    }
                    do {
                        pack.zones[keyPath: keyPath].append(try Regex(source, options: .multiline))
                    } catch {
                        guard case .compile(let message, let offset) = error else { continue }
                        pack.errors.append(.pattern(path: file.path, line: item.line, rule: nil, context: "zone marker",
                                                    message: message, source: source, offset: offset))
                    }
                }
            }
        } catch {
            pack.errors.append(error)
        }
    }

    // MARK: - Rules

    /// An extraction rule, or nil with every mistake in it added to `errors` (in line order):
    /// a rule with a bad pattern, an unknown key and no counterexamples says all three at once.
    private static func readRule(
        _ node: Node, path: String, fragments: [String: Fragment], broken: [String: Fragment], errors: inout [RuleError]
    ) -> ExtractRule? {
        var problems = Problems()
        defer { errors += problems.inLineOrder }
        let probe = node.mapping?.first { $0.key.scalarText == "id" }?.value.scalarText
        guard let rule = problems.mapping(node, path: path, context: probe.map { "rule '\($0)'" } ?? "a rule", allowed: ruleKeys) else { return nil }
        let id = problems.attempt { () throws(RuleError) in try ruleID(rule) }
        if let kind = problems.attempt({ () throws(RuleError) in try rule.string("kind") }) ?? nil, kind != "extract" {
            problems.errors.append(rule.invalid("kind", "must be 'extract'"))
        }
        let description = problems.attempt { () throws(RuleError) in try rule.requiredString("description") }
        let pattern = problems.attempt { () throws(RuleError) in
            let patternNode = try rule.required("pattern")
            guard patternNode.scalarText?.isEmpty == false else { throw rule.invalid("pattern", "expected a non-empty pattern") }
            return sourced(patternNode, path: path)
        }

        var options: Regex.Options = []
        for flag in (problems.attempt { () throws(RuleError) in try rule.strings("flags") } ?? nil) ?? [] {
            guard let option = flagOptions[flag] else {
                problems.errors.append(rule.invalid("flags", "has unknown flag '\(flag)'; known: \(flagOptions.keys.sorted().joined(separator: ", "))"))
                continue
            }
            options.insert(option)
        }
        var regex: Regex?
        if let pattern {
            if let name = (try? PatternExpansion.expand(pattern.source, fragments: fragments, extended: false))?.used.sorted().first(where: { broken[$0] != nil }),
               let fragment = broken[name] {
                problems.errors.append(rule.invalid("pattern", "uses fragment '\(name)', which does not compile (see \(fragment.pattern.path):\(fragment.pattern.line))"))
            } else {
                regex = problems.attempt { () throws(RuleError) in try compile(pattern, options: options, fragments: fragments, rule: id ?? probe) }
            }
        }
        let matchLimit = problems.attempt { () throws(RuleError) in
            try rule.int("match_limit", in: 1...Int(Matcher.defaultMatchLimit)).map(UInt32.init) ?? Matcher.defaultMatchLimit
        }
        let maxFacts = problems.attempt { () throws(RuleError) in try rule.int("max_facts", in: 1...1_000_000) ?? ExtractRule.defaultMaxFacts }

        let requires = problems.attempt { () throws(RuleError) in
            try (rule.strings("requires") ?? []).map { literal throws(RuleError) -> [UInt8] in
                guard !literal.isEmpty else { throw rule.invalid("requires", "lists literals, which must not be empty") }
                return Array(Canonicalizer.canonicalize(literal).utf8)
            }
        }
        var zones: Set<ZoneKind> = [.body, .caption]
        if let names = problems.attempt({ () throws(RuleError) in try rule.strings("zones") }) ?? nil {
            zones = []
            for name in names {
                guard let zone = ZoneKind(rawValue: name), zone != .duplicate else {
                    problems.errors.append(rule.invalid("zones", "has unknown zone '\(name)'; known: body, caption, trailer"))
                    continue
                }
                zones.insert(zone)
            }
        }

        let facts = readFacts(rule, id: id ?? probe ?? "?", regex: regex, problems: &problems)
        let context = problems.attempt { () throws(RuleError) in try rule.string("context") } ?? nil
        if let context, !context.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) {
            problems.errors.append(rule.invalid("context", "is a variable name: letters, digits and _"))
        }
        if context != nil, let facts, facts.count > 1 {
            problems.errors.append(rule.invalid("fact", "must be one fact: a context rule sets one variable"))
        }
        if context != nil, let fact = facts?.first, fact.key.usesContext || fact.value.usesContext {
            problems.errors.append(rule.invalid("context", "is set by this rule, so its own key and value cannot use {@...}"))
        }

        let examples = readExamples(rule, id: id ?? probe ?? "?", problems: &problems)

        guard problems.errors.isEmpty, let id, let description, let pattern, let regex, let matchLimit, let maxFacts, let requires,
              let facts else { return nil }
        return ExtractRule(
            id: id, description: description, path: path, line: rule.line, pattern: pattern, regex: regex,
            matchLimit: matchLimit, maxFacts: maxFacts, requires: requires, zones: zones, facts: facts, context: context,
            examples: examples.examples, counterexamples: examples.counterexamples)
    }

    /// A rule's `id` (extraction or event rule): ASCII letters, digits, '.', '_' and '-'.
    static func ruleID(_ rule: YAMLMapping) throws(RuleError) -> String {
        let id = try rule.requiredString("id")
        guard id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }) else {
            throw rule.invalid("id", "is ASCII letters, digits, '.', '_' and '-'")
        }
        return id
    }

    /// `fact`: one mapping, or a list of them when one match states several facts (a figure
    /// and its growth). Each mistake is added to `problems`; the captures templates name are
    /// checked when the pattern compiled (`regex`).
    private static func readFacts(_ rule: YAMLMapping, id: String, regex: Regex?, problems: inout Problems) -> [FactTemplate]? {
        guard let node = problems.attempt({ () throws(RuleError) in try rule.required("fact") }) else { return nil }
        let nodes = node.sequence.map(Array.init) ?? [node]
        guard !nodes.isEmpty else {
            problems.errors.append(rule.invalid("fact", "must list at least one fact"))
            return nil
        }
        var facts: [FactTemplate] = []
        let before = problems.errors.count
        for node in nodes {
            guard let fact = problems.mapping(node, path: rule.path, context: "rule '\(id)' fact", allowed: factKeys) else { continue }
            let typeName = (problems.attempt { () throws(RuleError) in try fact.string("type") } ?? nil) ?? ValueType.text.rawValue
            let type = ValueType(rawValue: typeName)
            if type == nil {
                problems.errors.append(fact.invalid("type", "must be one of \(ValueType.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
            var modality: Modality?
            if let name = problems.attempt({ () throws(RuleError) in try fact.string("modality") }) ?? nil {
                modality = Modality(rawValue: name)
                if modality == nil {
                    problems.errors.append(fact.invalid("modality", "must be one of \(Modality.allCases.map(\.rawValue).joined(separator: ", "))"))
                }
            }
            let key = problems.attempt { () throws(RuleError) in try template(fact, "key", regex: regex, rule: id) }
            let value = problems.attempt { () throws(RuleError) in try template(fact, "value", regex: regex, rule: id) }
            let period = fact.has("period") ? problems.attempt { () throws(RuleError) in try template(fact, "period", regex: regex, rule: id) } : nil
            if let type, let key, let value {
                facts.append(FactTemplate(key: key, value: value, type: type, modality: modality, period: period))
            }
        }
        return problems.errors.count == before ? facts : nil
    }

    /// A rule's `examples` and `counterexamples`: both are required.
    static func readExamples(_ rule: YAMLMapping, id: String) throws(RuleError) -> ([RuleExample], [RuleCounterexample]) {
        var problems = Problems()
        let read = readExamples(rule, id: id, problems: &problems)
        if let first = problems.errors.first { throw first }
        return (read.examples, read.counterexamples)
    }

    /// A rule's `examples` and `counterexamples`, each mistake added to `problems`.
    static func readExamples(_ rule: YAMLMapping, id: String, problems: inout Problems)
        -> (examples: [RuleExample], counterexamples: [RuleCounterexample]) {
        var examples: [RuleExample] = []
        for node in (problems.attempt { () throws(RuleError) in try rule.sequence("examples") } ?? nil) ?? [] {
            guard let example = problems.mapping(node, path: rule.path, context: "an example of rule '\(id)'", allowed: exampleKeys) else { continue }
            let text = problems.attempt { () throws(RuleError) in try example.requiredString("text") }
            var facts: [RuleExample.ExpectedFact] = []
            for factNode in (problems.attempt { () throws(RuleError) in try example.sequence("facts") } ?? nil) ?? [] {
                let fact = problems.attempt { () throws(RuleError) -> RuleExample.ExpectedFact in
                    let fact = try YAMLMapping(factNode, path: rule.path, context: "an expected fact of rule '\(id)'", allowed: ["key", "value"])
                    return .init(key: try fact.requiredString("key"), value: try fact.requiredString("value"))
                }
                if let fact { facts.append(fact) }
            }
            if example.value("facts")?.sequence?.isEmpty ?? !example.has("facts") {
                problems.errors.append(example.invalid("facts", "must list the facts the text yields (use counterexamples for texts that yield none)"))
            }
            if let text { examples.append(RuleExample(text: text, facts: facts, line: example.line)) }
        }
        var counterexamples: [RuleCounterexample] = []
        for node in (problems.attempt { () throws(RuleError) in try rule.sequence("counterexamples") } ?? nil) ?? [] {
            guard let text = node.scalarText else {
                problems.errors.append(.invalidValue(path: rule.path, line: node.line, context: "rule '\(id)'", message: "a counterexample is a text"))
                continue
            }
            counterexamples.append(RuleCounterexample(text: text, line: node.line))
        }
        // Absent or empty; a list whose items are all wrong has said so already.
        for key in ["examples", "counterexamples"] where rule.value(key)?.sequence?.isEmpty ?? !rule.has(key) {
            problems.errors.append(.missingKey(path: rule.path, line: rule.line, key: key, context: "rule '\(id)'"))
        }
        return (examples, counterexamples)
    }

    private static func template(_ fact: YAMLMapping, _ field: String, regex: Regex?, rule: String) throws(RuleError) -> Template {
        let text = try fact.requiredString(field)
        let template: Template
        do {
            template = try Template(text)
        } catch {
            throw fact.invalid(field, error.message)
        }
        guard let regex else { return template }
        for name in template.captureNames where regex.groupNumbers[name] == nil {
            throw .unknownCapture(path: fact.path, line: fact.line(of: field), rule: rule, name: name, field: "fact.\(field)",
                                  available: regex.groupNumbers.sorted { $0.value < $1.value }.map(\.key))
        }
        return template
    }

    /// Expands fragments and compiles; a compile error points into the rule's pattern or into
    /// the fragment it happened in.
    static func compile(
        _ pattern: SourcedPattern, options: Regex.Options, fragments: [String: Fragment], rule: String?, what: String = "the pattern"
    ) throws(RuleError) -> Regex {
        let line = pattern.line
        let expansion: PatternExpansion
        do {
            expansion = try PatternExpansion.expand(pattern.source, fragments: fragments, extended: options.contains(.extended))
        } catch {
            switch error {
            case .undefined(let name, let fragment):
                let context = fragment.map { "fragment '\($0)'" } ?? rule.map { "the pattern of rule '\($0)'" } ?? "the pattern"
                throw .undefinedFragment(path: fragment.flatMap { fragments[$0]?.pattern.path } ?? pattern.path,
                                         line: fragment.flatMap { fragments[$0]?.pattern.line } ?? line, name: name, context: context)
            case .cycle(let names):
                let first = fragments[names[0]]?.pattern
                throw .fragmentCycle(path: first?.path ?? pattern.path, line: first?.line ?? line, cycle: names)
            case .tooLarge(let chain):
                throw .patternTooLarge(path: pattern.path, line: line, rule: rule,
                                       context: rule.map { "the pattern of rule '\($0)'" } ?? what, chain: chain, limit: PatternExpansion.maxBytes)
            }
        }
        do {
            return try Regex(expansion.text, options: options)
        } catch {
            guard case .compile(let message, let offset) = error else {
                throw .pattern(path: pattern.path, line: line, rule: rule, context: what, message: error.description,
                               source: pattern.source, offset: 0)
            }
            let origin = expansion.origin(of: offset)
            if let name = origin.fragment, let fragment = fragments[name] {
                throw .pattern(path: fragment.pattern.path, line: fragment.pattern.line, rule: rule,
                               context: "fragment '\(name)'" + (rule.map { " (used by rule '\($0)')" } ?? ""), message: message,
                               source: fragment.pattern.source, offset: origin.offset)
            }
            throw .pattern(path: pattern.path, line: line, rule: rule, context: what, message: message,
                           source: pattern.source, offset: origin.offset)
        }
    }

    private static func sourced(_ node: Node, path: String) -> SourcedPattern {
        // A block scalar (| or >) starts on the line after its indicator.
        let isBlock = node.scalar.map { $0.style == .literal || $0.style == .folded } ?? false
        return SourcedPattern(source: node.scalarText ?? "", path: path, line: node.line + (isBlock ? 1 : 0))
    }
}

/// The mistakes of one definition, gathered: `rules lint` reports every one in a pass, not
/// only the first of each rule.
struct Problems {
    var errors: [RuleError] = []

    /// The errors by line (those of one line as found): how a reader goes through the file.
    var inLineOrder: [RuleError] {
        errors.enumerated().sorted { ($0.element.line ?? 0, $0.offset) < ($1.element.line ?? 0, $1.offset) }.map(\.element)
    }

    /// `node` read as a mapping, its unknown keys kept; nil when it is none.
    mutating func mapping(_ node: Node, path: String, context: String, allowed: [String]) -> YAMLMapping? {
        var found: [RuleError] = []
        defer { errors += found }
        do {
            return try YAMLMapping(node, path: path, context: context, allowed: allowed, problems: &found)
        } catch {
            found.append(error)
            return nil
        }
    }

    /// `body`'s value, or nil with its error kept.
    mutating func attempt<T>(_ body: () throws(RuleError) -> T) -> T? {
        do {
            return try body()
        } catch {
            errors.append(error)
            return nil
        }
    }
}
