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

/// What one pattern may spend on one subject across all its searches: a budget of PCRE2's
/// match-limit steps (calls of its internal match(); the JIT counts its own way), shared by every
/// search and every range of one rule on one document.
///
/// PCRE2 applies its match limit to each start position of a search, afresh, so a limit alone
/// bounds nothing per document: `(?:a|aa)+c` on 100 KB of short runs of a's took 9 s with the
/// JIT, 63 s without, each start position well under the limit. Here every start position may
/// take `Matcher.attemptAllowance` steps for free, which bounds the cheap ones by the subject's
/// length; one that needs more is run again alone with four times the allowance, and four times
/// that, and every step of those runs is charged. When the budget cannot pay for the next run,
/// the search stops with `PCRE2Error.matchLimit`.
public struct MatchBudget: Sendable {
    /// The steps that start positions needing more than the allowance may spend in all.
    public let limit: UInt32
    /// The steps charged so far.
    public internal(set) var spent: UInt64 = 0

    public init(limit: UInt32 = Matcher.defaultMatchLimit) {
        self.limit = limit
    }
}

/// Per-thread matching state: match data, a match context carrying the match limit, and a JIT
/// stack. Create one per worker and reuse it for every pattern and subject; never share it.
public final class Matcher {
    /// The default budget of one rule on one document (`MatchBudget`).
    public static let defaultMatchLimit: UInt32 = 1_000_000
    /// The steps any one start position may take without being charged to the budget. Matching
    /// a shipped rule at a position takes far fewer; so the steps no budget sees are at most
    /// this many per byte of the subject (a position can be tried twice after an empty match).
    public static let attemptAllowance: UInt32 = 1_000
    /// PCRE2's interpreter keeps its backtracking frames on the heap, 20 GB by default; the JIT
    /// uses its own stack (below). The depth of backtracking needs no limit of its own: it is
    /// at most the number of steps, which the budget bounds.
    public static let heapLimitKiB: UInt32 = 64 * 1024

    private var matchData: OpaquePointer
    private var pairCapacity: Int
    private let context: OpaquePointer
    private let jitStack: OpaquePointer?
    /// Where the current match attempt started, written by the callout every `Regex` begins with.
    private let attemptStart: UnsafeMutablePointer<Int>

    public init() {
        pairCapacity = 16
        matchData = pcre2_match_data_create_8(UInt32(pairCapacity), nil)
        context = pcre2_match_context_create_8(nil)
        // The default 32 KiB JIT stack is too small for some legitimate patterns; grow up to 8 MiB.
        jitStack = pcre2_jit_stack_create_8(64 * 1024, 8 * 1024 * 1024, nil)
        pcre2_jit_stack_assign_8(context, nil, UnsafeMutableRawPointer(jitStack))
        pcre2_set_heap_limit_8(context, Matcher.heapLimitKiB)
        attemptStart = .allocate(capacity: 1)
        attemptStart.initialize(to: 0)
        pcre2_set_callout_8(context, { block, data in
            data!.assumingMemoryBound(to: Int.self).pointee = Int(block!.pointee.start_match)
            return 0
        }, UnsafeMutableRawPointer(attemptStart))
    }

    deinit {
        pcre2_match_data_free_8(matchData)
        pcre2_match_context_free_8(context)
        if let jitStack { pcre2_jit_stack_free_8(jitStack) }
        attemptStart.deallocate()
    }

    /// Calls `body` with every non-overlapping match of `regex` in `subject[range]`, with a
    /// budget of its own (`matchLimit` steps).
    public func forEachMatch(
        of regex: Regex,
        in subject: UnsafeBufferPointer<UInt8>,
        range: Range<Int>? = nil,
        matchLimit: UInt32 = Matcher.defaultMatchLimit,
        _ body: (Match) throws -> Bool
    ) throws {
        var budget = MatchBudget(limit: matchLimit)
        try forEachMatch(of: regex, in: subject, range: range, budget: &budget, body)
    }

    /// Calls `body` with every non-overlapping match of `regex` in `subject[range]`.
    ///
    /// Lookbehind may look before `range` and lookahead stops at its end, so a range can be one
    /// zone of a document. An empty match is allowed once per position, as Perl does. `body`
    /// returns false to stop early. Exhausting `budget` (which the caller may share across
    /// ranges) throws `.matchLimit` after the matches found so far were delivered.
    public func forEachMatch(
        of regex: Regex,
        in subject: UnsafeBufferPointer<UInt8>,
        range: Range<Int>? = nil,
        budget: inout MatchBudget,
        _ body: (Match) throws -> Bool
    ) throws {
        let range = range ?? 0..<subject.count
        ensureCapacity(regex.captureCount + 1)
        let allowance = min(Matcher.attemptAllowance, budget.limit)
        var position = range.lowerBound
        var options: UInt32 = 0
        while position <= range.upperBound {
            var result = search(regex, in: subject, end: range.upperBound, from: position, options: options, limit: allowance)
            if result == PCRE2_ERROR_MATCHLIMIT {
                // The searches before this start position failed; run it alone, charged.
                let start = attemptStart.pointee
                result = try chargedAttempt(regex, in: subject, end: range.upperBound, at: start,
                                            options: (start == position ? options : 0) | PCRE2_ANCHORED, budget: &budget)
                if result == PCRE2_ERROR_NOMATCH {
                    guard start < range.upperBound else { return }
                    position = Matcher.nextCharacter(in: subject, after: start, end: range.upperBound)
                    options = 0
                    continue
                }
            }
            if result == PCRE2_ERROR_NOMATCH {
                guard options != 0, position < range.upperBound else { return }
                // No non-empty match at an empty match's position: move one character on.
                position = Matcher.nextCharacter(in: subject, after: position, end: range.upperBound)
                options = 0
                continue
            }
            if result < 0 { throw PCRE2Error.match(code: result, message: PCRE2Error.message(for: result)) }
            let match = currentMatch(groupCount: regex.captureCount + 1)
            guard try body(match) else { return }
            let end = match.range.upperBound
            // After an empty match, first look for a non-empty one at the same place.
            options = match.range.isEmpty ? PCRE2_NOTEMPTY_ATSTART | PCRE2_ANCHORED : 0
            position = end
        }
    }

    /// One start position that needed more than the allowance, run alone with four times the
    /// last limit until it finishes, each run charged in full (so the budget bounds what was
    /// really spent, reruns included). Throws `.matchLimit` when the budget is spent.
    private func chargedAttempt(
        _ regex: Regex, in subject: UnsafeBufferPointer<UInt8>, end: Int, at start: Int, options: UInt32, budget: inout MatchBudget
    ) throws -> Int32 {
        var limit = UInt64(min(Matcher.attemptAllowance, budget.limit))
        while true {
            let remaining = UInt64(budget.limit) - budget.spent
            guard remaining > 0 else { throw PCRE2Error.matchLimit(limit: budget.limit) }
            limit = min(limit * 4, remaining)
            let result = search(regex, in: subject, end: end, from: start, options: options, limit: UInt32(limit))
            budget.spent += limit
            if result != PCRE2_ERROR_MATCHLIMIT { return result }
        }
    }

    private func search(
        _ regex: Regex, in subject: UnsafeBufferPointer<UInt8>, end: Int, from start: Int, options: UInt32, limit: UInt32
    ) -> Int32 {
        pcre2_set_match_limit_8(context, limit)
        return pcre2_match_8(regex.code, subject.baseAddress, end, start, options, matchData, context)
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
