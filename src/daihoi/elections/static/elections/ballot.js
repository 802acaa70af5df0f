// The phone ballot: crossing names shows how many are kept and allows sending only a ballot the
// rules count as valid (no more names kept than seats; not every name crossed, unless the rules
// allow it, e.g. a single-name list). The server checks the same again. An encrypted ballot's
// button stays off until ballot-encrypted.js is ready to encrypt (data-ready, 'ballot-ready'):
// sent before, the ballot would leave without its ciphertexts and be refused.
(function () {
  "use strict";
  function start() {
    var form = document.getElementById("ballot");
    if (!form) { return; }
    var seats = parseInt(form.dataset.seats, 10);
    var allCrossedOk = form.dataset.allCrossedOk === "1";
    var boxes = form.querySelectorAll("input[type=checkbox]");
    var state = document.getElementById("ballot-state");
    var cast = document.getElementById("cast");
    var encrypted = form.dataset.publicKey !== undefined;
    function update() {
      var kept = 0;
      boxes.forEach(function (box) {
        box.closest("li").classList.toggle("crossed", box.checked);
        if (!box.checked) { kept += 1; }
      });
      var problem = "";
      if (kept > seats) {
        problem = "Còn " + kept + " tên, nhiều hơn số cần bầu (" + seats + "): gạch thêm " + (kept - seats) + " tên.";
      } else if (kept === 0 && !allCrossedOk) {
        problem = "Không được gạch hết tên.";
      }
      state.textContent = problem || ("Bạn bầu " + kept + " người.");
      state.classList.toggle("problem", problem !== "");
      cast.disabled = problem !== "" || (encrypted && form.dataset.ready !== "1");
    }
    boxes.forEach(function (box) { box.addEventListener("change", update); });
    form.addEventListener("ballot-ready", update);
    form.addEventListener("submit", function () { cast.disabled = true; });
    update();
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
