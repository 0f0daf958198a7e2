#!/bin/bash
# Kaleo VM boot: every VM that configures itself runs this script, on Google Cloud and on AWS.
#
# On GCP (KALEO_CLOUD=gcp, the default) it is the instance (template) metadata `startup-script`:
# the guest environment runs it as root at every boot (first boot, reboot, and whenever the
# managed instance group adds or replaces a VM); its output goes to the serial console
# (gcloud compute instances get-serial-port-output VM). On AWS (KALEO_CLOUD=aws) it is the
# launch template's user data of the continuity agent (stacks/aws/agent.py), preceded by a
# header exporting the settings; cloud-init runs it as root at the first boot of every
# instance the auto scaling group starts, and its output goes to the console (EC2 get-console-output)
# and /var/log/cloud-init-output.log. Both also log to /var/log/kaleo-boot.log.
#
# 1. reads its role and the bundle pin: on GCP from the metadata server, on AWS from the
#    user data's variables named after the same attributes (kaleo-role -> KALEO_ROLE,
#    kaleo-release-bucket -> KALEO_RELEASE_BUCKET, ...): the metadata_attr calls below;
# 2. downloads bundles/kaleo-bundle-<version>.tar.gz from the release bucket (GCS with the
#    VM's own service account token; on AWS from S3 with the instance role, through the AWS
#    CLI) and refuses it unless its sha256 is the pinned one;
# 3. for the continuity roles (agent, watcher), downloads their role variables
#    vars/<role>.yml from the same bucket (kaleo-dr.yaml content with secret references only);
# 4. runs the bundle's site.yml locally (ansible-playbook -c local) with this VM in the group
#    of its role. The roles read everything else (secrets from Secret Manager, endpoints,
#    bucket names, the app release pin) from the metadata themselves.
# A rerun is idempotent: the bundle is unpacked once per sha256, and the roles change only
# what differs. Exit codes: 0 converged, 1 a step failed, 2 bad metadata or user data.
#
# Off the cloud (the drill, the tests), environment variables or /etc/default/kaleo-boot
# override the endpoints and the places it writes to: KALEO_METADATA_URL, KALEO_GCS_ENDPOINT,
# KALEO_SECRET_MANAGER_URL, KALEO_S3_ENDPOINT, KALEO_BOOT_PREFIX (a scratch root for state and
# log), KALEO_BOOT_EXTRA_VARS (a YAML/JSON file of extra vars), KALEO_ANSIBLE_PLAYBOOK,
# KALEO_BOOT_PYTHON, KALEO_AWS_CLI.
set -euo pipefail
umask 077

defaults_file=${KALEO_BOOT_DEFAULTS:-/etc/default/kaleo-boot}
# shellcheck disable=SC1090
[ -r "$defaults_file" ] && . "$defaults_file"

CLOUD=${KALEO_CLOUD:-gcp}
METADATA_URL=${KALEO_METADATA_URL:-http://metadata.google.internal}
GCS_ENDPOINT=${KALEO_GCS_ENDPOINT:-https://storage.googleapis.com}
SECRET_MANAGER_URL=${KALEO_SECRET_MANAGER_URL:-https://secretmanager.googleapis.com}
PREFIX=${KALEO_BOOT_PREFIX:-}
STATE_DIR=$PREFIX/var/lib/kaleo-boot
LOG_FILE=$PREFIX/var/log/kaleo-boot.log
ANSIBLE_PLAYBOOK=${KALEO_ANSIBLE_PLAYBOOK:-ansible-playbook}
BOOT_PYTHON=${KALEO_BOOT_PYTHON:-/usr/bin/python3}
AWS_CLI=${KALEO_AWS_CLI:-aws}
S3_ENDPOINT=${KALEO_S3_ENDPOINT:-}

mkdir -p "$STATE_DIR" "$(dirname "$LOG_FILE")"

log() {
  printf '%s kaleo-boot: %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*" | tee -a "$LOG_FILE"
}

fail() {
  local code=$1
  shift
  log "FAILED: $*"
  # inside $(...) stdout is captured: say it on stderr too, so the console shows it
  [ "$BASH_SUBSHELL" -eq 0 ] || printf 'kaleo-boot: FAILED: %s\n' "$*" >&2
  exit "$code"
}

metadata_get() {
  curl -sSf --retry 5 --retry-connrefused --max-time 10 -H 'Metadata-Flavor: Google' \
    "$METADATA_URL/computeMetadata/v1/$1"
}

# One boot setting: on GCP the instance metadata attribute (the GCP stack writes them; `kaleo-dr
# wiring` checks them); on AWS the user data's variable of the same name (kaleo-role -> KALEO_ROLE).
metadata_attr() {
  if [ "$CLOUD" = aws ]; then
    local name
    name=KALEO_$(printf '%s' "${1#kaleo-}" | tr 'a-z-' 'A-Z_')
    [ -n "${!name+set}" ] || fail 2 "the user data sets no $name (attribute $1)"
    printf '%s' "${!name}"
    return
  fi
  metadata_get "instance/attributes/$1" || fail 2 "instance metadata attribute $1 is missing"
}

# Download object $2 of bucket $1 to file $3 (GCS with the VM's token, S3 with the instance role).
fetch_object() {
  if [ "$CLOUD" = aws ]; then
    local args=(s3api get-object --bucket "$1" --key "$2" --region "$AWS_REGION")
    [ -z "$S3_ENDPOINT" ] || args+=(--endpoint-url "$S3_ENDPOINT")
    "$AWS_CLI" "${args[@]}" "$3" >/dev/null
    return
  fi
  if [ -z "${token:-}" ]; then
    token=$(metadata_get instance/service-accounts/default/token |
      "$BOOT_PYTHON" -c 'import json, sys; print(json.load(sys.stdin)["access_token"])') ||
      fail 1 "no access token from the metadata server (is a service account attached?)"
  fi
  curl -sSf --retry 5 --retry-connrefused --max-time 300 -o "$3" -H "Authorization: Bearer $token" \
    "$GCS_ENDPOINT/storage/v1/b/$1/o/${2//\//%2F}?alt=media"
}

# One boot at a time (a reboot during a long first boot must not run two).
exec 9>"$STATE_DIR/lock"
flock 9

case "$CLOUD" in
  gcp) log "boot started (metadata $METADATA_URL)" ;;
  aws)
    AWS_REGION=${KALEO_AWS_REGION:-}
    [ -n "$AWS_REGION" ] || fail 2 "the user data sets no KALEO_AWS_REGION"
    log "boot started (AWS, user data settings, region $AWS_REGION)"
    if ! command -v "$AWS_CLI" >/dev/null 2>&1; then
      log "installing the AWS CLI from Debian"
      DEBIAN_FRONTEND=noninteractive apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq awscli >/dev/null
    fi
    ;;
  *) fail 2 "KALEO_CLOUD is '$CLOUD', not gcp or aws" ;;
