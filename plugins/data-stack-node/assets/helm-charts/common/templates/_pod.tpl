{{/*
The pod template of one service (`.svc`, named `.name`): containers, init
containers, probes, resources, security, config and volume mounts.
*/}}

{{/* StatefulSets get their pod names first, for clustered products (Elasticsearch discovery). */}}
{{- define "common.env" -}}
{{- $env := list -}}
{{- if eq .svc.workload "StatefulSet" -}}
{{- $env = append $env (dict "name" "DATASTACK_POD_NAMES" "value" (include "common.podNames" .)) -}}
{{- end -}}
{{- $env = concat $env (.svc.env | default list) -}}
{{- if $env -}}
{{ toYaml $env }}
{{- end -}}
{{- end -}}

{{- define "common.podNames" -}}
{{- $names := list -}}
{{- range $i := until (int .svc.replicas) -}}
{{- $names = append $names (printf "%s-%d" $.name $i) -}}
{{- end -}}
{{- join "," $names -}}
{{- end -}}

{{- define "common.volumeMounts" -}}
{{- range .svc.volumeClaims }}
- name: {{ .name | quote }}
  mountPath: {{ .mountPath }}
{{- end }}
{{- range .svc.sharedVolumes }}
- name: {{ .claim | quote }}
  mountPath: {{ .mountPath }}
{{- end }}
{{- range .svc.scratchVolumes }}
- name: {{ .name | quote }}
  mountPath: {{ .mountPath }}
{{- end }}
{{- range .svc.configMounts }}
- name: config-{{ .configMap }}
  mountPath: {{ .mountPath }}
  {{- with .subPath }}
  subPath: {{ . }}
  {{- end }}
  readOnly: true
{{- end }}
{{- end -}}

{{- define "common.podTemplate" -}}
{{- $ctx := dict "root" .root "name" .name -}}
metadata:
  labels:
    {{- include "common.labels" $ctx | nindent 4 }}
    {{- with .svc.podLabels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  annotations:
    # Rolls the pods when a config file they mount changes.
    checksum/config: {{ toYaml .root.Values.configMaps | sha256sum }}
spec:
  {{- if eq .svc.workload "Job" }}
  restartPolicy: OnFailure
  {{- end }}
  enableServiceLinks: false
  {{- with .svc.affinity }}
  affinity: {{ toYaml . | nindent 4 }}
  {{- end }}
  securityContext:
    {{- include "common.podSecurityContext" .svc | nindent 4 }}
  {{- with .svc.initContainers }}
  initContainers:
    {{- range . }}
    - name: {{ .name | quote }}
      image: {{ .image }}
      imagePullPolicy: {{ $.root.Values.imagePullPolicy }}
      {{- with .command }}
      command: {{ toYaml . | nindent 8 }}
      {{- end }}
      {{- with .args }}
      args: {{ toYaml . | nindent 8 }}
      {{- end }}
      {{- with .env }}
      env: {{ toYaml . | nindent 8 }}
      {{- end }}
      resources: {{ toYaml .resources | nindent 8 }}
      securityContext:
        {{- include "common.initContainerSecurityContext" (dict "init" . "svc" $.svc) | nindent 8 }}
      {{- with .volumeMounts }}
      volumeMounts: {{ toYaml . | nindent 8 }}
      {{- end }}
    {{- end }}
  {{- end }}
  containers:
    - name: {{ .name | quote }}
      image: {{ .svc.image }}
      imagePullPolicy: {{ .root.Values.imagePullPolicy }}
      {{- with .svc.command }}
      command: {{ toYaml . | nindent 8 }}
      {{- end }}
      {{- with .svc.args }}
      args: {{ toYaml . | nindent 8 }}
      {{- end }}
      {{- $env := include "common.env" . }}
      {{- if trim $env }}
      env:
        {{- $env | nindent 8 }}
      {{- end }}
      {{- with .svc.ports }}
      ports:
        {{- range . }}
        - name: {{ .name | quote }}
          containerPort: {{ .port }}
          protocol: {{ .protocol }}
        {{- end }}
      {{- end }}
      {{- range $probe := list "startupProbe" "readinessProbe" "livenessProbe" }}
      {{- with index $.svc $probe }}
      {{ $probe }}: {{ toYaml . | nindent 8 }}
      {{- end }}
      {{- end }}
      resources: {{ toYaml .svc.resources | nindent 8 }}
      securityContext:
        {{- include "common.containerSecurityContext" .svc | nindent 8 }}
      {{- $mounts := include "common.volumeMounts" . }}
      {{- if trim $mounts }}
      volumeMounts:
        {{- $mounts | nindent 8 }}
      {{- end }}
  {{- if or .svc.sharedVolumes .svc.scratchVolumes .svc.configVolumes }}
  volumes:
    {{- range .svc.sharedVolumes }}
    - name: {{ .claim | quote }}
      persistentVolumeClaim:
        claimName: {{ .claim }}
    {{- end }}
    {{- range .svc.scratchVolumes }}
    - name: {{ .name | quote }}
      emptyDir: {}
    {{- end }}
    {{- range .svc.configVolumes }}
    - name: config-{{ . }}
      configMap:
        name: {{ . | quote }}
    {{- end }}
  {{- end }}
{{- end -}}
