"""Starts, stops and checks this node's Swift services, everything under QS_ROOT.

usage: services.py QS_ROOT start|stop|status|wait-healthy|wait-drained [TIMEOUT_SECONDS]

The services follow from QS_ROOT/etc/swift/node.ini (rendered by the installer): a storage
node runs rsync, the account, container and object servers and their replicators (the object
reconstructor for an erasure-coded cluster); an access node runs memcached and the proxy.
Each runs detached (its own session, stdin from /dev/null, output appended to
QS_ROOT/log/swift/NAME.log) with "PID STARTTIME" in QS_ROOT/run/swift/NAME.pid, so a recycled
pid is never mistaken for it. `start` leaves a running service alone when its command and
input files are unchanged, restarts it when they changed, and starts it when it is down; it
fails, with the service's last log lines, when one it started exits within SETTLE_SECONDS,
and stops the services node.ini no longer lists (a node that lost a role). `wait-drained`
waits until the bricks hold no object, container or account file (a node being removed: the
replicators hand its partitions to their new primaries, then delete them), printing what is
left every PROGRESS_SECONDS; it lists the partition directories every second and counts the
files only when they changed, or for the progress line.
Only the standard library is used: this runs before and beside Swift's own Python.
"""
import configparser
import hashlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request

STOP_GRACE_SECONDS = 15
SETTLE_SECONDS = 2
PROGRESS_SECONDS = 10
# What a brick holds of the store's data: objects (and EC fragments), tombstones, metadata,
# account and container databases. Locks, hashes.pkl and empty directories are bookkeeping.
DATA_SUFFIXES = ('.data', '.ts', '.meta', '.durable', '.db')


class Service:
    def __init__(self, name, argv, inputs, probe=None):
        self.name = name
        self.argv = argv
        self.inputs = inputs
        self.probe = probe  # ('http' | 'tcp', host, port) or None for a daemon without a port

    def digest(self):
        sha = hashlib.sha256('\0'.join(self.argv).encode())
        for path in self.inputs:
            with open(path, 'rb') as f:
                sha.update(f.read())
        return sha.hexdigest()


def swift_python():
    """The interpreter of Swift's own programs: the first line of any of them."""
    for program in ('swift-object-server', 'swift-proxy-server', 'swift-account-server'):
        path = shutil.which(program)
        if path:
            with open(path) as f:
                first = f.readline()
            if first.startswith('#!'):
                return first[2:].strip().split()[0]
    sys.exit('Swift is not installed: no swift-*-server on PATH ' + os.environ.get('PATH', ''))


def node_ini(root):
    ini = configparser.ConfigParser()
    path = os.path.join(root, 'etc', 'swift', 'node.ini')
    if not ini.read(path):
        sys.exit('no %s: deploy this node first' % path)
    return ini


def prepare(root, ini):
    """Writes swift.conf (hash secrets + storage policies) and creates the brick directories."""
    etc = os.path.join(root, 'etc', 'swift')
    parts = [read(os.path.join(etc, name)) for name in ('swift-hash.conf', 'policies.conf')]
    if None in parts:
        sys.exit('%s needs swift-hash.conf and policies.conf: deploy this node first' % etc)
    conf = parts[0] + '\n' + parts[1]
    if read(os.path.join(etc, 'swift.conf')) != conf:
        write(os.path.join(etc, 'swift.conf'), conf, mode=0o600)
        print('wrote %s/swift.conf' % etc)
    for sub in ('cache/swift', 'run/swift', 'log/swift'):
        os.makedirs(os.path.join(root, sub), exist_ok=True)
    if ini.has_section('storage'):
        s = ini['storage']
        # The ring device names follow layout.py's rule: DEVICE-bI for brick I of a block device.
        for device in s['devices'].split():
            for i in range(1, s.getint('brick_count') + 1):
                os.makedirs(os.path.join(root, 'srv', 'node', '%s-b%d' % (device, i)), exist_ok=True)


def services(root, ini):
    etc = os.path.join(root, 'etc', 'swift')
    ip = ini['node']['ip']
    found = []

    def swift(name, program, conf, port=None):
        conf_path = os.path.join(etc, conf)
        argv = [swift_python(), os.path.join(root, 'bin', 'swiftd.py'), etc, program, conf_path, '-v']
        probe = ('http', ip, port) if port else None
        found.append(Service(name, argv, [conf_path, os.path.join(etc, 'swift.conf')], probe))

    if ini.has_section('storage'):
        s = ini['storage']
        rsyncd = os.path.join(etc, 'rsyncd.conf')
        found.append(Service('rsyncd', ['rsync', '--daemon', '--no-detach', '--config=' + rsyncd],
                             [rsyncd], ('tcp', ip, s['rsync_port'])))
        for kind in ('account', 'container', 'object'):
            swift(kind + '-server', 'swift-%s-server' % kind, kind + '-server.conf', s[kind + '_port'])
        swift('account-replicator', 'swift-account-replicator', 'account-server.conf')
        swift('container-replicator', 'swift-container-replicator', 'container-server.conf')
        if s.getboolean('erasure_coded'):
            swift('object-reconstructor', 'swift-object-reconstructor', 'object-server.conf')
        else:
            swift('object-replicator', 'swift-object-replicator', 'object-server.conf')
    if ini.has_section('access'):
        a = ini['access']
        # -P (memcached's own pid file) also puts qs_root in its command line, like every other
        # service's, so what runs for this node can always be told from the process table.
        argv = ['memcached', '-l', ip, '-p', a['memcache_port'], '-U', '0', '-m', '64',
                '-P', os.path.join(root, 'cache', 'swift', 'memcached.pid')]
        if os.geteuid() == 0:
            argv += ['-u', 'root']  # memcached refuses root without naming the user
        found.append(Service('memcached', argv, [], ('tcp', ip, a['memcache_port'])))
        swift('proxy-server', 'swift-proxy-server', 'proxy-server.conf')
        found[-1].probe = ('http', a['vip'], a['s3_port'])
    return found


