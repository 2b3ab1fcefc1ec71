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
Splits a string of YAML documents and parses each one; fails on invalid YAML.
Argument: dict "text", "where" (for messages), "out" (a dict whose "docs" gets the parsed documents).
*/}}
{{- define "cre.parseDocuments" -}}
{{- $docs := list -}}
{{- range $text := regexSplit "(?m)^---[ \\t]*$" .text -1 -}}
{{- $doc := fromYaml $text -}}
{{- if hasKey $doc "Error" -}}
{{- fail (printf "%s: %s" $.where $doc.Error) -}}
{{- end -}}
{{- if $doc -}}
{{- $docs = append $docs $doc -}}
{{- end -}}
{{- end -}}
{{- $_ := set .out "docs" $docs -}}
{{- end -}}

{{/*
The resources of a mapping file's documents, in every shape the exporter accepts
(io.crexporter.config.ConfigDocumentReader): this exporter's `resources` of `kind` entries; a
kube-state-metrics CustomResourceStateMetrics (`spec.resources`, or a bare `resources` list of
`groupVersionKind` entries); kube-state-metrics' Helm values (`customResourceState.config`) and
kube-prometheus-stack's (`kube-state-metrics.customResourceState.config`), the config as YAML or as
a string of YAML; a ConfigMap whose `data` entries hold any of these.
Argument: dict "file", "docs", "entries"; sets "entries" to a list of dict
  format: "cre" or "ksm";  r: the resource (the parsed map itself, so that changes to it show in
  the documents);  where: its place, for messages;  embedded: whether it came from a string.
*/}}
{{- define "cre.resourceEntries" -}}
{{- $entries := list -}}
{{- $pending := list -}}
{{- range $i, $doc := .docs -}}
{{- $pending = append $pending (dict "node" $doc "where" (printf "document %d" (add1 $i)) "embedded" false) -}}
{{- end -}}
{{- range $pass := until 8 -}}
{{- $next := list -}}
{{- range $item := $pending -}}
{{- $node := $item.node -}}
{{- $where := $item.where -}}
{{- if not (kindIs "map" $node) -}}
{{- fail (printf "mapping file %s, %s: expected a mapping, found %s" $.file $where (kindOf $node)) -}}
{{- end -}}
{{- $values := "" -}}
{{- $valuesWhere := "" -}}
{{- $stack := get $node "kube-state-metrics" -}}
{{- if hasKey $node "resources" -}}
{{- $list := $node.resources -}}
{{- if not (kindIs "slice" $list) -}}
{{- fail (printf "mapping file %s, %s: resources must be a list" $.file $where) -}}
{{- end -}}
{{- /* any entry naming a groupVersionKind tells, as the exporter reads it */ -}}
{{- $format := "cre" -}}
{{- range $r := $list -}}
{{- if and (kindIs "map" $r) (hasKey $r "groupVersionKind") -}}
{{- $format = "ksm" -}}
{{- end -}}
{{- end -}}
{{- range $j, $r := $list -}}
{{- if not (kindIs "map" $r) -}}
{{- fail (printf "mapping file %s, %s, resources[%d]: expected a mapping" $.file $where $j) -}}
{{- end -}}
{{- $entries = append $entries (dict "format" $format "r" $r "where" (printf "%s, resources[%d]" $where $j) "embedded" $item.embedded) -}}
{{- end -}}
{{- else if hasKey $node "spec" -}}
{{- $spec := $node.spec -}}
{{- if not (and (kindIs "map" $spec) (kindIs "slice" $spec.resources)) -}}
{{- fail (printf "mapping file %s, %s: a kube-state-metrics CustomResourceStateMetrics needs a list spec.resources" $.file $where) -}}
{{- end -}}
{{- range $j, $r := $spec.resources -}}
{{- if not (kindIs "map" $r) -}}
{{- fail (printf "mapping file %s, %s, spec.resources[%d]: expected a mapping" $.file $where $j) -}}
{{- end -}}
{{- $entries = append $entries (dict "format" "ksm" "r" $r "where" (printf "%s, spec.resources[%d]" $where $j) "embedded" $item.embedded) -}}
{{- end -}}
{{- else if hasKey $node "customResourceState" -}}
{{- $values = $node.customResourceState -}}
{{- $valuesWhere = printf "%s, customResourceState" $where -}}
{{- else if and (kindIs "map" $stack) (hasKey $stack "customResourceState") -}}
{{- $values = $stack.customResourceState -}}
{{- $valuesWhere = printf "%s, kube-state-metrics.customResourceState" $where -}}
{{- else if and (eq (toString (get $node "kind")) "ConfigMap") (kindIs "map" (get $node "data")) -}}
{{- range $key, $value := $node.data -}}
{{- $entryWhere := printf "%s, data[%s]" $where (quote $key) -}}
{{- if kindIs "string" $value -}}
{{- $out := dict -}}
{{- $_ := include "cre.parseDocuments" (dict "text" $value "where" (printf "mapping file %s, %s" $.file $entryWhere) "out" $out) -}}
{{- range $k, $d := $out.docs -}}
{{- $next = append $next (dict "node" $d "where" (printf "%s, document %d" $entryWhere (add1 $k)) "embedded" true) -}}
{{- end -}}
{{- else -}}
{{- $next = append $next (dict "node" $value "where" $entryWhere "embedded" $item.embedded) -}}
{{- end -}}
{{- end -}}
{{- else -}}
{{- fail (printf "mapping file %s, %s: not a mapping file: expected resources (this exporter's format), spec.resources (a kube-state-metrics CustomResourceStateMetrics), customResourceState.config or kube-state-metrics.customResourceState.config (Helm values), or a ConfigMap's data; found keys %s" $.file $where (keys $node | sortAlpha | toJson)) -}}
{{- end -}}
{{- if $valuesWhere -}}
{{- $config := "" -}}
{{- if kindIs "map" $values -}}
{{- $config = get $values "config" -}}
{{- end -}}
{{- if kindIs "map" $config -}}
{{- $next = append $next (dict "node" $config "where" (printf "%s.config" $valuesWhere) "embedded" $item.embedded) -}}
{{- else if and (kindIs "string" $config) $config -}}
{{- $out := dict -}}
{{- $_ := include "cre.parseDocuments" (dict "text" $config "where" (printf "mapping file %s, %s.config" $.file $valuesWhere) "out" $out) -}}
{{- range $k, $d := $out.docs -}}
{{- $next = append $next (dict "node" $d "where" (printf "%s.config, document %d" $valuesWhere (add1 $k)) "embedded" true) -}}
{{- end -}}
{{- else -}}
{{- fail (printf "mapping file %s, %s: needs a config, the CustomResourceStateMetrics configuration as YAML or as a string of YAML" $.file $valuesWhere) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- $pending = $next -}}
{{- end -}}
{{- if $pending -}}
{{- fail (printf "mapping file %s: configurations nested too deeply (%s); give the CustomResourceStateMetrics itself" .file (index $pending 0).where) -}}
{{- end -}}
{{- $_ := set . "entries" $entries -}}
{{- end -}}

