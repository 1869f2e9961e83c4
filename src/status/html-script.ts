// The HTML report's script, inlined: it reads the report embedded in the page and draws the matrix by OU
// (aggregated; an OU opens to its accounts, an account to its gaps and their reasons), filtered by
// control, account, region and status. Plain ES2019 in a string (no backticks, no "${" inside): it runs
// in the reader's browser, not in Node.
export const STATUS_SCRIPT = `
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var NA = { exempt: 1, excluded: 1, suspended: 1 };
  var PAGE = 100;
  var regions = data.regions;
  var controls = data.controls;
  var byId = {};
  data.accounts.forEach(function (a) { byId[a.id] = a; });
  var f = { control: '', region: '', status: '', account: '' };
  var gapIndex = null;

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function statusAt(cell, i) { return typeof cell === 'string' ? cell : (cell && cell[i]) || 'unknown'; }
  function shownControls() { return controls.filter(function (c) { return !f.control || c.id === f.control; }); }
  // The statuses of one account's cells for a control, within the region filter.
  function statuses(account, control) {
    var cell = account.cells[control.id];
    if (control.scope !== 'region') return [statusAt(cell, 0)];
    if (f.region) return [statusAt(cell, regions.indexOf(f.region))];
    return regions.map(function (_, i) { return statusAt(cell, i); });
  }
  function matchesAccount(a) {
    if (!f.account) return true;
    var q = f.account.toLowerCase();
    return a.id.indexOf(q) >= 0 || a.name.toLowerCase().indexOf(q) >= 0 || a.ou.toLowerCase().indexOf(q) >= 0;
  }
  function visible(a, shown) {
    if (!matchesAccount(a)) return false;
    if (!f.status) return true;
    return shown.some(function (c) { return statuses(a, c).indexOf(f.status) >= 0; });
  }
  function tally(list, control) {
    var t = { covered: 0, applicable: 0, count: 0, by: {} };
    list.forEach(function (a) {
      statuses(a, control).forEach(function (s) {
        t.by[s] = (t.by[s] || 0) + 1;
        if (f.status && s === f.status) t.count++;
        if (NA[s]) return;
        t.applicable++;
        if (s === 'covered') t.covered++;
      });
    });
    return t;
  }
  function bar(t) {
    var b = el('div', { class: 'bar' });
    var total = 0;
    Object.keys(t.by).forEach(function (s) { total += t.by[s]; });
    Object.keys(t.by).sort().forEach(function (s) {
      var part = el('span', { class: 's-' + s, title: t.by[s] + ' ' + s });
      part.style.width = (100 * t.by[s] / total) + '%';
      b.appendChild(part);
    });
    return b;
  }
  function tallyCell(t, control) {
    var td = el('td', { class: 'num', 'data-control': control.id, 'data-covered': t.covered, 'data-applicable': t.applicable, 'data-count': t.count });
    var label = f.status ? t.count.toLocaleString('en-US') + ' ' + f.status
      : t.applicable === 0 ? '–' : t.covered.toLocaleString('en-US') + ' / ' + t.applicable.toLocaleString('en-US');
    td.appendChild(el('div', null, label));
    td.appendChild(bar(t));
    return td;
  }
  function accountCell(a, control) {
    var list = statuses(a, control);
    var td = el('td', { 'data-control': control.id, 'data-statuses': list.join(',') });
    if (list.length === 1) { td.appendChild(el('span', { class: 'badge s-' + list[0] }, list[0])); return td; }
    var strip = el('span', { class: 'strip' });
    list.forEach(function (s, i) { strip.appendChild(el('i', { class: 's-' + s, title: regions[i] + ': ' + s })); });
    td.appendChild(strip);
    return td;
  }
  function indexGaps() {
    if (gapIndex) return gapIndex;
    gapIndex = {};
    data.gaps.forEach(function (g) {
      g.accounts.forEach(function (id) { (gapIndex[id] = gapIndex[id] || []).push(g); });
    });
    return gapIndex;
  }
  function detailRow(a, span) {
    var tr = el('tr', { class: 'detail', 'data-detail': a.id });
    var td = el('td', { colspan: span });
    var gaps = (indexGaps()[a.id] || []).filter(function (g) {
      return (!f.control || g.control === f.control) && (!f.status || g.status === f.status) &&
        (!f.region || g.regions.length === 0 || g.regions.indexOf(f.region) >= 0);
    });
    td.appendChild(el('div', null, a.name + ' (' + a.id + '), ' + a.ou + ', ' + a.state + (a.management ? ', management account' : '')));
    if (gaps.length === 0) td.appendChild(el('div', { class: 'muted' }, 'No gap here: every shown control is covered.'));
    var ul = el('ul');
    gaps.forEach(function (g) {
      var li = el('li');
      li.appendChild(el('span', { class: 'badge s-' + g.status }, g.status));
      var where = g.regions.length === 0 ? '' : g.regions.length === regions.length ? ' in every region' : ' in ' + g.regions.join(', ');
      li.appendChild(document.createTextNode(' ' + g.control + where + ': ' + g.reason));
      ul.appendChild(li);
    });
    td.appendChild(ul);
    tr.appendChild(td);
    return tr;
  }
  function addAccounts(tbody, after, list, from, shown) {
    var anchor = after;
    list.slice(from, from + PAGE).forEach(function (a) {
      var tr = el('tr', { class: 'account', 'data-account': a.id });
      tr.appendChild(el('td', null, a.name + ' · ' + a.id + (a.state !== 'ACTIVE' ? ' · ' + a.state : '')));
      tr.appendChild(el('td', { class: 'num' }, ''));
      shown.forEach(function (c) { tr.appendChild(accountCell(a, c)); });
      tr.addEventListener('click', function () {
        var next = tr.nextSibling;
        if (next && next.getAttribute && next.getAttribute('data-detail') === a.id) { next.remove(); return; }
        tr.parentNode.insertBefore(detailRow(a, shown.length + 2), tr.nextSibling);
      });
      tbody.insertBefore(tr, anchor.nextSibling);
      anchor = tr;
    });
    if (list.length > from + PAGE) {
      var row = el('tr', { class: 'more-row' });
      var td = el('td', { colspan: shown.length + 2 });
      var button = el('button', { class: 'more', type: 'button' }, 'Show ' + Math.min(PAGE, list.length - from - PAGE) + ' more of ' + (list.length - from - PAGE).toLocaleString('en-US') + ' remaining accounts');
      button.addEventListener('click', function (e) {
        e.stopPropagation();
        row.remove();
        addAccounts(tbody, anchor, list, from + PAGE, shown);
      });
      td.appendChild(button);
      row.appendChild(td);
      tbody.insertBefore(row, anchor.nextSibling);
    }
  }
  var open = {};
  var cached = { key: null, view: null };
  // Accounts by OU and their tallies, computed once per filter state: opening an OU only redraws.
  function grouped(shown) {
    var key = JSON.stringify(f);
    if (cached.key === key) return cached.view;
    var groups = {};
    var order = [];
    var count = 0;
    data.accounts.forEach(function (a) {
      if (!visible(a, shown)) return;
      count++;
      if (!groups[a.ou]) { groups[a.ou] = []; order.push(a.ou); }
      groups[a.ou].push(a);
    });
    order.sort();
    var tallies = {};
    order.forEach(function (ou) {
      tallies[ou] = {};
      shown.forEach(function (c) { tallies[ou][c.id] = tally(groups[ou], c); });
    });
    cached = { key: key, view: { groups: groups, order: order, count: count, tallies: tallies } };
    return cached.view;
  }
  function drawMatrix() {
    var shown = shownControls();
    var table = document.getElementById('matrix');
    var thead = el('thead');
    var hr = el('tr');
    hr.appendChild(el('th', null, 'OU / account'));
    hr.appendChild(el('th', { class: 'num' }, 'Accounts'));
    shown.forEach(function (c) { hr.appendChild(el('th', { class: 'num', title: c.source }, c.label)); });
    thead.appendChild(hr);
    var tbody = el('tbody');
    var view = grouped(shown);
    var groups = view.groups;
    var order = view.order;
    var count = view.count;
    order.forEach(function (ou) {
      var list = groups[ou];
      var tr = el('tr', { class: 'ou' + (open[ou] ? ' open' : ''), 'data-ou': ou, 'data-accounts': list.length });
      tr.appendChild(el('td', null, ou));
      tr.appendChild(el('td', { class: 'num' }, list.length.toLocaleString('en-US')));
      shown.forEach(function (c) { tr.appendChild(tallyCell(view.tallies[ou][c.id], c)); });
      tr.addEventListener('click', function () {
        open[ou] = !open[ou];
        drawMatrix();
      });
      tbody.appendChild(tr);
      if (open[ou]) addAccounts(tbody, tr, list, 0, shown);
    });
    table.replaceChildren(thead, tbody);
    document.getElementById('shown').textContent = count.toLocaleString('en-US') + ' of ' +
      data.accounts.length.toLocaleString('en-US') + ' accounts in ' + order.length + ' OU(s)' +
      (f.region ? ', region ' + f.region : ', ' + regions.length + ' regions') + '. Click an OU to list its accounts, an account for its gaps and their reasons.';
  }
  function fill(select, values, all) {
    select.appendChild(el('option', { value: '' }, all));
    values.forEach(function (v) { select.appendChild(el('option', { value: v[0] }, v[1])); });
  }
  fill(document.getElementById('f-control'), controls.map(function (c) { return [c.id, c.label]; }), 'All controls');
  fill(document.getElementById('f-region'), regions.map(function (r) { return [r, r]; }), 'All regions');
  var seen = {};
  Object.keys(data.counts).forEach(function (c) { Object.keys(data.counts[c]).forEach(function (s) { seen[s] = 1; }); });
  fill(document.getElementById('f-status'), Object.keys(seen).sort().map(function (s) { return [s, s]; }), 'Any status');
  ['control', 'region', 'status'].forEach(function (k) {
    document.getElementById('f-' + k).addEventListener('change', function (e) { f[k] = e.target.value; drawMatrix(); });
  });
  var timer = 0;
  document.getElementById('f-account').addEventListener('input', function (e) {
    clearTimeout(timer);
    timer = setTimeout(function () { f.account = e.target.value.trim(); drawMatrix(); }, 150);
  });
  drawMatrix();
  document.body.setAttribute('data-ready', 'true');
})();
`
