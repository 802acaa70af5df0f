// Check-in desk: keep the scanner field ready, and scan with the camera where the browser can.
// Progressive enhancement: the desk works without this file (plain forms).
(function () {
  "use strict";
  var form = document.getElementById("scan-form");
  if (!form) return;
  var field = document.getElementById("scan-code");

  // After each recorded scan the field is emptied and focused again, ready for the next card.
  // A scan that was not recorded (session ended, server or network down) stays in the field.
  document.body.addEventListener("htmx:afterRequest", function (event) {
    if (event.detail.elt === form) {
      if (event.detail.successful) field.value = "";
      else if (event.detail.xhr && event.detail.xhr.status === 0) {
        // No answer at all (network, server down): say so beside the field, which keeps the code.
        var result = document.getElementById("scan-result");
        if (result) {
          result.textContent = "";
          var card = document.createElement("div");
          card.className = "scan-card scan-card--error";
          card.textContent = form.dataset.unsent;
          result.appendChild(card);
        }
      }
      field.focus();
    }
  });

  // Camera scanning with the BarcodeDetector API (Chrome on Android, Edge, ...).
  var button = document.getElementById("camera-button");
  var video = document.getElementById("camera");
  if (!button || !video || !("BarcodeDetector" in window) || !navigator.mediaDevices) return;
  var detector = null;
  var stream = null;
  var last = "";
  var lastAt = 0;

  function stop() {
    if (stream) stream.getTracks().forEach(function (track) { track.stop(); });
    stream = null;
    video.hidden = true;
    button.textContent = button.dataset.start;
  }

  function scan() {
    if (!stream) return;
    detector.detect(video).then(function (codes) {
      var now = Date.now();
      if (codes.length) {
        var value = codes[0].rawValue;
        // The same card held in front of the camera is sent once every 3 seconds at most.
        if (value !== last || now - lastAt > 3000) {
          last = value;
          lastAt = now;
          field.value = value;
          form.requestSubmit();
        }
      }
    }).catch(function () {}).finally(function () { window.setTimeout(scan, 250); });
  }

  function start() {
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .then(function (media) {
        stream = media;
        video.srcObject = media;
        video.hidden = false;
        button.textContent = button.dataset.stop;
        return video.play();
      })
      .then(scan)
      .catch(function () { stop(); });
  }

  window.BarcodeDetector.getSupportedFormats().then(function (formats) {
    if (formats.indexOf("qr_code") < 0) return;
    detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    button.dataset.start = button.textContent;
    button.hidden = false;
    button.addEventListener("click", function () { if (stream) stop(); else start(); });
  }).catch(function () {});
})();
