"""Says whether an object ring's data sits where the ring puts it, on the live nodes given.

usage: settled.py RING_GZ IP=BRICKS_DIR...

Looks at every object (hash directory with a .data file) under each node's bricks
(BRICKS_DIR/DEVICE/objects/PART/SUFFIX/HASH) and prints "settled N objects" when each one is
on every primary device the ring gives its partition and nowhere else; otherwise what is
missing or misplaced. Exits 0 when settled, 1 otherwise.
"""
import os
import sys

from swift.common.ring import RingData


def main():
    ring = RingData.load(sys.argv[1])
    devs = {d['id']: (d['ip'], d['device']) for d in ring.devs if d}
    bricks = dict(arg.split('=', 1) for arg in sys.argv[2:])
    found = {}  # (part, hash) -> {(ip, device)}
    for ip, root in bricks.items():
        for device in os.listdir(root) if os.path.isdir(root) else []:
            objects = os.path.join(root, device, 'objects')
            for part in os.listdir(objects) if os.path.isdir(objects) else []:
                if not part.isdigit():
                    continue
                for suffix in os.listdir(os.path.join(objects, part)):
                    path = os.path.join(objects, part, suffix)
                    if not os.path.isdir(path):
                        continue
                    for name in os.listdir(path):
                        if any(f.endswith('.data') for f in os.listdir(os.path.join(path, name))):
                            found.setdefault((int(part), name), set()).add((ip, device))
    missing = misplaced = 0
    for (part, _), where in found.items():
        primaries = {devs[r[part]] for r in ring._replica2part2dev_id}
        live = {p for p in primaries if p[0] in bricks}
        missing += len(live - where)
        misplaced += len(where - primaries)
    if missing or misplaced:
        print('not settled: %d copies missing on primaries, %d on handoffs, of %d objects'
              % (missing, misplaced, len(found)))
        return 1
    print('settled %d objects' % len(found))
    return 0


if __name__ == '__main__':
    sys.exit(main())
