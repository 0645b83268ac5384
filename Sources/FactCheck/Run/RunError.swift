import Foundation

/// Why `CheckRun.run` stopped before its report: the fact store failed, or the run passed a
/// cap (`RunLimits`). Either way no report is written, and none is replaced.
public enum RunError: Error, LocalizedError, Sendable, Equatable {
    case store(StoreError)
    /// More facts than `cap`: the run stopped reading at `reached`, with `read` of its `files`
    /// files read.
    case tooManyFacts(cap: Int, reached: Int, read: Int, files: Int)
    /// More findings than `cap`: `reached` in phase 1 (the checks that look at one article at a
    /// time), or in all.
    case tooManyFindings(cap: Int, reached: Int)

    public var errorDescription: String? {
        switch self {
        case .store(let error):
            error.errorDescription
        case .tooManyFacts(let cap, let reached, let read, let files):
            "error: more facts than --max-facts allows (\(cap)): the run stopped at \(reached) facts, with \(read) of \(files) files read, "
                + "and wrote no report (the old ones are as they were). A rule that matches almost anything, or input that is not "
                + "articles, gives such a flood; if the corpus is that large, raise the cap with --max-facts N"
        case .tooManyFindings(let cap, let reached):
            "error: more findings than --max-findings allows (\(cap)): the checks found \(reached), and the run wrote no report "
                + "(the old ones are as they were). A check that compares what it should not, or a rule that matches almost "
                + "anything, gives such a flood; if the corpus has that many, raise the cap with --max-findings N"
        }
    }

    /// `body`, with its store error as a run error.
    public static func storing<T>(_ body: () throws(StoreError) -> T) throws(RunError) -> T {
        do {
            return try body()
        } catch {
            throw .store(error)
        }
    }
}
