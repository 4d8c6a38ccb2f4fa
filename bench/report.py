#!/usr/bin/env python3
"""Prints the goal table of bench/run-all.sh from the files it wrote into its working folder.

Usage: bench/report.py WORK_DIR [SMALL LARGE]

SMALL and LARGE are the labels of the two data set sizes, such as 10k and 1m (the defaults).
Each figure is the median over the runs of a data set. Ratios use figures from the same
run-all.sh run. The goals are those of docs/benchmarks.md, set for 1,000,000 work orders and
an import of 1,000,000 rows.
"""
import glob
import json
import os
import re
import statistics
import sys


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def load_runs(work):
    """Returns {label: [run, ...]} from the load tool's JSON files."""
    runs = {}
    for path in sorted(glob.glob(os.path.join(work, "load", "results", "*-run*.json"))):
        with open(path, encoding="utf-8") as f:
            run = json.load(f)
        server = {}
        server_path = path[: -len(".json")] + ".server.txt"
        if os.path.exists(server_path):
            with open(server_path, encoding="utf-8") as f:
                for line in f:
                    key, _, value = line.strip().partition(" ")
                    if value:
                        server[key] = float(value)
        run["server_process"] = server
        runs.setdefault(run["label"], []).append(run)
    return runs


MAIN_CLIENTS = 16


def size_key(label):
    """Sorts labels such as sqlite-2k before sqlite-10k: by provider, then by size."""
    match = re.match(r"^([a-z]+)-([0-9]+)([km]?)", label)
    if not match:
        return (label, 0)
    provider, number, unit = match.groups()
    return (provider, int(number) * {"": 1, "k": 1_000, "m": 1_000_000}[unit])


def errors(runs, label, name, clients=MAIN_CLIENTS):
    """Returns the errors of a workload over all runs, plus one per run without a success."""
    count = 0
    for run in runs.get(label, []):
        for w in run["workloads"]:
            if w["name"] == name and w["clients"] == clients:
                count += w["errors"] + (1 if w["requests"] <= w["errors"] else 0)
    return count


def checked(ok, failures):
    """Returns the verdict of a goal, which is NOT met whenever its workloads had errors."""
    return f"NOT met ({failures} errors)" if failures else verdict(ok)


def workload(runs, label, name, field, clients=MAIN_CLIENTS):
    """Returns the median of one figure of a workload over the runs, for one client count."""
    values = []
    for run in runs.get(label, []):
        for w in run["workloads"]:
            if w["name"] == name and w["clients"] == clients:
                values.append(w["latency"][field] if field.startswith("p") else w[field])
    return median(values)


def latency_clients(runs, label):
    """Returns the client count of the latency pass (the smallest one measured), or None."""
    counts = {w["clients"] for run in runs.get(label, []) for w in run["workloads"]}
    counts.discard(MAIN_CLIENTS)
    return min(counts) if counts else None


def clients_text(clients):
    return f"{clients} client{'s' if clients > 1 else ''}"


def latency_goal(runs, label, name, goal_ms, extra=None):
    """Prints the goal row of a read workload, measured by the latency pass.

    These goals set Workdesk against the peer's read figures, which the peer's bench.sh
    measures with one client at a time. The 16-client figures go to saturated_reads().
    """
    clients = latency_clients(runs, label)
    if clients is None:
        return
    p95 = workload(runs, label, name, "p95", clients)
    if p95 is None:
        return
    worst = p95
    detail = f"{fmt(p95, 2)} ms"
    failures = errors(runs, label, name, clients)
    if extra:
        other = workload(runs, label, extra, "p95", clients)
        if other is not None:
            worst = max(p95, other)
            detail += f" (its comments: {fmt(other, 2)} ms)"
        failures += errors(runs, label, extra, clients)
    print(f"| {label}: {name} p95 <= {goal_ms} ms, {clients_text(clients)} | {detail} | {checked(worst <= goal_ms, failures)} |")