esac
role=$(metadata_attr kaleo-role)
bucket=$(metadata_attr kaleo-release-bucket)
version=$(metadata_attr kaleo-bundle-version)
sha256=$(metadata_attr kaleo-bundle-sha256)
# the roles each cloud's VMs may have (the Ansible groups of site.yml)
case "$CLOUD:$role" in
  gcp:app | gcp:db | gcp:cache | gcp:search | gcp:standby-db | gcp:watcher | aws:agent) ;;
  *) fail 2 "kaleo-role is '$role': on gcp app, db, cache, search, standby-db or watcher; on aws agent" ;;
esac
[[ "$sha256" =~ ^[0-9a-f]{64}$ ]] || fail 2 "kaleo-bundle-sha256 is not a sha256 (set kaleo:gcpBundleSha256): refusing an unpinned bundle"
[[ "$version" =~ ^[0-9A-Za-z][0-9A-Za-z._-]*$ ]] || fail 2 "kaleo-bundle-version '$version' is not a version"

object="bundles/kaleo-bundle-$version.tar.gz"
bundle_dir="$STATE_DIR/bundles/$sha256"
if [ ! -f "$bundle_dir/.unpacked" ]; then
  archive="$STATE_DIR/kaleo-bundle-$version.tar.gz"
  log "fetching $([ "$CLOUD" = aws ] && echo s3 || echo gs)://$bucket/$object"
  fetch_object "$bucket" "$object" "$archive.part" ||
    fail 1 "cannot download $object from bucket $bucket (does the bucket hold it, may this machine's identity read it?)"
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

# The continuity roles' variables (their kaleo-dr.yaml, secret references only): read at every boot.
role_vars=()
case "$role" in
  agent | watcher)
    vars_file="$STATE_DIR/vars-$role.yml"
    fetch_object "$bucket" "vars/$role.yml" "$vars_file.part" ||
      fail 1 "cannot download vars/$role.yml from bucket $bucket: upload them with: kaleo-dr boot vars --role $role"
    mv "$vars_file.part" "$vars_file"
    role_vars=(-e "@$vars_file")
    ;;
esac
unset token

if ! command -v "$ANSIBLE_PLAYBOOK" >/dev/null 2>&1; then
  log "installing Ansible from Debian"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ansible >/dev/null
fi

inventory="$STATE_DIR/inventory.ini"
# the Ansible group of the role: standby-db -> standby_db (group names take no dash)
printf '[%s]\nlocalhost ansible_connection=local ansible_python_interpreter=%s\n' "${role//-/_}" "$BOOT_PYTHON" >"$inventory"
# The endpoints the roles call (the real ones on GCE); on AWS no GCE metadata, OS Login or GCE clock.
if [ "$CLOUD" = aws ]; then
  cat >"$STATE_DIR/boot-vars.json" <<VARS
{"kaleo_boot": true, "kaleo_cloud": "aws", "common_metadata_enabled": false, "common_oslogin_enabled": false,
 "common_time_sync_servers": ["169.254.169.123"], "continuity_agent_rds_instance": "${KALEO_RDS_INSTANCE:-kaleo-prod}"}
VARS
else
  cat >"$STATE_DIR/boot-vars.json" <<VARS
{"kaleo_boot": true, "kaleo_cloud": "gcp", "common_metadata_url": "$METADATA_URL",
 "common_secret_manager_endpoint": "$SECRET_MANAGER_URL", "app_metadata_url": "$METADATA_URL",
 "app_gcs_endpoint": "$GCS_ENDPOINT"}
VARS
fi
extra=("${role_vars[@]}" -e "@$STATE_DIR/boot-vars.json")
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