class Node:
    def __init__(self, root):
        self.root = root
        self.run_dir = os.path.join(root, 'run', 'swift')
        self.log_dir = os.path.join(root, 'log', 'swift')

    def pid_file(self, svc):
        return os.path.join(self.run_dir, svc.name + '.pid')

    def recorded_names(self):
        try:
            names = [f[:-4] for f in os.listdir(self.run_dir) if f.endswith('.pid')]
        except FileNotFoundError:
            return []
        return sorted(names, key=lambda n: (n in ('rsyncd', 'memcached'), n))

    def running_pid(self, svc):
        """The service's pid when the process recorded in its pid file is still that process."""
        try:
            with open(self.pid_file(svc)) as f:
                pid, start = f.read().split()
            return int(pid) if start_time(int(pid)) == start else None
        except (OSError, ValueError):
            return None

    def start(self, svc):
        os.makedirs(self.run_dir, exist_ok=True)
        os.makedirs(self.log_dir, exist_ok=True)
        digest = svc.digest()
        sum_file = os.path.join(self.run_dir, svc.name + '.sum')
        pid = self.running_pid(svc)
        if pid and read(sum_file) == digest:
            print('unchanged %s (pid %d)' % (svc.name, pid))
            return False
        verb = 'started'
        if pid:
            self.stop(svc, quiet=True)
            verb = 'restarted (its configuration changed)'
        with open(os.path.join(self.log_dir, svc.name + '.log'), 'ab') as log:
            child = subprocess.Popen(svc.argv, stdin=subprocess.DEVNULL, stdout=log,
                                     stderr=subprocess.STDOUT, cwd=self.root,
                                     start_new_session=True, close_fds=True)
        write(self.pid_file(svc), '%d %s' % (child.pid, start_time(child.pid)))
        write(sum_file, digest)
        print('%s %s (pid %d)' % (svc.name, verb, child.pid))
        return True

    def stop(self, svc, quiet=False):
        pid = self.running_pid(svc)
        if pid is None:
            if not quiet:
                print('%s not running' % svc.name)
            remove(self.pid_file(svc))
            return
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        while self.running_pid(svc) and time.monotonic() < deadline:
            time.sleep(0.1)
        if self.running_pid(svc):
            os.kill(pid, signal.SIGKILL)
            print('%s did not stop within %ds: killed (pid %d)' % (svc.name, STOP_GRACE_SECONDS, pid))
        elif not quiet:
            print('stopped %s (pid %d)' % (svc.name, pid))
        remove(self.pid_file(svc))

    def log_tail(self, svc, lines=10):
        try:
            with open(os.path.join(self.log_dir, svc.name + '.log'), 'rb') as f:
                f.seek(0, os.SEEK_END)
                f.seek(max(0, f.tell() - 4096))
                return f.read().decode('utf-8', 'replace').splitlines()[-lines:]
        except OSError:
            return []

    def wait_healthy(self, all_services, timeout):
        began = time.monotonic()
        waiting = list(all_services)
        while waiting:
            for svc in list(waiting):
                if self.running_pid(svc) is None:
                    return self.report_unhealthy([svc], 'exited')
                if svc.probe is None or answers(svc.probe):
                    where = '' if svc.probe is None else ' on %s:%s' % svc.probe[1:]
                    print('healthy %s%s after %.1fs' % (svc.name, where, time.monotonic() - began))
                    waiting.remove(svc)
            if waiting and time.monotonic() - began > timeout:
                return self.report_unhealthy(waiting, 'not healthy within %ds' % timeout)
            if waiting:
                time.sleep(0.25)
        return 0

    def report_unhealthy(self, failed, why):
        for svc in failed:
            print('%s %s; last lines of %s/%s.log:' % (svc.name, why, self.log_dir, svc.name),
                  file=sys.stderr)
            for line in self.log_tail(svc):
                print('  ' + line, file=sys.stderr)
        return 1


def data_files(bricks):
    """Brick -> how many data files it still holds."""
    left = {}
    for brick in sorted(os.listdir(bricks)) if os.path.isdir(bricks) else []:
        count = 0
        for top in os.listdir(os.path.join(bricks, brick)):
            if top.startswith(('objects', 'accounts', 'containers')):
                for _, _, files in os.walk(os.path.join(bricks, brick, top)):
                    count += sum(1 for f in files if f.endswith(DATA_SUFFIXES))
        if count:
            left[brick] = count
    return left


