/// One person's term in one office, with where that is documented.
public struct OfficeTerm: Sendable {
    public let name: String
    public let title: String
    public let country: String
    public let from: CalendarDate
    /// nil while in office.
    public let to: CalendarDate?
    /// For a term still open: the last day the table was checked. Later dates cannot be verified.
    public let knownUntil: CalendarDate?
    public let source: String
    /// Other spellings of the name seen in the news; they name the same person on every row.
    public var aliases: [String] = []
    /// Where the row is written: the rule file, and the line of `known_until` (of the row when
    /// the term has ended), so that `rules lint` can point at a date that has grown old.
    public var path = ""
    public var line = 0

    func covers(_ date: CalendarDate) -> Bool {
        from <= date && date <= (to ?? knownUntil ?? date)
    }

    /// "2024-08-03 – nay" / "2021-04-05 – 2024-03-21".
    var tenure: String { "\(from) – \(to.map(String.init(describing:)) ?? "nay")" }
}

/// The people an office table names, and which of them a written name is.
///
/// A Vietnamese name has one spelling: any other is a near miss (a diacritic missing or
/// wrong, or one letter off: "Phạm Minh Chín"). A Lao name (a row whose country is not Việt
/// Nam) is transliterated, and newsrooms spell it many ways: a spelling with the same
/// `NameValue.transliterationKey` as the name or one of its aliases is the same person
/// ("Thonglun Sisulith"), and one that is at most one letter off in each word, after that
/// folding, is a near miss ("Thounglun Sisolith").
struct OfficeHolders: Sendable {
    enum Match: Equatable, Sendable {
        /// The person of this name in the table, however it was spelled.
        case known(String)
        /// Not a spelling of anyone in the table, but close to this name.
        case nearMiss(String)
        case unknown
    }

    /// One spelling of a holder's name with the keys `match` compares, derived once when the
    /// table is read rather than for every name looked up.
    private struct Spelling: Sendable {
        let matchingKey: String
        let folded: String
        let transliterationKey: String
        let transliterationWords: [String]

        init(_ name: String) {
            matchingKey = NameValue.matchingKey(name)
            folded = NameValue.withoutDiacritics(matchingKey)
            transliterationKey = NameValue.transliterationKey(name)
            transliterationWords = NameValue.transliterationWords(name)
        }
    }

    private struct Holder: Sendable {
        let name: String
        var spellings: [Spelling]
        let transliterated: Bool
    }

    private let holders: [Holder]

    init(terms: [OfficeTerm]) {
        var holders: [Holder] = []
        for term in terms {
            if let index = holders.firstIndex(where: { $0.name == term.name }) {
                holders[index].spellings += term.aliases.map(Spelling.init)
            } else {
                holders.append(Holder(name: term.name, spellings: ([term.name] + term.aliases).map(Spelling.init),
                                      transliterated: term.country != "Việt Nam"))
            }
        }
        self.holders = holders
    }

    /// Who a written name is. An archive names the same few dozen leaders thousands of times,
    /// in every file: each spelling is looked up once per run.
    func match(_ written: String) -> Match {
        matches.value(written, lookUp)
    }

    private let matches = Memo<String, Match>()

    private func lookUp(_ written: String) -> Match {
        let spelled = Spelling(written)
        if let holder = holders.first(where: { $0.spellings.contains { $0.matchingKey == spelled.matchingKey } }) {
            return .known(holder.name)
        }
        if let holder = holders.first(where: { $0.transliterated && $0.spellings.contains { $0.transliterationKey == spelled.transliterationKey } }) {
            return .known(holder.name)
        }
        for holder in holders {
            for spelling in holder.spellings {
                if holder.transliterated {
                    let close = spelling.transliterationWords.count == spelled.transliterationWords.count
                        ? zip(spelling.transliterationWords, spelled.transliterationWords).allSatisfy { EditDistance.between($0, $1) <= 1 }
                        : EditDistance.between(spelling.transliterationKey, spelled.transliterationKey) <= 1
                    if close { return .nearMiss(holder.name) }
                } else if EditDistance.between(spelling.folded, spelled.folded) <= 1 {
                    return .nearMiss(holder.name)
                }
            }
        }
        return .unknown
    }
}

