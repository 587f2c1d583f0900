// The API as the console uses it: POST / with the action, USER_ID and PASSWORD (the SHA-256 hex
// of the password), exactly as any client. The session lives in this module's memory only: no
// cookie, no storage; reloading the page signs out.

let session = null;

/** An answer with a non-zero ret_code: the server's message and every field error. */
export class ApiError extends Error {
  constructor(body) {
    super(body.message || 'ret_code ' + body.ret_code);
    this.retCode = body.ret_code;
    this.errors = body.errors || [];
  }
}

async function sha256Hex(text) {
  if (!window.crypto || !window.crypto.subtle) {
    throw new Error('this browser cannot hash the password here: open the console over HTTPS'
      + ' (qs-server --tls-keystore) or on localhost');
  }
  const digest = await window.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Calls an action with the signed-in user's credentials; throws ApiError on a failure. */
export async function call(action, fields = {}) {
  if (!session) throw new Error('not signed in');
  return post({ ...fields, action, USER_ID: session.user, PASSWORD: session.passwordHash });
}

async function post(body) {
  const response = await fetch('/', {
    method: 'POST', body: JSON.stringify(body), cache: 'no-store', credentials: 'omit',
    headers: { 'Content-Type': 'application/json' },
  });
  let answer;
  try {
    answer = await response.json();
  } catch (e) {
    throw new Error('the server answered HTTP ' + response.status + ' without JSON');
  }
  if (answer.ret_code !== 0) throw new ApiError(answer);
  return answer;
}

/**
 * Signs in: checks the credentials with DescribeQingStor, then learns whether the role may
 * operate. There is no "who am I" action, so it asks for the cancellation of a job that cannot
 * exist: the role check comes first, so a viewer gets 1400 and an operator 2100, and nothing
 * changes either way.
 */
export async function signIn(user, password) {
  session = { user, passwordHash: await sha256Hex(password), canOperate: false };
  try {
    await call('DescribeQingStor');
    session.canOperate = await mayOperate();
  } catch (e) {
    session = null;
    throw e;
  }
}

async function mayOperate() {
  try {
    await call('CancelJob', { job_id: 'j-00000000' });
    return true;
  } catch (e) {
    if (e instanceof ApiError && e.retCode === 1400) return false;
    if (e instanceof ApiError) return true;
    throw e;
  }
}

export function signOut() {
  session = null;
}

export function signedIn() {
  return session !== null;
}

export function userId() {
  return session ? session.user : null;
}

/** True when the user's role may configure, deploy, scale and manage nodes and jobs. */
export function canOperate() {
  return session !== null && session.canOperate;
}

/** Shows each field error next to the element whose data-field is its longest prefix. */
export function showFieldErrors(form, error, summary) {
  for (const span of form.querySelectorAll('[data-error-for]')) span.textContent = '';
  for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
  const fields = Array.from(form.querySelectorAll('[data-field]'), (e) => e.getAttribute('data-field'));
  const unplaced = [];
  for (const problem of error.errors || []) {
    const owner = fields.filter((f) => problem.field === f || problem.field.startsWith(f + '.')
      || problem.field.startsWith(f + '[')).sort((a, b) => b.length - a.length)[0];
    const span = owner && form.querySelector('[data-error-for="' + CSS.escape(owner) + '"]');
    if (!span) {
      unplaced.push(problem.field + ': ' + problem.message);
      continue;
    }
    span.textContent = (span.textContent ? span.textContent + '; ' : '')
      + (problem.field === owner ? '' : problem.field.slice(owner.length) + ': ') + problem.message;
    const input = form.querySelector('[data-field="' + CSS.escape(owner) + '"]');
    if (input) input.setAttribute('aria-invalid', 'true');
  }
  summary.textContent = error.errors && error.errors.length
    ? 'The server refused it: ' + error.errors.length + ' problem(s), shown next to each field.'
      + (unplaced.length ? ' ' + unplaced.join('; ') : '')
    : error.message;
}
