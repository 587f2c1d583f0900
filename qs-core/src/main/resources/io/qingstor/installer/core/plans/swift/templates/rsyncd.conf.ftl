<#-- The rsync daemon the replicators push to: unprivileged, on the node's own address. -->
address = ${node.ip}
port = ${vars.rsync_port}
# The same file services.py sends rsync's output to: a failure to start shows in one place.
log file = ${node.qs_root}/log/swift/rsyncd.log
use chroot = no
uid = ${node.ssh_user}
max connections = 8
# Replication arrives from any address of the installer's storage network.
hosts allow = *
<#list ["account", "container", "object"] as kind>

[${kind}]
path = ${node.qs_root}/srv/node
read only = false
lock file = ${node.qs_root}/run/swift/rsync-${kind}.lock
</#list>
