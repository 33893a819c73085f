"""`make audit`: Lighthouse, the Nu Html Checker and the page weight budget, against gunicorn.

The demo site is served the way production serves it (production settings, DEBUG off, hashed and
compressed static files from WhiteNoise, gunicorn) over plain HTTP on the loopback interface, from
a throwaway database (SQLite in artifacts/audit/ unless AUDIT_DATABASE_URL names another).

Targets (exit status 1 when one is missed):
- Lighthouse 12.2.3, mobile and desktop, home + programs + Intensive Outpatient + locations:
  Performance, Accessibility, Best Practices and SEO 100. Median of AUDIT_RUNS runs (3).
- Nu Html Checker (vnu-jar): zero errors on those pages, the 404 page and the static 500 page.
- The home page and /programs/intensive-outpatient/: HTML <= 35 KB, CSS <= 20 KB, JavaScript
  <= 5 KB and never render-blocking, no font and no request at all from another origin.

`--pages home,iop` audits only those pages (AUDIT_ARGS="--pages home,iop" with make audit); the
budgets are checked for the budgeted pages among them.

A Lighthouse run that Lighthouse itself fails (it recorded no trace, e.g. NO_NAVSTART, or gave
no scores) is a fault of the tool, not a score: it is tried again, 3 attempts in all, and said so.
Three faults in a row for one page and form factor fail the audit as "not measured".

Served on AUDIT_PORT, else the first free port from 8310. Reports, fetched pages and gunicorn's
log are written to artifacts/audit/.
"""

import argparse
import json
import os
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

from cryptography.fernet import Fernet
from gunicorn_server import AUDIT_PORTS, Gunicorn, GunicornError, free_port

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "artifacts" / "audit"
PYTHON = ROOT / ".venv" / "bin" / "python"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
# AUDIT_PORT, else the first free port from 8310: never another server that already answers there.
PORT = int(os.environ.get("AUDIT_PORT") or free_port(AUDIT_PORTS))
BASE = f"http://127.0.0.1:{PORT}"
RUNS = int(os.environ.get("AUDIT_RUNS", "3"))
# A run that Lighthouse itself fails (NO_NAVSTART, "Something went wrong with recording the trace",
# no scores, no report) says nothing about the page: it is tried again, ATTEMPTS times in all.
ATTEMPTS = 3
LIGHTHOUSE_TIMEOUT = 300  # seconds for one run
PAGES = {
    "home": "/",
    "programs": "/programs/",
    "iop": "/programs/intensive-outpatient/",
    "locations": "/locations/",
}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
TARGETS = {
    (form_factor, category): 100 for form_factor in ("mobile", "desktop") for category in CATEGORIES
}
BUDGET_KB = {"Document": 35, "Stylesheet": 20, "Script": 5}
# The pages held to BUDGET_KB: the front door, and the longest page (a program with its citations).
BUDGETED = ["home", "iop"]
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)


def log(message):
    print(message, flush=True)


def site_env():
    database = os.environ.get("AUDIT_DATABASE_URL", f"sqlite:///{OUT / 'audit.sqlite3'}")
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "transformations.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "INQUIRY_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "ALLOWED_HOSTS": "127.0.0.1",
        "WAGTAILADMIN_BASE_URL": BASE,
        "DATABASE_URL": database,
        # Plain HTTP on the loopback interface: no TLS proxy in front, nothing to redirect to.
        "SECURE_SSL_REDIRECT": "false",
        "BEHIND_TLS_PROXY": "false",
        "SERVE_MEDIA": "true",
        "MEDIA_ROOT": str(OUT / "media"),
        "LOG_LEVEL": "WARNING",
    }


def manage(env, *args):
    subprocess.run([str(PYTHON), "manage.py", *args], cwd=ROOT, env=env, check=True)


