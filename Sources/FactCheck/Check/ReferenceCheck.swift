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

    func covers(_ date: CalendarDate) -> Bool {
        from <= date && date <= (to ?? knownUntil ?? date)
    }

    /// "2024-08-03 – nay" / "2021-04-05 – 2024-03-21".
    var tenure: String { "\(from) – \(to.map(String.init(describing:)) ?? "nay")" }
}

/// `reference`: a person named with a title is checked against the office holders table at
/// the article's date. A mismatch is a finding at the check's severity; with no article
/// date, or a date after the table was last checked, it is `info` ("cannot verify"), never
/// an error. Titles marked former ("nguyên", "cố") are not checked.
///
/// ```yaml
/// - id: reference.officials
///   kind: reference
///   facts: [official/*]
///   table: offices
///   severity: error
///   message: 'Ngày {date}, {name} không giữ chức {title} (nhiệm kỳ: {tenure}); người giữ chức khi đó: {holder}'
///   unverifiable_message: 'Không kiểm chứng được chức danh {title} của {name}: {reason}'
/// ```
/// Placeholders: `{name}`, `{title}`, `{date}`, `{tenure}`, `{holder}`, `{reason}`.
struct ReferenceCheck: Check {
    static let keys = ["table", "unverifiable_message"]
    static let placeholders = ["name", "title", "date", "tenure", "holder", "reason"]

    let settings: CheckSettings
    let terms: [OfficeTerm]
    let unverifiableMessage: Template

    var id: String { settings.id }

    init(settings: CheckSettings, config: YAMLMapping, tables: [String: [OfficeTerm]]) throws(RuleError) {
        self.settings = settings
        let name = try config.requiredString("table")
        guard let terms = tables[name] else {
            throw config.invalid("table", "names '\(name)', which is not defined; defined: \(tables.keys.sorted().joined(separator: ", "))")
        }
        self.terms = terms
        unverifiableMessage = try config.template("unverifiable_message", placeholders: Self.placeholders) ?? settings.message
    }

    /// The verdict on one person, title and date.
    enum Verdict: Equatable {
        case holds
        case notInTable
        case unverifiable(reason: String)
        case mismatch(tenure: String, holder: String)
    }

    func verdict(name: String, title: String, country: String?, date: CalendarDate?) -> Verdict {
        let own = terms.filter { $0.name == name }
        guard !own.isEmpty else { return .notInTable }
        let inTitle = own.filter { $0.title == title }
        guard let date else { return .unverifiable(reason: "bài không có ngày đăng") }
        if inTitle.contains(where: { $0.covers(date) }) { return .holds }
        if let open = inTitle.first(where: { $0.to == nil }), let knownUntil = open.knownUntil, date > knownUntil, open.from <= date {
            return .unverifiable(reason: "bảng tra cứu chỉ được cập nhật đến \(knownUntil)")
        }
        let officeCountry = country ?? own[0].country
        let holders = terms.filter { $0.title == title && $0.country == officeCountry && $0.covers(date) }.map(\.name)
        let tenure = inTitle.isEmpty ? "chưa từng giữ chức này" : inTitle.map(\.tenure).joined(separator: ", ")
        return .mismatch(tenure: tenure, holder: holders.isEmpty ? "không rõ" : holders.joined(separator: ", "))
    }

    func findings(in facts: FactIndex) -> [Finding] {
        // One finding per document, person and title, with every place it is written. A
        // document's facts are contiguous and name few people: its groups are a short list.
        var groups: [(name: String, title: String, facts: [Fact])] = []
        var documentStart = 0
        var document: String?
        for fact in settings.read(facts) {
            guard case .person(let person) = fact.normalized, !person.former else { continue }
            if fact.document != document {
                (document, documentStart) = (fact.document, groups.count)
            }
            for title in person.titles {
                if let index = groups[documentStart...].firstIndex(where: { $0.name == person.name && $0.title == title }) {
                    groups[index].facts.append(fact)
                } else {
                    groups.append((person.name, title, [fact]))
                }
            }
        }
        return groups.compactMap { name, title, facts in
            let country = facts.lazy.compactMap { fact -> String? in
                if case .person(let person) = fact.normalized { person.country } else { nil }
            }.first
            let date = facts[0].asOf
            var values = ["name": name, "title": title, "date": date.map(String.init(describing:)) ?? "không rõ",
                          "tenure": "", "holder": "", "reason": ""]
            switch verdict(name: name, title: title, country: country, date: date) {
            case .holds, .notInTable:
                return nil
            case .unverifiable(let reason):
                values["reason"] = reason
                var finding = settings.finding(key: facts[0].key, values: values, facts: facts,
                                               fingerprintValues: [name, title, "unverifiable"], severity: .info)
                finding.message = unverifiableMessage.render(values)
                return finding
            case .mismatch(let tenure, let holder):
                values["tenure"] = tenure
                values["holder"] = holder
                return settings.finding(key: facts[0].key, values: values, facts: facts,
                                        fingerprintValues: [name, title, values["date"]!])
            }
        }
    }
}
