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

{{/*
An init container's own securityContext (e.g. root to prepare a volume the
main container's user owns, or a privileged node sysctl) wins over the
service's; root there must also lift a pod-wide runAsNonRoot, or the kubelet
refuses to start it.
*/}}
{{- define "common.initContainerSecurityContext" -}}
{{- with .init.securityContext -}}
{{- /* The API server refuses privileged together with allowPrivilegeEscalation: false. */}}
{{- $base := dict "allowPrivilegeEscalation" false -}}
{{- if .privileged }}{{ $base = dict }}{{ end -}}
{{- $ctx := mustMergeOverwrite $base (deepCopy .) -}}
{{- if and (hasKey $ctx "runAsUser") (eq (int $ctx.runAsUser) 0) -}}
{{- $_ := set $ctx "runAsNonRoot" false -}}
{{- end -}}
{{- toYaml $ctx -}}
{{- else -}}
{{- include "common.containerSecurityContext" $.svc -}}
{{- end -}}
{{- end -}}
