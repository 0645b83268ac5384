import Foundation

/// A date or period as an article states it, typed so that two spellings of one period are one
/// value ("quý I/2025", "Quý 1 năm 2025", "3 tháng đầu năm 2025"), with its year resolved from
/// the article's own date where the text gives none (DESIGN §7). An unknown year stays unknown.
public struct DateValue: Sendable, Hashable, Decodable {
    public enum Kind: String, Codable, Sendable {
        /// "25/10", "ngày 25 tháng 10 năm 2025", "hôm qua"
        case day
        /// "1-2/12", "tuần trước": days `day/month/year ... endDay/endMonth/endYear`
        case days
        /// "tháng 10/2025"
        case month
        /// "10 tháng đầu năm 2025", "quý I/2025", "nửa đầu năm": months `month...endMonth` of `year`
        case period
        /// "năm 2025"
        case year
        /// "giai đoạn 2026-2030": years `year...endYear`
        case range
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
    public var endDay: Int?
    public var yearSource: YearSource
    /// sáng, trưa, chiều, tối, đêm before the date.
    public var partOfDay: String?

    enum CodingKeys: String, CodingKey {
        case kind, year, month, day
        case endYear = "end_year"
        case endMonth = "end_month"
        case endDay = "end_day"
        case yearSource = "year_source"
        case partOfDay = "part_of_day"
    }

