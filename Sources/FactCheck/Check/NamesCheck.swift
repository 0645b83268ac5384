/// Canonical names with their accepted aliases: one list per kind of name.
public struct Gazetteer: Sendable {
    public struct Entry: Sendable {
        public let canonical: String
        public let aliases: [String]
    }

    public let name: String
    public let entries: [Entry]
    /// Every spelling's keys, computed once: a lookup compares keys, never re-derives them.
    private let spellings: [Spelling]

    private struct Spelling: Sendable {
        var entry: Int
        var isCanonical: Bool
        var name: String
        var key: String
        var compact: String
        var bare: String
        var length: Int
    }

    public init(name: String, entries: [Entry]) {
        self.name = name
        self.entries = entries
        spellings = entries.indices.flatMap { index in
            ([entries[index].canonical] + entries[index].aliases).enumerated().map { position, name in
                let key = NameValue.matchingKey(name)
                return Spelling(entry: index, isCanonical: position == 0, name: name, key: key, compact: NameValue.compactKey(key),
                                bare: NameValue.withoutDiacritics(key), length: key.unicodeScalars.count)
            }
        }
    }

    /// What a written name is, against this gazetteer.
    enum Lookup: Equatable {
        case canonical
        case alias(of: String)
        /// Not known, but close to a known name: missing or wrong diacritics, or one edit away.
        case nearMiss(of: String, known: String)
        case unknown
    }

    func lookup(_ written: String) -> Lookup {
        match(written).lookup
    }

    /// The canonical name a written name is, or is close to; nil when it is close to none.
    func canonicalName(of written: String) -> String? {
        match(written).canonical
    }

    private func match(_ written: String) -> (lookup: Lookup, canonical: String?) {
        let key = NameValue.matchingKey(written)
        let compact = NameValue.compactKey(key)
        let bare = NameValue.withoutDiacritics(key)
        let length = key.unicodeScalars.count
        var nearMiss: Spelling?
        for spelling in spellings {
            // Lao names are written in syllables, hyphenated or run together ("Bô Ly Khăm Xay",
            // "Bo-li-khăm-xay", "Bôlykhămxay"): one spelling however it is split.
            if key == spelling.key || compact == spelling.compact {
                let canonical = entries[spelling.entry].canonical
                return (spelling.isCanonical ? .canonical : .alias(of: canonical), canonical)
            }
            if nearMiss == nil,
               bare == spelling.bare || (abs(length - spelling.length) <= 1 && EditDistance.between(key, spelling.key) == 1) {
                nearMiss = spelling
            }
        }
        guard let nearMiss else { return (.unknown, nil) }
        let canonical = entries[nearMiss.entry].canonical
        return (.nearMiss(of: canonical, known: nearMiss.name), canonical)
    }
}

/// `names`: every name a rule extracts is looked up in a gazetteer. A spelling that is not
/// known but close to a known name is a finding with the canonical name as the suggestion;
/// an accepted alias that is not canonical is at most `info`. Dash and space variants are
/// the same name, and so is a name written as one word ("Luangprabang" is "Luang Prabang").
///
/// ```yaml
/// - id: names.projects
///   kind: names
///   facts: [project.name]
///   gazetteer: projects
///   alias_severity: info   # or none
///   severity: warning
///   message: '"{name}" có thể viết sai; tên đúng: "{suggestion}"'
///   alias_message: '"{name}" là tên gọi khác của "{suggestion}"'
/// ```
/// Placeholders: `{name}` as written, `{suggestion}` the canonical name.
struct NamesCheck: Check {
    static let keys = ["gazetteer", "alias_severity", "alias_message"]
    static let placeholders = ["name", "suggestion"]

    var settings: CheckSettings
    let gazetteer: Gazetteer
    /// nil: aliases are not reported.
    let aliasSeverity: Severity?
    let aliasMessage: Template

    var id: String { settings.id }

    init(settings: CheckSettings, config: YAMLMapping, gazetteers: [String: Gazetteer]) throws(RuleError) {
        self.settings = settings
        let name = try config.requiredString("gazetteer")
        guard let gazetteer = gazetteers[name] else {
            throw config.invalid("gazetteer", "names '\(name)', which is not defined; defined: \(gazetteers.keys.sorted().joined(separator: ", "))")
        }
        self.gazetteer = gazetteer
        switch try config.string("alias_severity") ?? "info" {
        case "info": aliasSeverity = .info
        case "none": aliasSeverity = nil
        default: throw config.invalid("alias_severity", "must be info or none: an accepted alias is never worse than info")
        }
        aliasMessage = try config.template("alias_message", placeholders: Self.placeholders) ?? settings.message
    }

    var crossesDocuments: Bool { true }

    /// A spelling's finding lists every place it is written; other facts are alone.
    func partition(of fact: Fact) -> FactPartition {
        if case .name(let name) = fact.normalized { .name(name.name) } else { .document(fact.document) }
    }

    /// Only a spelling that is an alias (when aliases are reported) or a near miss gives a
    /// finding; facts that are no name give none.
    func mayFind(in partition: FactPartition, values: PartitionValues) -> Bool {
        guard case .name(let written) = partition else { return false }
        switch gazetteer.lookup(written) {
        case .canonical, .unknown: return false
        case .alias: return aliasSeverity != nil
        case .nearMiss: return true
        }
    }

    func findings(in facts: FactIndex) -> [Finding] {
        // One finding per spelling, with every place it is written.
        var bySpelling: [String: [Fact]] = [:]
        var order: [String] = []
        for fact in settings.read(facts) {
            guard case .name(let name) = fact.normalized else { continue }
            if bySpelling[name.name] == nil { order.append(name.name) }
            bySpelling[name.name, default: []].append(fact)
        }
        return order.compactMap { written in
            let facts = bySpelling[written]!
            switch gazetteer.lookup(written) {
            case .canonical, .unknown:
                return nil
            case .alias(let canonical):
                guard let aliasSeverity else { return nil }
                var finding = settings.finding(key: facts[0].key, values: ["name": written, "suggestion": canonical], facts: facts,
                                               fingerprintValues: [written], severity: aliasSeverity)
                finding.message = aliasMessage.render(["name": written, "suggestion": canonical])
                return finding
            case .nearMiss(let canonical, _):
                return settings.finding(key: facts[0].key, values: ["name": written, "suggestion": canonical], facts: facts,
                                        fingerprintValues: [written], suggestion: canonical)
            }
        }
    }
}
