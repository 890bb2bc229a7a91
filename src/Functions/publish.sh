#!/usr/bin/env bash
# Builds the Azure Functions custom-handler package for zip deployment: a self-contained linux-x64 `crmx`
# next to host.json and one folder per function. Usage: src/Functions/publish.sh [output.zip]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$root/artifacts/crmx-functions.zip}
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
dotnet publish "$root/src/Cli/CrmExtensions.Cli.csproj" -c Release -r linux-x64 --self-contained true -o "$stage"
cp "$root/src/Functions/host.json" "$stage/"
for function in sync retrain writeback case-train case-score dataverse-webhook salesforce-webhook health; do
  mkdir -p "$stage/$function"
  cp "$root/src/Functions/$function/function.json" "$stage/$function/"
done
chmod +x "$stage/crmx"
mkdir -p "$(dirname "$out")"
rm -f "$out"
(cd "$stage" && python3 -c 'import os, sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    for base, _, files in os.walk("."):
        for f in files:
            p = os.path.join(base, f)
            info = zipfile.ZipInfo.from_file(p, os.path.relpath(p, "."))
            with open(p, "rb") as data:
                z.writestr(info, data.read(), zipfile.ZIP_DEFLATED)' "$out")
echo "$out"
