#!/bin/bash
# Container health check without curl (the runtime base image has bash, not curl):
# asks the service's own health endpoint, /q/health/<live|ready|started> on its management port
# (MANAGEMENT_PORT; the public HTTP_PORT answers 404 there), and succeeds on HTTP 200.
set -euo pipefail
check="${1:-ready}"
exec 3<>"/dev/tcp/127.0.0.1/${MANAGEMENT_PORT}"
printf 'GET /q/health/%s HTTP/1.0\r\nHost: localhost\r\n\r\n' "$check" >&3
read -r -t 3 _ status _ <&3
[ "$status" = "200" ]
