"""Turns the platform's storage clusters into Swift storage policies and rings.

usage: layout.py check SPEC_JSON
       layout.py build SPEC_JSON BUILDER_DIR RING_DIR
       layout.py drain SPEC_JSON BUILDER_DIR RING_DIR

SPEC_JSON (rendered by the installer) holds the partition power, the servers' ports and the
storage clusters as configured. `check` validates what Swift needs beyond the installer's own
validation and names the offending field. `build` writes RING_DIR/policies.conf (the storage
policy sections of swift.conf) and the rings, with Swift's RingBuilder API:

- cluster N is storage policy N, named after its volume (`_` becomes `-`, the one character
  Swift refuses), with the alias VOLUME-STORAGE_CLASS; cluster 0 (or the first writable one)
  is the default policy; a readonly cluster is a deprecated policy (no new containers, data
  stays readable and writable in existing ones);
- vol_type replicate: a replication policy with `replica` copies; vol_type ec: an erasure-coded
  policy (liberasurecode_rs_vand) whose k+m comes from EC_LAYOUTS[ec_type];
- each of brick_count bricks on each block device of a node is a ring device DEVICE-bI (a
  directory QS_ROOT/srv/node/DEVICE-bI on the node); the account and container rings span every
  storage node, each cluster has its own object ring (object.ring.gz for policy 0,
  object-N.ring.gz for policy N).

Builders persist in BUILDER_DIR across jobs, so a scale job only adds devices and partitions
move as little as Swift allows. A ring whose devices are all present is not rewritten. `build`
removes the devices of nodes the spec no longer has (and lowers the account and container
replicas when fewer than 3 storage nodes remain).

`drain` is the first half of a scale-in: the devices of nodes the spec no longer has keep their
place in the rings with weight 0, and the rings are rebalanced until those devices hold no
partition. Pushed to every node, these rings make the leaving node's replicators hand each of
its partitions to the new primaries and delete their copy; once it is empty, `build` takes its
devices out. The devices of a node that is gone (force) get the same treatment: the other
copies' replicators then rebuild what it held on the new primaries.
"""
import json
import os
import shutil
import sys

MIN_PART_HOURS = 1
MAX_DRAIN_REBALANCES = 5
# ec_type -> (data fragments k, parity fragments m)
EC_LAYOUTS = {0: (2, 1), 1: (3, 1), 2: (4, 2), 3: (6, 3), 4: (8, 3), 5: (10, 4)}
EC_ALGORITHM = 'liberasurecode_rs_vand'
EC_SEGMENT_BYTES = 1048576


class LayoutError(Exception):
    pass


def policy_name(volume):
    return volume.replace('_', '-')


def brick_devices(cluster):
    return ['%s-b%d' % (device, i) for device in cluster['devices']
            for i in range(1, cluster['brick_count'] + 1)]


def copies(cluster):
    if cluster['vol_type'] == 'ec':
        k, m = EC_LAYOUTS[cluster['ec_type']]
        return k + m
    return cluster['replica']


def check(spec):
    problems = []
    names = {}
    for i, cluster in enumerate(spec['clusters']):
        at = 'storage_nodes[%d]' % i
        if cluster['vol_type'] == 'ec' and cluster['ec_type'] not in EC_LAYOUTS:
            problems.append('%s.ec_type: %s has no Swift layout; use one of %s'
                            % (at, cluster['ec_type'], ', '.join(
                                '%d (%d+%d)' % (t, k, m) for t, (k, m) in sorted(EC_LAYOUTS.items()))))
            continue
        name = policy_name(cluster['volume'])
        if name.lower() in names:
            problems.append('%s.volume: %r is the Swift policy name of storage_nodes[%d] too'
                            % (at, cluster['volume'], names[name.lower()]))
        names.setdefault(name.lower(), i)
        devices = len(brick_devices(cluster)) * len(cluster['nodes'])
        if devices < copies(cluster):
            problems.append('%s.brick_count: %d devices (nodes x block devices x bricks) cannot hold '
                            '%d copies of each object' % (at, devices, copies(cluster)))
    if spec['clusters'] and all(c['readonly'] for c in spec['clusters']):
        problems.append('storage_nodes[0].readonly: every cluster is readonly; Swift needs one '
                        'writable storage policy')
    if problems:
        raise LayoutError('\n'.join(problems))


