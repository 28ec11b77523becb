// Keeps a submission page current while a run is queued or running: every few seconds it fetches
// the page again and swaps in the part marked #live, until that part says it is settled. Without
// JavaScript the page's <noscript> meta refresh does the same job.
(function () {
  function schedule() {
    var live = document.getElementById('live');
    if (!live || !live.dataset.refresh) return;
    setTimeout(refresh, Number(live.dataset.refresh) * 1000);
  }
  function refresh() {
    fetch(location.href, { credentials: 'same-origin', headers: { Accept: 'text/html' } })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.text(); })
      .then(function (html) {
        var old = document.getElementById('live');
        var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('live');
        if (!old || !fresh) return;
        // Follow the log's tail unless the reader has scrolled up in it.
        var log = old.querySelector('pre.log');
        var following = !log || log.scrollTop + log.clientHeight >= log.scrollHeight - 8;
        old.replaceWith(fresh);
        var newLog = fresh.querySelector('pre.log');
        if (newLog && following) newLog.scrollTop = newLog.scrollHeight;
        schedule();
      })
      .catch(function () { setTimeout(refresh, 15000); });
  }
  document.addEventListener('DOMContentLoaded', function () {
    var live = document.getElementById('live');
    var log = live && live.dataset.refresh && live.querySelector('pre.log');
    if (log) log.scrollTop = log.scrollHeight;
    schedule();
  });
})();

// Keeps the competition's countdown (layout.html) ticking between page loads; at zero the page
// loads again, so that the server says what changed (open, closed).
(function () {
  function left(ms) {
    var s = Math.max(0, Math.floor(ms / 1000));
    var d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600), m = Math.floor(s % 3600 / 60);
    if (d > 0) return d + ' d ' + h + ' h';
    if (h > 0) return h + ' h ' + m + ' min';
    return m > 0 ? m + ' min ' + (s % 60) + ' s' : (s % 60) + ' s';
  }
  document.addEventListener('DOMContentLoaded', function () {
    var el = document.querySelector('[data-until]');
    if (!el || el.dataset.state === 'closed') return;
    var until = Date.parse(el.dataset.until);
    var word = el.dataset.state === 'open' ? 'Closes in ' : 'Opens in ';
    // Already past by this browser's clock (its clock differs from the server's): no reload loop.
    if (!(until > Date.now())) return;
    var timer = setInterval(function () {
      var ms = until - Date.now();
      el.textContent = word + left(ms) + ' (' + el.dataset.until + ')';
      if (ms <= 0) { clearInterval(timer); location.reload(); }
    }, 1000);
  });
})();

// The explanation gallery: a click on an occlusion map shows the plain radiograph, and back.
// Delegated from the document, since the live part of the page is swapped while runs go on.
document.addEventListener('click', function (event) {
  var button = event.target.closest && event.target.closest('button.flip');
  if (!button) return;
  var img = button.querySelector('img');
  var other = button.dataset.other;
  button.dataset.other = img.getAttribute('src');
  img.setAttribute('src', other);
  var plain = button.getAttribute('aria-pressed') !== 'true';
  button.setAttribute('aria-pressed', plain ? 'true' : 'false');
  button.title = plain ? 'Show the occlusion map' : 'Show the plain radiograph';
});
