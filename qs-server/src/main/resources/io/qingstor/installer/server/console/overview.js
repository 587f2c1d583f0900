// Overview: platform status, hosts, storage clusters, endpoints; deploy and scale for operators.
import { call, canOperate } from './api.js';
import { list, number, startJob } from './forms.js';
import { el, field, pairs, replace, status, table } from './dom.js';

const DEPLOYABLE = ['configured', 'deploy_failed'];
const SCALABLE = ['running', 'scale_failed'];

export async function renderOverview(view) {
  const info = (await call('DescribeQingStor')).qingstor;
  const platform = info.platform_info || {};
  replace(view,
    el('h2', {}, 'Overview'),
    el('section', { class: 'card' },
      pairs('platform', [
        ['Status', status(info.status)], ['Previous status', info.pre_status],
        ['Deployed', info.is_deployed === 1 ? 'yes' : 'no'], ['Zone', platform.zone_id],
        ['Config version', platform.config_version], ['Updated', info.update_time]]),
      canOperate() ? actions(info.status) : null),
    el('h3', {}, 'Hosts'),
    table('hosts', ['Node', 'Hostname', 'IP', 'Roles', 'Status'],
      info.hosts.map((h) => [h.node_id, h.hostname, h.ip, h.roles, status(h.status)])),
    el('h3', {}, 'Storage clusters'),
    table('clusters', ['Cluster', 'Volume', 'Type', 'Replica', 'Bricks', 'Nodes', 'Class'],
      (platform.storage_clusters || []).map((c) => [c.cluster_id, c.volume, c.vol_type,
        c.replica, c.brick_count, c.node_count, c.storage_class])),
    el('h3', {}, 'Endpoints'),
    pairs('endpoints', [['Global domain', platform.global_domain], ['Firstbox', platform.firstbox],
      ['Intranet VIPs', platform.intranet_vips], ['Bridge VIP', platform.bridge_vip],
      ['External VIPs', platform.external_vips], ['Networks', platform.qs_network]]),
    canOperate() && SCALABLE.includes(info.status) ? scaleForms() : null);
}

function actions(platformStatus) {
  const message = el('p', { class: 'error', id: 'deploy-error' });
  const deploy = el('button', { type: 'button', class: 'primary', id: 'deploy',
    disabled: !DEPLOYABLE.includes(platformStatus) }, 'Deploy');
  deploy.addEventListener('click', () => startJob(message, 'DeployQingStor', {}));
  return el('div', {}, el('div', { class: 'actions' }, deploy,
    DEPLOYABLE.includes(platformStatus) ? null
      : el('span', { class: 'hint' }, 'Deploy needs a configured platform (status configured or deploy_failed).')),
  message);
}

function scaleForms() {
  const accessMessage = el('p', { class: 'error' });
  const access = el('form', { id: 'scale-access' }, el('h3', {}, 'Scale out access'),
    field('Node id', 'node_ids[0].node_id'), field('VIP', 'node_ids[0].vip'),
    el('button', { type: 'submit', class: 'primary' }, 'Add access node'), accessMessage);
  access.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = (path) => access.querySelector('[data-field="' + path + '"]').value.trim();
    startJob(accessMessage, 'ScaleQingStorAccess', { node_ids: [
      { node_id: value('node_ids[0].node_id'), vip: value('node_ids[0].vip') }] }, access);
  });
  const storageMessage = el('p', { class: 'error' });
  const p = 'storage_nodes[0]';
  const storage = el('form', { id: 'scale-storage' }, el('h3', {}, 'Scale out storage'),
    field('Cluster id', p + '.cluster_id', { type: 'number' }), field('Volume', p + '.volume'),
    field('Volume type', p + '.vol_type', { value: 'replicate' }),
    field('Replica', p + '.replica', { type: 'number', value: '3' }),
    field('Bricks per device', p + '.brick_count', { type: 'number', value: '2' }),
    field('Block device', p + '.block'), field('Storage class', p + '.storage_class', { value: 'standard' }),
    field('Nodes (comma-separated)', p + '.nodes'),
    el('button', { type: 'submit', class: 'primary' }, 'Add storage'), storageMessage);
  storage.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = (name) => storage.querySelector('[data-field="' + p + '.' + name + '"]').value.trim();
    startJob(storageMessage, 'ScaleQingStorStorage', { storage_nodes: [{
      cluster_id: number(value('cluster_id')), volume: value('volume') || undefined,
      vol_type: value('vol_type') || undefined, replica: number(value('replica')), raid: false,
      readonly: false, storage_class: value('storage_class') || undefined,
      brick_count: number(value('brick_count')), block: value('block') || undefined,
      nodes: list(value('nodes')) }] }, storage);
  });
  return el('div', {}, access, storage);
}
