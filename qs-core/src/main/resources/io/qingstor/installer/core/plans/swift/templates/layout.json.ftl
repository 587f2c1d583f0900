<#-- The ring spec read by files/layout.py on the installer machine: the storage clusters as configured. -->
{
  "part_power": ${vars.part_power},
  "ports": {"account": ${vars.account_port}, "container": ${vars.container_port}, "object": ${vars.object_port}},
  "clusters": [
<#list platform.storage_clusters as c>
    {
      "cluster_id": ${c.cluster_id?c},
      "volume": "${c.volume?json_string}",
      "vol_type": "${c.vol_type?json_string}",
      "replica": ${(c.replica!0)?c},
      "ec_type": ${(c.ec_type!0)?c},
      "storage_class": "${c.storage_class?json_string}",
      "readonly": ${c.readonly?c},
      "brick_count": ${c.brick_count?c},
      "devices": [<#list c.devices as d>"${d?json_string}"<#sep>, </#list>],
      "nodes": [<#list c.nodes as n>{"node_id": "${n.node_id?json_string}", "ip": "${n.ip?json_string}"}<#sep>, </#list>]
    }<#sep>,</#sep>
</#list>
  ]
}
