// Check-in desk: keep the scanner field ready, and scan with the camera where the browser can.
// Progressive enhancement: the desk works without this file (plain forms).
import { qrCamera } from "../js/qr-camera.js";

const form = document.getElementById("scan-form");
if (form) desk(form);

function desk(form) {
  const field = document.getElementById("scan-code");

  // Every code scanned or typed is sent, in order, even while an earlier one is on its way
  // (the form's hx-sync="this:queue all"): htmx's default keeps only the last of the codes
  // waiting, and reads the field when it sends, so a code typed meanwhile was lost. The field
  // is emptied as soon as a code is taken, ready for the next card; each request sends the code
  // taken for it.
  const waiting = [];
  let sending = "";
  form.addEventListener(
    "submit",
    function () {
      waiting.push(field.value);
      field.value = "";
    },
    true,
  );
  document.body.addEventListener("htmx:configRequest", function (event) {
    if (event.detail.elt !== form) return;
    sending = waiting.length ? waiting.shift() : "";
    event.detail.parameters.code = sending;
  });

  // A scan that was not recorded (session ended, server or network down, a code refused)
  // comes back into the field, unless the next card is being typed there already.
  document.body.addEventListener("htmx:afterRequest", function (event) {
    if (event.detail.elt === form) {
      if (!event.detail.successful && !field.value) field.value = sending;
      if (event.detail.xhr && event.detail.xhr.status === 0) {
        // No answer at all (network, server down): say so beside the field, which keeps the code.
        const result = document.getElementById("scan-result");
        if (result) {
          result.textContent = "";
          const card = document.createElement("div");
          card.className = "scan-card scan-card--error";
          card.textContent = form.dataset.unsent;
          result.appendChild(card);
        }
      }
      field.focus();
    }
  });

  // Camera scanning where the browser reads QR codes: each card read is sent, the same card
  // held in front of the camera once every 3 seconds at most; the camera stays on for the next.
  let last = "";
  let lastAt = 0;
  qrCamera({
    button: document.getElementById("camera-button"),
    video: document.getElementById("camera"),
    onCode(value) {
      const now = Date.now();
      if (value !== last || now - lastAt > 3000) {
        last = value;
        lastAt = now;
        field.value = value;
        form.requestSubmit();
      }
      return false;
    },
  });
}
