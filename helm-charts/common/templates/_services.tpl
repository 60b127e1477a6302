{{/*
Services, named after the compose service so the config files the stack
renders (jdbc:postgresql://postgresql:5432, http://trino:8080) resolve the
same in-cluster. StatefulSets also get a headless Service for stable pod
names, which clustered products use to find each other.
*/}}

{{- define "common.services" -}}
{{- range $name, $svc := .Values.services }}
{{- if and (ne $svc.workload "Job") $svc.ports }}
{{- $ctx := dict "root" $ "name" $name }}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ $name | quote }}
  labels:
    {{- include "common.labels" $ctx | nindent 4 }}
spec:
  type: ClusterIP
  selector:
    {{- include "common.selectorLabels" $ctx | nindent 4 }}
  ports:
    {{- range $svc.ports }}
    - name: {{ .name | quote }}
      port: {{ .port }}
      targetPort: {{ .name }}
      protocol: {{ .protocol }}
    {{- end }}
{{- if eq $svc.workload "StatefulSet" }}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ $name }}-headless
  labels:
    {{- include "common.labels" $ctx | nindent 4 }}
    datastack.backstage.io/headless: "true"
spec:
  clusterIP: None
  # Peers must resolve each other before they are ready to form a cluster.
  publishNotReadyAddresses: true
  selector:
    {{- include "common.selectorLabels" $ctx | nindent 4 }}
  ports:
    {{- range $svc.ports }}
    - name: {{ .name | quote }}
      port: {{ .port }}
      targetPort: {{ .name }}
      protocol: {{ .protocol }}
    {{- end }}
{{- end }}
{{- end }}
{{- end }}
{{- end -}}