def prepare_site(env):
    if (OUT / "audit.sqlite3").exists():
        (OUT / "audit.sqlite3").unlink()
    shutil.rmtree(OUT / "media", ignore_errors=True)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_demo")
    manage(
        env,
        "shell",
        "--no-imports",
        "-c",
        "from wagtail.models import Site; "
        f"Site.objects.filter(is_default_site=True).update(hostname='127.0.0.1', port={PORT})",
    )
    manage(env, "collectstatic", "--noinput", "-v0")
    manage(
        env,
        "shell",
        "--no-imports",
        "-c",
        "from pathlib import Path; from django.test import RequestFactory; "
        "from ops.errors import server_error; "
        f"Path({str(OUT / 'html' / '500.html')!r}).write_bytes("
        "server_error(RequestFactory().get('/')).content)",
    )


def start_server(env):
    """gunicorn as deployed (gunicorn.conf.py), 2 workers, on loopback; its log in OUT."""
    server = Gunicorn(
        {**env, "WEB_CONCURRENCY": "2"},
        OUT / "gunicorn.log",
        PORT,
        bind_host="127.0.0.1",
        args=["--log-level", "warning"],
        python=PYTHON,
    )
    try:
        return server.start()
    except GunicornError as error:
        raise SystemExit(f"gunicorn did not answer on {BASE}: {error}") from None


def fetch(path):
    try:
        with urllib.request.urlopen(BASE + path, timeout=120) as response:  # noqa: S310
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


class ToolFault(Exception):
    """Lighthouse did not measure the page (no trace, no report, no scores): a fault of the tool,
    not a score of the page."""