{{/*
The mapping files of the release and what they read, as JSON (exact for strings, unlike a YAML
round trip, which drops the final newline of the last block scalar):
  files:  file name -> content (what the ConfigMap holds; empty with config.existingConfigMap)
  access: scope -> API group -> plural -> true, where scope is "" for the whole cluster, else a
          namespace (namespaced mode)
  namespaceSelector: true when a resource selects its namespaces by label, which needs list and
          watch on namespaces
Presets come from presets/<name>.yaml, custom mappings from values. Every document is parsed to
find the resources it maps, in each shape of cre.resourceEntries (plural, or kube-state-metrics'
resourcePlural, as written, else derived from the kind; plural "*" for kind "*", every kind of the
group). In namespaced mode, `namespaces:` is set to .Values.namespaces on each resource that names
none, and the files are written back from the parsed documents; kube-state-metrics resources,
which are read in every namespace, fail the rendering there.
*/}}
{{- define "cre.mappings" -}}
{{- $files := dict -}}
{{- $access := dict -}}
{{- $flags := dict -}}
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
{{- $found := dict "file" $source.name "docs" $docs "entries" list -}}
{{- $_ := include "cre.resourceEntries" $found -}}
{{- range $e := $found.entries -}}
{{- $r := $e.r -}}
{{- $where := printf "mapping file %s, %s" $source.name $e.where -}}
{{- $group := "" -}}
{{- $kind := "" -}}
{{- $version := "" -}}
{{- $plural := "" -}}
{{- if eq $e.format "ksm" -}}
{{- $gvk := $r.groupVersionKind -}}
{{- if not (and (kindIs "map" $gvk) $gvk.kind) -}}
{{- fail (printf "%s: a kube-state-metrics resource needs groupVersionKind with a kind (and group and version)" $where) -}}
{{- end -}}
{{- $group = toString ($gvk.group | default "") -}}
{{- $kind = toString $gvk.kind -}}
{{- $version = toString ($gvk.version | default "") -}}
{{- $plural = toString ($r.resourcePlural | default "") -}}
{{- if $nsMode -}}
{{- fail (printf "%s: the kube-state-metrics resource %s/%s is read in every namespace, which namespaced mode (namespaces: %s) does not grant. Convert the file to this exporter's format (`custom-resource-exporter convert --config FILE`; the chart then sets its namespaces), or leave `namespaces` empty" $where $group $kind (toJson $.Values.namespaces)) -}}
{{- end -}}
{{- else -}}
{{- if not $r.kind -}}
{{- fail (printf "%s: a resource has no kind" $where) -}}
{{- end -}}
{{- $group = toString ($r.group | default "") -}}
{{- $kind = toString $r.kind -}}
{{- $version = toString ($r.version | default "") -}}
{{- $plural = toString ($r.plural | default "") -}}
{{- if $r.namespaceSelector -}}
{{- $_ := set $flags "namespaceSelector" true -}}
{{- end -}}
{{- if and $nsMode (not $r.namespaces) -}}
{{- if $e.embedded -}}
{{- fail (printf "%s: in namespaced mode the chart sets `namespaces` on each resource, which it cannot do inside a string; give this config as YAML rather than a string, or name the resource's namespaces" $where) -}}
{{- end -}}
{{- $_ := set $r "namespaces" $.Values.namespaces -}}
{{- end -}}
{{- end -}}
{{- if eq $kind "*" -}}
{{- if not $group -}}
{{- fail (printf "%s: kind \"*\" reads every custom resource kind of a group, and the core group has none: name a group" $where) -}}
{{- end -}}
{{- $plural = "*" -}}
{{- else if not $plural -}}
{{- $plural = include "cre.defaultPlural" $kind -}}
{{- end -}}
{{- if and (not $.Values.rbac.discoverCRDs) (eq $kind "*") -}}
{{- fail (printf "%s: %s/%s (every kind of the group) is found through the CustomResourceDefinitions, which rbac.discoverCRDs: false does not let the exporter list. Set rbac.discoverCRDs: true" $where $group $kind) -}}
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
{{- toJson (dict "files" $files "access" $access "namespaceSelector" (hasKey $flags "namespaceSelector")) -}}
{{- end -}}