def partitions(bricks):
    """The partition directories of every brick with their mtimes: one listing per brick and
    ring, far cheaper than walking every file. A replicator handing a partition over removes
    or changes its directory, so an unchanged result means (nearly always) nothing moved."""
    seen = []
    for brick in sorted(os.listdir(bricks)) if os.path.isdir(bricks) else []:
        for top in sorted(os.listdir(os.path.join(bricks, brick))):
            if top.startswith(('objects', 'accounts', 'containers')):
                try:
                    with os.scandir(os.path.join(bricks, brick, top)) as entries:
                        seen += [(brick, top, e.name, e.stat().st_mtime_ns) for e in entries]
                except FileNotFoundError:
                    pass  # removed meanwhile: the next look sees that
    return sorted(seen)


def wait_drained(root, timeout):
    """Counts the data files (a full walk) when the partitions changed since the last count,
    and at least every PROGRESS_SECONDS (with a progress line): a change deep in a partition
    that leaves its directory as it was is seen then."""
    bricks = os.path.join(root, 'srv', 'node')
    began = time.monotonic()
    shown = None
    counted = None
    walked = None
    while True:
        now = partitions(bricks)
        elapsed = time.monotonic() - began
        due = shown is None or time.monotonic() - shown >= PROGRESS_SECONDS
        if now != counted or due or elapsed > timeout:
            counted = now
            walked = data_files(bricks)
        left = walked
        if not left:
            print('drained: no object, container or account file left under %s after %.0fs'
                  % (bricks, elapsed))
            return 0
        summary = ', '.join('%s %d' % item for item in sorted(left.items()))
        if elapsed > timeout:
            print('still holding data after %ds (%s files): the other storage nodes must be up '
                  'for the replicators to hand it over; see the *-replicator and '
                  'object-reconstructor logs in %s, or remove the node with force: true if its '
                  'data is not needed' % (timeout, summary, os.path.join(root, 'log', 'swift')),
                  file=sys.stderr)
            return 1
        if due:
            print('%.0fs: %d files left to hand over (%s)' % (elapsed, sum(left.values()), summary))
            sys.stdout.flush()
            shown = time.monotonic()
        time.sleep(1)


def answers(probe):
    kind, host, port = probe
    try:
        if kind == 'tcp':
            socket.create_connection((host, int(port)), timeout=2).close()
            return True
        url = 'http://%s:%s/healthcheck' % (host, port)
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def start_time(pid):
    """The process's start time in clock ticks since boot (field 22 of /proc/PID/stat)."""
    try:
        with open('/proc/%d/stat' % pid) as f:
            stat = f.read()
    except OSError:
        return None
    fields = stat[stat.rindex(')') + 2:].split()
    return None if fields[0] == 'Z' else fields[19]


def read(path):
    try:
        with open(path) as f:
            return f.read()
    except OSError:
        return None


def write(path, text, mode=0o644):
    tmp = path + '.tmp'
    with open(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode), 'w') as f:
        f.write(text)
    os.replace(tmp, path)


def remove(path):
    try:
        os.remove(path)
    except FileNotFoundError:
        pass


def main():
    if len(sys.argv) < 3 or sys.argv[2] not in ('start', 'stop', 'status', 'wait-healthy',
                                                 'wait-drained'):
        sys.exit(__doc__)
    root, command = sys.argv[1], sys.argv[2]
    node = Node(root)
    if command == 'wait-drained':
        return wait_drained(root, int(sys.argv[3]) if len(sys.argv) > 3 else 1800)
    if command == 'stop':
        # By pid file alone: works after a partial deploy and for services no longer configured.
        for name in node.recorded_names():
            node.stop(Service(name, [], []))
        return 0
    ini = node_ini(root)
    found = services(root, ini)
    if command == 'start':
        prepare(root, ini)
        configured = {svc.name for svc in found}
        for name in node.recorded_names():
            if name not in configured:
                print('%s is no longer configured here:' % name, end=' ')
                node.stop(Service(name, [], []))
        started = [svc for svc in found if node.start(svc)]
        if started:
            # A bad config or a busy port usually kills a server within a second: say so here,
            # with its log, rather than as a health check timing out later.
            time.sleep(SETTLE_SECONDS)
            crashed = [svc for svc in started if node.running_pid(svc) is None]
            if crashed:
                return node.report_unhealthy(crashed, 'exited right after it started')
    elif command == 'status':
        down = [svc for svc in found if node.running_pid(svc) is None]
        for svc in found:
            pid = node.running_pid(svc)
            print('%s %s' % (svc.name, 'running (pid %d)' % pid if pid else 'stopped'))
        return 1 if down else 0
    else:
        timeout = int(sys.argv[3]) if len(sys.argv) > 3 else 90
        return node.wait_healthy(found, timeout)
    return 0


if __name__ == '__main__':
    sys.exit(main())
