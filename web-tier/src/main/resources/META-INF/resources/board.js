// The staff board at volume. Every active order arrives over one event stream and is kept here, by
// id, at its newest version; the page draws only what a person can see: each column's count, and
// one page of its orders, oldest first, filtered by the search. Drawing waits for the next frame,
// so thousands of events at start draw the board a few times, not thousands of times.
(function () {
  const board = document.querySelector('[data-testid=board]');
  if (!board) return;
  const csrf = board.dataset.csrf;
  const pageSize = parseInt(board.dataset.pageSize, 10);
  const search = document.querySelector('[data-testid=board-search]');
  const status = document.querySelector('[data-testid=board-status]');
  const orders = new Map();
  const selected = new Set();
  const pages = {};
  const columns = {};
  board.querySelectorAll('.column').forEach(function (el) {
    columns[el.dataset.status] = el;
    pages[el.dataset.status] = 0;
  });
  let drawing = false;
  let focusedId = null;

  function shortId(id) { return id.slice(-6).toUpperCase(); }
  function time(instant) { return new Date(instant).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }); }
  function isLate(order, now) { return order.pickupAt && Date.parse(order.pickupAt) < now; }

  function matches(order, query) {
    if (!query) return true;
    const q = query.trim().toLowerCase();
    return shortId(order.orderId).toLowerCase().indexOf(q) >= 0 || order.orderId.indexOf(q) === 0
      || order.customer.name.toLowerCase().indexOf(q) >= 0;
  }

  function place(order) {
    const known = orders.get(order.orderId);
    if (known && known.version >= order.version) return;
    if (columns[order.status]) {
      // a change carries no placed-at time: the order keeps the one it came with (or, new here, its change's)
      if (!order.placedAt) order.placedAt = known ? known.placedAt : order.updatedAt;
      order.placedMs = Date.parse(order.placedAt); // instants come with 0 to 9 decimals: compare them as numbers
      orders.set(order.orderId, order);
    } else {
      orders.delete(order.orderId); // picked up, cancelled or rejected: off the board
    }
    if (order.status !== 'READY') selected.delete(order.orderId);
    later();
  }

  function later() {
    if (drawing) return;
    drawing = true;
    requestAnimationFrame(draw);
  }

  function byAge(a, b) {
    return a.placedMs - b.placedMs || (a.orderId < b.orderId ? -1 : 1);
  }

  function draw() {
    drawing = false;
    const now = Date.now();
    const query = search.value;
    const byStatus = {};
    Object.keys(columns).forEach(function (s) { byStatus[s] = []; });
    let counted = 0;
    orders.forEach(function (order) {
      if (!matches(order, query)) return;
      byStatus[order.status].push(order);
      counted++;
    });
    Object.keys(columns).forEach(function (s) {
      const list = byStatus[s].sort(byAge);
      const column = columns[s];
      column.querySelector('.count').textContent = list.length;
      const last = Math.max(0, Math.ceil(list.length / pageSize) - 1);
      pages[s] = Math.min(pages[s], last);
      const from = pages[s] * pageSize;
      const shown = list.slice(from, from + pageSize);
      const cards = column.querySelector('.cards');
      cards.replaceChildren.apply(cards, shown.map(function (o) { return card(o, now); }));
      const pager = column.querySelector('.pager');
      pager.hidden = list.length <= pageSize;
      pager.querySelector('.range').textContent = list.length === 0 ? '' : (from + 1) + '–' + (from + shown.length) + ' of ' + list.length;
      pager.querySelector('.prev').disabled = pages[s] === 0;
      pager.querySelector('.next').disabled = pages[s] >= last;
    });
    const bulk = board.querySelector('[data-testid=bulk-pick-up]');
    bulk.textContent = 'Picked up: ' + selected.size + ' selected';
    bulk.disabled = selected.size === 0;
    if (focusedId) {
      const again = document.getElementById('order-' + focusedId);
      if (again) again.focus();
    }
    status.textContent = query ? counted + ' orders match “' + query + '”' : '';
  }

  function card(order, now) {
    const li = document.createElement('li');
    li.className = 'card';
    li.id = 'order-' + order.orderId;
    li.tabIndex = 0;
    li.dataset.testid = 'board-card-' + order.orderId;
    li.dataset.orderId = order.orderId;
    const late = isLate(order, now) && order.status !== 'PICKED_UP';
    if (late) li.classList.add('late');
    li.innerHTML = '<div class="row"><span class="id"></span><strong class="name"></strong><span class="pickup"></span></div>'
      + '<div class="lines"></div><div class="actions"></div>';
    li.querySelector('.id').textContent = shortId(order.orderId);
    li.querySelector('.name').textContent = order.customer.name;
    const pickup = li.querySelector('.pickup');
    pickup.textContent = order.pickupAt ? time(order.pickupAt) : '';
    if (late) {
      const mark = document.createElement('span');
      mark.className = 'late-mark';
      mark.dataset.testid = 'late-' + order.orderId;
      mark.textContent = 'late';
      pickup.appendChild(document.createTextNode(' '));
      pickup.appendChild(mark);
    }
    li.querySelector('.lines').textContent = order.lines.map(function (l) { return l.quantity + ' × ' + l.name; }).join(', ');
    const label = shortId(order.orderId) + ' for ' + order.customer.name;
    li.setAttribute('aria-label', 'Order ' + label + (order.pickupAt ? ', pickup ' + time(order.pickupAt) : '') + (late ? ', late' : ''));
    const actions = li.querySelector('.actions');
    if (order.status === 'READY') {
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.checked = selected.has(order.orderId);
      box.dataset.testid = 'select-' + order.orderId;
      box.setAttribute('aria-label', 'Select order ' + label);
      box.addEventListener('change', function () { toggle(order.orderId, box.checked); });
      actions.appendChild(box);
      actions.appendChild(button('Picked up', 'pick-up', order, label));
    }
    if (order.status === 'PLACED' || order.status === 'ACCEPTED') actions.appendChild(button('Cancel', 'cancel', order, label));
    return li;
  }

  function button(text, path, order, label) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = text;
    b.dataset.testid = path + '-' + order.orderId;
    b.setAttribute('aria-label', text + ': order ' + label);
    if (path === 'cancel') b.className = 'quiet';
    b.addEventListener('click', function () { act(order.orderId, path); });
    return b;
  }

  function toggle(id, on) {
    if (on) selected.add(id); else selected.delete(id);
    later();
  }

  function post(path, ids) {
    const body = new URLSearchParams();
    body.append('csrf', csrf);
    ids.forEach(function (id) { body.append('id', id); });
    // 303 back to the board for a form without scripts; here the answer itself is all we need.
    return fetch(path, { method: 'POST', body: body, redirect: 'manual', credentials: 'same-origin' })
      .then(function (r) {
        if (r.type !== 'opaqueredirect' && !r.ok) {
          return r.json().then(function (p) { throw new Error(p.detail || r.statusText); }, function () { throw new Error(r.statusText); });
        }
      });
  }

  function act(id, path) {
    const order = orders.get(id);
    status.textContent = (path === 'cancel' ? 'Cancelling ' : 'Marking picked up ') + shortId(id) + '…';
    post('/board/orders/' + id + '/' + path, []).then(function () {
      status.textContent = (path === 'cancel' ? 'Cancel sent for ' : 'Picked up sent for ') + shortId(id)
        + (order ? ' (' + order.customer.name + ')' : '');
    }, function (e) { status.textContent = 'Not sent: ' + e.message; });
  }

  board.querySelector('[data-testid=bulk-pick-up]').addEventListener('click', function () {
    const ids = Array.from(selected);
    if (ids.length === 0) return;
    status.textContent = 'Marking ' + ids.length + ' orders picked up…';
    post('/board/orders/pick-up', ids).then(function () {
      ids.forEach(function (id) { selected.delete(id); });
      status.textContent = ids.length + ' orders marked picked up';
      later();
    }, function (e) { status.textContent = 'Not sent: ' + e.message; });
  });

  Object.keys(columns).forEach(function (s) {
    const pager = columns[s].querySelector('.pager');
    pager.querySelector('.prev').addEventListener('click', function () { pages[s] = Math.max(0, pages[s] - 1); later(); });
    pager.querySelector('.next').addEventListener('click', function () { pages[s]++; later(); });
  });

  search.addEventListener('input', function () {
    Object.keys(pages).forEach(function (s) { pages[s] = 0; });
    later();
  });

  // Keyboard: arrows move between the orders of a column, P / C / Space act on the focused one.
  document.addEventListener('focusin', function (e) {
    const li = e.target.closest && e.target.closest('li.card');
    focusedId = li ? li.dataset.orderId : null;
  });
  board.addEventListener('keydown', function (e) {
    const li = e.target.closest('li.card');
    if (!li || e.target !== li || e.altKey || e.ctrlKey || e.metaKey) return;
    const order = orders.get(li.dataset.orderId);
    if (!order) return;
    const key = e.key.toLowerCase();
    if (key === 'arrowdown' || key === 'arrowup') {
      const next = key === 'arrowdown' ? li.nextElementSibling : li.previousElementSibling;
      if (next) next.focus();
    } else if (key === 'p' && order.status === 'READY') {
      act(order.orderId, 'pick-up');
    } else if (key === 'c' && (order.status === 'PLACED' || order.status === 'ACCEPTED')) {
      act(order.orderId, 'cancel');
    } else if (key === ' ' && order.status === 'READY') {
      toggle(order.orderId, !selected.has(order.orderId));
    } else {
      return;
    }
    e.preventDefault();
  });

  // Late is measured against the clock: look again every half minute.
  setInterval(later, 30000);
  // The orders the board starts with come a page per event ("orders"); every change after them is one "order".
  // A node of the release before sends single events only, which read the same way.
  const events = new EventSource('/api/board/events?snapshot=pages');
  events.addEventListener('orders', function (e) { JSON.parse(e.data).forEach(place); });
  events.addEventListener('order', function (e) { place(JSON.parse(e.data)); });
})();
