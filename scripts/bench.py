#!/usr/bin/env python3
"""Whole-process benchmarks of `leverage`, run by scripts/bench.sh.

For each generated vault: `leverage build` (into an empty folder), `leverage
build` again (nothing changed), `check` and `export`, Hugo rendering the same
Markdown files, and the floor (read + pulldown-cmark); alternating runs, a
warm-up first, then the median of --runs runs and the peak RSS from
`/usr/bin/time -v`. Then, when `leverage watch` exists, the save-to-page
latency. Prints one Markdown table and issue 13's targets (ratios taken
within each round, so that a slow moment of a shared machine hits both sides;
the median of those), with the load average seen at each round; writes
results.json.
"""

import argparse
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LAST_DAY = "2026-11-13"


def run(command, before=None, stdout=subprocess.DEVNULL):
    """Runs a command once under /usr/bin/time -v: (seconds, peak RSS in MB)."""
    if before:
        before()
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        started = time.perf_counter()
        done = subprocess.run(
            ["/usr/bin/time", "-v", "-o", report.name, *command],
            stdout=stdout,
            stderr=subprocess.PIPE,
        )
        elapsed = time.perf_counter() - started
        text = report.read()
    if done.returncode not in (0, 1):
        sys.exit(f"failed ({done.returncode}): {' '.join(command)}\n{done.stderr.decode()[-2000:]}")
    rss_kb = next(
        int(line.split(":")[1])
        for line in text.splitlines()
        if "Maximum resident set size" in line
    )
    return elapsed, rss_kb / 1024


def remove(path):
    def go():
        shutil.rmtree(path, ignore_errors=True)

    return go


def vault_size(vault):
    notes, size = 0, 0
    for path in Path(vault).rglob("*.md"):
        if not any(part.startswith(".") for part in path.relative_to(vault).parts):
            notes += 1
            size += path.stat().st_size
    return notes, size / 1e6


def site_size(site):
    """Files and megabytes of a site as served (our hidden marker files left out)."""
    files, size = 0, 0
    for path in Path(site).rglob("*"):
        if path.is_file() and not any(
            part.startswith(".") for part in path.relative_to(site).parts
        ):
            files += 1
            size += path.stat().st_size
    return files, size / 1e6


def load():
    """The one-minute load average now."""
    return float(Path("/proc/loadavg").read_text().split()[0])


def machine():
    info = {"cores": os.cpu_count(), "kernel": platform.release()}
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                info["memory_gib"] = round(int(line.split()[1]) / 1024 / 1024, 1)
        info["load_before"] = Path("/proc/loadavg").read_text().split()[:3]
    except OSError:
        pass
    return info


def bench_vault(args, years):
    work = Path(args.work)
    leverage = str(Path(args.bin) / "leverage")
    floor = str(Path(args.bin) / "examples" / "floor")
    vault = work / f"vault-{years}"
    site = work / f"site-{years}"
    hugo_site = work / f"hugo-{years}"
    hugo_out = work / f"hugo-out-{years}"
    cases = {
        "build": ([leverage, "build", str(vault), "-o", str(site)], remove(site)),
        "hugo": (["hugo", "--quiet", "-s", str(hugo_site)], remove(hugo_out)),
        "rebuild": ([leverage, "build", str(vault), "-o", str(site)], None),
        "check": ([leverage, "check", str(vault)], None),
        "export": ([leverage, "export", str(vault)], None),
        "floor": ([floor, str(vault)], None),
    }
    results = {name: [] for name in cases}
    loads = []
    # Warm-up: the page cache, and a first site for `rebuild`.
    for command, before in cases.values():
        run(command, before)
    for _ in range(args.runs):
        loads.append(load())
        # Ours and Hugo's alternate, so that a slow moment hits both.
        for name, (command, before) in cases.items():
            results[name].append(run(command, before))
    loads.append(load())
    # Ratios within a round: both sides ran within seconds of each other.
    ratios = {
        "build/hugo": [b[0] / h[0] for b, h in zip(results["build"], results["hugo"])],
        "rebuild/check": [r[0] / c[0] for r, c in zip(results["rebuild"], results["check"])],
    }
    summary = {}
    for name, samples in results.items():
        times = [t for t, _ in samples]
        summary[name] = {
            "median_s": statistics.median(times),
            "min_s": min(times),
            "max_s": max(times),
            "peak_rss_mb": max(rss for _, rss in samples),
            "runs": len(samples),
        }
    notes, megabytes = vault_size(vault)
    files, site_mb = site_size(site)
    hugo_files, hugo_mb = site_size(hugo_out)
    return {
        "years": years,
        "notes": notes,
        "mb": megabytes,
        "results": summary,
        "rounds": {name: [t for t, _ in samples] for name, samples in results.items()},
        "ratios": {name: statistics.median(values) for name, values in ratios.items()},
        "ratios_each": ratios,
        "site": {"files": files, "mb": site_mb},
        "hugo_site": {"files": hugo_files, "mb": hugo_mb},
        "load": loads,
    }