def saturated_reads(runs, labels):
    """Prints the read workloads with 16 clients, which keep every core busy.

    A client sends its next request as soon as the response to its last one arrives, so the mean
    latency is the clients divided by the throughput. These rows therefore measure throughput,
    and their p95 mostly the queue.
    """
    print(f"Reads with {MAIN_CLIENTS} clients, every core busy (no goal: a client waits "
          f"{MAIN_CLIENTS} / (req/s) seconds on average):")
    print()
    print("| data set | workload | req/s | p95 ms | server CPU ms/req |")
    print("|---|---|---:|---:|---:|")
    for label in labels:
        for name in ("list", "get", "comments", "search"):
            rate = workload(runs, label, name, "requestsPerSecond")
            if rate is None:
                continue
            cpu = workload(runs, label, name, "serverCpuMillisecondsPerRequest")
            print(f"| {label} | {name} | {fmt(rate)} | {fmt(workload(runs, label, name, 'p95'), 2)} | {fmt(cpu, 2)} |")
    print()


def raw_rates(work):
    rates = {}
    for path in glob.glob(os.path.join(work, "results", "raw-*.json")):
        with open(path, encoding="utf-8") as f:
            for run in json.load(f):
                rates.setdefault(run["Writers"], []).append(run["CommitsPerSecond"])
    return {writers: median(values) for writers, values in rates.items()}


def key_values(path):
    values = {}
    if os.path.exists(path):
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                match = re.match(r"^([A-Za-z0-9_]+): (.*)$", line.strip())
                if match:
                    values[match.group(1)] = match.group(2)
    return values


def number(text):
    match = re.match(r"^-?[0-9.]+", text or "")
    return float(match.group(0)) if match else None


def fmt(value, digits=1):
    return "n/a" if value is None else f"{value:,.{digits}f}"


def verdict(ok):
    if ok is None:
        return "n/a"
    return "met" if ok else "NOT met"


def import_figures(work):
    """Returns the import's figures from GNU time's file, with failed=True if it exited non-zero."""
    figures = {}
    path = os.path.join(work, "import-time.txt")
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.startswith("Command exited with non-zero status"):
                    figures["failed"] = True
                key, _, value = line.strip().partition(" ")
                figures[key] = value
    return figures


def import_goals(work, figures):
    if "elapsed_s" not in figures:
        return
    seconds, rss = float(figures["elapsed_s"]), float(figures["peak_rss_kb"]) / 1024
    with open(os.path.join(work, "import.csv"), encoding="utf-8") as f:
        rows = sum(1 for _ in f) - 1
    if figures.get("failed"):
        time_verdict = memory_verdict = "NOT met (the import failed)"
    elif rows < 1_000_000:
        time_verdict = "n/a: the goal is for 1,000,000 rows"
        memory_verdict = verdict(rss <= 300)
    else:
        time_verdict, memory_verdict = verdict(seconds <= 60), verdict(rss <= 300)
    print(f"| import of {rows:,} rows <= 60 s for 1,000,000 | {seconds:.1f} s ({rows / seconds:,.0f} rows/s) | {time_verdict} |")
    print(f"| import: peak memory <= 300 MB | {rss:,.0f} MB | {memory_verdict} |")


