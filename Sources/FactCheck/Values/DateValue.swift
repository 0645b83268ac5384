import Foundation

/// A date or period as an article states it, with its year resolved from the article's own
/// date where the text gives none (DESIGN §7). An unknown year stays unknown.
public struct DateValue: Sendable, Hashable, Decodable {
    public enum Kind: String, Codable, Sendable {
        /// "25/10", "26/02/2024", "hôm qua"
        case day
        /// "tháng 9/2023"
        case month
        /// "năm 2025"
        case year
        /// "2026-2030", "giai đoạn 2026 -2030"
        case range
        /// "10 tháng đầu năm 2025", "quý I/2025": months `month...endMonth` of `year`
        case period
    }

    /// Where the year came from.
    public enum YearSource: String, Codable, Sendable {
        /// Written in the text.
        case explicit
        /// Taken from the article's date (and moved by a tense cue).
        case article
        /// No year in the text and no article date: the year is unknown.
        case unknown
    }

    public var kind: Kind
    public var year: Int?
    public var month: Int?
    public var day: Int?
    public var endYear: Int?
    public var endMonth: Int?
    public var yearSource: YearSource
    /// sáng, trưa, chiều, tối, đêm before the date.
    public var partOfDay: String?

    enum CodingKeys: String, CodingKey {
        case kind, year, month, day
        case endYear = "end_year"
        case endMonth = "end_month"
        case yearSource = "year_source"
        case partOfDay = "part_of_day"
    }

    /// Verb tense around a date without a year, which may move it a year from the article's.
    enum Tense {
        case past, future, none

