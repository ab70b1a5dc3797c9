# Sourced by Feast's capture scripts (feast.sh, feast-registry-server.sh), after common.sh and make_workdir, with VENV set:
# the feature repos they serve, made offline by Feast itself.

feast_cli() { env -i HOME="$WORK/home" PATH="$VENV/bin:/usr/bin:/bin" "$VENV/bin/feast" "$@"; }

# make_feast_repos [--materialize]: REPO, a repo from `feast init`'s bundled template (project "demo": driver entities, hourly
# stats, a push source), applied to its SQLite registry (and with --materialize its online store filled up to now); and
# OIDC_REPO, a copy of it with `auth: type: oidc` and a discovery URL on loopback where nothing listens (Feast fetches it only
# to check a token, and a caller without one is refused first).
make_feast_repos() {
  mkdir -p "$WORK/home"
  (cd "$WORK" && feast_cli init demo >/dev/null)
  REPO="$WORK/demo/feature_repo"
  (cd "$REPO" && feast_cli apply >/dev/null)
  if [ "${1:-}" = --materialize ]; then
    (cd "$REPO" && feast_cli materialize-incremental "$(date -u +%Y-%m-%dT%H:%M:%S)" >/dev/null)
  fi
  cp -a "$WORK/demo" "$WORK/oidc"
  OIDC_REPO="$WORK/oidc/feature_repo"
  sed -i 's|^    type: no_auth$|    type: oidc\n    auth_discovery_url: http://127.0.0.1:19839/realms/feast/.well-known/openid-configuration\n    client_id: feast|' \
    "$OIDC_REPO/feature_store.yaml"
  grep -A3 '^auth:' "$OIDC_REPO/feature_store.yaml" | grep -q 'type: oidc' || { echo "oidc auth not set" >&2; exit 1; }
}
