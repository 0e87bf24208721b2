#!/usr/bin/env bash
# Start the packaged app offscreen on a fresh demo database; it must print "ready <ms>".
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export PARTNERBOARD_HOME="$work/home" QT_QPA_PLATFORM=offscreen
app=packaging/dist/partnerboard/partnerboard
"$app" --version
"$app" --db "$work/demo.sqlite" demo
"$app" --db "$work/demo.sqlite" check
# The libraries loaded only on demand must be in the bundle too (fonts, openpyxl, calamine).
"$app" --db "$work/demo.sqlite" report actions -o "$work/actions.pdf"
"$app" --db "$work/demo.sqlite" export actions -o "$work/actions.xlsx"
"$app" --db "$work/demo.sqlite" template s11 --round 2026 --all -o "$work/templates"
"$app" --db "$work/demo.sqlite" import --json "$work/templates" > "$work/import.json" || true
grep -q '"status"' "$work/import.json"
out="$("$app" --db "$work/demo.sqlite" --smoke)"
echo "$out"
[[ "$out" =~ ^ready\ [0-9]+$ ]]
