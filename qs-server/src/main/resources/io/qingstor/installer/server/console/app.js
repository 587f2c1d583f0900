// The console's shell: sign-in, navigation and the router from #/path to a view.
import { canOperate, signIn, signOut, signedIn, userId } from './api.js';
import { replace, el } from './dom.js';
import { renderOverview } from './overview.js';
import { renderNodes } from './nodes.js';
import { renderConfig } from './config-form.js';
import { renderJobs, renderJob } from './jobs.js';

const routes = [
  [/^#\/overview$/, () => renderOverview],
  [/^#\/nodes$/, () => renderNodes],
  [/^#\/config$/, () => renderConfig],
  [/^#\/jobs$/, () => renderJobs],
  [/^#\/jobs\/(j-[A-Za-z0-9]+)$/, (m) => (view) => renderJob(view, m[1])],
];

let stopCurrent = null;

async function route() {
  if (stopCurrent) stopCurrent();
  stopCurrent = null;
  if (!signedIn()) return;
  const hash = location.hash || '#/overview';
  const view = document.getElementById('view');
  for (const link of document.querySelectorAll('nav a')) {
    link.classList.toggle('current', hash.startsWith(link.getAttribute('href')));
  }
  for (const [pattern, make] of routes) {
    const match = hash.match(pattern);
    if (match) {
      replace(view, el('p', { class: 'hint' }, 'Loading...'));
      try {
        stopCurrent = (await make(match)(view)) || null;
      } catch (e) {
        replace(view, el('p', { class: 'error', id: 'view-error' }, e.message));
      }
      return;
    }
  }
  location.hash = '#/overview';
}

function showSignedIn() {
  document.getElementById('sign-in').hidden = true;
  document.getElementById('view').hidden = false;
  document.getElementById('nav').hidden = false;
  for (const link of document.querySelectorAll('nav .operate')) link.hidden = !canOperate();
  document.getElementById('who').textContent = userId() + (canOperate() ? '' : ' (read-only)');
}

async function onSignIn(event) {
  event.preventDefault();
  const error = document.getElementById('sign-in-error');
  const password = document.getElementById('sign-in-password');
  error.textContent = '';
  try {
    await signIn(document.getElementById('sign-in-user').value, password.value);
  } catch (e) {
    error.textContent = e.message;
    return;
  } finally {
    password.value = '';
  }
  showSignedIn();
  if (!location.hash || location.hash === '#/') location.hash = '#/overview';
  else route();
}

function onSignOut() {
  signOut();
  if (stopCurrent) stopCurrent();
  stopCurrent = null;
  replace(document.getElementById('view'));
  document.getElementById('view').hidden = true;
  document.getElementById('nav').hidden = true;
  document.getElementById('sign-in').hidden = false;
}

document.getElementById('sign-in').addEventListener('submit', onSignIn);
document.getElementById('sign-out').addEventListener('click', onSignOut);
window.addEventListener('hashchange', route);
