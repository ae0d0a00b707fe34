#!/bin/bash
# The official image's start: before nginx, each /docker-entrypoint.d/ script in order (*.envsh sourced
# so what it exports reaches the next ones, *.sh run); any other command runs as given.
set -e
if [[ "${1:-}" == nginx || "${1:-}" == nginx-debug ]]; then
  for script in $(find /docker-entrypoint.d/ -follow -type f -print | sort -V); do
    case "$script" in
      *.envsh) [[ -x "$script" ]] && . "$script" ;;
      *.sh) [[ -x "$script" ]] && "$script" ;;
    esac
  done
fi
exec "$@"
