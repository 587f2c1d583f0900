// What the console's forms share: reading values as the API wants them, and starting a job.
import { call, showFieldErrors } from './api.js';

/** A comma-separated list as an array of its non-empty items. */
export function list(value) {
  return value.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
}

/** A number when the text is one; else the text itself, so the server names the field. */
export function number(value) {
  if (value === '') return undefined;
  return Number.isNaN(Number(value)) ? value : Number(value);
}

/** A trimmed text, or undefined when empty, so the server reports it missing. */
export function text(value) {
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** Calls a job-starting action, then shows the job; errors go next to the form's fields. */
export async function startJob(message, action, fields, form) {
  message.textContent = '';
  try {
    const answer = await call(action, fields);
    location.hash = '#/jobs/' + answer.job_id;
  } catch (e) {
    if (form) showFieldErrors(form, e, message);
    else message.textContent = e.message;
  }
}
