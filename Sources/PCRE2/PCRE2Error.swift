import CPCRE2

/// What can go wrong compiling or running a pattern.
public enum PCRE2Error: Error, Equatable, Sendable {
    /// The pattern does not compile; `offset` is the byte offset in the pattern where PCRE2 stopped.
    case compile(message: String, offset: Int)
    /// The match limit was reached: the pattern backtracks too much on this subject.
    case matchLimit(limit: UInt32)
    /// Any other matching failure (depth or heap limit, JIT stack exhausted), with PCRE2's message.
    case match(code: Int32, message: String)

    /// PCRE2's own text for an error code.
    static func message(for code: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let length = buffer.withUnsafeMutableBufferPointer {
            pcre2_get_error_message_8(code, $0.baseAddress, $0.count)
        }
        guard length > 0 else { return "PCRE2 error \(code)" }
        return String(decoding: buffer[..<Int(length)], as: UTF8.self)
    }
}

extension PCRE2Error: CustomStringConvertible {
    public var description: String {
        switch self {
        case .compile(let message, let offset): "\(message) (at pattern offset \(offset))"
        case .matchLimit(let limit): "match limit of \(limit) exceeded: the pattern backtracks too much on this text"
        case .match(_, let message): message
        }
    }
}
