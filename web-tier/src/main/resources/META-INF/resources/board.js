// The staff board: one card per active order, moved between columns as status events arrive.
(function () {
  const board = document.querySelector('[data-testid=board]');
  if (!board) return;
  const csrf = board.dataset.csrf;
  const versions = {};
  function action(order, path, label, testid) {
    const form = document.createElement('form');
    form.method = 'post';
    form.action = '/board/orders/' + order.orderId + '/' + path;
    form.innerHTML = '<input type="hidden" name="csrf"><button type="submit"></button>';
    form.querySelector('input').value = csrf;
    const button = form.querySelector('button');
    button.textContent = label;
    button.dataset.testid = testid + '-' + order.orderId;
    if (path === 'cancel') button.className = 'quiet';
    return form;
  }
  function place(order) {
    if ((versions[order.orderId] || -1) >= order.version) return;
    versions[order.orderId] = order.version;
    const old = document.getElementById('order-' + order.orderId);
    if (old) old.remove();
    const column = board.querySelector('.column[data-status="' + order.status + '"] .cards');
    if (!column) return; // picked up, cancelled or rejected: off the board
    const card = document.createElement('div');
    card.className = 'card';
    card.id = 'order-' + order.orderId;
    card.dataset.testid = 'board-card-' + order.orderId;
    const lines = order.lines.map(function (l) { return l.quantity + ' × ' + l.name; }).join(', ');
    const pickup = order.pickupAt ? new Date(order.pickupAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : '';
    card.innerHTML = '<strong></strong><div class="lines"></div><small></small><div class="actions"></div>';
    card.querySelector('strong').textContent = order.customer.name;
    card.querySelector('.lines').textContent = lines;
    card.querySelector('small').textContent = 'pickup ' + pickup + ' · ' + order.orderId.slice(-6);
    const actions = card.querySelector('.actions');
    if (order.status === 'READY') actions.appendChild(action(order, 'pick-up', 'Picked up', 'pick-up'));
    if (order.status === 'PLACED' || order.status === 'ACCEPTED') actions.appendChild(action(order, 'cancel', 'Cancel', 'cancel'));
    column.appendChild(card);
  }
  const events = new EventSource('/api/board/events');
  events.addEventListener('order', function (e) { place(JSON.parse(e.data)); });
})();