        /// "đã", "vừa qua", "vừa" mark the past; "sẽ" the future; both or neither: no cue.
        static func detect(in sentence: String) -> Tense {
            let words = Set(sentence.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init))
            let past = words.contains("đã") || words.contains("vừa")
            let future = words.contains("sẽ")
            return past == future ? .none : past ? .past : .future
        }
    }

    /// Reads a date value. `articleDate` resolves a missing year; `sentence` supplies tense
    /// cues; `partOfDay` is the word before the date, if any.
    init?(parsing text: String, articleDate: CalendarDate?, sentence: String = "", partOfDay: String? = nil) {
        let words = text.lowercased().split(separator: " ").map(String.init)
        self.partOfDay = partOfDay?.lowercased()
        yearSource = .explicit
        switch words {
        case ["hôm", "nay"], ["hôm", "qua"]:
            kind = .day
            guard let articleDate else {
                yearSource = .unknown
                return
            }
            let date = words[1] == "qua" ? articleDate.adding(days: -1) : articleDate
            (year, month, day, yearSource) = (date.year, date.month, date.day, .article)
        case _ where words.count == 2 && words[0] == "năm":
            guard let year = DateValue.year(words[1]) else { return nil }
            (kind, self.year) = (.year, year)
        case _ where words.count == 1:
            guard let value = DateValue(numeric: words[0]) else { return nil }
            self = value
            self.partOfDay = partOfDay?.lowercased()
        default:
            guard let period = DateValue(period: words) else { return nil }
            self = period
        }
        if year == nil, kind == .day || kind == .month { resolveYear(articleDate: articleDate, tense: Tense.detect(in: sentence)) }
    }

    /// "25/10", "25/10/2025", "25.10.2025", "25-10-2025", "9/2023", "2026-2030", "2025".
    private init?(numeric text: String) {
        yearSource = .explicit
        if let year = DateValue.year(text) {
            (kind, self.year) = (.year, year)
            return
        }
        let rangeParts = text.split(separator: "-")
        if rangeParts.count == 2, let from = DateValue.year(rangeParts[0]), let to = DateValue.year(rangeParts[1]) {
            (kind, year, endYear) = (.range, from, to)
            return
        }
        // Dots and dashes are accepted only in full d.m.yyyy dates, where they are unambiguous.
        let separator: Character = text.contains("/") ? "/" : text.contains(".") ? "." : "-"
        let parts = text.split(separator: separator, omittingEmptySubsequences: false).map(String.init)
        guard parts.allSatisfy({ !$0.isEmpty && $0.count <= 4 && $0.allSatisfy(\.isASCIIDigit) }) else { return nil }
        switch parts.count {
        case 2 where separator == "/" && parts[1].count == 4:
            guard let month = Int(parts[0]), (1...12).contains(month), let year = DateValue.year(parts[1]) else { return nil }
            (kind, self.month, self.year) = (.month, month, year)
        case 2 where separator == "/" && parts[1].count <= 2:
            guard let day = Int(parts[0]), let month = Int(parts[1]), (1...31).contains(day), (1...12).contains(month) else { return nil }
            (kind, self.day, self.month) = (.day, day, month)
        case 3 where parts[2].count == 4 && parts[0].count <= 2 && parts[1].count <= 2:
            guard let day = Int(parts[0]), let month = Int(parts[1]), (1...31).contains(day), (1...12).contains(month),
                  let year = DateValue.year(parts[2]) else { return nil }
            (kind, self.day, self.month, self.year) = (.day, day, month, year)
        default:
            return nil
        }
    }

    /// "10 tháng đầu năm 2025", "6 tháng năm 2024", "quý i/2025", "quý 2 năm 2025".
    private init?(period words: [String]) {
        yearSource = .explicit
        kind = .period
        let months = words.filter { $0 != "đầu" }  // "10 tháng (đầu) năm 2025"
        if months.count == 4, months[1] == "tháng", months[2] == "năm", let count = Int(months[0]), (1...12).contains(count),
           let year = DateValue.year(months[3]) {
            (month, endMonth, self.year) = (1, count, year)
        } else if words.first == "quý", words.count >= 2 {
            let rest = words.dropFirst().joined(separator: " ").replacingOccurrences(of: " năm ", with: "/")
            let parts = rest.split(separator: "/")
            let quarters = ["i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4]
            guard parts.count == 2, let quarter = quarters[String(parts[0])], let year = DateValue.year(parts[1]) else { return nil }
            (month, endMonth, self.year) = (quarter * 3 - 2, quarter * 3, year)
        } else {
            return nil
        }
    }

    private static func year(_ text: some StringProtocol) -> Int? {
        guard text.count == 4, text.allSatisfy(\.isASCIIDigit), let year = Int(text), (1900...2100).contains(year) else { return nil }
        return year
    }

    /// HeidelTime-style news resolution: the article's year, moved by one only on a clear cue.
    private mutating func resolveYear(articleDate: CalendarDate?, tense: Tense) {
        guard let articleDate, let month else {
            yearSource = .unknown
            return
        }
        var year = articleDate.year
        let stated = (month, day ?? 1)
        let published = (articleDate.month, articleDate.day)
        if tense == .past, stated > published { year -= 1 }
        if tense == .future, stated < published { year += 1 }
        self.year = year
        yearSource = .article
    }

    /// False for a day that does not exist: 31/2, 30/2, 29/2 of a non-leap year, 31/4.
    public var isValid: Bool {
        guard kind == .day, let month, let day else { return true }
        return day <= CalendarDate.daysIn(month: month, year: year ?? 2000)
    }

    /// The calendar day, when the value is one day with a known year.
    public var calendarDate: CalendarDate? {
        guard kind == .day, let year, let month, let day else { return nil }
        return CalendarDate(year: year, month: month, day: day)
    }

    /// The same day, month, year, range or period; an unknown year matches any.
    func isCompatible(with other: DateValue) -> Bool {
        guard kind == other.kind, month == other.month, day == other.day, endYear == other.endYear, endMonth == other.endMonth else {
            return false
        }
        return year == nil || other.year == nil || year == other.year
    }

    var display: String {
        func two(_ value: Int?) -> String { value.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "??" }
        let year = self.year.map(String.init) ?? "????"
        switch kind {
        case .day: return "\(year)-\(two(month))-\(two(day))"
        case .month: return "\(year)-\(two(month))"
        case .year: return year
        case .range: return "\(year)–\(endYear.map(String.init) ?? "????")"
        case .period: return "\(year)-\(two(month))…\(year)-\(two(endMonth))"
        }
    }
}

extension CalendarDate {
    /// The day `days` later (or earlier, when negative).
    func adding(days: Int) -> CalendarDate {
        var (year, month, day) = (self.year, self.month, self.day + days)
        while day < 1 {
            month -= 1
            if month < 1 { (month, year) = (12, year - 1) }
            day += CalendarDate.daysIn(month: month, year: year)
        }
        while day > CalendarDate.daysIn(month: month, year: year) {
            day -= CalendarDate.daysIn(month: month, year: year)
            month += 1
            if month > 12 { (month, year) = (1, year + 1) }
        }
        return CalendarDate(year: year, month: month, day: day)!
    }

    /// Days since 1970-01-01 (negative before), for windows and weekdays.
    var dayNumber: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// 1 = Monday ... 7 = Sunday.
    var weekday: Int {
        let days = dayNumber
        return (days % 7 + 7 + 3) % 7 + 1  // 1970-01-01 was a Thursday
    }
}
