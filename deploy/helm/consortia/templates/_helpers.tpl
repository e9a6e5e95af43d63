{{/* Names: "<release>-consortia", shortened to 63 characters (DNS label). */}}
{{- define "consortia.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "consortia.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Labels every object carries: chartLabels beside a component's selector labels, labels alone. */}}
{{- define "consortia.chartLabels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: consortia
{{- end -}}

{{- define "consortia.labels" -}}
{{ include "consortia.chartLabels" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* The platform's pods: the consortium namespaces' NetworkPolicies admit this name label. */}}
{{- define "consortia.platform.selectorLabels" -}}
app.kubernetes.io/name: consortia-platform
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "consortia.operator.selectorLabels" -}}
app.kubernetes.io/name: consortia-operator
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "consortia.postgresql.selectorLabels" -}}
app.kubernetes.io/name: consortia-postgresql
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "consortia.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "consortia.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- /* standalone operator's own account: the platform's account gets only what the platform calls */ -}}
{{- define "consortia.operatorServiceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (printf "%s-operator" (include "consortia.fullname" .)) .Values.serviceAccount.operatorName -}}
{{- else -}}
{{- required "serviceAccount.operatorName is required when serviceAccount.create is false and operator.mode is standalone" .Values.serviceAccount.operatorName -}}
{{- end -}}
{{- end -}}

{{- define "consortia.platformImage" -}}
{{- printf "%s:%s" .Values.images.platform.repository (default .Chart.AppVersion .Values.images.platform.tag) -}}
{{- end -}}

{{- define "consortia.nodeImage" -}}
{{- printf "%s:%s" .Values.images.node.repository (default .Chart.AppVersion .Values.images.node.tag) -}}
{{- end -}}

{{/* Secrets: the given existing one, or the chart's generated one. */}}
{{- define "consortia.masterKeySecretName" -}}
{{- default (printf "%s-master-key" (include "consortia.fullname" .)) .Values.masterKey.existingSecret -}}
{{- end -}}

{{- define "consortia.adminSecretName" -}}
{{- default (printf "%s-admin" (include "consortia.fullname" .)) .Values.adminPassword.existingSecret -}}
{{- end -}}

{{- define "consortia.metricsSecretName" -}}
{{- default (printf "%s-metrics" (include "consortia.fullname" .)) .Values.metrics.existingSecret -}}
{{- end -}}

{{- define "consortia.postgresql.fullname" -}}
{{- printf "%s-postgresql" (include "consortia.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "consortia.postgresql.secretName" -}}
{{- default (include "consortia.postgresql.fullname" .) .Values.database.bundled.existingSecret -}}
{{- end -}}

{{/* spring.datasource.url */}}
{{- define "consortia.databaseUrl" -}}
{{- if .Values.database.bundled.enabled -}}
{{- printf "jdbc:postgresql://%s.%s.svc:5432/%s" (include "consortia.postgresql.fullname" .) .Release.Namespace .Values.database.bundled.database -}}
{{- else -}}
{{- required "database.external.url is required when database.bundled.enabled is false" .Values.database.external.url -}}
{{- end -}}
{{- end -}}

{{- define "consortia.operatorMode" -}}
{{- $mode := .Values.operator.mode -}}
{{- if not (has $mode (list "embedded" "standalone")) -}}
{{- fail (printf "operator.mode must be embedded or standalone, not %q" $mode) -}}
{{- end -}}
{{- $mode -}}
{{- end -}}

{{/* A secret value generated once: kept from the live object on upgrades (lookup). */}}
{{- define "consortia.keptSecretValue" -}}
{{- $existing := lookup "v1" "Secret" .namespace .name -}}
{{- if and $existing $existing.data (hasKey $existing.data .key) -}}
{{- index $existing.data .key -}}
{{- else -}}
{{- .generated | b64enc -}}
{{- end -}}
{{- end -}}
