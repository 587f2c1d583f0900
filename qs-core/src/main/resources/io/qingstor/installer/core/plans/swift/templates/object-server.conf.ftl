<#-- The object server and its replicator or reconstructor: one process each, workers = 0, everything under qs_root. -->
[DEFAULT]
bind_ip = ${node.ip}
bind_port = ${vars.object_port}
workers = 0
user = ${node.ssh_user}
swift_dir = ${node.qs_root}/etc/swift
devices = ${node.qs_root}/srv/node
mount_check = false
log_name = object-server
log_level = ${vars.log_level}

[pipeline:main]
pipeline = healthcheck recon object-server

[app:object-server]
use = egg:swift#object

[filter:healthcheck]
use = egg:swift#healthcheck

[filter:recon]
use = egg:swift#recon
recon_cache_path = ${node.qs_root}/cache/swift

[object-replicator]
log_name = object-replicator
concurrency = 1
interval = ${vars.replication_interval}
rsync_module = rsync://{replication_ip}:${vars.rsync_port}/object
recon_cache_path = ${node.qs_root}/cache/swift

[object-reconstructor]
log_name = object-reconstructor
concurrency = 1
interval = ${vars.replication_interval}
recon_cache_path = ${node.qs_root}/cache/swift
