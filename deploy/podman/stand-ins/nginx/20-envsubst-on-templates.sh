#!/bin/bash
# Each /etc/nginx/templates/**/X.template becomes /etc/nginx/conf.d/**/X with the defined environment
# variables filled in; every other $name (nginx's own variables) is left alone.
set -e
templates="${NGINX_ENVSUBST_TEMPLATE_DIR:-/etc/nginx/templates}"
suffix="${NGINX_ENVSUBST_TEMPLATE_SUFFIX:-.template}"
output="${NGINX_ENVSUBST_OUTPUT_DIR:-/etc/nginx/conf.d}"
[[ -d "$templates" ]] || exit 0
defined="$(printf '${%s} ' $(env | cut -d= -f1))"
find "$templates" -follow -type f -name "*$suffix" -print | while read -r template; do
  relative="${template#"$templates"/}"
  target="$output/${relative%"$suffix"}"
  mkdir -p "$(dirname "$target")"
  envsubst "$defined" <"$template" >"$target"
done
