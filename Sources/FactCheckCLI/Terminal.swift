import Foundation
import Synchronization

enum Terminal {
    /// Colour on stdout only for a terminal, and never when NO_COLOR is set (no-color.org).
    static var colorsStandardOutput: Bool {
        let environment = ProcessInfo.processInfo.environment
        return isatty(STDOUT_FILENO) == 1 && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
    }
}

/// One line of progress on stderr, redrawn in place, for large batches on a terminal.
/// Workers call `update` from many threads; redraws are throttled to ten a second.
final class ProgressLine: Sendable {
    /// Batches smaller than this finish too fast to need progress.
    static let minimumTotal = 200

    private let state = Mutex<(lastDraw: UInt64, drawn: Bool)>((0, false))

    /// A progress line when stderr is a terminal; nil otherwise (CI logs, pipes).
    static func standardError() -> ProgressLine? {
        isatty(STDERR_FILENO) == 1 ? ProgressLine() : nil
    }

    func update(_ text: String, done: Int, total: Int) {
        guard total >= Self.minimumTotal else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        let draw = state.withLock { state -> Bool in
            guard done == total || now - state.lastDraw > 100_000_000 else { return false }
            state = (now, true)
            return true
        }
        if draw { writeOutput("\r\u{1B}[K\(text)".utf8, to: STDERR_FILENO) }
    }

    /// Clears the line, if one was drawn.
    func finish() {
        if state.withLock({ $0.drawn }) { writeOutput("\r\u{1B}[K".utf8, to: STDERR_FILENO) }
    }
}
