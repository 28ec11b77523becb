#!/usr/bin/env bash
# Dev-mode check: in `./mvnw quarkus:dev`, editing a resource class and reloading serves the new code
# with the embedded PostgreSQL still up (it is started once per JVM and outlives live reloads).
# Copies the working tree (tracked and untracked-not-ignored files) to a 0700 temp folder, starts dev
# mode there on a free port with a fresh data dir, adds an endpoint to TeamResource, polls until
# it answers, then creates a team (a database write) and checks that stopping dev mode stops PostgreSQL.
# Prints one PASS/FAIL line; exits non-zero on failure. Needs Maven's local repository filled (-o).
# Usage: src/test/scripts/dev-mode-check.sh   (BOOT_TIMEOUT, RELOAD_TIMEOUT in seconds may be set)
set -uo pipefail
cd "$(dirname "$0")/../../.."
boot_timeout="${BOOT_TIMEOUT:-420}"
reload_timeout="${RELOAD_TIMEOUT:-180}"
started=$SECONDS
work="$(mktemp -d)" # mode 0700: as root, the embedded server must cope with it (user namespace)
app="$work/app"
log="$work/dev.log"
token="dev-check-token"
devpid=""

fail() {
  echo "---- last lines of the dev-mode log ($log) ----" >&2
  tail -n 60 "$log" >&2 2>/dev/null
  echo "FAIL dev-mode-check: $* ($((SECONDS - started)) s)"
  exit 1
}

# The postmaster of our data dir, if one runs.
postmaster() {
  local pidfile="$work/data/pg/data/postmaster.pid"
  [[ -f "$pidfile" ]] || return 1
  local pid
  pid="$(head -n1 "$pidfile")"
  [[ -n "$pid" ]] && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "$work/data/pg/data" && echo "$pid"
}

cleanup() {
  if [[ -n "$devpid" ]] && kill -0 "$devpid" 2>/dev/null; then
    kill -KILL -- "-$devpid" 2>/dev/null
  fi
  local pid
  if pid="$(postmaster)"; then
    kill -QUIT "$pid" 2>/dev/null # immediate shutdown of a leftover server
  fi
  rm -rf "$work"
}
trap cleanup EXIT

free_port() {
  local p
  for _ in $(seq 1 50); do
    p=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"
      return 0
    fi
  done
  return 1
}

mkdir -p "$app" "$work/data"
git ls-files -z --cached --others --exclude-standard \
  | tar --null -T - --ignore-failed-read -cf - 2>/dev/null | tar -xf - -C "$app" || fail "copying the tree"
port="$(free_port)" || fail "no free port"
base="http://127.0.0.1:$port"

# setsid: dev mode (Maven and the app JVM it forks) gets its own process group, stopped as one below.
start_dev() {
  (cd "$app" && ARENA_ADMIN_TOKEN="$token" ARENA_DATA_DIR="$work/data" ARENA_DEMO=false \
    exec setsid ./mvnw -B -ntp "$@" quarkus:dev -Dquarkus.http.port="$port" -Dquarkus.console.enabled=false \
    </dev/null >"$log" 2>&1) &
  devpid=$!
  disown "$devpid" # no job-status noise when cleanup kills it
}
# Offline first; dev mode needs a few artifacts a build does not (quarkus-devui...): fetched once if missing.
start_dev -o
deadline=$((SECONDS + boot_timeout))
until [[ "$(curl -s -o /dev/null -w '%{http_code}' "$base/api/leaderboard")" == 200 ]]; do
  if ! kill -0 "$devpid" 2>/dev/null; then
    grep -q "in offline mode" "$log" && [[ -z "${online:-}" ]] || fail "dev mode exited before serving /api/leaderboard"
    online=1
    echo "dev-mode-check: fetching dev-mode artifacts missing from the local Maven repository" >&2
    start_dev
  fi
  ((SECONDS < deadline)) || fail "no 200 from /api/leaderboard within ${boot_timeout} s"
  sleep 2
done
booted=$((SECONDS - started))

# The edit: a new endpoint with a marker only the reloaded code can return.
marker="reloaded-$RANDOM$RANDOM"
resource="$app/src/main/java/org/muraarena/http/api/TeamResource.java"
sed -i '$d' "$resource" # the class's closing brace
cat >>"$resource" <<EOF

    @jakarta.ws.rs.GET
    @jakarta.ws.rs.Path("/dev-check")
    public String devCheck() {
        return "$marker";
    }
}
EOF
edited_at=$(wc -l <"$log")
deadline=$((SECONDS + reload_timeout))
until [[ "$(curl -s -H "Authorization: Bearer $token" "$base/api/teams/dev-check")" == "$marker" ]]; do
  kill -0 "$devpid" 2>/dev/null || fail "dev mode exited during the reload"
  tail -n +"$((edited_at + 1))" "$log" | grep -q "Failed to start quarkus" \
    && fail "the application failed to restart after the edit"
  ((SECONDS < deadline)) || fail "the edited code was not served within ${reload_timeout} s"
  sleep 2
done
reloaded=$((SECONDS - started))

status="$(curl -s -o "$work/team.json" -w '%{http_code}' -X POST "$base/api/teams" \
  -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d '{"name": "Dev Check"}')"
[[ "$status" == 201 ]] || fail "POST /api/teams after the reload answered $status: $(cat "$work/team.json")"
[[ "$(curl -s -o /dev/null -w '%{http_code}' "$base/api/leaderboard")" == 200 ]] \
  || fail "/api/leaderboard after the reload did not answer 200"

# Stopping dev mode (SIGTERM, as Ctrl-C would) must stop the embedded server with the JVM.
pg="$(postmaster)" || fail "no embedded PostgreSQL found for $work/data/pg"
kill -TERM -- "-$devpid" 2>/dev/null
deadline=$((SECONDS + 60))
while kill -0 "$pg" 2>/dev/null && [[ -n "$(tr -d '\0' <"/proc/$pg/cmdline" 2>/dev/null)" ]]; do
  ((SECONDS < deadline)) || fail "the embedded PostgreSQL (pid $pg) outlived dev mode by 60 s"
  sleep 1
done
devpid=""
echo "PASS dev-mode-check: reload served new code with the database up (boot ${booted} s, reload at ${reloaded} s, total $((SECONDS - started)) s)"
