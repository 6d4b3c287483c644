#!/usr/bin/env bash
# Lighthouse CI on four pages, desktop and mobile, against the site served as in production.
#
#     bench/lighthouse.sh [--skip-setup]          # FORM_FACTORS="desktop" to run one only
#
# Starts the site like bench/load.py (bench/_server.py: centre.settings.production, PostgreSQL
# clauses_bench, gunicorn with 2 workers on 127.0.0.1, RATELIMIT_ENABLE=0), asks each page once
# so that it comes from the page cache as it would in production, then runs `lhci collect` and
# `lhci assert` with bench/lighthouserc.desktop.json and bench/lighthouserc.mobile.json (one
# run per page: Lighthouse on 2 cores is slow) on:
#   /   a guide chapter   /annuaire/?q=Gironde   a model clause page /clauses/<slug>/
# Budgets: performance ≥ 0.95, accessibility = 1, LCP ≤ 2500 ms, CLS ≤ 0.1, total byte weight
# ≤ 200 KB. Prints the scores per page and form factor, and for every failed audit of the
# accessibility category the elements concerned. Exits 1 if an assertion fails.
#
# @lhci/cli is installed on demand into bench/.lhci (not the project's package.json); Chromium
# is /usr/bin/chromium (apt-get install -y chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
LHCI_VERSION=0.15.1
LHCI_DIR=$ROOT/bench/.lhci
LHCI=$LHCI_DIR/node_modules/.bin/lhci
PYTHON=$ROOT/.venv/bin/python
FORM_FACTORS=${FORM_FACTORS:-desktop mobile}
SERVER_ARGS=()
for arg in "$@"; do
    case $arg in
        --skip-setup) SERVER_ARGS+=(--skip-setup) ;;
        *) echo "usage: $0 [--skip-setup]" >&2; exit 2 ;;
    esac
done

if [ ! -x /usr/bin/chromium ]; then
    echo "Chromium absent : apt-get install -y chromium" >&2
    exit 2
fi
if [ "$("$LHCI" --version 2>/dev/null || true)" != "$LHCI_VERSION" ]; then
    echo "Installation de @lhci/cli@$LHCI_VERSION dans bench/.lhci …"
    PUPPETEER_SKIP_DOWNLOAD=1 CHROMEDRIVER_SKIP_DOWNLOAD=true npm install --no-save --no-audit \
        --no-fund --loglevel=error --prefix "$LHCI_DIR" "@lhci/cli@$LHCI_VERSION" >/dev/null
fi

