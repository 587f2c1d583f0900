<#-- The proxy on this access node's VIP: S3 (s3api) and the Swift API (tempauth), workers = 0. -->
[DEFAULT]
bind_ip = ${node.access.vip}
bind_port = ${vars.s3_port}
workers = 0
user = ${node.ssh_user}
swift_dir = ${node.qs_root}/etc/swift
log_name = proxy-server
log_level = ${vars.log_level}

[pipeline:main]
pipeline = catch_errors gatekeeper healthcheck proxy-logging cache listing_formats s3api tempauth copy slo dlo proxy-logging proxy-server

[app:proxy-server]
use = egg:swift#proxy
account_autocreate = true

[filter:s3api]
use = egg:swift#s3api
location = ${platform.zone_id}
<#if platform.global_domain?has_content>
storage_domain = ${platform.global_domain}
</#if>

[filter:tempauth]
use = egg:swift#tempauth
user_${vars.s3_account}_${vars.s3_user} = ${secrets.s3_secret_key} .admin .reseller_admin

[filter:cache]
use = egg:swift#memcache
memcache_servers = ${node.ip}:${vars.memcache_port}

[filter:catch_errors]
use = egg:swift#catch_errors

[filter:gatekeeper]
use = egg:swift#gatekeeper

[filter:healthcheck]
use = egg:swift#healthcheck

[filter:proxy-logging]
use = egg:swift#proxy_logging

[filter:listing_formats]
use = egg:swift#listing_formats

[filter:copy]
use = egg:swift#copy

[filter:slo]
use = egg:swift#slo

[filter:dlo]
use = egg:swift#dlo
