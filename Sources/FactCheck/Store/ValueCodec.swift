import Foundation

/// The store's compact binary form of what a fact holds besides its columns: its typed value,
/// its captures, the context names it lacks. A warm run decodes a million of these, so the
/// form is read field by field with no parsing: a tag byte, varints and length-prefixed UTF-8.
/// Every backend stores these bytes as they are (`normalized`, `captures` columns).
///
/// Decoding gives back exactly the value that was encoded: report.json is byte-identical
/// whether a fact was extracted or read from the store.
struct ByteWriter {
    private(set) var bytes: [UInt8] = []

    mutating func varint(_ value: Int) {
        // Zig-zag, so that small negative numbers (a year BCE is not one, but an offset may be) stay small.
        var rest = UInt64(bitPattern: Int64(value << 1) ^ Int64(value >> 63))
        while rest >= 0x80 {
            bytes.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    mutating func byte(_ value: UInt8) { bytes.append(value) }

    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            varint(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    /// A present/absent flag, then the value.
    mutating func optional<T>(_ value: T?, _ write: (inout ByteWriter, T) -> Void) {
        guard let value else { return byte(0) }
        byte(1)
        write(&self, value)
    }
}

/// Reads what `ByteWriter` wrote; a byte out of place is a `StoreError` (a damaged row).
struct ByteReader {
    private let bytes: [UInt8]
    private var position = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    var atEnd: Bool { position == bytes.count }

    mutating func byte() throws(ByteReaderError) -> UInt8 {
        guard position < bytes.count else { throw ByteReaderError() }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func varint() throws(ByteReaderError) -> Int {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let next = try byte()
            guard shift < 64 else { throw ByteReaderError() }
            result |= UInt64(next & 0x7F) << shift
            if next & 0x80 == 0 { break }
            shift += 7
        }
        return Int(Int64(bitPattern: result >> 1) ^ -Int64(bitPattern: result & 1))
    }

    mutating func string() throws(ByteReaderError) -> String {
        let count = try varint()
        guard count >= 0, count <= bytes.count - position else { throw ByteReaderError() }
        defer { position += count }
        return String(decoding: bytes[position..<position + count], as: UTF8.self)
    }

    mutating func optional<T>(_ read: (inout ByteReader) throws(ByteReaderError) -> T) throws(ByteReaderError) -> T? {
        try byte() == 0 ? nil : read(&self)
    }

    mutating func decimal() throws(ByteReaderError) -> Decimal {
        guard let value = Decimal(string: try string(), locale: Locale(identifier: "en_US_POSIX")) else { throw ByteReaderError() }
        return value
    }
}

package struct ByteReaderError: Error {
    package init() {}
}

extension ByteWriter {
    mutating func decimal(_ value: Decimal) {
        string(value.description)
    }

    mutating func amount(_ amount: Amount) {
        decimal(amount.value)
        optional(amount.upper) { $0.decimal($1) }
        string(amount.qualifier.rawValue)
    }

    mutating func optionalInt(_ value: Int?) {
        optional(value) { $0.varint($1) }
    }
}

extension ByteReader {
    mutating func amount() throws(ByteReaderError) -> Amount {
        let value = try decimal()
        let upper = try optional { (reader: inout ByteReader) throws(ByteReaderError) in try reader.decimal() }
        guard let qualifier = Qualifier(rawValue: try string()) else { throw ByteReaderError() }
        return Amount(value, upper: upper, qualifier: qualifier)
    }

    mutating func optionalInt() throws(ByteReaderError) -> Int? {
        try optional { (reader: inout ByteReader) throws(ByteReaderError) in try reader.varint() }
    }

    mutating func raw<T: RawRepresentable<String>>(_: T.Type) throws(ByteReaderError) -> T {
        guard let value = T(rawValue: try string()) else { throw ByteReaderError() }
        return value
    }
}

enum ValueCodec {
    static func encode(_ value: FactValue) -> [UInt8] {
        var writer = ByteWriter()
        writer.string(value.type.rawValue)
        switch value {
        case .money(let money):
            writer.amount(money.quantity)
            writer.string(money.currency)
        case .count(let count):
            writer.amount(count.quantity)
            writer.string(count.noun)
        case .percent(let percent):
            writer.amount(percent.quantity)
            writer.string(percent.unit.rawValue)
        case .date(let date):
            writer.string(date.kind.rawValue)
            for part in [date.year, date.month, date.day, date.endYear, date.endMonth, date.endDay] { writer.optionalInt(part) }
            writer.string(date.yearSource.rawValue)
            writer.optional(date.partOfDay) { $0.string($1) }
        case .name(let name):
            writer.string(name.name)
        case .person(let person):
            writer.string(person.name)
            writer.varint(person.titles.count)
            for title in person.titles { writer.string(title) }
            writer.optional(person.country) { $0.string($1) }
            writer.byte(person.former ? 1 : 0)
        case .text(let text):
            writer.string(text)
        }
        return writer.bytes
    }

    static func decode(_ bytes: [UInt8]) throws(ByteReaderError) -> FactValue {
        var reader = ByteReader(bytes)
        let value: FactValue
        switch try reader.raw(ValueType.self) {
        case .money: value = .money(Money(quantity: try reader.amount(), currency: try reader.string()))
        case .count: value = .count(Count(quantity: try reader.amount(), noun: try reader.string()))
        case .percent: value = .percent(Percent(quantity: try reader.amount(), unit: try reader.raw(Percent.Unit.self)))
        case .date:
            let kind = try reader.raw(DateValue.Kind.self)
            var parts: [Int?] = []
            for _ in 0..<6 { parts.append(try reader.optionalInt()) }
            var date = DateValue(kind: kind, year: parts[0], month: parts[1], day: parts[2], endYear: parts[3], endMonth: parts[4],
                                 endDay: parts[5], yearSource: try reader.raw(DateValue.YearSource.self))
            date.partOfDay = try reader.optional { (reader: inout ByteReader) throws(ByteReaderError) in try reader.string() }
            value = .date(date)
        case .name: value = .name(NameValue(name: try reader.string()))
        case .person:
            let name = try reader.string()
            var titles: [String] = []
            for _ in 0..<max(0, try reader.varint()) { titles.append(try reader.string()) }
            let country = try reader.optional { (reader: inout ByteReader) throws(ByteReaderError) in try reader.string() }
            value = .person(Person(name: name, titles: titles, country: country, former: try reader.byte() != 0))
        case .text: value = .text(try reader.string())
        }
        guard reader.atEnd else { throw ByteReaderError() }
        return value
    }

    /// Captures as name/value pairs, sorted by name.
    static func encode(captures: [String: String]) -> [UInt8] {
        var writer = ByteWriter()
        writer.varint(captures.count)
        for name in captures.keys.sorted() {
            writer.string(name)
            writer.string(captures[name]!)
        }
        return writer.bytes
    }

    static func decodeCaptures(_ bytes: [UInt8]) throws(ByteReaderError) -> [String: String] {
        var reader = ByteReader(bytes)
        let count = try reader.varint()
        var captures: [String: String] = Dictionary(minimumCapacity: max(0, count))
        for _ in 0..<max(0, count) {
            let name = try reader.string()
            captures[name] = try reader.string()
        }
        guard reader.atEnd else { throw ByteReaderError() }
        return captures
    }
}

// Memberwise initializers the value types' own parsing initializers hide.
extension Count {
    init(quantity: Amount, noun: String) {
        self.quantity = quantity
        self.noun = noun
    }
}

extension Percent {
    init(quantity: Amount, unit: Unit) {
        self.quantity = quantity
        self.unit = unit
    }
}

extension Person {
    init(name: String, titles: [String], country: String?, former: Bool) {
        self.name = name
        self.titles = titles
        self.country = country
        self.former = former
    }
}