def main():
    if len(sys.argv) not in (2, 4):
        sys.exit("usage: bench/report.py WORK_DIR [SMALL LARGE], such as: bench/report.py /tmp/bench 10k 1m")
    work = sys.argv[1]
    small_size, large_size = sys.argv[2:4] if len(sys.argv) == 4 else ("10k", "1m")
    if not os.path.isdir(work):
        sys.exit(f"error: {work} is not a folder that bench/run-all.sh wrote.")
    runs = load_runs(work)
    raw = raw_rates(work)
    peer = key_values(os.path.join(work, "peer.txt"))
    labels = sorted(runs, key=size_key)
    print("Load averages (1 minute, max over the runs of each data set):")
    for label in labels:
        loads = [max(r.get("loadAverageAtStart") or 0, r.get("loadAverageAtEnd") or 0) for r in runs[label]]
        print(f"  {label}: {fmt(max(loads), 1)} on {os.cpu_count()} cores")
    print()

    print("| data set | server start ms (median) | server peak RSS MB (median) |")
    print("|---|---:|---:|")
    for label in labels:
        start = median([r["server_process"].get("start_ms") for r in runs[label]])
        rss = median([r["server_process"].get("peak_rss_kb") for r in runs[label]])
        print(f"| {label} | {fmt(start, 0)} | {fmt(rss / 1024 if rss else None, 0)} |")
    print()

    raw1, raw16 = raw.get(1), raw.get(16)
    peer_create = number(peer.get("create_conc16_rate_per_s"))
    print("| create, 16 clients | req/s (median) | / raw SQLite 16 writers | / raw SQLite 1 writer | / peer |")
    print("|---|---:|---:|---:|---:|")
    for label in labels:
        rate = workload(runs, label, "create", "requestsPerSecond")
        if rate is None:
            continue
        print(f"| {label} | {fmt(rate)} | {fmt(rate / raw16 if rate and raw16 else None, 2)} "
              f"| {fmt(rate / raw1 if rate and raw1 else None, 2)} | {fmt(rate / peer_create if rate and peer_create else None, 0)} |")
    print(f"| raw SQLite, 1 writer | {fmt(raw1)} | | | |")
    print(f"| raw SQLite, 16 writers | {fmt(raw16)} | | | |")
    print(f"| peer (Request Tracker 5), 16 clients | {fmt(peer_create, 2)} | | | |")
    print()

    saturated_reads(runs, labels)

    if large_size != "1m":
        print(f"The goals are set for 1,000,000 work orders; this run's large data set is {large_size}.")
        print()
    print("| goal | figure | verdict |")
    print("|---|---|---|")
    for provider in ("sqlite", "postgres"):
        big, small = f"{provider}-{large_size}", f"{provider}-{small_size}"
        if big not in runs:
            continue
        create = workload(runs, big, "create", "requestsPerSecond")
        if provider == "sqlite" and create and raw16:
            share = create / max(raw1 or 0, raw16)
            print(f"| {big}: create >= 30 % of the raw SQLite rate | {share:.0%} of {fmt(max(raw1 or 0, raw16))}/s | {checked(share >= 0.3, errors(runs, big, 'create'))} |")
        if create and peer_create:
            print(f"| {big}: create >= 200 x the peer | {create / peer_create:,.0f} x | {checked(create / peer_create >= 200, errors(runs, big, 'create'))} |")
        latency_goal(runs, big, "list", 20)
        for clients in (latency_clients(runs, big), MAIN_CLIENTS):
            list_big, list_small = workload(runs, big, "list", "p95", clients), workload(runs, small, "list", "p95", clients)
            if list_big and list_small:
                failures = errors(runs, big, "list", clients) + errors(runs, small, "list", clients)
                result = checked(list_big / list_small <= 1.5, failures)
                print(f"| {provider}: list p95 at {large_size} <= 1.5 x at {small_size}, {clients_text(clients)} | {list_big / list_small:.2f} x ({fmt(list_small, 2)} ms at {small_size}) | {result} |")
        latency_goal(runs, big, "search", 100)
        latency_goal(runs, big, "get", 5, extra="comments")
        rss = median([r["server_process"].get("peak_rss_kb") for r in runs[big]])
        if rss:
            print(f"| {big}: server peak memory <= 300 MB | {rss / 1024:,.0f} MB | {verdict(rss / 1024 <= 300)} |")
        start = median([r["server_process"].get("start_ms") for r in runs[big]])
        if start is not None:
            print(f"| {big}: start to first answer <= 2 s | {start / 1000:.2f} s | {verdict(start <= 2000)} |")
    import_goals(work, import_figures(work))
    peer_get, peer_search = number(peer.get("get_ticket_latency_ms_p95")), number(peer.get("search_subject_like_latency_ms_p95"))
    if peer_get is not None:
        print(f"| peer at {peer.get('tickets_total', '?')} tickets: get p95, search p95, memory (PSS) | {fmt(peer_get)} ms, {fmt(peer_search)} ms, {peer.get('server_pss_total_mib', '?')} MiB | figure |")


if __name__ == "__main__":
    main()
