/// A JSON value from one line of a JSON Lines file.
indirect enum JSONLineValue: Equatable {
    /// Members in the order written, each key once (a key written twice is an error: JSON
    /// parsers disagree on which one counts, so the record would read differently elsewhere).
    case object([(key: String, value: JSONLineValue)])
    case array([JSONLineValue])
    case string(JSONLineString)
    /// The number's literal as written.
    case number(String)
    case bool(Bool)
    case null

    static func == (lhs: JSONLineValue, rhs: JSONLineValue) -> Bool {
        switch (lhs, rhs) {
        case (.object(let a), .object(let b)): a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case (.array(let a), .array(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.number(let a), .number(let b)): a == b
        case (.bool(let a), .bool(let b)): a == b
        case (.null, .null): true
        default: false
        }
    }
}

/// A decoded string and where its bytes came from in the line.
struct JSONLineString: Equatable {
    var value: String
    /// Maps offsets in `value`'s UTF-8 to offsets in the line: escapes are replacements,
    /// everything else is copied.
    var offsets: OffsetMap
}

struct JSONLineError: Error, Equatable {
    /// Byte offset in the line where the problem is.
    var offset: Int
    var message: String
}

/// A strict RFC 8259 parser for one line, remembering where each string's bytes came from,
/// so that facts in a JSON Lines article are located in the raw line, through its escapes.
/// Foundation's JSONSerialization cannot give positions.
struct JSONLineParser {
    static let maximumDepth = 512

    private let bytes: [UInt8]
    private var index = 0
    private var depth = 0

    /// Parses one JSON value (with surrounding whitespace) from a line of valid UTF-8 without
    /// its line terminator. Offsets are relative to the first byte of `line`.
    static func parse(_ line: some Collection<UInt8>) throws(JSONLineError) -> JSONLineValue {
        var parser = JSONLineParser(bytes: Array(line))
        parser.skipWhitespace()
        let value = try parser.parseValue()
        parser.skipWhitespace()
        guard parser.index == parser.bytes.count else { throw parser.error("unexpected text after the value") }
        return value
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    private func error(_ message: String, at offset: Int? = nil) -> JSONLineError {
        JSONLineError(offset: offset ?? index, message: message)
    }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
    }

    private mutating func parseValue() throws(JSONLineError) -> JSONLineValue {
        guard let byte = current else { throw error("expected a value, found the end of the line") }
        switch byte {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw error("expected a value")
        }
    }

    private mutating func parseObject() throws(JSONLineError) -> JSONLineValue {
        var members: [(key: String, value: JSONLineValue)] = []
        var keys: Set<String> = []
        try parseContainer(closer: "}", after: "an object member") { parser throws(JSONLineError) in
            guard parser.current == UInt8(ascii: "\"") else { throw parser.error("expected a string key") }
            let key = try parser.parseString().value
            guard keys.insert(key).inserted else { throw parser.error("the key \"\(key)\" is written twice in one object") }
            parser.skipWhitespace()
            guard parser.current == UInt8(ascii: ":") else { throw parser.error("expected ':' after an object key") }
            parser.index += 1
            parser.skipWhitespace()
            members.append((key, try parser.parseValue()))
        }
        return .object(members)
    }

    private mutating func parseArray() throws(JSONLineError) -> JSONLineValue {
        var items: [JSONLineValue] = []
        try parseContainer(closer: "]", after: "an array item") { parser throws(JSONLineError) in
            items.append(try parser.parseValue())
        }
        return .array(items)
    }

    /// An object or array from its opening bracket: `element` reads one member or item, and
    /// members are separated by commas until `closer`. Nesting is bounded by `maximumDepth`.
    private mutating func parseContainer(
        closer: Unicode.Scalar, after what: String, _ element: (inout JSONLineParser) throws(JSONLineError) -> Void
    ) throws(JSONLineError) {
        depth += 1
        guard depth <= Self.maximumDepth else { throw error("nesting deeper than \(Self.maximumDepth) levels") }
        defer { depth -= 1 }
        index += 1
        skipWhitespace()
        if current == UInt8(closer.value) {
            index += 1
            return
        }
        while true {
            skipWhitespace()
            try element(&self)
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(closer.value):
                index += 1
                return
            default: throw error("expected ',' or '\(closer)' after \(what)")
            }
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONLineError) {
        let expected = UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        guard index + expected.count <= bytes.count, bytes[index..<(index + expected.count)].elementsEqual(expected) else {
            throw error("expected a value")
        }
        index += expected.count
    }

    private mutating func parseNumber() throws(JSONLineError) -> String {
        let start = index
        func digits() -> Int {
            let first = index
            while let byte = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { index += 1 }
            return index - first
        }
        if current == UInt8(ascii: "-") { index += 1 }
        if current == UInt8(ascii: "0") {
            index += 1
            if let byte = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                throw error("a number cannot have a leading zero")
            }
        } else if digits() == 0 {
            throw error("expected a digit")
        }
        if current == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { throw error("expected a digit after the decimal point") }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            index += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { throw error("expected a digit in the exponent") }
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    /// A string starting at the opening quote. Unescaped runs are copied in bulk and cost no
    /// map entries; each escape is one replacement.
    private mutating func parseString() throws(JSONLineError) -> JSONLineString {
        let opening = index
        index += 1
        var decoded: [UInt8] = []
        var map = OffsetMapBuilder(sourceBase: index)
        var runStart = index
        func flushRun(to end: Int) {
            decoded.append(contentsOf: bytes[runStart..<end])
            map.copy(end - runStart)
        }
        while true {
            guard let byte = current else { throw error("unterminated string", at: opening) }
            if byte == UInt8(ascii: "\"") {
                flushRun(to: index)
                index += 1
                return JSONLineString(value: String(decoding: decoded, as: UTF8.self), offsets: map.build())
            }
            if byte < 0x20 {
                throw error("control character U+\(String(byte, radix: 16, uppercase: true).leftPadded(to: 4)) in string")
            }
            guard byte == UInt8(ascii: "\\") else {
                index += 1
                continue
            }
            flushRun(to: index)
            let escapeStart = index
            let scalar = try parseEscape()
            let before = decoded.count
            decoded.append(contentsOf: scalar.utf8)
            map.replace(sourceLength: index - escapeStart, derivedLength: decoded.count - before)
            runStart = index
        }
    }

    /// One escape sequence starting at the backslash; a surrogate pair is one escape.
    private mutating func parseEscape() throws(JSONLineError) -> Unicode.Scalar {
        let start = index
        index += 1
        guard let byte = current else { throw error("unterminated string", at: start) }
        index += 1
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let unit = try hexUnit(at: start)
            if (0xD800...0xDBFF).contains(unit) {
                guard current == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u") else {
                    throw error("lone surrogate \\u\(String(unit, radix: 16))", at: start)
                }
                index += 2
                let low = try hexUnit(at: start)
                guard (0xDC00...0xDFFF).contains(low) else { throw error("lone surrogate \\u\(String(unit, radix: 16))", at: start) }
                return Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))!
            }
            guard let scalar = Unicode.Scalar(unit) else { throw error("lone surrogate \\u\(String(unit, radix: 16))", at: start) }
            return scalar
        default:
            throw error("invalid escape '\\\(Character(Unicode.Scalar(byte)))'", at: start)
        }
    }

    /// Four hex digits after "\u".
    private mutating func hexUnit(at escape: Int) throws(JSONLineError) -> UInt32 {
        guard index + 4 <= bytes.count, let unit = UInt32(String(decoding: bytes[index..<(index + 4)], as: UTF8.self), radix: 16),
              bytes[index..<(index + 4)].allSatisfy({ UInt8(ascii: "+") != $0 && UInt8(ascii: "-") != $0 })
        else {
            throw error("expected four hex digits after \\u", at: escape)
        }
        index += 4
        return unit
    }
}
