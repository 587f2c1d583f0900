<#-- The account server and its replicator: one process each, workers = 0, everything under qs_root. -->
[DEFAULT]
bind_ip = ${node.ip}
bind_port = ${vars.account_port}
workers = 0
user = ${node.ssh_user}
swift_dir = ${node.qs_root}/etc/swift
devices = ${node.qs_root}/srv/node
mount_check = false
log_name = account-server
log_level = ${vars.log_level}

[pipeline:main]
pipeline = healthcheck recon account-server

[app:account-server]
use = egg:swift#account

[filter:healthcheck]
use = egg:swift#healthcheck

[filter:recon]
use = egg:swift#recon
recon_cache_path = ${node.qs_root}/cache/swift

[account-replicator]
log_name = account-replicator
concurrency = 1
interval = ${vars.replication_interval}
rsync_module = rsync://{replication_ip}:${vars.rsync_port}/account
recon_cache_path = ${node.qs_root}/cache/swift
