// The saver's dashboard: the saved fingerprints (GET /dashboard/*, /fingerprints/stream) and the
// generator's rate (its own REST API, cross-origin). No framework; Chart.js from the saver's webjar.
'use strict';

const WINDOWS = 30;          // windows per chart
const RETRY_MS = 5000;       // saver unreachable: try again this often
const GENERATOR_POLL_MS = 2000;

const state = {
  config: null,
  equipments: new Map(),     // equip_id -> newest FingerprintView
  selected: null,            // equip_id shown in the detail panel
  windows: [],               // FingerprintView of the selected equipment, oldest first
  charts: {},                // sensor id -> Chart
  saverOk: true,
  stream: null,
};
window.dashboard = state;    // for the browser test and for curious operators

const $ = id => document.getElementById(id);

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.substring(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c);
  return e;
}

const pad = n => String(n).padStart(2, '0');
function time(ms) {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
function dateTime(ms) {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${time(ms)}`;
}
const windowText = f => `${time(f.start_ms)}–${time(f.end_ms)}`;
function num(v) {
  if (v === null || v === undefined || Number.isNaN(Number(v))) return '–';
  return Number(v).toLocaleString(undefined, { maximumFractionDigits: 3 });
}
function duration(ms) {
  return ms % 60000 === 0 ? `${ms / 60000} min` : `${ms / 1000} s`;
}

// ---- the saver ----

async function saverJson(path) {
  let response;
  try {
    response = await fetch(path, { headers: { Accept: 'application/json' } });
  } catch (e) {
    throw new Error(`cannot reach the saver at ${location.origin} (${e.message})`);
  }
  if (!response.ok) {
    let message = `HTTP ${response.status}`;
    try { message = (await response.json()).error || message; } catch (ignored) { /* not JSON */ }
    throw new Error(`the saver answered ${path} with ${message}`);
  }
  return response.json();
}

function saverProblem(error) {
  state.saverOk = false;
  const banner = $('saver-error');
  banner.textContent = `Saver unreachable: ${error.message}. Retrying every ${RETRY_MS / 1000} s…`;
  banner.hidden = false;
}

function saverBack() {
  if (!state.saverOk) {
    state.saverOk = true;
    $('saver-error').hidden = true;
  }
}

async function loadAll() {
  try {
    if (!state.config) {
      state.config = await saverJson('/dashboard/config');
      startGenerator();
    }
    const { equipments } = await saverJson('/dashboard/equipments');
    state.equipments = new Map(equipments.map(f => [f.equip_id, f]));
    if (!state.selected || !state.equipments.has(state.selected)) {
      state.selected = equipments.length ? equipments[0].equip_id : null;
    }
    renderEquipments();
    if (state.selected) await loadWindows(state.selected);
    saverBack();
    connectStream();
  } catch (e) {
    saverProblem(e);
    setTimeout(loadAll, RETRY_MS);
  }
}

async function loadWindows(equipId) {
  const { items } = await saverJson(`/dashboard/fingerprints?equip_id=${encodeURIComponent(equipId)}&limit=${WINDOWS}`);
  if (equipId !== state.selected) return;
  state.windows = items.slice().reverse();
  renderDetail(true);
}

function connectStream() {
  if (state.stream) return;
  const status = $('live-status');
  const stream = new EventSource('/fingerprints/stream');
  state.stream = stream;
  stream.onopen = () => {
    status.textContent = 'live';
    status.className = 'badge on';
  };
  stream.onmessage = event => {
    let summary;
    try { summary = JSON.parse(event.data); } catch (ignored) { return; }
    onSaved(summary);
  };
  stream.onerror = () => {
    status.textContent = 'live updates interrupted: reconnecting…';
    status.className = 'badge off';
    // Say so at once when the saver itself is gone, not only that the stream is.
    saverJson('/dashboard/config').catch(saverProblem);
    if (stream.readyState === EventSource.CLOSED) {
      // the browser gave up (an error status): start over later
      state.stream = null;
      setTimeout(loadAll, RETRY_MS);
      return;
    }
    // The browser reconnects by itself; what was saved meanwhile is fetched once it is back.
    stream.onopen = () => {
      status.textContent = 'live';
      status.className = 'badge on';
      loadAll();
    };
  };
}

async function onSaved(summary) {
  let view;
  try {
    view = await saverJson(`/dashboard/fingerprints/${encodeURIComponent(summary.uuid)}`);
  } catch (e) {
    saverProblem(e);
    return;
  }
  saverBack();
  $('last-update').textContent = `last saved ${time(Date.now())}: equipment ${view.equip_id}, ${windowText(view)}`;
  const current = state.equipments.get(view.equip_id);
  if (!current || current.end_ms <= view.end_ms) {
    state.equipments.set(view.equip_id, view);
    const shown = current && document.querySelector(`#equipments [data-equip="${CSS.escape(view.equip_id)}"]`);
    if (shown) shown.replaceWith(card(view, true)); // only this card changes
    else renderEquipments(view.equip_id);
  }
  if (!state.selected) {
    state.selected = view.equip_id;
  }
  if (view.equip_id === state.selected) {
    const others = state.windows.filter(w => w.uuid !== view.uuid);
    others.push(view);
    others.sort((a, b) => a.start_ms - b.start_ms || a.end_ms - b.end_ms);
    state.windows = others.slice(-WINDOWS);
    renderDetail(false);
  }
}

