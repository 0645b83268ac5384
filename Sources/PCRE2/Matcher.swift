import CPCRE2

/// One match: byte ranges into the subject for the whole match and each capture group.
public struct Match: Sendable, Equatable {
    /// Group 0 first; `nil` for a group that did not participate.
    public let groups: [Range<Int>?]

    public var range: Range<Int> { groups[0]! }

    /// The range of a capture group by number, `nil` if unset or out of range.
    public subscript(group: Int) -> Range<Int>? {
        group < groups.count ? groups[group] : nil
    }
}

/// Per-thread matching state: match data, a match context carrying the match limit, and a JIT
/// stack. Create one per worker and reuse it for every pattern and subject; never share it.
public final class Matcher {
    /// The default limit on PCRE2's internal match() calls per search (DESIGN §6).
    public static let defaultMatchLimit: UInt32 = 1_000_000

    private var matchData: OpaquePointer
    private var pairCapacity: Int
    private let context: OpaquePointer
    private let jitStack: OpaquePointer?

    public init() {
        pairCapacity = 16
        matchData = pcre2_match_data_create_8(UInt32(pairCapacity), nil)
        context = pcre2_match_context_create_8(nil)
        // The default 32 KiB JIT stack is too small for some legitimate patterns; grow up to 8 MiB.
        jitStack = pcre2_jit_stack_create_8(64 * 1024, 8 * 1024 * 1024, nil)
        pcre2_jit_stack_assign_8(context, nil, UnsafeMutableRawPointer(jitStack))
    }

    deinit {
        pcre2_match_data_free_8(matchData)
        pcre2_match_context_free_8(context)
        if let jitStack { pcre2_jit_stack_free_8(jitStack) }
    }

    /// Calls `body` with every non-overlapping match of `regex` in `subject[range]`.
    ///
    /// Lookbehind may look before `range` and lookahead stops at its end, so a range can be one
    /// zone of a document. An empty match is allowed once per position, as Perl does. `body`
    /// returns false to stop early. Reaching `matchLimit` throws `.matchLimit` after the
    /// matches found so far were delivered.
    public func forEachMatch(
        of regex: Regex,
        in subject: UnsafeBufferPointer<UInt8>,
        range: Range<Int>? = nil,
        matchLimit: UInt32 = Matcher.defaultMatchLimit,
        _ body: (Match) throws -> Bool
    ) throws {
        let range = range ?? 0..<subject.count
        ensureCapacity(regex.captureCount + 1)
        pcre2_set_match_limit_8(context, matchLimit)
        var position = range.lowerBound
        var options: UInt32 = 0
        while position <= range.upperBound {
            let result = pcre2_match_8(regex.code, subject.baseAddress, range.upperBound, position, options, matchData, context)
            if result == PCRE2_ERROR_NOMATCH {
                guard options != 0, position < range.upperBound else { return }
                // No non-empty match at an empty match's position: move one character on.
                position = Matcher.nextCharacter(in: subject, after: position, end: range.upperBound)
                options = 0
                continue
            }
            if result == PCRE2_ERROR_MATCHLIMIT { throw PCRE2Error.matchLimit(limit: matchLimit) }
            if result < 0 { throw PCRE2Error.match(code: result, message: PCRE2Error.message(for: result)) }
            let match = currentMatch(groupCount: regex.captureCount + 1)
            guard try body(match) else { return }
            let end = match.range.upperBound
            // After an empty match, first look for a non-empty one at the same place.
            options = match.range.isEmpty ? PCRE2_NOTEMPTY_ATSTART | PCRE2_ANCHORED : 0
            position = end
        }
    }

    /// The first match of `regex` in `subject[range]`, if any.
    public func firstMatch(
        of regex: Regex,
        in subject: UnsafeBufferPointer<UInt8>,
        range: Range<Int>? = nil,
        matchLimit: UInt32 = Matcher.defaultMatchLimit
    ) throws -> Match? {
        var first: Match?
        try forEachMatch(of: regex, in: subject, range: range, matchLimit: matchLimit) { match in
            first = match
            return false
        }
        return first
    }

    private func currentMatch(groupCount: Int) -> Match {
        let ovector = pcre2_get_ovector_pointer_8(matchData)!
        let unset = Int(bitPattern: UInt.max)
        var groups: [Range<Int>?] = []
        groups.reserveCapacity(groupCount)
        for group in 0..<groupCount {
            let start = ovector[2 * group]
            let end = ovector[2 * group + 1]
            groups.append(start == unset || end < start ? nil : start..<end)
        }
        return Match(groups: groups)
    }

    private func ensureCapacity(_ pairs: Int) {
        guard pairs > pairCapacity else { return }
        pcre2_match_data_free_8(matchData)
        pairCapacity = pairs
        matchData = pcre2_match_data_create_8(UInt32(pairs), nil)
    }

    /// The offset of the next UTF-8 character after `offset` (skipping continuation bytes).
    private static func nextCharacter(in subject: UnsafeBufferPointer<UInt8>, after offset: Int, end: Int) -> Int {
        var next = offset + 1
        while next < end, subject[next] & 0xC0 == 0x80 { next += 1 }
        return next
    }
}