/// `reference`: a person named with a title is checked against the office holders table at
/// the article's date. A mismatch is a finding at the check's severity; with no article
/// date, or a date after the table was last checked, it is `info` ("cannot verify"), never
/// an error. Titles marked former ("nguyên", "cố") are not checked against the date.
///
/// Every person named with a top office's title is a fact, in the table or not: a name the
/// table does not know but close to one it knows (`OfficeHolders`) is a misspelling, a
/// `warning` at most, with the table's name as the suggestion; any other name is `info`,
/// "not in the table" (a former leader before 2011, a new holder the table does not have yet).
///
/// ```yaml
/// - id: reference.officials
///   kind: reference
///   facts: [official/*]
///   table: offices
///   severity: error
///   message: 'Ngày {date}, {name} không giữ chức {title} (nhiệm kỳ: {tenure}); người giữ chức khi đó: {holder}'
///   unverifiable_message: 'Không kiểm chứng được chức danh {title} của {name}: {reason}'
///   misspelling_message: 'Tên "{name}" ({title}) có thể viết sai; tên trong bảng tra cứu: "{suggestion}"'
///   unknown_message: '"{name}" ({title}) không có trong bảng tra cứu'
/// ```
/// Placeholders: `{name}` (as written), `{title}`, `{date}`, `{tenure}`, `{holder}`, `{reason}`,
/// `{suggestion}` (the table's spelling of a misspelled name).
///
/// The table may instead be one of named events (`NamedEvents`): then the facts are dates keyed
/// by the event's name, and a date that agrees with none of the event's occurrences is a
/// finding. Placeholders: `{name}` (the table's name of the event), `{value}` (the date as
/// written), `{date}` (as read), `{tenure}` (the days the table gives); `unknown_message` is
/// for a name the table lacks.
struct ReferenceCheck: Check {
    static let keys = ["table", "unverifiable_message", "misspelling_message", "unknown_message"]
    static let placeholders = ["name", "title", "date", "tenure", "holder", "reason", "suggestion", "value"]

    var settings: CheckSettings
    let terms: [OfficeTerm]
    let holders: OfficeHolders
    /// Set when the table is one of named events rather than of offices.
    let events: NamedEvents?
    let unverifiableMessage: Template
    let misspellingMessage: Template
    let unknownMessage: Template

    var id: String { settings.id }

    init(settings: CheckSettings, config: YAMLMapping, tables: [String: [OfficeTerm]], eventTables: [String: [NamedEvent]]) throws(RuleError) {
        self.settings = settings
        let name = try config.requiredString("table")
        guard tables[name] != nil || eventTables[name] != nil else {
            let defined = (Array(tables.keys) + Array(eventTables.keys)).sorted().joined(separator: ", ")
            throw config.invalid("table", "names '\(name)', which is not defined; defined: \(defined)")
        }
        terms = tables[name] ?? []
        events = eventTables[name].map(NamedEvents.init)
        holders = OfficeHolders(terms: terms)
        unverifiableMessage = try config.template("unverifiable_message", placeholders: Self.placeholders) ?? settings.message
        misspellingMessage = try config.template("misspelling_message", placeholders: Self.placeholders) ?? settings.message
        unknownMessage = try config.template("unknown_message", placeholders: Self.placeholders) ?? settings.message
    }

    /// The verdict on one person of the table, title and date.
    enum Verdict: Equatable {
        case holds
        case unverifiable(reason: String)
        case mismatch(tenure: String, holder: String)
    }

