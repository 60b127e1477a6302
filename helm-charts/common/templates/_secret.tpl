{{/*
The Secret of a component: taken from `secret.existingSecret` when set, else
generated once with random values and kept: `lookup` reads the live Secret,
so an upgrade re-renders the same values, and the keep policy leaves it when
the release is uninstalled, as the data it protects stays too. It is a
pre-install hook so the component's own hook Jobs can read it.
*/}}

{{- define "common.secret" -}}
{{- $s := .Values.secret -}}
{{- if and $s.keys (not $s.existingSecret) }}
{{- $live := lookup "v1" "Secret" .Release.Namespace $s.name }}
---
apiVersion: v1
kind: Secret
metadata:
  name: {{ $s.name | quote }}
  labels:
    {{- include "common.labels" (dict "root" $ "name" $.Values.component) | nindent 4 }}
  annotations:
    helm.sh/hook: pre-install,pre-upgrade
    helm.sh/hook-weight: "-10"
    helm.sh/resource-policy: keep
type: Opaque
data:
  {{- range $key := $s.keys }}
  {{- /* randBytes gives standard base64; Fernet wants the URL-safe alphabet. */}}
  {{- $new := has $key ($s.fernetKeys | default list) | ternary (randBytes 32 | replace "+" "-" | replace "/" "_") (randAlphaNum 32) }}
  {{ $key }}: {{ dig "data" $key "" $live | default ($new | b64enc) | quote }}
  {{- end }}
{{- end }}
{{- end -}}