{{/* RBAC rules for one scope of cre.mappings' access: one rule per API group, sorted. */}}
{{- define "cre.rules" -}}
{{- range $group := keys . | sortAlpha }}
- apiGroups: [{{ $group | quote }}]
  {{- $plurals := get $ $group }}
  resources: {{ ternary (list "*") (keys $plurals | sortAlpha) (hasKey $plurals "*") | toJson }}
  verbs: ["get", "list", "watch"]
{{- end -}}
{{- end -}}

{{/* The web configuration file the chart writes, or nothing when /metrics is plain and open. */}}
{{- define "cre.webConfig" -}}
{{- $web := .Values.web -}}
{{- if and $web.tls.enabled (not $web.tls.secretName) -}}
{{- fail "web.tls.enabled needs web.tls.secretName: a kubernetes.io/tls Secret with tls.crt and tls.key" -}}
{{- end -}}
{{- if and $web.kubernetesAuthorization $web.basicAuthUsers -}}
{{- fail "web.kubernetesAuthorization and web.basicAuthUsers: not both" -}}
{{- end -}}
{{- $config := dict -}}
{{- if $web.tls.enabled -}}
{{- $tls := dict "cert_file" "/etc/custom-resource-exporter/tls/tls.crt" "key_file" "/etc/custom-resource-exporter/tls/tls.key" "min_version" $web.tls.minVersion -}}
{{- if ne $web.tls.clientAuthType "NoClientCert" -}}
{{- $_ := set $tls "client_auth_type" $web.tls.clientAuthType -}}
{{- if has $web.tls.clientAuthType (list "VerifyClientCertIfGiven" "RequireAndVerifyClientCert") -}}
{{- $_ := set $tls "client_ca_file" "/etc/custom-resource-exporter/tls/ca.crt" -}}
{{- end -}}
{{- end -}}
{{- $_ := set $config "tls_server_config" $tls -}}
{{- end -}}
{{- with $web.basicAuthUsers -}}
{{- $_ := set $config "basic_auth_users" . -}}
{{- end -}}
{{- if $config -}}
{{- toYaml $config -}}
{{- end -}}
{{- end }}

{{/* The scheme of /metrics and the probes. */}}
{{- define "cre.scheme" -}}
{{- if .Values.web.tls.enabled }}https{{ else }}http{{ end -}}
{{- end }}
