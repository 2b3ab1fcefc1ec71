{{- define "cre.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "cre.fullname" -}}
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

{{- define "cre.selectorLabels" -}}
app.kubernetes.io/name: {{ include "cre.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "cre.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "cre.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/component: metrics
{{- end -}}

{{- define "cre.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "cre.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "cre.configMapName" -}}
{{- default (printf "%s-mappings" (include "cre.fullname" .)) .Values.config.existingConfigMap -}}
{{- end -}}

{{/*
The plural Kubernetes derives for a kind (io.crexporter.mapping.ResourceId.defaultPlural): lower
case, then "es" after s, x, ch or sh, "ies" for a consonant followed by y, else "s".
*/}}
{{- define "cre.defaultPlural" -}}
{{- $k := lower . -}}
{{- if or (hasSuffix "s" $k) (hasSuffix "x" $k) (hasSuffix "ch" $k) (hasSuffix "sh" $k) -}}
{{- printf "%ses" $k -}}
{{- else if and (hasSuffix "y" $k) (gt (len $k) 1) (not (regexMatch "[aeiou]y$" $k)) -}}
{{- printf "%sies" (trimSuffix "y" $k) -}}
{{- else -}}
{{- printf "%ss" $k -}}
{{- end -}}
{{- end -}}

{{/*
The mapping files of the release and what they read, as JSON (exact for strings, unlike a YAML
round trip, which drops the final newline of the last block scalar):
  files:  file name -> content (what the ConfigMap holds; empty with config.existingConfigMap)
  access: scope -> API group -> plural -> true, where scope is "" for the whole cluster, else a
          namespace (namespaced mode)
Presets come from presets/<name>.yaml, custom mappings from values. Every document is parsed to
find the resources it maps (plural as written, else derived from the kind). In namespaced mode,
`namespaces:` is set to .Values.namespaces on each resource that names none, and the files are
written back from the parsed documents.
*/}}
{{- define "cre.mappings" -}}
{{- $files := dict -}}
{{- $access := dict -}}
{{- $nsMode := gt (len .Values.namespaces) 0 -}}
{{- $sources := list -}}
{{- if not .Values.config.existingConfigMap -}}
{{- range $preset := .Values.presets -}}
{{- $content := $.Files.Get (printf "presets/%s.yaml" $preset) -}}
{{- if not $content -}}
{{- $available := list -}}
{{- range $path, $_ := $.Files.Glob "presets/*.yaml" -}}
{{- $available = append $available (base $path | trimSuffix ".yaml") -}}
{{- end -}}
{{- fail (printf "presets: unknown preset %q (available: %s)" $preset (join ", " $available)) -}}
{{- end -}}
{{- $sources = append $sources (dict "name" (printf "%s.yaml" $preset) "content" $content) -}}
{{- end -}}
{{- range $name, $value := .Values.customMappings -}}
{{- if not (regexMatch "^[A-Za-z0-9][A-Za-z0-9._-]*\\.(yaml|yml|json)$" $name) -}}
{{- fail (printf "customMappings: %q is not a file name ending in .yaml, .yml or .json" $name) -}}
{{- end -}}
{{- $content := "" -}}
{{- if kindIs "string" $value -}}
{{- $content = $value -}}
{{- else if hasSuffix ".json" $name -}}
{{- $content = toPrettyJson $value -}}
{{- else -}}
{{- $content = toYaml $value -}}
{{- end -}}
{{- $sources = append $sources (dict "name" $name "content" $content) -}}
{{- end -}}
{{- if not $sources -}}
{{- fail "no mappings: enable presets, add customMappings, or set config.existingConfigMap" -}}
{{- end -}}
{{- end -}}
{{- range $source := $sources -}}
{{- if hasKey $files $source.name -}}
{{- fail (printf "mapping file %s is given twice (a custom mapping may not take a preset's name)" $source.name) -}}
{{- end -}}
{{- $docs := list -}}
{{- range $text := regexSplit "(?m)^---[ \\t]*$" $source.content -1 -}}
{{- $doc := fromYaml $text -}}
{{- if hasKey $doc "Error" -}}
{{- fail (printf "mapping file %s: %s" $source.name $doc.Error) -}}
{{- end -}}
{{- if $doc -}}
{{- $docs = append $docs $doc -}}
{{- end -}}
{{- end -}}
{{- range $doc := $docs -}}
{{- range $r := $doc.resources -}}
{{- if not $r.kind -}}
{{- fail (printf "mapping file %s: a resource has no kind" $source.name) -}}
{{- end -}}
{{- $group := $r.group | default "" -}}
{{- $plural := $r.plural | default (include "cre.defaultPlural" $r.kind) -}}
{{- if and $nsMode (not $r.namespaces) -}}
{{- $_ := set $r "namespaces" $.Values.namespaces -}}
{{- end -}}
{{- $scopes := list "" -}}
{{- if $nsMode -}}
{{- $scopes = $r.namespaces -}}
{{- end -}}
{{- range $scope := $scopes -}}
{{- $groups := get $access $scope | default (dict) -}}
{{- $_ := set $access $scope $groups -}}
{{- $plurals := get $groups $group | default (dict) -}}
{{- $_ := set $groups $group $plurals -}}
{{- $_ := set $plurals $plural true -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- if $nsMode -}}
{{- $parts := list -}}
{{- range $doc := $docs -}}
{{- if hasSuffix ".json" $source.name -}}
{{- $parts = append $parts (toPrettyJson $doc) -}}
{{- else -}}
{{- $parts = append $parts (toYaml $doc) -}}
{{- end -}}
{{- end -}}
{{- $_ := set $files $source.name (join "\n---\n" $parts) -}}
{{- else -}}
{{- $_ := set $files $source.name $source.content -}}
{{- end -}}
{{- end -}}
{{- range $extra := .Values.rbac.extraResources -}}
{{- $scopes := list "" -}}
{{- if $nsMode -}}
{{- $scopes = $extra.namespaces | default $.Values.namespaces -}}
{{- end -}}
{{- range $scope := $scopes -}}
{{- $groups := get $access $scope | default (dict) -}}
{{- $_ := set $access $scope $groups -}}
{{- $plurals := get $groups ($extra.group | default "") | default (dict) -}}
{{- $_ := set $groups ($extra.group | default "") $plurals -}}
{{- range $plural := $extra.resources -}}
{{- $_ := set $plurals $plural true -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- toJson (dict "files" $files "access" $access) -}}
{{- end -}}

{{/* RBAC rules for one scope of cre.mappings' access: one rule per API group, sorted. */}}
{{- define "cre.rules" -}}
{{- range $group := keys . | sortAlpha }}
- apiGroups: [{{ $group | quote }}]
  resources: {{ keys (get $ $group) | sortAlpha | toJson }}
  verbs: ["get", "list", "watch"]
{{- end -}}
{{- end -}}
