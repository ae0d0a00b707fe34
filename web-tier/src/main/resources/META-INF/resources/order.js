// Keeps the order page live: the browser's EventSource reconnects by itself and sends the last
// version it saw as Last-Event-ID, so the server only sends what is new.
(function () {
  const section = document.querySelector('[data-testid=order]');
  if (!section) return;
  const steps = ['PLACED', 'ACCEPTED', 'BAKING', 'READY'];
  function show(order) {
    section.dataset.version = order.version;
    section.querySelector('[data-testid=order-status]').textContent = order.status;
    section.querySelector('[data-testid=order-reason]').textContent = order.reason || '';
    const at = steps.indexOf(order.status);
    section.querySelectorAll('.progress li').forEach(function (li, i) {
      li.classList.toggle('done', at >= 0 && i < at);
      li.classList.toggle('now', i === at);
    });
  }
  show({ status: section.querySelector('[data-testid=order-status]').textContent, version: section.dataset.version });
  const events = new EventSource('/api/orders/' + section.dataset.orderId + '/events');
  events.addEventListener('status', function (e) { show(JSON.parse(e.data)); });
})();