def policies_conf(spec):
    default = next((c for c in spec['clusters'] if not c['readonly']), None)
    sections = []
    for cluster in spec['clusters']:
        name = policy_name(cluster['volume'])
        lines = ['[storage-policy:%d]' % cluster['cluster_id'], 'name = ' + name,
                 'aliases = %s, %s-%s' % (name, name, policy_name(cluster['storage_class']))]
        if cluster['vol_type'] == 'ec':
            k, m = EC_LAYOUTS[cluster['ec_type']]
            lines += ['policy_type = erasure_coding', 'ec_type = ' + EC_ALGORITHM,
                      'ec_num_data_fragments = %d' % k, 'ec_num_parity_fragments = %d' % m,
                      'ec_object_segment_size = %d' % EC_SEGMENT_BYTES]
        else:
            lines.append('policy_type = replication')
        if cluster is default:
            lines.append('default = yes')
        elif cluster['readonly']:
            lines.append('deprecated = yes')
        sections.append('\n'.join(lines) + '\n')
    return '\n'.join(sections)


def wanted_rings(spec):
    """Ring name -> (replicas, [(ip, port, device)]) as the spec asks."""
    ports = spec['ports']
    storage = [(node['ip'], device) for cluster in spec['clusters']
               for node in cluster['nodes'] for device in brick_devices(cluster)]
    hosts = {ip for ip, _ in storage}
    rings = {kind: (min(3, len(hosts)), [(ip, ports[kind], device) for ip, device in storage])
             for kind in ('account', 'container')}
    for cluster in spec['clusters']:
        name = 'object' if cluster['cluster_id'] == 0 else 'object-%d' % cluster['cluster_id']
        rings[name] = (copies(cluster), [(node['ip'], ports['object'], device)
                                         for node in cluster['nodes'] for device in brick_devices(cluster)])
    return rings


def key(ip, port, device):
    return ip, int(port), device


def absent_devices(builder, devices):
    """The builder's devices the spec no longer has: those of nodes being removed."""
    wanted = {key(*d) for d in devices}
    return [d for d in builder.devs
            if d is not None and key(d['ip'], d['port'], d['device']) not in wanted]


def update_ring(name, replicas, devices, part_power, builder_dir, ring_dir):
    from swift.common.ring import RingBuilder
    builder_file = os.path.join(builder_dir, name + '.builder')
    ring_file = os.path.join(ring_dir, name + '.ring.gz')
    if os.path.exists(builder_file):
        builder = RingBuilder.load(builder_file)
    else:
        builder = RingBuilder(part_power, replicas, MIN_PART_HOURS)
    present = {key(d['ip'], d['port'], d['device']) for d in builder.devs if d is not None}
    missing = [d for d in devices if key(*d) not in present]
    for ip, port, device in missing:
        builder.add_dev({'region': 1, 'zone': 1, 'ip': ip, 'port': int(port), 'device': device,
                         'weight': 100, 'replication_ip': ip, 'replication_port': int(port)})
    gone = absent_devices(builder, devices)
    for d in gone:
        builder.remove_dev(d['id'])
        print('%s ring: removing %s %s (%d partition replicas left on it)'
              % (name, d['ip'], d['device'], d['parts']))
    resize = replicas != builder.replicas
    if resize:
        builder.set_replicas(replicas)
    if not missing and not gone and not resize and os.path.exists(ring_file):
        print('unchanged %s ring: %d devices, %d replicas' % (name, len(present), builder.replicas))
        return
    if missing or gone or resize:
        # A rebalance within min_part_hours of the previous one moves nothing; a scale job may
        # follow the deploy within the hour, and the devices it adds need their partitions now.
        builder.pretend_min_part_hours_passed()
        moved, balance, _ = builder.rebalance()
        builder.validate()
        builder.save(builder_file)
        print('%s %s ring: %d devices added, %d removed, %d partition replicas assigned, balance %.2f'
              % ('rebalanced' if present else 'built', name, len(missing), len(gone), moved, balance))
    builder.get_ring().save(ring_file)