    init(kind: Kind, year: Int? = nil, month: Int? = nil, day: Int? = nil, endYear: Int? = nil, endMonth: Int? = nil,
         endDay: Int? = nil, yearSource: YearSource = .explicit) {
        (self.kind, self.year, self.month, self.day) = (kind, year, month, day)
        (self.endYear, self.endMonth, self.endDay, self.yearSource) = (endYear, endMonth, endDay, yearSource)
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

    /// Reads a date or period (docs/RULES.md lists the forms). `articleDate` resolves a missing
    /// year, a two-digit year and "hôm qua", "tuần trước", "năm ngoái"; `sentence` supplies
    /// tense cues; `partOfDay` is the word before the date, if the rule captured one.
    init?(parsing text: String, articleDate: CalendarDate?, sentence: String = "", partOfDay: String? = nil) {
        var stream = TokenStream(text)
        // A captured part may be "sáng ngày" or "8h ngày" (the `day_part` fragment): keep the part of day in it.
        var part = partOfDay.flatMap { DateGrammar.partOfDay(in: $0) }
        // "sáng thứ Hai (27/1)", "thứ Hai, sáng 27/1": the part of day before or after the weekday.
        if let word = stream.take(longestOf: DateGrammar.partsOfDay) { part = part ?? word }
        let weekday = DateGrammar.weekday(&stream)
        if let word = stream.take(longestOf: DateGrammar.partsOfDay) { part = part ?? word }
        if weekday != nil, stream.take("(") {
            guard stream.tokens.last?.text == ")" else { return nil }
        }
        DateGrammar.skipClockTime(&stream)  // "8h ngày 9/1": the day is what the value is about
        guard var value = DateGrammar.statedRelative(&stream, articleDate: articleDate, afterPartOfDay: partOfDay != nil || part != nil)
                ?? DateGrammar.relative(&stream, articleDate: articleDate) ?? DateGrammar.absolute(&stream, articleDate: articleDate)
        else { return nil }
        if let weekday, value.kind == .days, let monday = value.calendarStart, monday.weekday == 1,
           value.endDay == monday.adding(days: 6).day {  // "thứ năm tuần tới": that day of the week
            let day = monday.adding(days: weekday - 1)
            value = DateValue(kind: .day, year: day.year, month: day.month, day: day.day, yearSource: value.yearSource)
        }
        _ = stream.take(")")
        _ = stream.take(",")
        guard stream.isDone, value.hasValidFields else { return nil }
        value.partOfDay = part
        if value.year == nil, value.yearSource == .explicit {
            value.resolveYear(articleDate: articleDate, tense: Tense.detect(in: sentence.isEmpty ? text : sentence))
        }
        self = value
    }

    /// Months and days in range, and an end not before the start.
    private var hasValidFields: Bool {
        if let month, !(1...12).contains(month) { return false }
        if let endMonth, !(1...12).contains(endMonth) { return false }
        if let day, !(1...31).contains(day) { return false }
        if let endDay, !(1...31).contains(endDay) { return false }
        for year in [year, endYear].compactMap({ $0 }) where !(1000...2999).contains(year) { return false }
        switch kind {
        case .days:
            guard let year, let endYear else { return true }
            return (endYear, endMonth ?? 0, endDay ?? 0) > (year, month ?? 0, day ?? 0)
        case .period: return (endMonth ?? 0) >= (month ?? 13)
        case .range: return (endYear ?? 0) > (year ?? Int.max)
        default: return true
        }
    }

    /// HeidelTime-style news resolution: the article's year, moved by one only on a clear cue.
    private mutating func resolveYear(articleDate: CalendarDate?, tense: Tense) {
        guard let articleDate, kind != .year, kind != .range else {
            yearSource = .unknown
            return
        }
        var year = articleDate.year
        let stated = (month ?? 1, day ?? 1)
        let published = (articleDate.month, articleDate.day)
        if tense == .past, stated > published { year -= 1 }
        if tense == .future, stated < published { year += 1 }
        self.year = year
        if kind == .days, endYear == nil { endYear = (endMonth ?? 0) < (month ?? 0) ? year + 1 : year }
        yearSource = .article
    }

    /// False for a day that does not exist: 31/2, 30/2, 29/2 of a non-leap year, 31/4.
    public var isValid: Bool {
        guard let month, let day else { return true }
        guard day <= CalendarDate.daysIn(month: month, year: year ?? 2000) else { return false }
        guard let endDay else { return true }
        return endDay <= CalendarDate.daysIn(month: endMonth ?? month, year: endYear ?? year ?? 2000)
    }

    /// The first day, when the value is days with a known year.
    var calendarStart: CalendarDate? {
        guard let year, let month, let day else { return nil }
        return CalendarDate(year: year, month: month, day: day)
    }

    /// The calendar day, when the value is one day with a known year.
    public var calendarDate: CalendarDate? {
        guard kind == .day, let year, let month, let day else { return nil }
        return CalendarDate(year: year, month: month, day: day)
    }

    /// How many months a period spans (a year is 12, a quarter 3), for comparing the lengths
    /// of two periods; nil for days and ranges of years.
    var months: Int? {
        switch kind {
        case .month: 1
        case .period: (endMonth ?? 0) - (month ?? 0) + 1
        case .year: 12
        case .day, .days, .range: nil
        }
    }

    /// The same day, days, month, period, year or years; an unknown year matches any, and a
    /// day that is not known at all ("hôm qua" in an undated article) matches every day.
    func isCompatible(with other: DateValue) -> Bool {
        if kind == .day, other.kind == .day, month == nil || other.month == nil { return true }
        guard kind == other.kind, month == other.month, day == other.day, endMonth == other.endMonth, endDay == other.endDay else {
            return false
        }
        let yearsKnown = year != nil && other.year != nil
        return !yearsKnown || (year == other.year && (kind == .days || endYear == other.endYear))
    }

    var display: String {
        func two(_ value: Int?) -> String { value.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "??" }
        let year = self.year.map(String.init) ?? "????"
        let endYear = self.endYear.map(String.init) ?? year
        switch kind {
        case .day: return "\(year)-\(two(month))-\(two(day))"
        case .days: return "\(year)-\(two(month))-\(two(day))…\(endYear)-\(two(endMonth))-\(two(endDay))"
        case .month: return "\(year)-\(two(month))"
        case .period: return "\(year)-\(two(month))…\(year)-\(two(endMonth))"
        case .year: return year
        case .range: return "\(year)–\(endYear)"
        }
    }

    /// The period in the words Vietnamese editors use, one spelling per period: "quý I/2025",
    /// "6 tháng đầu năm 2025", "10 tháng đầu năm 2025", "năm 2024", "tháng 10/2025",
    /// "giai đoạn 2021-2025". Facts are grouped by it, and messages show it.
    var label: String {
        let year = self.year.map(String.init) ?? "????"
        switch kind {
        case .day: return "\(day ?? 0)/\(month ?? 0)/\(year)"
        case .days:
            let end = "\(endDay ?? 0)/\(endMonth ?? 0)/\(endYear.map(String.init) ?? year)"
            return month == endMonth && self.year == endYear ? "\(day ?? 0)-\(end)" : "\(day ?? 0)/\(month ?? 0)/\(year)-\(end)"
        case .month: return "tháng \(month ?? 0)/\(year)"
        case .year: return "năm \(year)"
        case .range: return "giai đoạn \(year)-\(endYear.map(String.init) ?? "????")"
        case .period:
            let (first, last) = (month ?? 1, endMonth ?? 12)
            if last - first == 2, first % 3 == 1 { return "quý \(["I", "II", "III", "IV"][first / 3])/\(year)" }
            if first == 1 { return "\(last) tháng đầu năm \(year)" }
            if last == 12 { return "\(13 - first) tháng cuối năm \(year)" }
            return "tháng \(first)-\(last)/\(year)"
        }
    }
}

/// The date forms, read off a `TokenStream`. Each returns nil and leaves the stream where it
/// was when its form does not start there.
enum DateGrammar {
    static let partsOfDay: [(words: [String], value: String)] = phrases(
        ["sáng", "trưa", "chiều", "tối", "đêm", "rạng sáng"].map { ($0, $0) } + [("sáng sớm", "sáng")])

