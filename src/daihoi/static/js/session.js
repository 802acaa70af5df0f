// Live fragments (projector, presidium, desk) when the session has ended: the server answers
// 401 (accounts.middleware.SessionEndedMiddleware). Nothing is swapped, so the page keeps
// its last good state; the notice says so and links to the login page in a new tab. Once logged
// in again there, the next poll succeeds and the notice goes away; forms send the new CSRF token
// (login rotates it), so what was typed can be sent again without reloading the page.
(function () {
  "use strict";
  var notice = document.getElementById("session-ended");
  if (!notice) return;
  var pending = document.getElementById("session-ended-pending");

  function csrfCookie() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  document.body.addEventListener("htmx:configRequest", function (event) {
    var token = csrfCookie();
    if (token && event.detail.verb !== "get") {
      event.detail.parameters.csrfmiddlewaretoken = token;
    }
  });

  document.body.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.xhr.status !== 401) return;
    event.detail.shouldSwap = false;
    notice.hidden = false;
    // A form was being sent (a scan, a tap): say it was not recorded and is still on the page.
    if (pending && event.detail.requestConfig && event.detail.requestConfig.verb !== "get") {
      pending.hidden = false;
    }
  });

  document.body.addEventListener("htmx:afterRequest", function (event) {
    if (event.detail.successful) {
      notice.hidden = true;
      if (pending) pending.hidden = true;
    }
  });
})();
