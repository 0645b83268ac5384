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

Usage: Benchmarks/run.py [--sizes 1000,20000,100000] [--jobs N] [--no-build]

Corpora are generated once into Benchmarks/.corpus/<size> by Benchmarks/generate.py
(deterministic). For each size: articles, MB, wall and CPU seconds and peak resident memory
of each tool, articles/s and MB/s of factcheck, factcheck's time shares (loading,
extraction, checks, reports, from --timings), and the ratio factcheck / ripgrep on wall time.
A benchmark prints figures; it never fails on time.
"""
import argparse
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import time

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


def measure(command, stdout=subprocess.DEVNULL):
    """Wall seconds, CPU seconds, peak RSS in MiB, and stderr of one run."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        process = subprocess.Popen(command, stdout=stdout, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"benchmark: {command[0]} exited with {code}:\n{stderr}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, stderr


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
    args = parser.parse_args()
    if not args.no_build:
        subprocess.run(["swift", "build", "-c", "release", "--product", "factcheck"], cwd=ROOT, check=True)
    factcheck = ROOT / ".build" / "release" / "factcheck"
    rg = shutil.which("rg") or sys.exit("benchmark: ripgrep (rg) is not installed: apt-get install ripgrep")
    patterns = HERE / ".corpus" / "patterns.txt"
    patterns.parent.mkdir(exist_ok=True)
    with patterns.open("w") as out:
        subprocess.run([factcheck, "rules", "export", "--pcre2", "--rules", ROOT / "rules"], stdout=out, check=True)
    groups = pattern_groups(rg, patterns)

    rows, store_rows = [], []
    for size in [int(s) for s in args.sizes.split(",")]:
        folder, megabytes = corpus(size)
        with tempfile.TemporaryDirectory() as out, tempfile.TemporaryDirectory() as scratch:
            store = pathlib.Path(scratch) / "store.sqlite"
            check = [factcheck, "check", folder, "--rules", ROOT / "rules", "--out", out, "--jobs", str(args.jobs),
                     "--fail-on", "none", "--timings", "--store", store]
            fc = measure(check)
            report_mb = sum(p.stat().st_size for p in pathlib.Path(out).iterdir()) / 1e6
            with open(pathlib.Path(out) / "report.json", "rb") as report:  # the summary is near the end
                report.seek(max(0, report.seek(0, os.SEEK_END) - 4096))
                facts = re.search(rb'"summary": \{[^}]*"facts": (\d+)', report.read()).group(1).decode()
            store_rows.append((size, store_scenarios(check, folder)))
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
    print(" | ".join(header))
    print(" | ".join("---" for _ in header))
    for size, megabytes, fc, rg_run, shares, report_mb in rows:
        split = "/".join(shares.get(k, "?") for k in ("loading", "extraction", "store", "checks", "reports"))
        print(" | ".join([
            f"{size:,}", f"{megabytes:.1f}", f"{fc[0]:.2f}", f"{fc[1]:.2f}", f"{fc[2]:.0f}", f"{size / fc[0]:,.0f}",
            f"{megabytes / fc[0]:.1f}", split, f"{int(shares['facts']):,}", shares["checks s"], f"{report_mb:.1f}", f"{rg_run[0]:.2f}", f"{rg_run[1]:.2f}", f"{rg_run[2]:.0f}",
            f"{fc[0] / rg_run[0]:.2f}",
        ]))
    print("\nfactcheck on the store the cold run filled\n")
    header = ("articles", "run", "wall s", "RSS MiB", "extracted", "from store", "checks s", "store MB")
    print(" | ".join(header))
    print(" | ".join("---" for _ in header))
    for size, scenarios in store_rows:
        for name, (wall, rss, extracted, stored, checks, store_mb) in scenarios:
            print(" | ".join([f"{size:,}", name, f"{wall:.2f}", f"{rss:.0f}", extracted, stored, checks, f"{store_mb:.1f}"]))
    return 0


def store_scenarios(check, folder):
    """Runs `check` (whose store the cold run filled) as CI would: no change, no change after a
    fresh checkout, one changed article, one new article. The corpus is put back after each."""
    store = pathlib.Path(check[check.index("--store") + 1])
    articles = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in (".md", ".txt", ".jsonl"))

    def run(name, extra=()):
        wall, _, rss, stderr = measure(check + list(extra))
        counts = re.search(r"store: .*: (\d+) files? extracted, (\d+) from the store", stderr)
        store_mb = sum(p.stat().st_size for p in store.parent.glob(store.name + "*")) / 1e6
        return name, (wall, rss, counts.group(1), counts.group(2), re.search(r"checks ([\d.]+) s", stderr).group(1), store_mb)

    results = [run("no change")]
    now = time.time()
    for path in articles:  # a fresh checkout: same bytes, new mtimes
        os.utime(path, (now, now))
    time.sleep(2.1)  # past the store's window for mtimes too recent to trust
    results.append(run("no change, fresh checkout"))
    changed = articles[len(articles) // 2]
    original = changed.read_bytes()
    added = folder / "zz-new-article.md"
    listed = store.parent / "changed.txt"
    for scenario, path in (("one changed article", changed), ("one new article", added)):
        path.write_bytes(original.replace(b"t\xe1\xbb\xb7 USD", b"t\xe1\xbb\xb7 USD (\xc6\xb0\xe1\xbb\x9bc)", 1) + b"\n")
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


if __name__ == "__main__":
    sys.exit(main())