// ---- rendering ----

function renderEquipments(flash) {
  const box = $('equipments');
  const list = [...state.equipments.values()].sort((a, b) => compareIds(a.equip_id, b.equip_id));
  $('equipment-count').textContent = list.length ? `(${list.length})` : '';
  renderEmptyState(list.length === 0);
  box.replaceChildren(...list.map(f => card(f, f.equip_id === flash)));
}

function compareIds(a, b) {
  const na = /^[0-9]+$/.test(a), nb = /^[0-9]+$/.test(b);
  if (na && nb) return Number(a) - Number(b);
  if (na !== nb) return na ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function renderEmptyState(empty) {
  const p = $('empty-state');
  p.hidden = !empty;
  if (!empty || !state.config) return;
  const w = state.config.window_ms;
  const closes = Math.ceil((Date.now() + 1) / w) * w;
  p.textContent = `No fingerprints yet: the first window closes at ${time(closes)} (${duration(w)} windows); `
    + `the Flink job sends it once readings up to ${time(closes + state.config.out_of_orderness_ms)} are in, `
    + 'and it is saved as soon as it arrives. '
    + 'Make sure the generator is running (set a rate above 0 on the right) and the Flink job is up; '
    + 'this page updates by itself.';
}

function sensorTable(f) {
  const sensors = Object.keys(f.sensors || {}).sort();
  const head = el('tr', {}, ...['sensor', 'min', 'median', 'mean', 'max', 'std_dev', 'count'].map(h => el('th', { text: h })));
  const rows = sensors.map(s => {
    const v = f.sensors[s];
    return el('tr', {}, el('td', { text: s }),
      ...['min', 'median', 'mean', 'max', 'std_dev', 'count'].map(k => el('td', { class: 'num', text: num(v[k]) })));
  });
  return el('div', { class: 'table-box' }, el('table', { class: 'grid sensors' }, el('thead', {}, head), el('tbody', {}, ...rows)));
}

function completeBadge(f) {
  return el('span', {
    class: f.complete ? 'badge on' : 'badge warn',
    text: f.complete ? 'complete' : 'incomplete',
    title: f.complete ? 'every input reading was found' : 'some input readings are no longer in Kafka, or were not all found: see incomplete_reason in the file',
  });
}

function rawLink(f) {
  return el('a', { href: `/fingerprints/${f.uuid}`, target: '_blank', rel: 'noopener', class: 'raw', text: 'raw JSON' });
}

function card(f, flash) {
  const selected = f.equip_id === state.selected;
  return el('article', {
    class: `card${selected ? ' selected' : ''}${flash ? ' flash' : ''}`,
    'data-equip': f.equip_id,
    onclick: event => { if (event.target.tagName !== 'A') select(f.equip_id); },
  },
  el('header', {},
    el('strong', { text: `${f.equip_id}` }), ' ',
    el('span', { class: 'muted', text: f.type }), ' ',
    completeBadge(f)),
  el('p', { class: 'small' },
    el('span', { class: 'window', title: `${dateTime(f.start_ms)} – ${dateTime(f.end_ms)}`, text: windowText(f) }),
    ` · ${f.input_count} input${f.input_count === 1 ? '' : 's'} · `, rawLink(f)),
  sensorTable(f));
}

async function select(equipId) {
  if (state.selected === equipId) return;
  state.selected = equipId;
  state.windows = [];
  renderEquipments();
  try {
    await loadWindows(equipId);
    saverBack();
  } catch (e) {
    saverProblem(e);
  }
}

const COLORS = { band: 'rgba(70, 130, 180, 0.18)', edge: 'rgba(70, 130, 180, 0.6)', mean: '#c0392b', median: '#27ae60' };

function renderDetail(rebuild) {
  const panel = $('detail-panel');
  if (!state.selected) {
    panel.hidden = true;
    return;
  }
  panel.hidden = false;
  $('detail-equip').textContent = state.selected;
  $('detail-count').textContent = String(state.windows.length);
  const sensors = [...new Set(state.windows.flatMap(w => Object.keys(w.sensors || {})))].sort();
  const box = $('charts');
  if (rebuild || sensors.some(s => !state.charts[s]) || Object.keys(state.charts).some(s => !sensors.includes(s))) {
    Object.values(state.charts).forEach(c => c.destroy());
    state.charts = {};
    box.replaceChildren(...sensors.map(s => {
      const canvas = el('canvas', { 'data-sensor': s });
      const figure = el('figure', { class: 'chart' }, el('figcaption', { text: `sensor ${s}` }), el('div', { class: 'canvas-box' }, canvas));
      state.charts[s] = new Chart(canvas, chartConfig());
      return figure;
    }));
  }
  // HH:MM when the windows start on whole minutes, as they usually do
  const label = ms => (ms % 60000 === 0 ? time(ms).substring(0, 5) : time(ms));
  const labels = state.windows.map(w => label(w.start_ms));
  for (const s of sensors) {
    const chart = state.charts[s];
    const pick = k => state.windows.map(w => (w.sensors && w.sensors[s] ? w.sensors[s][k] : null));
    chart.data.labels = labels;
    chart.data.datasets[0].data = pick('min');
    chart.data.datasets[1].data = pick('max');
    chart.data.datasets[2].data = pick('mean');
    chart.data.datasets[3].data = pick('median');
    chart.update(rebuild ? undefined : 'none');
  }
  renderWindowTable();
}

function chartConfig() {
  return {
    type: 'line',
    data: {
      labels: [],
      datasets: [
        { label: 'min', data: [], borderColor: COLORS.edge, borderWidth: 1, pointRadius: 0, fill: false },
        { label: 'max', data: [], borderColor: COLORS.edge, borderWidth: 1, pointRadius: 0, backgroundColor: COLORS.band, fill: '-1' },
        { label: 'mean', data: [], borderColor: COLORS.mean, borderWidth: 2, pointRadius: 2, fill: false },
        { label: 'median', data: [], borderColor: COLORS.median, borderWidth: 2, borderDash: [5, 3], pointRadius: 2, fill: false },
      ],
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      spanGaps: true,
      interaction: { mode: 'index', intersect: false },
      plugins: { legend: { position: 'bottom', labels: { boxWidth: 12 } } },
      scales: { x: { ticks: { maxTicksLimit: 8, maxRotation: 0 } } },
    },
  };
}

function renderWindowTable() {
  const rows = state.windows.slice().reverse().map(f => el('tr', { 'data-uuid': f.uuid },
    el('td', { title: `${dateTime(f.start_ms)} – ${dateTime(f.end_ms)}`, text: windowText(f) }),
    el('td', { text: f.type }),
    el('td', { class: 'num', text: String(Object.keys(f.sensors || {}).length) }),
    el('td', { class: 'num', text: String(f.input_count) }),
    el('td', {}, completeBadge(f)),
    el('td', {}, rawLink(f))));
  $('windows').tBodies[0].replaceChildren(...rows);
}

// ---- the generator ----

let generatorTimer = null;

function generatorUrl(path) {
  return state.config.generator_url + path;
}

function startGenerator() {
  const link = $('generator-link');
  link.textContent = state.config.generator_url;
  link.href = generatorUrl('/generator');
  $('rate-form').addEventListener('submit', event => {
    event.preventDefault();
    setRate($('rate-input').value);
  });
  pollGenerator();
}

function unreachable(e) {
  return `Generator unreachable at ${state.config.generator_url} (${e.message}). Is it running, and does it allow `
    + `this page's origin? Start it with GENERATOR_CORS_ENABLED=true GENERATOR_CORS_ORIGINS=${location.origin}; `
    + 'the saver takes its URL from SAVER_GENERATOR_URL.';
}

async function pollGenerator() {
  clearTimeout(generatorTimer);
  const error = $('generator-error');
  try {
    const response = await fetch(generatorUrl('/generator'), { headers: { Accept: 'application/json' } });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    showGenerator(await response.json());
    error.hidden = true;
    $('generator-panel').classList.remove('down');
  } catch (e) {
    error.textContent = unreachable(e);
    error.hidden = false;
    $('generator-panel').classList.add('down');
  }
  generatorTimer = setTimeout(pollGenerator, GENERATOR_POLL_MS);
}

function showGenerator(g) {
  $('generator-state').textContent = g.running ? 'running' : 'paused';
  $('generator-rate').textContent = num(g.readings_per_second);
  $('generator-achieved').textContent = num(g.achieved_per_second);
  $('generator-sent').textContent = num(g.sent);
  $('generator-dropped').textContent = `${num(g.throttled)} / ${num(g.failed)}`;
  $('rate-input').placeholder = `0 – ${num(g.max_readings_per_second)}`;
}

async function setRate(text) {
  const message = $('rate-message');
  message.className = 'message';
  message.textContent = 'setting…';
  // Sent as typed: the generator checks the value and names what is wrong with it.
  const trimmed = text.trim();
  const value = /^-?[0-9]+(\.[0-9]+)?$/.test(trimmed) ? trimmed : JSON.stringify(trimmed);
  let response;
  try {
    response = await fetch(generatorUrl('/generator/rate'), {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: `{"readings_per_second":${value}}`,
    });
  } catch (e) {
    message.className = 'message error';
    message.textContent = unreachable(e);
    return;
  }
  let body = null;
  try { body = await response.json(); } catch (ignored) { /* no JSON body */ }
  if (response.ok) {
    message.className = 'message ok';
    message.textContent = `Rate set to ${num(body.readings_per_second)} readings/s${body.readings_per_second === 0 ? ' (paused)' : ''}.`;
    showGenerator(body);
  } else {
    message.className = 'message error';
    const reason = body && body.error ? body.error : `HTTP ${response.status}`;
    const hint = response.status === 401 || response.status === 403 ? ' (the generator has a control token: change the rate with curl)' : '';
    message.textContent = `Refused (${response.status}): ${reason}${hint}`;
  }
  pollGenerator();
}

loadAll();
setInterval(() => { if (state.equipments.size === 0) renderEmptyState(true); }, 1000);
