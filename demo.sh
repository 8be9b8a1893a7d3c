#!/usr/bin/env bash
# The local demo: builds RustyRay, then brings up a real Kubernetes control plane on this
# machine (e2e/local-cluster.sh: kube-apiserver, etcd, kube-controller-manager, and the
# process kubelet that runs pods as local processes), the operator, the example RustyCluster
# and the example RustyActors; shows the durable counter keeping its value when the pod that
# hosts it is deleted; prints what to type next.
#
#   ./demo.sh        build and bring it all up (the first run builds Kubernetes: ~6-10 min)
#   ./demo.sh down   stop everything it started (operator, pods, control plane)
set -euo pipefail
cd "$(dirname "$0")"
repo=$PWD
state=${RUSTYRAY_E2E_STATE:-${RUSTYRAY_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/rustyray}/e2e-state}
operator_pid_file="$state/pids/demo-operator.pid"

step() { echo "==> $*"; }

# The durable counter (examples/durable-counter-actor.yaml) keeps its value across the loss of
# its worker pod: increment it through the SDK (a driver on this machine reaches the pods at
# their loopback addresses), delete the pod that hosts it, and read it from the instance the
# head restored from its checkpoint.
show_durable_counter() {
  local head token before node restores state
  head=$(kubectl get rustycluster demo -o jsonpath='{.status.head.podIP}')
  token=$(kubectl get secret demo-auth -o jsonpath='{.data.token}' | base64 -d)
  counter() {
    RUSTYRAY_ADDRESS="$head:6379" RUSTYRAY_TOKEN="$token" \
      "$repo/runtime-image/src/main/bin/rustyray" driver \
      io.rustyray.examples.DurableCounterClient durable-counter "$1" 2>/dev/null
  }
  step "Incrementing durable-counter 5 times (rustyray driver io.rustyray.examples.DurableCounterClient durable-counter 5)"
  counter 5
  before=$(kubectl get rustyactor durable-counter -o jsonpath='{.status.restores}')
  node=$(kubectl get rustyactor durable-counter -o jsonpath='{.status.node}')
  step "Deleting pod $node, the worker that hosts durable-counter"
  kubectl delete pod "$node"
  step "Waiting for the head to restore durable-counter from its checkpoint"
  for _ in $(seq 1 120); do
    restores=$(kubectl get rustyactor durable-counter -o jsonpath='{.status.restores}')
    state=$(kubectl get rustyactor durable-counter -o jsonpath='{.status.state}')
    if [[ ${restores:-0} -gt ${before:-0} && $state == ALIVE ]]; then break; fi
    sleep 1
  done
  if [[ ${restores:-0} -le ${before:-0} ]]; then
    echo "durable-counter was not restored within 120 s: kubectl describe rustyactor durable-counter" >&2
  fi
  kubectl get rustyactor durable-counter
  kubectl get events --field-selector involvedObject.name=durable-counter,reason=Restored \
    -o custom-columns=REASON:.reason,MESSAGE:.message
  step "Reading durable-counter from its restored instance"
  counter 0
}

stop_operator() {
  if [[ -f $operator_pid_file ]]; then
    pid=$(cat "$operator_pid_file")
    if kill -0 "$pid" 2>/dev/null && tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q 'operator/target/quarkus-app'; then
      step "Stopping the operator (pid $pid)"
      kill "$pid"
      for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$operator_pid_file"
  fi
}

case "${1:-up}" in
  up)
    step "Building RustyRay (mvn -B package -DskipTests)"
    mvn -B -q package -DskipTests

    step "Starting the local control plane and the process kubelet"
    bash e2e/local-cluster.sh up
    export KUBECONFIG="$state/kubeconfig"
    export PATH="$state/bin:$PATH"

    step "Applying the CRDs from crds/"
    # kubectl 1.20 does not know x-kubernetes-validations (CEL); the server accepts the CRDs.
    kubectl apply --validate=false -f crds/

    if [[ -f $operator_pid_file ]] && kill -0 "$(cat "$operator_pid_file")" 2>/dev/null; then
      step "The operator already runs (pid $(cat "$operator_pid_file"))"
    else
      step "Starting the operator (log: $state/logs/demo-operator.log)"
      mkdir -p "$state/logs" "$state/pids"
      QUARKUS_HTTP_PORT=${RUSTYRAY_DEMO_OPERATOR_HTTP_PORT:-18080} KUBECONFIG="$KUBECONFIG" \
        setsid nohup java -Xmx256m -jar "$repo/operator/target/quarkus-app/quarkus-run.jar" \
        > "$state/logs/demo-operator.log" 2>&1 < /dev/null &
      echo $! > "$operator_pid_file"
    fi

    step "Applying examples/cluster.yaml and waiting for it to be Ready"
    kubectl apply -f examples/cluster.yaml
    kubectl wait --for=condition=Ready rustycluster/demo --timeout=300s
    step "Applying examples/counter-actor.yaml and waiting for it to be Ready (ALIVE)"
    kubectl apply -f examples/counter-actor.yaml
    kubectl wait --for=condition=Ready rustyactor/counter --timeout=300s
    step "Applying examples/durable-counter-actor.yaml and waiting for it to be Ready (ALIVE)"
    kubectl apply -f examples/durable-counter-actor.yaml
    kubectl wait --for=condition=Ready rustyactor/durable-counter --timeout=300s
    kubectl get rustyclusters,rustyactors

    show_durable_counter

    cat <<NEXT

RustyRay runs. In this shell:

  export KUBECONFIG=$KUBECONFIG
  export PATH=$state/bin:\$PATH

then try:

  kubectl get rustyclusters,rustyactors,pods       # state, nodes, restarts
  kubectl describe rustyactor counter              # conditions and events
  kubectl describe rustyactor durable-counter      # lastCheckpoint, restores, Restored events
  kubectl apply -f examples/pi-job.yaml            # a job on a cluster made for it
  kubectl get rustyjobs -w
  kubectl delete pod \$(kubectl get rustyactor counter -o jsonpath='{.status.node}')
  kubectl get rustyactors -w                       # ALIVE on another worker, restarts up by 1
  kill -9 \$(kubectl get rustyactor counter -o jsonpath='{.status.workerPid}')
  kubectl get rustyactors -o wide                  # only its worker process died: back on its node

and stop it all with: ./demo.sh down
NEXT
    ;;
  down)
    stop_operator
    bash e2e/local-cluster.sh down
    ;;
  *)
    echo "usage: $0 [up|down]" >&2
    exit 2
    ;;
esac
