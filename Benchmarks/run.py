#!/usr/bin/env python3
"""Times factcheck (release build, shipped rule pack, default json+html reports) against
ripgrep running the same patterns (`rg -P -o -f`, from `factcheck rules export --pcre2`)
over the same generated corpora, and prints one table. When PCRE2 cannot compile all the
patterns as one alternation, rg runs as many passes as it needs and their times are added.

Then, on the fact store the first run filled (.factcheck/store.sqlite is never touched: each
size gets a store of its own in a temporary directory), what CI runs cost: a run with no
change (mtimes kept, so the size/mtime shortcut holds), a run with no change after a fresh
checkout (every mtime new: every file hashed), one changed article, one new article (each
also as CI runs it, with --changed-from naming the article); with wall seconds, peak RSS,
files extracted, the checks' seconds, and the store's size on disk.

With --postgres, the same runs on a store on a PostgreSQL server instead, and no SQLite or
ripgrep: the benchmark starts a server of its own (Benchmarks/postgres_server.py: a temporary
directory, 127.0.0.1 and a free port, stock settings, fsync on) and stops it at the end, and
each size gets an empty store of its own (a schema). Besides the runs above: the cold run, and
what several CI jobs adding articles at once cost — one runner alone, then 4 runners at once,
each checking the whole corpus plus 100 new articles of its own (generate.py's, numbered
after the corpus's), with the runners' and the server's CPU seconds; then each runner's exit
code (0 expected) and whether each concurrent runner's report.json has the bytes of the same
paths checked with --no-store (ok or MISMATCH: printed, like the times, never a failure). The
store's size is `factcheck store info`'s. The binary is built with --traits PostgreSQL.

Usage: Benchmarks/run.py [--sizes 1000,20000,100000] [--jobs N] [--no-build] [--postgres]

Corpora are generated once into Benchmarks/.corpus/<size> by Benchmarks/generate.py
(deterministic). For each size: articles, MB, wall and CPU seconds and peak resident memory
of each tool, articles/s and MB/s of factcheck, factcheck's time shares (loading,
extraction, checks, reports, from --timings), and the ratio factcheck / ripgrep on wall time.
A benchmark prints figures; it never fails on time.
"""
import argparse
import filecmp
import os
import pathlib
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

sys.dont_write_bytecode = True  # the two modules below are imported from this folder: no __pycache__ left in the tree
import generate  # noqa: E402
from postgres_server import PostgresServer  # noqa: E402

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent


def pattern_groups(rg, patterns):
    """The exported patterns split into as few files as ripgrep's PCRE2 compiles: rg joins a
    file's patterns into one alternation, and PCRE2 refuses a compiled pattern past its size
    limit (the value fragments make each rule's pattern large). Each group is one rg pass over
    the corpus; the passes' times are added."""
    lines = patterns.read_text(encoding="utf-8").splitlines()
    groups, pending = [], [lines]
    while pending:
        chunk = pending.pop(0)
        path = patterns.with_name(f"patterns-{len(groups)}.txt")
        path.write_text("\n".join(chunk) + "\n", encoding="utf-8")
        probe = subprocess.run([rg, "-P", "-c", "-f", path, "-"], input=b"", capture_output=True)
        if probe.returncode == 2 and len(chunk) > 1:  # too large: halve it
            pending[:0] = [chunk[: len(chunk) // 2], chunk[len(chunk) // 2 :]]
            continue
        if probe.returncode == 2:
            sys.exit(f"benchmark: rg cannot compile a single pattern:\n{probe.stderr.decode()}")
        groups.append(path)
    return groups


def run_timed(command, stdout=subprocess.DEVNULL):
    """Wall seconds, CPU seconds, peak RSS in MiB, stderr and exit code of one run. It waits for
    its own process only, so that runs in threads of their own can be measured side by side."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        process = subprocess.Popen(command, stdout=stdout, stderr=err)
        try:
            _, status, usage = os.wait4(process.pid, 0)
        except BaseException:  # Ctrl-C, SIGTERM: no run outlives the benchmark (nor its server)
            process.kill()
            process.wait()
            raise
        wall = time.perf_counter() - start
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, stderr, os.waitstatus_to_exitcode(status)


def measure(command, stdout=subprocess.DEVNULL):
    """Wall seconds, CPU seconds, peak RSS in MiB, and stderr of one run, which must exit 0 or 1."""
    wall, cpu, rss, stderr, code = run_timed(command, stdout)
    if code not in (0, 1):
        sys.exit(f"benchmark: {command[0]} exited with {code}:\n{stderr}")
    return wall, cpu, rss, stderr


def check_command(factcheck, paths, out, jobs, *options):
    """`factcheck check` as every run here: the shipped pack, the default reports, --timings."""
    return [factcheck, "check", *paths, "--rules", ROOT / "rules", "--out", out, "--jobs", str(jobs),
            "--fail-on", "none", "--timings", *options]


def store_counts(stderr):
    """Files extracted, files from the store, and the checks' seconds, as --timings prints them."""
    counts = re.search(r"store: .*: (\d+) files? extracted, (\d+) from the store", stderr)
    checks = re.search(r"checks ([\d.]+) s", stderr)
    if not counts or not checks:
        return "?", "?", "?"
    return counts.group(1), counts.group(2), checks.group(1)


def print_table(header, rows):
    """A Markdown table."""
    print(" | ".join(header))
    print(" | ".join("---" for _ in header))
    for row in rows:
        print(" | ".join(row))


STORE_HEADER = ("articles", "run", "wall s", "RSS MiB", "extracted", "from store", "checks s", "store MB")


def store_row(size, name, figures):
    """A row of STORE_HEADER from a run's (wall, RSS, extracted, from store, checks s, store MB)."""
    wall, rss, extracted, stored, checks, store_mb = figures
    return [f"{size:,}", name, f"{wall:.2f}", f"{rss:.0f}", extracted, stored, checks, f"{store_mb:.1f}"]


def corpus(size):
    folder = HERE / ".corpus" / str(size)
    stamp = folder / ".complete"
    if not stamp.exists():
        shutil.rmtree(folder, ignore_errors=True)
        subprocess.run([sys.executable, str(HERE / "generate.py"), "--articles", str(size), "--out", str(folder)], check=True)
        stamp.write_text("generated\n")
    megabytes = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and p.name != ".complete") / 1e6
    return folder, megabytes


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,20000,100000")
    parser.add_argument("--jobs", type=int, default=os.cpu_count())
    parser.add_argument("--no-build", action="store_true")
    parser.add_argument("--postgres", action="store_true",
                        help="the fact store on a PostgreSQL server the benchmark starts, instead of SQLite and ripgrep")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    if not args.no_build:
        traits = ["--traits", "PostgreSQL"] if args.postgres else []
        subprocess.run(["swift", "build", "-c", "release", *traits, "--product", "factcheck"], cwd=ROOT, check=True)
    factcheck = ROOT / ".build" / "release" / "factcheck"
    if args.postgres:
        return postgres_benchmark(factcheck, sizes, args.jobs)
    rg = shutil.which("rg") or sys.exit("benchmark: ripgrep (rg) is not installed: apt-get install ripgrep")
    patterns = HERE / ".corpus" / "patterns.txt"
    patterns.parent.mkdir(exist_ok=True)
    with patterns.open("w") as out:
        subprocess.run([factcheck, "rules", "export", "--pcre2", "--rules", ROOT / "rules"], stdout=out, check=True)
    groups = pattern_groups(rg, patterns)

    rows, store_rows = [], []
    for size in sizes:
        folder, megabytes = corpus(size)
        with tempfile.TemporaryDirectory() as out, tempfile.TemporaryDirectory() as scratch:
            store = pathlib.Path(scratch) / "store.sqlite"
            check = check_command(factcheck, [folder], out, args.jobs, "--store", store)
            fc = measure(check)
            report_mb = sum(p.stat().st_size for p in pathlib.Path(out).iterdir()) / 1e6
            with open(pathlib.Path(out) / "report.json", "rb") as report:  # the summary is near the end
                report.seek(max(0, report.seek(0, os.SEEK_END) - 4096))
                facts = re.search(rb'"summary": \{[^}]*"facts": (\d+)', report.read()).group(1).decode()
            store_mb = lambda: sum(p.stat().st_size for p in store.parent.glob(store.name + "*")) / 1e6  # with -wal, -shm
            store_rows.extend(store_row(size, name, figures) for name, figures in store_scenarios(check, folder, store.parent, store_mb))
        shares = dict(re.findall(r"(\w+) [\d.]+ s \((\d+)%\)", fc[3]))
        shares["facts"] = facts
        shares["checks s"] = re.search(r"checks ([\d.]+) s", fc[3]).group(1)
        runs = [measure([rg, "-P", "-o", "--no-filename", "-j", str(args.jobs), "-f", group, folder]) for group in groups]
        rg_run = (sum(r[0] for r in runs), sum(r[1] for r in runs), max(r[2] for r in runs), "")
        rows.append((size, megabytes, fc, rg_run, shares, report_mb))
        print(f"measured {size} articles", file=sys.stderr)

    print(f"\nfactcheck vs ripgrep (cold: an empty fact store) — {os.cpu_count()} cores, --jobs {args.jobs}, release build, "
          f"{sum(1 for _ in patterns.open())} patterns in {len(groups)} rg pass(es)\n")
    header = ("articles", "MB", "fc wall s", "fc CPU s", "fc RSS MiB", "articles/s", "MB/s",
              "load/extract/store/checks/reports %", "facts", "checks s", "report MB", "rg wall s", "rg CPU s", "rg RSS MiB", "fc / rg")
    print_table(header, ([
        f"{size:,}", f"{megabytes:.1f}", f"{fc[0]:.2f}", f"{fc[1]:.2f}", f"{fc[2]:.0f}", f"{size / fc[0]:,.0f}",
        f"{megabytes / fc[0]:.1f}", "/".join(shares.get(k, "?") for k in ("loading", "extraction", "store", "checks", "reports")),
        f"{int(shares['facts']):,}", shares["checks s"], f"{report_mb:.1f}", f"{rg_run[0]:.2f}", f"{rg_run[1]:.2f}", f"{rg_run[2]:.0f}",
        f"{fc[0] / rg_run[0]:.2f}",
    ] for size, megabytes, fc, rg_run, shares, report_mb in rows))
    print("\nfactcheck on the store the cold run filled\n")
    print_table(STORE_HEADER, store_rows)
    return 0


def store_scenarios(check, folder, scratch, store_mb):
    """Runs `check` (whose store the cold run filled) as CI would: no change, no change after a
    fresh checkout, one changed article, one new article. The corpus is put back after each.
    `store_mb()` is the store's size after a run; `scratch` is where the --changed-from list goes."""
    articles = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in (".md", ".txt", ".jsonl"))

    def run(name, extra=()):
        wall, _, rss, stderr = measure(check + list(extra))
        return name, (wall, rss, *store_counts(stderr), store_mb())

    results = [run("no change")]
    now = time.time()
    for path in articles:  # a fresh checkout: same bytes, new mtimes
        os.utime(path, (now, now))
    time.sleep(2.1)  # past the store's window for mtimes too recent to trust
    results.append(run("no change, fresh checkout"))
    changed = articles[len(articles) // 2]
    original = changed.read_bytes()
    added = folder / "zz-new-article.md"
    listed = scratch / "changed.txt"
    edited = original.replace(b"t\xe1\xbb\xb7 USD", b"t\xe1\xbb\xb7 USD (\xc6\xb0\xe1\xbb\x9bc)", 1) + b"\n"
    # The new article is the edited copy under an id of its own: a corpus's ids must be unique.
    copy = re.sub(rb"^id: .*$", b"id: zz-new-article", edited, count=1, flags=re.MULTILINE)
    for scenario, path, data in (("one changed article", changed, edited), ("one new article", added, copy)):
        path.write_bytes(data)
        listed.write_text(f"{path}\n")
        try:
            results.append(run(scenario))
            # What CI runs: the same, reporting what involves the article (--changed-from).
            results.append(run(scenario + ", --changed-from", ["--changed-from", str(listed)]))
        finally:
            if path == changed:
                changed.write_bytes(original)
            else:
                added.unlink()
    return results



RUNNERS = 4  # CI jobs adding articles to the shared store at once
NEW_ARTICLES = 100  # each one's batch


def postgres_benchmark(factcheck, sizes, jobs):
    """The PostgreSQL rows: for each size, on an empty store of its own on a server started for
    the benchmark, the cold run, the runs of `store_scenarios`, and `runners_at_once`."""
    rows, verdicts, totals = [], [], []
    with PostgresServer() as server:
        for number, size in enumerate(sizes):
            folder, _ = corpus(size)
            url = server.url(f"bench_{number}_{size}")
            store_mb = lambda: postgres_store_mb(factcheck, url)
            with tempfile.TemporaryDirectory() as scratch:
                scratch = pathlib.Path(scratch)
                check = check_command(factcheck, [folder], scratch / "out", jobs, "--store", url)
                wall, _, rss, stderr = measure(check)
                rows.append(store_row(size, "cold (an empty store)", (wall, rss, *store_counts(stderr), store_mb())))
                rows.extend(store_row(size, name, figures) for name, figures in store_scenarios(check, folder, scratch, store_mb))
                runner_rows, runner_verdicts, total = runners_at_once(factcheck, folder, size, scratch, jobs, url, store_mb, server.cpu_seconds)
                rows.extend(runner_rows)
                verdicts.extend(runner_verdicts)
                totals.append(total)
            print(f"measured {size} articles on PostgreSQL", file=sys.stderr)
        version = server.version

    print(f"\nfactcheck on a PostgreSQL store ({version}, on 127.0.0.1, stock settings, fsync on) — {os.cpu_count()} cores, "
          f"--jobs {jobs} per run, release build; store MB: `factcheck store info`'s size\n")
    print_table(STORE_HEADER, rows)
    # CPU seconds beside the wall, the runners' and the server's: whether runners at once waited
    # for each other on the store, or for the cores they all share with the server.
    print(f"\n{RUNNERS} runners at once against one runner alone, each checking the corpus plus {NEW_ARTICLES} new articles of its own; "
          f"CPU s: the runners' (summed), then the server's\n")
    print_table(("articles", "alone wall s", "CPU s", "server CPU s", f"{RUNNERS} at once wall s, in all", "CPU s", "server CPU s", "wall ratio"),
                ([f"{size:,}", *(f"{seconds:.2f}" if seconds is not None else "?" for seconds in (*alone, *together)),
                  f"{together[0] / alone[0]:.2f}"] for size, alone, together in totals))
    print(f"\nEvery runner's exit code, and each concurrent runner's report.json against the same paths checked with --no-store\n")
    print_table(("articles", "runner", "exit", "report.json"), verdicts)
    return 0


def postgres_store_mb(factcheck, url):
    """The store's size in MB, from the `size:` line of `factcheck store info` (in KiB, MiB, …)."""
    info = subprocess.run([factcheck, "store", "info", "--store", url], capture_output=True, text=True)
    size = re.search(r"^size: ([\d.]+) (bytes|KiB|MiB|GiB|TiB)$", info.stdout, re.MULTILINE)
    if info.returncode != 0 or not size:
        sys.exit(f"benchmark: factcheck store info exited with {info.returncode}:\n{info.stdout}{info.stderr}")
    return float(size.group(1)) * 1024 ** ["bytes", "KiB", "MiB", "GiB", "TiB"].index(size.group(2)) / 1e6


def new_articles(directory, size, batch):
    """NEW_ARTICLES Markdown articles that the corpus of `size` does not have: generate.py's,
    numbered after the corpus's own (batch after batch), the same bytes every time."""
    directory.mkdir()
    rng = random.Random(f"new articles {size} {batch}")
    for index in range(size + batch * NEW_ARTICLES, size + (batch + 1) * NEW_ARTICLES):
        record = generate.article(index, rng)
        front = f"---\nid: {record['id']}\ntitle: \"{record['title']}\"\ndate: {record['date']}\n---\n"
        (directory / f"{record['id']}.md").write_text(front + record["text"], encoding="utf-8")
    return directory


def runners_at_once(factcheck, folder, size, scratch, jobs, url, store_mb, server_cpu):
    """What CI jobs that each add a batch of articles cost on the shared store: one runner alone,
    then RUNNERS at once (each in a thread of its own), each checking the corpus plus its own
    NEW_ARTICLES new articles in a folder of its own. The runner alone has a batch of its own
    too, so that each of them extracts its batch and takes the corpus from the store. Then each
    concurrent runner's report.json is compared, byte for byte, with that of the same paths
    checked with --no-store (report.json alone: it is the same whatever else is written).
    Returns table rows, verdict rows, and (size, alone, together): each (wall, the runners' CPU
    seconds, the server's CPU seconds, from `server_cpu()`: a total so far, or None)."""
    batches = [new_articles(scratch / f"new-{batch}", size, batch) for batch in range(RUNNERS + 1)]

    def command(batch, out, *options):
        return check_command(factcheck, [folder, batches[batch]], scratch / f"{out}-{batch}", jobs, *options)

    def row(name, run, store_size):
        wall, _, rss, stderr, code = run
        if code != 0:
            print(f"benchmark: {name} exited with {code}:\n{stderr}", file=sys.stderr)
        return store_row(size, name, (wall, rss, *store_counts(stderr), store_size))

    def server_seconds(before, after):
        return after - before if before is not None and after is not None else None

    server_before = server_cpu()
    alone = run_timed(command(RUNNERS, "out", "--store", url))
    rows = [row(f"{NEW_ARTICLES} new articles, one runner alone", alone, store_mb())]
    server_alone = server_cpu()  # read after store_mb(): by then the server has reaped the runner's sessions
    verdicts = [[f"{size:,}", "alone", str(alone[4]), "(not compared)"]]

    runs = [None] * RUNNERS

    def runner(batch):
        runs[batch] = run_timed(command(batch, "out", "--store", url))

    threads = [threading.Thread(target=runner, args=(batch,), daemon=True) for batch in range(RUNNERS)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    together = time.perf_counter() - start
    after = store_mb()
    server_together = server_cpu()
    rows.extend(row(f"{NEW_ARTICLES} new articles, runner {batch + 1} of {RUNNERS} at once", run, after) for batch, run in enumerate(runs))
    rows.append([f"{size:,}", f"{RUNNERS} runners at once, in all", f"{together:.2f}", "", "", "", "", f"{after:.1f}"])

    for batch, run in enumerate(runs):
        measure(command(batch, "reference", "--no-store", "--format", "json"))
        report, reference = scratch / f"out-{batch}" / "report.json", scratch / f"reference-{batch}" / "report.json"
        verdict = "no report"
        if report.exists():
            verdict = "ok" if filecmp.cmp(report, reference, shallow=False) else "MISMATCH"
        verdicts.append([f"{size:,}", f"{batch + 1} of {RUNNERS}", str(run[4]), verdict])
        for folder_done in (report.parent, reference.parent):  # at 100k, each holds hundreds of MB
            shutil.rmtree(folder_done, ignore_errors=True)
    return rows, verdicts, (size, (*alone[:2], server_seconds(server_before, server_alone)),
                            (together, sum(run[1] for run in runs), server_seconds(server_alone, server_together)))


if __name__ == "__main__":
    sys.exit(main())