def watch_latency(args, years):
    """Median save-to-page latency of `leverage watch`, or why there is none."""
    leverage = str(Path(args.bin) / "leverage")
    probe = subprocess.run([leverage, "watch", "--help"], capture_output=True, text=True)
    if probe.returncode != 0:
        return {"skipped": "`leverage watch` does not exist in this build"}
    work = Path(args.work)
    vault = work / f"vault-{years}"
    site = work / f"watch-site-{years}"
    shutil.rmtree(site, ignore_errors=True)
    command = [leverage, "watch", str(vault)]
    if "--output" in probe.stdout:
        command += ["--output", str(site)]
    else:
        site = vault / "_site"
    note = vault / "daily" / f"{LAST_DAY}.md"
    page = site / "days" / f"{LAST_DAY}.html"
    original = note.read_text()
    log = open(work / "watch.log", "w")
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    latencies = []
    try:
        deadline = time.monotonic() + 120
        while not page.exists():
            if process.poll() is not None or time.monotonic() > deadline:
                return {"skipped": f"no first build (see {work / 'watch.log'})"}
            time.sleep(0.05)
        time.sleep(2)  # let the first build finish writing
        for attempt in range(args.saves):
            token = f"benchmark-edit-{attempt}-{time.monotonic_ns()}"
            temporary = note.with_name(f".{note.name}.tmp")
            temporary.write_text(original + f"- 15m Benchmark edit {token} #email\n")
            os.replace(temporary, note)
            saved = time.perf_counter()
            deadline = saved + 10
            while True:
                try:
                    if token in page.read_text():
                        latencies.append(time.perf_counter() - saved)
                        break
                except OSError:
                    pass
                if time.perf_counter() > deadline:
                    latencies.append(None)
                    break
                time.sleep(0.001)
            time.sleep(0.5)
    finally:
        temporary = note.with_name(f".{note.name}.tmp")
        temporary.write_text(original)
        os.replace(temporary, note)
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
        if site == vault / "_site":
            shutil.rmtree(site, ignore_errors=True)
    measured = [x for x in latencies if x is not None]
    return {
        "load": load(),
        "years": years,
        "saves": len(latencies),
        "timeouts": len(latencies) - len(measured),
        "median_s": statistics.median(measured) if measured else None,
        "max_s": max(measured) if measured else None,
    }