def drain_ring(name, devices, builder_dir, ring_dir):
    """Weight 0 for the devices the spec no longer has, rebalanced until they hold nothing."""
    from swift.common.ring import RingBuilder
    builder_file = os.path.join(builder_dir, name + '.builder')
    if not os.path.exists(builder_file):
        sys.exit('no %s: the rings were never built (deploy first)' % builder_file)
    builder = RingBuilder.load(builder_file)
    leaving = absent_devices(builder, devices)
    if not leaving:
        print('unchanged %s ring: no device leaves it' % name)
        return
    for d in leaving:
        if d['weight']:
            builder.set_dev_weight(d['id'], 0)
    moved_total = 0
    for _ in range(MAX_DRAIN_REBALANCES):
        if not any(d['parts'] for d in leaving):
            break
        builder.pretend_min_part_hours_passed()
        moved, _, _ = builder.rebalance()
        moved_total += moved
    held = sum(d['parts'] for d in leaving)
    if held:
        sys.exit('%s ring: the leaving devices still hold %d partition replicas after %d '
                 'rebalances: the other devices cannot take them all' % (name, held, MAX_DRAIN_REBALANCES))
    builder.validate()
    builder.save(builder_file)
    builder.get_ring().save(os.path.join(ring_dir, name + '.ring.gz'))
    print('drained %s ring: %s at weight 0, holding no partition (%d partition replicas moved)'
          % (name, ', '.join(sorted({'%s %s' % (d['ip'], d['device']) for d in leaving})), moved_total))


def reexec_under_swift_python():
    """Runs this script again with swift-ring-builder's interpreter when Swift is not importable."""
    path = shutil.which('swift-ring-builder')
    if path is None or os.environ.get('QS_LAYOUT_REEXEC'):
        sys.exit('Swift is not importable by %s and swift-ring-builder is not on PATH: install the '
                 'python3-swift package on the installer machine' % sys.executable)
    with open(path) as f:
        python = f.readline()[2:].strip().split()[0]
    os.environ['QS_LAYOUT_REEXEC'] = '1'
    os.execv(python, [python] + sys.argv)


def main():
    if len(sys.argv) < 3 or (sys.argv[1], len(sys.argv)) not in (('check', 3), ('build', 5), ('drain', 5)):
        sys.exit(__doc__)
    with open(sys.argv[2]) as f:
        spec = json.load(f)
    try:
        check(spec)
    except LayoutError as e:
        sys.exit(str(e))
    if sys.argv[1] == 'check':
        for cluster in spec['clusters']:
            print('storage cluster %d: policy %s, %d copies over %d devices'
                  % (cluster['cluster_id'], policy_name(cluster['volume']), copies(cluster),
                     len(brick_devices(cluster)) * len(cluster['nodes'])))
        return
    try:
        import swift.common.ring  # noqa: F401
    except ImportError:
        reexec_under_swift_python()
    builder_dir, ring_dir = sys.argv[3:]
    os.makedirs(builder_dir, exist_ok=True)
    os.makedirs(ring_dir, exist_ok=True)
    for name, (replicas, devices) in sorted(wanted_rings(spec).items()):
        if sys.argv[1] == 'drain':
            drain_ring(name, devices, builder_dir, ring_dir)
        else:
            update_ring(name, replicas, devices, spec['part_power'], builder_dir, ring_dir)
    if sys.argv[1] == 'drain':
        return
    conf = policies_conf(spec)
    path = os.path.join(ring_dir, 'policies.conf')
    with open(path + '.tmp', 'w') as f:
        f.write(conf)
    os.replace(path + '.tmp', path)


if __name__ == '__main__':
    main()
