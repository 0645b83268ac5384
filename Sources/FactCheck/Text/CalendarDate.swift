import Foundation

/// A day in the proleptic Gregorian calendar, without time or zone.
public struct CalendarDate: Sendable, Hashable, Comparable, Decodable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// A valid date, or nil (31/2, month 13, day 0...).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= CalendarDate.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Reads `yyyy-mm-dd` (optionally followed by a time, as in ISO 8601) or the Vietnamese
    /// `dd/mm/yyyy`. Nil when the text is neither or names a day that does not exist.
    public init?(parsing text: String) {
        let day = text.trimmingCharacters(in: .whitespaces).prefix { $0 != "T" && $0 != " " }
        let iso = day.split(separator: "-", omittingEmptySubsequences: false)
        let vietnamese = day.split(separator: "/", omittingEmptySubsequences: false)
        let yearMonthDay: [Substring]
        if iso.count == 3, iso[0].count == 4 {
            yearMonthDay = iso
        } else if vietnamese.count == 3, vietnamese[2].count == 4 {
            yearMonthDay = vietnamese.reversed()
        } else {
            return nil
        }
        guard let year = Int(yearMonthDay[0]), let month = Int(yearMonthDay[1]), let day = Int(yearMonthDay[2]) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The day it is now where the tool runs. Only the CLI should read the clock: library code
    /// takes the day as a parameter (defaulting to this), so that tests can fix it.
    public static var today: CalendarDate {
        let parts = Calendar(identifier: .gregorian).dateComponents(in: .current, from: Date())
        return CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// ISO 8601: `2025-10-25`.
    public var description: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = CalendarDate(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a date: \(text)"))
        }
        self = date
    }

}
