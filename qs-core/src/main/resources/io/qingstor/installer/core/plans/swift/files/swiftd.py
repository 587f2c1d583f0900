"""Runs one Swift server or daemon with swift.conf read from SWIFT_DIR instead of /etc/swift.

usage: swiftd.py SWIFT_DIR PROGRAM CONF [ARGS...]

Swift reads swift.conf (hash path prefix and suffix, storage policies, constraints) from a
path fixed in swift.common.utils; a server's swift_dir option only moves the rings. Setting
that module-level path before the server's main runs keeps every node's configuration under
its qs_root, so an unprivileged user can run several nodes on one machine. Runs under the
Python interpreter of Swift's own programs (services.py takes it from their first line).
"""
import os
import runpy
import shutil
import sys


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    swift_dir, program = sys.argv[1], sys.argv[2]
    path = shutil.which(program)
    if path is None:
        sys.exit('%s: not found on PATH %s' % (program, os.environ.get('PATH', '')))

    from swift.common import utils
    utils.SWIFT_CONF_FILE = os.path.join(swift_dir, 'swift.conf')
    utils.HASH_PATH_PREFIX = utils.HASH_PATH_SUFFIX = b''
    utils.validate_hash_conf()
    from swift.common import constraints, storage_policy
    constraints.reload_constraints()
    storage_policy.reload_storage_policies()

    sys.argv = [path] + sys.argv[3:]
    runpy.run_path(path, run_name='__main__')


if __name__ == '__main__':
    main()
