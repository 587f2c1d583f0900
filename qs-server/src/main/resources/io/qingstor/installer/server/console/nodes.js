// Nodes: the inventory with hardware facts; AddNodes and CollectNodes for operators.
import { call, canOperate, showFieldErrors } from './api.js';
import { el, field, replace, status, table } from './dom.js';
import { number, startJob, text } from './forms.js';

const GIB = 1024 * 1024 * 1024;

export async function renderNodes(view) {
  const nodes = (await call('DescribeNodes')).nodes;
  replace(view,
    el('h2', {}, 'Nodes'),
    canOperate() ? collect(nodes.length) : null,
    table('nodes', ['Node', 'IP', 'SSH', 'Status', 'Roles', 'Hostname', 'OS', 'Kernel', 'CPUs',
      'Memory', 'Block devices', 'Interfaces'], nodes.map(row)),
    canOperate() ? addForm(view) : null);
}

function row(node) {
  const facts = node.facts || {};
  return [node.node_id, node.ip, node.ssh_user + '@' + node.ssh_port, status(node.status),
    node.roles, facts.hostname, facts.os, facts.kernel, facts.cpus,
    facts.memory_bytes ? (facts.memory_bytes / GIB).toFixed(1) + ' GiB' : null,
    (facts.block_devices || []).map((d) => d.name + ' ' + (d.size_bytes / GIB).toFixed(0) + 'G'
      + (d.mounted ? ' (mounted)' : '')),
    (facts.interfaces || []).map((i) => i.name + ' ' + i.addresses.join(' '))];
}

function collect(count) {
  const message = el('p', { class: 'error' });
  const button = el('button', { type: 'button', class: 'primary', id: 'collect-nodes',
    disabled: count === 0 }, 'Collect hardware facts');
  button.addEventListener('click', () => startJob(message, 'CollectNodes', {}));
  return el('div', { class: 'actions' }, button, message);
}

function addForm(view) {
  const message = el('p', { class: 'error', id: 'add-nodes-error' });
  const n = 'nodes[0]';
  const form = el('form', { id: 'add-nodes' }, el('h3', {}, 'Add a node'),
    field('IP address', n + '.ip'), field('Node id (optional)', n + '.node_id'),
    field('SSH port', n + '.ssh_port', { type: 'number', value: '22' }),
    field('SSH user', n + '.ssh_user', { value: 'root' }),
    field('SSH password', n + '.ssh_password', { type: 'password', autocomplete: 'off' }),
    field('qs_root', n + '.vars', { placeholder: '/opt/qingstor' }),
    el('button', { type: 'submit', class: 'primary', id: 'add-node' }, 'Add node'), message);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = (name) => form.querySelector('[data-field="' + n + '.' + name + '"]').value;
    const root = text(value('vars'));
    try {
      await call('AddNodes', { nodes: [{ ip: text(value('ip')), node_id: text(value('node_id')),
        ssh_port: number(value('ssh_port')), ssh_user: text(value('ssh_user')),
        ssh_password: value('ssh_password') || undefined,
        vars: root ? { qs_root: root } : undefined }] });
      await renderNodes(view);
    } catch (e) {
      showFieldErrors(form, e, message);
    }
  });
  return form;
}
