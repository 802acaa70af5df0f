// The page a voting code's QR opens: /bo-phieu/#CODE. The code is in the fragment, which the
// browser never sends to the server; this script takes it out of the address (and of the
// history) at once and posts it, so it is exchanged for the voter session and appears in no
// URL, log line or Referer. Without scripts the delegate types the code in the form.
(function () {
  "use strict";
  function start() {
    var code = decodeURIComponent((window.location.hash || "").replace(/^#/, "")).trim();
    if (!code) { return; }
    if (window.history && window.history.replaceState) {
      window.history.replaceState(null, "", window.location.pathname);
    }
    var form = document.getElementById("code-form");
    var field = document.getElementById("ma");
    if (!form || !field) { return; }
    field.value = code;
    var opening = document.getElementById("opening");
    if (opening) { opening.hidden = false; }
    form.hidden = true;
    form.submit();
  }
  // A code arriving while this page is open (another QR scanned into the same tab) too.
  window.addEventListener("hashchange", start);
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
