#!/usr/bin/env bash
# Starts the provisioned WildFly in the foreground with tim-kim.ear deployed (README command 1).
# Ctrl-C shuts WildFly down cleanly; data stays in <wildfly>/standalone/data for the next start.
set -euo pipefail
# data at rest (H2 files, media, KIM mail, logs) readable by the server's user only (finding 17)
umask 077
home="$1"; ear="$2"; config="$3"
offset="${TIM_PORT_OFFSET:-0}"
http=$((8080 + offset)); https=$((8443 + offset))

# TIM_BASE_DIR gives a node its own standalone/ (configuration, data, log), e.g. a second node
base="${TIM_BASE_DIR:-$home/standalone}"
if [ ! -d "$base/configuration" ]; then
  mkdir -p "$base"
  cp -r "$home/standalone/configuration" "$base/"
fi
mkdir -p "$base/deployments"
cp "$ear" "$base/deployments/tim-kim.ear"
cat <<BANNER

  TIM-KIM starting (WildFly $(basename "$home"), config $config, database ${TIM_DB:-h2})
    Matrix API     http://localhost:$http/_matrix/client/versions
                   https://localhost:$https/_matrix/client/versions  (self-signed until you install a certificate)
    Admin portal   https://localhost:$https/admin/  (HTTP redirects there; tim.admin.require-https)
                   first sign-in: user "admin", password in $base/data/tim/initial-admin-password
    Status         http://localhost:$http/_tim/v1/status
  Stop with Ctrl-C.

BANNER
exec "$home/bin/standalone.sh" -c "$config" -Djboss.server.base.dir="$base" \
  -Djboss.socket.binding.port-offset="$offset" \
  -Djboss.node.name="${TIM_NODE_NAME:-node1}" "${@:4}"
