{{/* The exporter's pod, for the Deployment or, when sharded, the StatefulSet. */}}
{{- define "cre.podTemplate" -}}
{{- $m := include "cre.mappings" . | fromJson -}}
metadata:
  labels:
    {{- include "cre.labels" . | nindent 4 }}
    {{- with .Values.podLabels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  {{- $rollOnChange := and (not .Values.config.hotReload) (not .Values.config.existingConfigMap) }}
  {{- if or $rollOnChange .Values.podAnnotations }}
  annotations:
    {{- if $rollOnChange }}
    checksum/config: {{ toJson $m.files | sha256sum }}
    {{- end }}
    {{- with .Values.podAnnotations }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  {{- end }}
spec:
  serviceAccountName: {{ include "cre.serviceAccountName" . }}
  automountServiceAccountToken: {{ .Values.serviceAccount.automountServiceAccountToken }}
  {{- with .Values.imagePullSecrets }}
  imagePullSecrets:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with .Values.priorityClassName }}
  priorityClassName: {{ . }}
  {{- end }}
  securityContext:
    {{- toYaml .Values.podSecurityContext | nindent 4 }}
  containers:
    - name: exporter
      image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"
      imagePullPolicy: {{ .Values.image.pullPolicy }}
      args:
        - serve
        - --config
        - {{ .Values.config.mountPath | quote }}
        - --port
        - {{ .Values.port | quote }}
        {{- if include "cre.webConfig" . }}
        - --web-config-file
        - /etc/custom-resource-exporter/web/web.yaml
        {{- end }}
        {{- if .Values.web.kubernetesAuthorization }}
        - --kubernetes-authorization
        {{- end }}
        {{- if .Values.sharding.enabled }}
        # the shard is this pod's ordinal; the total, its StatefulSet's replicas
        - --pod=$(POD_NAME)
        - --pod-namespace=$(POD_NAMESPACE)
        {{- end }}
        {{- with .Values.seriesLimits }}
        {{- if .maxSeries }}
        - --max-series={{ .maxSeries | int64 }}
        {{- end }}
        {{- if .maxSeriesPerMetric }}
        - --max-series-per-metric={{ .maxSeriesPerMetric | int64 }}
        {{- end }}
        {{- if .maxLabelValueLength }}
        - --max-label-value-length={{ .maxLabelValueLength | int64 }}
        {{- end }}
        {{- end }}
        {{- range .Values.extraArgs }}
        - {{ . | quote }}
        {{- end }}
      ports:
        - name: http
          containerPort: {{ .Values.port }}
          protocol: TCP
      {{- $certRequired := and .Values.web.tls.enabled (has .Values.web.tls.clientAuthType (list "RequireAnyClientCert" "RequireAndVerifyClientCert")) }}
      livenessProbe:
        {{- if $certRequired }}
        # the kubelet has no client certificate to present
        tcpSocket:
          port: http
        {{- else }}
        httpGet:
          path: /healthz
          port: http
          scheme: {{ include "cre.scheme" . | upper }}
        {{- end }}
        {{- toYaml .Values.livenessProbe | nindent 8 }}
      readinessProbe:
        {{- if $certRequired }}
        tcpSocket:
          port: http
        {{- else }}
        httpGet:
          path: /readyz
          port: http
          scheme: {{ include "cre.scheme" . | upper }}
        {{- end }}
        {{- toYaml .Values.readinessProbe | nindent 8 }}
      {{- if or .Values.env .Values.sharding.enabled }}
      env:
        {{- if .Values.sharding.enabled }}
        - name: POD_NAME
          valueFrom:
            fieldRef:
              fieldPath: metadata.name
        - name: POD_NAMESPACE
          valueFrom:
            fieldRef:
              fieldPath: metadata.namespace
        {{- end }}
        {{- with .Values.env }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      {{- end }}
      {{- with .Values.resources }}
      resources:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      securityContext:
        {{- toYaml .Values.securityContext | nindent 8 }}
      volumeMounts:
        - name: mappings
          mountPath: {{ .Values.config.mountPath }}
          readOnly: true
        - name: tmp
          mountPath: /tmp
        {{- if include "cre.webConfig" . }}
        - name: web-config
          mountPath: /etc/custom-resource-exporter/web
          readOnly: true
        {{- end }}
        {{- if .Values.web.tls.enabled }}
        # a directory, not subPath: renewed certificates reach the running exporter
        - name: tls
          mountPath: /etc/custom-resource-exporter/tls
          readOnly: true
        {{- end }}
  volumes:
    # mounted as a directory (no subPath), so that ConfigMap updates reach the running exporter
    - name: mappings
      configMap:
        name: {{ include "cre.configMapName" . }}
    - name: tmp
      emptyDir: {}
    {{- if include "cre.webConfig" . }}
    - name: web-config
      secret:
        secretName: {{ include "cre.fullname" . }}-web
    {{- end }}
    {{- if .Values.web.tls.enabled }}
    - name: tls
      secret:
        secretName: {{ .Values.web.tls.secretName }}
    {{- end }}
  {{- with .Values.nodeSelector }}
  nodeSelector:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with .Values.affinity }}
  affinity:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with .Values.tolerations }}
  tolerations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with .Values.topologySpreadConstraints }}
  topologySpreadConstraints:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end }}
