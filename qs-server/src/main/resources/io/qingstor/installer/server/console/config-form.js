// Config: the ConfigQingStor form. Every input carries the path of its request field
// (data-field), so each validation error the server returns shows next to its own field.
// Submitting is a dry run first: the operator sees the errors, or the plan that would run (steps,
// target nodes, env file diff, warnings), and starts the config job from there.
import { call, canOperate, showFieldErrors } from './api.js';
import { el, field, replace, table } from './dom.js';
import { list, number, startJob, text } from './forms.js';

function section(legend, path, ...children) {
  return el('fieldset', { 'data-field': path }, el('legend', {}, legend),
    el('span', { class: 'field-error', 'data-error-for': path }), ...children);
}

function cluster(index) {
  const p = 'storage_nodes[' + index + ']';
  return section('Storage cluster ' + index, p,
    field('Cluster id', p + '.cluster_id', { type: 'number', value: String(index) }),
    field('Volume', p + '.volume', { value: 'vol' + index }),
    field('Volume type', p + '.vol_type', { value: 'replicate' }),
    field('Replica', p + '.replica', { type: 'number', value: '3' }),
    field('Bricks per device', p + '.brick_count', { type: 'number', value: '2' }),
    field('Block device', p + '.block', { placeholder: 'sdb' }),
    field('Storage class', p + '.storage_class', { value: 'standard' }),
    field('Nodes (ids or IPs, comma-separated)', p + '.nodes'));
}

export async function renderConfig(view) {
  if (!canOperate()) {
    replace(view, el('p', { class: 'hint' }, 'Your role may view the platform but not configure it.'));
    return;
  }
  const info = (await call('DescribeQingStor')).qingstor;
  const clusters = el('div', { id: 'clusters' }, cluster(0));
  const addCluster = el('button', { type: 'button', id: 'add-cluster' }, 'Add a storage cluster');
  addCluster.addEventListener('click', () => clusters.append(cluster(clusters.children.length)));
  const message = el('p', { class: 'error', id: 'config-error', role: 'alert' });
  const form = el('form', { id: 'config', novalidate: true },
    el('p', { class: 'hint' }, 'Platform status: ' + info.status
      + '. Submitting validates the config and starts a config job (preflight over SSH, render).'),
    section('Platform (qs_conf)', 'qs_conf',
      field('Firstbox IP', 'qs_conf.firstbox'),
      field('ansible_ssh_pass', 'qs_conf.ansible_ssh_pass', { type: 'password', autocomplete: 'off' }),
      field('Zone id', 'qs_conf.zone_id'), field('IaaS domain', 'qs_conf.iaas_domain'),
      field('Global domain', 'qs_conf.global_domain'),
      field('Networks (CIDRs, comma-separated)', 'qs_conf.qs_network'),
      field('With IaaS', 'qs_conf.with_iaas', { type: 'checkbox' })),
    section('Access nodes', 'access_nodes', section('Intranet', 'access_nodes.intranet',
      field('Interface', 'access_nodes.intranet.interface'),
      field('Nodes (ids or IPs, comma-separated)', 'access_nodes.intranet.nodes'),
      field('VIPs (comma-separated)', 'access_nodes.intranet.vips'),
      field('Bridge VIP', 'access_nodes.intranet.bridge_vip'))),
    section('Storage nodes', 'storage_nodes', clusters, addCluster),
    el('div', { class: 'actions' },
      el('button', { type: 'submit', class: 'primary', id: 'submit-config' }, 'Validate (dry run)')),
    message);
  const plan = el('section', { id: 'config-plan' });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    replace(plan);
    message.textContent = '';
    const request = readConfig(form, clusters.children.length);
    try {
      const answer = await call('ConfigQingStor', { ...request, dry_run: true });
      showFieldErrors(form, { errors: [], message: '' }, message);
      showPlan(plan, answer, () => startJob(message, 'ConfigQingStor', request, form));
    } catch (e) {
      if (e.errors) showFieldErrors(form, e, message);
      else message.textContent = e.message;
    }
  });
  replace(view, el('h2', {}, 'Config'), form, plan);
}

/** The plan a dry run answered, and the button that starts it. */
function showPlan(plan, answer, start) {
  const dry = answer.dry_run || {};
  const warnings = ((dry.warnings || []).length ? dry.warnings : answer.warnings || [])
    .map((w) => w.field + ': ' + w.message);
  const button = el('button', { type: 'button', class: 'primary', id: 'start-config' },
    'Start the config job');
  button.addEventListener('click', () => {
    button.disabled = true;
    start();
  });
  replace(plan, el('h3', {}, 'The plan this config would run'),
    table('config-plan-steps', ['job', 'step', 'name', 'nodes'], (dry.steps || []).map((s) =>
      [s.job_type, s.step, s.name, s.targets])),
    el('h3', {}, 'Env file changes'),
    el('pre', { id: 'config-plan-diff', class: 'log' },
      (dry.env_file_diff || []).length ? dry.env_file_diff.join('\n') : 'no change'),
    warnings.length ? el('ul', { id: 'config-plan-warnings' },
      warnings.map((w) => el('li', { class: 'hint' }, w))) : null,
    el('div', { class: 'actions' }, button));
}

function readConfig(form, clusterCount) {
  const value = (path) => form.querySelector('[data-field="' + CSS.escape(path) + '"]');
  const t = (path) => text(value(path).value);
  const storage = [];
  for (let i = 0; i < clusterCount; i++) {
    const p = 'storage_nodes[' + i + '].';
    storage.push({ cluster_id: number(value(p + 'cluster_id').value), volume: t(p + 'volume'),
      vol_type: t(p + 'vol_type'), replica: number(value(p + 'replica').value), raid: false,
      readonly: false, storage_class: t(p + 'storage_class'),
      brick_count: number(value(p + 'brick_count').value), block: t(p + 'block'),
      nodes: list(value(p + 'nodes').value) });
  }
  return {
    qs_conf: { firstbox: t('qs_conf.firstbox'), ansible_ssh_pass: t('qs_conf.ansible_ssh_pass'),
      zone_id: t('qs_conf.zone_id'), iaas_domain: t('qs_conf.iaas_domain'),
      global_domain: t('qs_conf.global_domain'), qs_network: list(value('qs_conf.qs_network').value),
      with_iaas: value('qs_conf.with_iaas').checked },
    access_nodes: { intranet: { interface: t('access_nodes.intranet.interface'),
      nodes: list(value('access_nodes.intranet.nodes').value),
      vips: list(value('access_nodes.intranet.vips').value),
      bridge_vip: t('access_nodes.intranet.bridge_vip') } },
    storage_nodes: storage,
  };
}