    func verdict(name: String, title: String, country: String?, date: CalendarDate?) -> Verdict {
        let own = terms.filter { $0.name == name }
        let inTitle = own.filter { $0.title == title }
        guard let date else { return .unverifiable(reason: "bài không có ngày đăng") }
        if inTitle.contains(where: { $0.covers(date) }) { return .holds }
        if let open = inTitle.first(where: { $0.to == nil }), let knownUntil = open.knownUntil, date > knownUntil, open.from <= date {
            return .unverifiable(reason: "bảng tra cứu chỉ được cập nhật đến \(knownUntil)")
        }
        let officeCountry = country ?? own.first?.country
        let holders = terms.filter { $0.title == title && $0.country == officeCountry && $0.covers(date) }.map(\.name)
        let tenure = inTitle.isEmpty ? "chưa từng giữ chức này" : inTitle.map(\.tenure).joined(separator: ", ")
        return .mismatch(tenure: tenure, holder: holders.isEmpty ? "không rõ" : holders.joined(separator: ", "))
    }

    var crossesDocuments: Bool { false }

    /// Each finding is about one article's facts (a name as it writes it, or an event's date).
    func partition(of fact: Fact) -> FactPartition { .document(fact.document) }

    func findings(in facts: FactIndex) -> [Finding] {
        if let events { return findings(settings.read(facts), events: events) }
        // One group per document and written name, with every place it is written. A
        // document's facts are contiguous and name few people: its groups are a short list.
        var groups: [(name: String, facts: [Fact])] = []
        var documentStart = 0
        var document: String?
        for fact in settings.read(facts) {
            guard case .person(let person) = fact.normalized else { continue }
            if fact.document != document {
                (document, documentStart) = (fact.document, groups.count)
            }
            if let index = groups[documentStart...].firstIndex(where: { $0.name == person.name }) {
                groups[index].facts.append(fact)
            } else {
                groups.append((person.name, [fact]))
            }
        }
        return groups.flatMap { group in findings(written: group.name, match: holders.match(group.name), facts: group.facts) }
    }

    private static func person(_ fact: Fact) -> Person? {
        if case .person(let person) = fact.normalized { person } else { nil }
    }

    /// The findings on one person as written in one document.
    private func findings(written: String, match: OfficeHolders.Match, facts: [Fact]) -> [Finding] {
        let date = facts[0].asOf
        var titles: [String] = []
        for title in facts.compactMap(Self.person).flatMap(\.titles) where !titles.contains(title) { titles.append(title) }
        var values = ["name": written, "title": titles.joined(separator: ", "), "date": date.map(String.init(describing:)) ?? "không rõ",
                      "tenure": "", "holder": "", "reason": "", "suggestion": ""]
        switch match {
        case .unknown:
            var finding = settings.finding(key: facts[0].key, values: values, facts: facts,
                                           fingerprintValues: [written, "unknown"], severity: .info)
            finding.message = unknownMessage.render(values)
            return [finding]
        case .nearMiss(let name):
            values["suggestion"] = name
            var finding = settings.finding(key: facts[0].key, values: values, facts: facts,
                                           fingerprintValues: [written, "misspelling"], severity: min(settings.severity, .warning),
                                           suggestion: name)
            finding.message = misspellingMessage.render(values)
            return [finding]
        case .known(let name):
            // Former titles ("nguyên", "cố") are true of the past: only current ones are dated.
            let current = facts.filter { Self.person($0)?.former == false }
            var checked: [String] = []
            for title in current.compactMap(Self.person).flatMap(\.titles) where !checked.contains(title) { checked.append(title) }
            return checked.compactMap { title in
                let withTitle = current.filter { Self.person($0)?.titles.contains(title) == true }
                let country = withTitle.lazy.compactMap { Self.person($0)?.country }.first
                var values = values
                values["title"] = title
                switch verdict(name: name, title: title, country: country, date: date) {
                case .holds:
                    return nil
                case .unverifiable(let reason):
                    values["reason"] = reason
                    var finding = settings.finding(key: withTitle[0].key, values: values, facts: withTitle,
                                                   fingerprintValues: [written, title, "unverifiable"], severity: .info)
                    finding.message = unverifiableMessage.render(values)
                    return finding
                case .mismatch(let tenure, let holder):
                    values["tenure"] = tenure
                    values["holder"] = holder
                    return settings.finding(key: withTitle[0].key, values: values, facts: withTitle,
                                            fingerprintValues: [written, title, values["date"]!])
                }
            }
        }
    }
}
