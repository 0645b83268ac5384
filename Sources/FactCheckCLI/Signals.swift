import FactCheck
import Foundation

/// What the process does on signals that would otherwise stop it leaving a mess behind.
enum Signals {
    /// Call first in `main`, before any other thread exists (threads inherit the mask).
    ///
    /// - SIGPIPE is ignored: a reader that stops early (`factcheck check … | head`) must not
    ///   kill the run before it writes its reports; writes to stdout then fail with EPIPE and
    ///   are dropped (`writeOutput`).
    /// - SIGINT and SIGTERM are blocked in every thread and taken by one thread with
    ///   `sigwait`, which is free to take locks and allocate (a signal handler is not): it
    ///   removes the temporary files the run staged (`AtomicFile.abandon`, which first lets
    ///   renames in progress finish), then dies by the same signal with its default action, so
    ///   the exit status still says "killed by SIGINT/SIGTERM" to the shell and to CI.
    static func install() {
        signal(SIGPIPE, SIG_IGN)
        var terminating = sigset_t()
        sigemptyset(&terminating)
        sigaddset(&terminating, SIGINT)
        sigaddset(&terminating, SIGTERM)
        pthread_sigmask(SIG_BLOCK, &terminating, nil)
        let watched = terminating
        Thread {
            var set = watched
            var received: Int32 = 0
            while sigwait(&set, &received) != 0 {}
            AtomicFile.abandon {
                signal(received, SIG_DFL)
                var only = sigset_t()
                sigemptyset(&only)
                sigaddset(&only, received)
                pthread_sigmask(SIG_UNBLOCK, &only, nil)
                raise(received)
                _exit(128 + received)
            }
        }.start()
    }
}

/// Writes `bytes` to `descriptor` (stdout or stderr) with write(2). Foundation's
/// `FileHandle.write` traps when the reader has gone (EPIPE); here what cannot be written is
/// dropped, and the run goes on to write its reports and exit with its own status.
func writeOutput(_ bytes: some Collection<UInt8>, to descriptor: Int32 = STDOUT_FILENO) {
    let bytes = Array(bytes)
    bytes.withUnsafeBytes { buffer in
        var offset = 0
        while offset < buffer.count {
            let count = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return }
            offset += count
        }
    }
}
