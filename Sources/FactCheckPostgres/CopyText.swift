#if PostgreSQL
import NIOCore

/// Rows in the text format of PostgreSQL's `COPY … FROM STDIN`: fields separated by tabs, rows
/// by newlines, `\N` for NULL, backslash escapes for the separators, bytea in hex.
struct CopyText {
    enum Field {
        case int(Int?)
        case text(String?)
        case bytes([UInt8]?)
    }

    private(set) var buffer = ByteBuffer()
    /// Whether a text held U+0000, which a PostgreSQL text value cannot.
    private(set) var sawNul = false

    var isEmpty: Bool { buffer.readableBytes == 0 }

    mutating func row(_ fields: Field...) {
        for (index, field) in fields.enumerated() {
            if index > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
            switch field {
            case .int(nil), .text(nil), .bytes(nil):
                buffer.writeStaticString("\\N")
            case .int(let value?):
                buffer.writeString(String(value))
            case .text(let text?):
                for byte in text.utf8 {
                    switch byte {
                    case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
                    case UInt8(ascii: "\n"): buffer.writeStaticString("\\n")
                    case UInt8(ascii: "\r"): buffer.writeStaticString("\\r")
                    case UInt8(ascii: "\t"): buffer.writeStaticString("\\t")
                    case 0: sawNul = true
                    default: buffer.writeInteger(byte)
                    }
                }
            case .bytes(let bytes?):
                // "\x" in bytea's hex form, its backslash escaped for COPY.
                buffer.writeStaticString("\\\\x")
                let digits = Array("0123456789abcdef".utf8)
                for byte in bytes {
                    buffer.writeInteger(digits[Int(byte >> 4)])
                    buffer.writeInteger(digits[Int(byte & 0xF)])
                }
            }
        }
        buffer.writeInteger(UInt8(ascii: "\n"))
    }
}
#endif
