// Consortia console: the few behaviours server-rendered pages need.
// - forms and buttons that call the REST API (JSON, CSRF header) and show its problem messages;
// - charts (ECharts), file hashing in the browser, receipt checks in the browser (receipt.js);
// - htmx requests carry the CSRF header too.
(function () {
  'use strict';

  function csrfToken() {
    const match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : null;
  }

  function headers(json) {
    const h = { 'Accept': 'application/json, application/problem+json' };
    if (json) h['Content-Type'] = 'application/json';
    const token = csrfToken();
    if (token) h['X-XSRF-TOKEN'] = token;
    return h;
  }

  // Replaces {name} with values from the given objects (first that has it).
  function fill(template, ...sources) {
    return template.replace(/\{([A-Za-z0-9_]+)\}/g, (whole, key) => {
      for (const source of sources) {
        if (source && source[key] !== undefined && source[key] !== null) return encodeURIComponent(source[key]);
      }
      return whole;
    });
  }

  function showProblem(box, problem, status) {
    if (!box) { alert((problem && (problem.detail || problem.title)) || ('HTTP ' + status)); return; }
    box.hidden = false;
    box.textContent = '';
    const strong = document.createElement('strong');
    strong.textContent = (problem && problem.title) || ('HTTP ' + status);
    box.appendChild(strong);
    if (problem && problem.detail) {
      const detail = document.createElement('span');
      detail.className = 'problem-detail';
      detail.textContent = ' ' + problem.detail;
      box.appendChild(detail);
    }
    if (problem && Array.isArray(problem.errors)) {
      const list = document.createElement('ul');
      problem.errors.forEach(e => {
        const li = document.createElement('li');
        li.textContent = e.field + ': ' + e.message;
        list.appendChild(li);
      });
      box.appendChild(list);
    }
  }

  async function call(method, url, body) {
    const response = await fetch(url, {
      method: method,
      headers: headers(body !== undefined),
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin'
    });
    let data = null;
    const text = await response.text();
    if (text) {
      try { data = JSON.parse(text); } catch (e) { data = { detail: text }; }
    }
    return { ok: response.ok, status: response.status, data: data };
  }

  function after(then, data, fields) {
    if (!then || then === 'reload') { window.location.reload(); return; }
    if (then === 'none') return;
    window.location.assign(fill(then, data || {}, fields || {}));
  }

  // The JSON body of a form: inputs by name; data-type="number" as numbers (empty = absent);
  // checkboxes with data-type="ids" collected into an array of numbers; data-type="list" splits
  // a comma- or space-separated text into an array of strings.
  function formBody(form) {
    const body = {};
    form.querySelectorAll('[name]').forEach(el => {
      if (el.disabled) return;
      const type = el.dataset.type;
      if (type === 'ids') {
        if (!Array.isArray(body[el.name])) body[el.name] = [];
        if (el.checked) body[el.name].push(Number(el.value));
        return;
      }
      // data-type="csv": one input of comma- or space-separated names (an access key's scopes)
      if (type === 'csv') { body[el.name] = el.value.split(/[\s,]+/).filter(Boolean); return; }
      // data-type="list": every such input, in order, into one array of texts (a contract call's args)
      if (type === 'list') {
        if (!Array.isArray(body[el.name])) body[el.name] = [];
        body[el.name].push(el.value);
        return;
      }
      if (el.type === 'file') return;
      if (el.type === 'checkbox') { body[el.name] = el.checked; return; }
      if (el.type === 'radio') { if (el.checked) body[el.name] = el.value; return; }
      const value = el.value.trim();
      if (type === 'number') { if (value !== '') body[el.name] = Number(value); return; }
      // data-type="json": the text parsed (a contract's manifest); unparsable text is sent as text for the API to refuse
      if (type === 'json') { try { body[el.name] = JSON.parse(value); } catch (e) { body[el.name] = value; } return; }
      // data-type="rules": a contract's caller rules, one per line "function: org1, org2 / admin, user"
      // (organisations before the slash, certificate roles after it; either part may be left empty)
      if (type === 'rules') {
        const names = text => (text || '').split(/[\s,]+/).filter(Boolean);
        body[el.name] = value.split('\n').map(line => line.trim()).filter(Boolean).map(line => {
          const colon = line.indexOf(':');
          const [organizations, roles] = (colon < 0 ? '' : line.slice(colon + 1)).split('/');
          return { function: (colon < 0 ? line : line.slice(0, colon)).trim(),
            organizations: names(organizations), roles: names(roles) };
        });
        return;
      }
      if (value === '' && el.dataset.optional !== undefined) return;
      body[el.name] = el.type === 'password' ? el.value : value;
    });
    return body;
  }

  async function submitApiForm(form) {
    const box = form.querySelector('.problem');
    if (box) box.hidden = true;
    const result = form.querySelector('.result');
    const method = (form.dataset.method || 'POST').toUpperCase();
    const fields = formBody(form);
    const url = fill(form.dataset.api, fields);
    // values that went into the URL are not part of the body (the API rejects unknown fields)
    const body = Object.assign({}, fields);
    (form.dataset.api.match(/\{([A-Za-z0-9_]+)\}/g) || []).forEach(p => delete body[p.slice(1, -1)]);
    const submit = form.querySelector('[type=submit]');
    if (submit) submit.disabled = true;
    form.classList.add('busy');
    try {
      let answer;
      if (form.dataset.each) {
        // one request per checked value, e.g. one invitation per organisation
        const values = fields[form.dataset.each] || [];
        if (values.length === 0) { showProblem(box, { title: form.dataset.emptyMessage || 'Nothing selected' }, 400); return; }
        for (const v of values) {
          answer = await call(method, url, { [form.dataset.each]: v });
          if (!answer.ok) break;
        }
      } else {
        answer = await call(method, url, method === 'GET' || method === 'DELETE' ? undefined : body);
      }
      if (!answer.ok) { showProblem(box, answer.data, answer.status); return; }
      if (result && form.dataset.download) { offerDownload(result, form.dataset.download, answer.data); }
      else if (result) { render(result, answer.data); }
      if (form.dataset.then !== 'none' || !result) after(form.dataset.then, answer.data, fields);
    } catch (e) {
      showProblem(box, { title: 'Network error', detail: String(e) }, 0);
    } finally {
      if (submit) submit.disabled = false;
      form.classList.remove('busy');
    }
  }

  // The answer as a file to save (an encrypted key bundle), never shown on screen.
  function offerDownload(target, filename, data) {
    const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = filename;
    link.textContent = filename;
    link.className = 'button primary';
    target.hidden = false;
    target.textContent = '';
    target.appendChild(link);
    link.click();
  }

  // Shows an API answer as a definition list (the result of a contract call, an asset, a history).
  function render(target, data) {
    target.hidden = false;
    target.textContent = '';
    const pre = document.createElement('pre');
    pre.className = 'json';
    pre.textContent = JSON.stringify(data, null, 2);
    target.appendChild(pre);
    target.dispatchEvent(new CustomEvent('consortia:result', { detail: data, bubbles: true }));
  }

  async function clickApiButton(button) {
    const confirmText = button.dataset.confirm;
    if (confirmText && !window.confirm(confirmText)) return;
    let url = button.dataset.apiPost;
    if (button.dataset.confirmName !== undefined) {
      const typed = window.prompt(button.dataset.confirmPrompt || 'Type the name to confirm');
      if (typed === null) return;
      url = url + (url.includes('?') ? '&' : '?') + 'confirm=' + encodeURIComponent(typed);
    }
    const method = (button.dataset.method || 'POST').toUpperCase();
    const body = button.dataset.body ? JSON.parse(button.dataset.body) : undefined;
    button.disabled = true;
    try {
      const answer = await call(method, url, body);
      const box = button.dataset.problem ? document.querySelector(button.dataset.problem)
        : (button.closest('section, form, .card') || document).querySelector('.problem');
      if (!answer.ok) { showProblem(box, answer.data, answer.status); return; }
      after(button.dataset.then, answer.data, {});
    } finally {
      button.disabled = false;
    }
  }

  // <input type="file" data-base64-into="#field">: the chosen file's bytes, base64, into that field
  document.addEventListener('change', event => {
    const input = event.target;
    if (!input.matches || !input.matches('input[type=file][data-base64-into]') || !input.files.length) return;
    const reader = new FileReader();
    reader.onload = () => {
      const text = String(reader.result);
      document.querySelector(input.dataset.base64Into).value = text.substring(text.indexOf(',') + 1);
    };
    reader.readAsDataURL(input.files[0]);
  });

  document.addEventListener('submit', event => {
    const form = event.target;
    if (form.matches('form[data-api]')) {
      event.preventDefault();
      submitApiForm(form);
    }
  });

  document.addEventListener('click', event => {
    const button = event.target.closest('button[data-api-post]');
    if (button) { event.preventDefault(); clickApiButton(button); return; }
    const verify = event.target.closest('button[data-verify-receipt]');
    if (verify) { event.preventDefault(); verifyReceipt(verify); }
    const download = event.target.closest('button[data-download-receipt]');
    if (download) { event.preventDefault(); downloadReceipt(download); }
  });

  document.addEventListener('htmx:configRequest', event => {
    const token = csrfToken();
    if (token) event.detail.headers['X-XSRF-TOKEN'] = token;
  });

  // ---- hashing and proofs, in the browser -------------------------------------------------

  function hex(buffer) {
    return Array.from(new Uint8Array(buffer)).map(b => b.toString(16).padStart(2, '0')).join('');
  }

  // The file never leaves the machine: it is read and hashed here, only the hash is sent.
  document.addEventListener('change', async event => {
    const input = event.target;
    if (!input.matches('input[type=file][data-hash-into]')) return;
    const target = document.querySelector(input.dataset.hashInto);
    const info = input.dataset.hashInfo ? document.querySelector(input.dataset.hashInfo) : null;
    const file = input.files && input.files[0];
    if (!file || !target) return;
    if (info) info.textContent = input.dataset.hashing || 'Hashing…';
    const digest = hex(await crypto.subtle.digest('SHA-256', await file.arrayBuffer()));
    target.value = digest;
    target.dispatchEvent(new Event('input', { bubbles: true }));
    if (info) info.textContent = file.name + ' · ' + file.size.toLocaleString() + ' B · SHA-256 ' + digest;
  });

  // The receipt on a transaction page is checked with receipt.js (SHA-256 and SM3 in plain
  // JavaScript, the header re-encoded as canonical protobuf): each step is listed, and the
  // verdict is set on the output element (data-verified = "true" / "false").
  function verifyReceipt(button) {
    const out = document.querySelector(button.dataset.output);
    const list = document.querySelector(button.dataset.steps);
    let receipt = null;
    try { receipt = JSON.parse(button.dataset.receipt); } catch (e) { receipt = null; }
    const result = window.ConsortiaReceipt.verifyReceipt(receipt);
    if (list) {
      list.replaceChildren(...result.steps.map(step => {
        const item = document.createElement('li');
        item.className = step.ok ? 'good' : 'bad';
        item.textContent = (step.ok ? '✓ ' : '✗ ') + step.text;
        return item;
      }));
    }
    out.textContent = result.ok ? (result.verdictProven ? button.dataset.ok : button.dataset.inclusionOnly)
      : button.dataset.fail + ' ' + result.failure;
    out.className = 'verdict ' + (result.ok ? 'good' : 'bad');
    out.dataset.verified = String(result.ok);
    out.dataset.verdictProven = String(result.verdictProven);
  }

  function downloadReceipt(button) {
    const source = document.querySelector(button.dataset.downloadReceipt);
    const blob = new Blob([source.dataset.receipt], { type: 'application/json' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = button.dataset.filename;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }

  // ---- charts -------------------------------------------------------------------------------

  function drawCharts() {
    if (!window.echarts) return;
    document.querySelectorAll('.chart[data-series]').forEach(el => {
      const s = JSON.parse(el.dataset.series);
      const times = s.minutes.map(m => new Date(m).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }));
      const series = el.dataset.kind === 'tps'
        ? [{ name: el.dataset.label, type: 'line', smooth: true, areaStyle: {}, data: s.tps }]
        : [{ name: el.dataset.label, type: 'line', smooth: true, connectNulls: false, data: s.latency },
           { name: el.dataset.labelMax, type: 'line', smooth: true, connectNulls: false, data: s.maxLatency }];
      const chart = echarts.init(el, null, { renderer: 'svg' });
      chart.setOption({
        animation: false,
        grid: { left: 48, right: 16, top: 28, bottom: 28 },
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        xAxis: { type: 'category', data: times },
        yAxis: { type: 'value', min: 0 },
        series: series
      });
      window.addEventListener('resize', () => chart.resize());
    });
  }

  document.addEventListener('DOMContentLoaded', drawCharts);
})();
