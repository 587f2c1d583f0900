# The QingStor installer's stdout callback: one JSON object per line for each play, task
# result and the final recap, read by the installer while the playbook runs (see
# io.qingstor.installer.core.ansible.AnsibleEvents). Nothing else is written to stdout.
from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import sys

from ansible.plugins.callback import CallbackBase

DOCUMENTATION = '''
    name: qs_jsonl
    type: stdout
    short_description: JSON lines for the QingStor installer
    description: One JSON object per line for each play, task result and the play recap.
'''

HIDDEN = 'the output has been hidden due to the fact that no_log: true was specified for this result'


def _lines(result, key):
    value = result.get(key + '_lines')
    if isinstance(value, list):
        return [str(v) for v in value]
    value = result.get(key)
    if isinstance(value, str) and value:
        return value.splitlines()
    return []


def _count(blocks):
    count = 0
    for block in blocks:
        for task in list(getattr(block, 'block', None) or []) + list(getattr(block, 'always', None) or []):
            if hasattr(task, 'block'):
                count += _count([task])
            elif getattr(task, 'action', None) != 'meta':
                count += 1
    return count


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'stdout'
    CALLBACK_NAME = 'qs_jsonl'

    def _emit(self, event, **fields):
        fields['qs_event'] = event
        sys.stdout.write(json.dumps(fields, default=str, sort_keys=True) + '\n')
        sys.stdout.flush()

    def v2_playbook_on_play_start(self, play):
        hosts = []
        tasks = 0
        try:
            hosts = [h.get_name() for h in play.get_variable_manager()._inventory.get_hosts(play.hosts)]
            tasks = _count(play.compile())
        except Exception:  # progress is an estimate: never fail a play for it
            pass
        self._emit('play', name=play.get_name(), hosts=hosts, tasks=tasks)

    def v2_playbook_on_no_hosts_matched(self):
        self._emit('notice', msg='no hosts matched this play')

    def _result(self, status, result, item=False, ignored=False):
        r = result._result
        fields = dict(host=result._host.get_name(), task=result._task.get_name(), status=status,
                      item=item, ignored=ignored)
        if r.get('_ansible_no_log'):
            fields['msg'] = HIDDEN
        else:
            msg = r.get('msg')
            if msg is None and status == 'failed':
                msg = r.get('module_stderr') or r.get('exception')
            if msg is not None:
                fields['msg'] = msg if isinstance(msg, str) else json.dumps(msg, default=str)
            if item:
                fields['label'] = str(self._get_item_label(r))
            fields['stdout'] = _lines(r, 'stdout')
            fields['stderr'] = _lines(r, 'stderr')
            if 'rc' in r:
                fields['rc'] = r['rc']
        self._emit('task', **fields)

    def v2_runner_on_ok(self, result):
        self._result('changed' if result._result.get('changed') else 'ok', result)

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._result("failed", result, ignored=bool(ignore_errors))

    def v2_runner_on_unreachable(self, result):
        self._result('unreachable', result)

    def v2_runner_on_skipped(self, result):
        self._result('skipped', result)

    def v2_runner_item_on_ok(self, result):
        self._result('changed' if result._result.get('changed') else 'ok', result, item=True)

    def v2_runner_item_on_failed(self, result):
        self._result('failed', result, item=True)

    def v2_runner_item_on_skipped(self, result):
        self._result('skipped', result, item=True)

    def v2_playbook_on_stats(self, stats):
        self._emit('stats', hosts=dict((h, stats.summarize(h)) for h in sorted(stats.processed)))
