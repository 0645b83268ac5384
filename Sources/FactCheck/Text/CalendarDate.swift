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

    /// Reads `yyyy-mm-dd` (optionally followed by a time, as in ISO 8601 and Jekyll front
    /// matter: `T08:30`, ` 08:30:00 +0700`) or the Vietnamese `dd/mm/yyyy`, digits only. Nil when
    /// the text is neither (anything after the date that is not a time makes it neither) or
    /// names a day that does not exist.
    public init?(parsing text: String) {
        let trimmed = Substring(text.trimmingCharacters(in: .whitespaces))
        let dayEnd = trimmed.firstIndex { $0 == "T" || $0 == " " } ?? trimmed.endIndex
        guard dayEnd == trimmed.endIndex || Self.isTime(trimmed[trimmed.index(after: dayEnd)...].utf8) else { return nil }
        let day = trimmed[..<dayEnd]
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
        guard (1...2).contains(yearMonthDay[1].count), (1...2).contains(yearMonthDay[2].count),
              yearMonthDay.allSatisfy({ $0.utf8.allSatisfy { (0x30...0x39).contains($0) } }),
              let year = Int(yearMonthDay[0]), let month = Int(yearMonthDay[1]), let day = Int(yearMonthDay[2]) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// `hh:mm`, optionally `:ss` and a fraction, then optionally a zone (`Z`, `+07:00`, `+0700`),
    /// which may follow a space.
    private static func isTime(_ text: Substring.UTF8View) -> Bool {
        var bytes = Array(text)[...]
        func digits(_ count: Int) -> Bool {
            guard bytes.count >= count, bytes.prefix(count).allSatisfy({ (0x30...0x39).contains($0) }) else { return false }
            bytes = bytes.dropFirst(count)
            return true
        }
        func skip(_ byte: UInt8) -> Bool {
            guard bytes.first == byte else { return false }
            bytes = bytes.dropFirst()
            return true
        }
        guard digits(2), skip(0x3A), digits(2) else { return false }
        if skip(0x3A) {
            guard digits(2) else { return false }
            if skip(0x2E) {
                guard digits(1) else { return false }
                while digits(1) {}
            }
        }
        _ = skip(0x20)
        if skip(0x5A) { return bytes.isEmpty }
        if skip(0x2B) || skip(0x2D) {
            guard digits(2) else { return false }
            _ = skip(0x3A)
            guard digits(2) else { return false }
        }
        return bytes.isEmpty
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
