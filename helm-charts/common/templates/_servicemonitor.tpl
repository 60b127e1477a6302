{{/*
An optional ServiceMonitor for clusters that run the Prometheus Operator
instead of (or next to) the stack's own Prometheus.
*/}}

{{- define "common.serviceMonitor" -}}
{{- $m := .Values.serviceMonitor -}}
{{- if and $m.enabled $m.endpoints }}
{{- range $m.endpoints }}
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: {{ .service | quote }}
  labels:
    {{- include "common.labels" (dict "root" $ "name" .service) | nindent 4 }}
    {{- with $m.labels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  selector:
    matchLabels:
      {{- include "common.selectorLabels" (dict "root" $ "name" .service) | nindent 6 }}
    # The headless twin has the same pods; scrape them once.
    matchExpressions:
      - key: datastack.backstage.io/headless
        operator: DoesNotExist
  endpoints:
    - port: {{ .port }}
      path: {{ .path }}
      interval: {{ $m.interval }}
      # The job the status-card queries name, as the stack's own Prometheus labels it.
      relabelings:
        - targetLabel: job
          replacement: {{ .job }}
{{- end }}
{{- end }}
{{- end -}}
