// The ops console: every snapshot from /ops/events redraws the tables the server rendered first.
(function () {
  const consoleRoot = document.querySelector('[data-testid=ops-console]');
  if (!consoleRoot) return;
  const dash = function (v) { return v === null || v === undefined ? '—' : String(v); };
  function cell(row, text, testid) {
    const td = document.createElement('td');
    td.textContent = text;
    if (testid) td.dataset.testid = testid;
    row.appendChild(td);
    return td;
  }
  function fill(testid, items, draw) {
    const body = document.querySelector('[data-testid=' + testid + ']');
    body.replaceChildren.apply(body, items.map(draw));
  }
  function row(testid) {
    const tr = document.createElement('tr');
    tr.dataset.testid = testid;
    return tr;
  }
  function uptime(s) {
    const h = Math.floor(s / 3600), m = Math.floor(s % 3600 / 60), sec = s % 60;
    return h > 0 ? h + ' h ' + String(m).padStart(2, '0') + ' min' : m + ' min ' + String(sec).padStart(2, '0') + ' s';
  }
  function group(g, open) {
    const d = document.createElement('details');
    d.dataset.testid = 'group-' + g.groupId;
    d.open = open;
    d.innerHTML = '<summary><strong></strong> <span class="state"></span> · lag <span class="lag"></span></summary>'
      + '<table class="lines"><thead><tr><th>partition</th><th>committed</th><th>end</th><th>lag</th></tr></thead><tbody></tbody></table><ul></ul>';
    d.querySelector('strong').textContent = g.groupId;
    d.querySelector('.state').textContent = '· ' + g.state + ' · ' + g.members.length + ' members';
    const lag = d.querySelector('.lag');
    lag.textContent = dash(g.totalLag);
    lag.dataset.testid = 'group-lag-' + g.groupId;
    const body = d.querySelector('tbody');
    g.partitions.forEach(function (p) {
      const tr = row('lag-' + g.groupId + '-' + p.topic + '-' + p.partition);
      cell(tr, p.topic + '-' + p.partition); cell(tr, dash(p.committed)); cell(tr, p.endOffset); cell(tr, dash(p.lag));
      body.appendChild(tr);
    });
    const list = d.querySelector('ul');
    g.members.forEach(function (m) {
      const li = document.createElement('li');
      li.textContent = m.clientId + ' (' + m.host + '): ' + m.assignment.length + ' partitions';
      list.appendChild(li);
    });
    return d;
  }
  // The same form the server renders: a plain POST with the page's CSRF token, answered by a redirect back here.
  function rotationForm(n) {
    const action = n.drained ? 'undrain' : 'drain';
    const form = document.createElement('form');
    form.method = 'post';
    form.action = '/ops/nodes/' + encodeURIComponent(n.id) + '/' + action;
    form.className = 'inline';
    const token = document.createElement('input');
    token.type = 'hidden'; token.name = 'csrf'; token.value = consoleRoot.dataset.csrf;
    const button = document.createElement('button');
    button.type = 'submit'; button.dataset.testid = 'node-' + action + '-' + n.id;
    button.textContent = n.drained ? 'Undrain' : 'Drain';
    form.append(token, button);
    return form;
  }
  function draw(s) {
    document.querySelector('[data-testid=ops-at]').textContent = s.at;
    const mixed = document.querySelector('[data-testid=ops-mixed-releases]');
    mixed.hidden = !s.mixedReleases;
    mixed.firstChild.textContent = 'The nodes run ' + s.releases.length + ' releases side by side: ';
    mixed.querySelector('[data-testid=ops-releases]').textContent = s.releases.join(', ');
    fill('ops-nodes', s.nodes, function (n) {
      const tr = row('node-' + n.id);
      cell(tr, n.id); cell(tr, n.service); cell(tr, n.release, 'node-release-' + n.id); cell(tr, n.version);
      cell(tr, uptime(n.uptimeSeconds)); cell(tr, n.requestsServed, 'node-requests-' + n.id);
      const place = cell(tr, '', 'node-rotation-' + n.id);
      if (n.drained) place.appendChild(document.createElement('strong')).textContent = 'DRAINED';
      else place.textContent = n.drainable ? 'in rotation' : 'at the balancer';
      if (n.drainable) place.appendChild(rotationForm(n));
      return tr;
    });
    const error = document.querySelector('[data-testid=ops-kafka-error]');
    error.hidden = s.kafka.reachable;
    error.textContent = 'Kafka did not answer: ' + dash(s.kafka.error);
    fill('ops-workers', s.kafka.workers, function (w) {
      const tr = row('worker-' + w.worker);
      cell(tr, w.worker); cell(tr, w.consumerGroup); cell(tr, w.members); cell(tr, w.lag); cell(tr, w.lagThreshold);
      cell(tr, w.min + '–' + w.max); cell(tr, w.partitions);
      cell(tr, '', 'recommended-' + w.worker).appendChild(document.createElement('strong')).textContent = w.recommended;
      return tr;
    });
    const opened = Array.from(document.querySelectorAll('[data-testid=ops-groups] details[open]')).map(function (d) { return d.dataset.testid; });
    fill('ops-groups', s.kafka.groups, function (g) { return group(g, opened.indexOf('group-' + g.groupId) >= 0); });
    fill('ops-dead-letters', s.kafka.deadLetters, function (d) {
      const tr = row('dlq-' + d.topic);
      cell(tr, d.topic); cell(tr, d.records, 'dlq-count-' + d.topic);
      return tr;
    });
    fill('ops-topics', s.kafka.topics, function (t) {
      const tr = row('topic-' + t.name);
      cell(tr, t.name); cell(tr, t.partitions); cell(tr, t.endOffsetTotal).title = t.endOffsets.join(', '); cell(tr, t.records);
      return tr;
    });
  }
  const events = new EventSource('/ops/events');
  events.addEventListener('snapshot', function (e) { draw(JSON.parse(e.data)); });
})();