    /// Month names: "tháng giêng", "tháng ba", "tháng mười hai", "tháng chạp".
    private static let monthWords: [(words: [String], value: Int)] = phrases([
        ("giêng", 1), ("một", 1), ("hai", 2), ("ba", 3), ("tư", 4), ("bốn", 4), ("năm", 5), ("sáu", 6), ("bảy", 7),
        ("tám", 8), ("chín", 9), ("mười", 10), ("mười một", 11), ("mười hai", 12), ("chạp", 12),
    ])

    private static let directions: [(words: [String], value: Int)] = phrases([
        ("tới", 1), ("sau", 1), ("trước", -1), ("vừa qua", -1), ("vừa rồi", -1),
    ])

    private static let quarters: [(words: [String], value: Int)] = phrases([
        ("i", 1), ("ii", 2), ("iii", 3), ("iv", 4), ("1", 1), ("2", 2), ("3", 3), ("4", 4),
        ("một", 1), ("hai", 2), ("ba", 3), ("bốn", 4), ("tư", 4),
    ])

    /// The part of day a captured lead names: "sáng" in "Sáng ngày", nil in "ngày" or "8h ngày".
    static func partOfDay(in lead: String) -> String? {
        var stream = TokenStream(lead)
        return stream.take(longestOf: partsOfDay)
    }

    /// "8h", "15h30", "vào lúc 8 giờ sáng" before "ngày 9/1": a time of day is finer than a date
    /// value, so it is read past, and only when a day follows.
    static func skipClockTime(_ stream: inout TokenStream) {
        let saved = stream.position
        _ = stream.take("vào")
        _ = stream.take("lúc")
        guard let hour = plainInteger(&stream), hour <= 24, stream.take("h") || stream.take("giờ") else {
            stream.position = saved
            return
        }
        if plainInteger(&stream) != nil { _ = stream.take("phút") }
        _ = stream.take(longestOf: partsOfDay)
        if stream.peek?.text != "ngày" { stream.position = saved }
    }

