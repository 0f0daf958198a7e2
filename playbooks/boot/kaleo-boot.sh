#!/bin/bash
# Kaleo VM boot: every GCP VM of the failover stack configures itself with this script.
#
# It is the instance (template) metadata `startup-script`, so the guest environment runs it
# as root at every boot: first boot, reboot, and whenever the managed instance group adds
# or replaces a VM. Its output goes to the serial console (gcloud compute instances
# get-serial-port-output VM) and to /var/log/kaleo-boot.log.
#
# 1. reads its role and the bundle pin from the metadata server (metadata_attr calls below);
# 2. downloads bundles/kaleo-bundle-<version>.tar.gz from the release bucket with the VM's
#    own service account token and refuses it unless its sha256 is the pinned one;
# 3. runs the bundle's site.yml locally (ansible-playbook -c local) with this VM in the group
#    of its role. The roles read everything else (secrets from Secret Manager, endpoints,
#    bucket names, the app release pin) from the metadata themselves.
# A rerun is idempotent: the bundle is unpacked once per sha256, and the roles change only
# what differs. Exit codes: 0 converged, 1 a step failed, 2 bad metadata.
#
# Off GCE (the drill), environment variables or /etc/default/kaleo-boot override the
# endpoints and the places it writes to: KALEO_METADATA_URL, KALEO_GCS_ENDPOINT,
# KALEO_SECRET_MANAGER_URL, KALEO_BOOT_PREFIX (a scratch root for state and log),
# KALEO_BOOT_EXTRA_VARS (a YAML/JSON file of extra vars), KALEO_ANSIBLE_PLAYBOOK,
# KALEO_BOOT_PYTHON.
set -euo pipefail
umask 077

defaults_file=${KALEO_BOOT_DEFAULTS:-/etc/default/kaleo-boot}
# shellcheck disable=SC1090
[ -r "$defaults_file" ] && . "$defaults_file"

