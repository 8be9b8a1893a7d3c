{{/* The chart name, or nameOverride. */}}
{{- define "rustyray-operator.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The prefix of every object name: fullnameOverride, else the release name when it already
contains the chart name, else <release>-<name>. Truncated to 63 characters (DNS label).
*/}}
{{- define "rustyray-operator.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "rustyray-operator.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "rustyray-operator.labels" -}}
helm.sh/chart: {{ include "rustyray-operator.chart" . }}
{{ include "rustyray-operator.selectorLabels" . }}
{{- if .Chart.AppVersion }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: rustyray
{{- end }}

{{- define "rustyray-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "rustyray-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "rustyray-operator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "rustyray-operator.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "rustyray-operator.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/*
What the operator does in every watched namespace; nothing more. The ClusterRole (all
namespaces) and the per-namespace Roles (watchNamespaces) both use these rules, which are
deploy/kustomize/base/cluster-role.yaml's (HelmChartTest compares them).
*/}}
{{- define "rustyray-operator.rules" -}}
# The three kinds: watched, status written, finalizer kept (RustyActor kills its actor on
# delete). A RustyJob creates and deletes its own RustyCluster and deletes itself after its TTL.
- apiGroups: [rustyray.io]
  resources: [rustyactors, rustyactors/status, rustyactors/finalizers,
              rustyclusters, rustyclusters/status, rustyclusters/finalizers,
              rustyjobs, rustyjobs/status, rustyjobs/finalizers]
  verbs: [get, list, watch, patch, update]
- apiGroups: [rustyray.io]
  resources: [rustyclusters]
  verbs: [create, delete]
- apiGroups: [rustyray.io]
  resources: [rustyjobs]
  verbs: [delete]
# A cluster's head and worker pods, its head Service and its head's GCS volume claim.
- apiGroups: [""]
  resources: [pods, services, persistentvolumeclaims]
  verbs: [get, list, watch, create, update, patch, delete]
# A cluster's token Secret: created once and read from its informer by the cluster reconciler only.
- apiGroups: [""]
  resources: [secrets]
  verbs: [get, list, watch, create, delete]
# A RustyJob's jars (jarsFrom).
- apiGroups: [""]
  resources: [configmaps]
  verbs: [get]
# Events for kubectl describe.
- apiGroups: [""]
  resources: [events]
  verbs: [create, patch]
{{- end }}
