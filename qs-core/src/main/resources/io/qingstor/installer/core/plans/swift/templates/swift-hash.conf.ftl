<#-- The secret half of swift.conf; files/services.py appends the storage policies (policies.conf) to it. -->
[swift-hash]
swift_hash_path_prefix = ${secrets.swift_hash_prefix}
swift_hash_path_suffix = ${secrets.swift_hash_suffix}
