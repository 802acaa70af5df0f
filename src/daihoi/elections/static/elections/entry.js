// Entry screen: Enter sends the line and clears the field at once, so the teller can type the
// next ballot while the server answers; lines go out one at a time, in order (htmx.ajax).
(function () {
  "use strict";
  function start() {
    var form = document.getElementById("entry-form");
    if (!form || !window.htmx) { return; }
    var field = form.querySelector("input[name=keys]");
    var mode = form.querySelector("select[name=mode]");
    var token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
    var queue = Promise.resolve();
    var what = document.getElementById("mode-what");
    mode.addEventListener("change", function () {
      what.textContent = mode.value === "kept" ? "các tên còn giữ" : "các tên bị gạch";
      field.focus();
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var keys = field.value;
      var chosen = mode.value;
      field.value = "";
      field.focus();
      queue = queue.then(function () {
        return window.htmx.ajax("POST", form.action, {
          target: "#entry-panel",
          swap: "outerHTML",
          values: { keys: keys, mode: chosen },
          headers: { "X-CSRFToken": token }
        });
      }).catch(function () {});
    });
    // htmx swaps error answers (422) too: the message says what was wrong with the line.
    document.body.addEventListener("htmx:beforeSwap", function (event) {
      if (event.detail.xhr.status === 422) { event.detail.shouldSwap = true; event.detail.isError = false; }
    });
    field.focus();
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
