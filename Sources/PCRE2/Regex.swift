import CPCRE2

/// A compiled, JIT-compiled PCRE2 pattern over UTF-8.
///
/// Every pattern is compiled with `UTF | UCP | MATCH_INVALID_UTF` so that `\w`, `\b`, `\d` and
/// `\s` are Unicode-aware ("\bđồng\b" works, "\bHà\b" does not match inside "Hàng") and a
/// subject is never re-validated per call. `\C`, which can split a character, is forbidden.
///
/// Thread safety: PCRE2 documents compiled code as read-only once `pcre2_jit_compile` has
/// returned, so one `Regex` may be shared by any number of threads; each thread brings its
/// own `Matcher` (match data, match context, JIT stack). That is why this class is
/// `@unchecked Sendable`: all stored properties are immutable after `init`.
public final class Regex: @unchecked Sendable {
    public struct Options: OptionSet, Sendable, Hashable {
        public let rawValue: UInt32
        public init(rawValue: UInt32) { self.rawValue = rawValue }

        /// Case-insensitive (Unicode case folding, with UCP).
        public static let caseless = Options(rawValue: PCRE2_CASELESS)
        /// Whitespace and `#` comments in the pattern are ignored.
        public static let extended = Options(rawValue: PCRE2_EXTENDED)
        /// `^` and `$` match at line starts and ends.
        public static let multiline = Options(rawValue: PCRE2_MULTILINE)
        /// `.` matches a newline too.
        public static let dotAll = Options(rawValue: PCRE2_DOTALL)
    }

    /// The pattern as compiled.
    public let pattern: String
    public let options: Options
    /// Number of capture groups (not counting group 0).
    public let captureCount: Int
    /// Group number of every named group.
    public let groupNumbers: [String: Int]
    /// Whether the JIT compiler accepted the pattern (matching falls back to the interpreter otherwise).
    public let isJITCompiled: Bool

    let code: OpaquePointer

    /// Compiles `pattern`. A syntax error throws `PCRE2Error.compile` with PCRE2's message and
    /// the byte offset in `pattern` where PCRE2 stopped.
    ///
    /// What runs is `(?C1)(?:pattern)`: the callout is taken once at the start of every match
    /// attempt, so that `Matcher` knows where an attempt that hit the match limit began (PCRE2
    /// gives each start position the whole limit, and does not say which one ran out). PCRE2
    /// skips callouts when it looks for a first code unit or an anchor, so its start-up
    /// optimizations stay. The pattern is compiled alone first: an unbalanced `)` could close
    /// the wrapper instead, and errors must point into the pattern as written.
    public init(_ pattern: String, options: Options = []) throws(PCRE2Error) {
        let flags = PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF | PCRE2_NEVER_BACKSLASH_C | options.rawValue
        pcre2_code_free_8(try Regex.compile(pattern, flags: flags))
        // In extended mode a trailing `#` comment would swallow the closing parenthesis.
        let compiled = try Regex.compile("(?C1)(?:" + pattern + (options.contains(.extended) ? "\n)" : ")"), flags: flags)
        self.pattern = pattern
        self.options = options
        self.code = compiled
        self.isJITCompiled = pcre2_jit_compile_8(compiled, PCRE2_JIT_COMPLETE) == 0
        self.captureCount = Int(Regex.info(compiled, PCRE2_INFO_CAPTURECOUNT))
        self.groupNumbers = Regex.namedGroups(compiled)
    }

    private static func compile(_ pattern: String, flags: UInt32) throws(PCRE2Error) -> OpaquePointer {
        var errorCode: Int32 = 0
        var errorOffset = 0
        var utf8 = Array(pattern.utf8)
        let compiled = utf8.withUnsafeMutableBufferPointer { buffer in
            pcre2_compile_8(buffer.baseAddress, buffer.count, flags, &errorCode, &errorOffset, nil)
        }
        guard let compiled else { throw .compile(message: PCRE2Error.message(for: errorCode), offset: errorOffset) }
        return compiled
    }

    deinit {
        pcre2_code_free_8(code)
    }

    /// The smallest number of bytes a match can have.
    public var minimumLength: Int { Int(Regex.info(code, PCRE2_INFO_MINLENGTH)) }

    private static func info(_ code: OpaquePointer, _ what: Int32) -> UInt32 {
        var value: UInt32 = 0
        _ = pcre2_pattern_info_8(code, UInt32(what), &value)
        return value
    }

    /// Reads PCRE2's name table: each entry is a big-endian group number then a NUL-terminated name.
    private static func namedGroups(_ code: OpaquePointer) -> [String: Int] {
        let count = Int(info(code, PCRE2_INFO_NAMECOUNT))
        guard count > 0 else { return [:] }
        let entrySize = Int(info(code, PCRE2_INFO_NAMEENTRYSIZE))
        var table: UnsafePointer<UInt8>?
        _ = pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMETABLE), &table)
        guard let table else { return [:] }
        var result: [String: Int] = [:]
        for index in 0..<count {
            let entry = table + index * entrySize
            let number = Int(entry[0]) << 8 | Int(entry[1])
            result[String(cString: entry + 2)] = number
        }
        return result
    }
}