def table(rows):
    lines = [
        "| vault | notes | MB | command | ours (s) | Hugo (s) | ours/Hugo | floor (s) | ours/floor | peak RSS ours (MB) | peak RSS Hugo (MB) |",
        "| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        r = row["results"]
        hugo, floor = r["hugo"], r["floor"]
        for name, label in [
            ("build", "build (empty output)"),
            ("rebuild", "build (nothing changed)"),
            ("check", "check"),
            ("export", "export"),
        ]:
            ours = r[name]
            against_hugo = name == "build"
            lines.append(
                "| {} y | {} | {:.1f} | {} | {:.3f} | {} | {} | {:.3f} | {:.1f} | {:.0f} | {} |".format(
                    row["years"],
                    row["notes"],
                    row["mb"],
                    label,
                    ours["median_s"],
                    f"{hugo['median_s']:.3f}" if against_hugo else "–",
                    f"{ours['median_s'] / hugo['median_s']:.2f}" if against_hugo else "–",
                    floor["median_s"],
                    ours["median_s"] / floor["median_s"],
                    ours["peak_rss_mb"],
                    f"{hugo['peak_rss_mb']:.0f}" if against_hugo else "–",
                )
            )
    return "\n".join(lines)


def targets(rows, watch, rows_30=None):
    """Issue 13's table: figure, measured, target, holds."""
    by_years = {row["years"]: row for row in rows}
    checks = []
    ten = by_years.get(10)
    if ten:
        r = ten["results"]
        ratio = ten["ratios"]["build/hugo"]
        checks.append(("build 10 y, empty output ÷ Hugo", f"{ratio:.2f} ({r['build']['median_s']:.2f} s ÷ {r['hugo']['median_s']:.2f} s)", "≤ 0.5", ratio <= 0.5))
        site = ten["site"]
        checks.append(("site bytes 10 y", f"{site['mb']:.1f} MB, {site['files']} files (Hugo {ten['hugo_site']['mb']:.1f} MB)", "≤ 40 MB", site["mb"] <= 40))
        ratio = ten["ratios"]["rebuild/check"]
        checks.append(("build 10 y, nothing changed ÷ check", f"{ratio:.2f} ({r['rebuild']['median_s']:.3f} s ÷ {r['check']['median_s']:.3f} s)", "≤ 1.5", ratio <= 1.5))
        if 30 in by_years:
            growth = by_years[30]["results"]["build"]["median_s"] / r["build"]["median_s"]
            hugo = by_years[30]["results"]["hugo"]["median_s"] / r["hugo"]["median_s"]
            checks.append(("build 30 y ÷ build 10 y", f"{growth:.2f} (Hugo {hugo:.2f})", "≤ 3.3", growth <= 3.3))
        else:
            checks.append(("build 30 y ÷ build 10 y", "not measured", "≤ 3.3", None))
    if watch.get("median_s") is not None:
        ms = watch["median_s"] * 1000
        checks.append((f"watch save → page on disk, {watch['years']} y, median", f"{ms:.0f} ms (max {watch['max_s'] * 1000:.0f} ms)", "≤ 150 ms", ms <= 150))
    else:
        checks.append(("watch save → page on disk", watch.get("skipped", "not measured"), "≤ 150 ms", None))
    if ten:
        rss = ten["results"]["build"]["peak_rss_mb"]
        checks.append(("peak RSS, build 10 y", f"{rss:.0f} MB", "≤ 150 MB", rss <= 150))
    lines = ["| figure | today | target | holds |", "| --- | --- | --- | --- |"]
    for name, value, target, holds in checks:
        verdict = "–" if holds is None else ("yes" if holds else "**no**")
        lines.append(f"| {name} | {value} | {target} | {verdict} |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bin", required=True, help="cargo's release folder")
    parser.add_argument("--work", required=True, help="where the vaults and sites are")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--saves", type=int, default=10)
    parser.add_argument("--years", type=int, nargs="+", default=[1, 10, 30])
    args = parser.parse_args()

    info = machine()
    rows = []
    for years in args.years:
        print(f"benchmarking {years} year(s)…", file=sys.stderr)
        rows.append(bench_vault(args, years))
    watch_years = 10 if 10 in args.years else args.years[0]
    print(f"watch latency on {watch_years} year(s)…", file=sys.stderr)
    watch = watch_latency(args, watch_years)
    info["load_after"] = Path("/proc/loadavg").read_text().split()[:3]
    hugo = subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout.strip()

    print(f"\nmachine: {info.get('cpu', '?')}, {info['cores']} cores, {info.get('memory_gib', '?')} GiB")
    print(f"load average (1, 5, 15 min): before {' '.join(info.get('load_before', []))}, after {' '.join(info['load_after'])}")
    print(f"{hugo}\nmedian of {args.runs} runs after a warm-up; ours and Hugo's alternate\n")
    print(table(rows))
    print()
    if watch.get("median_s") is not None:
        print(
            f"watch ({watch['years']} y): median save-to-page {watch['median_s'] * 1000:.0f} ms, "
            f"max {watch['max_s'] * 1000:.0f} ms over {watch['saves']} saves, {watch['timeouts']} timed out\n"
        )
    else:
        print(f"watch: {watch.get('skipped')}\n")
    for row in rows:
        loads = ", ".join(f"{x:.1f}" for x in row["load"])
        ratios = "; ".join(
            f"{name} " + " ".join(f"{x:.2f}" for x in values)
            for name, values in row["ratios_each"].items()
        )
        print(f"{row['years']} y: load average at each round {loads}; ratios per round: {ratios}")
    print()
    print(targets(rows, watch))
    results = {"machine": info, "hugo": hugo, "runs": args.runs, "vaults": rows, "watch": watch}
    Path(args.work, "results.json").write_text(json.dumps(results, indent=2))
    print(f"\nraw results: {Path(args.work, 'results.json')}", file=sys.stderr)


if __name__ == "__main__":
    main()
