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