METADATA_URL=${KALEO_METADATA_URL:-http://metadata.google.internal}
GCS_ENDPOINT=${KALEO_GCS_ENDPOINT:-https://storage.googleapis.com}
SECRET_MANAGER_URL=${KALEO_SECRET_MANAGER_URL:-https://secretmanager.googleapis.com}
PREFIX=${KALEO_BOOT_PREFIX:-}
STATE_DIR=$PREFIX/var/lib/kaleo-boot
LOG_FILE=$PREFIX/var/log/kaleo-boot.log
ANSIBLE_PLAYBOOK=${KALEO_ANSIBLE_PLAYBOOK:-ansible-playbook}
BOOT_PYTHON=${KALEO_BOOT_PYTHON:-/usr/bin/python3}

mkdir -p "$STATE_DIR" "$(dirname "$LOG_FILE")"

log() {
  printf '%s kaleo-boot: %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*" | tee -a "$LOG_FILE"
}

fail() {
  local code=$1
  shift
  log "FAILED: $*"
  exit "$code"
}

metadata_get() {
  curl -sSf --retry 5 --retry-connrefused --max-time 10 -H 'Metadata-Flavor: Google' \
    "$METADATA_URL/computeMetadata/v1/$1"
}

# One attribute of the instance metadata (the GCP stack writes them; `kaleo-dr wiring` checks them).
metadata_attr() {
  metadata_get "instance/attributes/$1" || fail 2 "instance metadata attribute $1 is missing"
}

# One boot at a time (a reboot during a long first boot must not run two).
exec 9>"$STATE_DIR/lock"
flock 9

log "boot started (metadata $METADATA_URL)"
role=$(metadata_attr kaleo-role)
bucket=$(metadata_attr kaleo-release-bucket)
version=$(metadata_attr kaleo-bundle-version)
sha256=$(metadata_attr kaleo-bundle-sha256)
case "$role" in app | db | cache | search | standby-db) ;; *) fail 2 "kaleo-role is '$role', not app, db, cache, search or standby-db" ;; esac
[[ "$sha256" =~ ^[0-9a-f]{64}$ ]] || fail 2 "kaleo-bundle-sha256 is not a sha256 (set kaleo:gcpBundleSha256): refusing an unpinned bundle"
[[ "$version" =~ ^[0-9A-Za-z][0-9A-Za-z._-]*$ ]] || fail 2 "kaleo-bundle-version '$version' is not a version"

object="bundles/kaleo-bundle-$version.tar.gz"
bundle_dir="$STATE_DIR/bundles/$sha256"
if [ ! -f "$bundle_dir/.unpacked" ]; then
  token=$(metadata_get instance/service-accounts/default/token |
    "$BOOT_PYTHON" -c 'import json, sys; print(json.load(sys.stdin)["access_token"])') ||
    fail 1 "no access token from the metadata server (is a service account attached?)"
  archive="$STATE_DIR/kaleo-bundle-$version.tar.gz"
  log "fetching gs://$bucket/$object"
  curl -sSf --retry 5 --retry-connrefused --max-time 300 -o "$archive.part" \
    -H "Authorization: Bearer $token" \
    "$GCS_ENDPOINT/storage/v1/b/$bucket/o/${object//\//%2F}?alt=media" ||
    fail 1 "cannot download gs://$bucket/$object (does the bucket hold it, may this VM's service account read it?)"
  unset token
  got=$(sha256sum "$archive.part" | cut -d' ' -f1)
  if [ "$got" != "$sha256" ]; then
    rm -f "$archive.part"
    fail 1 "gs://$bucket/$object has sha256 $got, the pin is $sha256: refusing it"
  fi
  mv "$archive.part" "$archive"
  rm -rf "$bundle_dir.tmp"
  mkdir -p "$bundle_dir.tmp"
  tar -xzf "$archive" -C "$bundle_dir.tmp" --no-same-owner
  touch "$bundle_dir.tmp/.unpacked"
  rm -rf "$bundle_dir"
  mv "$bundle_dir.tmp" "$bundle_dir"
  log "bundle $version ($sha256) unpacked"
else
  log "bundle $version ($sha256) already unpacked"
fi
[ -f "$bundle_dir/site.yml" ] || fail 1 "the bundle has no site.yml"

if ! command -v "$ANSIBLE_PLAYBOOK" >/dev/null 2>&1; then
  log "installing Ansible from Debian"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ansible >/dev/null
fi

inventory="$STATE_DIR/inventory.ini"
# the Ansible group of the role: standby-db -> standby_db (group names take no dash)
printf '[%s]\nlocalhost ansible_connection=local ansible_python_interpreter=%s\n' "${role//-/_}" "$BOOT_PYTHON" >"$inventory"
# The endpoints the roles call (the real ones on GCE).
cat >"$STATE_DIR/boot-vars.json" <<VARS
{"kaleo_boot": true, "common_metadata_url": "$METADATA_URL", "common_secret_manager_endpoint": "$SECRET_MANAGER_URL",
 "app_metadata_url": "$METADATA_URL", "app_gcs_endpoint": "$GCS_ENDPOINT"}
VARS
extra=(-e "@$STATE_DIR/boot-vars.json")
if [ -n "${KALEO_BOOT_EXTRA_VARS:-}" ]; then
  extra+=(-e "@$KALEO_BOOT_EXTRA_VARS")
fi

log "running site.yml for role $role"
set +e
ANSIBLE_NOCOLOR=1 ANSIBLE_RETRY_FILES_ENABLED=0 ANSIBLE_ROLES_PATH="$bundle_dir/roles" \
  "$ANSIBLE_PLAYBOOK" -i "$inventory" -c local --limit localhost "${extra[@]}" "$bundle_dir/site.yml" 2>&1 |
  tee -a "$LOG_FILE"
rc=${PIPESTATUS[0]}
set -e
[ "$rc" -eq 0 ] || fail 1 "site.yml failed (exit $rc); rerun: google_metadata_script_runner startup"
date -u +%Y-%m-%dT%H:%M:%SZ >"$STATE_DIR/converged"
log "converged: role $role, bundle $version"
