{{/*
Security contexts. A service whose image runs as a known non-root user gets
runAsNonRoot, that user, a volume group and no capabilities; the others keep
the image's user (several official images start as root and drop to their
user in the entrypoint) but still get the default seccomp profile.
*/}}

{{- define "common.podSecurityContext" -}}
seccompProfile:
  type: RuntimeDefault
{{- with .securityContext }}
{{- if .runAsUser }}
runAsNonRoot: true
runAsUser: {{ .runAsUser }}
runAsGroup: {{ .runAsGroup }}
fsGroup: {{ .fsGroup }}
fsGroupChangePolicy: OnRootMismatch
{{- end }}
{{- end }}
{{- end -}}

{{- define "common.containerSecurityContext" -}}
{{- if and .securityContext .securityContext.runAsUser -}}
allowPrivilegeEscalation: false
capabilities:
  drop: [ALL]
{{- else -}}
allowPrivilegeEscalation: false
{{- end -}}
{{- end -}}
