{{/*
Workloads: a StatefulSet for a service with its own volumes (each pod keeps
its data through volumeClaimTemplates), a Deployment otherwise, and a Job,
run as a pre-install/pre-upgrade hook in dependency order, for one-shot work.
*/}}

{{- define "common.workloads" -}}
{{- range $name, $svc := .Values.services }}
{{- $ctx := dict "root" $ "name" $name "svc" $svc }}
---
{{- if eq $svc.workload "Job" }}
apiVersion: batch/v1
kind: Job
metadata:
  name: {{ $name | quote }}
  labels:
    {{- include "common.labels" $ctx | nindent 4 }}
  annotations:
    helm.sh/hook: pre-install,pre-upgrade
    helm.sh/hook-weight: {{ $svc.hookWeight | quote }}
    helm.sh/hook-delete-policy: before-hook-creation
spec:
  backoffLimit: {{ $svc.backoffLimit }}
  template:
    {{- include "common.podTemplate" $ctx | nindent 4 }}
{{- else }}
apiVersion: apps/v1
kind: {{ $svc.workload }}
metadata:
  name: {{ $name | quote }}
  labels:
    {{- include "common.labels" $ctx | nindent 4 }}
spec:
  replicas: {{ $svc.replicas }}
  selector:
    matchLabels:
      {{- include "common.selectorLabels" $ctx | nindent 6 }}
  {{- if eq $svc.workload "StatefulSet" }}
  serviceName: {{ $name }}-headless
  podManagementPolicy: Parallel
  {{- end }}
  template:
    {{- include "common.podTemplate" $ctx | nindent 4 }}
  {{- if and (eq $svc.workload "StatefulSet") $svc.volumeClaims }}
  volumeClaimTemplates:
    {{- range $svc.volumeClaims }}
    - metadata:
        name: {{ .name | quote }}
        labels:
          {{- include "common.labels" $ctx | nindent 10 }}
      spec:
        {{- include "common.claimSpec" . | nindent 8 }}
    {{- end }}
  {{- end }}
{{- end }}
{{- end }}
{{- end -}}

{{/* A PersistentVolumeClaim spec from a persistence entry. */}}
{{- define "common.claimSpec" -}}
accessModes: {{ toYaml .accessModes | nindent 2 }}
{{- with .storageClass }}
storageClassName: {{ . }}
{{- end }}
resources:
  requests:
    storage: {{ .size }}
{{- end -}}

{{/* Volumes several services share (Airflow's DAGs); kept when the release goes. */}}
{{- define "common.persistentVolumeClaims" -}}
{{- range $name, $claim := .Values.persistentVolumeClaims }}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: {{ $name | quote }}
  labels:
    {{- include "common.labels" (dict "root" $ "name" $.Values.component) | nindent 4 }}
  annotations:
    helm.sh/resource-policy: keep
spec:
  {{- include "common.claimSpec" $claim | nindent 2 }}
{{- end }}
{{- end -}}

{{/* Pod disruption budgets for services that run more than one pod. */}}
{{- define "common.podDisruptionBudgets" -}}
{{- range $name, $svc := .Values.services }}
{{- if and (ne $svc.workload "Job") (gt (int $svc.replicas) 1) }}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ $name | quote }}
  labels:
    {{- include "common.labels" (dict "root" $ "name" $name) | nindent 4 }}
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      {{- include "common.selectorLabels" (dict "root" $ "name" $name) | nindent 6 }}
{{- end }}
{{- end }}
{{- end -}}
