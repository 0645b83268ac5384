import Foundation
import Testing
@testable import FactCheck

private func parse(_ line: String) throws(JSONLineError) -> JSONLineValue {
    try JSONLineParser.parse(Array(line.utf8))
}

private func string(_ value: String) -> JSONLineValue {
    .string(JSONLineString(value: value, offsets: OffsetMap()))
}

@Suite struct JSONLineParserTests {
    @Test func valuesOfEachKind() throws {
        #expect(try parse(" [1, -2.5e3, 0, true, false, null, {}, []] ") ==
                .array([.number("1"), .number("-2.5e3"), .number("0"), .bool(true), .bool(false), .null, .object([]), .array([])]))
        guard case .object(let members) = try parse(#"{"b": {"c": [1]}, "a": "x"}"#) else {
            Issue.record("expected an object")
            return
        }
        #expect(members.map(\.key) == ["b", "a"])
        // A key written twice would read differently in other JSON parsers.
        #expect(throws: JSONLineError.self) { try parse(#"{"a": "x", "b": 1, "a": "y"}"#) }
    }

    @Test func escapesDecode() throws {
        guard case .string(let decoded) = try parse(#""a\"b\\c\/d\n\t\u00e0\ud83d\ude00""#) else {
            Issue.record("expected a string")
            return
        }
        #expect(decoded.value == "a\"b\\c/d\n\tà😀")
    }

    @Test func offsetsLeadBackThroughEscapes() throws {
        let line = #"{"text":"a\nb Hà \u0111\u00e3 ký"}"#
        guard case .object(let members) = try parse(line), case .string(let text) = members[0].value else {
            Issue.record("expected an object with a string")
            return
        }
        #expect(text.value == "a\nb Hà đã ký")
        let raw = Array(line.utf8)
        func rawText(of decoded: String) -> String {
            let bytes = Array(text.value.utf8)
            let needle = Array(decoded.utf8)
            let start = (0...(bytes.count - needle.count)).first { bytes[$0..<($0 + needle.count)].elementsEqual(needle) }!
            return String(decoding: raw[text.offsets.sourceRange(of: start..<(start + needle.count))], as: UTF8.self)
        }
        #expect(rawText(of: "b") == "b")
        #expect(rawText(of: "Hà") == "Hà")
        #expect(rawText(of: "\nb") == #"\nb"#)
        #expect(rawText(of: "đã ký") == #"\u0111\u00e3 ký"#)
    }

    @Test func rawUTF8NeedsNoMap() throws {
        guard case .string(let text) = try parse(#""Tổng Bí thư Tô Lâm""#) else {
            Issue.record("expected a string")
            return
        }
        #expect(text.offsets.isIdentity)
        #expect(text.offsets.sourceBase == 1)
    }

    @Test(arguments: [
        (#"{"a": 1"#, 7, "expected ',' or '}' after an object member"),
        (#"{"a" 1}"#, 5, "expected ':' after an object key"),
        (#"{a: 1}"#, 1, "expected a string key"),
        (#""abc"#, 0, "unterminated string"),
        (#""a\x""#, 2, #"invalid escape '\x'"#),
        (#""\ud800""#, 1, #"lone surrogate \ud800"#),
        (#""\u12""#, 1, #"expected four hex digits after \u"#),
        ("\"a\tb\"", 2, "control character U+0009 in string"),
        ("[1] 2", 4, "unexpected text after the value"),
        ("01", 1, "a number cannot have a leading zero"),
        ("1.", 2, "expected a digit after the decimal point"),
        (".5", 0, "expected a value"),
        ("+1", 0, "expected a value"),
        ("tru", 0, "expected a value"),
        ("", 0, "expected a value, found the end of the line"),
    ])
    func errorsSayWhatAndWhere(line: String, offset: Int, message: String) {
        #expect(throws: JSONLineError(offset: offset, message: message)) { try parse(line) }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let line = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: JSONLineError(offset: 512, message: "nesting deeper than 512 levels")) { try parse(line) }
    }

    @Test func aTenMegabyteLineParsesInLinearTime() throws {
        let body = String(repeating: "Kim ngạch đạt 10 tỷ USD.\\n", count: 400_000)
        let line = #"{"id": "big", "text": ""# + body + #""}"#
        let start = Date()
        guard case .object(let members) = try parse(line), case .string(let text) = members[1].value else {
            Issue.record("expected an object with a string")
            return
        }
        print("parsed a \(line.utf8.count / 1_000_000) MB JSON line in \(Date().timeIntervalSince(start)) s")
        #expect(text.value.hasPrefix("Kim ngạch đạt 10 tỷ USD.\nKim"))
    }
}