    /// "Chiều nay (22/4)", "sáng nay 12/5", "Chiều qua (28/7)", "hôm 8/1": a relative word with
    /// the day written beside it. The written day wins (it is what an editor checks); whether it
    /// agrees with the article's date is left to a later check. "nay" or "qua" alone count as
    /// today or yesterday only after a part of day ("sáng nay"), since alone they are ordinary words.
    static func statedRelative(_ stream: inout TokenStream, articleDate: CalendarDate?, afterPartOfDay: Bool) -> DateValue? {
        let saved = stream.position
        let hom = stream.take("hôm")
        let offset: Int? = stream.take("nay") ? 0 : stream.take("qua") ? -1 : hom && stream.take("kia") ? -2 : nil
        if hom, offset == nil {  // "hôm 8/1": the day of a past event
            if let value = day(&stream, articleDate), stream.isDone { return value }
            stream.position = saved
            return nil
        }
        guard let offset, hom || afterPartOfDay else {
            stream.position = saved
            return nil
        }
        let afterWord = stream.position
        let parenthesized = stream.take("(")
        if let value = day(&stream, articleDate), !parenthesized || stream.take(")"), stream.isDone { return value }
        stream.position = afterWord
        guard stream.isDone else {
            stream.position = saved
            return nil
        }
        guard let today = articleDate else { return DateValue(kind: .day, yearSource: .unknown) }
        let day = today.adding(days: offset)
        return DateValue(kind: .day, year: day.year, month: day.month, day: day.day, yearSource: .article)
    }

    /// 1 = Monday ... 7 = Sunday.
    private static let weekdays: [(words: [String], value: Int)] = phrases([
        ("thứ hai", 1), ("thứ ba", 2), ("thứ tư", 3), ("thứ năm", 4), ("thứ sáu", 5), ("thứ bảy", 6), ("chủ nhật", 7),
        ("thứ 2", 1), ("thứ 3", 2), ("thứ 4", 3), ("thứ 5", 4), ("thứ 6", 5), ("thứ 7", 6),
    ])

    /// "thứ Hai", "Chủ nhật," before a date (the sanity check compares the two; the value is
    /// the date), or before a week ("thứ năm tuần tới", "thứ 6 của tuần này").
    static func weekday(_ stream: inout TokenStream) -> Int? {
        guard let weekday = stream.take(longestOf: weekdays) else { return nil }
        _ = stream.take(",") || stream.take("của")
        return weekday
    }

    // MARK: Relative to the article's date

    private enum Unit { case day, week, month, quarter, year }

    private static let relatives: [(words: [String], value: (Unit, Int))] = phrases([
        ("hôm nay", (.day, 0)), ("ngày hôm nay", (.day, 0)), ("bữa nay", (.day, 0)), ("hôm qua", (.day, -1)),
        ("ngày hôm qua", (.day, -1)), ("hôm kia", (.day, -2)), ("ngày hôm kia", (.day, -2)), ("ngày mai", (.day, 1)),
        ("tuần này", (.week, 0)), ("tuần trước", (.week, -1)), ("tuần qua", (.week, -1)), ("tuần sau", (.week, 1)),
        ("tuần tới", (.week, 1)),
        ("tháng này", (.month, 0)), ("tháng nay", (.month, 0)), ("tháng trước", (.month, -1)), ("tháng sau", (.month, 1)),
        ("tháng tới", (.month, 1)),
        ("quý này", (.quarter, 0)), ("quý nay", (.quarter, 0)), ("quý hiện tại", (.quarter, 0)), ("quý trước", (.quarter, -1)),
        ("quý sau", (.quarter, 1)), ("quý tới", (.quarter, 1)), ("quý tiếp", (.quarter, 1)), ("quý tiếp theo", (.quarter, 1)),
        ("năm nay", (.year, 0)), ("năm ngoái", (.year, -1)), ("năm trước", (.year, -1)), ("năm qua", (.year, -1)),
        ("năm sau", (.year, 1)), ("năm tới", (.year, 1)), ("năm tiếp theo", (.year, 1)), ("năm kế tiếp", (.year, 1)),
    ])

