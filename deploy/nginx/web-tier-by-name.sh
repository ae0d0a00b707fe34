#!/bin/sh
# docker-compose.yml's balancer, before nginx starts (the nginx image runs /docker-entrypoint.d/*.sh):
# web-tier replicas come and go with new addresses (--scale, a recreated container), so requests go to
# the name BALANCER_WEB_TIER (host:port), looked up again every BALANCER_DNS_VALID (5s) through the
# container network's DNS server. That is the first nameserver of /etc/resolv.conf (Docker's 127.0.0.11,
# podman's aardvark-dns); any other there is the host's, which does not know the compose services.
set -eu
resolver="$(awk '$1 == "nameserver" { print ($2 ~ ":") ? "[" $2 "]" : $2; exit }' /etc/resolv.conf)"
mkdir -p /etc/nginx/balancer.d
cat >/etc/nginx/balancer.d/web-tier.conf <<CONF
resolver $resolver valid=${BALANCER_DNS_VALID:-5s} ipv6=off;
set \$web_tier ${BALANCER_WEB_TIER:?BALANCER_WEB_TIER names the web tier, host:port};
CONF
