<#-- What files/services.py runs on this node, and where. -->
[node]
node_id = ${node.node_id}
ip = ${node.ip}
<#if node.storage??>

[storage]
cluster_id = ${node.storage.cluster_id?c}
erasure_coded = ${(node.storage.vol_type == "ec")?c}
devices = <#list node.storage.devices as d>${d}<#sep> </#list>
brick_count = ${node.storage.brick_count?c}
account_port = ${vars.account_port}
container_port = ${vars.container_port}
object_port = ${vars.object_port}
rsync_port = ${vars.rsync_port}
</#if>
<#if node.access??>

[access]
vip = ${node.access.vip}
s3_port = ${vars.s3_port}
memcache_port = ${vars.memcache_port}
</#if>
