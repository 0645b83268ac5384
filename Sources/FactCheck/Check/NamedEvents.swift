/// A named event of a reference table ("Lễ mở ký Công ước Hà Nội"): the days it took place,
/// where, and the page that says so. An event that recurs under one name (the yearly high-level
/// meeting of two parties) has a row per occurrence.
public struct NamedEvent: Sendable {
    public let name: String
    public let from: CalendarDate
    public let to: CalendarDate
    public let place: String?
    public let source: String
    /// Other names newsrooms give it; the event's facts are keyed by one of the names.
    public let aliases: [String]

    /// "2025-10-25", or "2023-10-17 – 2023-10-18".
    var dates: String { from == to ? "\(from)" : "\(from) – \(to)" }
}

/// A table of named events: which rows a name is, and whether a date a fact gives agrees.
///
/// A date agrees with an occurrence when the days it covers overlap the occurrence's: "25/10"
/// and "trong hai ngày 25-26/10" both agree with 25 October, and so does "tháng 10/2025". A
/// year the text does not give (taken from the article's date, or unknown) is not compared —
/// an article may recall the event years later — so only the day and month must agree then.
struct NamedEvents: Sendable {
    let rows: [NamedEvent]

    /// Every occurrence of the event a name (or alias) names, in table order.
    func occurrences(of written: String) -> [NamedEvent] {
        let key = NameValue.matchingKey(written)
        return rows.filter { row in ([row.name] + row.aliases).contains { NameValue.matchingKey($0) == key } }
    }

    /// Whether `date` agrees with one of `occurrences`. A date that covers no known days ("hôm
    /// qua" in an undated article) agrees with anything.
    static func agrees(_ date: DateValue, with occurrences: [NamedEvent]) -> Bool {
        guard let month = date.month else { return true }
        let withYear = date.yearSource == .explicit && date.year != nil
        // Days as comparable numbers: yyyymmdd with the year, mmdd without it.
        func day(_ year: Int?, _ month: Int, _ day: Int) -> Int { (withYear ? (year ?? 0) * 10_000 : 0) + month * 100 + day }
        let (first, last): (Int, Int)
        switch date.kind {
        case .day: (first, last) = (day(date.year, month, date.day ?? 1), day(date.year, month, date.day ?? 31))
        case .days: (first, last) = (day(date.year, month, date.day ?? 1), day(date.endYear ?? date.year, date.endMonth ?? month, date.endDay ?? 31))
        case .month: (first, last) = (day(date.year, month, 1), day(date.year, month, 31))
        case .period: (first, last) = (day(date.year, month, 1), day(date.year, date.endMonth ?? month, 31))
        case .year, .range: (first, last) = (day(date.year, 1, 1), day(date.endYear ?? date.year, 12, 31))
        }
        // Days across a new year, compared without the year, cannot be ordered: no judgement.
        guard first <= last else { return true }
        return occurrences.contains { row in
            let (from, to) = (day(row.from.year, row.from.month, row.from.day), day(row.to.year, row.to.month, row.to.day))
            return first <= to && from <= last
        }
    }
}

extension ReferenceCheck {
    /// The findings of a named-event table: each date an article gives for an event, grouped by
    /// article and value, against the event's occurrences. The event's name is its fact key
    /// after the first "/" (`event.date/Lễ mở ký Công ước Hà Nội`).
    func findings(_ facts: [Fact], events: NamedEvents) -> [Finding] {
        var groups: [String: [Fact]] = [:]
        var order: [String] = []
        for fact in facts {
            guard case .date(let date) = fact.normalized else { continue }
            let group = "\(fact.document)\u{0}\(fact.key)\u{0}\(date.display)"
            if groups[group] == nil { order.append(group) }
            groups[group, default: []].append(fact)
        }
        return order.compactMap { group in
            let facts = groups[group]!
            guard case .date(let date) = facts[0].normalized else { return nil }
            let name = facts[0].key.split(separator: "/", maxSplits: 1).dropFirst().first.map(String.init) ?? facts[0].key
            let occurrences = events.occurrences(of: name)
            var values = ["name": occurrences.first?.name ?? name, "value": facts[0].value, "date": date.display,
                          "tenure": occurrences.map(\.dates).joined(separator: ", ")]
            guard !occurrences.isEmpty else {
                var finding = settings.finding(key: facts[0].key, values: values, facts: facts, fingerprintValues: [name, "unknown"],
                                               severity: .info)
                finding.message = unknownMessage.render(values)
                return finding
            }
            guard !NamedEvents.agrees(date, with: occurrences) else { return nil }
            values["suggestion"] = values["tenure"]
            return settings.finding(key: facts[0].key, values: values, facts: facts, fingerprintValues: [name, date.display],
                                    suggestion: values["tenure"])
        }
    }
}
