// Jobs: the list, and one job's page: status, step progress, the step's nodes and its live
// log, per node.
import { call, canOperate } from './api.js';
import { el, pairs, replace, status, table } from './dom.js';

// Each job type's family: its status and log actions. Collect jobs have no status action.
const CONFIG_FAMILY = { status: 'GetConfigQingStorStatus', log: 'GetConfigQingStorLog' };
const DEPLOY_FAMILY = { status: 'GetDeployQingStorStatus', log: 'GetDeployQingStorLog' };
const FAMILIES = { config: CONFIG_FAMILY, deploy: DEPLOY_FAMILY, scale_access: DEPLOY_FAMILY,
  scale_storage: DEPLOY_FAMILY, scale_in_access: DEPLOY_FAMILY, scale_in_storage: DEPLOY_FAMILY };
const POLL_MILLIS = 1000;
const ALL = '';

export async function renderJobs(view) {
  const jobs = (await call('DescribeJobs', { limit: 100 })).jobs;
  replace(view, el('h2', {}, 'Jobs'),
    table('jobs', ['Job', 'Type', 'Status', 'Progress', 'Step', 'Created', 'Error'],
      jobs.map((j) => [el('a', { href: '#/jobs/' + j.job_id }, j.job_id), j.job_type,
        status(j.status), j.progress == null ? null : j.progress + '%', j.step_title,
        j.create_time, j.error])));
}

function isFinal(jobStatus) {
  return jobStatus === 'successful' || jobStatus === 'failed';
}

function seconds(value) {
  if (value == null) return null;
  return value >= 60 ? Math.floor(value / 60) + 'm' + String(value % 60).padStart(2, '0') + 's'
    : value + 's';
}

function stepIndex(jobStatus) {
  const match = /^step(\d+)$/.exec(jobStatus || '');
  return match ? Number(match[1]) : null;
}

/** One job's page; returns the function that stops its polling. */
export async function renderJob(view, jobId) {
  const page = new JobPage(view, jobId);
  await page.poll();
  return () => page.stop();
}