    /// "hôm qua", "tuần trước", "năm ngoái": a day, week, month, quarter or year counted from
    /// the article's date; nothing without one.
    static func relative(_ stream: inout TokenStream, articleDate: CalendarDate?) -> DateValue? {
        let saved = stream.position
        guard let (unit, offset) = stream.take(longestOf: relatives) else { return nil }
        guard let today = articleDate else {
            if unit == .day { return DateValue(kind: .day, yearSource: .unknown) }  // a day, but which is unknown
            stream.position = saved
            return nil
        }
        switch unit {
        case .day:
            let day = today.adding(days: offset)
            return DateValue(kind: .day, year: day.year, month: day.month, day: day.day, yearSource: .article)
        case .week:
            let monday = today.adding(days: 1 - today.weekday + 7 * offset), sunday = monday.adding(days: 6)
            return DateValue(kind: .days, year: monday.year, month: monday.month, day: monday.day, endYear: sunday.year,
                             endMonth: sunday.month, endDay: sunday.day, yearSource: .article)
        case .month:
            let index = today.year * 12 + today.month - 1 + offset
            return DateValue(kind: .month, year: index / 12, month: index % 12 + 1, yearSource: .article)
        case .quarter:
            let index = today.year * 4 + (today.month - 1) / 3 + offset
            return DateValue(kind: .period, year: index / 4, month: index % 4 * 3 + 1, endMonth: index % 4 * 3 + 3, yearSource: .article)
        case .year:
            return DateValue(kind: .year, year: today.year + offset, yearSource: .article)
        }
    }

    // MARK: Absolute

    static func absolute(_ stream: inout TokenStream, articleDate: CalendarDate?) -> DateValue? {
        for form in [years, quarter, monthsOfYear, month, firstDayOfMonth, dayRange, day] {
            let saved = stream.position
            if let value = form(&stream, articleDate), stream.isDone || [")", ","].contains(stream.peek?.text ?? "") { return value }
            stream.position = saved
        }
        return nil
    }

    /// "năm 2025", "2025", "giai đoạn 2021-2025", "từ năm 2021 đến năm 2025", "cả năm 2024".
    private static func years(_ stream: inout TokenStream, _ articleDate: CalendarDate?) -> DateValue? {
        let span = stream.take(["giai", "đoạn"]) || stream.take("từ")
        _ = stream.take("cả")
        _ = stream.take("năm")
        guard let from = fullYear(&stream) else { return nil }
        guard stream.take("-") || stream.take("đến") || stream.take("tới") else {
            return span ? nil : DateValue(kind: .year, year: from)
        }
        _ = stream.take("năm")
        guard let to = fullYear(&stream) else { return nil }
        return DateValue(kind: .range, year: from, endYear: to)
    }

    /// "quý III/2025", "quý 3 năm 2025", "quý 4 của năm 2018", "quý 3".
    private static func quarter(_ stream: inout TokenStream, _ articleDate: CalendarDate?) -> DateValue? {
        guard stream.take("quý"), let quarter = stream.take(longestOf: quarters) else { return nil }
        let year = yearAfter(&stream, articleDate)
        guard year != .some(nil) else { return nil }
        return DateValue(kind: .period, year: year ?? nil, month: quarter * 3 - 2, endMonth: quarter * 3)
    }

    /// "10 tháng đầu năm 2025", "6 tháng cuối năm", "10 tháng năm 2025", "nửa đầu năm 2025", "10 tháng".
    private static func monthsOfYear(_ stream: inout TokenStream, _ articleDate: CalendarDate?) -> DateValue? {
        var first = 1, last = 12
        if stream.take("nửa") {
            if stream.take("đầu") { last = 6 } else if stream.take("cuối") { first = 7 } else { return nil }
        } else {
            guard let count = integer(&stream), (1...12).contains(count), stream.take("tháng") else { return nil }
            if stream.take("cuối") { first = 13 - count } else { _ = stream.take("đầu"); last = count }
        }
        if let year = yearAfter(&stream, articleDate) {
            guard let year else { return nil }
            return DateValue(kind: .period, year: year, month: first, endMonth: last)
        }
        _ = stream.take("năm")  // "10 tháng đầu năm": this year
        return DateValue(kind: .period, month: first, endMonth: last)
    }

