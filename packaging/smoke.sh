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
out="$("$app" --db "$work/demo.sqlite" --smoke)"
echo "$out"
[[ "$out" =~ ^ready\ [0-9]+$ ]]
