#!/usr/bin/env bash
# Builds standalone-ha-tim.xml = WildFly's standalone-ha.xml + the configure-*.cli scripts, run
# offline through an embedded server. Rebuilt from the pristine file on every build, so the scripts
# stay the only source of configuration; standalone/data (the H2 database, keys) is never touched.
set -euo pipefail
home="$1"; pgjar="$2"
cli_dir="$(cd "$(dirname "$0")/../cli" && pwd)"
config_dir="$home/standalone/configuration"
target="standalone-ha-tim.xml"

if [ ! -d "$home/modules/org/postgresql" ]; then
  "$home/bin/jboss-cli.sh" -Dpgjar="$pgjar" --resolve-parameter-values \
    --file="$cli_dir/install-postgresql-driver.cli" >/dev/null
fi

cp "$config_dir/standalone-ha.xml" "$config_dir/$target"
script="$(mktemp)"
trap 'rm -f "$script"' EXIT
{
  echo "embed-server --server-config=$target --std-out=discard"
  for f in datasource tls web mail logging konnektor kim; do
    cat "$cli_dir/configure-$f.cli"
    echo
  done
  echo "stop-embedded-server"
} >"$script"
"$home/bin/jboss-cli.sh" --file="$script"
echo "Configured $config_dir/$target"