    /// "tháng 10/2025", "tháng 10 năm 2025", "tháng mười năm 2017", "tháng 6", "9/2023".
    private static func month(_ stream: inout TokenStream, _ articleDate: CalendarDate?) -> DateValue? {
        if stream.take("tháng") {
            guard let month = monthNumber(&stream) else { return nil }
            if let direction = stream.take(longestOf: directions) {  // "tháng 3 tới": the next March
                guard let articleDate else { return nil }
                let year = direction > 0 ? articleDate.year + (month > articleDate.month ? 0 : 1)
                    : articleDate.year - (month < articleDate.month ? 0 : 1)
                return DateValue(kind: .month, year: year, month: month, yearSource: .article)
            }
            let year = yearAfter(&stream, articleDate)
            guard year != .some(nil) else { return nil }
            return DateValue(kind: .month, year: year ?? nil, month: month)
        }
        guard let month = plainInteger(&stream), stream.take("/"), let year = fullYear(&stream) else { return nil }
        return DateValue(kind: .month, year: year, month: month)
    }

    /// "ngày đầu tiên của tháng ba".
    private static func firstDayOfMonth(_ stream: inout TokenStream, _ articleDate: CalendarDate?) -> DateValue? {
        guard stream.take(["ngày", "đầu", "tiên"]) else { return nil }
        _ = stream.take("của")
        guard stream.take("tháng"), let month = monthNumber(&stream) else { return nil }
        let year = yearAfter(&stream, articleDate)
        guard year != .some(nil) else { return nil }
        return DateValue(kind: .day, year: year ?? nil, month: month, day: 1)
    }

    /// "1-2/12", "19-21/12/2025", "30/11-2/12", "24-25.4.2025", "từ ngày 1 đến ngày 3/12",
    /// "từ ngày 6-8/12", "từ 23-26/7/2016", "26 và 27/7". Without its own year, the first day
    /// takes the last day's, or the year before when the range crosses a new year. Two days
    /// joined by "và" are one span of two days only when they follow each other ("26 và 27/7");
    /// "26 và 28/7" names two separate days, which one value cannot hold: no value.
    private static func dayRange(_ stream: inout TokenStream, _ articleDate: CalendarDate?) -> DateValue? {
        let opened = stream.take("từ")
        _ = stream.take("ngày")
        let begin = stream.position
        for startHasMonth in [false, true] {
            stream.position = begin
            var start: (day: Int, month: Int?, year: Int??)
            if startHasMonth {
                guard let full = dayMonth(&stream, articleDate) else { continue }
                start = full
            } else {
                guard let day = plainInteger(&stream) else { continue }
                start = (day, nil, nil)
            }
            let joined = !opened && stream.take("và")
            guard joined || stream.take("-") || (opened && (stream.take("đến") || stream.take("tới"))) else { continue }
            _ = stream.take("ngày")
            guard let end = dayMonth(&stream, articleDate), end.year != .some(nil), start.year != .some(nil) else { continue }
            let month = start.month ?? end.month
            let endYear = end.year ?? nil
            var year = start.year ?? nil
            if year == nil, let endYear { year = (month, start.day) <= (end.month, end.day) ? endYear : endYear - 1 }
            if joined {
                let next = CalendarDate.daysIn(month: month, year: year ?? 2000) == start.day ? (1, month % 12 + 1) : (start.day + 1, month)
                guard next == (end.day, end.month) else { return nil }
            }
            return DateValue(kind: .days, year: year, month: month, day: start.day, endYear: endYear, endMonth: end.month, endDay: end.day)
        }
        return nil
    }

    /// One day: "25/10", "25/10/2025", "25-10-2025", "23-1", "25.10.2025", "6.12", "3/3/17",
    /// "ngày 25 tháng 10 năm 2025", "mồng 3 tháng ba", "12 tháng 10 năm 2017".
    private static func day(_ stream: inout TokenStream, _ articleDate: CalendarDate?) -> DateValue? {
        _ = stream.take("ngày")
        _ = stream.take("mồng") || stream.take("mùng")
        guard let date = dayMonth(&stream, articleDate), date.year != .some(nil) else { return nil }
        return DateValue(kind: .day, year: date.year ?? nil, month: date.month, day: date.day)
    }