work=$(mktemp -d /tmp/clauses-lighthouse-XXXXXX)
server_pid=""
cleanup() {
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill -TERM "$server_pid"  # bench/_server.py stops gunicorn on SIGTERM
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"$PYTHON" bench/_server.py serve --urls "${SERVER_ARGS[@]}" >"$work/server.out" 2>"$work/server.err" &
server_pid=$!
for _ in $(seq 1 1200); do
    grep -q '^READY ' "$work/server.out" && break
    if ! kill -0 "$server_pid" 2>/dev/null; then
        cat "$work/server.err" >&2
        exit 2
    fi
    sleep 0.5
done
base=$(sed -n 's/^READY //p' "$work/server.out")
[ -n "$base" ] || { echo "le serveur n'a pas démarré" >&2; cat "$work/server.err" >&2; exit 2; }

mapfile -t paths < <("$PYTHON" - "$work/server.out" <<'EOF'
import json, sys
urls = next(json.loads(line) for line in open(sys.argv[1]) if line.startswith("{"))
print("/")
print(next(url for url in urls["chapters"] if "/pdf/" not in url))
print("/annuaire/?q=Gironde")
print(urls["clauses"][0])
EOF
)
echo "Serveur : $base (gunicorn 2 workers, production, RATELIMIT_ENABLE=0 : limites de débit coupées)"
echo "Pages : ${paths[*]}"
lhci_urls=()
for path in "${paths[@]}"; do
    curl -fsS -o /dev/null "$base$path"  # in the page cache, as production would serve it
    lhci_urls+=("--url=$base$path")
done

status=0
for form_factor in $FORM_FACTORS; do
    config=$ROOT/bench/lighthouserc.$form_factor.json
    mkdir -p "$work/$form_factor"
    echo
    echo "== Lighthouse $form_factor ($(basename "$config"))"
    started=$(date +%s)
    (cd "$work/$form_factor" && "$LHCI" collect --config="$config" "${lhci_urls[@]}" >collect.log 2>&1) || {
        tail -30 "$work/$form_factor/collect.log" >&2
        exit 2
    }
    echo "  collecte : $(( $(date +%s) - started )) s"
    "$PYTHON" - "$work/$form_factor/.lighthouseci" "$base" <<'EOF'
import glob, json, sys
from urllib.parse import urlsplit

reports = [json.load(open(path)) for path in sorted(glob.glob(sys.argv[1] + "/lhr-*.json"))]
print(f"  {'page':<40} {'perf':>5} {'a11y':>5} {'b.p.':>5} {'seo':>5} "
      f"{'LCP ms':>7} {'CLS':>6} {'TBT ms':>7} {'Ko':>6}")
problems = []
for lhr in sorted(reports, key=lambda r: r["finalDisplayedUrl"]):
    split = urlsplit(lhr["requestedUrl"])
    page = split.path + (f"?{split.query}" if split.query else "")
    cats, audits = lhr["categories"], lhr["audits"]
    score = lambda c: f"{cats[c]['score'] * 100:.0f}" if cats[c]["score"] is not None else "?"
    print(f"  {page:<40} {score('performance'):>5} {score('accessibility'):>5} "
          f"{score('best-practices'):>5} {score('seo'):>5} "
          f"{audits['largest-contentful-paint']['numericValue']:>7.0f} "
          f"{audits['cumulative-layout-shift']['numericValue']:>6.3f} "
          f"{audits['total-blocking-time']['numericValue']:>7.0f} "
          f"{audits['total-byte-weight']['numericValue'] / 1024:>6.1f}")
    for category in ("accessibility", "best-practices", "seo"):
        for ref in cats[category]["auditRefs"]:
            audit = audits[ref["id"]]
            if audit["scoreDisplayMode"] in ("binary", "numeric") and (audit["score"] or 0) < 1:
                items = (audit.get("details") or {}).get("items") or []
                nodes = [item["node"].get("selector", "") or item["node"].get("snippet", "")
                         for item in items if isinstance(item.get("node"), dict)]
                problems.append(f"    {page} [{category}] {ref['id']}: {audit['title']}"
                                + (f" — {', '.join(nodes[:5])}" if nodes else ""))
    if cats["performance"]["score"] is not None and cats["performance"]["score"] < 0.95:
        metrics = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
                   "cumulative-layout-shift", "speed-index")
        problems.append(f"    {page} [performance] " + ", ".join(
            f"{m} {audits[m]['displayValue']} (score {audits[m]['score']:.2f})" for m in metrics))
    if audits["cumulative-layout-shift"]["numericValue"] > 0.1:
        shifts = (audits.get("layout-shifts", {}).get("details") or {}).get("items") or []
        problems.append(f"    {page} [performance] layout-shifts: " + ", ".join(
            f"{item['node'].get('selector')} ({item['score']:.3f})"
            for item in shifts if isinstance(item.get("node"), dict)))
for line in problems:
    print(line)
EOF
    if ! (cd "$work/$form_factor" && "$LHCI" assert --config="$config" >assert.log 2>&1); then
        status=1
        echo "  assertions non tenues :"
        sed -e 's/\x1b\[[0-9;]*m//g' "$work/$form_factor/assert.log" \
            | grep -E "result\(s\) for|✘|expected|found:" | sed 's/^ */    /' | head -80
    else
        echo "  assertions tenues"
    fi
done
exit $status
