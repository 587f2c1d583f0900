// Small DOM helpers. Text always goes in as text nodes, never as HTML, so nothing the server or
// a user sends can become markup or script.

/** Creates an element with attributes (on* never) and children (strings become text). */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces the element's children. */
export function replace(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

/** A table with a header row; a null or empty cell shows as "-". */
export function table(id, headers, rows) {
  return el('table', { id },
    el('thead', {}, el('tr', {}, headers.map((h) => el('th', {}, h)))),
    el('tbody', {}, rows.map((row) => el('tr', {}, row.map((cell) => el('td', {}, show(cell)))))));
}

/** A definition list of [name, value] pairs. */
export function pairs(id, entries) {
  return el('dl', { id }, entries.flatMap(([name, value]) => [el('dt', {}, name), el('dd', {}, show(value))]));
}

/** A status word styled by its value. */
export function status(value) {
  return el('span', { class: 'status-' + value }, value ?? '-');
}

function show(value) {
  if (value === undefined || value === null || value === '') return '-';
  if (Array.isArray(value)) return value.length === 0 ? '-' : value.join(', ');
  return value;
}

/** A labelled input whose validation error shows right after it. */
export function field(label, path, attributes = {}) {
  const input = el('input', { 'data-field': path, name: path, id: 'field-' + path, ...attributes });
  return el('label', {}, el('span', { class: 'name' }, label), input,
    el('span', { class: 'field-error', 'data-error-for': path }));
}
