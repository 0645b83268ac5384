import Foundation

/// Writes files so that readers see the old content or the new, never a part: the bytes go
/// to a new temporary file beside the destination (its name holds the process id and a random
/// part, and it is created exclusively without following links, so neither a concurrent run
/// nor a planted symbolic link can redirect it), are flushed to disk, and the file is renamed
/// over the destination (replacing a link there, never writing through it). `stage` and
/// `commit` are separate so several files can all be written before any replaces its old
/// version. On failure the temporary file is removed and the destination is untouched.
///
/// Every temporary file this process has staged and not yet committed or discarded is
/// recorded, so that a terminating signal can remove them (`abandon`); those of a process that
/// could not clean up (SIGKILL, a power cut) carry its dead process id and are removed by the
/// next run writing to the same directory (`removeAbandoned`).
public enum AtomicFile {
    struct WriteError: Error, CustomStringConvertible {
        let path: String
        let reason: String
        var description: String { "cannot write \(path): \(reason)" }
    }

    /// A complete temporary file waiting to replace its destination.
    struct Staged: Sendable {
        let temporary: String
        let destination: String

        func commit() throws(WriteError) {
            try pending.locked { () throws(WriteError) in
                pending.paths.remove(temporary)
                guard rename(temporary, destination) == 0 else {
                    let reason = "rename: \(String(cString: strerror(errno)))"
                    unlink(temporary)
                    throw WriteError(path: destination, reason: reason)
                }
            }
        }

        func discard() {
            pending.locked {
                pending.paths.remove(temporary)
                unlink(temporary)
            }
        }
    }

    /// Writes what `body` appends into a temporary file beside `path`, synced to disk.
    static func stage(_ path: String, _ body: (inout ByteSink) throws -> Void) throws -> Staged {
        let url = URL(fileURLWithPath: path)
        let unique = "\(getpid()).\(String(UInt32.random(in: 0...UInt32.max), radix: 36))"
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(unique).partial").path
        let staged = Staged(temporary: temporary, destination: path)
        func fail(_ operation: String, _ code: Int32) -> WriteError {
            staged.discard()
            return WriteError(path: path, reason: "\(operation): \(String(cString: strerror(code)))")
        }
        // Created and recorded in one step, so that a signal never finds a file it cannot know.
        let (descriptor, code) = pending.locked {
            let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
            if descriptor >= 0 { pending.paths.insert(temporary) }
            return (descriptor, errno)
        }
        guard descriptor >= 0 else {
            // Not ours to remove: it existed before.
            throw WriteError(path: path, reason: "create \(temporary): \(String(cString: strerror(code)))")
        }
        var sink = ByteSink(descriptor: descriptor)
        do {
            try body(&sink)
        } catch {
            close(descriptor)
            staged.discard()
            throw error
        }
        sink.flush()
        if let failure = sink.failure {
            close(descriptor)
            throw fail("write", failure)
        }
        guard fsync(descriptor) == 0 else {
            let code = errno
            close(descriptor)
            throw fail("fsync", code)
        }
        guard close(descriptor) == 0 else { throw fail("close", errno) }
        return staged
    }

    static func write(_ data: Data, to path: String) throws {
        try stage(path) { $0.append(contentsOf: data) }.commit()
    }

    /// Runs `body` holding an exclusive lock on `directory` (a `.factcheck.lock` file in it),
    /// so that runs replacing files there one after another never mix their files.
    static func locked<T>(_ directory: String, _ body: () throws -> T) throws -> T {
        let path = directory + "/.factcheck.lock"
        let descriptor = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw WriteError(path: path, reason: "lock: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else { throw WriteError(path: path, reason: "lock: \(String(cString: strerror(errno)))") }
        }
        return try body()
    }

    // MARK: - Interrupted runs

    /// The temporary files of this process not yet committed or discarded. Its lock is
    /// recursive so that `uninterrupted` can hold it around commits, which take it too.
    private static let pending = Pending()

    private final class Pending: @unchecked Sendable {
        // @unchecked: `paths` is only read or changed inside `locked`.
        private let lock = NSRecursiveLock()
        var paths: Set<String> = []

        func locked<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
            lock.lock()
            defer { lock.unlock() }
            return try body()
        }

        /// Runs `end` with the lock held, never to be given back.
        func holdForever(_ end: () -> Never) -> Never {
            lock.lock()
            end()
        }
    }

    /// Runs `body` (replacing several files) so that `abandon` waits until it is done: a
    /// terminating signal arriving in between leaves all of the new files or none.
    static func uninterrupted<T>(_ body: () throws -> T) rethrows -> T {
        try pending.locked(body)
    }

    /// Removes every temporary file this process has staged and not committed, then calls
    /// `end`, which must end the process, before any other thread can stage or commit: what
    /// the command line does on SIGINT or SIGTERM. Waits for an `uninterrupted` body to finish.
    public static func abandon(then end: () -> Never) -> Never {
        pending.holdForever {
            for path in pending.paths { unlink(path) }
            end()
        }
    }

    /// Removes the temporary files in `directory` whose process is gone: those a run killed
    /// with SIGKILL (or by a power cut) left behind. A file of a live process is kept, as it
    /// may be a concurrent run still staging its reports (staging happens outside the lock).
    /// Call with the directory locked, so that no two runs sweep at once.
    static func removeAbandoned(in directory: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names where name.hasPrefix(".") && name.hasSuffix(".partial") {
            // .<name>.<pid>.<random>.partial
            let parts = name.split(separator: ".")
            guard parts.count >= 4, let pid = pid_t(parts[parts.count - 3]), pid > 0 else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { unlink(directory + "/" + name) }
        }
    }
}
