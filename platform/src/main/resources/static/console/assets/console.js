// Consortia console: the few behaviours server-rendered pages need.
// - forms and buttons that call the REST API (JSON, CSRF header) and show its problem messages;
// - charts (ECharts; the monitoring charts as own SVG), file hashing in the browser, receipt checks in the browser (receipt.js);
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
    // data-lead: the page's own words before the platform's (problem details are in English)
    if (box.dataset.lead) {
      const lead = document.createElement('span');
      lead.className = 'problem-lead';
      lead.textContent = box.dataset.lead + ' ';
      box.appendChild(lead);
    }
    const strong = document.createElement('strong');
    // the headline in the page's language (a Chinese page showed "Bad Request"); the detail stays the API's
    // (a refusal the page makes itself, { title } without a type, is already in the page's words)
    const headline = problem && problem.type ? document.querySelector('meta[name="problem-title-' + status + '"]') : null;
    strong.textContent = (headline && headline.content) || (problem && problem.title) || ('HTTP ' + status);
    box.appendChild(strong);
    if (problem && problem.detail) {
      const detail = document.createElement('span');
      detail.className = 'problem-detail';
      detail.textContent = ' ' + problem.detail;
      box.appendChild(detail);
    }
    if (problem && Array.isArray(problem.errors)) {
      const list = document.createElement('ul');
      const form = box.closest('form');
      problem.errors.forEach(e => {
        const li = document.createElement('li');
        li.textContent = fieldLabel(form, e.field) + ': ' + e.message;
        list.appendChild(li);
      });
      box.appendChild(list);
    }
  }

  // A field as the form labels it ("名称" for "name"), when the form has an input of that name in a label
  function fieldLabel(form, field) {
    const input = form && field ? form.querySelector('[name="' + CSS.escape(field) + '"]') : null;
    const label = input ? input.closest('label') : null;
    const text = label ? (label.querySelector('span') || label).textContent.trim() : '';
    return text && text.length <= 60 ? text : field;
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
    // data-confirm on a form: asked before anything is sent, as on a button
    if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) return;
    const box = form.querySelector('.problem');
    if (box) box.hidden = true;
    const result = form.querySelector('.result');
    const method = (form.dataset.method || 'POST').toUpperCase();
    const fields = formBody(form);
    // data-require-ids="organizationIds": ticking none is refused here with data-empty-message, as the
    // API refuses an empty list (a channel's organisations: the console must never send none as "all")
    const required = form.dataset.requireIds;
    if (required && (!Array.isArray(fields[required]) || fields[required].length === 0)) {
      showProblem(box, { title: form.dataset.emptyMessage || 'Nothing selected' }, 400);
      return;
    }
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
      // a verifier's 404 for a document nobody notarized is the answer "not notarized", not a failure
      if (!answer.ok && form.dataset.answer === 'notarization' && result && answer.status === 404
          && answer.data && String(answer.data.detail || '').startsWith('Notarization of')) {
        tellNotarization(result, null, fields);
        return;
      }
      if (!answer.ok) {
        showProblem(box, answer.data, answer.status);
        if (answer.status === 409 && form.dataset.ownDrafts) await offerOwnDraft(form, fields.name);
        return;
      }
      // data-done="#note": a change that answers nothing (204) shows that note, and the form is emptied
      if (form.dataset.done) { form.reset(); const note = form.querySelector(form.dataset.done); if (note) note.hidden = false; }
      if (result && form.dataset.download) { offerDownload(result, form.dataset.download, answer.data); }
      else if (result && form.dataset.answer === 'notarization') { tellNotarization(result, answer.data, fields); }
      else if (result) { render(result, answer.data); }
      if (form.dataset.then !== 'none' || !result) after(form.dataset.then, answer.data, fields);
    } catch (e) {
      showProblem(box, { title: 'Network error', detail: String(e) }, 0);
    } finally {
      if (submit) submit.disabled = false;
      form.classList.remove('busy');
    }
  }

  // The wizard's name is taken: when by a consortium this organisation leads and has not deployed (the
  // user went Back after creating it and submitted again), link its setup rather than only refuse.
  async function offerOwnDraft(form, name) {
    const note = form.querySelector('#wizard-continue');
    if (!note || !name) return;
    const key = String(name).trim().toLowerCase();
    const list = await call('GET', '/api/v1/consortia');
    const own = list.ok && Array.isArray(list.data) ? list.data.find(c => c.status === 'CREATED'
      && String(c.leaderOrganizationId) === form.dataset.ownDrafts && String(c.name).trim().toLowerCase() === key) : null;
    if (!own) return;
    note.querySelector('a').href = '/console/consortia/' + own.id + '/setup';
    note.hidden = false;
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

  // A notarization's verification told as sentences in the page's language (the box's data-text-*,
  // {0}... filled with text or links): notarized or not, by whom, when (UTC), in which block and
  // transaction (links to the explorer's pages), whether the proof verified. The receipt (2.9 kB of
  // base64) is offered as a download with the whole answer, never printed.
  function tellNotarization(target, data, fields) {
    target.hidden = false;
    target.textContent = '';
    const texts = target.dataset;
    const line = (template, parts, className) => {
      const p = document.createElement('p');
      if (className) p.className = className;
      (template || '').split(/(\{\d\})/).forEach(piece => {
        const m = piece.match(/^\{(\d)\}$/);
        if (!m) { if (piece) p.appendChild(document.createTextNode(piece)); return; }
        const part = parts[Number(m[1])];
        p.appendChild(part instanceof Node ? part : document.createTextNode(part === undefined || part === null ? '' : String(part)));
      });
      target.appendChild(p);
      return p;
    };
    const link = (href, text, className) => {
      const a = document.createElement('a');
      a.href = href;
      a.textContent = text;
      if (className) a.className = className;
      return a;
    };
    if (!data || !data.notarized) {
      line(texts.textNo, [texts.channel, (fields && fields.documentHash) || ''], 'verify-no');
    } else {
      const record = data.record || {};
      const when = Number.isFinite(record.timestampMillis)
        ? new Date(record.timestampMillis).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC') : '';
      const block = data.blockNumber !== undefined && data.blockNumber !== null ? data.blockNumber : record.blockNumber;
      const tx = data.transactionId || record.transactionId || '';
      line(texts.textYes, [record.submitterOrganization, record.submitterName, when,
        link(texts.explorer + '/blocks/' + encodeURIComponent(block), String(block), 'verify-block'), texts.channel,
        link(texts.explorer + '/transactions/' + encodeURIComponent(tx), tx, 'verify-tx mono')], 'verify-yes');
      if (record.metadata) line(texts.textMetadata, [record.metadata], 'verify-metadata');
      line(data.proofVerified ? texts.textProofOk : texts.textProofBad, [],
        'verify-proof ' + (data.proofVerified ? 'good' : 'bad'));
      const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
      const download = link(URL.createObjectURL(blob), texts.textDownload, 'verify-download');
      download.download = 'notarization-' + (record.documentHash || (fields && fields.documentHash) || 'answer') + '.json';
      const p = document.createElement('p');
      p.appendChild(download);
      target.appendChild(p);
    }
    target.dispatchEvent(new CustomEvent('consortia:result', { detail: data, bubbles: true }));
  }

  // data-report="#box": what the answer says is told in that box instead of reloading the page, as a
  // reload would lose it (a deleted application's revoked certificate, the operation putting that on
  // chain, or the warning that it could not start): [data-field] elements take the answer's fields,
  // [data-if] ones show only when that field is set, [data-subject] takes data-report-subject and
  // a.report-link goes to data-report-link filled from the answer, and an element with
  // data-report-copy="apiPost then" takes data-api-post and data-then from the button's
  // data-report-api-post and data-report-then (a follow-up action on what was reported).
  // The button's card, gone, is removed.
  function report(button, data) {
    const box = document.querySelector(button.dataset.report);
    const has = name => data[name] !== undefined && data[name] !== null;
    box.querySelectorAll('[data-if]').forEach(el => { el.hidden = !has(el.dataset.if); });
    box.querySelectorAll('[data-field]').forEach(el => { el.textContent = has(el.dataset.field) ? readAs(el, String(data[el.dataset.field])) : ''; });
    box.querySelectorAll('[data-subject]').forEach(el => { el.textContent = button.dataset.reportSubject || ''; });
    box.querySelectorAll('a.report-link').forEach(a => { a.href = fill(button.dataset.reportLink || '#', data); });
    box.querySelectorAll('[data-report-copy]').forEach(el => el.dataset.reportCopy.split(' ').forEach(name => {
      el.dataset[name] = button.dataset['report' + name.charAt(0).toUpperCase() + name.slice(1)];
    }));
    box.hidden = false;
    const card = button.closest('.card');
    if (card) card.remove();
  }

  // A sentence of the platform in a REST answer (English, as the API always answers) shown in the
  // page's language: data-read-as points at an element holding the sentence as the platform writes
  // it ([data-written]: {0} {1} serial {2} ...), as the reader reads it ([data-read]) and a <dl> of
  // codes (dt) read as words (dd), a role's USER as 用户. Each argument is one word but the last,
  // which takes the rest; anything else is shown as written.
  function readAs(el, value) {
    const texts = el.dataset.readAs ? document.querySelector(el.dataset.readAs) : null;
    const writtenEl = texts ? texts.querySelector('[data-written]') : null;
    const readEl = texts ? texts.querySelector('[data-read]') : null;
    if (!writtenEl || !readEl) return value;
    const written = writtenEl.textContent;
    const read = readEl.textContent;
    const parts = written.split(/\{(\d)\}/);
    const order = [];
    let regex = '^';
    parts.forEach((part, i) => {
      if (i % 2 === 0) { regex += part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); return; }
      order.push(part);
      regex += i === parts.length - 2 ? '([\\s\\S]*)' : '(\\S+)';
    });
    const match = new RegExp(regex + '$').exec(value);
    if (!match) return value;
    const words = {};
    texts.querySelectorAll('dt').forEach(dt => {
      const dd = dt.nextElementSibling;
      if (dd && dd.tagName === 'DD') words[dt.textContent] = dd.textContent;
    });
    const args = {};
    order.forEach((n, i) => { args[n] = Object.prototype.hasOwnProperty.call(words, match[i + 1]) ? words[match[i + 1]] : match[i + 1]; });
    return read.replace(/\{(\d)\}/g, (whole, n) => (n in args ? args[n] : whole));
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
      if (button.dataset.report) { report(button, answer.data || {}); return; }
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

  // A GET form whose answer is a file (an export): fetched, so that a refusal (400: a bad bound, too many
  // rows) shows as the problem in the form instead of replacing the page with the API's JSON.
  async function downloadForm(form) {
    const box = form.querySelector('.problem');
    if (box) box.hidden = true;
    const query = new URLSearchParams();
    new FormData(form).forEach((value, name) => { if (String(value).trim() !== '') query.append(name, value); });
    const url = form.action + (query.toString() ? '?' + query : '');
    const submit = form.querySelector('[type=submit]');
    if (submit) submit.disabled = true;
    try {
      const response = await fetch(url, { headers: { 'Accept': form.dataset.fetchDownload + ', application/problem+json' },
        credentials: 'same-origin' });
      if (!response.ok) {
        const text = await response.text();
        let problem;
        try { problem = JSON.parse(text); } catch (e) { problem = { detail: text }; }
        showProblem(box, problem, response.status);
        return;
      }
      const named = (response.headers.get('Content-Disposition') || '').match(/filename="?([^";]+)"?/);
      const name = named ? named[1] : 'export';
      const link = document.createElement('a');
      link.href = URL.createObjectURL(await response.blob());
      link.download = name;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 1000);
      form.dataset.downloaded = name;
    } catch (e) {
      showProblem(box, { detail: String(e) }, 0);
    } finally {
      if (submit) submit.disabled = false;
    }
  }

  document.addEventListener('submit', event => {
    const form = event.target;
    if (form.matches('form[data-api]')) {
      event.preventDefault();
      submitApiForm(form);
    } else if (form.matches('form[data-fetch-download]')) {
      event.preventDefault();
      downloadForm(form);
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

  // A followed operation's progress box (#deployment-progress) polls while it runs; what the operation
  // changes (a certificate revoked or renewed) is drawn elsewhere on the page once. When the box turns
  // from RUNNING to an end, 'consortia-operation-ended' is sent from the body, once: a section with
  // hx-trigger="consortia-operation-ended from:body" fetches itself again and shows what changed.
  let progressStatus = null;
  function watchProgress() {
    const box = document.getElementById('deployment-progress');
    const status = box ? box.dataset.status : null;
    if (progressStatus === 'RUNNING' && status && status !== 'RUNNING') {
      document.body.dispatchEvent(new CustomEvent('consortia-operation-ended', { detail: { status: status } }));
    }
    progressStatus = status;
  }
  document.addEventListener('DOMContentLoaded', watchProgress);
  document.addEventListener('htmx:afterSettle', watchProgress);

  // A section drawn again keeps what the reader is in the middle of: a <details id> left open (a
  // Revoke form) stays open with what was typed in its fields, and the field typed in keeps the
  // caret. One no longer drawn (its certificate revoked meanwhile) is gone. htmx swaps right after
  // htmx:beforeSwap and sends htmx:afterSwap before anything else runs, so one swap's state never
  // meets another's.
  let openForms = [];
  let caret = null;
  document.addEventListener('htmx:beforeSwap', event => {
    const target = event.detail.target;
    openForms = target ? Array.from(target.querySelectorAll('details[open][id]')).map(details => ({
      id: details.id,
      fields: Array.from(details.querySelectorAll('input:not([type=hidden]):not([type=checkbox]):not([type=radio]), textarea, select'))
        .filter(field => field.name).map(field => ({ name: field.name, value: field.value }))
    })) : [];
    const active = document.activeElement;
    caret = active && active.id && target && target.contains(active) && typeof active.selectionStart === 'number'
      ? { id: active.id, start: active.selectionStart, end: active.selectionEnd } : null;
  });
  document.addEventListener('htmx:afterSwap', () => {
    openForms.forEach(kept => {
      const details = document.getElementById(kept.id);
      if (!details || details.tagName !== 'DETAILS') return;
      details.open = true;
      kept.fields.forEach(f => {
        const field = details.querySelector('[name="' + CSS.escape(f.name) + '"]');
        if (field && field.type !== 'hidden') field.value = f.value;
      });
    });
    openForms = [];
    const field = caret && document.getElementById(caret.id);
    if (field) {
      field.focus({ preventScroll: true });
      try { field.setSelectionRange(caret.start, caret.end); } catch (e) { /* a field without a caret */ }
    }
    caret = null;
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
    // each step in the page's language (data-texts: [data-key] sentences, a <dl> of code labels);
    // a step about the validation code gets its label as the last argument, the code staying in it
    const texts = button.dataset.texts ? document.querySelector(button.dataset.texts) : null;
    const labels = {};
    if (texts) texts.querySelectorAll('dt').forEach(dt => {
      const dd = dt.nextElementSibling;
      if (dd && dd.tagName === 'DD') labels[dt.textContent] = dd.textContent;
    });
    const read = step => {
      const sentence = texts && step.key
        ? Array.from(texts.querySelectorAll('[data-key]')).find(el => el.dataset.key === step.key) : null;
      if (!sentence) return step.text;
      const args = step.code === undefined ? step.args : step.args.concat([labels[step.code] || step.code]);
      return window.ConsortiaReceipt.format(sentence.textContent, args);
    };
    if (list) {
      list.replaceChildren(...result.steps.map(step => {
        const item = document.createElement('li');
        item.className = step.ok ? 'good' : 'bad';
        item.textContent = (step.ok ? '✓ ' : '✗ ') + read(step);
        return item;
      }));
    }
    out.textContent = result.ok ? (result.verdictProven ? button.dataset.ok : button.dataset.inclusionOnly)
      : button.dataset.fail + ' ' + read(result.steps[result.steps.length - 1]);
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
      // the console's language, not the browser's: a Chinese page under an en-US browser reads 13:05, not 01:05 PM
      // in UTC, as every time the console prints (a tester in Beijing saw 21:58 here and 13:58 in the explorer)
      const times = s.minutes.map(m => new Date(m).toLocaleTimeString(document.documentElement.lang || [],
        { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' }));
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
        xAxis: { type: 'category', data: times, name: 'UTC', nameLocation: 'end' },
        yAxis: { type: 'value', min: 0 },
        series: series
      });
      window.addEventListener('resize', () => chart.resize());
    });
  }

  document.addEventListener('DOMContentLoaded', drawCharts);

  // ---- monitoring charts: small SVG line charts drawn here (no library, nothing from the network) ----
  // <figure class="svg-chart" data-src="/api/..." data-metric="txPerSecond" data-format="number|seconds|bytes"
  //         data-from-zero="true" data-refresh="10" data-empty="No data">: the series answer's
  // series.metrics[metric] is { line name: [value or null per time] }, drawn one polyline per line.
  // After drawing, the figure carries data-lines (lines drawn) and data-last (newest value of the first line).

  const SVG = 'http://www.w3.org/2000/svg';
  const PALETTE = ['#1f6feb', '#1a7f37', '#cf222e', '#9a6700', '#8250df', '#0a7ea4', '#bf3989', '#57606a'];

  function svg(name, attributes, text) {
    const el = document.createElementNS(SVG, name);
    Object.entries(attributes || {}).forEach(([k, v]) => el.setAttribute(k, v));
    if (text !== undefined) el.textContent = text;
    return el;
  }

  function formatValue(value, format) {
    if (value === null || value === undefined) return '–';
    if (format === 'bytes') {
      const units = ['B', 'KB', 'MB', 'GB', 'TB'];
      let v = value, u = 0;
      while (Math.abs(v) >= 1024 && u < units.length - 1) { v /= 1024; u++; }
      return (v >= 100 || u === 0 ? Math.round(v) : v.toFixed(1)) + ' ' + units[u];
    }
    if (format === 'seconds') return value < 1 ? Math.round(value * 1000) + ' ms' : value.toFixed(2) + ' s';
    if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString();
    return Number.isInteger(value) ? String(value) : value.toFixed(value < 10 ? 2 : 1);
  }

  function clock(millis) {
    const d = new Date(millis);
    return String(d.getUTCHours()).padStart(2, '0') + ':' + String(d.getUTCMinutes()).padStart(2, '0');
  }

  function drawSvgChart(figure, answer) {
    const series = answer.series || { times: [], metrics: {} };
    const lines = (series.metrics || {})[figure.dataset.metric] || {};
    const names = Object.keys(lines).filter(n => lines[n].some(v => v !== null));
    figure.textContent = '';
    figure.dataset.lines = String(names.length);
    if (names.length === 0 || series.times.length === 0) {
      figure.dataset.last = '';
      const empty = document.createElement('p');
      empty.className = 'muted chart-empty';
      empty.textContent = figure.dataset.empty || 'No data';
      figure.appendChild(empty);
      return;
    }
    const W = 480, H = 170, L = 64, R = 10, T = 10, B = 22;
    const since = Date.parse(answer.since);
    const t0 = Math.min(isNaN(since) ? series.times[0] : since, series.times[0]);
    const t1 = Math.max(series.times[series.times.length - 1], t0 + 1);
    const values = names.flatMap(n => lines[n].filter(v => v !== null));
    let lo = figure.dataset.fromZero === 'true' ? Math.min(0, ...values) : Math.min(...values);
    let hi = Math.max(...values);
    if (hi === lo) { hi = hi + (hi === 0 ? 1 : Math.abs(hi) * 0.1); lo = figure.dataset.fromZero === 'true' ? lo : lo - (hi - lo); }
    const x = t => L + (t - t0) / (t1 - t0) * (W - L - R);
    const y = v => T + (1 - (v - lo) / (hi - lo)) * (H - T - B);
    const format = figure.dataset.format;
    const chart = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, width: '100%', role: 'img', class: 'svg-chart-plot' });
    [lo, (lo + hi) / 2, hi].forEach(v => {
      chart.appendChild(svg('line', { x1: L, x2: W - R, y1: y(v), y2: y(v), class: 'grid-line' }));
      chart.appendChild(svg('text', { x: L - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'axis' }, formatValue(v, format)));
    });
    chart.appendChild(svg('text', { x: L, y: H - 6, class: 'axis' }, clock(t0) + ' UTC'));
    chart.appendChild(svg('text', { x: W - R, y: H - 6, 'text-anchor': 'end', class: 'axis' }, clock(t1)));
    names.forEach((name, i) => {
      const color = PALETTE[i % PALETTE.length];
      let points = [];
      const flush = () => {
        if (points.length === 1) {
          const [px, py] = points[0].split(',');
          chart.appendChild(svg('circle', { cx: px, cy: py, r: 2.5, fill: color, class: 'series', 'data-line': name }));
        } else if (points.length > 1) {
          chart.appendChild(svg('polyline', { points: points.join(' '), fill: 'none', stroke: color, 'stroke-width': 2,
            class: 'series', 'data-line': name }));
        }
        points = [];
      };
      lines[name].forEach((v, k) => {
        if (v === null) { flush(); return; }   // a gap: the node was down or the rate has no earlier sample
        points.push(x(series.times[k]).toFixed(1) + ',' + y(v).toFixed(1));
      });
      flush();
    });
    figure.appendChild(chart);
    const legend = document.createElement('figcaption');
    legend.className = 'legend';
    names.forEach((name, i) => {
      const last = [...lines[name]].reverse().find(v => v !== null);
      const item = document.createElement('span');
      item.style.setProperty('--swatch', PALETTE[i % PALETTE.length]);
      item.textContent = name + ' ' + formatValue(last, format);
      legend.appendChild(item);
    });
    figure.appendChild(legend);
    const first = lines[names[0]];
    const newest = [...first].reverse().find(v => v !== null);
    figure.dataset.last = newest === undefined ? '' : String(newest);
  }

  async function drawSvgCharts() {
    const figures = Array.from(document.querySelectorAll('figure.svg-chart[data-src]'));
    const answers = {};
    for (const figure of figures) {
      const src = figure.dataset.src;
      if (!(src in answers)) answers[src] = call('GET', src).catch(() => ({ ok: false }));
      const answer = await answers[src];
      if (answer.ok) { drawSvgChart(figure, answer.data); figure.dataset.drawn = 'true'; }
      else { figure.dataset.drawn = 'error'; figure.textContent = (answer.data && (answer.data.detail || answer.data.title)) || 'Error'; }
    }
  }

  document.addEventListener('DOMContentLoaded', () => {
    const first = document.querySelector('figure.svg-chart[data-src]');
    if (!first) return;
    drawSvgCharts();
    const seconds = Math.max(2, Number(first.dataset.refresh) || 10);
    setInterval(drawSvgCharts, seconds * 1000);
  });
})();