def lighthouse(name, path, form_factor, run):
    """One Lighthouse run's report; ToolFault when Lighthouse itself failed."""
    report = OUT / f"lighthouse-{name}-{form_factor}-{run}.json"
    report.unlink(missing_ok=True)
    command = [
        str(LIGHTHOUSE),
        BASE + path,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    if form_factor == "desktop":
        command.append("--preset=desktop")
    process = subprocess.Popen(
        command,
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, to stop it whole on a timeout
    )
    try:
        _, stderr = process.communicate(timeout=LIGHTHOUSE_TIMEOUT)
    except subprocess.TimeoutExpired:
        stop_lighthouse(process)
        raise ToolFault(f"no result within {LIGHTHOUSE_TIMEOUT} s") from None
    try:
        found = json.loads(report.read_text())
    except (OSError, ValueError):
        found = None
    fault = None
    if found and found.get("runtimeError"):
        error = found["runtimeError"]
        fault = f"{error.get('code')}: {error.get('message')}"
    elif process.returncode != 0:
        lines = [line for line in stderr.splitlines() if line.strip()]
        fault = f"exit status {process.returncode}: {lines[-1] if lines else 'no message'}"
    elif found is None:
        fault = "no report written"
    else:
        categories = found.get("categories", {})
        missing = [c for c in CATEGORIES if categories.get(c, {}).get("score") is None]
        if missing:
            fault = f"the run produced no score for {', '.join(missing)}"
    if fault:
        if report.exists():  # kept for a look, out of the way of the next attempt
            report.rename(report.with_name(f"{report.stem}-fault.json"))
        raise ToolFault(fault)
    return found


def stop_lighthouse(process):
    """SIGINT lets Lighthouse close the Chromium it started (in a process group of its own);
    then whatever is left of Lighthouse's group is killed."""
    process.send_signal(signal.SIGINT)
    try:
        process.communicate(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()


def lighthouse_run(name, path, form_factor, run, retries):
    """A report for this run, trying again while Lighthouse itself fails (ATTEMPTS in all);
    None after ATTEMPTS faults in a row. Every fault is logged and added to `retries`."""
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return lighthouse(name, path, form_factor, run)
        except ToolFault as fault:
            then = "retrying" if attempt < ATTEMPTS else "giving up: the target was not measured"
            log(
                f"  Lighthouse {name} {form_factor} run {run}, attempt {attempt} of {ATTEMPTS}: "
                f"tool fault ({fault}); {then}"
            )
            retries.append((name, form_factor, run, attempt, str(fault)))
    return None


def scores(report):
    return {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}


def failing_audits(report, category):
    refs = report["categories"][category]["auditRefs"]
    found = []
    for ref in refs:
        audit = report["audits"][ref["id"]]
        if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
            found.append(f"{ref['id']} ({audit['score']}): {audit.get('displayValue', '')}")
    return found


def run_lighthouse(pages):
    """{(page, form factor): (median, runs, reports) or None when not measured}, the problems."""
    results = {}
    problems = []
    retries = []
    for name, path in pages.items():
        for form_factor in ("mobile", "desktop"):
            reports = []
            for run in range(1, RUNS + 1):
                report = lighthouse_run(name, path, form_factor, run, retries)
                if report is None:
                    break
                reports.append(report)
            if len(reports) < RUNS:
                results[(name, form_factor)] = None
                problems.append(
                    f"Lighthouse {name} {form_factor}: NOT MEASURED. Lighthouse failed "
                    f"{ATTEMPTS} times in a row ({retries[-1][4]}), so its targets were not "
                    "measured: this is no score of the page"
                )
                continue
            runs = [scores(report) for report in reports]
            median = {c: statistics.median_low([r[c] for r in runs]) for c in CATEGORIES}
            results[(name, form_factor)] = (median, runs, reports)
            for category in CATEGORIES:
                target = TARGETS.get((form_factor, category))
                if target is not None and median[category] < target:
                    worst = min(reports, key=lambda r, c=category: r["categories"][c]["score"])
                    problems.append(
                        f"Lighthouse {name} {form_factor} {category} {median[category]} < "
                        f"{target}: {'; '.join(failing_audits(worst, category))}"
                    )
    log("")
    measured = [result for result in results.values() if result]
    version = measured[0][2][0]["lighthouseVersion"] if measured else "(no run succeeded)"
    log(f"Lighthouse {version} ({RUNS} runs each, median; every run in brackets)")
    log(f"{'page':10} {'form':8} " + " ".join(f"{c:>22}" for c in CATEGORIES))
    for (name, form_factor), result in results.items():
        if result is None:
            log(f"{name:10} {form_factor:8} NOT MEASURED: {ATTEMPTS} tool faults in a row")
            continue
        median, runs, _reports = result
        cells = []
        for c in CATEGORIES:
            spread = "/".join(str(r[c]) for r in runs)
            cells.append(f"{median[c]:>5} [{spread}]".rjust(22))
        log(f"{name:10} {form_factor:8} " + " ".join(cells))
    if retries:
        log(f"Lighthouse tool faults, each run tried again (up to {ATTEMPTS} attempts in all):")
        for name, form_factor, run, attempt, fault in retries:
            log(f"  {name} {form_factor} run {run}, attempt {attempt}: {fault}")
    else:
        log("Lighthouse tool faults: none (no run was retried)")
    return results, problems


class ScriptTags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts = []

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts.append(dict(attrs))


def page_weights(results, pages):
    """The budget for each budgeted page audited."""
    problems = []
    for name in BUDGETED:
        if name in pages:
            problems += page_weight(results, name, pages[name])
    return problems


def page_weight(results, name, path):
    """The budget for one page, from Lighthouse's own record of the mobile load."""
    problems = []
    log("")
    if results[(name, "mobile")] is None:
        log(f"Page weight of {path}: NOT MEASURED (Lighthouse did not record the load)")
        return [f"page weight of {path}: not measured (Lighthouse tool faults)"]
    _median, _runs, reports = results[(name, "mobile")]
    report = reports[0]
    items = report["audits"]["network-requests"]["details"]["items"]
    totals = {}
    foreign = []
    for item in items:
        if not item["url"].startswith(BASE + "/") and not item["url"].startswith("data:"):
            foreign.append(item["url"])
        kind = item.get("resourceType", "Other")
        size, transfer = totals.get(kind, (0, 0))
        totals[kind] = (size + item.get("resourceSize", 0), transfer + item.get("transferSize", 0))
    log(f"Page weight of {path} (mobile load; decoded / over the wire)")
    for kind in ["Document", "Stylesheet", "Script", "Image", "Font", "Other"]:
        size, transfer = totals.get(kind, (0, 0))
        budget = BUDGET_KB.get(kind)
        verdict = ""
        if budget is not None:
            verdict = f"  budget {budget} KB: " + ("ok" if size <= budget * 1024 else "OVER")
            if size > budget * 1024:
                problems.append(f"{path}: {kind} weighs {size / 1024:.1f} KB, over {budget} KB")
        log(f"  {kind:11} {size / 1024:7.1f} KB / {transfer / 1024:6.1f} KB{verdict}")
    fonts = [item["url"] for item in items if item.get("resourceType") == "Font"]
    log(f"  fonts: {len(fonts)} ({'none from other hosts' if not foreign else 'SEE BELOW'})")
    if foreign:
        problems.append(f"{path}: requests to other origins: {foreign}")
    blocking = report["audits"]["render-blocking-resources"].get("details", {}).get("items", [])
    blocking_js = [item["url"] for item in blocking if item["url"].endswith(".js")]
    _status, html = fetch(path)
    parser = ScriptTags()
    parser.feed(html.decode())
    classic = [
        s["src"]
        for s in parser.scripts
        if s.get("src") and "defer" not in s and "async" not in s and s.get("type") != "module"
    ]
    log(f"  render-blocking JavaScript: {len(blocking_js) + len(classic)}")
    if blocking_js or classic:
        problems.append(f"{path}: render-blocking JavaScript: {blocking_js + classic}")
    return problems


def run_vnu(pages):
    html_dir = OUT / "html"
    files = [html_dir / "500.html"]
    for name, path in {**pages, "404": "/no-such-page/"}.items():
        status, body = fetch(path)
        expected = 404 if name == "404" else 200
        if status != expected:
            return [f"{path} answered {status}, expected {expected}"]
        (html_dir / f"{name}.html").write_bytes(body)
        files.append(html_dir / f"{name}.html")
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [m for m in messages if m.get("type") == "error" or m.get("subType") == "fatal"]
    log("")
    names = ", ".join(f.name for f in files)
    log(f"Nu Html Checker: {len(errors)} errors in {len(files)} pages ({names})")
    for m in errors:
        log(f"  {Path(m.get('url', '')).name}:{m.get('lastLine')}: {m.get('message')}")
    return [f"Nu Html Checker: {len(errors)} errors"] if errors else []


def chosen_pages(argv):
    parser = argparse.ArgumentParser(description="Lighthouse, Nu Html Checker and page weight.")
    parser.add_argument(
        "--pages",
        default=",".join(PAGES),
        help=f"comma-separated pages to audit, of: {', '.join(PAGES)} (default: all)",
    )
    names = [name.strip() for name in parser.parse_args(argv).pages.split(",") if name.strip()]
    unknown = [name for name in names if name not in PAGES]
    if unknown or not names:
        parser.error(f"unknown pages {unknown}; choose from {', '.join(PAGES)}")
    return {name: PAGES[name] for name in names}


def main(argv=None):
    pages = chosen_pages(argv)
    for tool, hint in [
        (LIGHTHOUSE, "run `make node`"),
        (VNU, "run `make node`"),
        (Path(CHROMIUM), "apt-get install -y chromium"),
    ]:
        if not tool.exists():
            raise SystemExit(f"{tool} is missing: {hint}")
    if shutil.which("java") is None:
        raise SystemExit("java is missing: apt-get install -y default-jre-headless")
    (OUT / "html").mkdir(parents=True, exist_ok=True)
    env = site_env()
    prepare_site(env)
    server = start_server(env)
    try:
        for path in pages.values():
            fetch(path)  # first render makes the image renditions
        results, problems = run_lighthouse(pages)
        problems += page_weights(results, pages)
        problems += run_vnu(pages)
    finally:
        server.stop()
    log("")
    if problems:
        log("AUDIT FAILED:")
        for problem in problems:
            log(f"  - {problem}")
        return 1
    log("Audit passed: every target met.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
