{{/*
ConfigMaps hold the files the stack's config renderers produce (catalogs,
scrape config, provisioning, pipelines): the same content compose mounts.
*/}}

{{- define "common.configMaps" -}}
{{- range $name, $files := .Values.configMaps }}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ $name | quote }}
  labels:
    {{- include "common.labels" (dict "root" $ "name" $.Values.component) | nindent 4 }}
data:
  {{- toYaml $files | nindent 2 }}
{{- end }}
{{- end -}}