    /// A day and month with an optional year. The year is nil when not written, and .some(nil)
    /// when written but unreadable (a two-digit year without an article date).
    private static func dayMonth(_ stream: inout TokenStream, _ articleDate: CalendarDate?) -> (day: Int, month: Int, year: Int??)? {
        let saved = stream.position
        _ = stream.take("mồng") || stream.take("mùng")
        if let token = stream.peek, token.kind == .number, token.text.contains(".") {  // "25.10.2025", "6.12"
            let parts = token.text.split(separator: ".", omittingEmptySubsequences: false)
            guard (2...3).contains(parts.count), parts[0].count <= 2, parts[1].count <= 2,
                  let day = Int(parts[0]), let month = Int(parts[1]) else { return nil }
            stream.position += 1
            return (day, month, parts.count == 3 ? .some(year(String(parts[2]), articleDate)) : nil)
        }
        guard let day = integer(&stream), day <= 31 else {
            stream.position = saved
            return nil
        }
        if stream.take("tháng") {
            guard let month = monthNumber(&stream) else { return nil }
            let year = yearAfter(&stream, articleDate)
            return (day, month, year)
        }
        guard let separator = ["/", "-"].first(where: { stream.take($0) }), let month = plainInteger(&stream) else {
            stream.position = saved
            return nil
        }
        let beforeYear = stream.position
        if stream.take(separator), let token = stream.next(), token.kind == .number, token.text.allSatisfy(\.isASCIIDigit) {
            return (day, month, .some(year(token.text, articleDate)))
        }
        stream.position = beforeYear
        return (day, month, nil)
    }

    /// A year after a month, quarter or day: "/2025", "năm 2025", "của năm 2018", "năm nay", or
    /// none (nil). `.some(nil)`: a year was written but cannot be read.
    private static func yearAfter(_ stream: inout TokenStream, _ articleDate: CalendarDate?) -> Int?? {
        let saved = stream.position
        _ = stream.take("của")
        if let (unit, offset) = stream.take(longestOf: relatives), unit == .year {
            return .some(articleDate.map { $0.year + offset })
        }
        stream.position = saved
        if stream.take("/") || stream.take("năm") || stream.take(["của", "năm"]) || stream.take(",") {
            if let token = stream.next(), token.kind == .number, token.text.allSatisfy(\.isASCIIDigit) {
                return .some(year(token.text, articleDate))
            }
        }
        stream.position = saved
        return nil
    }

    /// A four-digit year, or a two-digit one resolved against the article's year: 20yy when
    /// that is at most five years after it, else 19yy; unreadable without an article date.
    private static func year(_ text: String, _ articleDate: CalendarDate?) -> Int? {
        guard let value = Int(text) else { return nil }
        switch text.count {
        case 4: return value
        case 2:
            guard let articleDate else { return nil }
            return 2000 + value <= articleDate.year + 5 ? 2000 + value : 1900 + value
        default: return nil
        }
    }

    private static func fullYear(_ stream: inout TokenStream) -> Int? {
        guard let token = stream.peek, token.kind == .number, token.text.count == 4, let year = Int(token.text) else { return nil }
        stream.position += 1
        return year
    }

    private static func monthNumber(_ stream: inout TokenStream) -> Int? {
        plainInteger(&stream) ?? stream.take(longestOf: monthWords)
    }

    /// Digits without separators, at most two.
    private static func plainInteger(_ stream: inout TokenStream) -> Int? {
        guard let token = stream.peek, token.kind == .number, token.text.count <= 2, let value = Int(token.text) else { return nil }
        stream.position += 1
        return value
    }

    /// Digits (at most two) or number words: "25", "mười lăm".
    private static func integer(_ stream: inout TokenStream) -> Int? {
        if let value = plainInteger(&stream) { return value }
        return VietnameseNumber.words(&stream)
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