class JobPage {
  constructor(view, jobId) {
    this.jobId = jobId;
    this.stopped = false;
    this.timer = null;
    this.readStep = 0;
    this.offsets = {};
    this.steps = {};
    this.nodes = new Map();
    this.summary = el('div', { id: 'job-summary' });
    this.progress = el('progress', { id: 'job-progress', max: '100', value: '0' });
    this.stepList = el('ol', { class: 'steps', id: 'job-steps', start: '0' });
    this.error = el('p', { class: 'error', id: 'job-error' });
    this.warnings = el('ul', { class: 'warnings', id: 'job-warnings', hidden: true });
    this.stepNodes = el('section', { id: 'job-step-nodes', hidden: true });
    this.nodeFilter = el('select', { id: 'log-node' }, el('option', { value: ALL }, 'All nodes'));
    this.nodeFilter.addEventListener('change', () => this.filter());
    this.log = el('div', { class: 'log', id: 'job-log', 'aria-live': 'polite' });
    this.cancel = el('button', { type: 'button', id: 'cancel-job', hidden: true }, 'Cancel job');
    this.cancel.addEventListener('click', () => call('CancelJob', { job_id: jobId })
      .catch((e) => { this.error.textContent = e.message; }));
    replace(view, el('h2', {}, 'Job ', el('span', { id: 'job-id' }, jobId)),
      el('section', { class: 'card' }, this.summary, el('p', {}, this.progress, ' ',
        el('span', { id: 'job-percent' })), this.cancel, this.error, this.warnings),
      el('h3', {}, 'Steps'), this.stepList, this.stepNodes,
      el('h3', {}, 'Log ', el('label', {}, 'Node ', this.nodeFilter)), this.log);
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  async poll() {
    if (this.stopped) return;
    try {
      const job = await this.status();
      this.show(job);
      await this.readLog(job);
      this.error.textContent = job.error || '';
      if (isFinal(job.status)) return;
    } catch (e) {
      this.error.textContent = e.message;
    }
    this.timer = setTimeout(() => this.poll(), POLL_MILLIS);
  }

  /** The job's status: with its nodes, elapsed time and ETA where its family has a status action. */
  async status() {
    if (!this.statusAction) {
      const listed = (await call('DescribeJobs', { job_ids: [this.jobId] })).jobs[0];
      if (!listed) throw new Error('no job ' + this.jobId);
      this.statusAction = (FAMILIES[listed.job_type] || {}).status;
      if (!this.statusAction) return listed;
    }
    return call(this.statusAction, { job_id: this.jobId });
  }

  show(job) {
    replace(this.summary, pairs('job', [['Type', job.job_type], ['Status', status(job.status)],
      ['Step', job.step_title], ['Started', job.start_time], ['Ended', job.end_time],
      ['Elapsed', seconds(job.elapsed_seconds)], ['ETA', seconds(job.eta_seconds)],
      ['Went on without', job.failed_nodes]]));
    this.showNodes(job);
    this.showWarnings(job);
    this.summary.querySelector('dl').setAttribute('data-status', job.status);
    this.progress.value = job.progress || 0;
    document.getElementById('job-percent').textContent = (job.progress || 0) + '%';
    this.cancel.hidden = !canOperate() || isFinal(job.status);
    const current = stepIndex(job.status);
    const items = [];
    for (let i = 0; i < (job.total_steps || 0); i++) {
      const step = this.steps[i];
      const state = step ? step.status : (current !== null && i < current ? 'successful' : 'waiting');
      items.push(el('li', { 'data-step': i }, (step && step.title ? step.title : 'step' + i) + ' - ',
        status(state), step ? ' (' + step.total + ' lines)' : null));
    }
    replace(this.stepList, items);
  }

  /** Why the job went on without some nodes (a step's failure budget), successful or not. */
  showWarnings(job) {
    const warnings = job.warnings || [];
    this.warnings.hidden = warnings.length === 0;
    replace(this.warnings, warnings.map((w) => el('li', { class: 'warning' }, 'warning: ' + w)));
  }

  /** The running or failed step's nodes, failed first, with how many the server left out. */
  showNodes(job) {
    const nodes = job.nodes || [];
    this.stepNodes.hidden = nodes.length === 0;
    if (nodes.length === 0) return;
    const counts = Object.entries(job.node_counts || {}).map(([s, n]) => n + ' ' + s).join(', ');
    const total = job.node_total || 0;
    replace(this.stepNodes, el('h3', {}, 'Nodes of ' + nodes[0].step),
      el('p', { id: 'job-node-counts' }, counts,
        total > nodes.length ? ' (the first ' + nodes.length + ' shown)' : null),
      table('job-nodes', ['Node', 'Status', 'Reason', 'Error', 'What to do'],
        nodes.map((n) => [n.node_id, status(n.status), n.reason, n.error, n.hint])));
  }

  /** Reads new lines of every step up to the running one (or the last, once finished). */
  async readLog(job) {
    const action = (FAMILIES[job.job_type] || {}).log;
    const through = isFinal(job.status) ? stepIndex(job.pre_status) : stepIndex(job.status);
    if (!action || through === null) return;
    for (let k = this.readStep; k <= through; k++) {
      for (;;) {
        const answer = await call(action, { job_id: this.jobId, job_status: 'step' + k,
          offset: this.offsets[k] || 0, limit: 1000 });
        const step = answer.log['step' + k];
        if (!step) break;
        this.steps[k] = { title: step.title, status: step.status, total: step.total_lines };
        this.append(step.lines);
        this.offsets[k] = step.next_offset;
        if (step.next_offset >= step.total_lines) break;
      }
      if (k < through) this.readStep = k + 1;
    }
    this.show(job);
  }

  append(lines) {
    if (lines.length === 0) return;
    const follow = this.log.scrollTop + this.log.clientHeight >= this.log.scrollHeight - 8;
    for (const line of lines) {
      const node = line.node || 'installer';
      this.count(node);
      const row = el('div', { class: 'line ' + line.stream, 'data-node': node },
        el('span', { class: 'node' }, node), el('span', { class: 'text' }, line.text));
      if (this.nodeFilter.value !== ALL && this.nodeFilter.value !== node) row.classList.add('hidden');
      this.log.append(row);
    }
    if (follow) this.log.scrollTop = this.log.scrollHeight;
  }

  count(node) {
    const seen = this.nodes.get(node);
    if (seen) {
      seen.count++;
      seen.option.textContent = node + ' (' + seen.count + ' lines)';
      return;
    }
    const option = el('option', { value: node }, node + ' (1 lines)');
    this.nodes.set(node, { count: 1, option });
    this.nodeFilter.append(option);
  }

  filter() {
    for (const row of this.log.children) {
      row.classList.toggle('hidden', this.nodeFilter.value !== ALL
        && row.getAttribute('data-node') !== this.nodeFilter.value);
    }
  }
}
