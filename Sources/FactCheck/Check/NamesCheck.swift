/// Canonical names with their accepted aliases: one list per kind of name.
public struct Gazetteer: Sendable {
    public struct Entry: Sendable {
        public let canonical: String
        public let aliases: [String]
    }

    public let name: String
    public let entries: [Entry]

    /// What a written name is, against this gazetteer.
    enum Lookup: Equatable {
        case canonical
        case alias(of: String)
        /// Not known, but close to a known name: missing or wrong diacritics, or one edit away.
        case nearMiss(of: String, known: String)
        case unknown
    }

    func lookup(_ written: String) -> Lookup {
        let key = NameValue.matchingKey(written)
        let compact = NameValue.compactKey(key)
        var nearMiss: Lookup?
        for entry in entries {
            for (index, name) in ([entry.canonical] + entry.aliases).enumerated() {
                let known = NameValue.matchingKey(name)
                // Lao names are written in syllables, hyphenated or run together ("Bô Ly Khăm Xay",
                // "Bo-li-khăm-xay", "Bôlykhămxay"): one spelling however it is split.
                if key == known || compact == NameValue.compactKey(known) {
                    return index == 0 ? .canonical : .alias(of: entry.canonical)
                }
                if nearMiss == nil,
                   NameValue.withoutDiacritics(key) == NameValue.withoutDiacritics(known) || EditDistance.between(key, known) == 1 {
                    nearMiss = .nearMiss(of: entry.canonical, known: name)
                }
            }
        }
        return nearMiss ?? .unknown
    }

    /// The canonical name a written name is, or is close to; nil when it is close to none.
    func canonicalName(of written: String) -> String? {
        switch lookup(written) {
        case .canonical:
            entries.first { NameValue.compactKey(NameValue.matchingKey($0.canonical)) == NameValue.compactKey(NameValue.matchingKey(written)) }?
                .canonical
        case .alias(let canonical), .nearMiss(let canonical, _): canonical
        case .unknown: nil
        }
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

    let settings: CheckSettings
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
