{{/*
Labels. Every object carries the standard labels plus the one the catalog's
Kubernetes annotation selects (backstage.io/kubernetes-id), so the portal's
Kubernetes tab finds workloads, pods and Services alike.
*/}}

{{- define "common.chart" -}}
{{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end -}}

{{/*
Selector labels of one service: immutable, so nothing that changes on upgrade.
Every value is quoted: a stack named `1e3` or `yes` is still a string label.
*/}}
{{- define "common.selectorLabels" -}}
app.kubernetes.io/name: {{ .name | quote }}
app.kubernetes.io/instance: {{ .root.Release.Name | quote }}
{{- end -}}

{{/* All labels of an object; `name` is the service (or the component for shared objects). */}}
{{- define "common.labels" -}}
{{ include "common.selectorLabels" . }}
app.kubernetes.io/component: {{ .root.Values.component | quote }}
app.kubernetes.io/part-of: {{ .root.Values.stack | quote }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service | quote }}
helm.sh/chart: {{ include "common.chart" .root | quote }}
backstage.io/kubernetes-id: {{ .root.Values.kubernetesId | quote }}
{{- end -}}

{{/* Context for the label helpers: the root and a service (or object) name. */}}
{{- define "common.ctx" -}}
{{- dict "root" .root "name" .name | toYaml -}}
{{- end -}}
